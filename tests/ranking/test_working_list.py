"""A working list finds the position of any id, whether the ids are dense (a table indexed by
id) or sparse (sorted ids searched)."""

from __future__ import annotations

import numpy as np
import pytest

from desktop_app.ranking.domain.working import WorkingList


def _working(ranked: list[int], ineligible: list[int]) -> WorkingList:
    return WorkingList(np.array(ranked, dtype=np.int64), np.linspace(1, 0, len(ranked)),
                       np.zeros((len(ranked), 0), dtype=np.uint8),
                       np.array(ineligible, dtype=np.int64),
                       np.zeros((len(ineligible), 0), dtype=np.uint8), 0, 0)


@pytest.mark.parametrize("scale", [1, 10**12])  # dense ids, then ids far apart
def test_positions_of_ids_dense_or_sparse(scale: int):
    rng = np.random.default_rng(3)
    ids = (rng.permutation(500) + 1) * scale
    w = _working(ids[:300].tolist(), ids[300:].tolist())
    asked = np.concatenate([ids[::7], [0, -5, 501 * scale, 10**15]])  # some not in the list
    expected = [int(np.flatnonzero(ids == i)[0]) if i in ids else -1 for i in asked]
    assert w.lookup(asked).tolist() == expected
    assert w.positions_in_order(asked).tolist() == [p for p in expected if p >= 0]
    assert w.positions_of(asked).tolist() == sorted(p for p in expected if p >= 0)
    assert w.position_range(True) == (0, 300) and w.position_range(False) == (300, 500)
    assert w.positions(None).tolist() == list(range(500))
    assert _working([], []).lookup([1, 2]).tolist() == [-1, -1]


def test_positions_when_one_part_is_empty_and_the_first_of_a_repeated_id_wins():
    only_ranked, only_ineligible = _working([5, 3, 9], []), _working([], [4, 8, 2])
    assert only_ranked.lookup([3, 9, 5, 4]).tolist() == [1, 2, 0, -1]
    assert only_ineligible.lookup([2, 4, 3]).tolist() == [2, 0, -1]
    # an id in both parts (never written so, but read safely): its ranked position
    both = _working([7, 1, 7], [1, 6])
    assert both.lookup([7, 1, 6]).tolist() == [0, 1, 4]
