"""Opening the database behind the login window.

The login window needs only Qt; SQLAlchemy, the models, the migration check and the first
screen's modules take longer than Qt itself to load. So ``run_gui`` shows the login window
first and this loader does the rest on a plain thread while the person types: ``open_app``
(migrations after a backup when one is pending), the user count and office name the session
loop needs, then the modules of the main window and its first page. Nothing here creates a
widget; the result comes back to the GUI thread through a queued signal.
"""

from __future__ import annotations

import importlib
import logging
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QObject, Signal

from desktop_app.paths import DataPaths

if TYPE_CHECKING:
    from desktop_app.core.services.context import AppContext

log = logging.getLogger(__name__)

# Imported on the loader thread once the database is open, so that "Masuk" finds them loaded:
# the main window (it imports every feature's page list) and the page most roles see first.
WARM_MODULES = (
    "desktop_app.core.services.auth",
    "desktop_app.app.main_window",
    "desktop_app.intake.gui.list_page",
)


@dataclass(frozen=True)
class Started:
    """What the session loop needs from the opened database."""

    app: AppContext
    user_count: int
    office_name: str

    @classmethod
    def read(cls, app: AppContext) -> Started:
        from desktop_app.core.services import auth, office

        profile = office.get_profile(app)
        return cls(app, auth.user_count(app), profile.name if profile else "")


class AppLoader(QObject):
    """Runs ``open_app`` on a thread; ``loaded(Started)`` or ``failed(Exception)`` follow."""

    loaded = Signal(object)
    failed = Signal(object)

    def __init__(self, paths: DataPaths, database_url: str | None = None) -> None:
        super().__init__()
        self.paths = paths
        self.database_url = database_url
        self.result: Started | None = None
        self.error: BaseException | None = None
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, name="open-database")

    @property
    def new_database(self) -> bool:
        """A first start on this PC: there is no login to show before the wizard."""
        return self.database_url is None and not self.paths.database.exists()

    def start(self) -> AppLoader:
        """Start loading (once; later calls do nothing)."""
        if self._thread.ident is None:
            self._thread.start()
        return self

    def is_done(self) -> bool:
        return self._done.is_set()

    def _run(self) -> None:
        try:
            from desktop_app.core.services.bootstrap import open_app

            app = open_app(self.paths, self.database_url, daily_backup=False)
            fill_holidays(app)
            result = Started.read(app)
            for name in WARM_MODULES:
                importlib.import_module(name)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread
            log.exception("Could not open the database")
            self.error = exc
            self._done.set()
            self.failed.emit(exc)
        else:
            self.result = result
            self._done.set()
            self.loaded.emit(result)

    def wait(self) -> Started:
        """Wait (events keep flowing) until loaded; raises what the loader raised."""
        self.start()
        if not self._done.is_set():
            loop = QEventLoop()
            self.loaded.connect(loop.quit)
            self.failed.connect(loop.quit)
            if not self._done.is_set():  # a signal queued after this check still quits it
                loop.exec()
        self.join()
        if self.error is not None:
            raise self.error
        assert self.result is not None
        return self.result

    def join(self) -> None:
        """Let a migration that is running finish before the process ends."""
        if self._thread.ident is not None:
            self._thread.join()


def fill_holidays(app: AppContext) -> None:
    """This year's and next year's national holidays and cuti bersama, when a year has none yet
    (deadlines count working days); the admin adds local days in the settings."""
    from desktop_app.core.domain import clock
    from desktop_app.intake.services import calendar

    years = [clock.today().year, clock.today().year + 1]
    try:
        missing = calendar.years_without_holidays(app, years)
        if missing:
            added = calendar.fill_national_holidays_at_start(app, missing)
            log.info("National holidays for %s: %d added", missing, added)
    except Exception as exc:  # noqa: BLE001 - the app still starts; the admin can fill them
        log.warning("National holidays not filled: %s", exc)
