"""The monkey: presses every visible, enabled button of a window and explores every dialog that
opens (each tab, each button), closing what it opened. Unexpected errors are caught by the
autouse fixture of tests/conftest.py; the monkey itself fails on a dialog it cannot close."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QTabWidget,
    QWidget,
)

from tests.gui_driver import buttons, close, plain, usable, wait_idle

CLOSERS = {"Tutup", "Batal", "Keluar", "Selesai", "OK", "Close", "Cancel"}
# Standard dialogs are the platform's, not ours: closed at once, never explored.
STANDARD = (QMessageBox, QFileDialog, QInputDialog)


def _is_closer(button: QAbstractButton) -> bool:
    return isinstance(button.parent(), QDialogButtonBox) or plain(button.text()) in CLOSERS


class Monkey:
    """``Monkey(qtbot).explore(page, "Usulan")`` presses every button of ``page``."""

    def __init__(self, qtbot: Any, *, max_depth: int = 3,
                 skip: Callable[[str], bool] = lambda _path: False) -> None:
        self.qtbot = qtbot
        self.max_depth = max_depth
        self.skip = skip  # path → True to leave a button alone
        self.pressed: list[str] = []
        self.dialogs: list[str] = []
        self.problems: list[str] = []
        self._explored: set[str] = set()
        self._open: list[QWidget] = []  # dialogs being explored (outer ones reappear as modal)

    # -- pages -----------------------------------------------------------------------------------
    def explore(self, root: QWidget, where: str, depth: int = 0) -> None:
        """Select the first row of every list, then press every button (tabs one by one)."""
        done: set[int] = set()
        for tabs in [t for t in root.findChildren(QTabWidget) if usable(t)]:
            for i in range(tabs.count()):
                if not usable(tabs) or not tabs.isTabEnabled(i):
                    continue
                bar = tabs.tabBar()
                self.qtbot.mouseClick(bar, Qt.MouseButton.LeftButton,
                                      pos=bar.tabRect(i).center())
                self._press_all(tabs.widget(i), f"{where} › {plain(tabs.tabText(i))}",
                                depth, done)
        self._press_all(root, where, depth, done)

    def _select_first_rows(self, root: QWidget) -> None:
        for view in root.findChildren(QAbstractItemView):
            model = view.model()
            if not usable(view) or model is None or model.rowCount() == 0:
                continue
            if view.selectionModel() is not None and view.selectionModel().hasSelection():
                continue
            index = model.index(0, 0)
            rect = view.visualRect(index)
            if rect.isValid():
                self.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                                      pos=rect.center())

    def _press_all(self, root: QWidget, where: str, depth: int, done: set[int]) -> None:
        if not usable(root):
            return
        todo = [b for b in buttons(root) if id(b) not in done]
        closers = [b for b in todo if _is_closer(b)]
        for button in [b for b in todo if not _is_closer(b)] + closers:
            if not usable(button) or not usable(root):
                continue
            done.add(id(button))
            if _is_closer(button) and depth == 0:
                continue  # a page's "Tutup": nothing to close
            self._select_first_rows(root)  # again: a reload after a dialog clears it
            self.press(button, where, depth)

    # -- one press -------------------------------------------------------------------------------
    def press(self, button: QAbstractButton, where: str, depth: int) -> None:
        path = f"{where} › {plain(button.text())}"
        if self.skip(path):
            return
        menu = button.menu() if hasattr(button, "menu") else None
        if menu is not None:
            for action in [a for a in menu.actions() if a.isEnabled() and not a.isSeparator()]:
                self.pressed.append(f"{path} › {plain(action.text())}")
                self._watching(action.trigger, depth, f"{path} › {plain(action.text())}")
            return
        self.pressed.append(path)
        self._watching(lambda: self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton),
                       depth, path)

    def _watching(self, act: Callable[[], object], depth: int, path: str) -> None:
        """Do ``act`` while a timer explores (and closes) every modal dialog it opens; then
        explore and close the windows it opened without a modal loop (the print preview)."""
        windows_before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
        handled: set[int] = set()
        current = QApplication.activeModalWidget()  # the dialog being explored, if any
        started = time.monotonic()
        timer = QTimer()
        timer.setInterval(25)

        def tick() -> None:
            widget = QApplication.activePopupWidget() or QApplication.activeModalWidget()
            if widget is None or widget is current or widget in self._open \
                    or not widget.isVisible() \
                    or isinstance(widget, QProgressDialog):
                if time.monotonic() - started > 60:
                    self.problems.append(f"{path}: still busy after 60 s")
                return
            if id(widget) in handled:
                # Explored and closed, yet still there: hide it so the test goes on.
                self.problems.append(f"{path}: {widget.windowTitle()!r} did not close")
                widget.hide()
                return
            handled.add(id(widget))
            timer.stop()
            try:
                self.dialog(widget, depth + 1, path)
            finally:
                timer.start()

        timer.timeout.connect(tick)
        timer.start()
        try:
            act()
            wait_idle(self.qtbot, timeout=60_000)
        finally:
            timer.stop()
        for window in QApplication.topLevelWidgets():
            if id(window) not in windows_before and window.isVisible() \
                    and not isinstance(window, QMenu):
                self.dialog(window, depth + 1, path)

    # -- dialogs ---------------------------------------------------------------------------------
    def dialog(self, widget: QWidget, depth: int, path: str) -> None:
        """Explore ``widget`` once per kind (its class and title), then close it."""
        key = f"{type(widget).__name__}|{widget.windowTitle()}"
        self.dialogs.append(f"{path} → {key}")
        explore = (not isinstance(widget, (*STANDARD, QMenu)) and depth <= self.max_depth
                   and key not in self._explored)
        if explore:
            self._explored.add(key)
            self._open.append(widget)
            try:
                self.explore(widget, f"{path} → [{widget.windowTitle()}]", depth)
            finally:
                self._open.remove(widget)
        if shiboken6.isValid(widget) and widget.isVisible():
            close(widget)
            QApplication.processEvents()
            if isinstance(widget, QDialog) and shiboken6.isValid(widget) and widget.isVisible():
                self.problems.append(f"{path}: {key} would not close")
                widget.hide()
