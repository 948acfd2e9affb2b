"""Decimal fields show the Indonesian comma and take what a clerk types: '7,2' or '7.2'."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt

from desktop_app.core.gui.fields import DecimalSpinBox


def _retype(qtbot, box, text):
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Tab)


def test_decimal_field_shows_a_comma_and_takes_a_dot_or_a_comma(qtbot):
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    try:
        box = DecimalSpinBox(decimals=1, minimum=0, maximum=100, value=9)
        qtbot.addWidget(box)
        box.show()
        assert box.text() == "9,0"  # the PC's English locale does not matter
        _retype(qtbot, box, "7.2")
        assert box.value() == 7.2 and box.text() == "7,2"
        _retype(qtbot, box, "8,5")
        assert box.value() == 8.5
    finally:
        QLocale.setDefault(before)


def test_money_field_groups_thousands_with_dots(qtbot):
    box = DecimalSpinBox(decimals=0, minimum=0, maximum=100_000_000, groupSeparatorShown=True)
    qtbot.addWidget(box)
    box.show()
    _retype(qtbot, box, "2.750.000")
    assert box.value() == 2_750_000 and box.text() == "2.750.000"
