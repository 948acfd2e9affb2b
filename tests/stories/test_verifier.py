"""The verifikator, with the mouse and the keyboard only: opens a record, verifies it in the
field, disposes it to a seksi (sifat, ticked instructions, a note) and prints the lembar
disposisi, which he signs himself with his name, jabatan and NIP; sends another record back
with a reason. No private attributes, no slot calls."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QTableView,
    QTreeWidget,
)

from desktop_app.app.demo import DEMO_PASSWORD
from desktop_app.core.domain.roles import Role
from desktop_app.core.gui import messages, pdf
from desktop_app.core.services import auth, office
from desktop_app.intake.domain.submissions import Status
from desktop_app.intake.services import details, listing
from tests.gui_driver import answer, button, choose, click, click_nav, click_row, field, wait_idle
from tests.pdf_text import page_lines

NIP = "198005122005011003"


@pytest.fixture
def verifier_desk(qtbot, demo_app):
    from desktop_app.app.main_window import MainWindow

    messages.captured, pdf.opened = [], []
    messages.confirm_answers.clear()
    app, admin = demo_app
    user = next(u for u in auth.list_users(app, admin) if u.username == "verifikator")
    auth.update_user(app, admin, user.id, auth.UserInput(
        "verifikator", user.full_name, Role.VERIFIER, nip=NIP, position="Kasi Pemerintahan"))
    actor = auth.login(app, "verifikator", DEMO_PASSWORD)
    window = MainWindow(app, actor, "KECAMATAN PARINGIN SELATAN")
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    click_nav(qtbot, window.findChild(QTreeWidget), "Usulan, Laporan & Aduan")
    yield app, actor, window
    messages.captured, pdf.opened = None, None
    messages.confirm_answers.clear()


def _open_row(qtbot, window, number):
    """Ctrl+F, type the number, Enter; click the row and press Enter."""
    page_table = next(t for t in window.findChildren(QTableView) if t.isVisible())
    qtbot.keyClick(page_table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = QApplication.focusWidget()
    assert isinstance(search, QLineEdit)
    qtbot.keyClicks(search, number)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    wait_idle(qtbot)
    qtbot.waitUntil(lambda: page_table.model().rowCount() >= 1
                    and page_table.model().index(0, 0).data() == number)
    click_row(qtbot, page_table, 0)
    qtbot.keyClick(page_table, Qt.Key.Key_Return)


def test_verify_dispose_and_print_the_sheet_he_signs(qtbot, verifier_desk, tmp_path):
    app, actor, window = verifier_desk
    row = next(r for r in listing.list_rows(app, actor, listing.SubmissionFilter(
        status=Status.DITERIMA.value)))
    unit = office.list_units(app)[0].name

    def verify(dialog):
        qtbot.keyClicks(field(dialog, "Temuan"), "Atap bocor, dinding papan lapuk.")
        click(qtbot, button(dialog, "Simpan"))

    def dispose(dialog):
        choose(qtbot, field(dialog, "Diteruskan kepada"), unit)
        nature = field(dialog, "Sifat")
        assert isinstance(nature, QComboBox) and nature.currentText() == "Biasa"
        choose(qtbot, nature, "Segera")
        click(qtbot, button(dialog, "Simpan"))  # nothing ticked, no note: refused
        assert dialog.isVisible()
        for text in ("Untuk ditindaklanjuti", "Untuk dicek ke lapangan"):
            box = next(c for c in dialog.findChildren(QCheckBox) if c.text() == text)
            qtbot.mouseClick(box, Qt.MouseButton.LeftButton,
                             pos=box.rect().topLeft() + box.rect().center() / 4)
            assert box.isChecked()
        qtbot.keyClicks(field(dialog, "Catatan"), "Masukkan ke daftar prioritas RTLH.")
        click(qtbot, button(dialog, "Simpan"))

    def detail(dialog):
        with answer(qtbot, verify, before=dialog):
            click(qtbot, button(dialog, "Verifikasi"))
        with answer(qtbot, dispose, before=dialog):
            click(qtbot, button(dialog, "Disposisi"))
        click(qtbot, button(dialog, "Lembar disposisi"))
        click(qtbot, button(dialog, "Tutup"))

    with answer(qtbot, detail):
        _open_row(qtbot, window, row.number)
    d = details.get_submission(app, actor, row.id)
    assert d.status == Status.DITINDAKLANJUTI.value
    last = d.dispositions[-1]
    assert (last.nature, last.instructions) == (
        "segera", ("Untuk ditindaklanjuti", "Untuk dicek ke lapangan"))
    assert pdf.opened and pdf.opened[-1].name.startswith("disposisi-")
    text = "\n".join(page_lines(pdf.opened[-1]))
    assert "LEMBAR DISPOSISI" in text and "Sifat" in text and "Segera" in text
    assert "Dengan hormat harap" in text and "Untuk diarsipkan" in text  # the whole checklist
    assert "Masukkan ke daftar prioritas RTLH." in text
    # Signed by the verifier who disposed it, with jabatan and NIP; not by the Camat.
    assert "Kasi Pemerintahan" in text and actor.full_name in text
    assert "NIP. 19800512 200501 1 003" in text
    profile = office.get_profile(app)
    assert profile.head_name not in text


def test_send_back_with_a_reason(qtbot, verifier_desk):
    app, actor, window = verifier_desk
    row = next(r for r in listing.list_rows(app, actor, listing.SubmissionFilter(
        status=Status.DITERIMA.value)))

    def send_back(dialog):
        choose(qtbot, field(dialog, "Status baru"), "Dikembalikan")
        click(qtbot, button(dialog, "Simpan"))  # no reason: refused, the dialog stays
        assert dialog.isVisible()
        qtbot.keyClicks(field(dialog, "Catatan"), "Foto rumah belum dilampirkan.")
        click(qtbot, button(dialog, "Simpan"))

    def detail(dialog):
        with answer(qtbot, send_back, before=dialog):
            click(qtbot, button(dialog, "Ubah status"))
        click(qtbot, button(dialog, "Tutup"))

    with answer(qtbot, detail):
        _open_row(qtbot, window, row.number)
    d = details.get_submission(app, actor, row.id)
    assert d.status == Status.DIKEMBALIKAN.value
    assert "Foto rumah belum dilampirkan." in d.timeline[-1].text
