"""The screening table of a rembuk: one row per usulan of its tier and region, paged in SQL;
saving a verdict (one or many at once), with the history kept and stale saves refused."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from desktop_app.core.domain.errors import ConflictError, NotFound
from desktop_app.core.domain.roles import Permission
from desktop_app.core.services import audit, regions, versions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.db.base import utcnow
from desktop_app.planning.domain.labels import (
    PlanningLevel,
    PriorityTier,
    ScreeningVerdict,
    VerdictLabels,
)
from desktop_app.planning.domain.proposals import cost_of
from desktop_app.planning.domain.screening import (
    TESTS,
    ScreeningInput,
    check_screening,
    suggest_tests,
    suggest_verdict,
    verdict_text,
)
from desktop_app.planning.models import PlanningProposal, Rembuk, TierResult
from desktop_app.planning.services import frame
from desktop_app.planning.services.common import add_event
from desktop_app.planning.services.locking import SCREENING_LABELS
from desktop_app.planning.services.rembuk import counts_of, get_rembuk_row, open_rembuk

P, T = PlanningProposal, TierResult
PENDING = "belum"


@dataclass(frozen=True)
class ScreeningFilter:
    verdict: str = ""  # a ScreeningVerdict value or PENDING
    desa_code: str = ""
    priority_tier: str = ""
    physical: bool | None = None
    text: str = ""


@dataclass(frozen=True)
class ScreeningRow(VerdictLabels):
    proposal_id: int
    number: str
    desa_code: str
    desa_name: str
    work: str
    problem: str
    agency: str
    physical: bool
    authority: str
    land_status: str
    volume: float
    unit: str
    unit_price: int
    cost: int
    tests: dict[str, bool | None]
    priority_id: int | None
    verdict: str | None
    reasons: str
    note: str
    redirect_target: str
    redirect_detail: str
    recommendation: str
    location: str
    scores: dict[str, float]
    score: float | None
    rank: int | None
    priority_tier: str | None
    tier_manual: bool
    returned: bool
    version: int

    def mark(self, key: str) -> str:
        value = self.tests.get(key)
        return "✓" if value is True else "✗" if value is False else ""

    def __getattr__(self, name: str) -> Any:
        """t_aligned, t_within_ceiling, …: the ✓/✗ of each test, for the table's columns."""
        if name.startswith("t_") and name[2:] in TESTS:
            return self.mark(name[2:])
        raise AttributeError(name)

    @property
    def reason_text(self) -> str:
        return verdict_text(self.verdict, self.reasons, self.note, self.redirect_target,
                            self.redirect_detail) if self.verdict else ""

    @property
    def volume_text(self) -> str:
        from desktop_app.core.domain.formatting import format_number

        return f"{format_number(self.volume, 0 if float(self.volume).is_integer() else 2)} " \
               f"{self.unit}"


SORT = {"rank": T.rank, "number": P.seq, "desa": P.desa_code, "work": P.work, "cost": T.cost,
        "verdict": T.verdict, "tier": T.priority_tier, "score": T.score, "agency": P.agency}


def _scope(r: Rembuk) -> Any:
    return select(T, P).join(P, P.id == T.proposal_id).where(
        T.year == r.year, T.level == r.level, T.region_code == r.region_code)


def _filtered(stmt: Any, flt: ScreeningFilter | None) -> Any:
    if flt is None:
        return stmt
    if flt.verdict == PENDING:
        stmt = stmt.where(T.verdict.is_(None))
    elif flt.verdict:
        stmt = stmt.where(T.verdict == flt.verdict)
    if flt.desa_code:
        stmt = stmt.where(P.desa_code == flt.desa_code)
    if flt.priority_tier:
        stmt = stmt.where(T.priority_tier == flt.priority_tier)
    if flt.physical is not None:
        stmt = stmt.where(P.physical.is_(flt.physical))
    for word in flt.text.split():
        like = f"%{word}%"
        stmt = stmt.where(or_(P.number.ilike(like), P.work.ilike(like), P.problem.ilike(like),
                              P.agency.ilike(like)))
    return stmt


def _location(p: PlanningProposal) -> str:
    """'RT 3/RW 1, Jl. Masjid' (what the record has)."""
    rt = " / ".join(x for x in (f"RT {p.rt}" if p.rt else "", f"RW {p.rw}" if p.rw else "")
                    if x)
    return ", ".join(x for x in (rt, p.address) if x)


def row_of(t: TierResult, p: PlanningProposal, names: dict[str, str]) -> ScreeningRow:
    return ScreeningRow(
        p.id, p.number, p.desa_code, names.get(p.desa_code, p.desa_code), p.work, p.problem,
        p.agency, p.physical, p.authority, p.land_status, t.volume, p.unit, int(t.unit_price),
        int(t.cost), {k: getattr(t, k) for k in TESTS}, t.priority_id, t.verdict, t.reasons,
        t.note, t.redirect_target, t.redirect_detail, t.recommendation, _location(p),
        json.loads(t.scores_json or "{}"), t.score, t.rank, t.priority_tier, t.tier_manual,
        p.returned, p.version)


class ScreeningPageSource:
    """The ``PageSource`` of a rembuk's screening table."""

    def __init__(self, app: AppContext, actor: Actor, rembuk_id: int) -> None:
        require(actor, Permission.PLANNING_VIEW)
        self.app, self.actor, self.rembuk_id = app, actor, rembuk_id

    def count(self, flt: ScreeningFilter | None) -> int:
        with unit_of_work(self.app, write=False) as session:
            r = get_rembuk_row(session, self.rembuk_id)
            stmt = _filtered(select(func.count()).select_from(T).join(P, P.id == T.proposal_id)
                             .where(T.year == r.year, T.level == r.level,
                                    T.region_code == r.region_code), flt)
            return int(session.scalar(stmt) or 0)

    def fetch(self, flt: ScreeningFilter | None, sort: str, descending: bool, offset: int,
              limit: int) -> Sequence[ScreeningRow]:
        column = SORT.get(sort, T.rank)
        nulls_last = column.is_(None)  # unranked rows after the ranked ones
        order = [nulls_last, column.desc() if descending else column.asc(), P.seq]
        with unit_of_work(self.app, write=False) as session:
            r = get_rembuk_row(session, self.rembuk_id)
            names = regions.names(session)
            stmt = _filtered(_scope(r), flt).order_by(*order).offset(offset).limit(limit)
            return [row_of(t, p, names) for t, p in session.execute(stmt).all()]


def rows_of(session: Session, r: Rembuk, flt: ScreeningFilter | None = None) -> list[ScreeningRow]:
    """Every row of a rembuk in rank order (printing, exports, tests)."""
    names = regions.names(session)
    stmt = _filtered(_scope(r), flt).order_by(T.rank.is_(None), T.rank, P.desa_code, P.seq)
    return [row_of(t, p, names) for t, p in session.execute(stmt).all()]


def list_rows(app: AppContext, actor: Actor, rembuk_id: int,
              flt: ScreeningFilter | None = None) -> list[ScreeningRow]:
    """Every row of a rembuk's table in rank order, in one read."""
    require(actor, Permission.PLANNING_VIEW)
    with unit_of_work(app, write=False) as session:
        return rows_of(session, get_rembuk_row(session, rembuk_id), flt)


def _result(session: Session, proposal_id: int, level: str) -> tuple[TierResult, PlanningProposal]:
    found = session.execute(select(T, P).join(P, P.id == T.proposal_id).where(
        T.proposal_id == proposal_id, T.level == level)).first()
    if found is None:
        raise NotFound("Usulan ini tidak ada di tabel penyaringan tingkat ini.")
    return found[0], found[1]


def _apply(session: Session, actor: Actor, r: Rembuk, t: TierResult, p: PlanningProposal,
           data: ScreeningInput) -> str | None:
    """Write one screening; returns the previous verdict. History goes to the events."""
    if p.level != r.level:
        raise ConflictError(f"Usulan {p.number} sudah berada di "
                            f"{PlanningLevel(p.level).musrenbang}; putusan di tingkat ini "
                            "tidak dapat diubah lagi.")
    if p.returned and data.verdict != ScreeningVerdict.REVISE.value:
        raise ConflictError(f"Usulan {p.number} sedang dikembalikan untuk perbaikan; tunggu "
                            "perbaikan dari tingkat di bawahnya.")
    clean = check_screening(data, physical=p.physical)
    previous = t.verdict
    for key in TESTS:
        setattr(t, key, clean[key])
    t.priority_id = clean["priority_id"]
    t.verdict, t.reasons, t.note = clean["verdict"], clean["reasons"], clean["note"]
    t.redirect_target, t.redirect_detail = clean["redirect_target"], clean["redirect_detail"]
    t.recommendation = clean["recommendation"]
    if data.volume is not None:
        t.volume = float(data.volume)
    if data.unit_price is not None:
        t.unit_price = int(data.unit_price)
    t.cost = cost_of(t.volume, t.unit_price)
    t.scores_json = json.dumps(clean["scores"], sort_keys=True)
    t.decided_at, t.decided_by_name = utcnow(), actor.full_name
    if clean["verdict"] != ScreeningVerdict.PASSED.value:
        t.score = t.rank = t.priority_tier = None
        t.tier_manual = False
    if (previous != clean["verdict"] or clean["verdict"] == ScreeningVerdict.PASSED.value) \
            and r.ranked_at is not None:
        # The ranking has to be computed again. Bookkeeping, not an edit of the rembuk: no
        # new version (a desk editing the delegates is not refused for a verdict given
        # elsewhere; fixing checks the ranking itself).
        session.execute(update(Rembuk).where(Rembuk.id == r.id).values(ranked_at=None))
        session.expire(r, ["ranked_at"])
    if clean["verdict"] == ScreeningVerdict.REVISE.value:
        p.returned = True
    p.version += 1
    if clean["verdict"] and (previous != clean["verdict"] or clean["note"]):
        text = ScreeningVerdict.label_of(clean["verdict"]) + ": " + verdict_text(
            clean["verdict"], clean["reasons"], clean["note"], clean["redirect_target"],
            clean["redirect_detail"])
        if clean["verdict"] == ScreeningVerdict.REVISE.value:
            below = PlanningLevel(r.level).previous
            text = f"Dikembalikan ke {below.label if below else 'pengusul'} untuk perbaikan: " \
                   f"{clean['note']}"
        add_event(session, actor, p.id, "screen", text, r.level)
    return previous


def save_screening(app: AppContext, actor: Actor, rembuk_id: int, proposal_id: int,
                   data: ScreeningInput, expected_version: int) -> ScreeningRow:
    require(actor, Permission.PLANNING_SCREEN)
    with unit_of_work(app) as session:
        r = open_rembuk(session, rembuk_id)
        t, p = _result(session, proposal_id, r.level)
        if p.version != expected_version:  # who changed what: the tier result's audit rows
            raise versions.changed_error(session, "planning_tier_result", t.id,
                                         expected_version, f"Putusan usulan {p.number}",
                                         SCREENING_LABELS)
        before = audit.snapshot(t)
        _apply(session, actor, r, t, p, data)
        session.flush()
        audit.record(session, actor, "screen", "planning_tier_result", t.id, before=before,
                     after={**audit.snapshot(t), "version": p.version},
                     summary=f"Penyaringan {p.number} ({PlanningLevel(r.level).label}): "
                             f"{ScreeningVerdict.label_of(t.verdict, 'belum')}")
        return row_of(t, p, regions.names(session))


def get_row(app: AppContext, actor: Actor, rembuk_id: int, proposal_id: int) -> ScreeningRow:
    """One row of the screening table as stored now (the panel's «Muat ulang»)."""
    require(actor, Permission.PLANNING_VIEW)
    with unit_of_work(app, write=False) as session:
        t, p = _result(session, proposal_id, get_rembuk_row(session, rembuk_id).level)
        return row_of(t, p, regions.names(session))


def screen_many(app: AppContext, actor: Actor, rembuk_id: int, proposal_ids: Sequence[int],
                data: ScreeningInput) -> int:
    """One verdict, with the same tests and reasons, for many usulan at once (all or none)."""
    require(actor, Permission.PLANNING_SCREEN)
    with unit_of_work(app) as session:
        r = open_rembuk(session, rembuk_id)
        entries = []
        for pid in proposal_ids:
            t, p = _result(session, pid, r.level)
            _apply(session, actor, r, t, p, data)
            entries.append(("screen", "planning_tier_result", t.id,
                            {"verdict": t.verdict, "reasons": t.reasons, "note": t.note},
                            f"Penyaringan {p.number}: "
                            f"{ScreeningVerdict.label_of(t.verdict, 'belum')}"))
        session.flush()
        audit.record_many(session, actor, entries)
        return len(entries)


@dataclass(frozen=True)
class Suggestion:
    tests: dict[str, bool | None]
    verdict: str | None
    reasons: list[str]
    redirect_target: str
    remaining_ceiling: int | None


def suggest(app: AppContext, actor: Actor, rembuk_id: int, proposal_id: int) -> Suggestion:
    """What the record itself tells about authority, land and the ceiling still free."""
    require(actor, Permission.PLANNING_VIEW)
    with unit_of_work(app, write=False) as session:
        r = get_rembuk_row(session, rembuk_id)
        t, p = _result(session, proposal_id, r.level)
        ceiling = frame.ceiling_of(session, r.year, r.region_code)
        counts = counts_of(session, r.year, r.level, r.region_code)
        already = t.cost if t.priority_tier == PriorityTier.MAIN.value else 0
        remaining = None if ceiling is None else ceiling - counts.main_cost + already
        tests = suggest_tests(authority=p.authority, land_status=p.land_status,
                              physical=p.physical, cost=int(t.cost), remaining_ceiling=remaining)
        full = {k: tests.get(k) for k in TESTS}
        verdict, reasons, target = suggest_verdict(full, authority=p.authority,
                                                   physical=p.physical)
        return Suggestion(tests, verdict, reasons, target, remaining)
