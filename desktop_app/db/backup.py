"""SQLite backups with the online backup API, integrity checks and a retention rule."""

from __future__ import annotations

import logging
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop_app.core.domain import clock
from desktop_app.core.domain.progress import Progress

log = logging.getLogger(__name__)

BACKUP_SUFFIX = ".sqlite3"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: datetime
    reason: str
    size: int


def integrity_check(path: Path) -> list[str]:
    """Return the problems PRAGMA integrity_check finds ([] when the file is sound)."""
    conn = sqlite3.connect(f"file:{Path(path).as_posix()}?mode=ro", uri=True)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        conn.close()
    return [] if rows == ["ok"] else rows


def backup_file(source: Path, target: Path, progress: Progress | None = None) -> Path:
    """Copy a live database page by page (safe while the app writes), then verify the copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(target.suffix + ".part")
    src = sqlite3.connect(str(source), timeout=30)
    dst = sqlite3.connect(str(partial))
    try:
        def _step(_status: int, remaining: int, total: int) -> None:
            if progress is not None:
                progress(total - remaining, total)

        src.backup(dst, pages=256, progress=_step)
        dst.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
    except BaseException:  # cancelled or failed: leave no half-written copy behind
        dst.close()
        src.close()
        partial.unlink(missing_ok=True)
        raise
    finally:
        dst.close()
        src.close()
    problems = integrity_check(partial)
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
