"""First-run wizard: the office profile essentials and the first admin account."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop_app.core.domain.errors import AppError, ValidationError
from desktop_app.core.domain.roles import Role
from desktop_app.core.gui import messages
from desktop_app.core.gui.fields import FieldErrors
from desktop_app.core.gui.simple_forms import connect_strength
from desktop_app.core.services import auth, office, regions, setup
from desktop_app.core.services.context import AppContext


class _OfficePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Profil kantor")
        self.setSubTitle("Data ini dipakai pada kop surat dan tanda tangan. Dapat diubah nanti "
                         "di Pengaturan › Profil Kantor.")
        self.errors = FieldErrors()
        self.kind = QComboBox()
        for key, label in office.OFFICE_KINDS.items():
            self.kind.addItem(label, key)
        self.government_line = QLineEdit("PEMERINTAH KABUPATEN BALANGAN")
        self.name = QLineEdit()
        self.name.setPlaceholderText("mis. KECAMATAN PARINGIN SELATAN")
        self.address = QLineEdit()
        self.head_name = QLineEdit()
        self.head_title = QLineEdit()
        self.head_title.setPlaceholderText("mis. Camat Paringin Selatan")
        self.head_nip = QLineEdit()
        self.head_nip.setPlaceholderText("18 digit")
        self.paper_a4 = QRadioButton("A4")
        self.paper_f4 = QRadioButton("F4 / Folio")
        self.paper_a4.setChecked(True)
        paper = QWidget()
        row = QVBoxLayout(paper)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.paper_a4)
        row.addWidget(self.paper_f4)
        form = QFormLayout(self)
        self.errors.add_row(form, "Jenis kantor", "office_kind", self.kind)
        self.errors.add_row(form, "Baris pemerintah", "government_line", self.government_line)
        self.errors.add_row(form, "Nama kantor *", "name", self.name)
        self.errors.add_row(form, "Alamat", "address", self.address)
        self.errors.add_row(form, "Nama pimpinan", "head_name", self.head_name)
        self.errors.add_row(form, "Jabatan pimpinan", "head_title", self.head_title)
        self.errors.add_row(form, "NIP pimpinan", "head_nip", self.head_nip)
        self.errors.add_row(form, "Kertas bawaan", "paper_size", paper)
        form.addRow(self.errors.general)

    def data(self) -> office.OfficeProfileData:
        kind = self.kind.currentData()
        return office.OfficeProfileData(
            office_kind=kind,
            government_line=self.government_line.text().strip(),
            name=self.name.text().strip(),
            address=self.address.text().strip(),
            head_name=self.head_name.text().strip(),
            head_title=self.head_title.text().strip(),
            head_nip=self.head_nip.text().strip(),
            paper_size="F4" if self.paper_f4.isChecked() else "A4",
            region_code=regions.HOME_KECAMATAN if kind == "kecamatan" else "63.11",
        )

    def validatePage(self) -> bool:
        try:
            office.validate_profile(self.data())
        except ValidationError as exc:
            self.errors.show(exc.field_errors, exc.message)
            return False
        self.errors.clear()
        return True


class _AdminPage(QWizardPage):
    def __init__(self, on_finish: Callable[[], bool]) -> None:
        super().__init__()
        self._on_finish = on_finish
        self.setTitle("Akun administrator pertama")
        self.setSubTitle("Administrator mengelola pengguna, profil kantor, cadangan dan jejak "
                         "audit. Simpan kata sandinya baik-baik.")
        self.errors = FieldErrors()
        self.username = QLineEdit("admin")
        self.full_name = QLineEdit()
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.strength = QLabel()
        form = QFormLayout(self)
        self.errors.add_row(form, "Nama pengguna", "username", self.username)
        self.errors.add_row(form, "Nama lengkap", "full_name", self.full_name)
        self.errors.add_row(form, "Kata sandi", "password", self.password)
        form.addRow("", self.strength)
        self.errors.add_row(form, "Ulangi kata sandi", "repeat", self.repeat)
        form.addRow(QLabel(f"Minimal {auth.MIN_PASSWORD_LENGTH} karakter dan bukan kata sandi "
                           "umum; gabungan beberapa kata lebih mudah diingat."))
        form.addRow(self.errors.general)
        connect_strength(self.password, self.strength.setText)

    def validatePage(self) -> bool:
        return self._on_finish()

    def data(self) -> auth.UserInput:
        return auth.UserInput(self.username.text().strip(), self.full_name.text().strip(),
                              Role.ADMIN, self.password.text())


class FirstRunWizard(QWizard):
    """Shown when the database has no user yet; saves both parts when Selesai is pressed."""

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.setWindowTitle("Ruko Parsel — penyiapan pertama")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setMinimumSize(620, 560)
        self.setButtonText(QWizard.WizardButton.NextButton, "Berikutnya ›")
        self.setButtonText(QWizard.WizardButton.BackButton, "‹ Kembali")
        self.setButtonText(QWizard.WizardButton.FinishButton, "Selesai")
        self.setButtonText(QWizard.WizardButton.CancelButton, "Batal")
        self.office_page = _OfficePage()
        self.admin_page = _AdminPage(self._save)
        self.addPage(self.office_page)
        self.addPage(self.admin_page)
        self.admin_id: int | None = None

    def _save(self) -> bool:
        page = self.admin_page
        page.errors.clear()
        if page.password.text() != page.repeat.text():
            page.errors.show({"repeat": "Kata sandi dan ulangannya tidak sama."})
            return False
        data = page.data()
        try:
            profile = self.office_page.data() if office.get_profile(self.app) is None else None
            self.admin_id = setup.first_run(self.app, data, profile).user_id
        except ValidationError as exc:
            page.errors.show(exc.field_errors, exc.message)
            return False
        except AppError as exc:
            messages.show_error(self, exc)
            return False
        return True
