"""Background jobs: a worker thread with progress, cancel, and errors shown in one dialog."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop_app.core.domain.progress import Cancelled, Progress
from desktop_app.core.gui import messages

log = logging.getLogger(__name__)


class JobProgress:
    """Handed to the job function (a ``Progress``): reports to the dialog, raises
    ``Cancelled`` after Batal."""

    def __init__(self, worker: _Worker) -> None:
        self._worker = worker
        self.cancelled = False

    def __call__(self, done: int, total: int, text: str = "") -> None:
        if self.cancelled:
            raise Cancelled()
        self._worker.progressed.emit(int(done), int(total), text)

    def check(self) -> None:
        if self.cancelled:
            raise Cancelled()


class _Worker(QObject):
    progressed = Signal(int, int, str)
    finished_ok = Signal(object)
    failed = Signal(object)
    was_cancelled = Signal()

    def __init__(self, fn: Callable[[Progress], Any]) -> None:
        super().__init__()
        self._fn = fn
        self.progress = JobProgress(self)

    @Slot()
    def run(self) -> None:
        try:
            result = self._fn(self.progress)
        except Cancelled:
            self.was_cancelled.emit()
        except BaseException as exc:  # noqa: BLE001 - delivered to the GUI thread
            self.failed.emit(exc)
        else:
            self.finished_ok.emit(result)


class Job(QObject):
    """One running job; keep a reference until ``done`` (the parent widget does)."""

    done = Signal()
    # (done, total, text) as the job reports it, for a job shown without the dialog
    progressed = Signal(int, int, str)

    def __init__(self, parent: QWidget | None, title: str, fn: Callable[[Progress], Any],
                 on_success: Callable[[Any], None] | None = None,
                 on_error: Callable[[BaseException], None] | None = None,
                 show_dialog: bool = True,
                 on_cancel: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self._parent = parent
        self._on_success = on_success
        self._on_error = on_error
        self._on_cancelled = on_cancel
        self.result: Any = None
        self.error: BaseException | None = None
        self.cancelled = False
        self._thread = QThread()
        self._worker = _Worker(fn)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._worker.finished_ok.connect(self._on_ok, Qt.ConnectionType.QueuedConnection)
        self._worker.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        self._worker.was_cancelled.connect(self._on_cancel, Qt.ConnectionType.QueuedConnection)
        self.dialog: QProgressDialog | None = None
        if show_dialog:
            self.dialog = QProgressDialog(title, "Batal", 0, 0, parent)
            self.dialog.setWindowTitle(title)
            self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self.dialog.setMinimumDuration(300)
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
            self.dialog.canceled.connect(self.cancel)

    def start(self) -> Job:
        _active.add(self)
        self._thread.start()
        return self

    @Slot()
    def cancel(self) -> None:
        self._worker.progress.cancelled = True
        if self.dialog is not None:
            self.dialog.setLabelText("Membatalkan…")

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def stop(self) -> None:
        """Cancel and wait until the worker has stopped (a window closing with a job on)."""
        self.cancel()
        self._thread.quit()  # the thread ends once the job function has returned
        self._thread.wait()

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, text: str) -> None:
        self.progressed.emit(done, total, text)
        if self.dialog is None:
            return
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total else 0)
        if text:
            self.dialog.setLabelText(text)

    def _finish(self) -> None:
        self._thread.quit()
        self._thread.wait()
        if self.dialog is not None:
            self.dialog.close()
        _active.discard(self)
        self.done.emit()

    @Slot(object)
    def _on_ok(self, result: Any) -> None:
        self.result = result
        self._finish()
        if self._on_success is not None:
            self._on_success(result)

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        self.error = exc
        self._finish()
        if self._on_error is not None:
            self._on_error(exc)
        else:
            messages.show_error(self._parent, exc)

    @Slot()
    def _on_cancel(self) -> None:
        self.cancelled = True
        self._finish()
        if self._on_cancelled is not None:
            self._on_cancelled()
        else:
            messages.info(self._parent, "Proses dibatalkan.")


_active: set[Job] = set()  # started and not yet finished (their results not yet delivered)


def busy() -> bool:
    """True while a background job runs or its result waits to be delivered (tests wait on
    it; closing the app could also ask first)."""
    return bool(_active)


def run_job(parent: QWidget | None, title: str, fn: Callable[[Progress], Any],
            on_success: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None) -> Job:
    """Start ``fn(progress)`` on a worker thread; services it calls open their own sessions."""
    job = Job(parent, title, fn, on_success, on_error)
    return job.start()
