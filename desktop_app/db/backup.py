"""SQLite backups and restores: online copies with a manifest (checksum, schema revision, audit
anchor), a retention rule, and a restore that checks the file before it touches anything.

A restore never swaps files under a running database (other connections would go on writing
into the replaced file): it copies the checked candidate *into* the live database with SQLite's
backup API, one transaction under the database's own locks, after marking the live copy as
being replaced so that every other process's next write is refused (``engine.guard_write``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop_app.core.domain import clock
from desktop_app.core.domain.errors import BackupRejected
from desktop_app.core.domain.progress import Cancelled, Progress

log = logging.getLogger(__name__)

BACKUP_SUFFIX = ".sqlite3"
DUMP_SUFFIX = ".dump"  # PostgreSQL offices: pg_dump's custom format (db/pg_backup.py)
MANIFEST_SUFFIX = ".json"
SQLITE_HEADER = b"SQLite format 3\x00"
# Tables every Ruko Parsel database has, whatever its age.
REQUIRED_TABLES = {"alembic_version", "users", "audit_log", "regions", "office_profile"}
STALE_PART_SECONDS = 600  # a *.part untouched this long belongs to a killed backup
RESTORE_LOCK_WAIT = 3.0  # seconds a restore waits for another desk's write before refusing


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: datetime
    reason: str
    size: int

    @property
    def manifest_path(self) -> Path:
        return manifest_path(self.path)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# Pages copied per step of a backup (4 MiB with SQLite's 4 KiB pages): small enough that the
# progress moves and a cancel is noticed at once, large enough that the steps cost nothing.
STEP_PAGES = 1024


def integrity_check(path: Path, progress: Progress | None = None) -> list[str]:
    """Return the problems PRAGMA integrity_check finds ([] when the file is sound).

    With ``progress`` the check reports itself as busy and can be cancelled (a million-record
    file takes a while); a cancel raises ``Cancelled``."""
    try:
        conn = sqlite3.connect(f"file:{Path(path).as_posix()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return [str(exc)]
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
        log.error("Backup copy %s fails integrity_check: %s", partial, problems[:5])
        raise BackupRejected("Salinan cadangan ternyata rusak dan dibuang; basis data aktif "
                             "perlu diperiksa (ruko-parsel check).")
    with partial.open("rb+") as handle:
        os.fsync(handle.fileno())
    partial.replace(target)  # atomic: a power cut never leaves a half-written backup in the list
    _fsync_dir(target.parent)
    return target


# ---- manifests -------------------------------------------------------------------------------


def manifest_path(backup: Path) -> Path:
    return backup.with_name(backup.name + MANIFEST_SUFFIX)


def write_manifest(backup: Path, data: dict[str, Any]) -> Path:
    """``<backup>.json``: what a restore checks (size, SHA-256, schema) and the audit anchor."""
    target = manifest_path(backup)
    partial = target.with_name(target.name + ".part")
    body = {"format": 1, "file": backup.name, "size": backup.stat().st_size,
            "sha256": sha256_file(backup), **data}
    partial.write_text(json.dumps(body, indent=1, sort_keys=True, ensure_ascii=False), "utf-8")
    partial.replace(target)
    return target


def read_manifest(backup: Path) -> dict[str, Any] | None:
    path = manifest_path(backup)
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"unreadable": True}
    return data if isinstance(data, dict) else {"unreadable": True}


def check_manifest(backup: Path) -> str:
    """'cocok' when the manifest's size and checksum match, 'tidak ada' without a manifest
    (copies made before manifests existed); raises BackupRejected when they differ."""
    manifest = read_manifest(backup)
    if manifest is None:
        return "tidak ada"
    if manifest.get("unreadable"):
        raise BackupRejected(f"Manifest {manifest_path(backup).name} rusak; cadangan tidak "
                             "dapat dipastikan utuh dan tidak dipulihkan.")
    if manifest.get("size") != backup.stat().st_size or manifest.get("sha256") != sha256_file(backup):
        raise BackupRejected(
            f"Berkas {backup.name} tidak sama dengan saat cadangan dibuat (ukuran atau checksum "
            "berbeda): mungkin rusak atau terpotong saat disalin. Basis data aktif tidak diubah.")
    return "cocok"


# ---- names, lists, retention -----------------------------------------------------------------


def backup_name(reason: str, when: datetime | None = None, suffix: str = BACKUP_SUFFIX) -> str:
    when = when or clock.now()
    return f"ruko_parsel-{when:%Y%m%d-%H%M%S}-{reason}{suffix}"


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
    paths = [p for suffix in (BACKUP_SUFFIX, DUMP_SUFFIX)
             for p in folder.glob(f"ruko_parsel-*{suffix}")]
    infos = [parse_backup(p) for p in paths]
    return sorted((i for i in infos if i), key=lambda i: i.made_at, reverse=True)


def _remove(info: BackupInfo) -> None:
    info.path.unlink(missing_ok=True)
    info.manifest_path.unlink(missing_ok=True)


def apply_retention(folder: Path, keep_daily: int, keep_weekly: int, keep_monthly: int,
                    keep_pre_restore: int = 5) -> list[Path]:
    """Keep the newest backup of each of the last N days, ISO weeks and months; delete the rest.

    Copies made before a migration are kept (they are the way back); of the copies made before
    a restore the newest ``keep_pre_restore`` are kept.
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
            if info.reason.startswith(("pra-pulih", "pra-migrasi")):
                continue
            key = key_fn(info.made_at)
            if key not in seen:
                if len(seen) >= count:
                    break
                seen.append(key)
                keep.add(info.path)
    pre_restore = [i for i in backups if i.reason.startswith("pra-pulih")]
    keep.update(i.path for i in pre_restore[:max(keep_pre_restore, 1)])
    removed: list[Path] = []
    for info in backups:
        if info.path in keep or info.reason.startswith("pra-migrasi"):
            continue
        _remove(info)
        removed.append(info.path)
    return removed


def clean_stale_parts(*folders: Path, older_than: float = STALE_PART_SECONDS) -> list[Path]:
    """Delete the ``*.part`` files of backups, manifests and restores that a killed process
    left behind (a copy still being written is touched continuously and stays)."""
    removed: list[Path] = []
    now = time.time()
    for folder in folders:
        if not folder.exists():
            continue
        for part in folder.glob("*.part"):
            try:
                if now - part.stat().st_mtime >= older_than:
                    part.unlink()
                    removed.append(part)
            except OSError:
                continue
    if removed:
        log.info("Removed %d stale partial file(s): %s", len(removed),
                 ", ".join(p.name for p in removed))
    return removed


# ---- restore ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A checked copy of a backup, ready to be restored (``staging`` is ours to change)."""

    source: Path
    staging: Path
    revision: str
    manifest: str  # "cocok" | "tidak ada"
    audit_rows: int
    users: int


def _reject(_staging: Path, message: str) -> BackupRejected:
    return BackupRejected(message + " Basis data aktif tidak diubah.")


def stage_candidate(source: Path, staging: Path, known_revisions: set[str]) -> Candidate:
    """Copy ``source`` to ``staging`` and check the copy: an SQLite file, sound, a Ruko Parsel
    database, at a schema revision this program knows. Raises BackupRejected otherwise."""
    source = Path(source)
    if not source.is_file():
        raise BackupRejected(f"Berkas {source.name} tidak ditemukan.")
    with source.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise BackupRejected(
            f"Berkas {source.name} bukan basis data Ruko Parsel (bukan berkas SQLite"
            + (", berkasnya kosong" if not header else "") + "). Basis data aktif tidak diubah.")
    manifest = check_manifest(source)
    staging.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, staging)
    try:
        return _check_staged(source, staging, known_revisions, manifest)
    except BaseException:
        staging.unlink(missing_ok=True)
        raise


def _check_staged(source: Path, staging: Path, known_revisions: set[str],
                  manifest: str) -> Candidate:
    try:
        conn = sqlite3.connect(str(staging), isolation_level=None)
    except sqlite3.Error as exc:
        log.warning("Restore candidate %s cannot be opened: %s", source, exc)
        raise _reject(staging, f"Berkas {source.name} tidak dapat dibuka sebagai basis "
                               "data.") from exc
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if problems != ["ok"]:
            log.warning("Restore candidate %s fails integrity_check: %s", source, problems[:5])
            raise _reject(staging, f"Berkas {source.name} rusak: pemeriksaan integritas "
                                   f"menemukan {len(problems)} masalah.")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not REQUIRED_TABLES <= tables:
            raise _reject(staging, f"Berkas {source.name} adalah basis data SQLite, tetapi bukan "
                                   "basis data Ruko Parsel.")
        revisions = [r[0] for r in conn.execute("SELECT version_num FROM alembic_version")]
        if len(revisions) != 1:
            raise _reject(staging, f"Berkas {source.name} tidak mencatat versi skemanya.")
        if revisions[0] not in known_revisions:
            raise _reject(staging, f"Cadangan {source.name} dibuat oleh versi Ruko Parsel yang "
                                   f"lebih baru (skema {revisions[0]}). Perbarui aplikasi di "
                                   "komputer ini dahulu, lalu pulihkan lagi.")
        audit_rows = conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
        users = conn.execute("SELECT COUNT(*) FROM users").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        log.warning("Restore candidate %s is unreadable: %s", source, exc)
        raise _reject(staging, f"Berkas {source.name} rusak atau terpotong.") from exc
    finally:
        conn.close()
    return Candidate(source, staging, revisions[0], manifest, int(audit_rows), int(users))


def set_generation(database: Path, generation: str) -> str | None:
    """Write ``generation`` into a database file that nothing else uses (a staged candidate);
    returns the previous one (None when the file predates the marker)."""
    conn = sqlite3.connect(str(database), isolation_level=None)
    try:
        try:
            old = conn.execute("SELECT generation FROM database_marker WHERE id = 1").fetchone()
        except sqlite3.OperationalError:
            return None
        conn.execute("UPDATE database_marker SET generation = ? WHERE id = 1", (generation,))
        return str(old[0]) if old else None
    finally:
        conn.close()


def retire_live(database: Path, marker: str) -> str | None:
    """Mark the live database as being replaced: from now on every other process's write is
    refused. Refused (BackupRejected) while another process is writing. Returns the previous
    generation, to put back if the restore fails."""
    conn = sqlite3.connect(str(database), timeout=RESTORE_LOCK_WAIT, isolation_level=None)
    try:
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise BackupRejected(
                "Sedang ada penyimpanan berlangsung (di jendela atau komputer lain). Pemulihan "
                "tidak dijalankan; tunggu sampai penyimpanan selesai lalu coba lagi.") from exc
        try:
            row = conn.execute("SELECT generation FROM database_marker WHERE id = 1").fetchone()
        except sqlite3.OperationalError:
            row = None  # an old database without the marker: nothing else can be told
        if row is not None:
            conn.execute("UPDATE database_marker SET generation = ? WHERE id = 1", (marker,))
        conn.execute("COMMIT")
        return str(row[0]) if row else None
    finally:
        conn.close()


def copy_into_live(staging: Path, database: Path) -> None:
    """Replace the live database's content with the staged candidate in one transaction (the
    backup API, under SQLite's locks: other connections see either all old or all new)."""
    src = sqlite3.connect(str(staging))
    dst = sqlite3.connect(str(database), timeout=30)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
