"""Backup and restore as use cases: permission checks, audit rows, daily backup at start."""

from __future__ import annotations

import logging
from pathlib import Path

from desktop_app.core.domain import clock
from desktop_app.core.domain.errors import ValidationError
from desktop_app.core.domain.progress import Progress
from desktop_app.core.domain.roles import Permission
from desktop_app.core.services import audit, settings
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.db import backup

log = logging.getLogger(__name__)


def _require_sqlite(app: AppContext) -> None:
    if not app.is_sqlite:
        raise ValidationError(
            "Basis data bersama (PostgreSQL) dicadangkan di server dengan pg_dump, "
            "bukan dari aplikasi ini."
        )


def backup_now(app: AppContext, actor: Actor, reason: str = "manual",
               progress: Progress | None = None) -> Path:
    require(actor, Permission.MANAGE_BACKUPS)
    _require_sqlite(app)
    target = app.paths.backups / backup.backup_name(reason)
    backup.backup_file(app.paths.database, target, progress)
    with unit_of_work(app) as session:
        audit.record(session, actor, "backup", "database", target.name,
                     summary=f"Cadangan dibuat: {target.name}")
    _retain(app)
    return target


def _retain(app: AppContext) -> None:
    backup.apply_retention(
        app.paths.backups,
        settings.read_setting(app, settings.BACKUP_KEEP_DAILY),
        settings.read_setting(app, settings.BACKUP_KEEP_WEEKLY),
        settings.read_setting(app, settings.BACKUP_KEEP_MONTHLY),
    )


def daily_backup_due(app: AppContext) -> bool:
    """True when today's automatic backup is still to be made (SQLite only)."""
    if not app.is_sqlite or not app.paths.database.exists():
        return False
    today = clock.today()
    return not any(b.made_at.date() == today for b in backup.list_backups(app.paths.backups))


def daily_backup_if_due(app: AppContext, progress: Progress | None = None) -> Path | None:
    """One automatic backup per calendar day. The GUI runs it on a worker once the main window
    is up (``core.gui.daily_backup``), never before the first window."""
    if not daily_backup_due(app):
        return None
    target = app.paths.backups / backup.backup_name("harian")
    backup.backup_file(app.paths.database, target, progress)
    _retain(app)
    log.info("Daily backup written to %s", target)
    return target


def list_backups(app: AppContext, actor: Actor) -> list[backup.BackupInfo]:
    require(actor, Permission.MANAGE_BACKUPS)
    return backup.list_backups(app.paths.backups)


def restore(app: AppContext, actor: Actor, backup_path: Path) -> Path:
    """Replace the database with a backup; the replaced one is kept. The app must reopen after."""
    require(actor, Permission.MANAGE_BACKUPS)
    _require_sqlite(app)
    app.engine.dispose()  # no open connection may keep the old file's WAL alive
    safety = backup.restore_file(Path(backup_path), app.paths.database, app.paths.backups)
    with unit_of_work(app) as session:
        audit.record(session, actor, "restore", "database", Path(backup_path).name,
                     summary=f"Dipulihkan dari {Path(backup_path).name}; "
                             f"basis data sebelumnya disimpan sebagai {safety.name}")
    return safety


def integrity(app: AppContext) -> list[str]:
    if not app.is_sqlite:
        return []
    return backup.integrity_check(app.paths.database)


def check_file(database: Path) -> list[str]:
    """SQLite's integrity check of a database file as it lies, without opening the app on it."""
    return backup.integrity_check(database)
