"""Dialog for a user to change their own password."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from desktop_app.core.domain.errors import ValidationError
from desktop_app.core.gui import messages
from desktop_app.core.gui.fields import DiscardGuard
from desktop_app.core.services.auth import change_own_password
from desktop_app.core.services.context import Actor, AppContext


class ChangePasswordDialog(DiscardGuard, QDialog):
    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        self.setWindowTitle("Ganti kata sandi")
        self.old = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.new = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.error = QLabel(styleSheet="color: #b00020;", wordWrap=True)
        form = QFormLayout(self)
        form.addRow("Kata sandi lama", self.old)
        form.addRow("Kata sandi baru", self.new)
        form.addRow("Ulangi kata sandi baru", self.repeat)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Simpan")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Batal")
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _save(self) -> None:
        if self.new.text() != self.repeat.text():
            self.error.setText("Kata sandi baru dan ulangannya tidak sama.")
            return
        try:
            change_own_password(self.app, self.actor, self.old.text(), self.new.text())
        except ValidationError as exc:
            self.error.setText("\n".join(exc.field_errors.values()) or exc.message)
            return
        except Exception as exc:  # noqa: BLE001
            messages.show_error(self, exc)
            return
        messages.info(self, "Kata sandi berhasil diganti.")
        self.accept()
