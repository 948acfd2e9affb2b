"""Dialogs of the rembuk page: a new rembuk (and its meeting), the delegates, fixing the
result with the BA number."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain import clock
from desktop_app.core.gui.conflict import ConflictBanner
from desktop_app.core.gui.fields import DiscardGuard, FieldErrors
from desktop_app.core.gui.operations import MEETINGS, PLANNING, Op
from desktop_app.core.services import office, regions
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.planning.domain.labels import REMBUK_LEVELS, PlanningLevel
from desktop_app.planning.gui.widgets import combo, date_edit, date_of, select
from desktop_app.planning.services import rembuk


class AcknowledgerFields:
    """Who acknowledges ("Mengetahui") the berita acara: name, jabatan, NIP. Shown filled with
    the office head when the rembuk chose no one; left as the office head (or emptied), it is
    saved as "the office head" (empty), so a new head later signs the rembuk's BA."""

    def __init__(self, app: AppContext, stored: tuple[str, str, str]) -> None:
        profile = office.get_profile(app)
        self.head = (profile.head_name, profile.head_title, profile.head_nip) \
            if profile else ("", "", "")
        shown = stored if stored[0] else self.head
        self.name, self.position, self.nip = (QLineEdit(v) for v in shown)
        self.nip.setMaxLength(21)  # 18 digits, with the spaces of a printed NIP
        self.nip.setPlaceholderText("18 digit")

    def add_rows(self, form: QFormLayout, errors: FieldErrors) -> None:
        errors.add_row(form, "Me&ngetahui (nama)", "acknowledger_name", self.name)
        errors.add_row(form, "Jabatan yang menge&tahui", "acknowledger_position", self.position)
        errors.add_row(form, "NIP yang mengetah&ui", "acknowledger_nip", self.nip)

    def value(self) -> tuple[str, str, str]:
        typed = (self.name.text().strip(), self.position.text().strip(),
                 "".join(self.nip.text().split()))
        return ("", "", "") if typed == tuple("".join(x.split()) if i == 2 else x.strip()
                                              for i, x in enumerate(self.head)) else typed

    def fill(self, stored: tuple[str, str, str]) -> None:
        for edit, value in zip((self.name, self.position, self.nip),
                               stored if stored[0] else self.head, strict=True):
            edit.setText(value)


def _buttons(ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                           | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText("Batal")
    return box


class NewRembukDialog(DiscardGuard, QDialog):
    """Tier, region, when and where, who chairs and takes minutes; ``created_id`` after OK."""

    def __init__(self, app: AppContext, actor: Actor, year: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor, self.year = app, actor, year
        self.created_id: int | None = None
        self.setWindowTitle(f"Rembuk/Musrenbang baru (tahun rencana {year})")
        self.setMinimumWidth(560)  # names, jabatan and NIP readable whole
        self.errors = FieldErrors()
        profile = office.get_profile(app)
        self.level = combo((lv.value, lv.musrenbang) for lv in REMBUK_LEVELS)
        self.region = combo([])
        self.level.currentIndexChanged.connect(self._fill_regions)
        select(self.level, PlanningLevel.KECAMATAN.value)
        self._fill_regions()
        self.held_on = date_edit(clock.today())
        self.start = QTimeEdit(QTime(9, 0))
        self.start.setDisplayFormat("HH.mm")
        self.place = QLineEdit("Aula Kantor " + (profile.name.title() if profile else ""))
        self.chair = QLineEdit(profile.head_name if profile else "")
        self.chair_position = QLineEdit(profile.head_title if profile else "")
        self.chair_nip = QLineEdit(profile.head_nip if profile else "")
        self.taker = QLineEdit(actor.full_name)
        self.taker_position = QLineEdit()
        self.title = QLineEdit()
        self.title.setPlaceholderText("kosong: Musrenbang Kecamatan … (RKPD tahun)")
        form = QFormLayout()
        self.errors.add_row(form, "Tingkat", "level", self.level)
        self.errors.add_row(form, "Wilayah", "region_code", self.region)
        form.addRow("Tanggal", self.held_on)
        form.addRow("Jam mulai", self.start)
        self.errors.add_row(form, "Tempat", "place", self.place)
        self.errors.add_row(form, "Pimpinan sidang", "chair", self.chair)
        form.addRow("Jabatan pimpinan", self.chair_position)
        form.addRow("NIP pimpinan", self.chair_nip)
        form.addRow("Notulis", self.taker)
        form.addRow("Jabatan notulis", self.taker_position)
        self.acknowledger = AcknowledgerFields(app, ("", "", ""))
        self.acknowledger.add_rows(form, self.errors)
        form.addRow("Judul (opsional)", self.title)
        self.buttons = _buttons("Buat rembuk")
        self.buttons.accepted.connect(self.create)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors.general)
        layout.addWidget(self.buttons)

    def _fill_regions(self) -> None:
        level = self.level.currentData()
        self.region.clear()
        if level == PlanningLevel.DESA.value:
            items = [(d.code, d.label) for d in regions.list_desa(self.app)]
        elif level == PlanningLevel.KECAMATAN.value:
            items = [(r.code, f"Kecamatan {r.name}")
                     for r in regions.list_regions(self.app, "kecamatan")]
        else:
            items = [(r.code, r.name) for r in regions.list_regions(self.app, "kabupaten")]
        for code, label in items:
            self.region.addItem(label, code)
        select(self.region, regions.HOME_KECAMATAN)

    def create(self) -> None:
        self.errors.clear()
        q = self.start.time()
        data = rembuk.RembukInput(
            self.year, self.level.currentData(), self.region.currentData() or "",
            date_of(self.held_on), self.place.text(), time(q.hour(), q.minute()),
            (self.chair.text().strip(), self.chair_position.text().strip(),
             self.chair_nip.text().strip()),
            (self.taker.text().strip(), self.taker_position.text().strip(), ""),
            self.title.text(), acknowledger=self.acknowledger.value())
        (Op(self, lambda: rembuk.create_rembuk(self.app, self.actor, data),
            changes={PLANNING, MEETINGS})
         .success(self._created)
         .failure(lambda exc: self.errors.show(getattr(exc, "field_errors", {}), exc.message))
         .run())

    def _created(self, rembuk_id: int) -> None:
        self.created_id = rembuk_id
        self.accept()


class DelegatesDialog(DiscardGuard, QDialog):
    """The delegates for the next tier: one row each (name, unsur/jabatan, instansi, NIP);
    below them who acknowledges ("Mengetahui") the berita acara. Saved together with the
    rembuk's version."""

    HEADERS = ["Nama", "Unsur/jabatan", "Instansi/desa", "NIP"]

    def __init__(self, app: AppContext, actor: Actor, info: rembuk.RembukInfo,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor, self.info = app, actor, info
        self.setWindowTitle("Delegasi dan yang mengetahui berita acara")
        self.resize(720, 460)
        self.table = QTableWidget(max(6, len(info.delegates) + 3), len(self.HEADERS))
        self.table.setHorizontalHeaderLabels(self.HEADERS)
        self.table.horizontalHeader().setStretchLastSection(True)
        self._fill(info)
        self.table.setColumnWidth(0, 200)
        self.table.setColumnWidth(1, 170)
        self.table.setColumnWidth(2, 170)
        self.errors = FieldErrors()
        self.acknowledger = AcknowledgerFields(app, info.acknowledger)
        signs = QGroupBox("Mengetahui berita acara (kosong: kepala kantor)")
        form = QFormLayout(signs)
        self.acknowledger.add_rows(form, self.errors)
        self.buttons = _buttons("Simpan")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        # Saved meanwhile on another desk: the typed list stays until «Muat ulang».
        self.conflict = ConflictBanner(self)
        self.conflict.reload_requested.connect(self.reload_record)
        delegates = QLabel("&Delegasi untuk tingkat berikutnya:")
        delegates.setBuddy(self.table)
        layout = QVBoxLayout(self)
        layout.addWidget(self.conflict)
        layout.addWidget(delegates)
        layout.addWidget(self.table, 1)
        layout.addWidget(signs)
        layout.addWidget(self.errors.general)
        layout.addWidget(self.buttons)

    def _fill(self, info: rembuk.RembukInfo) -> None:
        self.table.clearContents()
        self.table.setRowCount(max(6, len(info.delegates) + 3))
        for r, d in enumerate(info.delegates):
            for c, value in enumerate((d.name, d.role, d.institution, d.nip)):
                self.table.setItem(r, c, QTableWidgetItem(value))

    def reload_record(self) -> None:
        """«Muat ulang»: the stored delegates and the rembuk's version replace the list."""
        self.info = rembuk.get_rembuk(self.app, self.actor, self.info.id)
        self._fill(self.info)
        self.acknowledger.fill(self.info.acknowledger)
        self.errors.clear()
        self.arm_discard_guard()

    def delegates(self) -> list[rembuk.DelegateInfo]:
        out = []
        for r in range(self.table.rowCount()):
            cells = [(self.table.item(r, c).text() if self.table.item(r, c) else "").strip()
                     for c in range(len(self.HEADERS))]
            if cells[0]:
                out.append(rembuk.DelegateInfo(*cells))
        return out

    def save(self) -> None:
        self.errors.clear()
        data, rid, version = self.delegates(), self.info.id, self.info.version
        ack = self.acknowledger.value()
        (Op(self, lambda: rembuk.save_delegates(self.app, self.actor, rid, data,
                                                version=version, acknowledger=ack),
            changes={PLANNING})
         .success(lambda _r: self.accept())
         .failure(lambda exc: self.conflict.show_refusal(exc, lambda e: self.errors.show(
             getattr(e, "field_errors", {}), e.message))).run())


class FinalizeDialog(DiscardGuard, QDialog):
    """Fix the result: the BA's number (the office pattern is suggested)."""

    def __init__(self, app: AppContext, actor: Actor, info: rembuk.RembukInfo,
                 suggested: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor, self.info = app, actor, info
        self.setWindowTitle("Tetapkan hasil rembuk")
        self.setMinimumWidth(480)  # the whole BA number and a conflict message readable
        self.number = QLineEdit(info.ba_number or suggested)
        form = QFormLayout()
        form.addRow("Nomor berita acara", self.number)
        self.buttons = _buttons("Tetapkan")
        self.buttons.accepted.connect(self.finalize)
        self.buttons.rejected.connect(self.reject)
        self.conflict = ConflictBanner(self)
        self.conflict.reload_requested.connect(self.reload_record)
        layout = QVBoxLayout(self)
        layout.addWidget(self.conflict)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def reload_record(self) -> None:
        """«Muat ulang»: the rembuk as stored now (its version); the typed number stays."""
        self.info = rembuk.get_rembuk(self.app, self.actor, self.info.id)

    def finalize(self) -> None:
        number, rid, version = self.number.text(), self.info.id, self.info.version
        (Op(self, lambda: rembuk.finalize(self.app, self.actor, rid, number, version=version),
            changes={PLANNING}).success(lambda _r: self.accept())
         .failure(self.conflict.show_refusal).run())

