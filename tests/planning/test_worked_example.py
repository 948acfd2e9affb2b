"""REMBUK REMAS scoring, worked by hand with exact fractions and checked end to end through the
services (proposals → screening → ``scoring.rank_rembuk`` → the screening table), as
docs/rembuk_remas.md describes it:

- physical usulan scored with the default physical set (SAW): urgency 0.40, coverage 0.30
  (desa 5, dusun 4, RW 3, RT 2, kelompok 1), damage 0.20, cost score 0.10 (≤ Rp50 juta 5,
  ≤ Rp100 juta 4, ≤ Rp150 juta 3, ≤ Rp200 juta 2, more 1); benefit x ÷ column max;
- non-physical usulan with their own set: need 0.35, beneficiaries 0.25, social impact 0.25,
  feasibility 0.15; both scores lie in 0..1 and are merged into one order;
- a tie goes to the cheaper usulan;
- UTAMA while the running total stays within the pagu; from the first one that does not fit,
  it and all after it are CADANGAN (a cheaper one further down does not jump the line)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from desktop_app.planning.domain.labels import PlanningLevel, PriorityTier
from desktop_app.planning.domain.screening import ScreeningInput
from desktop_app.planning.services import frame, proposals, rembuk, scoring, screening
from tests.planning.conftest import BINJAI, HALUBAU, INAN, KECAMATAN, YEAR, proposal

ALL_PASS = dict(aligned=True, within_ceiling=True, direct_impact=True, core_problem=True,
                authority_ok=True, land_ok=True)
JT = 1_000_000


def _passed(app, admin, rid, pid, priority_id, **scores):
    version = proposals.get_detail(app, admin, pid).version
    screening.save_screening(app, admin, rid, pid, ScreeningInput(
        verdict="lolos", priority_id=priority_id, scores=scores, **ALL_PASS), version)


@pytest.fixture
def worked(planned):
    app, admin, ids = planned
    frame.set_ceiling(app, admin, YEAR, KECAMATAN, 320 * JT)
    spec = {  # key: (desa, work, cost, physical, coverage, beneficiaries, scores)
        "A": (INAN, "Rabat beton jalan desa", 200 * JT, True, "desa", None,
              dict(urgency=5, damage=4)),
        "B": (HALUBAU, "Drainase RT 02", 40 * JT, True, "rt", None, dict(urgency=4, damage=5)),
        "C": (BINJAI, "Gorong-gorong RW 01", 20 * JT, True, "rw", None,
              dict(urgency=3, damage=3)),
        "N1": (INAN, "Pelatihan menjahit", 60 * JT, False, "desa", 100,
               dict(need=5, impact=4, feasibility=5)),
        "N2": (HALUBAU, "Kelas ibu hamil", 30 * JT, False, "desa", 48,
               dict(need=4, impact=5, feasibility=3)),
    }
    pids = {}
    for key, (desa, work, cost, physical, coverage, beneficiaries, _s) in spec.items():
        pids[key] = proposals.create_proposal(app, admin, proposal(
            desa, work, 1, cost, physical=physical, coverage=coverage,
            beneficiaries=beneficiaries), level=PlanningLevel.KECAMATAN).id
    rid = rembuk.create_rembuk(app, admin, rembuk.RembukInput(
        YEAR, "kecamatan", KECAMATAN, date(2026, 2, 10), "Aula Kantor Kecamatan",
        chair=("MEGAWATI, S.Pd, M.Pd", "Camat Paringin Selatan", "197503122000032004")))
    for key, (*_rest, scores) in spec.items():
        _passed(app, admin, rid, pids[key], ids["P1"], **scores)
    return app, admin, rid, pids


def test_scores_merge_ties_and_ceiling_split_by_hand(worked):
    app, admin, rid, pids = worked
    # Physical (column max: urgency 5, coverage 5, damage 5, cost score 5):
    #   A: cost 200 jt → score 2; .40·5/5 + .30·5/5 + .20·4/5 + .10·2/5 = 9/10
    #   B: cost 40 jt → 5;        .40·4/5 + .30·2/5 + .20·5/5 + .10·5/5 = 37/50
    #   C: cost 20 jt → 5;        .40·3/5 + .30·3/5 + .20·3/5 + .10·5/5 = 16/25
    # Non-physical (column max: need 5, beneficiaries 100, impact 5, feasibility 5):
    #   N1: .35·5/5 + .25·100/100 + .25·4/5 + .15·5/5 = 19/20
    #   N2: .35·4/5 + .25·48/100 + .25·5/5 + .15·3/5 = 37/50 — ties with B; N2 is cheaper
    w = {"u": Fraction(40, 100), "c": Fraction(30, 100), "d": Fraction(20, 100), "k": Fraction(10, 100)}
    expected = {
        "A": w["u"] * 1 + w["c"] * 1 + w["d"] * Fraction(4, 5) + w["k"] * Fraction(2, 5),
        "B": w["u"] * Fraction(4, 5) + w["c"] * Fraction(2, 5) + w["d"] * 1 + w["k"] * 1,
        "C": w["u"] * Fraction(3, 5) + w["c"] * Fraction(3, 5) + w["d"] * Fraction(3, 5) + w["k"] * 1,
        "N1": Fraction(35, 100) + Fraction(25, 100) + Fraction(25, 100) * Fraction(4, 5) + Fraction(15, 100),
        "N2": Fraction(35, 100) * Fraction(4, 5) + Fraction(25, 100) * Fraction(48, 100) + Fraction(25, 100) + Fraction(15, 100) * Fraction(3, 5),
    }
    assert expected == {"A": Fraction(9, 10), "B": Fraction(37, 50), "C": Fraction(16, 25), "N1": Fraction(19, 20),
                        "N2": Fraction(37, 50)}
    summary = scoring.rank_rembuk(app, admin, rid)
    rows = screening.ScreeningPageSource(app, admin, rid).fetch(None, "rank", False, 0, 10)
    by_id = {r.proposal_id: r for r in rows}
    for key, value in expected.items():
        assert by_id[pids[key]].score == pytest.approx(float(value), abs=1e-12)
    order = [r.proposal_id for r in sorted(rows, key=lambda r: r.rank)]
    assert order == [pids[k] for k in ("N1", "A", "N2", "B", "C")]
    # Pagu 320 jt: N1 60 → A 260 → N2 290 are UTAMA; B would make 330 > 320, so B and every
    # usulan after it are CADANGAN — C (20 jt) would still fit but does not jump the line.
    tiers = {k: by_id[pids[k]].priority_tier for k in pids}
    assert tiers == {"N1": "utama", "A": "utama", "N2": "utama", "B": "cadangan",
                     "C": "cadangan"}
    assert (summary.main_count, summary.main_cost) == (3, 290 * JT)
    assert (summary.reserve_count, summary.reserve_cost) == (2, 60 * JT)
    assert summary.remaining == 30 * JT
    assert "sisa pagu Rp30.000.000 dari Rp320.000.000" in summary.text
    # the stated rule for CADANGAN → UTAMA: C (20 jt) fits the 30 jt still free, B (40) not
    scoring.move_tier(app, admin, rid, pids["C"], PriorityTier.MAIN, "Sisa pagu mencukupi")
    assert rembuk.get_rembuk(app, admin, rid).remaining == 10 * JT


def test_weights_typed_as_percentages_give_the_same_scores(worked):
    """The office types 40, 30, 20, 10 (per cent) instead of 0,40 …: divided by their sum,
    the scores are the hand-worked ones."""
    from desktop_app.planning.domain.criteria import DEFAULT_CRITERIA, ProposalKind
    from desktop_app.ranking.domain.methods import Criterion

    app, admin, rid, pids = worked
    shown = scoring.current_sets(app, admin)[ProposalKind.PHYSICAL].version
    percent = [Criterion(c.key, c.name, c.direction, c.weight * 100, c.source)
               for c in DEFAULT_CRITERIA[ProposalKind.PHYSICAL]]
    assert [c.weight for c in percent] == pytest.approx([40, 30, 20, 10])
    scoring.save_set(app, admin, "fisik", "Bobot persen", percent, based_on=shown)
    scoring.rank_rembuk(app, admin, rid)
    rows = screening.ScreeningPageSource(app, admin, rid).fetch(None, "rank", False, 0, 10)
    by_id = {r.proposal_id: r.score for r in rows}
    for key, value in (("A", Fraction(9, 10)), ("B", Fraction(37, 50)),
                       ("C", Fraction(16, 25))):
        assert by_id[pids[key]] == pytest.approx(float(value), abs=1e-12)
