"""Kamus usulan: the standard proposals with unit, unit price, SKPD, physical or not, authority
and Permendagri 90/2019 sub-kegiatan; editable by the planner."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.errors import AppError
from desktop_app.core.domain.formatting import format_number, format_rupiah
from desktop_app.core.domain.roles import Permission
from desktop_app.core.gui import messages
from desktop_app.core.gui.conflict import ConflictBanner
from desktop_app.core.gui.fields import FieldErrors
from desktop_app.core.gui.operations import PLANNING, Op, watch_changes
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.planning.domain.labels import Authority
from desktop_app.planning.gui.widgets import (
    enum_combo,
    fill_table,
    money_edit,
    money_value,
    save_buttons,
    select,
    selected_data,
)
from desktop_app.planning.services import frame


class CatalogueDialog(QDialog):
    def __init__(self, app: AppContext, actor: Actor, entry: frame.CatalogueInfo | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor, self.entry = app, actor, entry
        self.setWindowTitle("Ubah entri kamus" if entry else "Entri kamus baru")
        self.resize(560, 420)
        self.errors = FieldErrors()
        self.code, self.work, self.unit = QLineEdit(), QLineEdit(), QLineEdit()
        self.price = money_edit(None)
        self.agency = QLineEdit()
        self.physical = QCheckBox("Usulan fisik")
        self.authority = enum_combo(Authority)
        self.sub_code, self.sub_name, self.output = QLineEdit(), QLineEdit(), QLineEdit()
        self.active = QCheckBox("Aktif (muncul di formulir usulan)")
        self._show(entry)
        form = QFormLayout(self)
        # Saved meanwhile on another desk: what was typed stays until «Muat ulang».
        self.conflict = ConflictBanner(self)
        self.conflict.reload_requested.connect(self.reload_record)
        form.addRow(self.conflict)
        for label, key, w in (("Kode", "code", self.code), ("Pekerjaan", "work", self.work),
                              ("Satuan", "unit", self.unit),
                              ("Harga satuan", "unit_price", self.price),
                              ("SKPD", "agency", self.agency),
                              ("Kewenangan", "authority", self.authority),
                              ("Kode sub kegiatan", "sub_activity_code", self.sub_code)):
            self.errors.add_row(form, label, key, w)
        form.addRow("Nama sub kegiatan", self.sub_name)
        form.addRow("Keluaran", self.output)
        form.addRow("", self.physical)
        form.addRow("", self.active)
        form.addRow(self.errors.general)
        self.buttons = save_buttons(self.save, self.reject)
        form.addRow(self.buttons)

    def _show(self, e: frame.CatalogueInfo | None) -> None:
        self.code.setText(e.code if e else "")
        self.work.setText(e.work if e else "")
        self.unit.setText(e.unit if e else "")
        self.price.setText(format_number(e.unit_price) if e else "")
        self.agency.setText(e.agency if e else "")
        self.physical.setChecked(e.physical if e else True)
        select(self.authority, e.authority if e else Authority.KABUPATEN.value)
        self.sub_code.setText(e.sub_activity_code if e else "")
        self.sub_name.setText(e.sub_activity_name if e else "")
        self.output.setText(e.output if e else "")
        self.active.setChecked(e.active if e else True)

    def reload_record(self) -> None:
        """«Muat ulang»: the entry as stored now (and its version) replaces what was typed."""
        if self.entry is not None and self.entry.id is not None:
            self.entry = frame.get_catalogue_entry(self.app, self.actor, self.entry.id)
            self._show(self.entry)

    def _refused(self, exc: AppError) -> None:
        self.conflict.show_refusal(exc, lambda e: self.errors.show(
            getattr(e, "field_errors", {}), e.message))

    def save(self) -> None:
        self.errors.clear()
        try:
            price = money_value(self.price)
        except ValueError:
            self.errors.show({"unit_price": "Bukan angka yang dikenali."})
            return
        data = frame.CatalogueInfo(
            self.entry.id if self.entry else None, self.code.text(), self.work.text(),
            self.unit.text(), price if price is not None else -1, self.agency.text(),
            self.physical.isChecked(), self.authority.currentData(), self.sub_code.text(),
            self.sub_name.text(), self.output.text(), self.active.isChecked(),
            version=self.entry.version if self.entry else None)
        (Op(self, lambda: frame.save_catalogue_entry(self.app, self.actor, data),
            changes={PLANNING})
         .success(lambda _r: self.accept())
         .failure(self._refused)
         .run())


class CatalogueTab(QWidget):
    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        self.search = QLineEdit()
        self.search.setPlaceholderText("Cari pekerjaan, kode, sub kegiatan…")
        self.search.returnPressed.connect(self.load)
        self.table = QTableWidget()
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.new_button = QPushButton("Entri baru…")
        self.edit_button = QPushButton("Ubah…")
        for b, handler in ((self.new_button, lambda: self.edit(new=True)),
                           (self.edit_button, self.edit)):
            b.clicked.connect(handler)
            b.setEnabled(actor.can(Permission.PLANNING_FRAME))
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.edit_button)
        row.addStretch(1)
        v = QVBoxLayout(self)
        v.addWidget(self.search)
        v.addWidget(self.table, 1)
        v.addLayout(row)
        watch_changes(self, {PLANNING}, self.load)
        self.load()

    def load(self) -> None:
        self.entries = frame.list_catalogue(self.app, self.actor, text=self.search.text(),
                                            include_inactive=True)
        fill_table(self.table, ["Kode", "Pekerjaan", "Satuan", "Harga satuan", "SKPD", "Fisik",
                                "Kewenangan", "Sub kegiatan", "Aktif"],
                   [[e.code, e.work, e.unit, format_rupiah(e.unit_price), e.agency,
                     "Ya" if e.physical else "Tidak", Authority.label_of(e.authority),
                     f"{e.sub_activity_code} {e.sub_activity_name}".strip(),
                     "Ya" if e.active else "Tidak"] for e in self.entries],
                   data=list(range(len(self.entries))), right=(3,))
        self.table.setColumnWidth(1, 300)

    def edit(self, new: bool = False) -> None:
        index = None if new else selected_data(self.table)
        if not new and index is None:
            messages.info(self, "Pilih satu entri kamus terlebih dahulu.")
            return
        CatalogueDialog(self.app, self.actor,
                        None if index is None else self.entries[int(index)], self).exec()
