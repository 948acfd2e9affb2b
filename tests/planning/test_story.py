"""A Musrenbang Kecamatan deliberated in the real main window, as the people do it: the
kecamatan's planner picks the pages in the navigation, imports a desa's workbook, opens the
rembuk, screens every usulan with the mouse and the keyboard (a refusal without a reason is
refused and keeps what was chosen), ranks and splits by the pagu, names the delegates and
prints the berita acara and the desa letters; the camat, in his own window, fixes the result
and forwards it; the kabupaten's rembuk then holds the usulan that passed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QStackedWidget,
    QTableView,
    QTreeWidget,
)

from desktop_app.app.demo import demo_profile
from desktop_app.core.domain.roles import Role
from desktop_app.core.gui import messages, pdf
from desktop_app.core.services import office
from tests.conftest import _make_user
from tests.gui_driver import (
    answer,
    button,
    buttons,
    click,
    click_nav,
    click_row,
    field,
    plain,
    wait_idle,
)
from tests.planning.test_exchange import _desa_workbook
from tests.planning.test_gui_cycle import _captured, _text


@pytest.fixture
def windows(qtbot, planned):
    from desktop_app.app.main_window import MainWindow

    app, admin, _ids = planned
    office.save_profile(app, admin, demo_profile())
    messages.captured, pdf.opened = [], []
    messages.confirm_answers.clear()

    def open_as(username: str, role: Role):
        window = MainWindow(app, _make_user(app, username, role), "KECAMATAN PARINGIN SELATAN")
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window

    yield open_as
    messages.captured, pdf.opened = None, None
    messages.confirm_answers.clear()


def _page(qtbot, window, title: str):
    """The page a person opens by clicking its title in the navigation."""
    click_nav(qtbot, window.findChild(QTreeWidget), title)
    wait_idle(qtbot)
    return window.findChild(QStackedWidget).currentWidget()


def _enabled(root) -> set[str]:
    return {plain(b.text()) for b in buttons(root)}


def _pick(qtbot, box: QComboBox, text: str) -> None:
    """Choose by typing the start of the entry, as a keyboard user does."""
    box.setFocus()
    # a new search, not the continuation of what was typed into this box a moment ago
    qtbot.wait(QApplication.keyboardInputInterval() + 20)
    qtbot.keyClicks(box, text)
    assert box.currentText().startswith(text), (box.currentText(), text)


def _row_of(view: QTableView, column: int, text: str) -> int:
    model = view.model()
    for row in range(model.rowCount()):
        if model.index(row, column).data() == text:
            return row
    raise AssertionError(f"no row {text!r}")


def _screen(qtbot, page, work: str, verdict: str, *, tests: str = "Ya",
            scores: dict[str, int] | None = None) -> None:
    table = page.findChild(QTableView)
    click_row(qtbot, table, _row_of(table, 3, work), 3)
    panel = page.panel
    assert work in panel.heading.text()
    for box in panel.tests.values():
        _pick(qtbot, box, tests)
    if tests == "Ya":
        _pick(qtbot, panel.priority, "P1")
    for key, value in (scores or {}).items():
        spin = panel.scores[key]
        spin.setFocus()
        spin.lineEdit().selectAll()
        qtbot.keyClicks(spin, str(value))
    _pick(qtbot, field(page, "Putusan"), verdict)


# Editing the delegates' table leaves Qt warning "commitData called with an editor that does
# not belong to this view" (planning's table editor; reported, not yet fixed): tolerated here so
# every other Qt warning still fails the test.
@pytest.mark.qt_log_ignore("commitData called with an editor that does not belong")
def test_kecamatan_rembuk_in_the_main_window(qtbot, windows, monkeypatch, tmp_path):
    book = _desa_workbook(tmp_path / "usulan desa inan.xlsx")
    planner = windows("perencana", Role.PLANNER)

    # The desa's workbook, from the Usulan Musrenbang page.
    page = _page(qtbot, planner, "Usulan Musrenbang")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(book), ""))

    def import_book(dialog):
        _pick(qtbot, field(dialog, "Desa/kelurahan"), "Inan")
        click(qtbot, button(dialog, "Impor"))
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30_000)

    with answer(qtbot, import_book):
        click(qtbot, button(page, "Impor Excel desa"))
    assert _captured("4 usulan baru") and _captured("3 baris ditolak")

    # The rembuk, opened on the Rembuk & Penyaringan page.
    page = _page(qtbot, planner, "Rembuk & Penyaringan")
    assert "Belum ada rembuk" in page.summary.text()

    def new_rembuk(dialog):
        assert field(dialog, "Tingkat").currentText() == "Musrenbang Kecamatan"
        place = field(dialog, "Tempat")
        place.selectAll()
        qtbot.keyClicks(place, "Aula Kantor Kecamatan Paringin Selatan")
        click(qtbot, button(dialog, "Buat rembuk"))

    with answer(qtbot, new_rembuk):
        click(qtbot, button(page, "Rembuk baru"))
    assert "4 usulan: 4 belum dibahas" in page.summary.text()

    # Screening, one usulan after another.
    _screen(qtbot, page, "Rabat beton jalan RT 03", "Lolos", scores={"urgency": 5, "damage": 5})
    click(qtbot, button(page, "Simpan putusan"))
    _screen(qtbot, page, "Jamban sehat 25 KK", "Lolos", scores={"urgency": 3, "damage": 2})
    click(qtbot, button(page, "Simpan putusan"))
    _screen(qtbot, page, "Pelatihan montir", "Tidak diakomodir", tests="Tidak")
    click(qtbot, button(page, "Simpan putusan"))
    assert "alasan" in page.panel.errors.text("reasons")  # refused; what was chosen stays
    assert field(page, "Putusan").currentText() == "Tidak diakomodir"
    reasons = page.panel.reasons
    item = reasons.findItems("Tidak berdampak", Qt.MatchFlag.MatchStartsWith)[0]
    rect = reasons.visualItemRect(item)
    qtbot.mouseClick(reasons.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(rect.left() + 10, rect.center().y()))  # its check box
    note = field(page, "Catatan")
    note.setFocus()
    qtbot.keyClicks(note, "Dapat diajukan ke BLK provinsi.")
    click(qtbot, button(page, "Simpan putusan"))
    _screen(qtbot, page, "Talud sungai", "Dialihkan", tests="Tidak")
    _pick(qtbot, field(page, "Dialihkan ke"), "APBDes")
    click(qtbot, button(page, "Simpan putusan"))
    assert "0 belum dibahas, 2 lolos, 0 perbaikan, 1 tidak diakomodir, 1 dialihkan" \
        in page.summary.text()

    # Ranking and the pagu (Rp400 juta): the rabat beton fits, the jamban waits in CADANGAN.
    click(qtbot, button(page, "Hitung peringkat"))
    assert _captured("usulan diperingkat")
    table = page.findChild(QTableView)
    assert table.model().index(_row_of(table, 3, "Rabat beton jalan RT 03"), 12).data() == "UTAMA"
    assert table.model().index(_row_of(table, 3, "Jamban sehat 25 KK"), 12).data() == "CADANGAN"
    assert "sisa Rp125.000.000" in page.summary.text()

    def delegates(dialog):
        table = dialog.table
        for column, text in enumerate(("Ahmad Rifani", "Unsur pemerintah desa")):
            click_row(qtbot, table, 0, column)
            qtbot.keyClick(table, Qt.Key.Key_F2)  # edit the cell
            editor = QApplication.focusWidget()
            assert editor is not table
            qtbot.keyClicks(editor, text)
            qtbot.keyClick(editor, Qt.Key.Key_Return)
        click(qtbot, button(dialog, "Simpan"))

    with answer(qtbot, delegates):
        click(qtbot, button(page, "Delegasi"))
    click(qtbot, button(page, "Surat ke desa"))
    qtbot.waitUntil(lambda: len(pdf.opened) == 1, timeout=30_000)
    letters = _text(pdf.opened[0])
    assert "Yth. Kepala Desa Inan" in letters and "BLK provinsi" in letters
    assert "Dialihkan ke APBDes" in letters

    # The camat, in his own window: fixes the result, prints the BA, forwards.
    camat = windows("camat", Role.PIMPINAN)
    page2 = _page(qtbot, camat, "Rembuk & Penyaringan")
    assert "Simpan putusan" not in _enabled(page2)  # the camat does not screen

    def fix(dialog):
        number = field(dialog, "Nomor berita acara")
        assert number.text().startswith("000.7.1/")  # the office's pattern, number left blank
        number.selectAll()
        qtbot.keyClicks(number, "000.7.1/12/Kec-PS/2026")
        click(qtbot, button(dialog, "Tetapkan"))

    with answer(qtbot, fix):
        click(qtbot, button(page2, "Tetapkan hasil"))
    assert page2.summary.text().startswith("<b>Hasil ditetapkan")
    assert "Simpan putusan" not in _enabled(page2) and "Hitung peringkat" not in _enabled(page2)
    click(qtbot, button(page2, "Cetak BA"))
    qtbot.waitUntil(lambda: len(pdf.opened) == 2, timeout=30_000)
    ba = _text(pdf.opened[1])
    assert "000.7.1/12/Kec-PS/2026" in ba
    assert "MENYEPAKATI" in ba and "Ahmad Rifani" in ba and "Rabat beton jalan RT 03" in ba
    click(qtbot, button(page2, "Teruskan ke tingkat berikutnya"))
    assert _captured("2 usulan diteruskan")

    # The Bappeda planner opens the kabupaten's rembuk: the two usulan that passed are there.
    page = _page(qtbot, planner, "Rembuk & Penyaringan")

    def kabupaten(dialog):
        _pick(qtbot, field(dialog, "Tingkat"), "Musrenbang Kabupaten")
        place = field(dialog, "Tempat")
        place.selectAll()
        qtbot.keyClicks(place, "Aula Bappedalitbang")
        click(qtbot, button(dialog, "Buat rembuk"))

    with answer(qtbot, kabupaten):
        click(qtbot, button(page, "Rembuk baru"))
    table = page.findChild(QTableView)
    assert table.model().rowCount() == 2
    assert {table.model().index(r, 3).data() for r in range(2)} == \
        {"Rabat beton jalan RT 03", "Jamban sehat 25 KK"}
