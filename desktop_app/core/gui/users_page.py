"""Pengguna: list, add, edit role/active, reset password (which also unlocks)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain import clock
from desktop_app.core.domain.formatting import format_nip
from desktop_app.core.gui.fields import format_datetime
from desktop_app.core.gui.simple_forms import ResetPasswordDialog
from desktop_app.core.gui.user_dialog import UserDialog
from desktop_app.core.services import auth
from desktop_app.core.services.context import Actor, AppContext


def utcnow() -> datetime:
    return clock.utcnow()


HEADERS = ["Nama pengguna", "Nama lengkap", "Peran", "Jabatan", "NIP", "Status",
           "Terakhir masuk"]


def status_text(user: auth.UserInfo, now: datetime | None = None) -> str:
    now = now or utcnow()
    if user.locked_until and user.locked_until > now:
        return f"Terkunci s.d. {format_datetime(user.locked_until)[-8:-3]}"
    return "Aktif" if user.active else "Nonaktif"


class UsersPage(QWidget):
    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        self._users: list[auth.UserInfo] = []
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.doubleClicked.connect(lambda _i: self.edit_user())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.add_button = QPushButton("Tambah &pengguna…")
        self.edit_button = QPushButton("&Ubah…")
        self.reset_button = QPushButton("Atur ulang &kata sandi…")
        self.add_button.clicked.connect(self.add_user)
        self.edit_button.clicked.connect(self.edit_user)
        self.reset_button.clicked.connect(self.reset_password)
        self.summary = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        for b in (self.add_button, self.edit_button, self.reset_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Pengguna</h2>"))
        layout.addWidget(QLabel("Peran menentukan menu dan tindakan yang boleh dilakukan. "
                                "Atur ulang kata sandi juga membuka akun yang terkunci."))
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self._users = auth.list_users(self.app, self.actor)
        self.table.setRowCount(len(self._users))
        now = utcnow()
        for row, u in enumerate(self._users):
            status = status_text(u, now)
            cells = [u.username, u.full_name, u.role.label, u.position, format_nip(u.nip), status,
                     format_datetime(u.last_login_at)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 5 and status.startswith("Terkunci"):
                    item.setForeground(QColor("#b00020"))
                elif not u.active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(row, col, item)
        locked = sum(1 for u in self._users if status_text(u, now).startswith("Terkunci"))
        text = f"{len(self._users)} pengguna"
        if locked:
            text += f", {locked} terkunci"
        self.summary.setText(text)
        self._update_buttons()

    def selected_user(self) -> auth.UserInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self._users[rows[0].row()] if rows else None

    def select_username(self, username: str) -> None:
        for row, u in enumerate(self._users):
            if u.username == username:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        has = self.selected_user() is not None
        self.edit_button.setEnabled(has)
        self.reset_button.setEnabled(has)

    def add_user(self) -> None:
        dialog = UserDialog(self.app, self.actor, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            self.select_username(dialog.username.text().strip())

    def edit_user(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        if UserDialog(self.app, self.actor, self, user).exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            self.select_username(user.username)

    def reset_password(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        dialog = ResetPasswordDialog(self.app, self.actor, user, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            from desktop_app.core.gui import messages

            messages.info(self, f"Kata sandi {user.username} diatur ulang dan akun dibuka. "
                                "Pengguna diminta menggantinya saat masuk.")
            self.refresh()
            self.select_username(user.username)
