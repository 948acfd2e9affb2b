"""Shared fixtures: a migrated database per test (SQLite, or PostgreSQL when
RUKO_TEST_DATABASE_URL is set), actors for each role, and the command line on that database.

Migrating is the slow part of a fresh database, so each test session migrates one template
(and fills one demo template) and every test gets a copy: SQLite copies the file, PostgreSQL
runs ``CREATE DATABASE … TEMPLATE``.
"""

from __future__ import annotations

import itertools
import logging
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

import pytest

# The tests choose Qt's platform themselves, so they pass on machines without a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_app.core.domain import clock  # noqa: E402
from desktop_app.core.domain.roles import Role  # noqa: E402
from desktop_app.core.services.context import Actor, AppContext  # noqa: E402
from desktop_app.paths import DataPaths  # noqa: E402

TEST_PASSWORD = "UjiParsel-2026"


# Every test runs on the same fixed day, a Monday, so none depends on the day it runs.
TEST_NOW = datetime(2026, 11, 23, 9, 30)


@pytest.fixture(autouse=True)
def fixed_clock() -> Iterator[datetime]:
    clock.set_now(TEST_NOW)
    yield TEST_NOW
    clock.set_now(None)


class _TracebackCatcher(logging.Handler):
    """Collects log records that carry a traceback (logged exceptions: a bug somewhere)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if _catchers[-1] is not self:
            return  # a pytester run inside this test has its own
        if record.exc_info or "Traceback (most recent call last)" in record.getMessage():
            self.records.append(record)


_catchers: list[_TracebackCatcher] = []


@pytest.fixture(autouse=True)
def unexpected_errors_fail(request: pytest.FixtureRequest) -> Iterator[None]:
    """An unexpected-error dialog (``messages.show_error`` with anything but an ``AppError``,
    the excepthook's dialog included) or a traceback in the log fails the test, even when
    the dialog itself is switched off. A test about that very handling marks itself with
    ``@pytest.mark.expect_unexpected_errors`` and checks ``messages.unexpected`` itself."""
    from desktop_app.core.gui import messages

    outer, messages.unexpected = messages.unexpected, []  # outer: a pytester run inside
    catcher = _TracebackCatcher()
    root = logging.getLogger()
    root.addHandler(catcher)
    _catchers.append(catcher)
    try:
        yield
    finally:
        root.removeHandler(catcher)
        _catchers.remove(catcher)
        errors, messages.unexpected = messages.unexpected or [], outer
    if request.node.get_closest_marker("expect_unexpected_errors"):
        return
    problems = [f"unexpected error shown to the user: {type(e).__name__}: {e}" for e in errors]
    problems += [f"traceback in the log ({r.name}): {r.getMessage()}\n"
                 + (logging.Formatter().formatException(r.exc_info) if r.exc_info else "")
                 for r in catcher.records]
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


# RUKO_TEST_DATABASE_URL=postgresql+psycopg://user@host/db runs the suite on PostgreSQL: every
# test gets its own database made from a migrated template (the user needs CREATEDB).
# ``make test`` runs the suite twice: on SQLite, then on a throwaway PostgreSQL server.
TEST_DATABASE_URL = os.environ.get("RUKO_TEST_DATABASE_URL") or None
ON_POSTGRES = TEST_DATABASE_URL is not None
sqlite_only = pytest.mark.skipif(ON_POSTGRES, reason="about the SQLite file itself")
postgres_only = pytest.mark.skipif(not ON_POSTGRES, reason="needs RUKO_TEST_DATABASE_URL")


def pytest_configure(config: pytest.Config) -> None:
    os.environ.pop("RUKO_DATABASE_URL", None)  # the tests choose their database themselves
    os.environ.pop("RUKO_PASSWORD", None)
    if ON_POSTGRES:
        # Pages and wizards that open their own connections are garbage-collected after the
        # test's engine is disposed; psycopg reports that, SQLite does not.
        config.addinivalue_line("filterwarnings", "ignore::ResourceWarning")
        config.addinivalue_line("filterwarnings",
                                "ignore::pytest.PytestUnraisableExceptionWarning")


def pytest_report_header(config: pytest.Config) -> str:
    return "database: " + ("PostgreSQL (RUKO_TEST_DATABASE_URL)" if ON_POSTGRES else "SQLite")


# ---- databases -------------------------------------------------------------------------------


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


class _Postgres:
    """Creates and drops the per-test databases on the server of RUKO_TEST_DATABASE_URL."""

    def __init__(self, url: str) -> None:
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url

        self.url = make_url(url)
        self.admin = create_engine(self.url, isolation_level="AUTOCOMMIT", poolclass=None)
        self.prefix = f"{self.url.database}_{_worker()}"
        self.counter = itertools.count(1)
        # Dropped when the next test makes its database: a widget of the previous test may
        # still reach its database while pytest-qt closes it after the test's own teardown.
        self.finished: list[str] = []

    def drop_finished(self, keep: int = 8) -> None:
        # The newest few stay: a widget or worker of a recent test that Qt has not deleted
        # yet may still refresh from its database when a later test announces a change.
        while len(self.finished) > keep:
            self.drop(self.finished.pop(0))

    def url_of(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def create(self, name: str, template: str | None = None) -> str:
        from sqlalchemy import text

        with self.admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'
                              + (f' TEMPLATE "{template}"' if template else "")))
        return self.url_of(name)

    def drop(self, name: str) -> None:
        from sqlalchemy import text

        with self.admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def next_name(self) -> str:
        return f"{self.prefix}_{next(self.counter)}"


@dataclass
class Template:
    """A migrated (or demo-filled) database and the data folder it belongs to (audit key)."""

    folder: Path
    pg_name: str | None = None


def _make_template(root: Path, pg: _Postgres | None, name: str,
                   fill: Callable[[AppContext], object] | None = None) -> Template:
    from desktop_app.core.services.bootstrap import open_app

    paths = DataPaths(root / name)
    pg_name = f"{pg.prefix}_{name}" if pg else None
    url = pg.create(pg_name) if pg and pg_name else None
    # Made lazily inside the first test that needs it: that test's fixed clock stays fixed.
    with clock.frozen(TEST_NOW):
        app = open_app(paths, url, daily_backup=False)
        try:
            if fill is not None:
                fill(app)
        finally:
            app.dispose()
    if pg is None:
        import sqlite3

        conn = sqlite3.connect(paths.database)  # one self-contained file to copy
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.close()
    return Template(paths.data_dir, pg_name)


@pytest.fixture(scope="session")
def _postgres() -> Iterator[_Postgres | None]:
    if not ON_POSTGRES:
        yield None
        return
    pg = _Postgres(str(TEST_DATABASE_URL))
    yield pg
    pg.drop_finished()
    pg.admin.dispose()


@pytest.fixture(scope="session")
def _templates(tmp_path_factory: pytest.TempPathFactory,
               _postgres: _Postgres | None) -> Iterator[dict[str, Callable[[], Template]]]:
    root = tmp_path_factory.mktemp("templates")
    made: dict[str, Template] = {}

    def _demo(app: AppContext) -> None:
        from desktop_app.app.demo import fill_demo

        fill_demo(app)

    def get(name: str) -> Template:
        if name not in made:
            made[name] = _make_template(root, _postgres, name,
                                        _demo if name == "demo" else None)
        return made[name]

    yield {"empty": lambda: get("empty"), "demo": lambda: get("demo")}
    if _postgres is not None:
        for template in made.values():
            if template.pg_name:
                _postgres.drop(template.pg_name)


@dataclass
class TestDatabase:
    """Where a test's database lives: its data folder, and the URL on PostgreSQL."""

    paths: DataPaths
    url: str | None

    @property
    def cli_args(self) -> list[str]:
        """Global options that point ``ruko-parsel`` at this database."""
        args = ["--data-dir", str(self.paths.data_dir)]
        return args + ["--database", self.url] if self.url else args


@pytest.fixture
def make_database(tmp_path: Path, _templates: dict[str, Callable[[], Template]],
                  _postgres: _Postgres | None) -> Iterator[Callable[..., TestDatabase]]:
    """``make_database(kind="empty"|"demo", folder=…)``: a copy of a session template."""
    created: list[str] = []
    if _postgres is not None:
        _postgres.drop_finished()

    def make(kind: str = "empty", folder: Path | None = None) -> TestDatabase:
        template = _templates[kind]()
        paths = DataPaths(folder or tmp_path / "data")
        paths.ensure()
        for item in template.folder.iterdir():  # the database file and the audit key
            if item.is_file() and not item.name.endswith(("-wal", "-shm")):
                shutil.copy2(item, paths.data_dir / item.name)
        template_paths = DataPaths(template.folder)  # the demo's photos and documents
        if template_paths.attachments.exists():
            shutil.copytree(template_paths.attachments, paths.attachments, dirs_exist_ok=True)
        url = None
        if _postgres is not None and template.pg_name:
            name = _postgres.next_name()
            url = _postgres.create(name, template.pg_name)
            created.append(name)
        return TestDatabase(paths, url)

    yield make
    if _postgres is not None:
        _postgres.finished.extend(created)


@pytest.fixture
def test_db(make_database: Callable[..., TestDatabase]) -> TestDatabase:
    """A migrated, empty database (no users yet) in ``tmp_path / "data"``."""
    return make_database()


@pytest.fixture
def data_paths(test_db: TestDatabase) -> DataPaths:
    return test_db.paths


def _open(db: TestDatabase) -> AppContext:
    from desktop_app.core.services.bootstrap import open_app

    return open_app(db.paths, db.url, daily_backup=False)


@pytest.fixture
def app_ctx(test_db: TestDatabase) -> Iterator[AppContext]:
    app = _open(test_db)
    yield app
    app.dispose()


@pytest.fixture
def second_desk(test_db: TestDatabase, app_ctx: AppContext) -> Iterator[AppContext]:
    """Another copy of the app (its own engine and connections) on the same database: a
    second desk for concurrent-edit tests."""
    other = _open(test_db)
    yield other
    other.dispose()


# ---- people ----------------------------------------------------------------------------------


@cache
def _test_password_hash() -> str:
    from desktop_app.core.services import auth

    return auth.hash_password(TEST_PASSWORD)


def make_user(app: AppContext, username: str, role: Role, full_name: str | None = None,
              **fields: object) -> Actor:
    """A user with TEST_PASSWORD, written directly (tests only: there is no unchecked way to
    create users in the app), with the audit row the app writes for a new user."""
    from desktop_app.core.models import User
    from desktop_app.core.services import audit
    from desktop_app.core.services.context import unit_of_work

    full_name = full_name or username.title()
    with unit_of_work(app) as session:
        user = User(username=username, full_name=full_name, role=role.value,
                    password_hash=_test_password_hash(), active=True, **fields)
        session.add(user)
        session.flush()
        actor = Actor(user.id, username, full_name, role)
        audit.record(session, actor, "create", "user", user.id, after=audit.snapshot(user),
                     summary=f"Pengguna baru {username} (penyiapan uji)")
    return actor


_make_user = make_user  # the name some tests import


@pytest.fixture
def admin(app_ctx: AppContext) -> Actor:
    return make_user(app_ctx, "admin", Role.ADMIN)


@pytest.fixture
def operator(app_ctx: AppContext) -> Actor:
    return make_user(app_ctx, "operator", Role.OPERATOR)


@pytest.fixture
def verifier(app_ctx: AppContext) -> Actor:
    return make_user(app_ctx, "verifikator", Role.VERIFIER)


@pytest.fixture
def pimpinan(app_ctx: AppContext) -> Actor:
    return make_user(app_ctx, "camat", Role.PIMPINAN)


@pytest.fixture
def demo_db(make_database: Callable[..., TestDatabase]) -> TestDatabase:
    """A copy of a database filled by the demo command (office, users, every module)."""
    return make_database("demo")


@pytest.fixture
def demo_app(demo_db: TestDatabase) -> Iterator[tuple[AppContext, Actor]]:
    """A database filled by the demo command, and its admin."""
    from desktop_app.core.services import auth

    app = _open(demo_db)
    admin_id = auth.find_user_id(app, "admin")
    assert admin_id is not None
    yield app, Actor(admin_id, "admin", "Admin Kecamatan", Role.ADMIN)
    app.dispose()


# ---- the command line ------------------------------------------------------------------------


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., int]:
    """``cli(db, *args, user="admin", password=...)`` runs ``ruko-parsel`` on ``db`` as ``user``
    (``user=None``: without --user), the password given through RUKO_PASSWORD."""
    from desktop_app.app.cli import main

    def run(db: TestDatabase, *args: str, user: str | None = "admin",
            password: str | None = None) -> int:
        if user is None:
            monkeypatch.delenv("RUKO_PASSWORD", raising=False)
            return main([*db.cli_args, *args])
        if password is None:
            from desktop_app.app.demo import DEMO_PASSWORD

            password = DEMO_PASSWORD
        monkeypatch.setenv("RUKO_PASSWORD", password)
        try:
            return main([*db.cli_args, "--user", user, *args])
        finally:
            monkeypatch.delenv("RUKO_PASSWORD", raising=False)

    return run
