"""The application context passed to every service, the acting user, and units of work."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from desktop_app.core.domain.errors import (
    DatabaseLockedError,
    DatabaseReplacedError,
    DiskFullError,
    PermissionDenied,
)
from desktop_app.core.domain.roles import Permission, Role, has_permission
from desktop_app.core.services.audit_key import AuditKeys, load_or_create
from desktop_app.db.engine import (
    SESSION_KEY_PREFIX,
    WRITE_OPTION,
    guard_write,
    is_sqlite,
    make_engine,
    make_session_factory,
    read_generation,
)
from desktop_app.paths import DataPaths

AUDIT_KEYS = SESSION_KEY_PREFIX + "audit_keys"


@dataclass(frozen=True)
class Actor:
    """The user acting; plain data that widgets may hold (never an ORM object)."""

    user_id: int | None
    username: str
    full_name: str
    role: Role

    def can(self, permission: Permission) -> bool:
        return has_permission(self.role, permission)


@dataclass
class AppContext:
    """Engine, session factory and folders, made once in main() and passed in."""

    engine: Engine
    session_factory: sessionmaker[Session]
    paths: DataPaths
    database_url: str
    extras: dict[str, object] = field(default_factory=dict)
    # The live copy's generation when this process opened it (None before the marker exists);
    # a write transaction on another generation is refused (the database was restored).
    generation: str | None = None
    _audit_keys: AuditKeys | None = None

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

    @property
    def audit_keys(self) -> AuditKeys:
        """The installation's audit key (``audit.key`` in the data folder, made on first use)."""
        if self._audit_keys is None:
            self._audit_keys = load_or_create(self.paths.data_dir)
        return self._audit_keys

    def remember_generation(self) -> None:
        """Take the live copy's generation as this process's own (at open, after a restore)."""
        self.generation = read_generation(self.engine)

    def dispose(self) -> None:
        self.engine.dispose()


def require(actor: Actor, permission: Permission) -> None:
    """Raise PermissionDenied unless the actor's role grants ``permission``."""
    if not actor.can(permission):
        raise PermissionDenied(
            f"Peran {actor.role.label} tidak diizinkan {permission.label}."
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
    session.info[AUDIT_KEYS] = app.audit_keys
    try:
        if write:
            connection = session.connection(execution_options={WRITE_OPTION: True})
            if guard_write(connection, app.generation) is not None:
                raise DatabaseReplacedError(
                    "Basis data ini baru saja dipulihkan dari cadangan (di jendela atau komputer "
                    "lain). Perubahan ini tidak disimpan agar tidak tercampur dengan data yang "
                    "dipulihkan. Tutup aplikasi lalu buka kembali, kemudian ulangi perubahan."
                )
        yield session
        if write:
            session.commit()
        else:
            session.rollback()
    except StaleDataError as exc:  # another desk saved the same record first (versions.py)
        session.rollback()
        from desktop_app.core.services.versions import stale_error

        raise stale_error() from exc
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
