"""The monkey: presses every visible, enabled button of a window and explores every dialog that
opens (each tab, each button), closing what it opened. Unexpected errors are caught by the
autouse fixture of tests/conftest.py; the monkey itself fails on a dialog it cannot close."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QSpinBox,
    QTableWidget,
    QTabWidget,
    QTextEdit,
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
        """Select the first row of every list, then press every button (tabs one by one);
        every date field met must be the app's (dd/mm/yyyy, within the years 1900–2100 that
        the services accept)."""
        for field in root.findChildren(QDateEdit):
            if field.minimumDate() < QDate(1900, 1, 1) or field.maximumDate() > \
                    QDate(2100, 12, 31) or field.displayFormat() != "dd/MM/yyyy":
                self.problems.append(f"{where}: a date field {field.displayFormat()} from "
                                     f"{field.minimumDate().toString('dd/MM/yyyy')} to "
                                     f"{field.maximumDate().toString('dd/MM/yyyy')}")
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
        windows_before = {id(w) for w in QApplication.topLevelWidgets()
                          if shiboken6.isValid(w) and w.isVisible()}
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
            # closing one window may delete another of the list (a combo box's popup frame
            # goes with its dialog): a deleted one is passed over
            if shiboken6.isValid(window) and id(window) not in windows_before \
                    and window.isVisible() and not isinstance(window, QMenu):
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


# ---- the typing monkey -----------------------------------------------------------------------

def _hostile_line() -> str:
    """600 characters a clerk (or a hostile robot) may paste into one line."""
    parts = ["Jl. Łódź-Ñandú 東京 Москва Ελλάδα", "O'Brien \"kutip\" `tanda`",
             "'; DROP TABLE usulan;--", "=SUM(A1)", "😀👍🏽🇮🇩", "مرحبا بالعالم שלום",
             "nul\x00bel\x07tab\tesc\x1b", "<b>tebal</b> &amp; %s %d {0} \\N", "Kecamatan"
             + "Paringinselatanpanjangsekalitanpaspasi" * 3]
    text = " ".join(parts)
    while len(text) < 600:
        text += " " + " ".join(parts)
    return text[:600]


def _hostile_text() -> str:
    """20,000 characters on many lines."""
    lines = []
    i = 0
    while sum(len(line) + 1 for line in lines) < 20_000:
        lines.append(f"{i}. " + _hostile_line()[(i * 37) % 500:][:80 + (i * 53) % 400])
        i += 1
    return "\n".join(lines)[:20_000]


HOSTILE_SHORT = "=SUM(A1)'; DROP TABLE x;-- \"😀\" مرحبا\x00"
# Variants tried in turn while a save is refused: the long text with numbers and dates at their
# maximum, a short nasty one at their minimum, only spaces, then the long text again with the
# numbers and dates left as they were (so that it can be saved when the limits are refused).
LINE_VARIANTS = [_hostile_line(), HOSTILE_SHORT, " " * 12, _hostile_line()]
TEXT_VARIANTS = [_hostile_text(), HOSTILE_SHORT + "\n" * 3 + HOSTILE_SHORT, " \n  \n ",
                 _hostile_text()]
LIMITS = ["max", "min", None, None]
SAVERS = {"Simpan", "OK", "Terapkan", "Tambah", "Ya", "Buat", "Kirim", "Setujui", "Lanjut",
          "Tetapkan", "Catat", "Impor", "Selesai"}
# A page's or a tab's own save buttons: "Simpan data rapat", "Simpan pengaturan", …
SAVE_WORDS = {"Simpan", "Tetapkan", "Terapkan"}
# Words of English messages (a defect: every message to a person is Indonesian).
ENGLISH = re.compile(r"\b(the|is|not|invalid|must|value|error|cannot|failed|unable|too long|"
                     r"constraint|null|string|integer|expected|object|none|type)\b"
                     r"|\([a-z]+_[a-z_]+\)", re.I)  # or a code in brackets: '(submission_edit)'


class TypingMonkey(Monkey):
    """The monkey that types first: in every page and dialog it reaches, each enabled input is
    filled with hostile values (pasted, as a clerk pastes) before the save/OK-like buttons are
    pressed; while a save is refused, the next variant is tried."""

    def __init__(self, qtbot: Any, **kwargs: Any) -> None:
        super().__init__(qtbot, **kwargs)
        self.filled: dict[str, int] = {}  # input kind → how many were filled

    def _paste(self, widget: QWidget, text: str) -> None:
        QApplication.clipboard().setText(text)
        widget.setFocus()
        self.qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        self.qtbot.keyClick(widget, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)

    def _count(self, kind: str) -> None:
        self.filled[kind] = self.filled.get(kind, 0) + 1

    def fill(self, root: QWidget, variant: int) -> None:
        """Every enabled, editable input under ``root`` gets variant ``variant``."""
        if not usable(root):
            return
        for widget in root.findChildren(QWidget):
            if not usable(widget) or not shiboken6.isValid(root):
                continue
            if isinstance(widget, QComboBox):
                if widget.isEditable() and widget.lineEdit() is not None:
                    self._paste(widget.lineEdit(),
                                "Tidak ada di daftar " + LINE_VARIANTS[variant][:200])
                    self._count("QComboBox")
            elif isinstance(widget, QLineEdit):
                if widget.isReadOnly() or isinstance(widget.parent(),
                                                      (QAbstractSpinBox, QComboBox)):
                    continue
                self._paste(widget, LINE_VARIANTS[variant])
                self._count("QLineEdit")
            elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
                if widget.isReadOnly():
                    continue
                self._paste(widget.viewport(), TEXT_VARIANTS[variant])
                self._count(type(widget).__name__)
            elif isinstance(widget, QDateEdit):
                if not widget.isReadOnly() and LIMITS[variant]:
                    widget.setDate(widget.maximumDate() if LIMITS[variant] == "max"
                                   else widget.minimumDate())
                    self._count("QDateEdit")
            elif isinstance(widget, (QSpinBox, QDoubleSpinBox)):
                if not widget.isReadOnly() and LIMITS[variant]:
                    widget.setValue(widget.maximum() if LIMITS[variant] == "max"
                                    else widget.minimum())
                    self._count("QSpinBox")
            elif isinstance(widget, QTableWidget):
                self._fill_table(widget, variant)

    def _fill_table(self, table: QTableWidget, variant: int) -> None:
        if table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers:
            return
        for row in range(min(table.rowCount(), 3)):
            for col in range(table.columnCount()):
                item = table.item(row, col)
                if item is None or not item.flags() & Qt.ItemFlag.ItemIsEditable \
                        or table.cellWidget(row, col) is not None:
                    continue
                item.setText(LINE_VARIANTS[variant])
                self._count("QTableWidget cell")

    def _press_all(self, root: QWidget, where: str, depth: int, done: set[int]) -> None:
        if not usable(root):
            return
        self.fill(root, 0)
        todo = [b for b in buttons(root) if id(b) not in done]
        savers = [b for b in todo if (_is_closer(b) and plain(b.text()) in SAVERS)
                  or plain(b.text()).split(" ")[0] in SAVE_WORDS]
        closers = [b for b in todo if _is_closer(b) and b not in savers]
        others = [b for b in todo if not _is_closer(b) and b not in savers]
        for button in others + savers + closers:
            if not usable(button) or not usable(root):
                continue
            done.add(id(button))
            if _is_closer(button) and depth == 0 and button not in savers:
                continue
            self._select_first_rows(root)
            if button in savers:
                for variant in range(len(LINE_VARIANTS)):
                    if not usable(button) or not usable(root):
                        break
                    self.fill(root, variant)
                    self.press(button, f"{where} [isian {variant + 1}]", depth)
            else:
                self.press(button, where, depth)

    def english(self, captured: list[tuple[str, str]]) -> list[str]:
        return sorted({f"{title}: {text}" for title, text in captured
                       if ENGLISH.search(text) or ENGLISH.search(title)})


ROLES = ["admin", "operator", "verifikator", "camat"]


def walk_every_page(qtbot: Any, app: Any, username: str, monkey: Monkey) -> list[str]:
    """Log in as ``username`` on the demo, open the main window at 1024×768 and let ``monkey``
    explore every page of the navigation; the pages' titles."""
    from PySide6.QtWidgets import QTreeWidget

    from desktop_app.app.demo import DEMO_PASSWORD
    from desktop_app.app.main_window import MainWindow
    from desktop_app.core.services import auth
    from tests.gui_driver import click_nav

    actor = auth.login(app, username, DEMO_PASSWORD)
    window = MainWindow(app, actor, "KECAMATAN PARINGIN SELATAN")
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    nav = window.findChild(QTreeWidget)
    titles = [nav.topLevelItem(i).child(j).text(0)
              for i in range(nav.topLevelItemCount())
              for j in range(nav.topLevelItem(i).childCount())]
    for title in titles:
        click_nav(qtbot, nav, title)
        wait_idle(qtbot)
        monkey.explore(window.centralWidget(), title)
    return titles
