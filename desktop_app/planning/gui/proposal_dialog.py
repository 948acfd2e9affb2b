"""The usulan form: what is proposed and why, costing from the kamus usulan, place and
proposer, alignment; for a saved proposal also its tiers, history and photos."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.errors import AppError, ValidationError
from desktop_app.core.domain.formatting import format_datetime, format_number, format_rupiah
from desktop_app.core.domain.roles import Permission
from desktop_app.core.gui.conflict import ConflictBanner
from desktop_app.core.gui.fields import DiscardGuard, FieldErrors
from desktop_app.core.gui.operations import PLANNING, Op
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.planning.domain.labels import (
    Authority,
    Coverage,
    LandStatus,
    PlanningLevel,
    ProposerLevel,
)
from desktop_app.planning.domain.proposals import ProposalInput, cost_of
from desktop_app.planning.domain.screening import verdict_text
from desktop_app.planning.gui.widgets import (
    combo,
    desa_combo,
    enum_combo,
    fill_table,
    money_edit,
    money_value,
    number_value,
    select,
)
from desktop_app.planning.services import frame, links, proposals


class ProposalDialog(DiscardGuard, QDialog):
    """New (``proposal_id`` None) or existing usulan; ``saved_id`` is set after Simpan."""

    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None, *,
                 proposal_id: int | None = None, year: int | None = None,
                 desa_code: str | None = None, prefill: ProposalInput | None = None,
                 meeting_problem: tuple[int, int] | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        self.saved_id: int | None = proposal_id
        self.meeting_problem = meeting_problem  # (meeting id, problem id) it is made from
        self.detail = proposals.get_detail(app, actor, proposal_id) if proposal_id else None
        self.year = self.detail.data.year if self.detail else (year or frame.default_year(app))
        self.setWindowTitle(f"Usulan {self.detail.number}" if self.detail
                            else f"Usulan Musrenbang baru (tahun rencana {self.year})")
        self.resize(860, 640)
        self.errors = FieldErrors()
        self.catalogue = frame.list_catalogue(app, actor)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._proposal_tab(), "Usulan && biaya")
        self.tabs.addTab(self._place_tab(desa_code), "Lokasi && pengusul")
        self.tabs.addTab(self._alignment_tab(), "Keselarasan && catatan")
        if self.detail:
            self.tabs.addTab(self._history_tab(), "Tingkat && riwayat")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("Simpan")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Tutup")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        # Saved meanwhile on another desk: what was typed stays until «Muat ulang».
        self.conflict = ConflictBanner(self)
        self.conflict.reload_requested.connect(self.reload_record)
        layout = QVBoxLayout(self)
        layout.addWidget(self.conflict)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.errors.general)
        layout.addWidget(self.buttons)
        if self.detail:
            self._load(self.detail.data)
        elif prefill is not None:
            self._load(prefill)
        self._lock_if_needed()
        self._update_cost()

    # -- tabs -----------------------------------------------------------------------------------
    def _proposal_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout()
        self.problem = QPlainTextEdit()
        self.problem.setPlaceholderText("Masalah apa yang dihadapi warga? (mis. jalan "
                                        "berlumpur saat hujan, anak sekolah terlambat)")
        self.problem.setFixedHeight(70)
        self.work = QLineEdit()
        self.work.setPlaceholderText("Kegiatan yang diusulkan, mis. Rabat beton jalan RT 03")
        self.kamus = combo(((c.id, c.label) for c in self.catalogue), "— tanpa kamus —")
        self.kamus.setEditable(True)
        self.kamus.setInsertPolicy(self.kamus.InsertPolicy.NoInsert)
        self.kamus.currentIndexChanged.connect(self._kamus_chosen)
        self.volume = QLineEdit()
        self.unit = QLineEdit()
        self.unit_price = money_edit()
        self.cost_label = QLabel()
        self.physical = QCheckBox("Usulan fisik (pembangunan/rehabilitasi sarana)")
        self.physical.setChecked(True)
        self.agency = QLineEdit()
        self.sub_code = QLineEdit()
        self.sub_code.setPlaceholderText("1.03.10.2.01.0032")
        self.sub_name = QLineEdit()
        self.authority = enum_combo(Authority)
        for w in (self.volume, self.unit_price):
            w.textChanged.connect(self._update_cost)
        cost_row = QHBoxLayout()
        for label, w in (("Volume", self.volume), ("Satuan", self.unit),
                         ("Harga satuan", self.unit_price)):
            cost_row.addWidget(QLabel(label))
            cost_row.addWidget(self.errors.wrap({"Volume": "volume", "Satuan": "unit",
                                                 "Harga satuan": "unit_price"}[label], w))
        self.errors.add_row(form, "Permasalahan", "problem", self.problem)
        self.errors.add_row(form, "Usulan kegiatan", "work", self.work)
        form.addRow("Kamus usulan", self.kamus)
        form.addRow(cost_row)
        form.addRow("Perkiraan biaya", self.cost_label)
        form.addRow("", self.physical)
        self.errors.add_row(form, "SKPD tujuan", "agency", self.agency)
        self.errors.add_row(form, "Kode sub kegiatan", "sub_activity_code", self.sub_code)
        form.addRow("Nama sub kegiatan", self.sub_name)
        self.errors.add_row(form, "Kewenangan", "authority", self.authority)
        return self._top(page, form)

    def _place_tab(self, desa_code: str | None) -> QWidget:
        page = QWidget()
        form = QFormLayout()
        self.desa = desa_combo(self.app, None, "— pilih desa/kelurahan —")
        if desa_code:
            select(self.desa, desa_code)
        self.rt, self.rw = QLineEdit(), QLineEdit()
        for w in (self.rt, self.rw):
            w.setMaximumWidth(70)
        rt_row = QHBoxLayout()
        rt_row.addWidget(QLabel("RT"))
        rt_row.addWidget(self.rt)
        rt_row.addWidget(QLabel("RW"))
        rt_row.addWidget(self.rw)
        rt_row.addStretch(1)
        self.address = QLineEdit()
        self.latitude, self.longitude = QLineEdit(), QLineEdit()
        self.latitude.setPlaceholderText("-2,3301")
        self.longitude.setPlaceholderText("115,6012")
        coord = QHBoxLayout()
        coord.addWidget(QLabel("Lintang"))
        coord.addWidget(self.latitude)
        coord.addWidget(QLabel("Bujur"))
        coord.addWidget(self.longitude)
        self.proposer = QLineEdit()
        self.proposer_level = enum_combo(ProposerLevel)
        select(self.proposer_level, ProposerLevel.RT.value)
        self.contact = QLineEdit()
        self.coverage = enum_combo(Coverage)
        select(self.coverage, Coverage.RT.value)
        self.beneficiaries = QSpinBox()
        self.beneficiaries.setRange(0, 10_000_000)
        self.beneficiaries.setSpecialValueText("—")
        self.land = enum_combo(LandStatus)
        self.land_note = QLineEdit()
        self.land_note.setPlaceholderText("mis. surat hibah tanah dari pemilik, 12/03/2026")
        self.errors.add_row(form, "Desa/kelurahan", "desa_code", self.desa)
        form.addRow("", self._wrap(rt_row))
        form.addRow("Alamat/lokasi", self.address)
        form.addRow("Koordinat", self.errors.wrap("latitude", self._wrap(coord)))
        self.errors.add_row(form, "Nama pengusul", "proposer_name", self.proposer)
        form.addRow("Pengusul dari", self.proposer_level)
        form.addRow("Kontak pengusul", self.contact)
        form.addRow("Cakupan manfaat", self.coverage)
        self.errors.add_row(form, "Penerima manfaat (orang)", "beneficiaries",
                            self.beneficiaries)
        self.errors.add_row(form, "Status lahan", "land_status", self.land)
        form.addRow("Keterangan lahan", self.land_note)
        return self._top(page, form)

    def _alignment_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout()
        self.priority = combo(((p.id, p.label) for p in
                               frame.list_priorities(self.app, self.actor, self.year)),
                              "— belum dipilih —")
        self.macro = combo(((m.id, f"{m.code}. {m.title}") for m in
                            frame.list_macro_problems(self.app, self.actor, self.year)),
                           "— belum dipilih —")
        self.note = QPlainTextEdit()
        self.errors.add_row(form, "Prioritas daerah", "priority_id", self.priority)
        self.errors.add_row(form, "Permasalahan makro", "macro_problem_id", self.macro)
        form.addRow("Catatan", self.note)
        return self._top(page, form)

    def _history_tab(self) -> QWidget:
        assert self.detail is not None
        page = QWidget()
        v = QVBoxLayout(page)
        tiers = QTableWidget()
        fill_table(tiers, ["Tingkat", "Putusan", "Volume", "Biaya", "Peringkat", "Prioritas",
                           "Alasan/catatan"],
                   [[t.level_label, t.verdict_label, format_number(t.volume, 2),
                     format_rupiah(t.cost), t.rank or "", t.priority_tier or "",
                     verdict_text(t.verdict, t.reasons, t.note, t.redirect_target,
                                  t.redirect_detail) if t.verdict else ""]
                    for t in self.detail.tiers], right=(2, 3, 4))
        events = QTableWidget()
        fill_table(events, ["Waktu", "Tingkat", "Peristiwa", "Oleh"],
                   [[format_datetime(e.at), PlanningLevel.label_of(e.level, ""), e.text,
                     e.by_name] for e in self.detail.events])
        photos = QHBoxLayout()
        self.photo_label = QLabel(", ".join(p.filename for p in self.detail.photos)
                                  or "Belum ada foto.")
        self.photo_button = QPushButton("Tambah foto…")
        self.photo_button.clicked.connect(self._add_photo)
        photos.addWidget(self.photo_label, 1)
        photos.addWidget(self.photo_button)
        v.addWidget(QLabel("<b>Hasil tiap tingkat</b>"))
        v.addWidget(tiers, 1)
        v.addWidget(QLabel("<b>Riwayat</b>"))
        v.addWidget(events, 1)
        v.addLayout(photos)
        return page

    @staticmethod
    def _top(page: QWidget, form: QFormLayout) -> QWidget:
        """The form at the top of its tab, not stretched over the whole height."""
        outer = QVBoxLayout(page)
        outer.addLayout(form)
        outer.addStretch(1)
        return page

    @staticmethod
    def _wrap(layout: QHBoxLayout) -> QWidget:
        w = QWidget()
        layout.setContentsMargins(0, 0, 0, 0)
        w.setLayout(layout)
        return w

    # -- behaviour ------------------------------------------------------------------------------
    def _kamus_chosen(self) -> None:
        entry = next((c for c in self.catalogue if c.id == self.kamus.currentData()), None)
        if entry is None:
            return
        self.unit.setText(entry.unit)
        self.unit_price.setText(format_number(entry.unit_price))
        self.agency.setText(entry.agency)
        self.sub_code.setText(entry.sub_activity_code)
        self.sub_name.setText(entry.sub_activity_name)
        self.physical.setChecked(entry.physical)
        select(self.authority, entry.authority)
        if not self.work.text().strip():
            self.work.setText(entry.work)

    def _update_cost(self) -> None:
        try:
            cost = cost_of(number_value(self.volume), money_value(self.unit_price))
        except ValueError:
            self.cost_label.setText("—")
            return
        self.cost_label.setText(f"<b>{format_rupiah(cost)}</b>")

    def _lock_if_needed(self) -> None:
        if self.detail is None:
            return
        current = self.detail.tier(self.detail.level)
        locked = not self.detail.returned and current is not None and current.verdict
        if not self.actor.can(Permission.PLANNING_ENTER):
            locked = True
        if self.detail.returned and current is not None:
            self.notice.setText("<b>Dikembalikan untuk perbaikan:</b> "
                                f"{current.note}. Perbaiki lalu Simpan untuk mengajukan lagi.")
        elif locked:
            self.notice.setText(f"Usulan ini sudah disaring di {self.detail.level_label} "
                                f"({current.verdict_label if current else ''}); data usulan "
                                "tidak diubah di sini.")
        if locked:
            self.save_button.setEnabled(False)
        if hasattr(self, "photo_button"):
            self.photo_button.setEnabled(self.actor.can(Permission.PLANNING_ENTER)
                                         and len(self.detail.photos) < proposals.MAX_PHOTOS)

    def _load(self, d: ProposalInput) -> None:
        self.problem.setPlainText(d.problem)
        self.work.setText(d.work)
        if d.catalogue_id:
            self.kamus.blockSignals(True)
            select(self.kamus, d.catalogue_id)
            self.kamus.blockSignals(False)
        if d.volume:
            self.volume.setText(format_number(d.volume, 0 if float(d.volume).is_integer()
                                              else 2))
        self.unit.setText(d.unit)
        if d.unit_price > 0:
            self.unit_price.setText(format_number(d.unit_price))
        self.physical.setChecked(d.physical)
        self.agency.setText(d.agency)
        self.sub_code.setText(d.sub_activity_code)
        self.sub_name.setText(d.sub_activity_name)
        select(self.authority, d.authority)
        select(self.desa, d.desa_code)
        self.rt.setText(d.rt)
        self.rw.setText(d.rw)
        self.address.setText(d.address)
        if d.latitude is not None and d.longitude is not None:
            self.latitude.setText(format_number(d.latitude, 6))
            self.longitude.setText(format_number(d.longitude, 6))
        self.proposer.setText(d.proposer_name)
        select(self.proposer_level, d.proposer_level)
        self.contact.setText(d.proposer_contact)
        select(self.coverage, d.coverage)
        self.beneficiaries.setValue(d.beneficiaries or 0)
        select(self.land, d.land_status)
        self.land_note.setText(d.land_note)
        select(self.priority, d.priority_id)
        select(self.macro, d.macro_problem_id)
        self.note.setPlainText(d.note)

    def value(self) -> ProposalInput:
        errors: dict[str, str] = {}

        def number(edit: QLineEdit, key: str, money: bool = False) -> float | None:
            try:
                return money_value(edit) if money else number_value(edit)
            except ValueError:
                errors[key] = "Bukan angka yang dikenali."
                return None

        volume = number(self.volume, "volume")
        price = number(self.unit_price, "unit_price", money=True)
        lat = number(self.latitude, "latitude")
        lon = number(self.longitude, "latitude")
        if errors:
            raise ValidationError(field_errors=errors)
        return ProposalInput(
            year=self.year, desa_code=self.desa.currentData() or "",
            problem=self.problem.toPlainText(), work=self.work.text(),
            proposer_name=self.proposer.text(), unit=self.unit.text(),
            volume=volume if volume is not None else 0.0,
            unit_price=int(price) if price is not None else -1,
            proposer_level=self.proposer_level.currentData(),
            proposer_contact=self.contact.text(), rt=self.rt.text(), rw=self.rw.text(),
            address=self.address.text(), latitude=lat, longitude=lon,
            catalogue_id=self.kamus.currentData(), agency=self.agency.text(),
            sub_activity_code=self.sub_code.text(), sub_activity_name=self.sub_name.text(),
            physical=self.physical.isChecked(), authority=self.authority.currentData(),
            land_status=self.land.currentData() if self.physical.isChecked()
            else LandStatus.NOT_NEEDED.value,
            land_note=self.land_note.text(), coverage=self.coverage.currentData(),
            beneficiaries=self.beneficiaries.value() or None,
            priority_id=self.priority.currentData(), macro_problem_id=self.macro.currentData(),
            note=self.note.toPlainText())

    def _show_errors(self, exc: AppError) -> None:
        if isinstance(exc, ValidationError):
            self.errors.show(exc.field_errors, exc.message)
        else:
            self.conflict.show_refusal(exc)  # a conflict on the banner, the rest as a message

    def reload_record(self) -> None:
        """«Muat ulang»: the stored usulan and its version replace what was typed."""
        if self.detail is not None:
            self.detail = proposals.get_detail(self.app, self.actor, self.detail.id)
            self._load(self.detail.data)
            self._lock_if_needed()
            self._update_cost()
            self.arm_discard_guard()

    def save(self) -> None:
        self.errors.clear()
        try:
            data = self.value()
        except ValidationError as exc:
            self._show_errors(exc)
            return
        if self.detail is None and self.meeting_problem is not None:
            meeting_id, problem_id = self.meeting_problem
            op = Op(self, lambda: links.from_meeting_problem(self.app, self.actor, meeting_id,
                                                             problem_id, data),
                    changes={PLANNING})
            op.success(lambda saved: self._saved(saved.id))
        elif self.detail is None:
            op = Op(self, lambda: proposals.create_proposal(self.app, self.actor, data),
                    changes={PLANNING})
            op.success(lambda saved: self._saved(saved.id))
        else:
            pid, version = self.detail.id, self.detail.version
            op = Op(self, lambda: proposals.update_proposal(self.app, self.actor, pid, data,
                                                            version), changes={PLANNING})
            op.success(lambda _v: self._saved(pid))
        op.failure(self._show_errors).run()

    def _saved(self, proposal_id: int) -> None:
        self.saved_id = proposal_id
        self.accept()

    def _add_photo(self) -> None:
        assert self.detail is not None
        path, _ = QFileDialog.getOpenFileName(self, "Pilih foto", "", "Foto (*.jpg *.jpeg *.png)")
        if not path:
            return
        from pathlib import Path

        pid = self.detail.id
        (Op(self, lambda: proposals.add_photo(self.app, self.actor, pid, Path(path)),
            changes={PLANNING})
         .success(lambda _i: self._reload_photos()).run())

    def _reload_photos(self) -> None:
        assert self.detail is not None
        fresh = proposals.get_detail(self.app, self.actor, self.detail.id)
        # Only the photos: the form keeps the version it was loaded with (a change made
        # meanwhile on another desk is still caught when the form is saved).
        self.detail = replace(self.detail, photos=fresh.photos)
        self.photo_label.setText(", ".join(p.filename for p in self.detail.photos))
        self.photo_button.setEnabled(len(self.detail.photos) < proposals.MAX_PHOTOS)
