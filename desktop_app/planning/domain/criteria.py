"""Scoring proposals of a tier with the ranking engine (SAW/TOPSIS, weights by AHP): where
each criterion's value comes from, and the default sets for physical and non-physical work.

The defaults follow one public AHP weighting for Musrenbang proposals: physical — urgency
0.40, people reached 0.30 (desa 5, dusun 4, RW 3, RT 2, group 1), damage 0.20, cost 0.10
(≤ Rp50 juta scores 5 … > Rp200 juta scores 1); non-physical — need 0.35, beneficiaries
0.25, social impact 0.25, feasibility 0.15."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from desktop_app.core.domain.labels import LabeledEnum
from desktop_app.planning.domain.labels import Coverage
from desktop_app.ranking.domain.methods import Criterion, Direction, Method, rank


class ProposalKind(LabeledEnum):
    PHYSICAL = "fisik", "Fisik"
    NON_PHYSICAL = "nonfisik", "Non-fisik"

    @classmethod
    def of(cls, physical: bool) -> ProposalKind:
        return cls.PHYSICAL if physical else cls.NON_PHYSICAL


@dataclass(frozen=True)
class Source:
    key: str
    label: str
    entered: bool  # scored by the rembuk (1–5) rather than read from the record
    help: str = ""


SOURCES: dict[str, Source] = {s.key: s for s in (
    Source("urgency", "Kemendesakan", True, "1 tidak mendesak … 5 sangat mendesak"),
    Source("damage", "Tingkat kerusakan", True, "1 baik … 5 rusak berat/belum ada"),
    Source("need", "Tingkat kebutuhan", True, "1 rendah … 5 sangat dibutuhkan"),
    Source("impact", "Dampak sosial", True,
           "1 kecil … 5 besar (kemiskinan, pengangguran, stunting)"),
    Source("feasibility", "Kelayakan pelaksanaan", True, "1 sulit … 5 siap dilaksanakan"),
    Source("coverage", "Cakupan penerima manfaat", False, "desa 5, dusun 4, RW 3, RT 2, "
                                                          "kelompok 1"),
    Source("cost_score", "Skor biaya", False, "≤ Rp50 juta 5, ≤ Rp100 juta 4, ≤ Rp150 juta 3, "
                                             "≤ Rp200 juta 2, lebih 1"),
    Source("beneficiaries", "Jumlah penerima manfaat", False, "orang"),
    Source("cost", "Biaya", False, "Rupiah (makin kecil makin prioritas)"),
)}
ENTERED_SOURCES = [s for s in SOURCES.values() if s.entered]
SCALE = (1, 5)

DEFAULT_CRITERIA: dict[ProposalKind, list[Criterion]] = {
    ProposalKind.PHYSICAL: [
        Criterion("urgency", "Kemendesakan", Direction.BENEFIT, 0.40, "urgency"),
        Criterion("coverage", "Cakupan penerima manfaat", Direction.BENEFIT, 0.30, "coverage"),
        Criterion("damage", "Tingkat kerusakan", Direction.BENEFIT, 0.20, "damage"),
        Criterion("cost_score", "Skor biaya", Direction.BENEFIT, 0.10, "cost_score"),
    ],
    ProposalKind.NON_PHYSICAL: [
        Criterion("need", "Tingkat kebutuhan", Direction.BENEFIT, 0.35, "need"),
        Criterion("beneficiaries", "Jumlah penerima manfaat", Direction.BENEFIT, 0.25,
                  "beneficiaries"),
        Criterion("impact", "Dampak sosial", Direction.BENEFIT, 0.25, "impact"),
        Criterion("feasibility", "Kelayakan pelaksanaan", Direction.BENEFIT, 0.15,
                  "feasibility"),
    ],
}


def cost_score(cost: int | float | None) -> float | None:
    if cost is None:
        return None
    for limit, score in ((50_000_000, 5.0), (100_000_000, 4.0), (150_000_000, 3.0),
                         (200_000_000, 2.0)):
        if cost <= limit:
            return score
    return 1.0


def source_value(source: str, scores: Mapping[str, float], *, coverage: str | None,
                 cost: int | None, beneficiaries: int | None) -> float | None:
    """A criterion's raw value for one proposal at one tier; None when missing."""
    if source in scores:
        return float(scores[source])
    if source == "coverage":
        try:
            return float(Coverage(coverage or "").score)
        except ValueError:
            return None
    if source == "cost_score":
        return cost_score(cost)
    if source == "cost":
        return float(cost) if cost is not None else None
    if source == "beneficiaries":
        return float(beneficiaries) if beneficiaries is not None else None
    return None


def criteria_to_json(criteria: Sequence[Criterion]) -> str:
    return json.dumps([{"key": c.key, "name": c.name, "direction": c.direction.value,
                        "weight": c.weight, "source": c.source} for c in criteria],
                      ensure_ascii=False)


def criteria_from_json(text: str) -> list[Criterion]:
    return [Criterion(d["key"], d["name"], Direction(d["direction"]), float(d["weight"]),
                      d.get("source") or d["key"]) for d in json.loads(text or "[]")]


def check_criteria(criteria: Sequence[Criterion]) -> list[str]:
    """Problems with a criteria set, in Indonesian; empty when it can be used."""
    problems = []
    if not criteria:
        problems.append("Himpunan kriteria kosong.")
    keys = [c.key for c in criteria]
    if len(set(keys)) != len(keys):
        problems.append("Kode kriteria tidak boleh ganda.")
    for c in criteria:
        if (c.source or c.key) not in SOURCES:
            problems.append(f"Sumber nilai '{c.source}' untuk {c.name} tidak dikenal.")
        if c.weight < 0:
            problems.append(f"Bobot {c.name} tidak boleh negatif.")
    if criteria and sum(c.weight for c in criteria) <= 0:
        problems.append("Jumlah bobot harus lebih dari 0.")
    return problems


@dataclass(frozen=True)
class ScoreItem:
    id: int
    physical: bool
    scores: Mapping[str, float]
    coverage: str | None
    cost: int
    beneficiaries: int | None


@dataclass(frozen=True)
class Scored:
    id: int
    score: float
    rank: int
    missing: tuple[str, ...]


COVERAGE_SCORE = {c.value: float(c.score) for c in Coverage}
COST_BANDS = (50_000_000, 100_000_000, 150_000_000, 200_000_000)


@dataclass(frozen=True)
class Columns:
    """The passed usulan of a tier as columns (one entry per usulan, same positions): what the
    ranking reads in one query. ``scores`` holds each entered criterion's values (NaN where
    not entered); ``coverage`` the coverage codes; ``beneficiaries`` NaN where unknown."""

    ids: Any
    physical: Any
    costs: Any
    coverage: Sequence[str | None]
    beneficiaries: Any
    scores: Mapping[str, Any]

    @classmethod
    def of_items(cls, items: Sequence[ScoreItem]) -> Columns:
        import numpy as np

        nan = float("nan")
        keys = {k for it in items for k in it.scores}
        return cls(np.array([it.id for it in items], dtype=np.int64),
                   np.array([it.physical for it in items], dtype=bool),
                   np.array([it.cost for it in items], dtype=np.int64),
                   [it.coverage for it in items],
                   np.array([nan if it.beneficiaries is None else float(it.beneficiaries)
                             for it in items], dtype=float),
                   {k: np.array([float(it.scores.get(k, nan)) for it in items], dtype=float)
                    for k in keys})


@dataclass(frozen=True)
class RankedColumns:
    """Rank order: ``ids[0]`` is rank 1; scores and costs in the same order."""

    ids: Any
    scores: Any
    costs: Any
    missing: Mapping[int, tuple[str, ...]]


def _column(source: str, cols: Columns, rows: Any) -> Any:
    """One criterion's values for the usulan at ``rows`` (NaN where missing); the same values
    as ``source_value`` gives one by one."""
    import numpy as np

    nan = float("nan")
    if source == "coverage":
        return np.array([COVERAGE_SCORE.get(cols.coverage[i] or "", nan) for i in rows.tolist()],
                        dtype=float)
    costs = np.asarray(cols.costs, dtype=float)[rows]
    if source == "cost_score":
        return 5.0 - np.searchsorted(np.array(COST_BANDS, dtype=float), costs, side="left")
    if source == "cost":
        return costs
    if source == "beneficiaries":
        return np.asarray(cols.beneficiaries, dtype=float)[rows]
    values = cols.scores.get(source)
    return np.full(len(rows), nan) if values is None else np.asarray(values, dtype=float)[rows]


def rank_columns(cols: Columns, sets: Mapping[ProposalKind, Sequence[Criterion]],
                 method: Method | str = Method.SAW, *,
                 with_missing: bool = False) -> RankedColumns:
    """Score physical and non-physical proposals, each with its own criteria set, then merge
    them into one order: both scores lie in 0..1. Ties: cheaper first, then the older record.
    All in numpy: a kabupaten tier of ten thousand usulan ranks in a few milliseconds.
    ``with_missing``: also name, per usulan, the criteria it has no value for."""
    import numpy as np

    physical = np.asarray(cols.physical, dtype=bool)
    all_ids = np.asarray(cols.ids, dtype=np.int64)
    all_costs = np.asarray(cols.costs, dtype=np.int64)
    ids_parts, score_parts, cost_parts, missing = [], [], [], {}
    for kind in ProposalKind:
        rows = np.flatnonzero(physical if kind is ProposalKind.PHYSICAL else ~physical)
        if not len(rows):
            continue
        criteria = list(sets[kind])
        ids, costs = all_ids[rows], all_costs[rows]
        matrix = np.column_stack([_column(c.source or c.key, cols, rows) for c in criteria])
        result = rank(method, ids, matrix, criteria, tie_keys=[costs.astype(float)])
        holes = np.isnan(matrix) if with_missing else np.zeros((0, len(criteria)), dtype=bool)
        for pos in np.flatnonzero(holes.any(axis=1)).tolist():
            missing[int(ids[pos])] = tuple(c.key for c, h in zip(criteria, holes[pos],
                                                                  strict=True) if h)
        ids_parts.append(ids)
        score_parts.append(np.asarray(result.scores, dtype=float))
        cost_parts.append(costs)
    if not ids_parts:
        empty = np.array([], dtype=np.int64)
        return RankedColumns(empty, np.array([], dtype=float), empty, {})
    ids = np.concatenate(ids_parts)
    scores = np.concatenate(score_parts)
    costs = np.concatenate(cost_parts)
    order = np.lexsort((ids, costs, -np.round(scores, 12)))
    return RankedColumns(ids[order], scores[order], costs[order], missing)


def rank_items(items: Sequence[ScoreItem], sets: Mapping[ProposalKind, Sequence[Criterion]],
               method: Method | str = Method.SAW) -> list[Scored]:
    """``rank_columns`` for proposals given one by one."""
    ranked = rank_columns(Columns.of_items(items), sets, method, with_missing=True)
    return [Scored(i, s, r, ranked.missing.get(i, ()))
            for r, (i, s) in enumerate(zip(ranked.ids.tolist(), ranked.scores.tolist(),
                                           strict=True), start=1)]
