"""Login dialog (form from ui/login_dialog.ui); the password check happens in services.auth.

The dialog may be shown before the database is open (``app.loading`` opens it behind the
window): then ``app`` is None until ``set_app``, and a "Masuk" pressed meanwhile waits for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from desktop_app.core.domain.errors import AppError
from desktop_app.core.gui.forms.ui_login_dialog import Ui_LoginDialog

if TYPE_CHECKING:
    from desktop_app.core.services.context import Actor, AppContext

ERROR_STYLE = "color: #b00020;"
WAIT_STYLE = "color: #555555;"


class LoginDialog(QDialog):
    def __init__(self, app: AppContext | None, office_name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.actor: Actor | None = None
        self._login_waiting = False
        self.form = Ui_LoginDialog()
        self.form.setupUi(self)
        title_font = QFont()
        title_font.setPointSize(18)
        title_font.setBold(True)
        self.form.titleLabel.setFont(title_font)
        self.form.officeLabel.setText(office_name or "")
        self.form.errorLabel.setStyleSheet(ERROR_STYLE)
        self.ok_button = self.form.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Masuk")
        self.form.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText("Batal")
        self.form.buttonBox.accepted.connect(self.try_login)
        self.form.buttonBox.rejected.connect(self.reject)
        self.form.usernameEdit.setFocus()

    def is_ready(self) -> bool:
        """True once the database is open (a login is checked at once)."""
        return self.app is not None

    def set_app(self, app: AppContext, office_name: str) -> None:
        """The database is open: show the office's name; finish a login already asked for."""
        self.app = app
        if office_name:
            self.form.officeLabel.setText(office_name)
        if self._login_waiting:
            self._login_waiting = False
            self.ok_button.setEnabled(True)
            self._show_error("")
            self.try_login()

    def try_login(self) -> None:
        username = self.form.usernameEdit.text().strip()
        password = self.form.passwordEdit.text()
        if not username or not password:
            self._show_error("Isi nama pengguna dan kata sandi.")
            return
        if self.app is None:
            self._login_waiting = True
            self.ok_button.setEnabled(False)
            self.form.errorLabel.setStyleSheet(WAIT_STYLE)
            self.form.errorLabel.setText("Menyiapkan basis data…")
            return
        from desktop_app.core.services.auth import login

        try:
            self.actor = login(self.app, username, password)
        except AppError as exc:
            self._show_error(exc.message)
            self.form.passwordEdit.clear()
            self.form.passwordEdit.setFocus()
            return
        self.accept()

    def _show_error(self, text: str) -> None:
        self.form.errorLabel.setStyleSheet(ERROR_STYLE)
        self.form.errorLabel.setText(text)
