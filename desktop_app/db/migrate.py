"""Run Alembic migrations in code at start-up, after a backup copy of the SQLite file.

Start-up must stay fast, so the "is anything pending?" check does not import Alembic: it reads
the revision ids from the migration files and compares them with the database's
``alembic_version`` table. Alembic is imported only when something is (or may be) pending.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from desktop_app.db import backup

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
VERSIONS_DIR = MIGRATIONS_DIR / "versions"

_REVISION = re.compile(r"^revision(?:\s*:[^=]*)?\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN = re.compile(r"^down_revision(?:\s*:[^=]*)?\s*=\s*(.+)$", re.MULTILINE)
_QUOTED = re.compile(r"['\"]([^'\"]+)['\"]")


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def file_heads(folder: Path = VERSIONS_DIR) -> set[str]:
    """Head revision ids read from the migration files' text (no Alembic import)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in folder.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        found = _REVISION.search(source)
        if found is None:
            continue
        revisions.add(found.group(1))
        down = _DOWN.search(source)
        if down is not None:
            parents.update(_QUOTED.findall(down.group(1)))
    return revisions - parents


def known_revisions(folder: Path = VERSIONS_DIR) -> set[str]:
    """Every revision id this program's migrations know (a backup at any of them can be
    restored and upgraded; one at another revision is from a newer program or not ours)."""
    found = (_REVISION.search(p.read_text(encoding="utf-8")) for p in folder.glob("*.py"))
    return {m.group(1) for m in found if m is not None}


def current_heads(engine: Engine) -> set[str]:
    """The revisions the database is at ([] for a new database), read with plain SQL."""
    try:
        with engine.connect() as conn:
            return {row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))}
    except DBAPIError:  # no alembic_version table yet
        return set()


def alembic_heads() -> set[str]:
    from alembic.script import ScriptDirectory

    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


def pending(engine: Engine) -> bool:
    current = current_heads(engine)
    if current and current == file_heads():
        return False  # the common case at start-up: decided without importing Alembic
    return current != alembic_heads()


def upgrade(engine: Engine, *, sqlite_file: Path | None = None,
            backup_folder: Path | None = None) -> bool:
    """Bring the schema to the newest revision; returns True when something was migrated."""
    if not pending(engine):
        return False
    if sqlite_file is not None and backup_folder is not None and sqlite_file.exists() \
            and current_heads(engine):
        target = backup_folder / backup.backup_name("pra-migrasi")
        backup.backup_file(sqlite_file, target)
        log.info("Backup before migration: %s", target)
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "heads")
    return True
