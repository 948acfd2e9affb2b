"""The operator at the front desk, with the keyboard and the mouse only: a walk-in aduan is
entered, saved, selected in the list and its receipt printed; an enumerator's form starts on
her channel and desa; Escape does not throw a filled form away without asking."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QTableView, QTreeWidget

from desktop_app.app.demo import DEMO_PASSWORD
from desktop_app.core.gui import messages, pdf
from desktop_app.core.services import auth
from tests.gui_driver import answer, button, click, click_nav, field, wait_idle


@pytest.fixture
def desk(qtbot, demo_app):
    from desktop_app.app.main_window import MainWindow

    messages.captured, pdf.opened = [], []
    messages.confirm_answers.clear()
    app, _admin = demo_app

    def open_as(username):
        actor = auth.login(app, username, DEMO_PASSWORD)
        window = MainWindow(app, actor, "KECAMATAN PARINGIN SELATAN")
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        click_nav(qtbot, window.findChild(QTreeWidget), "Usulan, Laporan & Aduan")
        return window

    yield open_as
    messages.captured, pdf.opened = None, None
    messages.confirm_answers.clear()


def _type(qtbot, widget, text):
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def test_walk_in_aduan_by_keyboard_then_receipt(qtbot, desk):
    window = desk("operator")
    page = window.centralWidget()

    def fill(dialog):
        def at(label):
            assert QApplication.focusWidget() is field(dialog, label), label
            return QApplication.focusWidget()

        def tab():
            QApplication.processEvents()  # as between a person's keystrokes
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)

        steps = [  # (label the focus is on, what is typed there); Tab between them
            ("Jenis", "Aduan"), ("Kategori", "Drainase"), ("Tanggal diterima", None),
            ("Saluran", None), ("Nama", "Siti Aisyah"), ("NIK", None),
            ("No. HP/WA", "0812 5111 2233"), ("Alamat", None),
            ("Perihal", "Saluran tersumbat di depan SDN Inan"),
            ("Uraian", "Air meluap ke jalan saat hujan."), ("Desa/Kelurahan", "Inan"),
            ("RT / RW", "2"),
        ]
        for i, (label, text) in enumerate(steps):
            widget = at(label)  # the date takes one Tab; Uraian lets Tab go on
            if text:
                qtbot.keyClicks(widget, text)
            if i + 1 < len(steps):
                tab()
        assert field(dialog, "Saluran").currentText() == "Datang langsung"
        assert field(dialog, "Desa/Kelurahan").currentText() == "Inan"  # typing jumped
        for _ in range(4):  # RW, Alamat lokasi, two coordinates
            tab()
        for label, text in (("Nama saluran/lokasi", "Saluran Jl. Inan"), ("Panjang", "120"),
                            ("Dimensi penampang", None), ("Jenis saluran", None),
                            ("Tingkat kerusakan", "Rusak berat"), ("Tinggi genangan", None),
                            ("Lama genangan", None), ("Frekuensi genangan", None),
                            ("KK terdampak", "35"), ("Perkiraan biaya", None)):
            tab()
            widget = at(label)  # the category's fields come before Simpan
            if text:
                if isinstance(widget, QComboBox):  # a clerk presses "R" until it reads right
                    for _ in range(widget.count()):
                        if widget.currentText() == text:
                            break
                        qtbot.keyClicks(widget, text[0])
                        qtbot.wait(1100)  # past the drop-down's typing pause
                else:
                    qtbot.keyClicks(widget, text)
        assert field(dialog, "Tingkat kerusakan").currentText() == "Rusak berat"
        tab()
        assert QApplication.focusWidget() is button(dialog, "Simpan")
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S

    messages.confirm_answers[:] = [True]  # "Cetak tanda terima sekarang?" → Ya
    with answer(qtbot, fill):
        qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # Ctrl+N
    wait_idle(qtbot)
    title, text = messages.captured[-1]
    assert title == "Tersimpan" and "ADU/2026/" in text and "tanda terima" in text
    number = text.split("nomor ")[1].split(".")[0]
    table = page.findChild(QTableView)
    selected = table.selectionModel().selectedRows()
    assert selected and table.model().index(selected[0].row(), 0).data() == number
    assert pdf.opened and pdf.opened[-1].name.startswith(f"tanda-terima-{number.replace('/', '_')}")


def test_enter_on_a_row_opens_it_and_escape_asks_before_discarding(qtbot, desk):
    window = desk("operator")
    page = window.centralWidget()
    table = page.findChild(QTableView)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(table.model().index(0, 0)).center())
    number = table.model().index(0, 0).data()
    seen = []

    def detail(dialog):
        seen.append(dialog.windowTitle())
        click(qtbot, button(dialog, "Tutup"))

    with answer(qtbot, detail):
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert seen and seen[0].startswith(number)

    def escape_twice(dialog):
        _type(qtbot, field(dialog, "Nama"), "Rahmat")
        messages.confirm_answers[:] = [False]  # "Buang isian?" → Tidak: the form stays
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert dialog.isVisible() and field(dialog, "Nama").text() == "Rahmat"
        messages.confirm_answers[:] = [True]
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert not dialog.isVisible()

    with answer(qtbot, escape_twice):
        click(qtbot, button(page, "Baru"))
    assert messages.captured[-1][0] == "Buang isian?"


def test_an_enumerator_starts_on_her_channel_and_desa(qtbot, desk):
    window = desk("enumerator.inan")

    def check(dialog):
        assert field(dialog, "Saluran").currentText() == "Enumerator desa"
        desa = field(dialog, "Desa/Kelurahan")
        assert isinstance(desa, QComboBox) and desa.currentText() == "Inan"
        click(qtbot, button(dialog, "Batal"))

    messages.confirm_answers[:] = [True]
    with answer(qtbot, check):
        click(qtbot, button(window.centralWidget(), "Baru"))
