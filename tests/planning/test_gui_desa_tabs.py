"""The desa's workbook with a cover and one tab per RW, through Usulan Musrenbang › Impor
Excel desa…: the dialog opens on the first RW tab, the planner switches to the other tab by
keyboard and imports it; the result names the tab not imported yet."""

from __future__ import annotations

from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

from desktop_app.planning.gui import exchange_dialogs
from desktop_app.planning.gui.proposals_page import ProposalsPage
from tests.planning.test_gui_cycle import _captured, _choose, gui  # noqa: F401 - fixture

OK = QDialogButtonBox.StandardButton.Ok
LEFT = Qt.MouseButton.LeftButton


def test_desa_workbook_tab_chosen_in_the_dialog(qtbot, gui, monkeypatch, tmp_path):  # noqa: F811
    app, admin, _ids = gui
    wb = Workbook()
    wb.active.title = "SAMPUL"
    wb.active.append(["BERITA ACARA MUSRENBANG DESA INAN"])
    for tab, work in (("RW 01", "Rabat beton jalan RT 03"), ("RW 02", "Jamban sehat 25 KK")):
        ws = wb.create_sheet(tab)
        ws.append(["No", "Nama Kegiatan", "Permasalahan", "Vol", "Sat", "Harga Satuan (Rp)"])
        ws.append([1, work, "Masalah warga", 10, "m", 1_000_000])
    book = tmp_path / "usulan inan per rw.xlsx"
    wb.save(book)
    page = ProposalsPage(app, admin)
    qtbot.addWidget(page)
    page.show()
    _choose(qtbot, page.desa, "Inan")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(book), ""))
    seen = {}

    def import_exec(dialog):
        seen["first"] = dialog.sheet.currentText()
        dialog.show()  # as exec() would
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        qtbot.keyClick(dialog, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # &Lembar
        seen["focus"] = dialog.sheet.hasFocus()
        qtbot.keyClick(dialog.sheet, Qt.Key.Key_Down)
        seen["second"] = dialog.sheet.currentText()
        seen["label"] = dialog.info.text()
        qtbot.mouseClick(dialog.buttons.button(OK), LEFT)
        qtbot.waitUntil(lambda: dialog.result_obj is not None, timeout=30000)
        return 1

    monkeypatch.setattr(exchange_dialogs.DesaImportDialog, "exec", import_exec)
    qtbot.mouseClick(page.import_desa_button, LEFT)
    assert (seen["first"], seen["second"], seen["focus"]) == ("RW 01", "RW 02", True)
    assert "lembar \"RW 02\"" in seen["label"]
    assert _captured("1 usulan baru") and _captured("diimpor tersendiri: RW 01")
    assert [page.model.row_object(i).work for i in range(page.model.total)] == [
        "Jamban sehat 25 KK"]
