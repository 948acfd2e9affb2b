"""The fast path (one columnar SELECT, ties ordered in numpy, the working list kept as arrays
and paged in memory) ranks exactly as a plain reference does: values scored one by one in
Python from the ORM rows, the stated tie rule, the domain's SAW/TOPSIS. Many ties on
purpose (few distinct values, same dates)."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from sqlalchemy import insert, select

from desktop_app.core.services import regions
from desktop_app.core.services.context import unit_of_work
from desktop_app.intake.domain.submissions import (
    MATERIAL_CONDITION,
    TOILET_CHOICES,
    WATER_CHOICES,
    failed_rtlh_criteria,
)
from desktop_app.intake.models import Submission
from desktop_app.ranking.domain.methods import rank
from desktop_app.ranking.services import comparison, criteria_sets, entries, lists, recaps
from desktop_app.ranking.services.entries import RankedPageSource
from desktop_app.ranking.services.rows import EntryFilter


def _fill(app, n: int) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(11)
    desa = [d.code for d in regions.list_desa(app)]
    rows = []
    for i in range(1, n + 1):
        rows.append({
            "number": f"USL/2026/{i:05d}", "kind": "usulan", "category": "rtlh",
            "status": rng.choice(["diverifikasi"] * 8 + ["diterima", "ditolak"]),
            "received_on": date(2026, 3, 1) + timedelta(days=rng.randint(0, 4)),
            "channel": "enumerator", "reporter_name": f"Enumerator {i % 7}",
            "subject": f"RTLH {i}", "description": "", "desa_code": rng.choice(desa[:4]),
            "rt": f"{rng.randint(1, 3):03d}", "rw": "001",
            "household_head": f"Kepala {rng.choice('ABCDE')} {i}",
            "monthly_income": rng.choice([None, 500_000.0, 900_000.0, 1_500_000.0,
                                          4_000_000.0]),
            "occupants": rng.choice([None, 2, 4, 6]),
            "floor_area": rng.choice([None, 18.0, 36.0]),
            "land_owned": rng.choice([True, True, True, False, None]),
            "last_aid_year": rng.choice([None] * 9 + [2020]),
            "structure_condition": rng.choice(MATERIAL_CONDITION),
            "roof_condition": rng.choice(MATERIAL_CONDITION + (None,)),
            "wall_condition": rng.choice(MATERIAL_CONDITION),
            "floor_condition": rng.choice(MATERIAL_CONDITION),
            "toilet": rng.choice(TOILET_CHOICES), "septic_tank": rng.choice([True, False]),
            "water_source": rng.choice(WATER_CHOICES), "ventilation_ok": rng.random() > 0.5,
            "lighting_ok": rng.random() > 0.5,
        })
    with unit_of_work(app) as session:
        session.execute(insert(Submission), rows)


def _reference(app, admin, method: str) -> tuple[list[int], list[int]]:  # type: ignore[no-untyped-def]
    """Ranked ids and ineligible ids the plain way."""
    cs = criteria_sets.active_set(app, admin, "rtlh")
    umk = next(r.get("param") for r in cs.rules if r["rule"] == "income_above_umk") \
        or 3_600_000
    with unit_of_work(app, write=False) as session:
        subs = list(session.scalars(select(Submission).where(
            Submission.status == "diverifikasi", Submission.category == "rtlh")))
        ok, bad, values, income, received = [], [], [], [], []
        for s in subs:
            data = {c.name: getattr(s, c.name) for c in Submission.__table__.columns}
            if (s.last_aid_year and s.last_aid_year > 2026 - 10) or \
                    (s.monthly_income or 0) > umk or s.land_owned is False:
                bad.append(s)
                continue
            derived = {
                "area_per_person": s.floor_area / s.occupants
                if s.floor_area is not None and s.occupants else None,
                "failed_criteria": len(failed_rtlh_criteria(data, 9.0)),
            }
            row = []
            for c in cs.criteria:
                raw = derived[c.source] if c.source in derived else data[c.source]
                v = c.score_value(raw)
                row.append(float("nan") if v is None else v)
            ok.append(s.id)
            values.append(row)
            income.append(s.monthly_income if s.monthly_income is not None else float("nan"))
            received.append(s.received_on.toordinal())
        apart = [s.id for s in sorted(bad, key=lambda s: (s.received_on, s.id))]
    result = rank(method, ok, values, cs.criteria, [income, received])
    return result.ranked_ids, apart


@pytest.mark.parametrize("method", ["saw", "topsis"])
def test_fast_ranking_equals_the_plain_reference(app_ctx, admin, method):
    _fill(app_ctx, 400)
    ranked, apart = _reference(app_ctx, admin, method)
    draft = lists.run_ranking(app_ctx, admin, "rtlh", method)
    assert [r.submission_id for r in entries.list_entries(app_ctx, admin, draft.id)] == ranked
    assert [r.submission_id for r in entries.list_entries(app_ctx, admin, draft.id,
                                                          eligible=False)] == apart
    frozen = lists.freeze(app_ctx, admin, draft.id, "Beku")
    assert [r.submission_id for r in entries.list_entries(app_ctx, admin, frozen.id)] == ranked
    assert [r.submission_id for r in entries.list_entries(app_ctx, admin, frozen.id,
                                                          eligible=False)] == apart
    # Same rows, same reasons and values whether the list is a draft or frozen.
    assert entries.list_entries(app_ctx, admin, draft.id, eligible=None) == \
        entries.list_entries(app_ctx, admin, frozen.id, eligible=None)
    assert all(m.change == 0 or m.rank_a is None
               for m in comparison.compare(app_ctx, admin, frozen.id, draft.id))
    assert recaps.recap(app_ctx, admin, draft.id, "rt") == \
        recaps.recap(app_ctx, admin, frozen.id, "rt")


def test_working_and_frozen_tables_filter_sort_and_page_alike(app_ctx, admin):
    _fill(app_ctx, 300)
    draft = lists.run_ranking(app_ctx, admin, "rtlh")
    frozen = lists.freeze(app_ctx, admin, draft.id, "Beku")
    a = RankedPageSource(app_ctx, admin, draft.id)
    b = RankedPageSource(app_ctx, admin, frozen.id)
    desa = entries.list_entries(app_ctx, admin, frozen.id)[0].submission_id
    with unit_of_work(app_ctx, write=False) as session:
        sub = session.get(Submission, desa)
        code, rt = sub.desa_code, sub.rt
    filters = [EntryFilter(), EntryFilter(eligible=False), EntryFilter(eligible=None),
               EntryFilter(desa_code=code), EntryFilter(desa_code=code, rt=rt),
               EntryFilter(kecamatan_code=code[:8]), EntryFilter(text="kepala a"),
               EntryFilter(text="USL/2026/001"), EntryFilter(text="tidak ada yang begini"),
               EntryFilter(desa_code="63.11.99.9999")]  # nothing matches: empty pages
    for flt in filters:
        assert a.count(flt) == b.count(flt), flt
        for sort in ("rank", "score", "number", "name", "desa"):
            for desc in (False, True):
                pages = [src.fetch(flt, sort, desc, 20, 30) for src in (a, b)]
                assert pages[0] == pages[1], (flt, sort, desc)
