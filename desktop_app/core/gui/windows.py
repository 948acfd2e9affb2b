"""Windows that fit the screen they open on: offices still use 1024×768 and 1366×768 screens."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

MARGIN = 16  # room for the window frame and the task bar's shadow


def _screen(window: QWidget) -> QScreen | None:
    parent = window.parentWidget()
    return (parent.screen() if parent is not None else None) or window.screen() \
        or QGuiApplication.primaryScreen()


def available(window: QWidget) -> QRect:
    """The part of the window's screen not taken by task bars."""
    screen = _screen(window)
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 768)


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize ``window`` to width×height, or smaller when the screen is, and centre it there
    (on its parent's screen when it has one). Content that no longer fits scrolls."""
    area = available(window)
    w = max(min(width, area.width() - MARGIN), min(window.minimumWidth(), area.width()))
    h = max(min(height, area.height() - 2 * MARGIN), min(window.minimumHeight(), area.height()))
    window.resize(w, h)
    window.move(area.center() - QPoint(w // 2, h // 2))
