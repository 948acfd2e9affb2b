"""Shared fixtures: a fresh migrated SQLite database per test, and actors for each role."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

# The tests choose Qt's platform themselves, so they pass on machines without a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_app.core.domain import clock  # noqa: E402
from desktop_app.core.domain.roles import Role  # noqa: E402
from desktop_app.core.services import auth  # noqa: E402
from desktop_app.core.services.context import SYSTEM_ACTOR, Actor, AppContext  # noqa: E402
from desktop_app.paths import DataPaths  # noqa: E402

TEST_PASSWORD = "rahasia123"


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


@pytest.fixture
def data_paths(tmp_path: Path) -> DataPaths:
    paths = DataPaths(tmp_path / "data")
    paths.ensure()
    return paths


# RUKO_TEST_DATABASE_URL=postgresql+psycopg://user:pw@host/db runs the service tests on
# PostgreSQL (the database is emptied before every test); by default each test gets SQLite.
TEST_DATABASE_URL = os.environ.get("RUKO_TEST_DATABASE_URL") or None


def pytest_configure(config: pytest.Config) -> None:
    if TEST_DATABASE_URL:
        # Pages and wizards that open their own connections are garbage-collected after the
        # test's engine is disposed; psycopg reports that, SQLite does not.
        config.addinivalue_line("filterwarnings", "ignore::ResourceWarning")
        config.addinivalue_line("filterwarnings",
                                "ignore::pytest.PytestUnraisableExceptionWarning")


def _empty_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture
def app_ctx(data_paths: DataPaths) -> Iterator[AppContext]:
    from desktop_app.core.services.bootstrap import open_app

    if TEST_DATABASE_URL:
        _empty_postgres(TEST_DATABASE_URL)
    app = open_app(data_paths, TEST_DATABASE_URL, daily_backup=False)
    yield app
    app.dispose()


def _make_user(app: AppContext, username: str, role: Role) -> Actor:
    uid = auth.create_user_unchecked(
        app, SYSTEM_ACTOR, auth.UserInput(username, username.title(), role, TEST_PASSWORD)
    )
    return Actor(uid, username, username.title(), role)


@pytest.fixture
def admin(app_ctx: AppContext) -> Actor:
    return _make_user(app_ctx, "admin", Role.ADMIN)


@pytest.fixture
def operator(app_ctx: AppContext) -> Actor:
    return _make_user(app_ctx, "operator", Role.OPERATOR)


@pytest.fixture
def verifier(app_ctx: AppContext) -> Actor:
    return _make_user(app_ctx, "verifikator", Role.VERIFIER)


@pytest.fixture
def pimpinan(app_ctx: AppContext) -> Actor:
    return _make_user(app_ctx, "camat", Role.PIMPINAN)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Actor] | None:
    """One demo data folder per test run (filling it takes seconds): ``demo_app`` copies it.
    None on PostgreSQL, where every test fills its own."""
    if TEST_DATABASE_URL:
        return None
    from desktop_app.app.demo import fill_demo
    from desktop_app.core.services.bootstrap import open_app

    paths = DataPaths(tmp_path_factory.mktemp("demo-template") / "data")
    paths.ensure()
    with clock.frozen(TEST_NOW):
        app = open_app(paths, None, daily_backup=False)
        try:
            admin_actor = fill_demo(app)
        finally:
            app.dispose()
    return paths.data_dir, admin_actor


@pytest.fixture
def demo_app(app_ctx: AppContext,
             demo_template: tuple[Path, Actor] | None) -> tuple[AppContext, Actor]:
    """A database filled by the demo command (office, users, and every module's records)."""
    if demo_template is None:
        from desktop_app.app.demo import fill_demo

        return app_ctx, fill_demo(app_ctx)
    import shutil

    source, admin_actor = demo_template
    paths = app_ctx.paths
    app_ctx.dispose()  # no open connection while the file is replaced
    for suffix in ("", "-wal", "-shm"):
        Path(f"{paths.database}{suffix}").unlink(missing_ok=True)
    for suffix in ("", "-wal"):
        if (source / f"{paths.database.name}{suffix}").exists():
            shutil.copy2(source / f"{paths.database.name}{suffix}", f"{paths.database}{suffix}")
    template = DataPaths(source)
    shutil.copytree(template.attachments, paths.attachments, dirs_exist_ok=True)
    return app_ctx, admin_actor
