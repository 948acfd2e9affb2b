"""Backup and restore as use cases: permission checks, manifests and audit anchors, audit rows,
the daily backup at start; SQLite files (db/backup.py) or PostgreSQL dumps (db/pg_backup.py).

A restore checks the candidate completely before it changes anything, keeps a copy of the
database it replaces (``pra-pulih``), is refused while another desk is writing, and tells every
other copy of the app on that database to stop writing (their next write is refused with
``DatabaseReplacedError``: they must reopen).
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import text

from desktop_app import __version__
from desktop_app.core.domain import clock
from desktop_app.core.domain.errors import BackupRejected
from desktop_app.core.domain.progress import Progress
from desktop_app.core.domain.roles import Permission
from desktop_app.core.services import audit, audit_chain, settings
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.db import backup, migrate, pg_backup
from desktop_app.db.engine import WRITE_LOCK_KEY

log = logging.getLogger(__name__)


def _suffix(app: AppContext) -> str:
    return backup.BACKUP_SUFFIX if app.is_sqlite else backup.DUMP_SUFFIX


def _anchor(app: AppContext, event: str = "anchor") -> audit_chain.Anchor:
    with unit_of_work(app, write=False) as session:
        return audit_chain.current_anchor(session, event)


def _make_backup(app: AppContext, reason: str, progress: Progress | None = None) -> Path:
    """Copy, check, write the manifest (checksum, schema, audit anchor) and the anchor log."""
    backup.clean_stale_parts(app.paths.backups, app.paths.data_dir)
    anchor = _anchor(app)  # taken before the copy: the copy holds at least these rows
    target = app.paths.backups / backup.backup_name(reason, suffix=_suffix(app))
    if app.is_sqlite:
        backup.backup_file(app.paths.database, target, progress)
    else:
        if progress is not None:
            progress(0, 0, "Menjalankan pg_dump…")  # no page count: a busy indicator
        pg_backup.dump(app.database_url, target)
    revision = sorted(migrate.current_heads(app.engine))
    backup.write_manifest(target, {
        "app_version": __version__, "reason": reason, "database": "sqlite" if app.is_sqlite
        else "postgresql", "schema_revision": revision[0] if revision else "",
        "made_at_utc": anchor.at, "audit": {k: v for k, v in anchor.as_dict().items()
                                            if k not in ("at", "event")},
    })
    audit_chain.write_anchor(app.paths, anchor)
    return target


def backup_now(app: AppContext, actor: Actor, reason: str = "manual",
               progress: Progress | None = None) -> Path:
    require(actor, Permission.MANAGE_BACKUPS)
    target = _make_backup(app, reason, progress)
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
        settings.read_setting(app, settings.BACKUP_KEEP_PRE_RESTORE),
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
    if not app.is_sqlite or not app.paths.database.exists():
        return None
    backup.clean_stale_parts(app.paths.backups, app.paths.data_dir)
    if not daily_backup_due(app):
        return None
    target = _make_backup(app, "harian", progress)
    _retain(app)
    log.info("Daily backup written to %s", target)
    return target


def list_backups(app: AppContext, actor: Actor) -> list[backup.BackupInfo]:
    require(actor, Permission.MANAGE_BACKUPS)
    return backup.list_backups(app.paths.backups)


def manifests(app: AppContext) -> list[tuple[str, dict[str, Any]]]:
    """The manifests of the backups in the backup folder (the audit anchors they carry)."""
    found = []
    for info in backup.list_backups(app.paths.backups):
        manifest = backup.read_manifest(info.path)
        if manifest and not manifest.get("unreadable"):
            found.append((info.path.name, manifest))
    return found


# ---- restore ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CandidateSummary:
    """What the person confirming a restore is shown."""

    path: Path
    revision: str
    manifest: str  # "cocok" | "tidak ada"
    audit_rows: int | None
    users: int | None
    needs_upgrade: bool


def _refuse_live_file(app: AppContext, path: Path) -> None:
    if app.is_sqlite and Path(path).resolve() == app.paths.database.resolve():
        raise BackupRejected("Berkas itu adalah basis data yang sedang dipakai, bukan cadangan; "
                             "tidak ada yang diubah.")


def _staging(app: AppContext) -> Path:
    return app.paths.data_dir / f"pemulihan-{uuid.uuid4().hex[:12]}.sqlite3.part"


def inspect_backup(app: AppContext, actor: Actor, path: Path) -> CandidateSummary:
    """Check a backup completely without restoring it (shown before the person confirms)."""
    require(actor, Permission.MANAGE_BACKUPS)
    path = Path(path)
    _refuse_live_file(app, path)
    heads = migrate.file_heads()
    if app.is_sqlite:
        candidate = backup.stage_candidate(path, _staging(app), migrate.known_revisions())
        candidate.staging.unlink(missing_ok=True)
        return CandidateSummary(path, candidate.revision, candidate.manifest,
                                candidate.audit_rows, candidate.users,
                                candidate.revision not in heads)
    manifest = backup.check_manifest(path)
    info = pg_backup.inspect_dump(path, migrate.known_revisions())
    return CandidateSummary(path, info.revision, manifest, None, None,
                            info.revision not in heads)


def restore(app: AppContext, actor: Actor, backup_path: Path) -> Path:
    """Replace the database's content with a checked backup; returns the copy kept of the
    replaced one. Every other copy of the app must reopen (their writes are refused)."""
    require(actor, Permission.MANAGE_BACKUPS)
    path = Path(backup_path)
    _refuse_live_file(app, path)
    backup.clean_stale_parts(app.paths.backups, app.paths.data_dir)
    new_generation = str(uuid.uuid4())
    before = _anchor(app)
    if app.is_sqlite:
        safety = _restore_sqlite(app, path, new_generation)
    else:
        safety = _restore_postgres(app, path, new_generation)
    app.engine.dispose()
    migrate.upgrade(app.engine, sqlite_file=app.paths.database if app.is_sqlite else None,
                    backup_folder=app.paths.backups)
    app.remember_generation()
    restored = _anchor(app, "restore")
    audit_chain.write_anchor(app.paths, restored)
    with unit_of_work(app) as session:
        audit.record(session, actor, "restore", "database", path.name,
                     summary=f"Dipulihkan dari {path.name}; basis data sebelumnya "
                             f"({before.count} baris audit) disimpan sebagai {safety.name}")
    log.info("Restored %s (previous kept at %s)", path, safety)
    _retain(app)
    return safety


def _safety_copy(app: AppContext, anchor: audit_chain.Anchor) -> Path:
    target = app.paths.backups / backup.backup_name("pra-pulih", suffix=_suffix(app))
    if app.is_sqlite:
        backup.backup_file(app.paths.database, target)
    else:
        pg_backup.dump(app.database_url, target)
    backup.write_manifest(target, {
        "app_version": __version__, "reason": "pra-pulih", "made_at_utc": anchor.at,
        "audit": {k: v for k, v in anchor.as_dict().items() if k not in ("at", "event")}})
    return target


def _restore_sqlite(app: AppContext, path: Path, generation: str) -> Path:
    candidate = backup.stage_candidate(path, _staging(app), migrate.known_revisions())
    try:
        backup.set_generation(candidate.staging, generation)
        anchor = _anchor(app)
        app.engine.dispose()  # our own pooled connections hold nothing during the swap
        previous = backup.retire_live(app.paths.database, f"pemulihan:{generation}")
        try:
            safety = _safety_copy(app, anchor)
            backup.copy_into_live(candidate.staging, app.paths.database)
        except BaseException:
            if previous is not None:  # the office goes on with the database it had
                backup.retire_live(app.paths.database, previous)
            raise
    finally:
        candidate.staging.unlink(missing_ok=True)
    return safety


def _restore_postgres(app: AppContext, path: Path, generation: str) -> Path:
    backup.check_manifest(path)
    pg_backup.inspect_dump(path, migrate.known_revisions())
    anchor = _anchor(app)
    app.engine.dispose()
    with app.engine.connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        if not conn.execute(text(f"SELECT pg_try_advisory_lock({WRITE_LOCK_KEY})")).scalar():
            raise BackupRejected(
                "Sedang ada penyimpanan berlangsung di komputer lain. Pemulihan tidak "
                "dijalankan; tunggu sampai penyimpanan selesai lalu coba lagi.")
        try:
            previous = conn.execute(text(
                "SELECT generation FROM database_marker WHERE id = 1")).scalar()
            conn.execute(text("UPDATE database_marker SET generation = :g WHERE id = 1"),
                         {"g": f"pemulihan:{generation}"})
            try:
                safety = _safety_copy(app, anchor)
                pg_backup.restore(app.database_url, path)
            except BaseException:
                conn.execute(text("UPDATE database_marker SET generation = :g WHERE id = 1"),
                             {"g": previous})
                raise
            if conn.execute(text("SELECT to_regclass('database_marker')")).scalar():
                conn.execute(text("UPDATE database_marker SET generation = :g WHERE id = 1"),
                             {"g": generation})
        finally:
            conn.execute(text(f"SELECT pg_advisory_unlock({WRITE_LOCK_KEY})"))
    return safety


def integrity(app: AppContext) -> list[str]:
    if not app.is_sqlite:
        return []
    return backup.integrity_check(app.paths.database)


def check_file(database: Path) -> list[str]:
    """SQLite's integrity check of a database file as it lies, without opening the app on it."""
    return backup.integrity_check(database)
