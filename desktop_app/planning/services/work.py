"""REMBUK REMAS's part of the Beranda: usulan waiting for screening, rembuk held this week,
tier results waiting to be fixed or forwarded, usulan sent back for correction, realisation
steps past the planning calendar; and the counts a pimpinan reads."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from desktop_app.core.domain import clock
from desktop_app.core.domain import work as todo
from desktop_app.core.domain.formatting import format_date, format_number
from desktop_app.core.domain.roles import Permission
from desktop_app.core.services import regions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.meetings.services import reading as meetings
from desktop_app.planning.domain.deadlines import next_step
from desktop_app.planning.domain.labels import (
    PlanningLevel,
    PriorityTier,
    Realisation,
    RembukStatus,
    ScreeningVerdict,
)
from desktop_app.planning.models import PlanningProposal, Rembuk, TierResult
from desktop_app.planning.services.common import latest_year

MODULE = "REMBUK REMAS"
LIMIT = 100
_TOP = (PlanningLevel.KECAMATAN.value, PlanningLevel.KABUPATEN.value)


def _title(r: Rembuk, names: dict[str, str]) -> str:
    return _scope_title(r.year, r.level, r.region_code, names)


def _scope_title(year: int, level: str, region_code: str, names: dict[str, str]) -> str:
    region = names.get(region_code, region_code).removeprefix("Kabupaten ")
    return f"{PlanningLevel(level).musrenbang} {region} ({year})"


def _pending(session: Session) -> Counter[tuple[int, str, str]]:
    """(year, level, region) → usulan not yet screened there."""
    t = TierResult
    return Counter({(y, lv, rc): n for y, lv, rc, n in session.execute(
        select(t.year, t.level, t.region_code, func.count()).where(t.verdict.is_(None))
        .group_by(t.year, t.level, t.region_code))})


def _rembuk_items(session: Session, actor: Actor, today: date,
                  pending: Counter[tuple[int, str, str]]) -> list[todo.WorkItem]:
    """Open rembuk: held this week (or earlier) with usulan still to screen; a result ranked
    and fully screened waits to be fixed; a fixed one waits to be forwarded."""
    rows = list(session.scalars(select(Rembuk).where(
        Rembuk.status.in_([RembukStatus.OPEN.value, RembukStatus.FINAL.value]))
        .order_by(Rembuk.year, Rembuk.id).limit(LIMIT)))
    if not rows:
        return []
    names = regions.names(session)
    held = meetings.held_dates(session, [r.meeting_id for r in rows if r.meeting_id])
    screen = actor.can(Permission.PLANNING_SCREEN)
    fix = actor.can(Permission.PLANNING_FINALIZE)
    items = []
    for r in rows:
        title = _title(r, names)
        on = held.get(r.meeting_id) if r.meeting_id else None
        left = pending[(r.year, r.level, r.region_code)]
        if r.status == RembukStatus.FINAL.value:
            if fix and PlanningLevel(r.level).next is not None:
                items.append(todo.WorkItem(
                    todo.WorkGroup.WAITING, MODULE, "Hasil rembuk menunggu diteruskan", title,
                    None, todo.Target.PLANNING_REMBUK, r.id))
            continue
        if screen and on is not None and today <= on <= todo.week_end(today):
            items.append(todo.WorkItem(
                todo.WorkGroup.DUE_SOON, MODULE, "Rembuk dijadwalkan",
                f"{title}: {format_number(left)} usulan", on, todo.Target.PLANNING_REMBUK, r.id))
        elif screen and left:
            items.append(todo.WorkItem(
                todo.WorkGroup.WAITING, MODULE, "Usulan menunggu penyaringan",
                f"{title}: {format_number(left)} usulan belum disaring"
                + (f" (rembuk {format_date(on)})" if on else ""), None,
                todo.Target.PLANNING_REMBUK, r.id, detail="pending"))
        elif fix and not left and r.ranked_at is not None:
            items.append(todo.WorkItem(
                todo.WorkGroup.WAITING, MODULE, "Hasil rembuk menunggu penetapan", title, None,
                todo.Target.PLANNING_REMBUK, r.id))
    return items


def _awaiting_rembuk(session: Session,
                     pending: Counter[tuple[int, str, str]]) -> list[todo.WorkItem]:
    """Usulan waiting at a tier where no rembuk is open to screen them (entered, imported or
    forwarded from below): one line per tier and region, at the tiers this office holds
    rembuk for (its own kecamatan's, and any level it has held a rembuk at before)."""
    if not pending:
        return []
    open_scopes = {(y, lv, rc) for y, lv, rc in session.execute(
        select(Rembuk.year, Rembuk.level, Rembuk.region_code).where(
            Rembuk.status == RembukStatus.OPEN.value))}
    levels_held = set(session.scalars(select(Rembuk.level).distinct()))
    names = regions.names(session)
    waiting = sorted(((scope, n) for scope, n in pending.items()
                      if scope not in open_scopes and (
                          scope[1] in levels_held or scope[2] == regions.HOME_KECAMATAN)),
                     key=lambda item: (item[0][0], -item[1], item[0][2]))
    return [todo.WorkItem(
        todo.WorkGroup.WAITING, MODULE, "Usulan menunggu rembuk",
        f"{_scope_title(year, level, region, names)}: {format_number(n)} usulan, belum ada "
        "rembuk yang dibuka", None, todo.Target.PLANNING_REMBUK, 0)
        for (year, level, region), n in waiting[:LIMIT]]


def _returned(session: Session) -> list[todo.WorkItem]:
    """Usulan sent back to the tier below to be corrected."""
    p = PlanningProposal
    return [todo.WorkItem(todo.WorkGroup.WAITING, MODULE, "Usulan dikembalikan untuk perbaikan",
                          f"{r.number} · {r.work}", None, todo.Target.PLANNING_PROPOSAL, r.id)
            for r in session.execute(select(p.id, p.number, p.work).where(p.returned.is_(True))
                                     .order_by(p.year, p.seq).limit(LIMIT))]


def _accepted() -> ColumnElement[bool]:
    """Usulan accepted at the kecamatan or kabupaten tier and not turned down at the
    kabupaten: the ones the RKPD and APBD should take up."""
    t = TierResult
    passed = select(t.proposal_id).where(t.level.in_(_TOP),
                                         t.verdict == ScreeningVerdict.PASSED.value)
    turned_down = select(t.proposal_id).where(
        t.level == PlanningLevel.KABUPATEN.value, t.verdict.is_not(None),
        t.verdict != ScreeningVerdict.PASSED.value)
    p = PlanningProposal
    return p.id.in_(passed) & p.id.not_in(turned_down)


def _stages(session: Session) -> list[tuple[int, str, int]]:
    """(year, stage, usulan) of the accepted usulan still on their way."""
    p = PlanningProposal
    return [(int(y), str(s), int(n)) for y, s, n in session.execute(
        select(p.year, p.realisation, func.count()).where(_accepted())
        .group_by(p.year, p.realisation).order_by(p.year, p.realisation))]


def _realisation_items(session: Session, today: date) -> list[todo.WorkItem]:
    """One line per planning year and step past (or falling due this week) its date."""
    items = []
    for year, stage, count in _stages(session):
        step = next_step(year, stage)
        group = todo.due_group(step.due, today) if step is not None else None
        if step is not None and group is not None:
            items.append(todo.WorkItem(
                group, MODULE, f"Realisasi: {step.what}",
                f"{format_number(count)} usulan tahun rencana {year} "
                f"({Realisation.label_of(stage)})", step.due, todo.Target.PLANNING_TRACKING,
                year, detail=stage))
    return items


def work_items(app: AppContext, actor: Actor) -> list[todo.WorkItem]:
    require(actor, Permission.PLANNING_VIEW)
    today = clock.today()
    items: list[todo.WorkItem] = []
    with unit_of_work(app, write=False) as session:
        if actor.can(Permission.PLANNING_SCREEN) or actor.can(Permission.PLANNING_FINALIZE):
            pending = _pending(session)  # read once for both
            items += _rembuk_items(session, actor, today, pending)
            if actor.can(Permission.PLANNING_SCREEN):  # who opens a rembuk
                items += _awaiting_rembuk(session, pending)
        if actor.can(Permission.PLANNING_ENTER):
            items += _returned(session)
        if actor.can(Permission.PLANNING_TRACK):
            items += _realisation_items(session, today)
    return items


def module_counts(app: AppContext, actor: Actor) -> list[todo.ModuleCount]:
    require(actor, Permission.PLANNING_VIEW)
    today = clock.today()
    with unit_of_work(app, write=False) as session:
        year = latest_year(session)
        p, t = PlanningProposal, TierResult

        def count(stmt: object) -> int:
            return session.scalar(stmt) or 0  # type: ignore[call-overload]

        main = select(func.count(func.distinct(t.proposal_id))).where(
            t.year == year, t.level.in_(_TOP), t.verdict == ScreeningVerdict.PASSED.value,
            t.priority_tier == PriorityTier.MAIN.value)
        late = sum(n for y, stage, n in _stages(session)
                   if (step := next_step(y, stage)) is not None and step.due < today)
        waiting = count(select(func.count()).select_from(Rembuk).where(
            Rembuk.status == RembukStatus.FINAL.value, Rembuk.level != PlanningLevel.KABUPATEN))
        return [
            todo.ModuleCount(MODULE, f"Usulan tahun rencana {year}", count(
                select(func.count()).select_from(p).where(p.year == year))),
            todo.ModuleCount(MODULE, "Usulan belum disaring", sum(
                n for (y, _lv, _rc), n in _pending(session).items() if y == year)),
            todo.ModuleCount(MODULE, "Usulan UTAMA", count(main)),
            todo.ModuleCount(MODULE, "Hasil rembuk menunggu diteruskan", waiting),
            todo.ModuleCount(MODULE, "Realisasi terlambat", late, warn=True),
            todo.ModuleCount(MODULE, "Usulan selesai dikerjakan", count(
                select(func.count()).select_from(p).where(
                    p.realisation == Realisation.DONE.value))),
        ]
