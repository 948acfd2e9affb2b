"""Two desks edit the same submission: the later save from an old version is refused with a
conflict that says what changed, by whom and when; nothing is lost (SQLite and PostgreSQL)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from desktop_app.core.domain.errors import RecordChangedError
from desktop_app.core.domain.roles import Role
from desktop_app.core.services.bootstrap import open_app
from desktop_app.core.services.context import AppContext, unit_of_work
from desktop_app.intake.models import Submission
from desktop_app.intake.services.details import get_submission
from desktop_app.intake.services.records import create_submission, update_submission
from tests.conftest import make_user, postgres_only
from tests.intake.factories import rtlh_input


@pytest.fixture
def second_desk(test_db, app_ctx) -> Iterator[AppContext]:
    """Another copy of the app (its own engine and connections) on the same database."""
    other = open_app(test_db.paths, test_db.url, daily_backup=False)
    yield other
    other.dispose()


def test_a_stale_save_is_refused_and_says_who_changed_what(app_ctx, second_desk, verifier):
    budi = make_user(app_ctx, "budi", Role.VERIFIER, "Budi Santoso")
    sid = create_submission(app_ctx, verifier, rtlh_input()).id
    mine = get_submission(app_ctx, verifier, sid)  # desk A opens the form
    theirs = get_submission(second_desk, budi, sid)  # desk B opens the same record
    assert mine.version == theirs.version == 1

    saved = update_submission(second_desk, budi, sid,
                              dataclasses.replace(theirs.to_input(), subject="Atap bocor (B)"),
                              version=theirs.version)
    assert saved.version == 2

    with pytest.raises(RecordChangedError) as refused:
        update_submission(app_ctx, verifier, sid,
                          dataclasses.replace(mine.to_input(), reporter_name="Nama dari meja A"),
                          version=mine.version)
    exc = refused.value
    assert exc.fields == ("Perihal",)
    assert exc.changed_by == "Budi Santoso (budi)"
    assert "23 November 2026" in exc.changed_at
    assert "Muat ulang" in exc.message and "Perihal" in exc.message
    stored = get_submission(app_ctx, verifier, sid)
    assert stored.subject == "Atap bocor (B)"  # desk B's edit survived
    assert stored.reporter_name == "Yusuf Hidayat"  # desk A's stale save changed nothing

    # Reload and re-apply: both edits are kept.
    again = dataclasses.replace(stored.to_input(), reporter_name="Nama dari meja A")
    assert update_submission(app_ctx, verifier, sid, again, version=stored.version).version == 3
    final = get_submission(second_desk, budi, sid)
    assert (final.subject, final.reporter_name) == ("Atap bocor (B)", "Nama dari meja A")


def test_any_change_by_another_desk_counts(app_ctx, second_desk, verifier):
    sid = create_submission(app_ctx, verifier, rtlh_input()).id
    loaded = get_submission(app_ctx, verifier, sid)
    with unit_of_work(second_desk) as session:  # any ORM update raises the version
        session.get(Submission, sid).description = "diubah langsung"
    with pytest.raises(RecordChangedError):
        update_submission(app_ctx, verifier, sid, loaded.to_input(), version=loaded.version)


@postgres_only
def test_a_save_racing_another_desk_is_refused_not_lost(app_ctx, second_desk, verifier):
    """Both desks read version 1 before either writes (possible on PostgreSQL, where reading
    takes no lock): the UPDATE … WHERE version = 1 of the later one finds no row."""
    sid = create_submission(app_ctx, verifier, rtlh_input()).id
    with pytest.raises(RecordChangedError) as refused:
        with unit_of_work(app_ctx) as session:
            sub = session.get(Submission, sid)
            assert sub.version == 1
            with unit_of_work(second_desk) as other:  # commits while the first is open
                other.get(Submission, sid).subject = "Meja B lebih dulu"
            sub.subject = "Meja A belakangan"
    assert "Muat ulang" in refused.value.message
    stored = get_submission(app_ctx, verifier, sid)
    assert (stored.subject, stored.version) == ("Meja B lebih dulu", 2)
