"""Open an installation: folders, engine, migrations (after a backup), reference data."""

from __future__ import annotations

import logging

from desktop_app.core.services.context import AppContext, unit_of_work
from desktop_app.db import migrate
from desktop_app.paths import DataPaths

log = logging.getLogger(__name__)


def open_app(paths: DataPaths, database_url: str | None = None, *,
             daily_backup: bool = True) -> AppContext:
    """Everything start-up needs before the first screen; raises on an unusable database."""
    app = AppContext.open(paths, database_url)
    sqlite_file = paths.database if app.is_sqlite and database_url is None else None
    migrate.upgrade(app.engine, sqlite_file=sqlite_file, backup_folder=paths.backups)
    app.remember_generation()
    from desktop_app.core.services import audit_chain
    from desktop_app.core.services.regions import seed_regions

    with unit_of_work(app) as session:
        seed_regions(session)
        anchor = audit_chain.current_anchor(session)
    audit_chain.write_anchor(paths, anchor)  # every start leaves the chain's state outside
    if daily_backup and sqlite_file is not None:
        from desktop_app.core.services.backups import daily_backup_if_due

        try:
            daily_backup_if_due(app)
        except Exception:  # a failed automatic backup must not stop the office from working
            log.exception("Daily backup failed")
    return app
