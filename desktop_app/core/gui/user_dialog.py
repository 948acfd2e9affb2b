"""Add or edit a user: name, role, NIP, position, desa (enumerators), unit, active."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QWidget

from desktop_app.core.domain.errors import ValidationError
from desktop_app.core.domain.roles import Role
from desktop_app.core.gui.simple_forms import _FormDialog, connect_strength
from desktop_app.core.services import auth, office, regions
from desktop_app.core.services.context import Actor, AppContext


class UserDialog(_FormDialog):
    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None,
                 user: auth.UserInfo | None = None) -> None:
        super().__init__(f"Ubah pengguna: {user.username}" if user else "Tambah pengguna", parent)
        self.app, self.actor, self.user = app, actor, user
        self.saved_id: int | None = user.id if user else None
        self.username = QLineEdit(user.username if user else "")
        self.username.setReadOnly(user is not None)
        self.full_name = QLineEdit(user.full_name if user else "")
        self.role = QComboBox()
        for role, label in ((r, r.label) for r in Role):
            self.role.addItem(label, role.value)
        self.role.setCurrentIndex(self.role.findData((user.role if user else Role.OPERATOR).value))
        self.nip = QLineEdit(user.nip if user else "")
        self.nip.setPlaceholderText("18 digit, boleh kosong")
        self.position = QLineEdit(user.position if user else "")
        self.desa = QComboBox()
        self.desa.addItem("—", None)
        for r in regions.list_regions(app, "desa"):
            self.desa.addItem(r.label, r.code)
        self.desa.setCurrentIndex(max(0, self.desa.findData(user.desa_code if user else None)))
        self.unit = QComboBox()
        self.unit.addItem("—", None)
        for u in office.list_units(app):
            self.unit.addItem(u.name, u.id)
        self.unit.setCurrentIndex(max(0, self.unit.findData(user.unit_id if user else None)))
        self.active = QCheckBox("Aktif (boleh masuk)")
        self.active.setChecked(user.active if user else True)
        self.errors.add_row(self.form, "Nama pengguna", "username", self.username)
        self.errors.add_row(self.form, "Nama lengkap", "full_name", self.full_name)
        self.errors.add_row(self.form, "Peran", "role", self.role)
        self.errors.add_row(self.form, "NIP", "nip", self.nip)
        self.errors.add_row(self.form, "Jabatan", "position", self.position)
        self.errors.add_row(self.form, "Desa (enumerator)", "desa_code", self.desa)
        self.errors.add_row(self.form, "Seksi/bidang", "unit_id", self.unit)
        self.form.addRow("", self.active)
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.strength = QLabel()
        if user is None:
            self.errors.add_row(self.form, "Kata sandi", "password", self.password)
            self.form.addRow("", self.strength)
            self.errors.add_row(self.form, "Ulangi kata sandi", "repeat", self.repeat)
            connect_strength(self.password, self.strength.setText)
        self.finish_layout()

    def user_input(self) -> auth.UserInput:
        return auth.UserInput(
            username=self.username.text().strip(),
            full_name=self.full_name.text().strip(),
            role=Role(self.role.currentData()),
            password=self.password.text() if self.user is None else None,
            nip=self.nip.text().strip(),
            position=self.position.text().strip(),
            desa_code=self.desa.currentData(),
            unit_id=self.unit.currentData(),
            active=self.active.isChecked(),
        )

    def _submit(self) -> None:
        data = self.user_input()
        if self.user is None:
            if self.password.text() != self.repeat.text():
                raise ValidationError(
                    field_errors={"repeat": "Kata sandi dan ulangannya tidak sama."})
            self.saved_id = auth.create_user(self.app, self.actor, data)
        else:
            auth.update_user(self.app, self.actor, self.user.id, data, version=self.user.version)

    def reload_record(self) -> None:
        """«Muat ulang»: the stored user and its version replace what was typed."""
        if self.user is None:
            return
        user = self.user = auth.get_user(self.app, self.actor, self.user.id)
        self.full_name.setText(user.full_name)
        self.role.setCurrentIndex(self.role.findData(user.role.value))
        self.nip.setText(user.nip)
        self.position.setText(user.position)
        self.desa.setCurrentIndex(max(0, self.desa.findData(user.desa_code)))
        self.unit.setCurrentIndex(max(0, self.unit.findData(user.unit_id)))
        self.active.setChecked(user.active)
