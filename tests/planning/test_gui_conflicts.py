"""The REMBUK REMAS screens when another desk saved the same record first: the save is refused
on the conflict banner (who, what), what was typed stays, «Muat ulang» shows the stored record
and the next save goes through. Pressed like a person does; SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit

from desktop_app.core.domain import clock
from desktop_app.core.domain.roles import Role
from desktop_app.core.gui import messages
from desktop_app.planning.gui.accountability_page import StepDialog
from desktop_app.planning.gui.catalogue_tab import CatalogueDialog
from desktop_app.planning.gui.frame_page import FramePage
from desktop_app.planning.gui.rembuk_dialogs import DelegatesDialog
from desktop_app.planning.services import accountability, frame, proposals, rembuk
from tests.conftest import make_user
from tests.gui_driver import button, click, click_tab, field
from tests.planning.conftest import INAN, KECAMATAN, YEAR, proposal
from tests.planning.test_concurrent_edits import _ready, new_rembuk


@pytest.fixture
def quiet():
    messages.captured = []
    yield messages.captured
    messages.captured = None


@pytest.fixture
def budi(app_ctx):
    return make_user(app_ctx, "budi", Role.ADMIN, "Budi Santoso")


def _shown(widget) -> str:
    return " ".join(label.text() for label in widget.findChildren(QLabel) if label.isVisible())


def _type(qtbot, edit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def _type_cell(qtbot, table, row: int, column: int, text: str) -> None:
    """F2 on the cell, type, Enter: as a person edits a table."""
    table.setCurrentCell(row, column)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = next(e for e in table.findChildren(QLineEdit) if e.isVisible())
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)  # queued


def test_the_catalogue_dialog_keeps_the_typing_and_reloads(qtbot, app_ctx, second_desk, admin,
                                                          budi, quiet):
    eid = frame.save_catalogue_entry(app_ctx, admin, frame.CatalogueInfo(
        None, "UJI-99", "Rabat beton jalan lingkungan", "m2", 250_000))
    dialog = CatalogueDialog(app_ctx, admin, frame.get_catalogue_entry(app_ctx, admin, eid))
    qtbot.addWidget(dialog)
    dialog.show()
    theirs = frame.get_catalogue_entry(second_desk, budi, eid)
    theirs.unit_price = 275_000
    frame.save_catalogue_entry(second_desk, budi, theirs)

    work = field(dialog, "Pekerjaan")
    _type(qtbot, work, "Rabat beton jalan desa")
    click(qtbot, button(dialog, "Simpan"))
    assert dialog.isVisible() and quiet == []
    assert "sudah diubah di meja lain" in _shown(dialog)
    assert "Budi Santoso" in _shown(dialog) and "Yang diubah: Harga satuan." in _shown(dialog)
    assert work.text() == "Rabat beton jalan desa"  # kept until the user chooses
    assert frame.get_catalogue_entry(app_ctx, admin, eid).work == "Rabat beton jalan lingkungan"

    click(qtbot, button(dialog, "Muat ulang"))
    assert work.text() == "Rabat beton jalan lingkungan"
    assert field(dialog, "Harga satuan").text() == "275.000"
    _type(qtbot, work, "Rabat beton jalan desa")
    click(qtbot, button(dialog, "Simpan"))
    assert not dialog.isVisible() and quiet == []
    stored = frame.get_catalogue_entry(second_desk, budi, eid)
    assert (stored.work, stored.unit_price) == ("Rabat beton jalan desa", 275_000)


def test_the_frame_page_saves_only_what_changed_and_shows_a_conflict(qtbot, planned,
                                                                    second_desk, budi, quiet):
    app, admin, _ids = planned
    page = FramePage(app, admin)
    qtbot.addWidget(page)
    page.resize(1024, 700)
    page.show()
    other = "63.11.01"
    frame.save_ceilings(second_desk, budi, YEAR, [(KECAMATAN, 450_000_000, 1)])

    # Another kecamatan's pagu typed here: saved, and the other desk's change stays.
    table = page.ceilings
    click_tab(qtbot, page.tabs, "Pagu indikatif")
    _type_cell(qtbot, table, page.ceiling_codes.index(other), 2, "125.000.000")
    click(qtbot, page.save_ceilings_button)
    amounts = {c.region_code: c.amount for c in frame.list_ceilings(app, admin, YEAR)}
    assert amounts == {KECAMATAN: 450_000_000, other: 125_000_000}
    assert not page.conflict.isVisible()

    # The same pagu from a page shown before the other desk's change: refused, kept.
    frame.save_ceilings(second_desk, budi, YEAR, [(KECAMATAN, 460_000_000, 2)])
    row = page.ceiling_codes.index(KECAMATAN)
    _type_cell(qtbot, table, row, 2, "380.000.000")
    click(qtbot, page.save_ceilings_button)
    assert "sudah diubah di meja lain" in _shown(page)
    assert "Yang diubah: Pagu indikatif." in _shown(page)
    assert table.item(row, 2).text() == "380.000.000"
    assert {c.region_code: c.amount for c in frame.list_ceilings(app, admin, YEAR)}[
        KECAMATAN] == 460_000_000
    click(qtbot, button(page, "Muat ulang"))
    assert table.item(row, 2).text() == "460.000.000"
    assert not page.conflict.isVisible()


def test_the_delegates_dialog_shows_the_conflict_and_reloads(qtbot, planned, second_desk,
                                                             budi, quiet):
    app, admin, _ids = planned
    rid, _pid = new_rembuk(app, admin)
    dialog = DelegatesDialog(app, admin, rembuk.get_rembuk(app, admin, rid))
    qtbot.addWidget(dialog)
    dialog.show()
    theirs = rembuk.get_rembuk(second_desk, budi, rid)
    rembuk.save_delegates(second_desk, budi, rid, [rembuk.DelegateInfo("Hj. Rahmah")],
                          version=theirs.version)
    _type_cell(qtbot, dialog.table, 0, 0, "H. Basuni")
    click(qtbot, button(dialog, "Simpan"))
    assert dialog.isVisible() and quiet == []
    assert "Yang diubah: Delegasi." in _shown(dialog)
    assert dialog.table.item(0, 0).text() == "H. Basuni"
    click(qtbot, button(dialog, "Muat ulang"))
    assert dialog.table.item(0, 0).text() == "Hj. Rahmah"
    _type_cell(qtbot, dialog.table, 1, 0, "H. Basuni")
    click(qtbot, button(dialog, "Simpan"))
    assert not dialog.isVisible()
    assert [d.name for d in rembuk.get_rembuk(app, admin, rid).delegates] == \
        ["Hj. Rahmah", "H. Basuni"]


def test_the_step_dialog_shows_the_step_recorded_elsewhere(qtbot, planned, second_desk, budi,
                                                           quiet):
    app, admin, ids = planned
    rid, pid = new_rembuk(app, admin)
    _ready(app, admin, ids, rid, pid)
    source = accountability.TrackedPageSource(app, admin)
    dialog = StepDialog(app, admin, source.row(pid))
    qtbot.addWidget(dialog)
    dialog.show()
    accountability.record_step(second_desk, budi, pid, "rkpd", clock.today(),
                               expected_version=source.row(pid).version)
    note = field(dialog, "Catatan")
    qtbot.keyClicks(note, "Masuk RKPD 2027")
    click(qtbot, button(dialog, "Simpan"))
    assert dialog.isVisible() and quiet == []
    assert "Yang diubah:" in _shown(dialog) and "Tahap realisasi" in _shown(dialog)
    assert "sekarang: Belum ditetapkan" in _shown(dialog)
    click(qtbot, button(dialog, "Muat ulang"))
    assert "sekarang: Masuk RKPD" in _shown(dialog)
    assert note.toPlainText() == "Masuk RKPD 2027"  # the step being typed stays
    assert [s.stage for s in proposals.get_detail(app, admin, pid).realisations] == ["rkpd"]


def test_the_screening_panel_shows_a_verdict_given_elsewhere(qtbot, planned, second_desk,
                                                             budi, quiet):
    from desktop_app.planning.domain.screening import ScreeningInput
    from desktop_app.planning.gui.rembuk_page import RembukPage
    from desktop_app.planning.services import screening
    from tests.planning.test_gui_cycle import _choose

    app, admin, _ids = planned
    rid, pid = new_rembuk(app, admin)
    page = RembukPage(app, admin)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    assert page.info is not None and page.info.id == rid
    page.view.table.selectRow(0)
    panel = page.panel
    screening.save_screening(second_desk, budi, rid, pid, ScreeningInput(
        verdict="dialihkan", redirect_target="apbdes", authority_ok=False,
        note="Dapat dibiayai Dana Desa."), proposals.get_detail(second_desk, budi, pid).version)
    _choose(qtbot, panel.verdict, "Tidak diakomodir")
    qtbot.keyClicks(panel.note, "Tidak selaras dengan prioritas.")
    click(qtbot, panel.save_button)
    assert "sudah diubah di meja lain" in _shown(panel) and "Budi Santoso" in _shown(panel)
    assert quiet == []
    assert panel.verdict.currentText() == "Tidak diakomodir"  # kept until the user chooses
    assert panel.note.toPlainText() == "Tidak selaras dengan prioritas."
    click(qtbot, button(panel, "Muat ulang"))
    assert panel.verdict.currentText() == "Dialihkan"
    assert panel.note.toPlainText() == "Dapat dibiayai Dana Desa."
    assert screening.get_row(app, admin, rid, pid).verdict == "dialihkan"


def test_the_proposal_dialog_keeps_the_typing_and_a_photo_does_not_hide_a_change(
        qtbot, planned, second_desk, budi, quiet, tmp_path, monkeypatch):
    from dataclasses import replace

    from PIL import Image

    from desktop_app.planning.gui import proposal_dialog
    from desktop_app.planning.gui.proposal_dialog import ProposalDialog

    app, admin, _ids = planned
    pid = proposals.create_proposal(app, admin, proposal(INAN)).id
    dialog = ProposalDialog(app, admin, proposal_id=pid)
    qtbot.addWidget(dialog)
    dialog.show()
    theirs = proposals.get_detail(second_desk, budi, pid)
    proposals.update_proposal(second_desk, budi, pid, replace(theirs.data, volume=150),
                              theirs.version)
    # A photo added here reloads the photos, not the version the form was loaded with.
    photo = tmp_path / "lokasi.jpg"
    Image.new("RGB", (40, 30), "gray").save(photo)
    monkeypatch.setattr(proposal_dialog.QFileDialog, "getOpenFileName",
                        lambda *_a, **_k: (str(photo), ""))  # the file chosen
    click_tab(qtbot, dialog.tabs, "Tingkat & riwayat")
    click(qtbot, dialog.photo_button)
    assert "lokasi.jpg" in dialog.photo_label.text()
    click_tab(qtbot, dialog.tabs, "Usulan & biaya")
    _type(qtbot, dialog.work, "Rabat beton RT 04")
    click(qtbot, dialog.save_button)
    assert dialog.isVisible() and quiet == []
    assert "Budi Santoso" in _shown(dialog) and "Volume" in _shown(dialog)
    assert dialog.work.text() == "Rabat beton RT 04"
    assert proposals.get_detail(app, admin, pid).data.volume == 150
    click(qtbot, button(dialog, "Muat ulang"))
    assert dialog.work.text() == "Rabat beton jalan RT 03" and dialog.volume.text() == "150"
    _type(qtbot, dialog.work, "Rabat beton RT 04")
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible() and quiet == []
    stored = proposals.get_detail(second_desk, budi, pid).data
    assert (stored.work, stored.volume) == ("Rabat beton RT 04", 150)


def test_deleting_an_usulan_corrected_elsewhere_is_refused_on_the_list(qtbot, planned,
                                                                       second_desk, budi,
                                                                       quiet):
    from dataclasses import replace

    from desktop_app.planning.gui.proposals_page import ProposalsPage

    app, admin, _ids = planned
    pid = proposals.create_proposal(app, admin, proposal(INAN)).id
    page = ProposalsPage(app, admin)
    qtbot.addWidget(page)
    page.resize(1024, 700)
    page.show()
    theirs = proposals.get_detail(second_desk, budi, pid)
    proposals.update_proposal(second_desk, budi, pid, replace(theirs.data, volume=150),
                              theirs.version)
    page.view.table.selectRow(0)
    click(qtbot, page.delete_button)  # confirmed (quiet answers yes)
    assert "Budi Santoso" in _shown(page) and "Volume" in _shown(page)
    assert proposals.get_detail(app, admin, pid).data.volume == 150  # still there
    click(qtbot, button(page, "Muat ulang"))
    page.view.table.selectRow(0)
    click(qtbot, page.delete_button)
    assert page.model.total == 0 and not page.conflict.isVisible()


def _tier_shown(page) -> str:
    model = page.view.table.model()
    column = next(c for c in range(model.columnCount())
                  if model.headerData(c, Qt.Orientation.Horizontal) == "Prioritas")
    return model.index(0, column).data()


def test_a_move_to_cadangan_made_elsewhere_is_refused_on_the_rembuk_page(qtbot, planned,
                                                                          second_desk, budi,
                                                                          quiet):
    from desktop_app.planning.domain.labels import PriorityTier
    from desktop_app.planning.gui.rembuk_page import RembukPage
    from desktop_app.planning.services import scoring, screening
    from tests.gui_driver import click_row

    app, admin, ids = planned
    rid, pid = new_rembuk(app, admin)
    _ready(app, admin, ids, rid, pid)  # screened and ranked: UTAMA
    page = RembukPage(app, admin)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    click_row(qtbot, page.view.table, 0)
    assert _tier_shown(page) == "UTAMA"
    scoring.move_tier(second_desk, budi, rid, pid, PriorityTier.RESERVE, "Lahan belum hibah",
                      version=screening.get_row(second_desk, budi, rid, pid).version)
    messages.text_answers[:] = ["Menunggu surat hibah"]
    click(qtbot, page.reserve_button)
    assert page.conflict.isVisible()
    shown = _shown(page)
    assert "sudah diubah di meja lain" in shown and "Budi Santoso" in shown
    assert "UTAMA/CADANGAN" in shown
    assert [m for m in quiet if m[0] != "Jadikan CADANGAN"] == []  # no message box
    events = [e.text for e in proposals.get_detail(app, admin, pid).events]
    assert any("Lahan belum hibah" in t for t in events)
    assert not any("Menunggu surat hibah" in t for t in events)
    click(qtbot, button(page, "Muat ulang"))
    assert not page.conflict.isVisible() and _tier_shown(page) == "CADANGAN"
    # Reloaded: moving it back goes through (the pagu still covers it).
    click_row(qtbot, page.view.table, 0)
    messages.text_answers[:] = ["Surat hibah sudah ada"]
    click(qtbot, page.main_button)
    assert not page.conflict.isVisible()
    assert [m for m in quiet if not m[0].startswith("Jadikan")] == []
    assert screening.get_row(app, admin, rid, pid).priority_tier == "utama"
    assert _tier_shown(page) == "UTAMA"
