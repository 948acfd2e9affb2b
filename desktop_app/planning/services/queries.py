"""The usulan list: filtered, sorted and paged in SQL (one page of rows at a time)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, or_, select

from desktop_app.core.domain.roles import Permission
from desktop_app.core.services import regions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.db.hints import like_any_case
from desktop_app.planning.domain.labels import (
    PlanningLevel,
    Realisation,
    VerdictLabels,
)
from desktop_app.planning.models import PlanningProposal, TierResult

PENDING = "belum"  # verdict filter value: not decided at the current tier


@dataclass(frozen=True)
class ProposalFilter:
    year: int | None = None
    level: str = ""  # the tier it is at now
    kecamatan_code: str = ""
    desa_code: str = ""
    verdict: str = ""  # a ScreeningVerdict value, or PENDING
    priority_tier: str = ""
    physical: bool | None = None
    returned_only: bool = False
    realisation: str = ""
    text: str = ""


@dataclass(frozen=True)
class ProposalRow(VerdictLabels):
    id: int
    number: str
    year: int
    desa_code: str
    desa_name: str
    rt_rw: str
    work: str
    problem: str
    agency: str
    volume: float
    unit: str
    cost: int
    physical: bool
    level: str
    verdict: str | None
    priority_tier: str | None
    rank: int | None
    returned: bool
    realisation: str
    version: int

    @property
    def level_label(self) -> str:
        return PlanningLevel.label_of(self.level)

    @property
    def realisation_label(self) -> str:
        return Realisation.label_of(self.realisation)

    @property
    def volume_text(self) -> str:
        from desktop_app.core.domain.formatting import format_number

        decimals = 0 if float(self.volume).is_integer() else 2
        return f"{format_number(self.volume, decimals)} {self.unit}"


P, T = PlanningProposal, TierResult

SORT_COLUMNS: dict[str, Any] = {
    "number": P.seq, "desa": P.desa_code, "work": P.work, "agency": P.agency, "cost": T.cost,
    "level": P.level, "verdict": T.verdict, "tier": T.priority_tier, "rank": T.rank,
    "year": P.year, "realisation": P.realisation,
}


# Only the columns a row shows: plain tuples are read several times faster than entities.
ROW_COLUMNS = (P.id, P.number, P.year, P.desa_code, P.rt, P.rw, P.work, P.problem, P.agency,
               P.volume, P.unit, P.cost, P.physical, P.level, P.returned, P.realisation,
               P.version, T.volume, T.cost, T.verdict, T.priority_tier, T.rank)


def _base() -> Any:
    return select(*ROW_COLUMNS).join(T, and_(T.proposal_id == P.id, T.level == P.level),
                                     isouter=True)


def _needs_tier(flt: ProposalFilter | None) -> bool:
    return flt is not None and bool(flt.verdict or flt.priority_tier)


# the columns a typed word is looked for in (any case, anywhere in the text)
_TEXT_COLUMNS = (P.number, P.work, P.problem, P.proposer_name, P.agency, P.address)


def apply_filter(stmt: Any, flt: ProposalFilter | None) -> Any:
    if flt is None:
        return stmt
    if flt.year:
        stmt = stmt.where(P.year == flt.year)
    if flt.level:
        stmt = stmt.where(P.level == flt.level)
    if flt.kecamatan_code:
        stmt = stmt.where(P.kecamatan_code == flt.kecamatan_code)
    if flt.desa_code:
        stmt = stmt.where(P.desa_code == flt.desa_code)
    if flt.verdict == PENDING:
        stmt = stmt.where(T.verdict.is_(None), P.returned.is_(False))
    elif flt.verdict:
        stmt = stmt.where(T.verdict == flt.verdict)
    if flt.priority_tier:
        stmt = stmt.where(T.priority_tier == flt.priority_tier)
    if flt.physical is not None:
        stmt = stmt.where(P.physical.is_(flt.physical))
    if flt.returned_only:
        stmt = stmt.where(P.returned.is_(True))
    if flt.realisation:
        stmt = stmt.where(P.realisation == flt.realisation)
    for word in flt.text.split():
        like = f"%{word}%"
        stmt = stmt.where(or_(*(like_any_case(column, like) for column in _TEXT_COLUMNS)))
    return stmt


class ProposalPageSource:
    """The ``PageSource`` of the usulan list."""

    def __init__(self, app: AppContext, actor: Actor) -> None:
        require(actor, Permission.PLANNING_VIEW)
        self.app, self.actor = app, actor

    def count(self, flt: ProposalFilter | None) -> int:
        with unit_of_work(self.app, write=False) as session:
            stmt = select(func.count()).select_from(P)
            if _needs_tier(flt):  # the join only when a filter reads the tier's result
                stmt = stmt.join(T, and_(T.proposal_id == P.id, T.level == P.level),
                                 isouter=True)
            return int(session.scalar(apply_filter(stmt, flt)) or 0)

    def fetch(self, flt: ProposalFilter | None, sort: str, descending: bool, offset: int,
              limit: int) -> Sequence[ProposalRow]:
        column = SORT_COLUMNS.get(sort, P.seq)
        order = [column.desc() if descending else column.asc(), P.id.desc() if descending
                 else P.id.asc()]
        with unit_of_work(self.app, write=False) as session:
            names = regions.names(session)
            stmt = apply_filter(_base(), flt).order_by(*order).offset(offset).limit(limit)
            return [_row(r, names) for r in session.execute(stmt).all()]


def _row(r: Any, names: dict[str, str]) -> ProposalRow:
    (pid, number, year, desa, rt, rw, work, problem, agency, volume, unit, cost, physical,
     level, returned, realisation, version, t_volume, t_cost, verdict, tier, rank) = r
    return ProposalRow(
        pid, number, year, desa, names.get(desa, desa), "/".join(x for x in (rt, rw) if x),
        work, problem, agency, t_volume if t_volume is not None else volume, unit,
        int(t_cost if t_cost is not None else cost), physical, level, verdict, tier, rank,
        returned, realisation, version)


def list_proposals(app: AppContext, actor: Actor, flt: ProposalFilter | None = None,
                   limit: int = 10_000) -> list[ProposalRow]:
    return list(ProposalPageSource(app, actor).fetch(flt, "number", False, 0, limit))
