"""Why a submission stands where it does: each criterion's value, normalised value, weight and
contribution, recomputed from the list's stored normalisation numbers."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from desktop_app.core.domain.roles import Permission
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.ranking.domain.methods import (
    Contribution,
    Method,
    explain_values,
    topsis_distances,
)
from desktop_app.ranking.services.criteria_sets import CriteriaSetInfo, load_set
from desktop_app.ranking.services.entries import read_entry
from desktop_app.ranking.services.lists import PriorityListInfo, list_params, load_list
from desktop_app.ranking.services.rows import RankedRow


@dataclass(frozen=True)
class Explanation:
    submission_id: int
    number: str
    name: str
    rank: int | None
    score: float | None
    eligible: bool
    reason: str
    method: str
    contributions: list[Contribution]
    missing: list[str]
    ranked_count: int
    recomputed: float = 0.0  # the score from today's data; differs when data changed since
    desa: str = ""
    # TOPSIS: D⁺ and D⁻ (the score is D⁻ ÷ (D⁺ + D⁻), not the sum of the contributions)
    distances: tuple[float, float] | None = None

    @property
    def data_changed(self) -> bool:
        return self.eligible and self.score is not None and abs(self.recomputed - self.score) > 1e-9


def explain_in(session: Session, info: PriorityListInfo, cs: CriteriaSetInfo,
               submission_id: int) -> Explanation:
    criteria = cs.criteria
    row: RankedRow = read_entry(session, info, cs, submission_id)
    params = list_params(session, info.id)
    values = row.values or [None] * len(criteria)
    contributions, score = explain_values(info.method, criteria, info.weights, values, params)
    missing = [c.name for c, v in zip(criteria, values, strict=True) if v is None]
    distances = (topsis_distances(contributions, params)
                 if Method(info.method) is Method.TOPSIS and "ideal" in params else None)
    return Explanation(submission_id, row.number, row.name, row.rank,
                       row.score if row.eligible else None, row.eligible, row.reason,
                       info.method, contributions, missing, info.ranked_count, score, row.desa,
                       distances)


def explain(app: AppContext, actor: Actor, list_id: int, submission_id: int) -> Explanation:
    require(actor, Permission.RANKING_RUN)
    with unit_of_work(app, write=False) as session:
        info = load_list(session, list_id)
        return explain_in(session, info, load_set(session, info.criteria_set_id),
                          submission_id)
