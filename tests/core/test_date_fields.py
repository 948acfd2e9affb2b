"""Every date field is the app's: dd/mm/yyyy, and a year the services would refuse (outside
1900–2100) cannot be typed; the monkey checks each date field of every page and dialog."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate

from desktop_app.core.gui.fields import OneTabDateEdit


def _typed(qtbot, text: str) -> OneTabDateEdit:
    field = OneTabDateEdit(date(2026, 11, 23))
    qtbot.addWidget(field)
    field.show()
    qtbot.waitExposed(field)
    field.activateWindow()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, text)  # the day section first, as a person tabbing in
    return field


def test_a_date_is_typed_and_a_year_past_2100_is_not(qtbot):
    assert _typed(qtbot, "05062027").text() == "05/06/2027"
    field = _typed(qtbot, "15129999")  # the year's digits past 2100 are not taken
    assert field.date() == QDate(2026, 12, 15)
