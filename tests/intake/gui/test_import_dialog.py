"""A clerk imports an office workbook and a KoboToolbox/ODK export through the screens, pressing
the buttons: columns, then the values to confirm (one answered by keyboard), then the import;
the list refreshes itself and shows the records to check."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop_app.app.demo import demo_profile
from desktop_app.core.gui import messages, pdf
from desktop_app.core.services import office
from desktop_app.intake.gui.field_dialogs import FieldFormDialog
from desktop_app.intake.gui.import_dialog import ImportDialog
from desktop_app.intake.gui.list_page import IntakeListPage
from tests.intake.services.test_fieldwork import _odk_central_zip
from tests.intake.services.test_office_sheets import HEADER, office_sheet

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def page(qtbot, app_ctx, admin):
    office.save_profile(app_ctx, admin, demo_profile())
    messages.captured, pdf.opened = [], []
    page = IntakeListPage(app_ctx, admin)
    qtbot.addWidget(page)
    page.resize(1024, 700)
    page.show()
    yield page
    messages.captured, pdf.opened = None, None


def _dialog(qtbot, page) -> ImportDialog:
    qtbot.waitUntil(lambda: page.findChild(ImportDialog) is not None, timeout=20_000)
    dialog = page.findChild(ImportDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _to_last_step(qtbot, page, path, monkeypatch) -> ImportDialog:
    """Open ``path`` with Impor Excel… and press Lanjut up to the Impor step."""
    monkeypatch.setattr(pdf, "ask_open_path", lambda *a, **k: path)
    qtbot.mouseClick(page.import_button, LEFT)
    dialog = _dialog(qtbot, page)
    _next_to_last_step(qtbot, dialog)
    return dialog


def _next_to_last_step(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.next_button, LEFT)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() >= 1, timeout=20_000)
    while dialog.pages.currentIndex() < 2:
        qtbot.mouseClick(dialog.next_button, LEFT)


def _import(qtbot, dialog) -> str:
    """Press Impor; the result's text."""
    qtbot.mouseClick(dialog.import_button, LEFT)
    qtbot.waitUntil(lambda: any(c[0] in ("Hasil impor", "Kesalahan tak terduga")
                                for c in messages.captured), timeout=60_000)
    _no_bug(messages.captured)
    return next(c[1] for c in messages.captured if c[0] == "Hasil impor")


def _no_bug(captured):
    assert not [c for c in captured if c[0] == "Kesalahan tak terduga"], captured


def test_office_sheet_through_the_import_dialog(qtbot, page, tmp_path, monkeypatch):
    path = tmp_path / "rtlh_2027.xlsx"
    office_sheet(path)
    monkeypatch.setattr(pdf, "ask_open_path", lambda *a, **k: path)
    qtbot.mouseClick(page.import_button, LEFT)
    dialog = _dialog(qtbot, page)
    assert dialog.combos[HEADER.index("DESA/KEL")].currentData() == "desa"
    assert dialog.combos[HEADER.index("KET")].currentData() == "description"
    qtbot.mouseClick(dialog.next_button, LEFT)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=20_000)
    raws = [dialog.values.item(i, 1).text() for i in range(dialog.values.rowCount())]
    sumur = dialog.value_combos[raws.index("sumur")]
    assert sumur.currentText() == "(kosongkan, perlu dicek)"
    for _ in range(sumur.findText("Sumur gali terlindungi")):  # the clerk answers with ↓
        qtbot.keyClick(sumur, Qt.Key.Key_Down)
    assert sumur.currentText() == "Sumur gali terlindungi"
    assert dialog.value_combos[raws.index("RB")].currentText() == "Rusak berat"
    qtbot.mouseClick(dialog.next_button, LEFT)
    assert dialog.pages.currentIndex() == 2 and dialog.import_button.isVisible()
    qtbot.mouseClick(dialog.import_button, LEFT)
    qtbot.waitUntil(lambda: any(c[0] in ("Hasil impor", "Kesalahan tak terduga")
                                for c in messages.captured), timeout=60_000)
    _no_bug(messages.captured)
    summary = next(c[1] for c in messages.captured if c[0] == "Hasil impor")
    assert summary.startswith("6 baris diimpor (4 di antaranya perlu dicek), 4 ditolak")
    assert page.model.total == 6  # refreshed by the change bus, not by hand
    qtbot.mouseClick(page.to_check, LEFT)
    assert page.model.total == 4


def test_field_form_and_field_results_through_the_buttons(qtbot, page, tmp_path, monkeypatch):
    app = page.app
    target = tmp_path / "formulir-lapangan-rtlh.xlsx"
    monkeypatch.setattr(pdf, "ask_save_path", lambda *a, **k: target)
    qtbot.mouseClick(page.field_form_button, LEFT)
    qtbot.waitUntil(lambda: page.findChild(FieldFormDialog) is not None)
    form_dialog = page.findChild(FieldFormDialog)
    save = form_dialog.findChildren(type(page.new_button))[0]
    assert save.text() == "Simpan formulir…"
    qtbot.mouseClick(save, LEFT)
    assert target.exists() and "Unggah" in messages.captured[-1][1]

    export = _odk_central_zip(target, tmp_path / "kula_rakat_rtlh.zip")
    monkeypatch.setattr(pdf, "ask_open_path", lambda *a, **k: export)
    qtbot.mouseClick(page.field_import_button, LEFT)
    dialog = _dialog(qtbot, page)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=20_000)
    qtbot.mouseClick(dialog.next_button, LEFT)
    qtbot.mouseClick(dialog.import_button, LEFT)
    qtbot.waitUntil(lambda: any(c[0] in ("Hasil impor", "Kesalahan tak terduga")
                                for c in messages.captured), timeout=60_000)
    _no_bug(messages.captured)
    assert page.model.total == 2
    assert app is not None


def test_the_same_file_twice_through_the_dialog_says_it_was_imported_whole(
        qtbot, page, tmp_path, monkeypatch):
    from tests.intake.services.test_import_chunks import many_rows_workbook

    path = tmp_path / "aduan_drainase.xlsx"
    many_rows_workbook(path, rows=12)
    monkeypatch.setattr(pdf, "ask_open_path", lambda *a, **k: path)
    for _ in range(2):
        messages.captured.clear()
        qtbot.mouseClick(page.import_button, LEFT)
        qtbot.waitUntil(lambda: any(d.isVisible() for d in page.findChildren(ImportDialog)),
                        timeout=20_000)
        dialog = next(d for d in page.findChildren(ImportDialog) if d.isVisible())
        qtbot.mouseClick(dialog.next_button, LEFT)
        qtbot.waitUntil(lambda d=dialog: d.pages.currentIndex() == 1, timeout=20_000)
        qtbot.mouseClick(dialog.next_button, LEFT)
        qtbot.mouseClick(dialog.import_button, LEFT)
        qtbot.waitUntil(lambda: any(c[0] in ("Hasil impor", "Kesalahan tak terduga")
                                    for c in messages.captured), timeout=60_000)
        _no_bug(messages.captured)
        qtbot.waitUntil(lambda d=dialog: not d.isVisible(), timeout=5_000)
    summary = next(c[1] for c in messages.captured if c[0] == "Hasil impor")
    assert summary.startswith("Berkas yang sama sudah diimpor utuh pada ")
    assert "12 data dilewati karena sudah ada" in summary
    assert page.model.total == 12


def test_a_desa_sheet_takes_the_desa_of_its_title_which_the_clerk_can_change(
        qtbot, page, tmp_path, monkeypatch):
    from tests.intake.services.test_desa_sheets import _sheet

    path = tmp_path / "rtlh-desa-inan.xlsx"
    _sheet(path, "DATA USULAN RTLH DESA INAN TAHUN 2027")
    dialog = _to_last_step(qtbot, page, path, monkeypatch)
    assert dialog.desa.currentText() == "Inan"  # named by the sheet's title
    dialog.desa.setFocus()
    qtbot.keyClick(dialog.desa, Qt.Key.Key_Down)  # the clerk knows better: the next desa
    chosen = dialog.desa.currentText()
    assert chosen != "Inan"
    summary = _import(qtbot, dialog)
    assert summary.startswith("2 baris diimpor") and f"diberi desa {chosen}" in summary
    assert page.model.total == 2


def test_a_sheet_without_any_desa_asks_for_one_before_importing(qtbot, page, tmp_path,
                                                                 monkeypatch):
    from tests.intake.services.test_desa_sheets import _sheet

    path = tmp_path / "rtlh-tanpa-desa.xlsx"
    _sheet(path, "DATA USULAN RTLH TAHUN 2027")
    dialog = _to_last_step(qtbot, page, path, monkeypatch)
    assert dialog.desa.currentData() is None
    qtbot.mouseClick(dialog.import_button, LEFT)
    warning = [c for c in messages.captured if "tidak punya kolom Desa" in c[1]]
    assert warning and dialog.isVisible() and dialog.desa.hasFocus()
    qtbot.keyClicks(dialog.desa, "Halubau")  # typed into the focused list: it jumps there
    assert dialog.desa.currentText() == "Halubau"
    summary = _import(qtbot, dialog)
    assert summary.startswith("2 baris diimpor") and "diberi desa Halubau" in summary


def test_a_workbook_with_one_tab_per_desa_is_imported_tab_by_tab(qtbot, page, tmp_path,
                                                                 monkeypatch):
    from tests.intake.services.test_desa_sheets import ROWS, _tabs

    path = tmp_path / "rtlh-per-desa.xlsx"
    _tabs(path, {"INAN": ROWS[:1], "HALUBAU": ROWS[1:]})
    monkeypatch.setattr(pdf, "ask_open_path", lambda *a, **k: path)
    qtbot.mouseClick(page.import_button, LEFT)
    first = _dialog(qtbot, page)
    assert [first.sheet.itemText(i) for i in range(first.sheet.count())] == ["INAN", "HALUBAU"]
    assert first.sheet.currentText() == "INAN"
    qtbot.keyClick(first, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # &Lembar
    assert first.sheet.hasFocus()
    qtbot.keyClick(first.sheet, Qt.Key.Key_Down)  # the clerk picks the other desa's tab
    qtbot.waitUntil(lambda: not first.isVisible())
    qtbot.waitUntil(lambda: any(d.isVisible() and d is not first
                                for d in page.findChildren(ImportDialog)), timeout=20_000)
    second = next(d for d in page.findChildren(ImportDialog) if d.isVisible())
    assert second.sheet.currentText() == "HALUBAU"
    _next_to_last_step(qtbot, second)
    assert second.desa.currentText() == "Halubau"  # named by its title
    summary = _import(qtbot, second)
    assert summary.startswith("1 baris diimpor") and "diberi desa Halubau" in summary
    assert "juga berisi data dan diimpor tersendiri: INAN" in summary


def test_a_recap_with_a_heading_per_desa_needs_no_desa_chosen(qtbot, page, tmp_path,
                                                              monkeypatch):
    from tests.intake.services.test_sheet_tails import grouped_sheet

    path = tmp_path / "rekap kecamatan.xlsx"
    grouped_sheet(path)
    dialog = _to_last_step(qtbot, page, path, monkeypatch)
    assert dialog.desa.currentData() is None
    shown = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "judul kelompok desa memakai desa judulnya: Halubau, Inan" in shown
    summary = _import(qtbot, dialog)
    assert not [c for c in messages.captured if "tidak punya kolom Desa" in c[1]]
    assert summary.startswith("5 baris diimpor") and "dari judul kelompoknya" in summary
    assert page.model.total == 5


def test_hidden_lookup_sheet_and_unsaved_formulas_through_the_dialog(qtbot, page, tmp_path,
                                                                     monkeypatch):
    """The drop-downs' hidden lookup sheet comes first: the dialog opens on the visible data
    sheet and offers no *Lembar* choice; formulas saved without their values are said in the
    result (and no unexpected-error dialog)."""
    from openpyxl import Workbook

    path = tmp_path / "rtlh-rumus.xlsx"
    wb = Workbook()
    lookup = wb.active
    lookup.title = "Referensi"
    lookup.append(["Desa", "Kondisi atap", "Sumber air minum", "Jenis"])
    lookup.sheet_state = "hidden"
    data = wb.create_sheet("Data")
    data.append(["No", "NAMA KK", "NIK", "DESA/KEL", "PENGHASILAN"])
    data.append([1, "Abdul Hamid", "6311071203800001", "Inan", "=700000+50000"])  # imported
    data.append([2, "Siti Aisyah", "6311074506850002", "Halubau", 750000])  # imported
    wb.save(path)
    monkeypatch.setattr(pdf, "ask_open_path", lambda *a, **k: path)
    qtbot.mouseClick(page.import_button, LEFT)
    dialog = _dialog(qtbot, page)
    assert dialog.sheet.count() == 0  # one data sheet: nothing to choose
    assert any('lembar "Data"' in label.text() for label in dialog.findChildren(QLabel))
    _next_to_last_step(qtbot, dialog)
    summary = _import(qtbot, dialog)
    assert summary.startswith("2 baris diimpor (2 di antaranya perlu dicek), 0 ditolak")
    assert "1 sel berisi rumus tanpa nilai tersimpan (E2)" in summary
