"""The meeting list worked with the keyboard only: Ctrl+F to the search, Enter (or ↓) from the
search to the list, Enter opens the meeting and Escape closes it, Delete (or Alt+H) removes a
draft after asking, Alt+U starts a new meeting, Alt+K opens the chosen one."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt

from desktop_app.core.domain import clock
from desktop_app.core.gui import messages
from desktop_app.meetings.gui.list_page import MeetingListPage
from desktop_app.meetings.services import listing, minutes
from desktop_app.meetings.services.dto import MeetingInput
from tests.gui_driver import press, show_active

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def page(qtbot, app_ctx, admin):
    messages.captured, messages.confirm_answers = [], []
    for title in ("Rapat satu", "Rapat jalan Inan"):
        minutes.create_meeting(app_ctx, admin, MeetingInput(kind="rakor", title=title,
                                                            held_on=clock.today()))
    page = MeetingListPage(app_ctx, admin)
    qtbot.addWidget(page)
    show_active(qtbot, page, 1024, 700)
    yield page
    unexpected = [text for title, text in messages.captured if title == "Kesalahan tak terduga"]
    messages.captured, messages.confirm_answers = None, []
    assert not unexpected


def _escape(qtbot, page, dialog) -> None:
    """Escape closes the editor (nothing changed: no question); the list's window is the
    active one again."""
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible())
    show_active(qtbot, page, 1024, 700)


def _titles(app, admin) -> list[str]:
    source = listing.MeetingPageSource(app, admin)
    return sorted(r.title for r in source.fetch(None, "held_on", True, 0, 50))


def test_search_open_close_and_delete_with_the_keyboard(qtbot, app_ctx, admin, page):
    search = press(qtbot, page, Qt.Key.Key_F, CTRL)
    assert search is page.search
    qtbot.keyClicks(search, "jalan")
    table = press(qtbot, page, Qt.Key.Key_Return)  # the filter applied, then the list
    assert table is page.view.table and page.model.total == 1
    assert page.view.selected_row().title == "Rapat jalan Inan"

    press(qtbot, page, Qt.Key.Key_Return)
    editor = page.editor
    assert editor.isVisible() and editor.detail.title == "Rapat jalan Inan"
    _escape(qtbot, page, editor)

    page.view.table.setFocus()
    messages.confirm_answers = [False]  # Delete asks first; "no" keeps it
    press(qtbot, page, Qt.Key.Key_Delete)
    assert "Hapus rapat (draf) 'Rapat jalan Inan'" in messages.captured[-1][1]
    assert _titles(app_ctx, admin) == ["Rapat jalan Inan", "Rapat satu"]
    messages.confirm_answers = [True]
    press(qtbot, page, Qt.Key.Key_H, ALT)
    assert _titles(app_ctx, admin) == ["Rapat satu"]


def test_down_from_the_search_and_alt_letters(qtbot, page):
    press(qtbot, page, Qt.Key.Key_F, CTRL)
    table = press(qtbot, page, Qt.Key.Key_Down)
    assert table is page.view.table and page.view.selected_row() is not None
    press(qtbot, page, Qt.Key.Key_K, ALT)  # Buka
    opened = page.editor
    assert opened.isVisible() and opened.detail.title == page.view.selected_row().title
    _escape(qtbot, page, opened)
    press(qtbot, page, Qt.Key.Key_U, ALT)  # Rapat baru
    assert page.editor is not opened and page.editor.isVisible()
    assert page.editor.detail is None or not page.editor.detail.title


def test_every_filter_has_its_alt_letter_and_none_clash(qtbot, page):
    from tests.gui_driver import alt_letters

    letters = alt_letters(page)
    assert len(letters) == len(set(letters)) and not {"b", "a", "t"} & set(letters), letters
    for key, widget in ((Qt.Key.Key_R, page.search), (Qt.Key.Key_J, page.kind),
                        (Qt.Key.Key_L, page.desa), (Qt.Key.Key_O, page.status),
                        (Qt.Key.Key_I, page.date_from), (Qt.Key.Key_M, page.date_to)):
        assert press(qtbot, page, key, ALT) is widget, key
    assert not page.use_dates.isChecked()
    assert press(qtbot, page, Qt.Key.Key_P, ALT) is page.use_dates  # Periode: ticked
    assert page.use_dates.isChecked()
    # The filters work from there with the keyboard: Alt+J, then typing chooses the kind.
    kind = press(qtbot, page, Qt.Key.Key_J, ALT)
    qtbot.keyClicks(kind, "Rembuk")
    assert page.kind.currentText() == "Rembuk"
