"""The administrator, with the mouse and the keyboard only: adds a verifikator with NIP, jabatan
and seksi (who can then log in), corrects the office's telephone in the profile, and makes a
backup now. No private attributes, no slot calls."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTreeWidget

from desktop_app.app.demo import DEMO_PASSWORD
from desktop_app.core.domain.roles import Role
from desktop_app.core.gui import messages, pdf
from desktop_app.core.services import auth, backups, office
from tests.gui_driver import answer, button, choose, click, click_nav, field, wait_idle


@pytest.fixture
def admin_window(qtbot, demo_app):
    from desktop_app.app.main_window import MainWindow

    messages.captured, pdf.opened = [], []
    messages.confirm_answers.clear()
    app, _ = demo_app
    actor = auth.login(app, "admin", DEMO_PASSWORD)
    window = MainWindow(app, actor, "KECAMATAN PARINGIN SELATAN")
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    yield app, actor, window
    messages.captured, pdf.opened = None, None
    messages.confirm_answers.clear()


def _type(qtbot, widget, text):
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def test_admin_adds_a_verifier_who_can_log_in(qtbot, admin_window):
    app, actor, window = admin_window
    click_nav(qtbot, window.findChild(QTreeWidget), "Pengguna")
    unit = office.list_units(app)[0].name

    def fill(dialog):
        _type(qtbot, field(dialog, "Nama pengguna"), "kasi.kesos")
        _type(qtbot, field(dialog, "Nama lengkap"), "Siti Rahmah, S.Sos")
        choose(qtbot, field(dialog, "Peran"), Role.VERIFIER.label)
        _type(qtbot, field(dialog, "NIP"), "198703142010012004")
        _type(qtbot, field(dialog, "Jabatan"), "Kasi Kesejahteraan Sosial")
        choose(qtbot, field(dialog, "Seksi/bidang"), unit)
        _type(qtbot, field(dialog, "Kata sandi"), "Balangan-Sejahtera-2026")
        _type(qtbot, field(dialog, "Ulangi kata sandi"), "Balangan-Sejahtera-2027")
        click(qtbot, button(dialog, "Simpan"))  # the two passwords differ: refused in place
        assert dialog.isVisible()
        field(dialog, "Ulangi kata sandi").clear()
        _type(qtbot, field(dialog, "Ulangi kata sandi"), "Balangan-Sejahtera-2026")
        click(qtbot, button(dialog, "Simpan"))

    with answer(qtbot, fill):
        click(qtbot, button(window, "Tambah pengguna"))
    user = next(u for u in auth.list_users(app, actor) if u.username == "kasi.kesos")
    assert (user.full_name, user.role, user.nip, user.position) == (
        "Siti Rahmah, S.Sos", Role.VERIFIER, "198703142010012004", "Kasi Kesejahteraan Sosial")
    assert auth.login(app, "kasi.kesos", "Balangan-Sejahtera-2026").role is Role.VERIFIER


def test_admin_corrects_the_profile_and_backs_up(qtbot, admin_window):
    app, actor, window = admin_window
    nav = window.findChild(QTreeWidget)
    click_nav(qtbot, nav, "Profil Kantor")
    phone = field(window, "Telepon")
    phone.setFocus()
    phone.selectAll()
    qtbot.keyClicks(phone, "(0526) 2028 999")
    click(qtbot, button(window, "Simpan"))
    assert office.get_profile(app).phone == "(0526) 2028 999"

    before = len(backups.list_backups(app, actor))
    click_nav(qtbot, nav, "Cadangan Data")
    click(qtbot, button(window, "Cadangkan sekarang"))
    wait_idle(qtbot)
    assert len(backups.list_backups(app, actor)) == before + 1
    assert not [c for c in messages.captured if "kesalahan" in c[0].lower()]


@pytest.mark.parametrize(("page", "opener", "label"), [
    ("Wilayah & Seksi", "Tambah", "Nama"),
    ("Pengguna", "Tambah pengguna", "Nama lengkap"),
])
def test_escape_on_a_filled_small_dialog_asks_first(qtbot, admin_window, page, opener, label):
    """Escape on a small form the admin has typed in: «Buang isian?» — Tidak keeps the form
    and what was typed, Ya closes it; Escape on an untouched form closes it without asking."""
    from PySide6.QtCore import Qt

    app, actor, window = admin_window
    click_nav(qtbot, window.findChild(QTreeWidget), page)

    def untouched(dialog):
        asked = len(messages.captured)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert not dialog.isVisible() and len(messages.captured) == asked

    def typed(dialog):
        _type(qtbot, field(dialog, label), "Rahmat Hidayat")
        messages.confirm_answers[:] = [False]
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert messages.captured[-1][0] == "Buang isian?"
        assert dialog.isVisible() and field(dialog, label).text() == "Rahmat Hidayat"
        messages.confirm_answers[:] = [True]
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert not dialog.isVisible()

    for handle in (untouched, typed):
        with answer(qtbot, handle):
            click(qtbot, button(window, opener))


def test_admin_reads_a_realisation_change_in_indonesian(qtbot, admin_window):
    """The audit page's details name every field in Indonesian and show values as the rest of
    the program does: the REMBUK REMAS realisation step of the demo, looked up by typing."""
    from PySide6.QtWidgets import QLineEdit, QTableView, QTableWidget

    from tests.gui_driver import click_row

    app, _actor, window = admin_window
    click_nav(qtbot, window.findChild(QTreeWidget), "Jejak Audit")
    page = window.stack.currentWidget()
    search = next(w for w in page.findChildren(QLineEdit)
                  if w.placeholderText().startswith("Cari ringkasan"))
    _type(qtbot, search, "Realisasi MUS")
    table = next(t for t in page.findChildren(QTableView) if not isinstance(t, QTableWidget))
    qtbot.waitUntil(lambda: table.model().rowCount() > 0 and "Realisasi" in
                    table.model().index(0, 6).data(), timeout=5000)
    click_row(qtbot, table, 0, 6)
    details = next(t for t in page.findChildren(QTableWidget) if t.columnCount() == 3)
    qtbot.waitUntil(lambda: details.rowCount() > 0)
    cells = {details.item(r, 0).text(): (details.item(r, 1).text(), details.item(r, 2).text())
             for r in range(details.rowCount())}
    assert cells["Realisasi"][1] in {"Masuk RKPD", "Masuk APBD", "Sedang dikerjakan",
                                     "Selesai", "Tidak didanai"}
    assert cells["Nilai realisasi"][1].startswith("Rp")  # Rp160.000.000, not 160000000
    weekday, _, day = cells["Tanggal"][1].partition(", ")  # Senin, 16 November 2026
    assert weekday in {"Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"}
    assert day.split()[1] in {"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
                              "Agustus", "September", "Oktober", "November", "Desember"}
    internal = {"realisation", "on_date", "amount", "progress"}
    assert not internal & set(cells)
    assert messages.captured == []


def test_admin_works_the_settings_pages_with_the_keyboard(qtbot, admin_window):
    """Alt+letter jumps to a field of the office profile (each letter once on the page), Tab
    goes on to the next field in reading order, even out of the address; Alt+S saves. On the
    Pengguna page Alt+P opens the form for a new user."""
    from PySide6.QtWidgets import QAbstractButton, QApplication

    app, _actor, window = admin_window
    nav = window.findChild(QTreeWidget)
    click_nav(qtbot, nav, "Profil Kantor")
    page = window.stack.currentWidget()

    def alt(key):
        qtbot.keyClick(QApplication.focusWidget() or page, key, Qt.KeyboardModifier.AltModifier)
        return QApplication.focusWidget()

    def tab():
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        return QApplication.focusWidget()

    assert alt(Qt.Key.Key_R) is field(page, "Nama kantor")
    assert tab() is field(page, "Singkatan")
    assert alt(Qt.Key.Key_M) is field(page, "Alamat")
    assert tab() is field(page, "Kota")  # the address keeps no Tab
    assert tab() is next(w for w in page.findChildren(QLabel) if w.text() == "Ko&de pos").buddy()
    assert alt(Qt.Key.Key_E) is field(page, "Email")
    assert alt(Qt.Key.Key_K) is field(page, "Pangkat/golongan")
    assert tab() is field(page, "NIP")
    phone = alt(Qt.Key.Key_L)
    assert phone is field(page, "Telepon")
    phone.selectAll()
    qtbot.keyClicks(phone, "(0526) 2028 777")
    alt(Qt.Key.Key_S)  # the button is pressed (and shown pressed) a moment later
    qtbot.waitUntil(lambda: office.get_profile(app).phone == "(0526) 2028 777", timeout=5000)
    # On every settings page each mnemonic is its own: none reaches two places, none takes
    # the letter of a menu.
    for title in ("Profil Kantor", "Wilayah & Seksi", "Pengguna", "Jejak Audit",
                  "Cadangan Data"):
        click_nav(qtbot, nav, title)
        shown = window.stack.currentWidget()
        texts = [w.text() for w in shown.findChildren(QLabel) + shown.findChildren(QAbstractButton)
                 if w.isVisible() and "&" in w.text().replace("&&", "")
                 and not w.text().startswith("<")]
        letters = [t[t.index("&") + 1].lower() for t in texts]
        assert len(set(letters)) == len(letters), (title, texts)
        assert not {"b", "a", "t"} & set(letters), (title, texts)  # Berkas, Akun, Bantuan
        if title == "Profil Kantor":
            assert len(letters) >= 15

    click_nav(qtbot, nav, "Pengguna")
    seen = []

    def user_form(dialog):
        seen.append(dialog.windowTitle())
        dialog.reject()

    with answer(qtbot, user_form):
        alt(Qt.Key.Key_P)
    assert seen and "pengguna" in seen[0].lower()
