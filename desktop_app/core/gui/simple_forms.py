"""Small dialogs of the foundation pages: region, office unit, reset password."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from desktop_app.core.domain import passwords
from desktop_app.core.domain.errors import AppError, RecordChangedError, ValidationError
from desktop_app.core.gui import messages
from desktop_app.core.gui.conflict import ConflictBanner
from desktop_app.core.gui.fields import DiscardGuard, FieldErrors
from desktop_app.core.services import auth, office, regions
from desktop_app.core.services.context import Actor, AppContext


class _FormDialog(DiscardGuard, QDialog):
    """A form with Simpan/Batal; ``_submit`` raises ValidationError to show errors in place."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self.errors = FieldErrors()
        self.form = QFormLayout(self)
        # A save refused because another desk changed the record: typed values stay until
        # the user picks «Muat ulang» (``reload_record``).
        self.conflict = ConflictBanner(self)
        self.conflict.reload_requested.connect(self.reload_record)
        self.form.addRow(self.conflict)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Simpan")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Batal")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.form.addRow(self.errors.general)
        self.form.addRow(self.buttons)

    def _submit(self) -> None:
        raise NotImplementedError

    def reload_record(self) -> None:
        """Show the stored record again (dialogs that edit a versioned record override it)."""

    def submit(self) -> bool:
        self.errors.clear()
        try:
            self._submit()
        except RecordChangedError as exc:
            self.conflict.show_conflict(exc)
            return False
        except ValidationError as exc:
            self.errors.show(exc.field_errors, exc.message)
            return False
        except AppError as exc:
            messages.show_error(self, exc)
            return False
        self.accept()
        return True


class RegionDialog(_FormDialog):
    """Add a desa/kelurahan (or a kecamatan) with its Kemendagri code."""

    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None,
                 parent_code: str | None = None) -> None:
        super().__init__("Tambah wilayah", parent)
        self.app, self.actor = app, actor
        self.parent_combo = QComboBox()
        for r in regions.list_regions(app):
            if r.level in {"kabupaten", "kecamatan"}:
                self.parent_combo.addItem(f"{r.code}  {r.level.title()} {r.name}", r.code)
        if parent_code:
            self.parent_combo.setCurrentIndex(max(0, self.parent_combo.findData(parent_code)))
        self.level = QComboBox()
        self.level.addItem("Desa", "desa")
        self.level.addItem("Kelurahan", "kelurahan")
        self.level.addItem("Kecamatan", "kecamatan")
        self.code = QLineEdit()
        self.code.setPlaceholderText("mis. 63.11.01.2001")
        self.name = QLineEdit()
        self.form.addRow("Induk", self.parent_combo)
        self.errors.add_row(self.form, "Tingkat", "level", self.level)
        self.errors.add_row(self.form, "Kode Kemendagri", "code", self.code)
        self.errors.add_row(self.form, "Nama", "name", self.name)
        self.finish_layout()
        self.parent_combo.currentIndexChanged.connect(self._prefill)
        self.level.currentIndexChanged.connect(self._prefill)
        self._prefill()

    def _prefill(self) -> None:
        parent = self.parent_combo.currentData() or ""
        text = self.code.text()
        if not text or text.endswith(".") or text.count(".") < 3:
            self.code.setText(f"{parent}." if parent else "")

    def _submit(self) -> None:
        regions.add_region(self.app, self.actor, self.code.text(), self.name.text(),
                          self.level.currentData())


class UnitDialog(_FormDialog):
    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None,
                 unit: office.UnitInfo | None = None) -> None:
        super().__init__("Ubah seksi/bidang" if unit else "Tambah seksi/bidang", parent)
        self.app, self.actor, self.unit = app, actor, unit
        self.name = QLineEdit(unit.name if unit else "")
        self.head_name = QLineEdit(unit.head_name if unit else "")
        self.active = QCheckBox("Aktif")
        self.active.setChecked(unit.active if unit else True)
        self.errors.add_row(self.form, "Nama seksi/bidang", "name", self.name)
        self.errors.add_row(self.form, "Kepala", "head_name", self.head_name)
        self.form.addRow("", self.active)
        self.finish_layout()
        self.saved_id: int | None = None

    def _submit(self) -> None:
        self.saved_id = office.save_unit(
            self.app, self.actor, self.unit.id if self.unit else None, self.name.text(),
            self.head_name.text(), self.active.isChecked(),
            version=self.unit.version if self.unit else None)

    def reload_record(self) -> None:
        """«Muat ulang»: the stored unit and its version replace what was typed."""
        if self.unit is None:
            return
        unit = self.unit = office.get_unit(self.app, self.unit.id)
        self.name.setText(unit.name)
        self.head_name.setText(unit.head_name)
        self.active.setChecked(unit.active)
        self.arm_discard_guard()  # the reloaded values are what the form now shows


def password_strength(password: str) -> tuple[int, str]:
    """A 0–4 score and its word, shown while typing a new password (the service's own rule)."""
    return passwords.strength(password)


def connect_strength(edit: QLineEdit, label_setter: Callable[[str], None]) -> None:
    def _update(text: str) -> None:
        score, word = password_strength(text)
        color = ["#b00020", "#b00020", "#b26a00", "#2e7d32", "#2e7d32"][score]
        label_setter(f"<span style='color:{color}'>Kekuatan: {word}</span>" if word else "")

    edit.textChanged.connect(_update)


class ResetPasswordDialog(_FormDialog):
    """Admin sets a new password; the account is unlocked and must change it at next login."""

    def __init__(self, app: AppContext, actor: Actor, user: auth.UserInfo,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"Atur ulang kata sandi: {user.username}", parent)
        self.app, self.actor, self.user = app, actor, user
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.strength = QLabel()
        self.errors.add_row(self.form, "Kata sandi baru", "password", self.password)
        self.form.addRow("", self.strength)
        self.errors.add_row(self.form, "Ulangi kata sandi", "repeat", self.repeat)
        self.finish_layout()
        connect_strength(self.password, self.strength.setText)

    def _submit(self) -> None:
        if self.password.text() != self.repeat.text():
            raise ValidationError(field_errors={"repeat": "Kata sandi dan ulangannya tidak sama."})
        auth.reset_password(self.app, self.actor, self.user.id, self.password.text())
