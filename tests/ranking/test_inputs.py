"""The ranking's input records (``ranking_inputs``): computed from the records, every criterion
and hard rule equals the SQL expressions on hostile data (empty values, texts that are not a
declared choice, zero occupants); the cache follows every write to a submission, whoever
makes it; without its triggers nothing cached is trusted."""

from __future__ import annotations

import random
from datetime import date, timedelta

import numpy as np
import pytest
from sqlalchemy import delete, func, insert, select, text, update

from desktop_app.core.services import regions
from desktop_app.core.services.context import unit_of_work
from desktop_app.intake.domain.submissions import Category, FieldKind, fields_for
from desktop_app.intake.models import Submission
from desktop_app.ranking.domain.criteria import DEFAULT_CRITERIA, RULES
from desktop_app.ranking.domain.inputs import layout_for
from desktop_app.ranking.domain.lists import RankScope
from desktop_app.ranking.domain.methods import Criterion, Direction
from desktop_app.ranking.models import RankingInput
from desktop_app.ranking.services import entries, inputs, lists
from desktop_app.ranking.services.reading import read_by_expressions, read_matrix


def _value(rng: random.Random, spec) -> object:  # type: ignore[no-untyped-def]
    if rng.random() < 0.15:
        return None
    if spec.kind is FieldKind.BOOL:
        return rng.random() < 0.6
    if spec.kind is FieldKind.CHOICE:
        return rng.choice([*spec.choices, "rusak parah", "lainnya"]) if rng.random() < 0.2 \
            else rng.choice(spec.choices)
    if spec.kind is FieldKind.YEAR:
        return rng.choice([2010, 2019, 2024])
    if spec.kind in (FieldKind.INTEGER,):
        return rng.choice([0, 1, 3, 7])
    if spec.kind in (FieldKind.NUMBER, FieldKind.MONEY):
        return rng.choice([0.0, 4.5, 18.0, 36.0, 900_000.0, 5_000_000.0])
    return "x"


def _fill(app, category: str, n: int, seed: int = 3) -> list[int]:  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    desa = [d.code for d in regions.list_desa(app)]
    rows = []
    for i in range(1, n + 1):
        row = {"number": f"USL/{seed}/{category}/{i:05d}", "kind": "usulan", "category": category,
               "status": rng.choice(["diverifikasi"] * 5 + ["diterima"]),
               "received_on": date(2026, 2, 1) + timedelta(days=rng.randint(0, 3)),
               "channel": "enumerator", "reporter_name": "Enumerator", "subject": f"S {i}",
               "description": "", "desa_code": rng.choice(desa[:3]), "rt": "001", "rw": "001"}
        for spec in fields_for(category):
            if spec.kind is not FieldKind.TEXT and spec.kind is not FieldKind.DIGITS16:
                row[spec.key] = _value(rng, spec)
        rows.append(row)
    with unit_of_work(app) as session:
        session.execute(insert(Submission), rows)
        return list(session.scalars(select(Submission.id).where(
            Submission.category == category).order_by(Submission.id)))


def _every_criterion(category: str) -> list[Criterion]:
    """The default criteria, plus one for every number, choice and yes/no field."""
    out = list(DEFAULT_CRITERIA[Category(category)])
    for spec in fields_for(category):
        scores = None
        if spec.kind is FieldKind.CHOICE:
            scores = {c: float(i) for i, c in enumerate(spec.choices, start=1)}
        elif spec.kind is FieldKind.BOOL:
            scores = {"Ya": 3.0, "Tidak": 1.0}
        elif spec.kind is FieldKind.TEXT or spec.kind is FieldKind.DIGITS16:
            continue
        out.append(Criterion(f"X{len(out)}", spec.label, Direction.BENEFIT, 1.0, spec.key,
                             scores))
    return out


def _same(a, b) -> None:  # type: ignore[no-untyped-def]
    order_a, order_b = np.argsort(a.ids), np.argsort(b.ids)
    assert a.ids[order_a].tolist() == b.ids[order_b].tolist()
    np.testing.assert_array_equal(a.received[order_a] - a.received.min(),
                                  b.received[order_b] - b.received.min())
    np.testing.assert_array_equal(a.income[order_a], b.income[order_b])
    np.testing.assert_array_equal(a.values[order_a], b.values[order_b])
    np.testing.assert_array_equal(a.flags[order_a], b.flags[order_b])


def _both(app, category: str, criteria, rules):  # type: ignore[no-untyped-def]
    with unit_of_work(app, write=False) as session:
        args = (session, category, RankScope(), criteria, rules, 9.0, 3_600_000.0, 2026)
        return read_matrix(*args), read_by_expressions(*args)


@pytest.mark.parametrize("category", ["rtlh", "jalan", "drainase"])
def test_records_give_the_values_and_flags_of_the_sql_expressions(app_ctx, category):
    ids = _fill(app_ctx, category, 300)
    rules = [{"rule": k} for k in RULES] + [{"rule": "aided_recently", "param": 3},
                                            {"rule": "income_above_umk", "param": 1_000_000}]
    rules = rules if category == "rtlh" else []
    criteria = _every_criterion(category)
    records, plain = _both(app_ctx, category, criteria, rules)
    assert len(records.uncached) == len(records.ids) > 200  # nothing cached yet: all computed
    _same(records, plain)
    # Cached, then read again from the cache: still the same.
    assert inputs.refresh(app_ctx, layout_for(category), records.uncached) == len(records.ids)
    again, plain = _both(app_ctx, category, criteria, rules)
    assert len(again.uncached) == 0
    _same(again, plain)
    assert set(again.ids.tolist()) < set(ids)


def test_a_score_for_a_text_that_is_no_declared_choice_falls_back_to_sql(app_ctx):
    _fill(app_ctx, "rtlh", 120)
    odd = [Criterion("C1", "Struktur", Direction.BENEFIT, 1.0, "structure_condition",
                     {"Rusak berat": 4.0, "rusak parah": 5.0})]
    records, plain = _both(app_ctx, "rtlh", odd, [])
    assert len(records.uncached) == 0  # the expression read: no records were made
    _same(records, plain)
    assert 5.0 in records.values  # the undeclared text kept its score


def _ranked(app, actor, list_id):  # type: ignore[no-untyped-def]
    return [(r.submission_id, r.rank, r.score, r.reason)
            for r in entries.list_entries(app, actor, list_id, eligible=None)]


def _cached(app) -> int:  # type: ignore[no-untyped-def]
    with unit_of_work(app, write=False) as session:
        return int(session.scalar(select(func.count()).select_from(RankingInput)))


def test_the_cache_follows_every_write_to_a_submission(app_ctx, admin):
    _fill(app_ctx, "rtlh", 200)
    first = lists.run_ranking(app_ctx, admin, "rtlh")
    cached = _cached(app_ctx)
    assert cached == first.ranked_count + first.ineligible_count
    second = lists.run_ranking(app_ctx, admin, "rtlh")  # replaces the first draft
    assert (second.ranked_count, _cached(app_ctx)) == (first.ranked_count, cached)
    first = second
    # Writes the cache cannot see coming: a hand-written UPDATE, an ORM change, a delete, an
    # insert, a submission that leaves the ranking.
    ranked = [r.submission_id for r in entries.list_entries(app_ctx, admin, first.id)]
    last, poor, gone, rejected = ranked[-1], ranked[0], ranked[1], ranked[2]
    with unit_of_work(app_ctx) as session:
        session.execute(text("UPDATE submissions SET monthly_income = 1, occupants = 9, "
                             "structure_condition = 'Rusak berat', roof_condition = 'Rusak "
                             "berat' WHERE id = :id"), {"id": last})
        session.get(Submission, poor).monthly_income = 9_000_000.0
        session.execute(delete(Submission).where(Submission.id == gone))
        session.execute(update(Submission).where(Submission.id == rejected)
                        .values(status="ditolak"))
    _fill(app_ctx, "rtlh", 2, seed=99)  # numbers of their own: new ids
    assert _cached(app_ctx) < cached
    with unit_of_work(app_ctx, write=False) as session:
        assert session.get(RankingInput, last) is None
    after = lists.run_ranking(app_ctx, admin, "rtlh")
    got = _ranked(app_ctx, admin, after.id)
    by_id = {r[0]: r for r in got}
    assert gone not in by_id and rejected not in by_id
    assert by_id[last][1] < len(ranked) // 2  # poorest, fullest, most damaged now
    assert by_id[poor][1] is None and "UMK" in by_id[poor][3]
    # Same list as ranked without any cache at all.
    with unit_of_work(app_ctx) as session:
        session.execute(delete(RankingInput))
    assert _ranked(app_ctx, admin, lists.run_ranking(app_ctx, admin, "rtlh").id) == got


def test_without_its_triggers_nothing_cached_is_trusted(app_ctx, admin):
    _fill(app_ctx, "rtlh", 100)
    first = lists.run_ranking(app_ctx, admin, "rtlh")
    top = entries.list_entries(app_ctx, admin, first.id)[0].submission_id
    with unit_of_work(app_ctx) as session:  # as a migration that rebuilt the table would
        if session.get_bind().dialect.name == "sqlite":
            session.execute(text("DROP TRIGGER ranking_inputs_on_update"))
        else:
            session.execute(text("DROP TRIGGER ranking_inputs_forget ON submissions"))
        session.execute(text("UPDATE submissions SET monthly_income = 9000000 WHERE id = :id"),
                        {"id": top})
        assert inputs.triggers_present(session) is False
    after = lists.run_ranking(app_ctx, admin, "rtlh")
    assert top not in [r.submission_id for r in entries.list_entries(app_ctx, admin, after.id)]
    with unit_of_work(app_ctx, write=False) as session:  # recreated, the cache redone
        assert inputs.triggers_present(session)
        assert session.get(RankingInput, top) is not None
    assert _cached(app_ctx) == after.ranked_count + after.ineligible_count


def test_records_of_another_layout_are_redone(app_ctx, admin):
    _fill(app_ctx, "rtlh", 80)
    before = _ranked(app_ctx, admin, lists.run_ranking(app_ctx, admin, "rtlh").id)
    with unit_of_work(app_ctx) as session:  # as after a release that added a field
        session.execute(update(RankingInput).values(layout=1, data=b"\0" * 8))
    again = lists.run_ranking(app_ctx, admin, "rtlh")
    assert _ranked(app_ctx, admin, again.id) == before
    with unit_of_work(app_ctx, write=False) as session:
        layouts = set(session.scalars(select(RankingInput.layout)))
    assert layouts == {layout_for("rtlh").fingerprint}
    assert _cached(app_ctx) == again.ranked_count + again.ineligible_count


def test_downgrading_the_migration_leaves_submissions_writable(app_ctx, admin):
    """The migration's downgrade drops the triggers with the table (SQLite and PostgreSQL):
    a submission is written afterwards, and upgrading again ranks as before."""
    from alembic import command

    from desktop_app.db import migrate

    _fill(app_ctx, "rtlh", 30)
    before = _ranked(app_ctx, admin, lists.run_ranking(app_ctx, admin, "rtlh").id)
    cfg = migrate.alembic_config()
    with app_ctx.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0010_planning")
    # Plain connections: below 0014_safety there is no database marker, and the app's write
    # guard rightly refuses a schema changed behind its back.
    with app_ctx.engine.begin() as conn:
        conn.execute(text("UPDATE submissions SET monthly_income = 1"))
        conn.execute(text("DELETE FROM submissions WHERE id = :id"), {"id": before[0][0]})
    with app_ctx.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "heads")
    app_ctx.remember_generation()  # the marker made again by the upgrade is a new generation
    after = _ranked(app_ctx, admin, lists.run_ranking(app_ctx, admin, "rtlh").id)
    assert len(after) == len(before) - 1 and after != before
    with unit_of_work(app_ctx, write=False) as session:
        assert inputs.triggers_present(session)
