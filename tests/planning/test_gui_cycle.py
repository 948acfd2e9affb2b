"""A whole Musrenbang cycle through the REMBUK REMAS screens, pressing the real buttons: a
desa's workbook imported, the kecamatan rembuk screens with reasons, ranks, splits UTAMA and
CADANGAN within the ceiling, prints the berita acara and the desa letters, is fixed and
forwarded; the kabupaten tier receives it."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QTableWidgetItem

from desktop_app.app.demo import demo_profile
from desktop_app.core.gui import messages, pdf
from desktop_app.core.services import office
from desktop_app.planning.gui import exchange_dialogs, rembuk_dialogs
from desktop_app.planning.gui.proposals_page import ProposalsPage
from desktop_app.planning.gui.rembuk_page import RembukPage
from tests.planning.conftest import INAN
from tests.planning.test_exchange import _desa_workbook

OK = QDialogButtonBox.StandardButton.Ok
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def gui(planned):
    app, admin, ids = planned
    office.save_profile(app, admin, demo_profile())
    messages.captured, pdf.opened = [], []
    yield app, admin, ids
    messages.captured, pdf.opened = None, None


def _text(path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(path)).pages)


def _captured(text: str) -> bool:
    return any(text in body for _title, body in messages.captured or [])


def _choose(qtbot, box, text: str) -> None:
    """Pick a combo entry by typing its first word, as a keyboard user does (a space would
    open the list), then by its full label when several entries share that word."""
    box.setFocus()
    qtbot.keyClicks(box, text.split(" ")[0])
    if not box.currentText().startswith(text):
        box.setCurrentIndex(box.findText(text, Qt.MatchFlag.MatchStartsWith))
    assert box.currentText().startswith(text), (box.currentText(), text)


def _screen(qtbot, page, row: int, verdict: str, tests: str = "Ya", **scores: int) -> None:
    page.view.table.selectRow(row)
    panel = page.panel
    for box in panel.tests.values():
        _choose(qtbot, box, tests)
    if tests == "Ya":
        _choose(qtbot, panel.priority, "P1")
    for key, value in scores.items():
        spin = panel.scores[key]
        spin.lineEdit().selectAll()
        qtbot.keyClicks(spin, str(value))
    _choose(qtbot, panel.verdict, verdict)


def test_whole_cycle_from_desa_workbook_to_kabupaten(qtbot, gui, monkeypatch, tmp_path):
    app, admin, _ids = gui
    book = _desa_workbook(tmp_path / "usulan desa inan.xlsx")

    # 1. The desa's workbook, through Usulan Musrenbang → Impor Excel desa….
    proposals_page = ProposalsPage(app, admin)
    qtbot.addWidget(proposals_page)
    proposals_page.show()
    _choose(qtbot, proposals_page.desa, "Inan")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(book), ""))

    def import_exec(dialog):
        assert dialog.combos[1].currentData() == "work"  # 'Nama Kegiatan' understood
        qtbot.mouseClick(dialog.buttons.button(OK), LEFT)
        qtbot.waitUntil(lambda: dialog.result_obj is not None, timeout=30000)
        return 1

    monkeypatch.setattr(exchange_dialogs.DesaImportDialog, "exec", import_exec)
    qtbot.mouseClick(proposals_page.import_desa_button, LEFT)
    assert _captured("4 usulan baru") and _captured("3 baris ditolak")
    assert proposals_page.model.total == 4
    assert (tmp_path / "usulan desa inan-ditolak.xlsx").exists()

    # 2. The kecamatan rembuk, created with its meeting in the log.
    page = RembukPage(app, admin)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()

    def new_exec(dialog):
        _choose(qtbot, dialog.level, "Musrenbang Kecamatan")
        dialog.place.setText("Aula Kantor Kecamatan Paringin Selatan")
        qtbot.mouseClick(dialog.buttons.button(OK), LEFT)
        return 1

    monkeypatch.setattr(rembuk_dialogs.NewRembukDialog, "exec", new_exec)
    qtbot.mouseClick(page.new_button, LEFT)
    assert page.info is not None and page.info.counts.total == 4
    assert page.model.total == 4

    # 3. Screening: the rabat beton and the jamban pass, the training is refused with reasons,
    # the talud goes to the desa's own budget.
    rows = {page.model.row_object(i).work: i for i in range(4)}
    _screen(qtbot, page, rows["Rabat beton jalan RT 03"], "Lolos", urgency=5, damage=5)
    qtbot.mouseClick(page.panel.save_button, LEFT)
    _screen(qtbot, page, rows["Jamban sehat 25 KK"], "Lolos", urgency=3, damage=2)
    qtbot.mouseClick(page.panel.save_button, LEFT)
    page.view.table.selectRow(rows["Pelatihan montir"])
    _choose(qtbot, page.panel.verdict, "Tidak diakomodir")
    qtbot.mouseClick(page.panel.save_button, LEFT)
    assert "alasan" in page.panel.errors.text("reasons")  # refused, input kept
    assert page.panel.verdict.currentText() == "Tidak diakomodir"
    reasons = page.panel.reasons
    item = next(reasons.item(i) for i in range(reasons.count())
                if reasons.item(i).data(Qt.ItemDataRole.UserRole) == "tidak_berdampak")
    rect = reasons.visualItemRect(item)
    # the check box sits at the left end of the item
    qtbot.mouseClick(reasons.viewport(), LEFT, pos=QPoint(rect.left() + 10, rect.center().y()))
    assert item.checkState() == Qt.CheckState.Checked
    qtbot.keyClicks(page.panel.note, "Pelatihan montir dapat diajukan ke BLK provinsi.")
    qtbot.mouseClick(page.panel.save_button, LEFT)
    page.view.table.selectRow(rows["Talud sungai"])
    _choose(qtbot, page.panel.verdict, "Dialihkan")
    _choose(qtbot, page.panel.redirect, "APBDes")
    qtbot.mouseClick(page.panel.save_button, LEFT)
    assert page.info.counts.pending == 0 and page.info.counts.rejected == 1
    assert page.info.counts.redirected == 1

    # 4. Rank and split by the ceiling (Rp400 juta): 275 jt UTAMA, 162,5 jt CADANGAN.
    qtbot.mouseClick(page.rank_button, LEFT)
    qtbot.waitUntil(lambda: _captured("usulan diperingkat"), timeout=30000)
    tiers = {page.model.row_object(i).work: page.model.row_object(i).tier_label
             for i in range(4)}
    assert tiers == {"Rabat beton jalan RT 03": "UTAMA", "Jamban sehat 25 KK": "CADANGAN",
                     "Pelatihan montir": "", "Talud sungai": ""}
    assert "sisa Rp125.000.000" in page.summary.text()

    # 5. Delegates, the berita acara and the desa letters.
    def delegates_exec(dialog):
        dialog.table.setItem(0, 0, QTableWidgetItem("Ahmad Rifani"))
        dialog.table.setItem(0, 1, QTableWidgetItem("Unsur pemerintah desa"))
        qtbot.mouseClick(dialog.buttons.button(OK), LEFT)
        return 1

    monkeypatch.setattr(rembuk_dialogs.DelegatesDialog, "exec", delegates_exec)
    qtbot.mouseClick(page.delegates_button, LEFT)
    qtbot.mouseClick(page.ba_button, LEFT)
    qtbot.waitUntil(lambda: len(pdf.opened) == 1, timeout=30000)
    qtbot.mouseClick(page.letters_button, LEFT)
    qtbot.waitUntil(lambda: len(pdf.opened) == 2, timeout=30000)
    ba, letters = (_text(p) for p in pdf.opened)
    assert "MENYEPAKATI" in ba and "1 usulan UTAMA" in ba and "Ahmad Rifani" in ba
    assert "DAFTAR USULAN PRIORITAS" in ba and "Rabat beton jalan RT 03" in ba
    assert "Yth. Kepala Desa Inan" in letters
    assert "Tidak berdampak langsung" in letters and "BLK provinsi" in letters
    assert "Dialihkan ke APBDes" in letters

    # 6. Fixed and forwarded; the kabupaten tier receives both passed usulan.
    def finalize_exec(dialog):
        qtbot.mouseClick(dialog.buttons.button(OK), LEFT)
        return 1

    monkeypatch.setattr(rembuk_dialogs.FinalizeDialog, "exec", finalize_exec)
    qtbot.mouseClick(page.finalize_button, LEFT)
    assert page.info.status == "final" and not page.rank_button.isEnabled()
    qtbot.mouseClick(page.forward_button, LEFT)
    assert _captured("2 usulan diteruskan")

    def kabupaten_exec(dialog):
        _choose(qtbot, dialog.level, "Musrenbang Kabupaten")
        dialog.place.setText("Aula Bappedalitbang")
        qtbot.mouseClick(dialog.buttons.button(OK), LEFT)
        return 1

    monkeypatch.setattr(rembuk_dialogs.NewRembukDialog, "exec", kabupaten_exec)
    qtbot.mouseClick(page.new_button, LEFT)
    assert page.info.level == "kabupaten" and page.model.total == 2
    assert {page.model.row_object(i).desa_code for i in range(2)} == {INAN}
