"""One way to run an operation from the GUI, after Anki's ``CollectionOp``/``QueryOp``.

    Op(self, lambda: intake.update_status(app, actor, sid, status), changes={SUBMISSIONS})
        .success(lambda result: ...)
        .run()                       # short work, on the GUI thread

    Op(self, lambda progress: printing.print_forms(app, actor, ids, target, progress),
       title="Mencetak formulir…").success(open_preview).run_in_background()

Expected errors (``AppError``) go to the ``failure`` callback or, by default, to
``messages.show_error``; anything else is a bug and always reaches the error dialog. After a
success that changed data, the app-wide ``ChangeBus`` tells every open page and dialog which
kinds of records changed, so each refreshes itself (``watch_changes``); nobody reloads by hand.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop_app.core.domain.errors import AppError
from desktop_app.core.domain.progress import Progress
from desktop_app.core.gui import messages

log = logging.getLogger(__name__)
T = TypeVar("T")

# Kinds of records an operation may change; pages watch the ones they show.
SUBMISSIONS = "submissions"
CATEGORIES = "categories"
HOLIDAYS = "holidays"
MEETINGS = "meetings"
ACTIONS = "actions"
MEETING_LISTS = "meeting_lists"
PRIORITY_LISTS = "priority_lists"
CRITERIA = "criteria"
OFFICE = "office"
USERS = "users"
REGIONS = "regions"
UNITS = "units"
SETTINGS = "settings"
BACKUPS = "backups"
PLANNING = "planning"


class ChangeBus(QObject):
    """App-wide signal: ``changed(frozenset_of_kinds)`` after an operation changed data."""

    changed = Signal(object)


_bus: ChangeBus | None = None


def change_bus() -> ChangeBus:
    global _bus
    if _bus is None:
        _bus = ChangeBus(QCoreApplication.instance())
    return _bus


def notify(changes: Iterable[str]) -> None:
    kinds = frozenset(changes)
    if kinds:
        change_bus().changed.emit(kinds)


class _Watcher(QObject):
    """Child of the watching widget: refreshes it on relevant changes (at once when visible,
    else the next time it is shown), and dies with it."""

    def __init__(self, widget: QWidget, kinds: frozenset[str], refresh: Callable[[], None]):
        super().__init__(widget)
        self._widget = widget
        self._kinds = kinds
        self._refresh = refresh
        self._stale = False
        change_bus().changed.connect(self._on_changed)
        widget.installEventFilter(self)

    def _on_changed(self, kinds: frozenset[str]) -> None:
        if not (kinds & getattr(self, "_kinds", frozenset())):
            return
        if self._widget.isVisible():
            self._refresh()
        else:
            self._stale = True

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # While Python's cycle collector tears a window down, Qt may still deliver an event to
        # a watcher whose Python half is already gone: it has nothing left to refresh.
        widget = getattr(self, "_widget", None)
        if widget is not None and obj is widget and event.type() == QEvent.Type.Show \
                and self._stale:
            self._stale = False
            self._refresh()
        return False


def watch_changes(widget: QWidget, kinds: Iterable[str], refresh: Callable[[], None]) -> None:
    """Call ``refresh()`` whenever an operation changes one of ``kinds``."""
    _Watcher(widget, frozenset(kinds), refresh)


class Op(Generic[T]):
    """An operation started from a widget: see the module docstring."""

    def __init__(self, parent: QWidget | None, fn: Callable[..., T], *,
                 changes: Iterable[str] = (), title: str = "") -> None:
        self._parent = parent
        self._fn = fn
        self._changes = frozenset(changes)
        self._title = title or "Memproses…"
        self._on_success: Callable[[T], Any] | None = None
        self._on_failure: Callable[[AppError], Any] | None = None

    def success(self, fn: Callable[[T], Any]) -> Op[T]:
        self._on_success = fn
        return self

    def failure(self, fn: Callable[[AppError], Any]) -> Op[T]:
        """Handle expected errors yourself (e.g. put them next to a form's fields)."""
        self._on_failure = fn
        return self

    def _fail(self, exc: BaseException) -> None:
        if isinstance(exc, AppError) and self._on_failure is not None:
            self._on_failure(exc)
        else:
            messages.show_error(self._parent, exc)

    def _succeed(self, result: T) -> None:
        notify(self._changes)
        if self._on_success is not None:
            self._on_success(result)

    def run(self) -> bool:
        """Run now, on the GUI thread (short work). True when it succeeded."""
        try:
            result = self._fn()
        except Exception as exc:  # noqa: BLE001 - expected or not, the user is told
            self._fail(exc)
            return False
        self._succeed(result)
        return True

    def run_in_background(self) -> Any:
        """Run ``fn(progress)`` on a worker thread with a progress dialog and Batal."""
        from desktop_app.core.gui.worker import Job

        fn: Callable[[Progress], T] = self._fn
        job = Job(self._parent, self._title, fn, self._succeed, self._fail)
        _running.add(job)
        job.done.connect(lambda: _running.discard(job))
        return job.start()


_running: set[Any] = set()  # jobs stay alive until they are done
