"""Counts per desa/kelurahan, per RT/RW within a desa, or per kecamatan, for one list: every
submission of the category in scope, those assessed, ranked and listed apart."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, func, select, true
from sqlalchemy.orm import Session

from desktop_app.core.domain.roles import Permission
from desktop_app.core.services import regions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.intake.models import Submission
from desktop_app.ranking.domain.lists import RecapLevel
from desktop_app.ranking.models import PriorityEntry
from desktop_app.ranking.services.lists import PriorityListInfo, load_list
from desktop_app.ranking.services.reading import in_region_and_year
from desktop_app.ranking.services.working import working_places


@dataclass(frozen=True)
class RecapRow:
    code: str
    label: str
    submitted: int  # all submissions of the category in scope, any status
    verified: int  # ranked or listed apart
    eligible: int
    ineligible: int
    best_rank: int | None


def _keys(level: RecapLevel, desa_col: Any, rt_col: Any, rw_col: Any) -> list[Any]:
    if level is RecapLevel.KECAMATAN:
        return [func.substr(desa_col, 1, 8)]
    if level is RecapLevel.RT:
        return [desa_col, rt_col, rw_col]
    return [desa_col]


def _entry_groups(session: Session, info: PriorityListInfo, level: RecapLevel
                  ) -> list[tuple[Any, ...]]:
    """(key…, entries, eligible, best rank) per place."""
    if info.is_draft:
        s = Submission
        groups: dict[tuple[Any, ...], list[Any]] = {}
        for key, pos, ranked in working_places(session, info,
                                               _keys(level, s.desa_code, s.rt, s.rw)):
            slot = groups.setdefault(key, [0, 0, None])
            slot[0] += 1
            if pos < ranked:
                slot[1] += 1
                slot[2] = pos + 1 if slot[2] is None else min(slot[2], pos + 1)
        return [(*key, *slot) for key, slot in groups.items()]
    e = PriorityEntry
    ek = _keys(level, e.desa_code, e.rt, e.rw)
    return [tuple(r) for r in session.execute(
        select(*ek, func.count(), func.sum(case((e.eligible == true(), 1), else_=0)),
               func.min(e.rank)).where(e.list_id == info.id).group_by(*ek))]


def recap(app: AppContext, actor: Actor, list_id: int,
          level: RecapLevel | str = RecapLevel.DESA) -> list[RecapRow]:
    require(actor, Permission.RANKING_RUN)
    level = RecapLevel(level)
    with unit_of_work(app, write=False) as session:
        info = load_list(session, list_id)
        names = regions.names(session)
        entry_rows = _entry_groups(session, info, level)
        s = Submission
        sk = _keys(level, s.desa_code, s.rt, s.rw)
        stmt = in_region_and_year(select(*sk, func.count(s.id))
                                  .where(s.category == info.category), info.scope)
        sub_rows = session.execute(stmt.group_by(*sk)).all()
    width = len(sk)
    data: dict[tuple[Any, ...], list[Any]] = {}
    for r in sub_rows:
        data.setdefault(tuple(r[:width]), [0, 0, 0, None])[0] = int(r[width])
    for e in entry_rows:
        slot = data.setdefault(tuple(e[:width]), [0, 0, 0, None])
        slot[1], slot[2], slot[3] = int(e[width]), int(e[width + 1] or 0), e[width + 2]
    out = []
    for key, (submitted, verified, eligible, best) in data.items():
        code = key[0] or ""
        label = names.get(code, code)
        if level is RecapLevel.RT:
            label += f" RT {key[1] or '-'}/RW {key[2] or '-'}"
        out.append(RecapRow(code if level is not RecapLevel.RT else f"{code}|{key[1]}|{key[2]}",
                            label, submitted, verified, eligible, verified - eligible, best))
    return sorted(out, key=lambda r: r.label)
