"""Import dialog: shows how the sheet's columns were matched, lets the user confirm or change
the mapping and the defaults, then imports in the background with progress and cancel."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain import clock
from desktop_app.core.gui import messages
from desktop_app.core.gui.operations import SUBMISSIONS, Op
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.intake.domain.submissions import Channel, SubmissionKind
from desktop_app.intake.exchange.columns import IMPORT_SPECS
from desktop_app.intake.services import categories, importing


class ImportDialog(QDialog):
    def __init__(self, app: AppContext, actor: Actor, path: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor, self.path = app, actor, Path(path)
        self.result_obj: importing.ImportResult | None = None
        self.setWindowTitle(f"Impor {self.path.name}")
        self.resize(900, 640)
        self.ready = Op(parent, lambda: importing.preview(self.app, self.path)).success(
            lambda found: setattr(self, "preview", found)).run()
        if not self.ready:
            return
        header = self.preview.header
        info = QLabel(
            f"Baris judul kolom ditemukan di baris {header.row_index + 1}; data mulai baris "
            f"{header.data_start + 1}. Periksa pasangan kolom di bawah; kolom yang tidak "
            "dipakai biarkan \"(abaikan)\".", wordWrap=True)
        self.table = QTableWidget(len(header.headers), 3)
        self.table.setHorizontalHeaderLabels(["Kolom di berkas", "Contoh isi", "Dibaca sebagai"])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.combos: list[QComboBox] = []
        for i, name in enumerate(header.headers):
            self.table.setItem(i, 0, QTableWidgetItem(name or f"(kolom {i + 1})"))
            sample = ", ".join(str(r[i]) for r in self.preview.sample[:3]
                               if i < len(r) and r[i] is not None)
            self.table.setItem(i, 1, QTableWidgetItem(sample))
            combo = QComboBox()
            combo.addItem("(abaikan)", None)
            for spec in IMPORT_SPECS:
                combo.addItem(spec.label, spec.key)
            chosen = self.preview.suggestion.mapping.get(i)
            combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen else 0)
            self.table.setCellWidget(i, 2, combo)
            self.combos.append(combo)

        defaults = QFormLayout()
        self.kind = QComboBox()
        for k in SubmissionKind:
            self.kind.addItem(k.label, k.value)
        self.category = QComboBox()
        for code, label, _builtin in categories.list_categories(app):
            self.category.addItem(label, code)
        self.channel = QComboBox()
        for ch in Channel:
            self.channel.addItem(ch.label, ch.value)
        self.channel.setCurrentIndex(self.channel.findData(Channel.ENUMERATOR.value))
        self.received = QDateEdit(QDate(clock.today()), calendarPopup=True)
        self.received.setDisplayFormat("dd/MM/yyyy")
        self.dry_run = QCheckBox("Periksa saja, jangan simpan")
        defaults.addRow("Jenis (bila tidak ada kolomnya)", self.kind)
        defaults.addRow("Kategori (bila tidak ada kolomnya)", self.category)
        defaults.addRow("Saluran (bila tidak ada kolomnya)", self.channel)
        defaults.addRow("Tanggal diterima (bila kosong)", self.received)
        defaults.addRow(self.dry_run)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Impor")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Tutup")
        buttons.accepted.connect(self.start)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addWidget(self.table, 1)
        layout.addLayout(defaults)
        layout.addWidget(buttons)

    def mapping(self) -> dict[int, str | None]:
        return {i: combo.currentData() for i, combo in enumerate(self.combos)}

    def defaults(self) -> importing.ImportDefaults:
        q = self.received.date()
        return importing.ImportDefaults(self.kind.currentData(), self.category.currentData(),
                                        self.channel.currentData(),
                                        date(q.year(), q.month(), q.day()))

    def start(self) -> None:
        mapping = self.mapping()
        used = [k for k in mapping.values() if k]
        if len(used) != len(set(used)):
            messages.warn(self, "Satu isian dipasangkan ke lebih dari satu kolom.")
            return
        if "desa" not in used:
            messages.warn(self, "Kolom Desa/Kelurahan wajib dipasangkan.")
            return
        defaults, dry = self.defaults(), self.dry_run.isChecked()
        error_dir = self.app.paths.exports
        (Op(self, lambda progress: importing.import_rows(
            self.app, self.actor, self.preview, mapping, defaults, dry_run=dry,
            error_dir=error_dir, progress=progress), changes={SUBMISSIONS}, title="Mengimpor…")
         .success(self._done)
         .run_in_background())

    def _done(self, result: importing.ImportResult) -> None:
        self.result_obj = result
        messages.info(self, result.summary() + ".", "Hasil impor")
        if not result.dry_run:
            self.accept()
