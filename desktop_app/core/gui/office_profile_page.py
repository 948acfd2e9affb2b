"""Profil Kantor: the office's kop surat, head, paper and letter number pattern."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain import clock
from desktop_app.core.domain.errors import AppError, RecordChangedError, ValidationError
from desktop_app.core.gui import messages
from desktop_app.core.gui.conflict import ConflictBanner
from desktop_app.core.gui.fields import FieldErrors
from desktop_app.core.services import office, regions
from desktop_app.core.services.context import Actor, AppContext

MAX_LOGO_BYTES = 2 * 1024 * 1024


class OfficeProfilePage(QWidget):
    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        self.errors = FieldErrors()
        self.logo: bytes | None = None

        self.kind = QComboBox()
        for key, label in office.OFFICE_KINDS.items():
            self.kind.addItem(label, key)
        self.government_line = QLineEdit()
        self.name = QLineEdit()
        self.short_name = QLineEdit()
        self.short_name.setPlaceholderText("mis. Kec-PS")
        self.address = QPlainTextEdit()
        self.address.setFixedHeight(56)
        self.address.setTabChangesFocus(True)  # Tab leaves the address, as in every field
        self.city = QLineEdit()
        self.postal_code = QLineEdit()
        self.postal_code.setMaxLength(10)
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.website = QLineEdit()
        self.region = QComboBox()
        self.region.addItem("—", None)
        for r in regions.list_regions(app):
            if r.level in {"kabupaten", "kecamatan"}:
                self.region.addItem(f"{r.code}  {r.name}", r.code)
        self.head_name = QLineEdit()
        self.head_title = QLineEdit()
        self.head_title.setPlaceholderText("mis. Camat Paringin Selatan")
        self.head_rank = QLineEdit()
        self.head_rank.setPlaceholderText("mis. Pembina Tk. I (IV/b)")
        self.head_nip = QLineEdit()
        self.head_nip.setPlaceholderText("18 digit")
        self.paper_a4 = QRadioButton("A&4 (210 × 297 mm)")
        self.paper_f4 = QRadioButton("&F4 / Folio (215 × 330 mm)")
        self.pattern = QLineEdit()
        self.pattern_example = QLabel()
        self.pattern_example.setObjectName("patternExample")
        self.logo_preview = QLabel("Belum ada logo")
        self.logo_preview.setFixedSize(120, 120)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setStyleSheet("border: 1px solid #bbb; background: white;")
        choose = QPushButton("&Pilih logo…")
        choose.clicked.connect(self.choose_logo)
        remove = QPushButton("Hap&us logo")
        remove.clicked.connect(lambda: self.set_logo(None))

        kop = QGroupBox("Kop surat")
        kop_form = QFormLayout(kop)
        self.errors.add_row(kop_form, "Jenis kantor", "office_kind", self.kind)
        self.errors.add_row(kop_form, "Baris pemerinta&h", "government_line", self.government_line)
        self.errors.add_row(kop_form, "Nama kanto&r *", "name", self.name)
        self.errors.add_row(kop_form, "Sin&gkatan", "short_name", self.short_name)
        self.errors.add_row(kop_form, "Ala&mat", "address", self.address)
        city_row = QHBoxLayout()
        city_row.addWidget(self.city, 2)
        postal_label = QLabel("Ko&de pos")
        postal_label.setBuddy(self.postal_code)
        city_row.addWidget(postal_label)
        city_row.addWidget(self.postal_code, 1)
        city_box = QWidget()
        city_box.setLayout(city_row)
        city_row.setContentsMargins(0, 0, 0, 0)
        kop_form.addRow("K&ota", city_box)
        city_label = kop_form.labelForField(city_box)
        if isinstance(city_label, QLabel):
            city_label.setBuddy(self.city)
        self.errors.add_row(kop_form, "Te&lepon", "phone", self.phone)
        self.errors.add_row(kop_form, "&Email", "email", self.email)
        self.errors.add_row(kop_form, "Situs &web", "website", self.website)
        self.errors.add_row(kop_form, "Wila&yah", "region_code", self.region)

        logo_box = QGroupBox("Logo")
        logo_layout = QVBoxLayout(logo_box)
        logo_layout.addWidget(self.logo_preview, 0, Qt.AlignmentFlag.AlignHCenter)
        logo_layout.addWidget(choose)
        logo_layout.addWidget(remove)
        self.logo_error = QLabel(styleSheet="color: #b00020;", wordWrap=True)
        logo_layout.addWidget(self.logo_error)
        logo_layout.addStretch(1)

        head = QGroupBox("Pimpinan (penanda tangan)")
        head_form = QFormLayout(head)
        self.errors.add_row(head_form, "&Nama", "head_name", self.head_name)
        self.errors.add_row(head_form, "&Jabatan", "head_title", self.head_title)
        self.errors.add_row(head_form, "Pang&kat/golongan", "head_rank", self.head_rank)
        self.errors.add_row(head_form, "N&IP", "head_nip", self.head_nip)

        letters = QGroupBox("Surat dan cetakan")
        letters_form = QFormLayout(letters)
        paper = QWidget()
        paper_row = QHBoxLayout(paper)
        paper_row.setContentsMargins(0, 0, 0, 0)
        paper_row.addWidget(self.paper_a4)
        paper_row.addWidget(self.paper_f4)
        paper_row.addStretch(1)
        self.errors.add_row(letters_form, "Kertas bawaan", "paper_size", paper)
        self.errors.add_row(letters_form, "Pola nomor surat", "letter_number_pattern",
                            self.pattern)
        letters_form.addRow("", QLabel("Penanda: {kode} {nomor} {singkatan} {tahun} {bulan}"))
        letters_form.addRow("Contoh", self.pattern_example)

        self.save_button = QPushButton("&Simpan")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        reload_button = QPushButton("Batalkan perubahan")
        reload_button.clicked.connect(self.load)
        buttons = QHBoxLayout()
        buttons.addWidget(self.errors.general, 1)
        buttons.addStretch(1)
        buttons.addWidget(reload_button)
        buttons.addWidget(self.save_button)

        top = QHBoxLayout()
        top.addWidget(kop, 3)
        top.addWidget(logo_box, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(head, 1)
        bottom.addWidget(letters, 1)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        title = QLabel("<h2>Profil Kantor</h2>")
        inner_layout.addWidget(title)
        inner_layout.addLayout(top)
        inner_layout.addLayout(bottom)
        inner_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from field to field, not here
        scroll.setWidget(inner)
        self.conflict = ConflictBanner(self)  # saved meanwhile on another desk
        self.conflict.reload_requested.connect(self.load)
        self.loaded_version: int | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.conflict)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

        for edit in (self.pattern, self.short_name):
            edit.textChanged.connect(self.update_example)
        self.load()

    # -- data ----------------------------------------------------------------------------------
    def load(self) -> None:
        """Fill the form from the database (not on every page switch: edits stay)."""
        self.errors.clear()
        data = office.get_profile(self.app) or office.OfficeProfileData()
        self.loaded_version = data.version
        self.kind.setCurrentIndex(max(0, self.kind.findData(data.office_kind)))
        self.government_line.setText(data.government_line)
        self.name.setText(data.name)
        self.short_name.setText(data.short_name)
        self.address.setPlainText(data.address)
        self.city.setText(data.city)
        self.postal_code.setText(data.postal_code)
        self.phone.setText(data.phone)
        self.email.setText(data.email)
        self.website.setText(data.website)
        self.region.setCurrentIndex(max(0, self.region.findData(data.region_code)))
        self.head_name.setText(data.head_name)
        self.head_title.setText(data.head_title)
        self.head_rank.setText(data.head_rank)
        self.head_nip.setText(data.head_nip)
        (self.paper_f4 if data.paper_size == "F4" else self.paper_a4).setChecked(True)
        self.pattern.setText(data.letter_number_pattern)
        self.set_logo(data.logo)
        self.update_example()

    def data(self) -> office.OfficeProfileData:
        return office.OfficeProfileData(
            office_kind=self.kind.currentData(),
            government_line=self.government_line.text().strip(),
            name=self.name.text().strip(),
            short_name=self.short_name.text().strip(),
            address=self.address.toPlainText().strip(),
            city=self.city.text().strip(),
            postal_code=self.postal_code.text().strip(),
            phone=self.phone.text().strip(),
            email=self.email.text().strip(),
            website=self.website.text().strip(),
            head_name=self.head_name.text().strip(),
            head_title=self.head_title.text().strip(),
            head_rank=self.head_rank.text().strip(),
            head_nip=self.head_nip.text().strip(),
            region_code=self.region.currentData(),
            paper_size="F4" if self.paper_f4.isChecked() else "A4",
            letter_number_pattern=self.pattern.text().strip(),
            logo=self.logo,
        )

    def update_example(self) -> None:
        try:
            example = office.format_letter_number(
                self.pattern.text(), kode="000.7.1", nomor=15,
                singkatan=self.short_name.text().strip() or "Kec-PS",
                tahun=clock.today().year, bulan=clock.today().month,
            )
        except (KeyError, IndexError, ValueError):
            self.pattern_example.setText("<i>pola tidak dikenal; periksa penanda {…}</i>")
            return
        self.pattern_example.setText(f"<b>{example}</b>")

    def set_logo(self, content: bytes | None) -> None:
        self.logo = content
        self.logo_error.clear()
        if not content:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText("Belum ada logo")
            return
        pixmap = QPixmap()
        pixmap.loadFromData(content)
        self.logo_preview.setPixmap(pixmap.scaled(
            112, 112, Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation))

    def choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Pilih logo", str(Path.home()),
                                              "Gambar (*.png *.jpg *.jpeg)")
        if path:
            self.load_logo_file(Path(path))

    def load_logo_file(self, path: Path) -> bool:
        content = path.read_bytes()
        pixmap = QPixmap()
        if len(content) > MAX_LOGO_BYTES:
            self.logo_error.setText("Berkas logo terlalu besar (maksimal 2 MB).")
            return False
        if not pixmap.loadFromData(content):
            self.logo_error.setText("Berkas ini bukan gambar PNG/JPG yang dapat dibaca.")
            return False
        self.set_logo(content)
        return True

    def save(self) -> bool:
        data = self.data()
        self.errors.clear()
        try:
            office.save_profile(self.app, self.actor, replace(data, version=self.loaded_version))
        except RecordChangedError as exc:
            self.conflict.show_conflict(exc)
            return False
        except ValidationError as exc:
            self.errors.show(exc.field_errors, exc.message)
            return False
        except AppError as exc:
            messages.show_error(self, exc)
            return False
        saved = office.get_profile(self.app)
        self.loaded_version = saved.version if saved else None
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage("Profil kantor disimpan.", 5000)
        messages.info(self, "Profil kantor disimpan.")
        return True
