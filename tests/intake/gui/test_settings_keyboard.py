"""The holiday list on "Hari Libur, Tenggat & Kategori" worked with the keyboard only: Alt+N
and Alt+K reach the new day's date and name, Enter adds it, Shift+Tab reaches the list, Delete
removes the chosen day after asking; typing in the list does not pretend to edit it."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from desktop_app.core.gui import messages
from desktop_app.intake.gui.settings_page import IntakeSettingsPage
from desktop_app.intake.services import calendar
from tests.gui_driver import alt_letters, press, show_active

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def page(qtbot, app_ctx, admin):
    messages.captured, messages.confirm_answers = [], []
    page = IntakeSettingsPage(app_ctx, admin)
    qtbot.addWidget(page)
    show_active(qtbot, page)
    yield page
    messages.captured, messages.confirm_answers = None, []


def test_a_holiday_is_added_and_removed_with_the_keyboard(qtbot, app_ctx, page):
    day = press(qtbot, page, Qt.Key.Key_N, ALT)
    assert day is page.day
    qtbot.keyClicks(day, "25122026")  # dd/MM/yyyy, section by section
    assert page.day.date().toPython() == date(2026, 12, 25)
    name = press(qtbot, page, Qt.Key.Key_K, ALT)
    assert name is page.name
    qtbot.keyClicks(name, "Hari Raya Natal")
    press(qtbot, page, Qt.Key.Key_Return)
    assert [(h.day, h.name) for h in calendar.holiday_rows(app_ctx)] == \
        [(date(2026, 12, 25), "Hari Raya Natal")]
    assert page.name.text() == "" and messages.captured == []

    # Shift+Tab from the date goes back to the list; keys there choose, they do not edit.
    press(qtbot, page, Qt.Key.Key_N, ALT)
    table = press(qtbot, page, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert table is page.table
    press(qtbot, page, Qt.Key.Key_Down)
    assert page.table.currentRow() == 0
    qtbot.keyClicks(page.table, "x")
    assert page.table.item(0, 1).text() == "Hari Raya Natal"

    messages.confirm_answers = [False]  # Delete asks first; "no" keeps the day
    press(qtbot, page, Qt.Key.Key_Delete)
    assert "Hapus hari libur Jumat, 25 Desember 2026" in messages.captured[-1][1]
    assert len(calendar.holiday_rows(app_ctx)) == 1
    messages.confirm_answers = [True]
    press(qtbot, page, Qt.Key.Key_Delete)
    assert calendar.holiday_rows(app_ctx) == []
    assert page.table.rowCount() == 0


def test_alt_letters_press_the_buttons_of_the_page(qtbot, page):
    press(qtbot, page, Qt.Key.Key_H, ALT)  # nothing chosen: says so
    assert messages.captured[-1][1] == "Pilih hari libur yang akan dihapus."
    press(qtbot, page, Qt.Key.Key_M, ALT)  # no name typed: refused with the reason
    assert "Nama hari libur wajib diisi." in messages.captured[-1][1]
    press(qtbot, page, Qt.Key.Key_U, ALT)
    assert messages.captured[-1][1] == "Tenggat 0 data terbuka dihitung ulang."


def test_alt_letters_reach_the_categories_and_none_clash(qtbot, app_ctx, page):
    from desktop_app.intake.services import categories

    letters = alt_letters(page)
    assert len(letters) == len(set(letters)) and not {"b", "a", "t"} & set(letters), letters
    messages.text_answers[:] = ["Penerangan jalan umum"]
    press(qtbot, page, Qt.Key.Key_E, ALT)  # Tambah kategori…
    assert messages.captured[-1][0] == "Tambah kategori"
    assert [c.label for c in categories.list_custom_categories(app_ctx)] == \
        ["Penerangan jalan umum"]
    table = press(qtbot, page, Qt.Key.Key_D, ALT)  # Daftar kategori: the list
    assert table is page.categories
    press(qtbot, page, Qt.Key.Key_Down)
    assert page.categories.currentRow() == 0
    messages.text_answers[:] = ["Penerangan jalan (PJU)"]
    press(qtbot, page, Qt.Key.Key_G, ALT)  # Ubah kategori…
    assert messages.captured[-1][0] == "Ubah kategori"
    press(qtbot, page, Qt.Key.Key_I, ALT)  # Nonaktifkan
    [cat] = categories.list_custom_categories(app_ctx)
    assert (cat.label, cat.active) == ("Penerangan jalan (PJU)", False)
    assert page.toggle_category_button.text().replace("&", "") == "Aktifkan"
    press(qtbot, page, Qt.Key.Key_I, ALT)  # Aktifkan: the same letter
    assert categories.list_custom_categories(app_ctx)[0].active
    assert not [m for m in messages.captured if m[0] == "Kesalahan tak terduga"]
