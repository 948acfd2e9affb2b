"""Ranking the assessed submissions of a category: read the values (``reading.py``), check the
hard rules, and rank with the domain's SAW or TOPSIS (numpy). Nothing is stored here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
from sqlalchemy.orm import Session

from desktop_app.core.domain import clock
from desktop_app.core.domain.formatting import format_number
from desktop_app.core.domain.progress import Progress
from desktop_app.core.domain.roles import Permission
from desktop_app.core.services import settings
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.db.base import utcnow
from desktop_app.intake.domain.submissions import Category
from desktop_app.ranking.domain.criteria import rule_text
from desktop_app.ranking.domain.lists import RankScope
from desktop_app.ranking.domain.methods import Criterion, Method, RankingResult, rank
from desktop_app.ranking.domain.working import WorkingList
from desktop_app.ranking.services.criteria_sets import (
    CriteriaSetInfo,
    check_category,
    chosen_set,
)
from desktop_app.ranking.services.reading import ValueMatrix, read_matrix


@dataclass
class Computation:
    """One ranking in memory: the eligible ones ranked, the others with the rules they fail."""

    category: str
    method: Method
    criteria_set: CriteriaSetInfo
    scope: RankScope
    result: RankingResult  # over the eligible submissions
    ineligible_ids: np.ndarray  # ordered by date received, then id
    ineligible_flags: np.ndarray  # bool (k, rules)
    ineligible_values: np.ndarray  # float (k, m), NaN when missing
    computed_at: datetime = field(default_factory=utcnow)
    # Submissions whose input record was computed for this ranking (``inputs.refresh``).
    uncached: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    @property
    def criteria(self) -> list[Criterion]:
        return self.criteria_set.criteria

    @property
    def ineligible(self) -> list[tuple[int, str]]:
        """(id, the reasons in words) of every ineligible submission."""
        texts = [rule_text(r) for r in self.criteria_set.rules]
        return [(sid, "; ".join(t for t, f in zip(texts, flags, strict=True) if f))
                for sid, flags in zip(self.ineligible_ids.tolist(),
                                      self.ineligible_flags.tolist(), strict=True)]

    def working_list(self) -> WorkingList:
        return WorkingList.build(self.result, self.ineligible_ids, self.ineligible_flags,
                                 len(self.criteria_set.rules))


def read_inputs(session: Session, actor: Actor, category: str, criteria_set_id: int | None,
                scope: RankScope) -> tuple[ValueMatrix, CriteriaSetInfo]:
    """The criteria set and the value matrix of a ranking, in the caller's unit of work."""
    check_category(category)
    cs_info = chosen_set(session, actor, category, criteria_set_id)
    min_area = float(settings.get_setting(session, settings.RTLH_MIN_AREA))
    umk = float(settings.get_setting(session, settings.RANKING_UMK))
    year = scope.year or clock.today().year
    matrix = read_matrix(session, category, scope, cs_info.criteria, cs_info.rules, min_area,
                         umk, year)
    return matrix, cs_info


def compute_in(session: Session, actor: Actor, category: str, method: Method | str,
               criteria_set_id: int | None, scope: RankScope,
               progress: Progress | None = None) -> Computation:
    """Rank inside the caller's unit of work (which may create the default criteria set)."""
    if progress:
        progress(0, 3, "Membaca data terverifikasi…")
    matrix, cs_info = read_inputs(session, actor, category, criteria_set_id, scope)
    if progress:
        progress(1, 3, f"Menghitung {format_number(len(matrix.ids))} data…")
    comp = rank_matrix(matrix, category, Method(method), cs_info, scope)
    if progress:
        progress(2, 3, "Selesai dihitung")
    return comp


def rank_matrix(matrix: ValueMatrix, category: str, method: Method, cs_info: CriteriaSetInfo,
                scope: RankScope) -> Computation:
    ok = ~matrix.flags.any(axis=1)
    # Stated tie rule: lower income (RTLH), then earlier date received, then lower id.
    tie_keys = [matrix.received[ok]]
    if category == Category.RTLH.value:
        tie_keys.insert(0, matrix.income[ok])
    result = rank(method, matrix.ids[ok], matrix.values[ok], cs_info.criteria, tie_keys)
    bad = np.flatnonzero(~ok)
    bad = bad[np.lexsort((matrix.ids[bad], matrix.received[bad]))]
    return Computation(category, method, cs_info, scope, result, matrix.ids[bad],
                       matrix.flags[bad], matrix.values[bad], uncached=matrix.uncached)


def compute(app: AppContext, actor: Actor, category: str, method: Method | str = Method.SAW,
            criteria_set_id: int | None = None, scope: RankScope | None = None,
            progress: Progress | None = None) -> Computation:
    """Rank the assessed submissions of a category in a scope (not stored)."""
    require(actor, Permission.RANKING_RUN)
    with unit_of_work(app) as session:
        return compute_in(session, actor, category, method, criteria_set_id,
                          scope or RankScope(), progress)
