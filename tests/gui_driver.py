"""Driving the real window the way a person does: find widgets by the text on the screen, press
them with qtbot, and answer the modal dialogs they open (without hanging on ``exec()``).

    with answer(qtbot, fill_and_save):          # fill_and_save(dialog) runs inside its exec()
        click(qtbot, button(page, "Baru"))

Only public Qt API is used: no private attributes of the app's widgets.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import shiboken6
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QTabWidget,
    QTreeWidget,
    QWidget,
)

from desktop_app.core.gui import worker


def plain(text: str) -> str:
    """Button text without mnemonics, shortcut and trailing dots: '&Simpan…' → 'Simpan'."""
    return re.sub(r"&(?!&)", "", text.split("\t")[0]).replace("…", "").replace("...", "").strip()


def usable(widget: QWidget) -> bool:
    return shiboken6.isValid(widget) and widget.isVisible() and widget.isEnabled()


def buttons(root: QWidget) -> list[QAbstractButton]:
    """The visible, enabled push and tool buttons under ``root`` (check boxes and radio buttons
    are choices, not actions)."""
    from PySide6.QtWidgets import QCheckBox, QRadioButton

    return [b for b in root.findChildren(QAbstractButton)
            if usable(b) and not isinstance(b, QCheckBox | QRadioButton) and plain(b.text())]


def button(root: QWidget, text: str) -> QAbstractButton:
    """The visible button whose text (without '&' and '…') is ``text``, else one starting so."""
    found = [b for b in buttons(root) if plain(b.text()) == text] or \
            [b for b in buttons(root) if plain(b.text()).startswith(text)]
    if not found:
        seen = sorted({plain(b.text()) for b in buttons(root)})
        raise AssertionError(f"no button {text!r}; visible: {seen}")
    return found[0]


def field(root: QWidget, label: str) -> QWidget:
    """The input next to the label a person reads (a form row or a label's buddy)."""
    for layout in root.findChildren(QFormLayout):
        for row in range(layout.rowCount()):
            lab = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
            fld = layout.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if lab is None or fld is None or not isinstance(lab.widget(), QLabel):
                continue
            if plain(lab.widget().text()).rstrip(" *:").startswith(label):
                widget = fld.widget()
                if widget is None and fld.layout() is not None:
                    widget = fld.layout().itemAt(0).widget()
                return _input_inside(widget)
    for lab in root.findChildren(QLabel):
        if lab.buddy() is not None and plain(lab.text()).rstrip(" *:").startswith(label):
            return lab.buddy()
    raise AssertionError(f"no field labelled {label!r}")


def _input_inside(widget: QWidget) -> QWidget:
    from PySide6.QtWidgets import (
        QAbstractSpinBox,
        QLineEdit,
        QPlainTextEdit,
        QTextEdit,
    )

    kinds = (QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit)
    if isinstance(widget, kinds):
        return widget
    for child in widget.findChildren(QWidget):
        if isinstance(child, kinds) and child.isVisibleTo(widget):
            return child
    return widget


def wait_idle(qtbot: Any, timeout: int = 20_000) -> None:
    """Until no background job runs and its result has been delivered."""
    qtbot.waitUntil(lambda: not worker.busy(), timeout=timeout)
    QApplication.processEvents()


def click(qtbot: Any, widget: QWidget, *, wait: bool = True) -> None:
    assert usable(widget), f"{plain(getattr(widget, 'text', lambda: '')())!r} cannot be pressed"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    if wait:
        wait_idle(qtbot)


def choose(qtbot: Any, combo: QComboBox, text: str) -> None:
    """Pick an entry of a drop-down by its text, with the keyboard as a clerk does."""
    index = combo.findText(text)
    assert index >= 0, f"{text!r} not in {[combo.itemText(i) for i in range(combo.count())]}"
    combo.setFocus()
    combo.setCurrentIndex(index)


def click_tab(qtbot: Any, tabs: QTabWidget, title: str) -> None:
    bar = tabs.tabBar()
    for i in range(tabs.count()):
        if plain(tabs.tabText(i)).startswith(title):
            qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(i).center())
            assert tabs.currentIndex() == i
            return
    raise AssertionError(f"no tab {title!r}")


def click_row(qtbot: Any, view: QAbstractItemView, row: int, column: int = 0, *,
              double: bool = False) -> None:
    index = view.model().index(row, column)
    view.scrollTo(index)
    rect = view.visualRect(index)
    if double:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    else:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def click_nav(qtbot: Any, nav: QTreeWidget, title: str) -> None:
    """Choose a page in the main window's navigation tree by its title."""
    items = [it for it in nav.findItems(title, Qt.MatchFlag.MatchExactly
                                        | Qt.MatchFlag.MatchRecursive)
             if it.parent() is not None]  # a page, not a group of the same name
    assert items, f"no page {title!r} in the navigation"
    rect = nav.visualItemRect(items[0])
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def modal() -> QWidget | None:
    return QApplication.activeModalWidget()


@contextmanager
def answer(qtbot: Any, handle: Callable[[QWidget], object], *, timeout: int = 10_000,
           before: QWidget | None = None) -> Iterator[None]:
    """Run ``handle(dialog)`` on the next modal dialog that opens inside the block (it runs
    inside the dialog's own ``exec()``). ``handle`` must close the dialog; if it fails or
    leaves it open, the dialog is closed and the test fails, instead of hanging."""
    state: dict[str, Any] = {"done": False, "error": None}
    previous = before if before is not None else modal()
    timer = QTimer()
    timer.setInterval(20)

    def tick() -> None:
        widget = modal()
        if widget is None or widget is previous or not widget.isVisible():
            return
        timer.stop()
        try:
            # Keyboard focus arrives when the dialog's window is active, as for a person.
            widget.activateWindow()
            qtbot.waitUntil(widget.isActiveWindow, timeout=3000)
            handle(widget)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test below
            state["error"] = exc
        if shiboken6.isValid(widget) and widget.isVisible():
            close(widget)
            if state["error"] is None:
                state["error"] = AssertionError(
                    f"the dialog {widget.windowTitle()!r} was left open")
        state["done"] = True

    timer.timeout.connect(tick)
    timer.start()
    try:
        yield
        if not state["done"]:
            qtbot.waitUntil(lambda: state["done"], timeout=timeout)
    finally:
        timer.stop()
    if state["error"] is not None:
        raise state["error"]


def close(widget: QWidget) -> None:
    """Close a dialog the way Escape would (reject), any other window with close()."""
    if isinstance(widget, QDialog):
        widget.reject()
    else:
        widget.close()


def press_escape(qtbot: Any, widget: QWidget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Escape)


def show_active(qtbot: Any, widget: QWidget, width: int = 1024, height: int = 768) -> None:
    """Show ``widget`` as the active window (Alt+letters and shortcuts reach it)."""
    widget.resize(width, height)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWindow() is widget.windowHandle())


def press(qtbot: Any, root: QWidget, key: Qt.Key,
          modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> QWidget | None:
    """A key as the keyboard gives it: to the widget that has the focus (else ``root``);
    returns where the focus is afterwards. A button's Alt+letter is an animated click (pressed,
    then released a moment later), so Alt waits for it."""
    qtbot.keyClick(QApplication.focusWidget() or root, key, modifier)
    if modifier == Qt.KeyboardModifier.AltModifier:
        qtbot.wait(250)
    return QApplication.focusWidget()


def center(widget: QWidget) -> QPoint:
    return widget.rect().center()


def alt_letters(root: QWidget) -> list[str]:
    """The Alt letters (lower-case) of the labels and buttons shown inside ``root``; a label
    with one must have a buddy to move the focus to."""
    letters = []
    for widget in [*root.findChildren(QLabel), *root.findChildren(QAbstractButton)]:
        text = widget.text().replace("&&", "").replace("&amp;", "")  # a literal &
        if "&" in text and widget.isVisible():
            if isinstance(widget, QLabel):
                assert widget.buddy() is not None, f"{text!r} has no buddy"
            letters.append(text[text.index("&") + 1].lower())
    return letters
