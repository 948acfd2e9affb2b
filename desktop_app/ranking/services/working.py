"""Reading a working (draft) list: its ranking is a ``WorkingList`` of arrays, paged and filtered
in memory; number, name, place and values of the rows asked for come live from the
submissions (a working list always shows today's data)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from sqlalchemy import String, cast, func, or_, select
from sqlalchemy.orm import Session

from desktop_app.core.services import regions, settings
from desktop_app.intake.models import Submission
from desktop_app.ranking.domain.criteria import rule_text
from desktop_app.ranking.domain.working import WorkingList
from desktop_app.ranking.services.criteria_sets import CriteriaSetInfo
from desktop_app.ranking.services.lists import PriorityListInfo, load_working
from desktop_app.ranking.services.reading import (
    NAME_EXPR,
    in_region_and_year,
    live_values,
    value_columns,
)
from desktop_app.ranking.services.rows import EntryFilter, RankedRow

_SORT_COLUMNS = {"number": Submission.number, "name": NAME_EXPR,
                 "desa": Submission.desa_code}


class WorkingView:
    """One working list in memory, with the filters and sorts asked of it cached."""

    def __init__(self, session: Session, info: PriorityListInfo, cs: CriteriaSetInfo) -> None:
        self.info, self.criteria = info, cs.criteria
        self.rule_texts = [rule_text(r) for r in cs.rules]
        self.working: WorkingList = load_working(session, info.id)
        self._selected: tuple[Any, np.ndarray] | None = None
        self._sorted: dict[str, np.ndarray] = {}
        self._columns: tuple[float, list[Any]] | None = None  # (min area, value columns)

    # -- which positions -------------------------------------------------------------------
    def _matching_ids(self, session: Session, flt: EntryFilter) -> np.ndarray | None:
        s = Submission
        conditions = []
        if flt.desa_code:
            conditions.append(s.desa_code == flt.desa_code)
        elif flt.kecamatan_code:
            conditions.append(s.desa_code.like(flt.kecamatan_code + ".%"))
        if flt.rt:
            conditions.append(s.rt == flt.rt)
        if flt.text.strip():
            like = f"%{flt.text.strip()}%"
            conditions.append(or_(NAME_EXPR.ilike(like), s.number.ilike(like)))
        if not conditions:
            return None
        # a desa's tens of thousands of ids as one text, not a row each (SQLite group_concat,
        # PostgreSQL string_agg), parsed by numpy
        text = session.scalar(select(func.aggregate_strings(cast(s.id, String), ","))
                              .where(s.category == self.info.category, *conditions))
        return np.fromstring(text or "", dtype=np.int64, sep=",")

    def select(self, session: Session, flt: EntryFilter | None) -> np.ndarray:
        """Positions (rank order; the ineligible after the ranked) that pass the filter."""
        flt = flt or EntryFilter(eligible=None)
        if self._selected is not None and self._selected[0] == flt:
            return self._selected[1]
        matching = self._matching_ids(session, flt)
        if matching is None:
            positions = self.working.positions(flt.eligible)
        else:  # the matches' positions, kept where the eligible (or not) ones lie
            first, end = self.working.position_range(flt.eligible)
            found = self.working.positions_of(matching)
            positions = found[(found >= first) & (found < end)]
        self._selected = (flt, positions)
        return positions

    def ordered(self, session: Session, positions: np.ndarray, sort: str,
                descending: bool) -> np.ndarray:
        column = _SORT_COLUMNS.get(sort)
        if column is None:  # rank, score: the list's own order
            ascending = (sort == "score") == descending
            return positions if ascending else positions[::-1]
        order = self._sorted.get(sort)
        if order is None:
            s = Submission
            ids = np.fromiter((r[0] for r in session.execute(
                select(s.id).where(s.category == self.info.category)
                .order_by(column, s.id))), dtype=np.int64)
            order = self.working.positions_in_order(ids)
            self._sorted[sort] = order
        chosen = order[np.isin(order, positions, assume_unique=True)]
        return chosen[::-1] if descending else chosen

    # -- the rows --------------------------------------------------------------------------
    def rows(self, session: Session, positions: Sequence[int] | np.ndarray) -> list[RankedRow]:
        w = self.working
        keys = [c.key for c in self.criteria]
        names = regions.names(session)
        min_area = float(settings.get_setting(session, settings.RTLH_MIN_AREA))
        if self._columns is None or self._columns[0] != min_area:
            self._columns = (min_area, value_columns(self.criteria, min_area))
        out: list[RankedRow] = []
        positions = [int(p) for p in positions]
        for start in range(0, len(positions), 900):
            chunk = positions[start:start + 900]
            ids = [w.id_at(p) for p in chunk]
            s = Submission
            found = {r[0]: r[1:] for r in session.execute(
                select(s.id, s.number, NAME_EXPR, s.desa_code, s.rt, s.rw)
                .where(s.id.in_(ids)))}
            values = live_values(session, self.criteria, min_area, ids, self._columns[1])
            for pos, sid in zip(chunk, ids, strict=True):
                number, name, desa, rt, rw = found.get(sid, ("", "", "", None, None))
                out.append(RankedRow(
                    sid, w.rank_at(pos), number, name or "", names.get(desa, desa),
                    "/".join(x for x in (rt, rw) if x), w.score_at(pos), pos < w.ranked_count,
                    "; ".join(self.rule_texts[j] for j in w.failed_at(pos)),
                    ",".join(keys[j] for j in w.missing_at(pos)),
                    values.get(sid, [None] * len(keys))))
        return out

    def row_of(self, session: Session, submission_id: int) -> RankedRow | None:
        found = self.working.positions_of([submission_id])
        return self.rows(session, found)[0] if len(found) else None


def working_places(session: Session, info: PriorityListInfo, keys: Sequence[Any]
                   ) -> list[tuple[tuple[Any, ...], int, int]]:
    """(place key, position, ranked count) of each entry of a working list, keyed by the
    given submission columns (e.g. desa, RT, RW) read live."""
    w = load_working(session, info.id)
    s = Submission
    rows = session.execute(in_region_and_year(select(s.id, *keys)
                                              .where(s.category == info.category),
                                              info.scope)).all()
    positions = w.lookup([r[0] for r in rows]).tolist()
    n = w.ranked_count
    return [(tuple(r[1:]), p, n) for r, p in zip(rows, positions, strict=True) if p >= 0]


def working_ranks(session: Session, info: PriorityListInfo
                  ) -> dict[int, tuple[int | None, str, str]]:
    """Submission id → (rank or None, number, name) of every entry of a working list."""
    w = load_working(session, info.id)
    s = Submission
    rows = session.execute(select(s.id, s.number, NAME_EXPR)
                           .where(s.category == info.category)).all()
    positions = w.lookup([r[0] for r in rows]).tolist()
    return {r[0]: (w.rank_at(p), r[1], r[2] or "") for r, p in zip(rows, positions, strict=True)
            if p >= 0}
