"""The list: filters, sorting, overdue and word search in SQL."""

from __future__ import annotations

from datetime import timedelta

from desktop_app.core.domain import clock
from desktop_app.intake.services import (
    details,
    listing,
    records,
)
from desktop_app.intake.services.listing import SubmissionFilter
from tests.intake.factories import (
    aduan_input,
    rtlh_input,
)


def test_list_filters_sort_and_overdue_in_sql(app_ctx, operator):
    old = aduan_input(received_on=clock.today() - timedelta(days=40), subject="Lama sekali")
    records.create_submission(app_ctx, operator, old)
    records.create_submission(app_ctx, operator, aduan_input(received_on=clock.today()))
    records.create_submission(app_ctx, operator, rtlh_input())
    source = listing.SubmissionPageSource(app_ctx, operator)
    assert source.count(None) == 3
    assert source.count(SubmissionFilter(kind="aduan")) == 2
    assert source.count(SubmissionFilter(overdue_only=True)) == 1
    assert source.count(SubmissionFilter(text="lama sekali")) == 1
    # An operator may not see NIKs, so she cannot find a record by one (issue 10, finding 9).
    assert source.count(SubmissionFilter(text="631107120380")) == 0
    rows = source.fetch(SubmissionFilter(), "received_on", True, 0, 2)
    assert rows[0].received_on >= rows[1].received_on and len(rows) == 2


def test_search_uses_the_word_index_and_follows_edits(app_ctx, verifier):
    a = records.create_submission(app_ctx, verifier, rtlh_input())
    b = records.create_submission(app_ctx, verifier, aduan_input(
        subject="Saluran tersumbat depan SDN 2 Inan", description="Air meluap ke rumah warga"))
    source = listing.SubmissionPageSource(app_ctx, verifier)

    def found(text):
        return {r.id for r in source.fetch(SubmissionFilter(text=text), "number", False, 0, 50)}

    assert found("abdul") == {a.id}  # household head, by word prefix
    assert found("ham ABD") == {a.id}  # every word, any order, any case
    assert found("tersumbat sdn") == {b.id}
    assert found("meluap") == {b.id}  # description words too
    assert found("631107120380") == {a.id}  # NIK prefix
    assert found(a.number) == {a.id} and found("ADU/2026") == {b.id}
    assert found("abdul tersumbat") == set()
    assert source.count(SubmissionFilter(text="inan")) == 1  # subject of b only
    detail = details.get_submission(app_ctx, verifier, a.id)
    changed = detail.to_input()
    changed = changed.__class__(**{**changed.__dict__, "subject": "Bedah rumah", "details": {
        **changed.details, "household_head": "Jumberi", "nik": "6311071203800001"}})
    records.update_submission(app_ctx, verifier, a.id, changed)
    assert found("abdul") == set() and found("jumb") == {a.id}


def _overdue_rows(app_ctx):
    """120 records over 60 days, many received on the same day, every status, some without
    a due date, in two desa."""
    import random

    from sqlalchemy import insert

    from desktop_app.core.services.context import unit_of_work
    from desktop_app.intake.domain.submissions import Status
    from desktop_app.intake.models import Submission
    from tests.intake.factories import INAN

    rng = random.Random(5)
    today = clock.today()
    rows = []
    for i in range(1, 121):
        received = today - timedelta(days=rng.randint(0, 60))  # many on the same day
        due = None if i % 9 == 0 else received + timedelta(days=rng.choice((3, 14, 30)))
        rows.append({"id": i, "number": f"ADU/2026/{i:05d}", "kind": "aduan",
                     "category": "drainase", "status": rng.choice(list(Status)).value,
                     "received_on": received, "due_date": due, "channel": "datang_langsung",
                     "reporter_name": f"Warga {rng.randint(1, 30)}", "subject": "Saluran",
                     "desa_code": INAN if i % 3 else OTHER_DESA})
    with unit_of_work(app_ctx) as session:
        session.execute(insert(Submission), rows)
    return rows


OTHER_DESA = "63.11.07.2004"


def _analyse(app_ctx) -> None:
    """Planner statistics, as ANALYZE leaves them (an office's database has none)."""
    from desktop_app.core.services.context import unit_of_work

    with unit_of_work(app_ctx) as session:
        session.connection().exec_driver_sql("ANALYZE")


def test_overdue_pages_equal_a_plain_filter_and_sort(app_ctx, operator):
    """Overdue only: the count and every page, both directions, sorted by date received,
    name or due date, with a desa filter or a range of dates received, equal filtering and
    sorting all the records; the same without planner statistics (as an office's database)
    and with them (the planner then picks other plans)."""
    from desktop_app.intake.domain.submissions import OPEN_STATUSES

    rows = _overdue_rows(app_ctx)
    today = clock.today()
    since = today - timedelta(days=40)
    sort_keys = {"received_on": lambda r: (r["received_on"], r["id"]),
                 "name": lambda r: (r["reporter_name"], r["id"]),
                 "due_date": lambda r: (r["due_date"], r["id"])}
    filters = [SubmissionFilter(overdue_only=True),
               SubmissionFilter(overdue_only=True, desa_code=OTHER_DESA),
               SubmissionFilter(overdue_only=True, date_from=since),
               SubmissionFilter(overdue_only=True, status="diterima")]
    for analysed in (False, True):
        if analysed:
            _analyse(app_ctx)
        source = listing.SubmissionPageSource(app_ctx, operator)
        for flt in filters:
            overdue = [r for r in rows if r["due_date"] is not None and r["due_date"] < today
                       and r["status"] in OPEN_STATUSES
                       and (not flt.desa_code or r["desa_code"] == flt.desa_code)
                       and (not flt.date_from or r["received_on"] >= flt.date_from)
                       and (not flt.status or r["status"] == flt.status)]
            assert 3 < len(overdue) < len(rows) and source.count(flt) == len(overdue)
            for sort, key in sort_keys.items():
                for descending in (True, False):
                    expected = [r["id"] for r in sorted(overdue, key=key, reverse=descending)]
                    for offset in (0, 2, 7, 14, len(expected) - 3):
                        page = source.fetch(flt, sort, descending, offset, 7)
                        assert [r.id for r in page] == expected[offset:offset + 7], (
                            analysed, flt, sort, descending, offset)
                        assert all(r.overdue for r in page)


def test_overdue_count_stops_at_the_limit_with_and_without_statistics(app_ctx, operator,
                                                                      monkeypatch):
    """More overdue records than the list counts: the count stops at the limit + 1 (shown as
    "lebih dari …"), with or without planner statistics."""
    from desktop_app.intake.domain.submissions import OPEN_STATUSES

    rows = _overdue_rows(app_ctx)
    today = clock.today()
    overdue = [r for r in rows if r["due_date"] is not None and r["due_date"] < today
               and r["status"] in OPEN_STATUSES]
    monkeypatch.setattr(listing.SubmissionPageSource, "count_limit", len(overdue) - 5)
    for analysed in (False, True):
        if analysed:
            _analyse(app_ctx)
        source = listing.SubmissionPageSource(app_ctx, operator)
        assert source.count(SubmissionFilter(overdue_only=True)) == len(overdue) - 4


def test_an_unindexed_column_reads_the_same_value_on_every_database(app_ctx):
    """``unindexed`` is ``+column`` on SQLite (no index drives the query through it) and the
    plain column elsewhere; the rows found are the same."""
    from sqlalchemy import select

    from desktop_app.core.services.context import unit_of_work
    from desktop_app.db.hints import unindexed
    from desktop_app.intake.models import Submission

    rows = _overdue_rows(app_ctx)
    today = clock.today()
    expected = sorted(r["id"] for r in rows if r["due_date"] is not None
                      and r["due_date"] < today)
    with unit_of_work(app_ctx, write=False) as session:
        stmt = select(Submission.id).where(unindexed(Submission.due_date) < today)
        sql = str(stmt.compile(session.bind))
        assert ("+submissions.due_date" in sql) == (session.bind.dialect.name == "sqlite")
        assert sorted(session.scalars(stmt)) == expected


def test_one_typed_word_is_counted_as_the_list_finds_it(app_ctx, verifier, operator,
                                                        monkeypatch):
    """Typed text alone, one word: counted off the word index (distinct records, personal
    numbers only for who may see them), the same number the list's own filter finds, and
    stopped at the limit + 1 like every count."""
    from desktop_app.core.services.context import unit_of_work

    nik = "6311071203800001"
    for i in range(9):
        details = {"household_head": f"Warga Wargaku {i}" if i % 2 else f"Abdul {i}",
                   "nik": nik[:-2] + f"{i:02d}" if i % 3 else "6311070101900001"}
        records.create_submission(app_ctx, verifier, rtlh_input(details=details))
    records.create_submission(app_ctx, verifier, aduan_input(reporter_name="Wargawan"))
    typed = ["warga", "WARGAKU", "wargawan", "abdul", "631107", "6311071203",
             "6311071203800004", "zzz", "usu", "perihal", "warga warga"]
    for limit in (None, 3):
        if limit:
            monkeypatch.setattr(listing.SubmissionPageSource, "count_limit", limit)
        for actor in (verifier, operator):
            source = listing.SubmissionPageSource(app_ctx, actor)
            for text in typed:
                flt = SubmissionFilter(text=text)
                with unit_of_work(app_ctx, write=False) as session:
                    found = len(listing.ids_in(session, actor, flt))
                expected = found if limit is None else min(found, limit + 1)
                assert source.count(flt) == expected, (actor.role, text, limit)
    with unit_of_work(app_ctx, write=False) as session:  # the cases differ on purpose
        assert len(listing.ids_in(session, verifier, SubmissionFilter(text="631107"))) == 9
        assert len(listing.ids_in(session, operator, SubmissionFilter(text="631107"))) == 0
        assert len(listing.ids_in(session, verifier, SubmissionFilter(text="warga"))) == 5
