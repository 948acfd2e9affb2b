"""Several desks at once, as separate processes (finding 5): wrong passwords in parallel still
lock the account, and the first submissions of a new kind and year from several desks at once
all get their own number. Meaningful on PostgreSQL (row locks, no global write lock); on SQLite
the same tests check that BEGIN IMMEDIATE serialises them."""

from __future__ import annotations

import multiprocessing
from datetime import date
from pathlib import Path

from sqlalchemy import select

from desktop_app.core.domain.roles import Role
from tests.conftest import TEST_NOW
from tests.conftest import TestDatabase as _Database

DESKS = 8


def _open(data_dir: str, url: str | None):  # type: ignore[no-untyped-def]
    from desktop_app.core.domain import clock
    from desktop_app.core.services.bootstrap import open_app
    from desktop_app.paths import DataPaths

    clock.set_now(TEST_NOW)
    return open_app(DataPaths(Path(data_dir)), url, daily_backup=False)


def _guess(data_dir: str, url: str | None, barrier, results) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.core.domain.errors import AccountLocked, AuthenticationError
    from desktop_app.core.services import auth

    app = _open(data_dir, url)
    barrier.wait()
    try:
        auth.login(app, "operator", "tebakan-keliru-1")
        results.put("masuk")
    except AccountLocked:
        results.put("terkunci")
    except AuthenticationError:
        results.put("salah")
    finally:
        app.dispose()


def _first_of_the_year(data_dir: str, url: str | None, user_id: int, n: int, barrier,  # type: ignore[no-untyped-def]
                       results) -> None:
    from desktop_app.core.services.context import Actor
    from desktop_app.intake.domain.validation import SubmissionInput
    from desktop_app.intake.services import records

    app = _open(data_dir, url)
    actor = Actor(user_id, "admin", "Admin", Role.ADMIN)
    data = SubmissionInput(kind="aduan", category="lainnya", received_on=date(2026, 1, 2),
                           channel="telepon", reporter_name=f"Pelapor {n}",
                           subject=f"Jalan rusak {n}", desa_code="63.11.07.2003")
    barrier.wait()
    try:
        results.put(records.create_submission(app, actor, data).number)
    except Exception as exc:  # noqa: BLE001 - the test reports what went wrong
        results.put(f"GAGAL {type(exc).__name__}: {exc}")
    finally:
        app.dispose()


def _run(target, args_for) -> list[str]:  # type: ignore[no-untyped-def]
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(DESKS)
    results = ctx.Queue()
    procs = [ctx.Process(target=target, args=(*args_for(n), barrier, results))
             for n in range(DESKS)]
    for p in procs:
        p.start()
    out = [results.get(timeout=180) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    return out


def test_parallel_wrong_passwords_lock_the_account(app_ctx, admin, operator,
                                                   test_db: _Database):
    from desktop_app.core.models import User
    from desktop_app.core.services.context import unit_of_work

    app_ctx.dispose()
    data_dir, url = str(test_db.paths.data_dir), test_db.url
    outcomes = _run(_guess, lambda n: (data_dir, url))
    assert "masuk" not in outcomes
    with unit_of_work(app_ctx, write=False) as s:
        user = s.scalar(select(User).where(User.username == "operator"))
        assert user is not None and user.locked_until is not None, outcomes
    # Counted one after another: four failures, the fifth locks, the rest find it locked.
    assert outcomes.count("salah") == 5 and outcomes.count("terkunci") == DESKS - 5


def test_first_submissions_of_a_new_year_from_many_desks(app_ctx, admin,
                                                         test_db: _Database):
    app_ctx.dispose()
    data_dir, url = str(test_db.paths.data_dir), test_db.url
    numbers = _run(_first_of_the_year, lambda n: (data_dir, url, admin.user_id, n))
    assert not [n for n in numbers if n.startswith("GAGAL")], numbers
    assert sorted(numbers) == [f"ADU/2026/{i:04d}" for i in range(1, DESKS + 1)]
