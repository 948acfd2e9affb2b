"""Login dialog (form from ui/login_dialog.ui); the password check happens in services.auth."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from desktop_app.core.domain.errors import AppError
from desktop_app.core.gui.forms.ui_login_dialog import Ui_LoginDialog
from desktop_app.core.services.auth import login
from desktop_app.core.services.context import Actor, AppContext


class LoginDialog(QDialog):
    def __init__(self, app: AppContext, office_name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.actor: Actor | None = None
        self.form = Ui_LoginDialog()
        self.form.setupUi(self)
        title_font = QFont()
        title_font.setPointSize(18)
        title_font.setBold(True)
        self.form.titleLabel.setFont(title_font)
        self.form.officeLabel.setText(office_name or "")
        self.form.errorLabel.setStyleSheet("color: #b00020;")
        ok = self.form.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Masuk")
        self.form.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText("Batal")
        self.form.buttonBox.accepted.connect(self.try_login)
        self.form.buttonBox.rejected.connect(self.reject)
        self.form.usernameEdit.setFocus()

    def try_login(self) -> None:
        username = self.form.usernameEdit.text().strip()
        password = self.form.passwordEdit.text()
        if not username or not password:
            self.form.errorLabel.setText("Isi nama pengguna dan kata sandi.")
            return
        try:
            self.actor = login(self.app, username, password)
        except AppError as exc:
            self.form.errorLabel.setText(exc.message)
            self.form.passwordEdit.clear()
            self.form.passwordEdit.setFocus()
            return
        self.accept()
