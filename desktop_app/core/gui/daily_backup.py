"""Today's automatic backup, made behind the main window with its progress in the status bar.

The first start of the day used to copy the whole database before any window showed (40 s for
a 1.1 GB file). Now the window comes first and the copy runs on a worker: the office works
meanwhile (the copy is a snapshot, see ``db.backup.backup_file``); closing the window stops it
and removes the half-made copy, and the next start makes it again.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar

from desktop_app.core.domain.progress import Progress
from desktop_app.core.gui.worker import Job
from desktop_app.core.services import backups
from desktop_app.core.services.context import AppContext

log = logging.getLogger(__name__)


class DailyBackup:
    """Starts the daily backup if it is due and shows how far it is in ``window``'s status
    bar. Keep a reference while the window lives; call ``stop`` when it closes."""

    def __init__(self, window: QMainWindow, app: AppContext) -> None:
        self.window = window
        self.app = app
        self.job: Job | None = None
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(160)
        self.bar.setTextVisible(False)
        status = window.statusBar()
        status.addPermanentWidget(self.label)
        status.addPermanentWidget(self.bar)
        self._show(False)

    def start(self) -> bool:
        """Start the copy when today's backup is still to be made; False when it is not."""
        if not backups.daily_backup_due(self.app):
            return False
        app = self.app

        def work(progress: Progress) -> object:
            return backups.daily_backup_if_due(app, progress)

        self.job = Job(self.window, "Cadangan harian", work, on_success=self._done,
                       on_error=self._failed, show_dialog=False, on_cancel=self._cancelled)
        self.job.progressed.connect(self._progress)
        self.label.setText("Mencadangkan data harian…")
        self.bar.setRange(0, 0)
        self._show(True)
        self.job.start()
        return True

    def is_running(self) -> bool:
        return self.job is not None and self.job.is_running()

    def stop(self) -> None:
        if self.is_running():
            assert self.job is not None
            self.job.stop()

    def _progress(self, done: int, total: int, text: str) -> None:
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
            self.label.setText(f"Mencadangkan data harian… {done * 100 // total}%")
        else:  # checking the copy: no step count, a busy bar
            self.bar.setRange(0, 0)
            self.label.setText(f"Cadangan harian: {text[:1].lower()}{text[1:]}" if text
                               else "Mencadangkan data harian…")

    def _done(self, _path: object) -> None:
        self._show(False)
        self.window.statusBar().showMessage("Cadangan harian selesai dan diperiksa.", 8000)

    def _failed(self, exc: BaseException) -> None:
        # A failed automatic backup must not stop the office from working: say so, log it.
        log.error("Daily backup failed", exc_info=exc)
        self._show(False)
        self.label.setText("Cadangan harian gagal (lihat log); coba Cadangkan sekarang.")
        self.label.setStyleSheet("color: #b00020;")
        self.label.show()

    def _cancelled(self) -> None:
        self._show(False)

    def _show(self, visible: bool) -> None:
        self.label.setVisible(visible)
        self.bar.setVisible(visible)
