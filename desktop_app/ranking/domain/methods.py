"""Ranking by weighted criteria: Simple Additive Weighting (default) and TOPSIS, vectorised.

Stated rules, printed with every ranking:
- Missing value: a criterion with no value for an item counts as the *least urgent* value
  (SAW: normalised 0, no contribution; TOPSIS: the anti-ideal value). The item is flagged with
  the criteria it misses, so nothing is guessed silently.
- Ties: higher score first; then the caller's tie-break keys in order, smaller first (e.g.
  lower monthly income, then earlier date received); finally the lower record id.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from desktop_app.core.domain.labels import LabeledEnum

if TYPE_CHECKING:
    import numpy as np


class Direction(LabeledEnum):
    # benefit: more is more urgent (damage, occupants); cost: less is (income, estimated cost)
    BENEFIT = "benefit", "Benefit (makin besar makin prioritas)"
    COST = "cost", "Cost (makin kecil makin prioritas)"


class Method(LabeledEnum):
    SAW = "saw", "Simple Additive Weighting (SAW)"
    TOPSIS = "topsis", "TOPSIS"


MISSING_RULE = (
    "Nilai kosong dihitung sebagai nilai paling tidak mendesak (SAW: nilai normal 0; TOPSIS: "
    "nilai ideal negatif) dan ditandai pada data tersebut."
)
WEIGHT_RULE = "Bobot dibagi jumlahnya (persen/poin boleh diisi langsung), tanpa pembulatan antara"
TIE_RULE = (
    "Skor sama: diutamakan penghasilan lebih rendah (RTLH), lalu tanggal diterima lebih awal, "
    "lalu nomor data lebih kecil."
)


@dataclass(frozen=True)
class Criterion:
    key: str
    name: str
    direction: Direction
    weight: float
    source: str = ""  # submission field or derived value the raw value comes from
    choice_scores: Mapping[str, float] | None = None  # for choice fields: a score per choice

    def score_value(self, raw: Any) -> float | None:
        """Raw value → number used in ranking; None when missing or not mappable."""
        if raw is None:
            return None
        if isinstance(raw, bool):
            raw = "ya" if raw else "tidak"
        if self.choice_scores:
            key = str(raw).strip().lower()
            for choice, score in self.choice_scores.items():
                if choice.strip().lower() == key:
                    return float(score)
            if not isinstance(raw, int | float):
                return None
        if isinstance(raw, int | float):
            value = float(raw)
        else:
            text = str(raw).strip().replace(",", ".")
            if not text:
                return None
            try:
                value = float(text)
            except ValueError:
                return None
        return value if value == value else None  # NaN → missing


def normalise_weights(weights: Sequence[float]) -> list[float]:
    total = float(sum(w for w in weights if w > 0))
    if any(w < 0 for w in weights):
        raise ValueError("Bobot kriteria tidak boleh negatif.")
    if total <= 0:
        raise ValueError("Jumlah bobot kriteria harus lebih dari 0.")
    return [float(w) / total for w in weights]


@dataclass(frozen=True)
class Contribution:
    key: str
    name: str
    direction: Direction
    value: float | None  # scored value (a choice as its score); None when missing
    normalised: float
    weight: float
    contribution: float  # SAW: weight × normalised; TOPSIS: weighted normalised value


@dataclass
class RankingResult:
    method: Method
    criteria: list[Criterion]
    weights: Any  # np.ndarray (m,), normalised
    ids: Any  # np.ndarray (n,) in input order
    values: Any  # np.ndarray (n, m), NaN for missing
    normalised: Any  # np.ndarray (n, m)
    scores: Any  # np.ndarray (n,) in input order
    order: Any  # np.ndarray (n,) input positions in rank order
    distances: tuple[Any, Any] | None = None  # TOPSIS D+ and D-
    _position: dict[int, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        import numpy as np

        self.rank_of_position = np.empty(len(self.order), dtype=np.int64)
        self.rank_of_position[self.order] = np.arange(1, len(self.order) + 1)

    @property
    def ranked_ids(self) -> list[int]:
        return [int(i) for i in self.ids[self.order]]

    def _pos(self, item_id: int) -> int:
        if not self._position:
            self._position = {int(v): i for i, v in enumerate(self.ids)}
        return self._position[int(item_id)]

    def rank(self, item_id: int) -> int:
        return int(self.rank_of_position[self._pos(item_id)])

    def score(self, item_id: int) -> float:
        return float(self.scores[self._pos(item_id)])

    def missing(self, item_id: int) -> list[str]:
        import numpy as np

        row = self.values[self._pos(item_id)]
        return [c.key for c, v in zip(self.criteria, row, strict=True) if np.isnan(v)]

    def explain(self, item_id: int) -> list[Contribution]:
        """Each criterion's value, normalised value, weight and contribution to the score."""
        import numpy as np

        p = self._pos(item_id)
        out = []
        for j, c in enumerate(self.criteria):
            raw = self.values[p, j]
            norm = float(self.normalised[p, j])
            w = float(self.weights[j])
            out.append(Contribution(c.key, c.name, c.direction,
                                    None if np.isnan(raw) else float(raw), norm, w, w * norm))
        return out


def _as_matrix(values: Any, m: int) -> np.ndarray:
    import numpy as np

    matrix = np.asarray(values, dtype=np.float64)
    if matrix.ndim != 2 or matrix.shape[1] != m:
        raise ValueError("Jumlah kolom nilai tidak sama dengan jumlah kriteria.")
    return matrix


def _order(ids: np.ndarray, scores: np.ndarray, tie_keys: Sequence[Any]) -> np.ndarray:
    import numpy as np

    # Round away float noise so equal scores really tie and the stated rule decides.
    keys: list[np.ndarray] = [ids]
    for key in reversed(list(tie_keys)):
        arr = np.asarray(key, dtype=np.float64)
        keys.append(np.where(np.isnan(arr), np.inf, arr))
    keys.append(-np.round(scores, 12))
    return np.lexsort(keys)


def rank_saw(ids: Sequence[int] | Any, values: Any, criteria: Sequence[Criterion],
             tie_keys: Sequence[Any] = ()) -> RankingResult:
    """SAW: benefit → value / max; cost → min / value; score = Σ weight × normalised."""
    import numpy as np

    crit = list(criteria)
    x = _as_matrix(values, len(crit))
    id_arr = np.asarray(ids, dtype=np.int64)
    w = np.asarray(normalise_weights([c.weight for c in crit]), dtype=np.float64)
    norm = np.zeros_like(x)
    with np.errstate(divide="ignore", invalid="ignore"):
        for j, c in enumerate(crit):
            col = x[:, j]
            present = ~np.isnan(col)
            if not present.any():
                continue
            if c.direction is Direction.BENEFIT:
                top = np.nanmax(col)
                if top > 0:
                    norm[:, j] = np.where(present, col / top, 0.0)
            else:
                low = np.nanmin(col)
                # A cost of 0 is the most urgent possible value: normalised 1.
                ratio = np.where(col > 0, low / col, 1.0)
                norm[:, j] = np.where(present, ratio, 0.0)
    norm = np.clip(norm, 0.0, 1.0)
    scores = norm @ w
    order = _order(id_arr, scores, tie_keys) if len(id_arr) else np.array([], dtype=np.int64)
    return RankingResult(Method.SAW, crit, w, id_arr, x, norm, scores, order)


def rank_topsis(ids: Sequence[int] | Any, values: Any, criteria: Sequence[Criterion],
                tie_keys: Sequence[Any] = ()) -> RankingResult:
    """TOPSIS: vector normalisation, weighting, distances to the ideal and anti-ideal."""
    import numpy as np

    crit = list(criteria)
    x = _as_matrix(values, len(crit)).copy()
    id_arr = np.asarray(ids, dtype=np.int64)
    w = np.asarray(normalise_weights([c.weight for c in crit]), dtype=np.float64)
    filled = x.copy()
    for j, c in enumerate(crit):
        col = x[:, j]
        if np.isnan(col).all():
            filled[:, j] = 0.0
            continue
        worst = np.nanmin(col) if c.direction is Direction.BENEFIT else np.nanmax(col)
        filled[:, j] = np.where(np.isnan(col), worst, col)
    with np.errstate(divide="ignore", invalid="ignore"):
        length = np.sqrt((filled ** 2).sum(axis=0))
        r = np.where(length > 0, filled / np.where(length > 0, length, 1.0), 0.0)
    v = r * w
    benefit = np.array([c.direction is Direction.BENEFIT for c in crit])
    if len(v):
        ideal = np.where(benefit, v.max(axis=0), v.min(axis=0))
        anti = np.where(benefit, v.min(axis=0), v.max(axis=0))
    else:
        ideal = anti = np.zeros(len(crit))
    d_plus = np.sqrt(((v - ideal) ** 2).sum(axis=1))
    d_minus = np.sqrt(((v - anti) ** 2).sum(axis=1))
    total = d_plus + d_minus
    with np.errstate(divide="ignore", invalid="ignore"):
        # D⁺ + D⁻ = 0 (one alternative, or all alike): each coincides with the ideal solution
        # (D⁺ = 0), whose closeness is 1, as SAW scores it.
        scores = np.where(total > 0, d_minus / np.where(total > 0, total, 1.0), 1.0)
    order = _order(id_arr, scores, tie_keys) if len(id_arr) else np.array([], dtype=np.int64)
    result = RankingResult(Method.TOPSIS, crit, w, id_arr, x, r, scores, order,
                           distances=(d_plus, d_minus))
    return result


def rank(method: Method | str, ids: Sequence[int] | Any, values: Any,
         criteria: Sequence[Criterion], tie_keys: Sequence[Any] = ()) -> RankingResult:
    if Method(method) is Method.TOPSIS:
        return rank_topsis(ids, values, criteria, tie_keys)
    return rank_saw(ids, values, criteria, tie_keys)


def score_rows(rows: Sequence[Mapping[str, Any]], criteria: Sequence[Criterion]) -> list[list[float]]:
    """Small lists of dicts (tests, previews) → the value matrix, NaN where missing."""
    nan = float("nan")
    out = []
    for row in rows:
        line = []
        for c in criteria:
            v = c.score_value(row.get(c.source or c.key))
            line.append(nan if v is None else v)
        out.append(line)
    return out


# ---- Normalisation parameters, so one row can be explained without the whole population ----


def normalisation_params(result: RankingResult) -> dict[str, list[float | None]]:
    """Per-criterion numbers that, with a row's values, reproduce its normalised values.

    SAW: the column max (benefit) and min (cost). TOPSIS: the fill value for missing cells,
    the column vector length, and the ideal and anti-ideal weighted values."""
    import numpy as np

    x = result.values

    def clean(arr: Any) -> list[float | None]:
        return [None if np.isnan(v) else float(v) for v in np.asarray(arr, dtype=np.float64)]

    m = len(result.criteria)
    if len(x) == 0:
        empty: list[float | None] = [None] * m
        return {"max": empty, "min": empty}
    with np.errstate(all="ignore"):
        all_nan = np.isnan(x).all(axis=0)
        col_max = np.where(all_nan, np.nan, np.nanmax(np.where(np.isnan(x), -np.inf, x), axis=0))
        col_min = np.where(all_nan, np.nan, np.nanmin(np.where(np.isnan(x), np.inf, x), axis=0))
    params: dict[str, list[float | None]] = {"max": clean(col_max), "min": clean(col_min)}
    if result.method is Method.TOPSIS:
        benefit = np.array([c.direction is Direction.BENEFIT for c in result.criteria])
        fill = np.where(benefit, col_min, col_max)
        filled = np.where(np.isnan(x), fill, x)
        filled = np.where(np.isnan(filled), 0.0, filled)
        length = np.sqrt((filled ** 2).sum(axis=0))
        v = result.normalised * result.weights
        params.update({
            "fill": clean(fill), "length": clean(length),
            "ideal": clean(np.where(benefit, v.max(axis=0), v.min(axis=0))),
            "anti": clean(np.where(benefit, v.min(axis=0), v.max(axis=0))),
        })
    return params


def explain_values(method: Method | str, criteria: Sequence[Criterion], weights: Sequence[float],
                   values: Sequence[float | None], params: Mapping[str, Sequence[float | None]]
                   ) -> tuple[list[Contribution], float]:
    """Each criterion's contribution and the score of one row, from stored parameters."""
    method = Method(method)
    out: list[Contribution] = []
    for j, c in enumerate(criteria):
        raw = values[j]
        w = float(weights[j])
        if method is Method.SAW:
            norm = 0.0
            if raw is not None:
                if c.direction is Direction.BENEFIT:
                    top = params["max"][j]
                    norm = raw / top if top and top > 0 else 0.0
                else:
                    low = params["min"][j]
                    norm = (low / raw if raw > 0 else 1.0) if low is not None else 0.0
            norm = min(max(norm, 0.0), 1.0)
        else:
            filled = raw if raw is not None else params["fill"][j]
            length = params["length"][j]
            norm = (filled or 0.0) / length if length else 0.0
        out.append(Contribution(c.key, c.name, c.direction, raw, norm, w, w * norm))
    if method is Method.SAW:
        return out, sum(x.contribution for x in out)
    d_plus, d_minus = topsis_distances(out, params)
    total = d_plus + d_minus
    return out, (d_minus / total if total > 0 else 0.0)


def topsis_distances(contributions: Sequence[Contribution],
                     params: Mapping[str, Sequence[float | None]]) -> tuple[float, float]:
    """D⁺ and D⁻ of one row (Hwang & Yoon's S* and S⁻) from its weighted normalised values
    and the list's stored ideal and anti-ideal solutions."""
    ideal, anti = params["ideal"], params["anti"]
    d_plus = sum((x.contribution - (ideal[j] or 0.0)) ** 2
                 for j, x in enumerate(contributions)) ** 0.5
    d_minus = sum((x.contribution - (anti[j] or 0.0)) ** 2
                  for j, x in enumerate(contributions)) ** 0.5
    return d_plus, d_minus
