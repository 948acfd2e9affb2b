"""Run Alembic migrations in code at start-up, after a backup copy of the SQLite file."""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from desktop_app.db import backup

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def current_heads(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads())


def pending(engine: Engine) -> bool:
    script = ScriptDirectory.from_config(alembic_config())
    return current_heads(engine) != set(script.get_heads())


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
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "heads")
    return True
