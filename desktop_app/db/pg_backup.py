"""PostgreSQL backups and restores with pg_dump / pg_restore (custom format, one file each).

The tools come from PATH, from ``RUKO_PG_BIN``, or from Debian's ``/usr/lib/postgresql/N/bin``
(the newest N); their major version must be at least the server's.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.domain.errors import BackupRejected, StorageError

log = logging.getLogger(__name__)

_REQUIRED = ("alembic_version", "users", "audit_log", "regions", "office_profile")


def _tool(name: str) -> str:
    override = os.environ.get("RUKO_PG_BIN")
    candidates = [Path(override) / name] if override else []
    found = shutil.which(name)
    if found:
        candidates.append(Path(found))
    debian = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
                    key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0, reverse=True)
    candidates.extend(debian)
    for path in candidates:
        if path.is_file() and os.access(path, os.X_OK):
            return str(path)
    raise StorageError(
        f"Program {name} (PostgreSQL) tidak ditemukan di komputer ini. Pasang paket klien "
        "PostgreSQL (Debian/Ubuntu: postgresql-client) atau isi RUKO_PG_BIN dengan foldernya.")


@dataclass(frozen=True)
class Connection:
    """libpq connection string without the password, and the environment that carries it."""

    dsn: str
    env: dict[str, str]


def connection_for(url: str) -> Connection:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    dsn = parsed.set(drivername="postgresql", password=None).render_as_string(
        hide_password=False)
    return Connection(dsn, env)


def _run(args: list[str], env: dict[str, str], what: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(args, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        log.error("%s failed (%s): %s", what, result.returncode, result.stderr[-2000:])
        raise StorageError(f"{what} gagal; rinciannya dicatat di log aplikasi.")
    return result


def dump(url: str, target: Path) -> Path:
    """pg_dump the database to ``target`` (written as .part, checked with pg_restore --list)."""
    conn = connection_for(url)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(target.suffix + ".part")
    try:
        _run([_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
              f"--file={partial}", conn.dsn], conn.env, "Pencadangan (pg_dump)")
        listing = _run([_tool("pg_restore"), "--list", str(partial)], conn.env,
                       "Pemeriksaan cadangan (pg_restore --list)")
        if "TABLE DATA public audit_log" not in listing.stdout:
            raise StorageError("Cadangan PostgreSQL tidak lengkap (tabel jejak audit tidak ada).")
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(target)
    return target


@dataclass(frozen=True)
class DumpInfo:
    revision: str


def inspect_dump(path: Path, known_revisions: set[str]) -> DumpInfo:
    """Check that ``path`` is a pg_dump archive of a Ruko Parsel database at a known revision."""
    with path.open("rb") as handle:
        if handle.read(5) != b"PGDMP":
            raise BackupRejected(f"Berkas {path.name} bukan cadangan PostgreSQL Ruko Parsel "
                                 "(format pg_dump). Basis data aktif tidak diubah.")
    env = dict(os.environ)
    listing = subprocess.run([_tool("pg_restore"), "--list", str(path)], env=env,
                             capture_output=True, text=True)
    if listing.returncode != 0:
        log.warning("pg_restore --list %s: %s", path, listing.stderr[-2000:])
        raise BackupRejected(f"Berkas {path.name} rusak atau terpotong. Basis data aktif tidak "
                             "diubah.")
    missing = [t for t in _REQUIRED if f"TABLE DATA public {t} " not in listing.stdout + " "]
    if missing:
        raise BackupRejected(f"Berkas {path.name} bukan cadangan basis data Ruko Parsel. "
                             "Basis data aktif tidak diubah.")
    data = subprocess.run([_tool("pg_restore"), "--data-only", "--table=alembic_version",
                           "--file=-", str(path)], env=env, capture_output=True, text=True)
    found = re.search(r"^COPY public\.alembic_version .*?;\n(.*?)\n\\\.", data.stdout,
                      re.MULTILINE | re.DOTALL)
    revisions = found.group(1).split() if found else []
    if len(revisions) != 1:
        raise BackupRejected(f"Berkas {path.name} tidak mencatat versi skemanya. Basis data "
                             "aktif tidak diubah.")
    if revisions[0] not in known_revisions:
        raise BackupRejected(f"Cadangan {path.name} dibuat oleh versi Ruko Parsel yang lebih "
                             f"baru (skema {revisions[0]}). Perbarui aplikasi dahulu. Basis data "
                             "aktif tidak diubah.")
    return DumpInfo(revisions[0])


def restore(url: str, path: Path) -> None:
    """pg_restore ``path`` over the database in one transaction (all or nothing)."""
    conn = connection_for(url)
    _run([_tool("pg_restore"), "--clean", "--if-exists", "--single-transaction",
          "--exit-on-error", "--no-owner", "--no-privileges", f"--dbname={conn.dsn}", str(path)],
         conn.env, "Pemulihan (pg_restore)")
