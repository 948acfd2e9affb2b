"""UTAMA until the ceiling is reached, CADANGAN after it; a CADANGAN item moves into UTAMA
only when the remaining ceiling covers its cost."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from desktop_app.planning.domain.labels import PriorityTier

SPLIT_RULE = (
    "Usulan diurutkan menurut peringkat; usulan masuk UTAMA selama jumlah biayanya belum "
    "melampaui pagu indikatif. Sejak usulan pertama yang melampaui pagu, usulan itu dan "
    "semua sesudahnya masuk CADANGAN."
)
RESERVE_NOTE = (
    "Usulan CADANGAN dapat dipindahkan menjadi UTAMA hanya apabila sisa pagu indikatif "
    "mencukupi biayanya, atau apabila ada usulan UTAMA yang batal/tidak dapat dilaksanakan."
)


@dataclass(frozen=True)
class Ranked:
    id: int
    cost: int


def split_by_ceiling(ranked: Sequence[Ranked], ceiling: int) -> dict[int, PriorityTier]:
    """Tier of each item, walking in rank order (strict: no smaller item jumps the line)."""
    out: dict[int, PriorityTier] = {}
    total = 0
    full = False
    for item in ranked:
        if not full and total + item.cost <= ceiling:
            total += item.cost
            out[item.id] = PriorityTier.MAIN
        else:
            full = True
            out[item.id] = PriorityTier.RESERVE
    return out


def main_total(costs_and_tiers: Sequence[tuple[int, str | None]]) -> int:
    return sum(cost for cost, tier in costs_and_tiers if tier == PriorityTier.MAIN.value)


def remaining(ceiling: int, costs_and_tiers: Sequence[tuple[int, str | None]]) -> int:
    return ceiling - main_total(costs_and_tiers)


def can_promote(cost: int, remaining_ceiling: int) -> bool:
    return cost <= remaining_ceiling


def main_count(costs_in_rank_order: Sequence[int] | Any, ceiling: int) -> int:
    """How many of the ranked usulan are UTAMA: the same strict rule as ``split_by_ceiling``
    (the first one that does not fit ends UTAMA) for a whole column of costs at once."""
    import numpy as np

    over = np.cumsum(np.asarray(costs_in_rank_order, dtype=np.int64)) > ceiling
    return int(np.argmax(over)) if over.any() else len(over)
