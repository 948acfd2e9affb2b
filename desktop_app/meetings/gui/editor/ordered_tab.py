"""The meeting editor's *Agenda* and *Kesepakatan* tabs: an ordered list of items edited in
place (add, delete, move) and saved as a whole."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.errors import AppError, RecordChangedError
from desktop_app.core.gui import messages
from desktop_app.core.gui.operations import MEETINGS, Op
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.meetings.services import minutes
from desktop_app.meetings.services.dto import AgendaInput, MeetingDetail


class OrderedTextEditor(QWidget):
    """A list on the left, the selected item's title and text on the right, with add / delete
    / move buttons and one Save."""

    def __init__(self, with_title: bool, body_label: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.with_title = with_title
        self.items: list[list[str]] = []  # [title, body]
        self.list = QListWidget()
        self.title = QLineEdit()
        self.body = QPlainTextEdit()
        self.body.setTabChangesFocus(True)
        self.add_button = QPushButton("Tambah")
        self.delete_button = QPushButton("Hapus")
        self.up_button = QPushButton("Naik")
        self.down_button = QPushButton("Turun")
        self.save_button = QPushButton("Simpan")
        self.save_button.setToolTip("Ctrl+S")
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        row = QHBoxLayout()
        for b in (self.add_button, self.delete_button, self.up_button, self.down_button):
            row.addWidget(b)
        left.addLayout(row)
        right = QFormLayout()
        if with_title:
            right.addRow("Judul acara", self.title)
        else:
            self.title.hide()
        right.addRow(body_label, self.body)
        right.addRow("", self.save_button)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addLayout(right, 3)
        self._loading = False
        self.list.currentRowChanged.connect(self._show)
        self.title.textEdited.connect(self._edited)
        self.body.textChanged.connect(self._edited)
        # clicked(bool) must not reach add(title, body): the lambdas drop it.
        self.add_button.clicked.connect(lambda: self.add())
        self.delete_button.clicked.connect(lambda: self.delete())
        self.up_button.clicked.connect(lambda: self.move_item(-1))
        self.down_button.clicked.connect(lambda: self.move_item(1))

    def set_items(self, items: list[tuple[str, str]]) -> None:
        self.items = [[t, b] for t, b in items]
        self._refresh(0 if self.items else -1)

    def _label(self, i: int) -> str:
        title, body = self.items[i]
        text = " ".join((title if self.with_title else body).split())
        return f"{i + 1}. {text[:90]}{'…' if len(text) > 90 else ''}"

    def _refresh(self, select: int) -> None:
        self._loading = True
        self.list.clear()
        for i in range(len(self.items)):
            self.list.addItem(self._label(i))
        self._loading = False
        self.list.setCurrentRow(select)
        self._show(select)

    def _show(self, row: int) -> None:
        self._loading = True
        valid = 0 <= row < len(self.items)
        self.title.setText(self.items[row][0] if valid else "")
        self.body.setPlainText(self.items[row][1] if valid else "")
        self.title.setEnabled(valid and self.isEnabled())
        self.body.setEnabled(valid and self.isEnabled())
        self._loading = False

    def _edited(self, *_: Any) -> None:
        row = self.list.currentRow()
        if self._loading or not 0 <= row < len(self.items):
            return
        self.items[row] = [self.title.text(), self.body.toPlainText()]
        item = self.list.item(row)
        if item is not None:
            item.setText(self._label(row))

    def add(self, title: str = "", body: str = "") -> None:
        self.items.append([title, body])
        self._refresh(len(self.items) - 1)
        (self.title if self.with_title else self.body).setFocus()

    def delete(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.items):
            del self.items[row]
            self._refresh(min(row, len(self.items) - 1))

    def move_item(self, step: int) -> None:
        row = self.list.currentRow()
        other = row + step
        if 0 <= row < len(self.items) and 0 <= other < len(self.items):
            self.items[row], self.items[other] = self.items[other], self.items[row]
            self._refresh(other)


class _OrderedTab(OrderedTextEditor):
    """Saved with the meeting's version it showed; refused because another desk changed the
    meeting meanwhile, it emits ``conflicted`` (the editor shows its banner) and keeps the
    typed list."""

    conflicted = Signal(object)  # the RecordChangedError

    def __init__(self, app: AppContext, actor: Actor, with_title: bool, body_label: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(with_title, body_label, parent)
        self.app, self.actor = app, actor
        self.detail: MeetingDetail | None = None
        self.save_button.clicked.connect(lambda: self.save())

    def stored(self, d: MeetingDetail) -> list[tuple[str, str]]:  # pragma: no cover
        raise NotImplementedError

    def unsaved(self) -> bool:
        return self.detail is not None and self.isEnabled() and \
            [(t, b) for t, b in self.items] != self.stored(self.detail)

    def show_meeting(self, d: MeetingDetail) -> None:
        self.detail = d
        self.set_items(self.stored(d))

    def _save(self, fn: Callable[[], object]) -> None:
        Op(self, fn, changes={MEETINGS}).failure(self._refused).run()

    def _refused(self, exc: AppError) -> None:
        if isinstance(exc, RecordChangedError):
            self.conflicted.emit(exc)
        else:
            messages.show_error(self, exc)

    def save(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class AgendaTab(_OrderedTab):
    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(app, actor, True, "Pembahasan", parent)

    def stored(self, d: MeetingDetail) -> list[tuple[str, str]]:
        return [(a.title, a.discussion) for a in d.agenda]

    def save(self) -> None:
        if self.detail is None:
            return
        mid, items = self.detail.id, [AgendaInput(t, b) for t, b in self.items]
        version = self.detail.version
        self._save(lambda: minutes.save_agenda(self.app, self.actor, mid, items,
                                               version=version))


class AgreementsTab(_OrderedTab):
    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(app, actor, False, "Bunyi kesepakatan", parent)

    def stored(self, d: MeetingDetail) -> list[tuple[str, str]]:
        return [("", a.text) for a in d.agreements]

    def save(self) -> None:
        if self.detail is None:
            return
        mid, texts = self.detail.id, [b for _t, b in self.items]
        version = self.detail.version
        self._save(lambda: minutes.save_agreements(self.app, self.actor, mid, texts,
                                                   version=version))
