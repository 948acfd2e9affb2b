"""SAW and TOPSIS on cases worked out by hand, tie and missing-value rules, and properties."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.ranking.domain.methods import (
    Criterion,
    Direction,
    normalise_weights,
    rank_saw,
    rank_topsis,
    score_rows,
)

OCC = Criterion("occupants", "Jumlah penghuni", Direction.BENEFIT, 0.6)
INC = Criterion("income", "Penghasilan", Direction.COST, 0.4)
# A: 5 people, Rp1.000.000; B: 3, Rp500.000; C: 4, Rp2.000.000
IDS = [11, 12, 13]
VALUES = [[5, 1_000_000], [3, 500_000], [4, 2_000_000]]


def test_saw_by_hand():
    # occupants / max 5 → A 1.0, B 0.6, C 0.8; income: min 500.000 / value → A .5, B 1, C .25
    # A = .6*1 + .4*.5 = .80; B = .6*.6 + .4*1 = .76; C = .6*.8 + .4*.25 = .58
    result = rank_saw(IDS, VALUES, [OCC, INC])
    assert result.ranked_ids == [11, 12, 13]
    assert result.score(11) == pytest.approx(0.80)
    assert result.score(12) == pytest.approx(0.76)
    assert result.score(13) == pytest.approx(0.58)
    explained = result.explain(13)
    assert [c.normalised for c in explained] == pytest.approx([0.8, 0.25])
    assert sum(c.contribution for c in explained) == pytest.approx(result.score(13))


def test_topsis_by_hand():
    # |occ| = √50, |inc| = √5.25e12; weighted: A (.42426, .17457), B (.25456, .08729),
    # C (.33941, .34915). Ideal (.42426, .08729), anti-ideal (.25456, .34915).
    # A: D+ .08729, D- .24347 → .7361; B: D+ .16971, D- .26186 → .6068;
    # C: D+ .27527, D- .08485 → .2356
    result = rank_topsis(IDS, VALUES, [OCC, INC])
    assert result.ranked_ids == [11, 12, 13]
    assert [result.score(i) for i in IDS] == pytest.approx([0.7361, 0.6068, 0.2356], abs=1e-3)


@pytest.mark.parametrize("values", [[[5, 1_000_000]], [[4, 700_000], [4, 700_000]]])
def test_nothing_to_compare_scores_one_in_both_methods(values):
    """One alternative, or all alike: each is its own ideal solution (D⁺ = 0), so TOPSIS gives
    it 1 as SAW does; REMBUK REMAS merges the two kinds' scores, so both must agree."""
    ids = list(range(1, len(values) + 1))
    for rank in (rank_saw, rank_topsis):
        result = rank(ids, values, [OCC, INC])
        assert [result.score(i) for i in ids] == pytest.approx([1.0] * len(ids)), rank


def test_ties_follow_the_stated_rule():
    crit = [Criterion("damage", "Kerusakan", Direction.BENEFIT, 1)]
    ids = [5, 6, 7, 8]
    values = [[3], [3], [3], [2]]
    income = [900_000, 500_000, 500_000, 100]
    received = [3, 9, 2, 1]  # ordinal days
    result = rank_saw(ids, values, crit, tie_keys=[income, received])
    # equal scores: lower income first (6, 7), then earlier date (7 before 6), then 5; 8 last
    assert result.ranked_ids == [7, 6, 5, 8]
    tie_only_by_id = rank_saw([9, 4], [[1], [1]], crit)
    assert tie_only_by_id.ranked_ids == [4, 9]


def test_missing_values_count_as_least_urgent_and_are_flagged():
    crit = [OCC, INC]
    values = [[5, math.nan], [5, 1_000_000]]
    result = rank_saw([1, 2], values, crit)
    assert result.missing(1) == ["income"]
    assert result.missing(2) == []
    assert result.ranked_ids == [2, 1]
    assert result.explain(1)[1].value is None and result.explain(1)[1].contribution == 0


def test_cost_of_zero_is_most_urgent():
    crit = [Criterion("cost", "Biaya", Direction.COST, 1)]
    result = rank_saw([1, 2], [[0], [100]], crit)
    assert result.ranked_ids == [1, 2]
    assert result.score(1) == pytest.approx(1.0)


def test_choice_scores_and_weights():
    roof = Criterion("roof", "Kondisi atap", Direction.BENEFIT, 2,
                     choice_scores={"ringan": 1, "sedang": 2, "berat": 3, "rusak total": 4})
    assert roof.score_value("Berat") == 3
    assert roof.score_value("tidak dikenal") is None
    assert score_rows([{"roof": "Rusak Total"}], [roof]) == [[4.0]]
    assert normalise_weights([2, 1, 1]) == pytest.approx([0.5, 0.25, 0.25])
    with pytest.raises(ValueError, match="lebih dari 0"):
        normalise_weights([0, 0])


matrices = st.integers(min_value=2, max_value=12).flatmap(
    lambda n: st.lists(
        st.lists(st.floats(min_value=0.5, max_value=1000, allow_nan=False), min_size=3,
                 max_size=3),
        min_size=n, max_size=n,
    )
)
CRIT3 = [
    Criterion("a", "A", Direction.BENEFIT, 0.5),
    Criterion("b", "B", Direction.COST, 0.3),
    Criterion("c", "C", Direction.BENEFIT, 0.2),
]


@settings(max_examples=60, deadline=None)
@given(matrices, st.integers(0, 2), st.floats(min_value=0.01, max_value=100))
def test_scaling_a_criterion_keeps_saw_order(values, column, factor):
    ids = list(range(1, len(values) + 1))
    before = rank_saw(ids, values, CRIT3)
    scaled = np.asarray(values)
    scaled[:, column] *= factor
    after = rank_saw(ids, scaled, CRIT3)
    assert np.allclose(before.scores, after.scores)
    # The order can differ only inside groups of equal score (float noise at 1e-12).
    assert [round(before.score(i), 9) for i in before.ranked_ids] == \
        [round(after.score(i), 9) for i in after.ranked_ids]


@settings(max_examples=60, deadline=None)
@given(matrices, st.integers(0, 11), st.floats(min_value=0.01, max_value=500))
def test_better_values_never_lower_the_rank(values, who, delta):
    ids = list(range(1, len(values) + 1))
    who = who % len(values)
    before = rank_saw(ids, values, CRIT3).rank(ids[who])
    raised = np.asarray(values)
    raised[who, 0] += delta  # benefit criterion up
    assert rank_saw(ids, raised, CRIT3).rank(ids[who]) <= before
    lowered = np.asarray(values)
    lowered[who, 1] = max(0.01, lowered[who, 1] - delta)  # cost criterion down
    assert rank_saw(ids, lowered, CRIT3).rank(ids[who]) <= before
