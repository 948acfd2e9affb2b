"""The application context passed to every service, the acting user, and units of work."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from desktop_app.core.domain.errors import DatabaseLockedError, DiskFullError, PermissionDenied
from desktop_app.core.domain.roles import Permission, Role, has_permission
from desktop_app.db.engine import WRITE_OPTION, is_sqlite, make_engine, make_session_factory
from desktop_app.paths import DataPaths


@dataclass(frozen=True)
class Actor:
    """The user acting; plain data that widgets may hold (never an ORM object)."""

    user_id: int | None
    username: str
    full_name: str
    role: Role

    def can(self, permission: Permission) -> bool:
        return has_permission(self.role, permission)


# Used by headless commands that run as the machine itself (migrations, scheduled backups).
SYSTEM_ACTOR = Actor(user_id=None, username="sistem", full_name="Sistem", role=Role.ADMIN)


@dataclass
class AppContext:
    """Engine, session factory and folders, made once in main() and passed in."""

    engine: Engine
    session_factory: sessionmaker[Session]
    paths: DataPaths
    database_url: str
    extras: dict[str, object] = field(default_factory=dict)

    @classmethod
    def open(cls, paths: DataPaths, database_url: str | None = None) -> AppContext:
        from desktop_app.db.engine import sqlite_url

        paths.ensure()
        url = database_url or sqlite_url(paths.database)
        engine = make_engine(url)
        return cls(engine, make_session_factory(engine), paths, url)

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.engine)

    def dispose(self) -> None:
        self.engine.dispose()


def require(actor: Actor, permission: Permission) -> None:
    """Raise PermissionDenied unless the actor's role grants ``permission``."""
    if not actor.can(permission):
        raise PermissionDenied(
            f"Peran {actor.role.label} tidak diizinkan melakukan tindakan ini ({permission.value})."
        )


def translate_operational_error(exc: OperationalError) -> Exception:
    text = str(exc.orig).lower() if exc.orig is not None else str(exc).lower()
    if "locked" in text or "busy" in text:
        return DatabaseLockedError(
            "Basis data sedang dipakai proses lain. Tunggu sebentar lalu coba lagi."
        )
    if "disk" in text and ("full" in text or "i/o" in text) or "no space" in text:
        return DiskFullError(
            "Penyimpanan penuh atau tidak dapat ditulis. Kosongkan ruang disk lalu coba lagi; "
            "data yang sudah tersimpan tetap aman."
        )
    return exc


@contextmanager
def unit_of_work(app: AppContext, *, write: bool = True) -> Iterator[Session]:
    """One session and one transaction per user action: commit on success, roll back on error."""
    session = app.session_factory()
    try:
        if write:
            session.connection(execution_options={WRITE_OPTION: True})
        yield session
        if write:
            session.commit()
        else:
            session.rollback()
    except OperationalError as exc:
        session.rollback()
        translated = translate_operational_error(exc)
        if translated is exc:
            raise
        raise translated from exc
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def data_dir_of(app: AppContext) -> Path:
    return app.paths.data_dir
