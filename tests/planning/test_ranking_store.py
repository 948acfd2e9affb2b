"""Ranking a tier (read in columns, scored in numpy, written in one executemany) gives the same
order, scores, UTAMA/CADANGAN and pagu cut as the rule written out plainly: SAW per kind with
exact fractions, ties to the cheaper usulan and then the older record, UTAMA while the total
stays within the pagu and CADANGAN from the first one that does not fit. A seeded tier of a
few hundred usulan full of ties, with rows that are not passed (and carry an old ranking) and
passed rows moved by hand before; on SQLite and on PostgreSQL (the suite runs on both)."""

from __future__ import annotations

import json
import random
import uuid
from datetime import date, datetime
from fractions import Fraction

import pytest
from sqlalchemy import insert, select, update

from desktop_app.core.services.context import unit_of_work
from desktop_app.planning.domain.criteria import (
    DEFAULT_CRITERIA,
    ProposalKind,
    ScoreItem,
    cost_score,
    rank_items,
)
from desktop_app.planning.domain.labels import Coverage
from desktop_app.planning.domain.priority import Ranked, split_by_ceiling
from desktop_app.planning.models import PlanningProposal, TierResult
from desktop_app.planning.services import frame, rembuk, scoring
from tests.planning.conftest import BINJAI, HALUBAU, INAN, KECAMATAN, YEAR

N = 240
DERIVED = {"coverage", "cost_score", "cost", "beneficiaries"}
COSTS = [25_000_000, 60_000_000, 60_000_000, 140_000_000, 250_000_000]
NOW = datetime(2026, 11, 23, 9, 30)


def _seed(app) -> None:  # type: ignore[no-untyped-def]
    """N usulan at the kecamatan tier: scores from a narrow range and a few costs (many full
    ties, decided by the id), missing scores, ten not passed with an old ranking left on them,
    ten passed moved by hand earlier."""
    rng = random.Random(2027)
    proposals, tiers = [], []
    for i in range(1, N + 1):
        physical = rng.random() < 0.7
        cost = rng.choice(COSTS)
        if physical:
            scores = {"urgency": rng.randint(3, 4), "damage": rng.randint(4, 5)}
        else:
            scores = {"need": rng.randint(4, 5), "impact": 4, "feasibility": rng.randint(3, 4)}
        if i % 37 == 0:
            scores.pop(next(iter(scores)))  # a score not entered: counts as 0
        verdict = "lolos" if i % 24 else rng.choice(["tidak_diakomodir", "dialihkan", None])
        proposals.append({
            "id": 9000 + i, "uid": str(uuid.UUID(int=9000 + i)), "year": YEAR, "seq": 500 + i,
            "number": f"MUS/{YEAR}/07/{500 + i:05d}", "level": "kecamatan", "returned": False,
            "desa_code": (INAN, HALUBAU, BINJAI)[i % 3], "kecamatan_code": KECAMATAN,
            "rt": "1", "rw": "1", "address": "", "problem": "Masalah", "work": f"Usulan {i}",
            "proposer_name": "Pemerintah Desa", "proposer_level": "desa", "proposer_contact": "",
            "unit": "paket", "volume": 1.0, "unit_price": cost, "cost": cost,
            "agency": "", "first_agency": "", "physical": physical, "authority": "kabupaten",
            "land_status": "pemda", "land_note": "",
            "coverage": rng.choice(["rt", "rw", "desa", "kelompok"]),
            "beneficiaries": None if i % 11 == 0 else rng.choice([50, 120, 120, 300]),
            "note": "", "source": "excel", "realisation": "belum", "version": 1,
            "created_at": NOW, "updated_at": NOW})
        stale = verdict != "lolos" or i % 23 == 0
        tiers.append({
            "proposal_id": 9000 + i, "level": "kecamatan", "year": YEAR,
            "region_code": KECAMATAN, "verdict": verdict, "volume": 1.0, "unit_price": cost,
            "cost": cost, "reasons": "", "note": "", "redirect_target": "",
            "redirect_detail": "", "recommendation": "", "scores_json": json.dumps(scores),
            "score": 0.5 if stale else None, "rank": i if stale else None,
            "priority_tier": "utama" if stale else None, "tier_manual": stale,
            "decided_by_name": "Uji"})
    with unit_of_work(app) as session:
        session.execute(insert(PlanningProposal), proposals)
        session.execute(insert(TierResult), tiers)


def _exact_saw(app) -> list[tuple[int, Fraction, int]]:  # type: ignore[no-untyped-def]
    """(proposal id, exact score, cost) in rank order, written out plainly."""
    with unit_of_work(app, write=False) as session:
        rows = session.execute(select(
            TierResult.proposal_id, TierResult.scores_json, TierResult.cost,
            PlanningProposal.physical, PlanningProposal.coverage,
            PlanningProposal.beneficiaries).join(
            PlanningProposal, PlanningProposal.id == TierResult.proposal_id).where(
            TierResult.year == YEAR, TierResult.level == "kecamatan",
            TierResult.verdict == "lolos")).all()
    out = []
    for kind in ProposalKind:
        criteria = DEFAULT_CRITERIA[kind]
        group = [r for r in rows if ProposalKind.of(r.physical) is kind]

        def value(row, source):  # type: ignore[no-untyped-def]
            scores = json.loads(row.scores_json or "{}")
            entered = scores.get(source) if isinstance(scores, dict) else None
            if source not in DERIVED:  # an entered score: a number, or missing
                ok = isinstance(entered, int | float) and not isinstance(entered, bool)
                return Fraction(entered) if ok else None
            if source == "coverage":
                return Fraction(Coverage(row.coverage).score)
            if source == "cost_score":
                return Fraction(cost_score(row.cost))  # type: ignore[arg-type]
            if source == "beneficiaries" and row.beneficiaries is not None:
                return Fraction(row.beneficiaries)
            return None

        table = [[value(r, c.source) for c in criteria] for r in group]
        tops = [max((v[j] for v in table if v[j] is not None), default=None)
                for j in range(len(criteria))]
        total = sum(Fraction(str(c.weight)) for c in criteria)
        for r, values in zip(group, table, strict=True):
            score = sum((Fraction(str(c.weight)) / total * (v / top)
                         for c, v, top in zip(criteria, values, tops, strict=True)
                         if v is not None and top), Fraction(0))
            out.append((r.proposal_id, score, int(r.cost)))
    return sorted(out, key=lambda t: (-t[1], t[2], t[0]))


def _stored(app) -> dict[int, tuple[float | None, int | None, str | None, bool, str | None]]:
    with unit_of_work(app, write=False) as session:
        return {pid: (score, rank, tier, manual, verdict) for pid, score, rank, tier, manual,
                verdict in session.execute(select(
                    TierResult.proposal_id, TierResult.score, TierResult.rank,
                    TierResult.priority_tier, TierResult.tier_manual, TierResult.verdict).where(
                    TierResult.year == YEAR, TierResult.level == "kecamatan"))}


@pytest.fixture
def seeded(planned):  # type: ignore[no-untyped-def]
    app, admin, _ids = planned
    _seed(app)
    rid = rembuk.create_rembuk(app, admin, rembuk.RembukInput(
        YEAR, "kecamatan", KECAMATAN, date(2026, 2, 10), "Aula Kantor Kecamatan",
        chair=("MEGAWATI, S.Pd, M.Pd", "Camat Paringin Selatan", "197503122000032004")))
    return app, admin, rid


def _assert_matches_the_rule(app, summary, ceiling) -> None:  # type: ignore[no-untyped-def]
    expected = _exact_saw(app)
    stored = _stored(app)
    assert len(expected) == summary.ranked == sum(1 for v in stored.values() if v[4] == "lolos")
    total, full = 0, False
    for rank, (pid, score, cost) in enumerate(expected, start=1):
        got_score, got_rank, got_tier, manual, _verdict = stored[pid]
        assert got_rank == rank, pid
        assert got_score == pytest.approx(float(score), abs=1e-12)
        assert manual is False
        if ceiling is None:
            assert got_tier is None
            continue
        full = full or total + cost > ceiling
        total += 0 if full else cost
        assert got_tier == ("cadangan" if full else "utama"), (rank, pid)
    for pid, (score, rank, tier, manual, verdict) in stored.items():
        if verdict != "lolos":  # the old ranking on rows no longer passed is cleared
            assert (score, rank, tier, manual) == (None, None, None, False), pid
    if ceiling is not None:
        assert summary.main_cost == total


@pytest.mark.parametrize("ceiling", [5_000_000_000, 0, None])
def test_stored_ranking_equals_the_rule_written_out(seeded, ceiling):
    app, admin, rid = seeded
    frame.set_ceiling(app, admin, YEAR, KECAMATAN, ceiling)
    summary = scoring.rank_rembuk(app, admin, rid)
    _assert_matches_the_rule(app, summary, ceiling)
    expected = _exact_saw(app)
    stored = _stored(app)
    # the seed really has ties: on the score alone, and on score and cost (the id decides)
    assert len({s for _p, s, _c in expected}) < len(expected) / 4
    assert len({(s, c) for _p, s, c in expected}) < len(expected) / 2
    if ceiling == 5_000_000_000:  # the cut falls inside the list, with cheaper ones after it
        assert 0 < summary.main_count < summary.ranked
        first_reserve = next(c for p, _s, c in expected if stored[p][2] == "cadangan")
        assert summary.remaining is not None and 0 <= summary.remaining < first_reserve
        assert any(c <= summary.remaining for p, _s, c in expected if stored[p][2] == "cadangan")
    # ranking again with nothing changed writes nothing new and gives the same
    again = scoring.rank_rembuk(app, admin, rid)
    assert again == summary and _stored(app) == stored


def test_scores_that_are_not_numbers_count_as_missing(seeded):
    """Hand-edited or imported rows: a word, a boolean, an empty text, a list instead of the
    scores. Each such value counts as not entered (0) instead of stopping the ranking."""
    app, admin, rid = seeded
    odd = {9001: '{"urgency": "tinggi", "damage": 4}', 9002: "", 9003: "[]",
           9004: '{"urgency": true, "damage": 5, "need": 5}', 9005: '{"damage": null}'}
    with unit_of_work(app) as session:
        for pid, text in odd.items():
            session.execute(update(TierResult).where(TierResult.proposal_id == pid)
                            .values(scores_json=text))
    summary = scoring.rank_rembuk(app, admin, rid)
    _assert_matches_the_rule(app, summary, 400_000_000)
    assert all(_stored(app)[pid][1] is not None for pid in odd)


@pytest.mark.parametrize("method", ["saw", "topsis"])
def test_stored_ranking_equals_the_domain_item_by_item(seeded, method):
    """Both methods: what is stored equals ``rank_items`` and ``split_by_ceiling`` fed with
    the usulan one by one (the way the ranking was computed before it read columns)."""
    app, admin, rid = seeded
    frame.set_ceiling(app, admin, YEAR, KECAMATAN, 4_000_000_000)
    scoring.rank_rembuk(app, admin, rid, method)
    with unit_of_work(app, write=False) as session:
        items = [ScoreItem(t.id, p.physical, json.loads(t.scores_json), p.coverage,
                           int(t.cost), p.beneficiaries)
                 for t, p in session.execute(select(TierResult, PlanningProposal).join(
                     PlanningProposal, PlanningProposal.id == TierResult.proposal_id).where(
                     TierResult.level == "kecamatan", TierResult.verdict == "lolos")).all()]
        stored = {t.id: (t.score, t.rank, t.priority_tier) for t in session.scalars(
            select(TierResult).where(TierResult.level == "kecamatan",
                                     TierResult.verdict == "lolos"))}
    sets = {k: scoring.current_sets(app, admin)[k].criteria for k in ProposalKind}
    ranked = rank_items(items, sets, method)
    tiers = split_by_ceiling([Ranked(s.id, next(i.cost for i in items if i.id == s.id))
                              for s in ranked], 4_000_000_000)
    assert {s.id: (pytest.approx(s.score, abs=1e-12), s.rank, tiers[s.id].value)
            for s in ranked} == stored
