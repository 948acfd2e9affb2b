"""The planning rules in plain Python: the ceiling split, the verdict rules, the scoring."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.domain.errors import ValidationError
from desktop_app.planning.domain.criteria import (
    DEFAULT_CRITERIA,
    SOURCES,
    Columns,
    ProposalKind,
    ScoreItem,
    _column,
    rank_items,
    source_value,
)
from desktop_app.planning.domain.labels import PlanningLevel, PriorityTier
from desktop_app.planning.domain.priority import (
    Ranked,
    can_promote,
    main_count,
    split_by_ceiling,
)
from desktop_app.planning.domain.proposals import cost_of, normalise_code, normalise_rt
from desktop_app.planning.domain.screening import (
    ScreeningInput,
    check_screening,
    suggest_tests,
    suggest_verdict,
)

MAIN, RESERVE = PriorityTier.MAIN, PriorityTier.RESERVE


def test_split_is_strict_in_rank_order():
    items = [Ranked(1, 200), Ranked(2, 120), Ranked(3, 150), Ranked(4, 30)]
    assert split_by_ceiling(items, 400) == {1: MAIN, 2: MAIN, 3: RESERVE, 4: RESERVE}
    assert split_by_ceiling(items, 480) == {1: MAIN, 2: MAIN, 3: MAIN, 4: RESERVE}
    assert split_by_ceiling(items, 500) == {1: MAIN, 2: MAIN, 3: MAIN, 4: MAIN}
    assert split_by_ceiling(items, 0) == {1: RESERVE, 2: RESERVE, 3: RESERVE, 4: RESERVE}
    assert can_promote(30, 80) and not can_promote(150, 80)


@given(st.lists(st.integers(0, 10**9), max_size=40), st.integers(0, 10**10))
@settings(max_examples=80, deadline=None)
def test_split_never_exceeds_the_ceiling(costs, ceiling):
    tiers = split_by_ceiling([Ranked(i, c) for i, c in enumerate(costs)], ceiling)
    main = [i for i, t in tiers.items() if t is MAIN]
    assert sum(costs[i] for i in main) <= ceiling
    assert main == list(range(len(main)))  # a prefix of the ranking
    assert main_count(costs, ceiling) == len(main)  # the column rule gives the same cut


def test_cost_codes_and_levels():
    assert cost_of(220, 1_250_000) == 275_000_000 and cost_of(2.5, 3) == 8
    assert normalise_code("1.03.10.02.01.0032") == "1.03.10.2.01.0032"
    assert normalise_rt("RT 003") == "3" and normalise_rt("") == ""
    assert PlanningLevel.KECAMATAN.next is PlanningLevel.KABUPATEN
    assert PlanningLevel.DESA.previous is PlanningLevel.RT_RW
    assert PlanningLevel.KABUPATEN.next is None


def test_verdict_rules_name_what_is_missing():
    with pytest.raises(ValidationError) as err:
        check_screening(ScreeningInput(verdict="lolos", aligned=True), physical=True)
    assert "priority_id" in err.value.field_errors
    with pytest.raises(ValidationError) as err:
        check_screening(ScreeningInput(verdict="lolos", aligned=True, priority_id=1,
                                       within_ceiling=True, direct_impact=True,
                                       core_problem=True, authority_ok=True),
                        physical=True)
    assert "Lahan" in err.value.field_errors["verdict"]
    ok = check_screening(ScreeningInput(verdict="lolos", aligned=True, priority_id=1,
                                        within_ceiling=True, direct_impact=True,
                                        core_problem=True, authority_ok=True),
                         physical=False)  # land does not matter for a training
    assert ok["verdict"] == "lolos" and ok["reasons"] == ""
    with pytest.raises(ValidationError) as err:
        check_screening(ScreeningInput(verdict="perbaikan"), physical=True)
    assert "note" in err.value.field_errors


def test_suggestions_from_the_record():
    tests = suggest_tests(authority="desa", land_status="pribadi", physical=True,
                          cost=500, remaining_ceiling=400)
    assert tests == {"authority_ok": False, "land_ok": False, "within_ceiling": False}
    assert suggest_verdict(tests, authority="desa", physical=True) == ("dialihkan", [], "apbdes")
    tests["authority_ok"] = True
    verdict, reasons, _ = suggest_verdict(tests, authority="kabupaten", physical=True)
    assert verdict == "tidak_diakomodir" and set(reasons) == {"melebihi_pagu", "lahan"}


def _items(n: int, seed: int = 3) -> list[ScoreItem]:
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        scores = {k: float(rng.integers(1, 6)) for k in ("urgency", "damage", "need", "impact",
                                                        "feasibility") if rng.random() > 0.1}
        out.append(ScoreItem(i + 1, bool(rng.random() > 0.3), scores,
                             str(rng.choice(["rt", "rw", "dusun", "desa", "kelompok", "x"])),
                             int(rng.integers(1, 400)) * 1_000_000,
                             None if rng.random() < 0.2 else int(rng.integers(1, 500))))
    return out


def test_columns_equal_the_one_by_one_values():
    items = _items(200)
    columns = Columns.of_items(items)
    for source in SOURCES:
        column = _column(source, columns, np.arange(len(items)))
        one = [source_value(source, it.scores, coverage=it.coverage, cost=it.cost,
                            beneficiaries=it.beneficiaries) for it in items]
        for a, b in zip(column, one, strict=True):
            assert (b is None and math.isnan(a)) or a == pytest.approx(b), source


def test_rank_items_merges_kinds_and_breaks_ties_by_cost():
    items = [ScoreItem(1, True, {"urgency": 5, "damage": 5}, "desa", 10_000_000, None),
             ScoreItem(2, True, {"urgency": 5, "damage": 5}, "desa", 5_000_000, None),
             ScoreItem(3, False, {"need": 5, "impact": 5, "feasibility": 5}, None, 1, 100),
             ScoreItem(4, True, {"urgency": 1}, "rt", 300_000_000, None)]
    ranked = rank_items(items, DEFAULT_CRITERIA)
    # 1, 2 and 3 all score 1.0 (each the best of its kind): the cheaper first
    assert [r.id for r in ranked] == [3, 2, 1, 4]
    assert ranked[0].score == pytest.approx(1.0)
    assert ranked[-1].missing == ("damage",)
    assert [r.rank for r in ranked] == [1, 2, 3, 4]
    assert {k.value for k in DEFAULT_CRITERIA} == {ProposalKind.PHYSICAL.value,
                                                   ProposalKind.NON_PHYSICAL.value}
