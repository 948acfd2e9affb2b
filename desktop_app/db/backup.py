"""SQLite backups with the online backup API, integrity checks and a retention rule."""

from __future__ import annotations

import logging
import shutil
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop_app.core.domain import clock
from desktop_app.core.domain.progress import Cancelled, Progress

log = logging.getLogger(__name__)

BACKUP_SUFFIX = ".sqlite3"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: datetime
    reason: str
    size: int


# Pages copied per step of a backup (4 MiB with SQLite's 4 KiB pages): small enough that the
# progress moves and a cancel is noticed at once, large enough that the steps cost nothing.
STEP_PAGES = 1024


def integrity_check(path: Path, progress: Progress | None = None) -> list[str]:
    """Return the problems PRAGMA integrity_check finds ([] when the file is sound).

    With ``progress`` the check reports itself as busy and can be cancelled (a million-record
    file takes a while); a cancel raises ``Cancelled``."""
    conn = sqlite3.connect(f"file:{Path(path).as_posix()}?mode=ro", uri=True)
    cancelled = False
    if progress is not None:
        last = time.monotonic()

        def _still_wanted() -> int:
            nonlocal last, cancelled
            if time.monotonic() - last < 0.1:
                return 0
            last = time.monotonic()
            try:
                progress(0, 0, "Memeriksa salinan…")
            except Cancelled:
                cancelled = True
                return 1  # SQLite stops the statement
            return 0

        conn.set_progress_handler(_still_wanted, 20_000)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        if cancelled:
            raise Cancelled() from exc
        return [str(exc)]
    finally:
        conn.close()
    return [] if rows == ["ok"] else rows


def backup_file(source: Path, target: Path, progress: Progress | None = None) -> Path:
    """Copy a live database page by page, then verify the copy.

    The copy runs in steps (progress after each, cancel between them) inside one read
    transaction on the source: the app keeps writing meanwhile (WAL), and the copy is the
    snapshot of the moment it started. Without that snapshot every write by another connection
    restarts SQLite's backup from the first page, so a busy office might never finish one.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(target.suffix + ".part")
    src = sqlite3.connect(str(source), timeout=30, isolation_level=None)
    dst = sqlite3.connect(str(partial))
    try:
        def _step(_status: int, remaining: int, total: int) -> None:
            if progress is not None:
                progress(total - remaining, total, "Menyalin basis data…")

        src.execute("BEGIN")
        src.execute("SELECT count(*) FROM sqlite_master").fetchone()  # takes the snapshot
        src.backup(dst, pages=STEP_PAGES, progress=_step)
        src.execute("COMMIT")
        dst.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
    except BaseException:  # cancelled or failed: leave no half-written copy behind
        dst.close()
        src.close()
        partial.unlink(missing_ok=True)
        raise
    finally:
        dst.close()
        src.close()
    try:
        problems = integrity_check(partial, progress)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    if problems:
        partial.unlink(missing_ok=True)
        raise RuntimeError("Salinan cadangan rusak: " + "; ".join(problems[:3]))
    partial.replace(target)  # atomic: a power cut never leaves a half-written backup in the list
    return target


def backup_name(reason: str, when: datetime | None = None) -> str:
    when = when or clock.now()
    return f"ruko_parsel-{when:%Y%m%d-%H%M%S}-{reason}{BACKUP_SUFFIX}"


def parse_backup(path: Path) -> BackupInfo | None:
    parts = path.stem.split("-")
    if len(parts) < 4 or parts[0] != "ruko_parsel":
        return None
    try:
        made = datetime.strptime(parts[1] + parts[2], "%Y%m%d%H%M%S")
    except ValueError:
        return None
    return BackupInfo(path, made, "-".join(parts[3:]), path.stat().st_size)


def list_backups(folder: Path) -> list[BackupInfo]:
    if not folder.exists():
        return []
    infos = [parse_backup(p) for p in folder.glob(f"ruko_parsel-*{BACKUP_SUFFIX}")]
    return sorted((i for i in infos if i), key=lambda i: i.made_at, reverse=True)


def apply_retention(folder: Path, keep_daily: int, keep_weekly: int, keep_monthly: int) -> list[Path]:
    """Keep the newest backup of each of the last N days, ISO weeks and months; delete the rest.

    Backups made for a restore or a migration are kept as well: they are the way back.
    """
    backups = list_backups(folder)
    keep: set[Path] = set()
    for key_fn, count in (
        (lambda d: d.date(), keep_daily),
        (lambda d: d.isocalendar()[:2], keep_weekly),
        (lambda d: (d.year, d.month), keep_monthly),
    ):
        seen: list[object] = []
        for info in backups:  # newest first
            key = key_fn(info.made_at)
            if key not in seen:
                if len(seen) >= count:
                    break
                seen.append(key)
                keep.add(info.path)
    removed: list[Path] = []
    for info in backups:
        if info.path in keep or info.reason.startswith(("pra-pulih", "pra-migrasi")):
            continue
        info.path.unlink(missing_ok=True)
        removed.append(info.path)
    return removed


def restore_file(backup: Path, database: Path, safety_folder: Path) -> Path:
    """Replace ``database`` with ``backup``, first keeping a copy of the database it replaces."""
    problems = integrity_check(backup)
    if problems:
        raise RuntimeError("File cadangan rusak dan tidak dipulihkan: " + "; ".join(problems[:3]))
    safety = safety_folder / backup_name("pra-pulih")
    if database.exists():
        backup_file(database, safety)
    staging = database.with_suffix(".restoring")
    shutil.copyfile(backup, staging)
    for suffix in ("-wal", "-shm"):
        Path(str(database) + suffix).unlink(missing_ok=True)
    staging.replace(database)
    log.info("Restored %s over %s (previous kept at %s)", backup, database, safety)
    return safety
