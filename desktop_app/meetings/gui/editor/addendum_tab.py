"""The meeting editor's *Addendum* tab: dated corrections of a final notulen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from desktop_app.core.gui.fields import format_datetime
from desktop_app.core.gui.operations import MEETINGS, Op
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.meetings.services import minutes
from desktop_app.meetings.services.dto import MeetingDetail


class AddendumTab(QWidget):
    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        self.detail: MeetingDetail | None = None
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("Isi addendum (perubahan/ralat notulen final)")
        self.text.setMaximumHeight(120)
        self.text.setTabChangesFocus(True)
        self.add_button = QPushButton("Tambah addendum")
        self.add_button.clicked.connect(lambda: self.add())
        v = QVBoxLayout(self)
        v.addWidget(self.hint)
        v.addWidget(self.list, 1)
        v.addWidget(self.text)
        v.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignRight)

    def show_meeting(self, d: MeetingDetail) -> None:
        self.detail = d
        self.list.clear()
        for a in d.addenda:
            self.list.addItem(f"{format_datetime(a.at)} · {a.by_name}\n{a.text}")

    def set_state(self, *, final: bool, can_edit: bool) -> None:
        self.add_button.setEnabled(final and can_edit)
        self.text.setEnabled(final and can_edit)
        self.hint.setText(
            "Notulen sudah final. Perubahan dicatat sebagai addendum bertanggal dan tercatat di "
            "jejak audit." if final else
            "Addendum dipakai setelah notulen difinalisasi. Selama masih draf, ubah isi "
            "notulen langsung pada tab lainnya.")

    def add(self) -> None:
        if self.detail is None:
            return
        mid, text = self.detail.id, self.text.toPlainText()
        Op(self, lambda: minutes.add_addendum(self.app, self.actor, mid, text),
           changes={MEETINGS}).success(lambda _id: self.text.clear()).run()
