"""Whatever plan the list picks for a filter and a sort (walk the sort's index and check each
record, or gather the filter's matches and sort them), its pages are the slices of one plain
``ORDER BY`` of the same records: names, dates and due dates with many ties, due dates
missing, every filter the list page offers crossed with every column it sorts by, both ways,
on each database, with and without planner statistics."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from sqlalchemy import insert, select

from desktop_app.core.domain import clock
from desktop_app.core.services.context import unit_of_work
from desktop_app.intake.domain.search import query_words, terms_for
from desktop_app.intake.domain.submissions import OPEN_STATUSES, Status
from desktop_app.intake.models import Submission, SubmissionTerm
from desktop_app.intake.services import listing, search
from desktop_app.intake.services.listing import SORT_COLUMNS, SubmissionFilter
from tests.conftest import make_user
from tests.intake.factories import INAN

OTHER_DESA = "63.11.07.2004"
N = 260


def _rows(app, clerks: list[int]) -> list[dict]:  # type: ignore[no-untyped-def]
    """N records: a dozen names, twenty days received, every status, kind and category, some
    without a due date, two desa, numbers not in the order of ids."""
    rng = random.Random(14)
    today = clock.today()
    numbers = list(range(1, N + 1))
    rng.shuffle(numbers)
    rows = []
    for i in range(1, N + 1):
        received = today - timedelta(days=rng.randint(0, 19) * 3)
        kind = ("usulan", "laporan", "aduan")[rng.randint(0, 2)]
        rows.append({
            "id": i, "number": f"ADU/2026/{numbers[i - 1]:05d}", "kind": kind,
            "category": ("rtlh", "jalan", "drainase", "lainnya")[rng.randint(0, 3)],
            "status": rng.choice(list(Status)).value, "received_on": received,
            "due_date": None if i % 9 == 0 else received + timedelta(days=rng.choice((3, 30))),
            "channel": "datang_langsung", "reporter_name": f"Warga {rng.randint(1, 12)}",
            "subject": f"Perihal {'jembatan' if i % 23 == 0 else 'saluran'} {i}",
            "description": "", "desa_code": INAN if rng.random() < 0.7 else OTHER_DESA,
            "entered_by_id": clerks[i % 3] if i % 3 < 2 else None,
            "needs_check": i % 7 == 0,
        })
    with unit_of_work(app) as session:
        session.execute(insert(Submission), rows)
        session.execute(insert(SubmissionTerm), [
            {"term": t, "submission_id": r["id"]} for r in rows for t in terms_for(r)])
    return rows


def _matches(row: dict, flt: SubmissionFilter) -> bool:
    """The filter written out plainly, record by record."""
    words = query_words(flt.text)
    terms = terms_for(row)
    return all((
        all(any(t.startswith(w) for t in terms) for w in words),
        not flt.kind or row["kind"] == flt.kind,
        not flt.category or row["category"] == flt.category,
        not flt.status or row["status"] == flt.status,
        not flt.desa_code or row["desa_code"] == flt.desa_code,
        not flt.date_from or row["received_on"] >= flt.date_from,
        not flt.date_to or row["received_on"] <= flt.date_to,
        not flt.overdue_only or (row["due_date"] is not None and row["due_date"] < clock.today()
                                 and row["status"] in OPEN_STATUSES),
        not flt.entered_by_id or row["entered_by_id"] == flt.entered_by_id,
        not flt.needs_check or row["needs_check"],
    ))


def _filters(clerk: int) -> list[SubmissionFilter]:
    today = clock.today()
    return [
        SubmissionFilter(),
        SubmissionFilter(status="diverifikasi"),
        SubmissionFilter(category="rtlh"),
        SubmissionFilter(kind="aduan"),
        SubmissionFilter(desa_code=OTHER_DESA),
        SubmissionFilter(date_from=today - timedelta(days=30), date_to=today - timedelta(days=9)),
        SubmissionFilter(overdue_only=True),
        SubmissionFilter(entered_by_id=clerk),
        SubmissionFilter(needs_check=True),
        SubmissionFilter(text="perihal"),
        SubmissionFilter(text="jembatan"),
        SubmissionFilter(status="diverifikasi", category="rtlh"),
        SubmissionFilter(desa_code=OTHER_DESA, overdue_only=True),
        SubmissionFilter(text="saluran", status="selesai"),
        SubmissionFilter(overdue_only=True, needs_check=True),
        SubmissionFilter(kind="usulan", category="jalan", desa_code=INAN),
        SubmissionFilter(status="diterima", date_from=date(2000, 1, 1)),
    ]


@pytest.mark.parametrize("plan", ["walk", "gather", "walk stopped", "sampled", "chosen",
                                  "analysed"])
def test_every_page_of_every_filter_and_sort_is_a_slice_of_the_plain_order(
        app_ctx, admin, monkeypatch, plan):
    clerks = [make_user(app_ctx, f"petugas{k}", admin.role).user_id for k in range(2)]
    rows = _rows(app_ctx, clerks)
    if plan == "walk":  # every filter counts as broad: the sort's index is walked
        monkeypatch.setattr(listing, "NARROW", -1)
        monkeypatch.setattr(listing, "_walk_looks_short", lambda *args: True)
        monkeypatch.setattr(search, "COMMON_WORD", 0)
    elif plan == "sampled":  # every filter counts as broad; the walk's first records decide
        monkeypatch.setattr(listing, "NARROW", -1)
        monkeypatch.setattr(listing, "WALK_SAMPLE", 20)
    elif plan == "gather":  # every filter counts as narrow: its matches are gathered
        monkeypatch.setattr(listing, "NARROW", 10 ** 9)
    elif plan == "walk stopped":  # every walk runs out of time (SQLite): gathered instead
        monkeypatch.setattr(listing, "NARROW", -1)
        monkeypatch.setattr(listing, "_walk_looks_short", lambda *args: True)
        monkeypatch.setattr(listing, "WALK_SECONDS", -1.0)
        monkeypatch.setattr(listing, "WALK_CHECK_STEPS", 1)
    elif plan == "analysed":
        with unit_of_work(app_ctx) as session:
            if session.bind.dialect.name != "sqlite":
                pytest.skip("PostgreSQL keeps its own statistics")
            session.connection().exec_driver_sql("ANALYZE")
    source = listing.SubmissionPageSource(app_ctx, admin)
    size = 40
    for flt in _filters(clerks[0]):
        found = [r["id"] for r in rows if _matches(r, flt)]
        assert 0 < len(found), flt
        assert source.count(flt) == len(found), flt
        for sort, column in SORT_COLUMNS.items():
            for descending in (False, True):
                with unit_of_work(app_ctx, write=False) as session:
                    plain = list(session.scalars(
                        select(Submission.id).where(Submission.id.in_(found)).order_by(
                            column.desc() if descending else column.asc(),
                            Submission.id.desc() if descending else Submission.id.asc())))
                paged = [r.id for offset in range(0, len(found) + size, size)
                         for r in source.fetch(flt, sort, descending, offset, size)]
                assert paged == plain, (flt, sort, descending)
                # back from the last page: the same rows again, none skipped
                back = [r.id for offset in reversed(range(0, len(found), size))
                        for r in reversed(source.fetch(flt, sort, descending, offset, size))]
                assert back == plain[::-1], (flt, sort, descending)
