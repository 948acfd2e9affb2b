"""Cadangan Data: back up now, list backups, restore (then the app closes), retention."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.errors import AppError, RecordChangedError, ValidationError
from desktop_app.core.gui import messages
from desktop_app.core.gui.conflict import ConflictBanner
from desktop_app.core.gui.fields import FieldErrors, format_datetime, format_size
from desktop_app.core.gui.worker import Job, run_job
from desktop_app.core.services import backups, settings
from desktop_app.core.services.context import Actor, AppContext

REASONS = {"manual": "Manual", "harian": "Harian otomatis", "pra-migrasi": "Sebelum pembaruan",
           "pra-pulih": "Sebelum pemulihan"}
RETENTION_KEYS = ("backup.keep_daily", "backup.keep_weekly", "backup.keep_monthly",
                  "backup.keep_pre_restore")


class BackupsPage(QWidget):
    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        self.job: Job | None = None
        self.last_backup: Path | None = None
        self._backups: list[Any] = []

        self.backup_button = QPushButton("&Cadangkan sekarang")
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton("Pulihkan dari cadangan terpi&lih…")
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button = QPushButton("Pulihkan dari be&rkas…")
        self.restore_file_button.clicked.connect(self.restore_from_file)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Waktu", "Jenis", "Ukuran", "Berkas"])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.itemSelectionChanged.connect(
            lambda: self.restore_button.setEnabled(self.selected_backup() is not None))
        self.folder_label = QLabel(f"Folder cadangan: {app.paths.backups}")
        self.folder_label.setWordWrap(True)

        self.errors = FieldErrors()
        self.spins: dict[str, QSpinBox] = {}
        retention = QGroupBox("Aturan penyimpanan")
        form = QFormLayout(retention)
        # Saved over the versions shown: changed meanwhile on another desk, refused here.
        self.conflict = ConflictBanner(self)
        self.conflict.reload_requested.connect(self.refresh)
        form.addRow(self.conflict)
        self._loaded: dict[str, int] = {}
        self._versions: dict[str, int] = {}
        for key in RETENTION_KEYS:
            spec = settings.SETTINGS[key]
            spin = QSpinBox()
            spin.setRange(int(spec.minimum or 0), int(spec.maximum or 999))
            spin.setMaximumWidth(120)
            self.spins[key] = spin
            self.errors.add_row(form, spec.label, key, spin)
        self.save_retention_button = QPushButton("&Simpan aturan")
        self.save_retention_button.clicked.connect(self.save_retention)
        form.addRow(self.errors.general)
        form.addRow("", self.save_retention_button)
        note = QLabel("Cadangan otomatis dibuat sekali sehari saat aplikasi dibuka dan sebelum "
                      "setiap pembaruan basis data. Cadangan lama dihapus menurut aturan ini; "
                      "salinan 'sebelum pemulihan' dan 'sebelum pembaruan' selalu disimpan.")
        note.setWordWrap(True)
        form.addRow(note)

        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_file_button)
        buttons.addWidget(self.restore_button)
        left = QVBoxLayout()
        left.addLayout(buttons)
        left.addWidget(self.table, 1)
        left.addWidget(self.folder_label)
        # The rules go under the list, not beside it: the page fits 1024×768 with the
        # navigation.
        body = QVBoxLayout()
        body.addLayout(left, 3)
        body.addWidget(retention)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Cadangan Data</h2>"))
        if not app.is_sqlite:
            shared = QLabel("Basis data bersama (PostgreSQL): cadangan dibuat dengan pg_dump ke "
                            "folder cadangan komputer ini. Pemulihan mengganti isi basis data "
                            "untuk semua komputer; komputer lain harus membuka ulang aplikasi.")
            shared.setWordWrap(True)
            layout.addWidget(shared)
        layout.addLayout(body, 1)
        self.refresh()

    # -- list ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._backups = backups.list_backups(self.app, self.actor)
        self.table.setRowCount(len(self._backups))
        for row, info in enumerate(self._backups):
            cells = [format_datetime(info.made_at, utc=False), REASONS.get(info.reason,
                                                                            info.reason),
                     format_size(info.size), info.path.name]
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.restore_button.setEnabled(self.selected_backup() is not None)
        values = settings.all_settings(self.app)
        self._versions = settings.setting_versions(self.app)
        for key, spin in self.spins.items():
            spin.setValue(int(values[key]))
        self._loaded = {key: spin.value() for key, spin in self.spins.items()}

    def selected_backup(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        return self._backups[rows[0].row()].path if rows else None

    # -- backup --------------------------------------------------------------------------------
    def backup_now(self) -> Job | None:
        if self.job is not None and self.job.is_running():
            return self.job
        app, actor = self.app, self.actor

        def work(progress: Any) -> Path:
            return backups.backup_now(app, actor, "manual", progress=progress)

        def done(path: Path) -> None:
            self.last_backup = path
            self.backup_button.setEnabled(True)
            self.refresh()
            messages.info(self, f"Cadangan dibuat dan diperiksa:\n{path}", "Cadangan")

        def failed(exc: BaseException) -> None:
            self.backup_button.setEnabled(True)
            messages.show_error(self, exc)

        self.backup_button.setEnabled(False)
        self.job = run_job(self, "Mencadangkan basis data", work, done, failed)
        self.job.done.connect(lambda: self.backup_button.setEnabled(True))  # also after Batal
        return self.job

    # -- restore -------------------------------------------------------------------------------
    def restore_selected(self) -> None:
        path = self.selected_backup()
        if path is not None:
            self.restore(path)

    def restore_from_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Pilih berkas cadangan",
                                              str(self.app.paths.backups),
                                              "Cadangan Ruko Parsel (*.sqlite3 *.dump)")
        if name:
            self.restore(Path(name))

    def restore(self, path: Path) -> bool:
        """Check the file, show what it is, ask, restore, then close the app."""
        try:
            summary = self._busy(lambda: backups.inspect_backup(self.app, self.actor, path))
        except AppError as exc:
            messages.show_error(self, exc)
            return False
        facts = [f"Skema basis data: {summary.revision}"
                 + (" (akan diperbarui ke versi aplikasi ini)" if summary.needs_upgrade else ""),
                 "Checksum: cocok dengan manifest" if summary.manifest == "cocok" else
                 "Checksum: tidak ada manifest (cadangan lama atau disalin tanpa manifest)"]
        if summary.users is not None:
            facts.append(f"Berisi {summary.users} pengguna dan {summary.audit_rows} baris "
                         "jejak audit")
        if not messages.confirm(
                self, f"Pulihkan basis data dari\n{path.name}?\n\n" + "\n".join(facts)
                + "\n\nSemua perubahan sesudah cadangan itu dibuat akan hilang dari basis data "
                  "aktif (basis data saat ini tetap disimpan sebagai cadangan 'sebelum "
                  "pemulihan'). Aplikasi di komputer atau jendela lain yang membuka basis data "
                  "ini tidak dapat menyimpan lagi sampai dibuka ulang. Aplikasi ini ditutup "
                  "sesudahnya.", "Pulihkan dari cadangan"):
            return False
        try:
            safety = self._busy(lambda: backups.restore(self.app, self.actor, path))
        except AppError as exc:
            messages.show_error(self, exc)
            return False
        messages.info(self, f"Basis data dipulihkan dari {path.name}.\nBasis data sebelumnya "
                            f"disimpan sebagai {safety.name}.\n\nAplikasi sekarang ditutup; "
                            "buka kembali untuk melanjutkan.", "Pemulihan selesai")
        self.close_application()
        return True

    def _busy(self, fn: Any) -> Any:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QCursor

        QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
        try:
            return fn()
        finally:
            QApplication.restoreOverrideCursor()

    def close_application(self) -> None:
        """After a restore nothing may keep using the old engine: close every window."""
        self.app.dispose()
        qapp = QApplication.instance()
        if qapp is not None:
            QApplication.closeAllWindows()
            qapp.quit()

    # -- retention -----------------------------------------------------------------------------
    def save_retention(self) -> bool:
        self.errors.clear()
        changed = {key: spin.value() for key, spin in self.spins.items()
                   if spin.value() != self._loaded.get(key)}
        try:
            settings.save_settings(self.app, self.actor, changed,
                                   {key: self._versions.get(key, 0) for key in changed})
        except RecordChangedError as exc:
            self.conflict.show_conflict(exc)
            return False
        except ValidationError as exc:
            self.errors.show(exc.field_errors, exc.message)
            return False
        except AppError as exc:
            messages.show_error(self, exc)
            return False
        self._versions = settings.setting_versions(self.app)
        self._loaded = {key: spin.value() for key, spin in self.spins.items()}
        messages.info(self, "Aturan penyimpanan cadangan disimpan.")
        return True
