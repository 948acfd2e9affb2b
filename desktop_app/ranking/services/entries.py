"""A list's entries: the ranked table (filter, sort and page) and bulk reads for printing and
export. A frozen list is read from its stored snapshot in SQL; a working list from its arrays
(``working.py``) with number, name and values read live."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import false, func, or_, select, true
from sqlalchemy.orm import Session

from desktop_app.core.domain.errors import NotFound
from desktop_app.core.domain.roles import Permission
from desktop_app.core.services import regions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.ranking.domain.methods import Criterion
from desktop_app.ranking.models import PriorityEntry
from desktop_app.ranking.services.criteria_sets import CriteriaSetInfo, load_set
from desktop_app.ranking.services.lists import PriorityListInfo, load_list
from desktop_app.ranking.services.rows import EntryFilter, RankedRow
from desktop_app.ranking.services.working import WorkingView

_e = PriorityEntry
_ENTRY_COLS = (_e.submission_id, _e.rank, _e.score, _e.eligible, _e.reason, _e.missing,
               _e.values_json, _e.number, _e.name, _e.desa_code, _e.rt, _e.rw)
_SORTS = {"number": _e.number, "name": _e.name, "desa": _e.desa_code}


def _frozen_order(sort: str, descending: bool) -> list[Any]:
    """The same order a working list gives (``WorkingView.ordered``): rank and score in list
    order (the ineligible after the ranked) or its exact reverse; columns with ties broken by
    the submission id."""
    column = _SORTS.get(sort)
    if column is not None:
        return [column.desc(), _e.submission_id.desc()] if descending else \
            [column.asc(), _e.submission_id.asc()]
    if (sort == "score") == descending:  # list order
        return [_e.rank.asc().nulls_last(), _e.id.asc()]
    return [_e.rank.desc().nulls_first(), _e.id.desc()]


def _frozen_where(stmt: Any, list_id: int, flt: EntryFilter | None) -> Any:
    stmt = stmt.where(_e.list_id == list_id)
    if flt is None:
        return stmt
    if flt.eligible is not None:
        stmt = stmt.where(_e.eligible == (true() if flt.eligible else false()))
    if flt.desa_code:
        stmt = stmt.where(_e.desa_code == flt.desa_code)
    elif flt.kecamatan_code:
        stmt = stmt.where(_e.desa_code.like(flt.kecamatan_code + ".%"))
    if flt.rt:
        stmt = stmt.where(_e.rt == flt.rt)
    if flt.text.strip():
        like = f"%{flt.text.strip()}%"
        stmt = stmt.where(or_(_e.name.ilike(like), _e.number.ilike(like)))
    return stmt


def _frozen_rows(session: Session, list_id: int, flt: EntryFilter | None, order: Sequence[Any],
                 offset: int = 0, limit: int | None = None, where: Any = None
                 ) -> list[RankedRow]:
    names = regions.names(session)
    stmt = _frozen_where(select(*_ENTRY_COLS), list_id, flt).order_by(*order)
    if where is not None:
        stmt = stmt.where(where)
    if offset or limit is not None:
        stmt = stmt.offset(offset).limit(limit)
    return [RankedRow(r.submission_id, r.rank, r.number, r.name or "",
                      names.get(r.desa_code, r.desa_code),
                      "/".join(x for x in (r.rt, r.rw) if x), r.score, r.eligible, r.reason,
                      r.missing, json.loads(r.values_json or "[]"))
            for r in session.execute(stmt)]


# A list in order: the ranked by rank, then the ineligible in the order they were stored.
_LIST_ORDER = _frozen_order("rank", False)


def read_entries(session: Session, info: PriorityListInfo, cs: CriteriaSetInfo, *,
                 eligible: bool | None = True, limit: int | None = None) -> list[RankedRow]:
    """Every entry of a list (or the first ``limit``) in list order: a bulk read."""
    if info.is_draft:
        view = WorkingView(session, info, cs)
        positions = view.select(session, EntryFilter(eligible=eligible))
        return view.rows(session, positions[:limit] if limit is not None else positions)
    return _frozen_rows(session, info.id, EntryFilter(eligible=eligible), _LIST_ORDER,
                        limit=limit)


def read_entry(session: Session, info: PriorityListInfo, cs: CriteriaSetInfo,
               submission_id: int) -> RankedRow:
    if info.is_draft:
        row = WorkingView(session, info, cs).row_of(session, submission_id)
    else:
        rows = _frozen_rows(session, info.id, None, [_e.id],
                            where=_e.submission_id == submission_id)
        row = rows[0] if rows else None
    if row is None:
        raise NotFound("Data ini tidak ada dalam daftar peringkat.")
    return row


def list_entries(app: AppContext, actor: Actor, list_id: int, *, eligible: bool | None = True,
                 limit: int | None = None) -> list[RankedRow]:
    """Every entry of a list (or the first ``limit``), in list order."""
    require(actor, Permission.RANKING_RUN)
    with unit_of_work(app, write=False) as session:
        info = load_list(session, list_id)
        return read_entries(session, info, load_set(session, info.criteria_set_id),
                            eligible=eligible, limit=limit)


class RankedPageSource:
    """PageSource (core.gui.table_model) over one list's entries. A working list's arrays are
    read once and kept here while the table shows it."""

    def __init__(self, app: AppContext, actor: Actor, list_id: int) -> None:
        require(actor, Permission.RANKING_RUN)
        self.app, self.actor, self.list_id = app, actor, list_id
        with unit_of_work(app, write=False) as session:
            self.info = load_list(session, list_id)
            cs = load_set(session, self.info.criteria_set_id)
            self.working = WorkingView(session, self.info, cs) if self.info.is_draft else None
        self.criteria: list[Criterion] = cs.criteria

    def count(self, flt: EntryFilter | None) -> int:
        with unit_of_work(self.app, write=False) as session:
            if self.working is not None:
                return len(self.working.select(session, flt))
            return int(session.scalar(_frozen_where(
                select(func.count()).select_from(_e), self.list_id, flt)) or 0)

    def fetch(self, flt: EntryFilter | None, sort: str, descending: bool, offset: int,
              limit: int) -> list[RankedRow]:
        with unit_of_work(self.app, write=False) as session:
            if self.working is not None:
                view = self.working
                positions = view.ordered(session, view.select(session, flt), sort, descending)
                return view.rows(session, positions[offset:offset + limit])
            return _frozen_rows(session, self.list_id, flt, _frozen_order(sort, descending),
                                offset, limit)
