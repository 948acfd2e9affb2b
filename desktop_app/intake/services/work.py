"""KULA RAKAT's part of the Beranda: the records waiting for this person today, and the counts
a pimpinan reads."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from desktop_app.core.domain import clock
from desktop_app.core.domain.roles import Permission, Role
from desktop_app.core.domain.work import (
    ModuleCount,
    Target,
    WorkGroup,
    WorkItem,
    due_group,
    week_end,
)
from desktop_app.core.models import OfficeUnit, User
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.intake.domain.submissions import OPEN_STATUSES, Status
from desktop_app.intake.models import Submission

MODULE = "KULA RAKAT"
LIMIT = 100  # per kind of work; the list page shows the rest


def work_items(app: AppContext, actor: Actor) -> list[WorkItem]:
    """Overdue and due-this-week records the actor's role acts on (verify, dispose, follow a
    disposition to their seksi), and records sent back to the person who entered them."""
    require(actor, Permission.SUBMISSION_VIEW)
    today = clock.today()
    with unit_of_work(app, write=False) as session:
        items: list[WorkItem] = []
        horizon = week_end(today)
        if actor.can(Permission.SUBMISSION_VERIFY):
            items += _due(session, Status.DITERIMA, "Perlu diverifikasi", horizon, today)
        if actor.can(Permission.SUBMISSION_DISPOSE):
            items += _due(session, Status.DIVERIFIKASI, "Perlu didisposisi", horizon, today)
        if actor.can(Permission.SUBMISSION_VERIFY) or actor.can(Permission.SUBMISSION_DISPOSE):
            items += _dispositions(session, actor, horizon, today)
        if actor.can(Permission.SUBMISSION_EDIT) and actor.user_id is not None:
            items += _sent_back(session, actor.user_id)
        return items


def _item(group: WorkGroup, what: str, r: Any) -> WorkItem:
    return WorkItem(group, MODULE, what, f"{r.number} · {r.subject}", r.due_date,
                    Target.SUBMISSION, r.id)


def _due(session: Session, status: Status, what: str, horizon: date, today: date,
         unit_id: int | None = None) -> list[WorkItem]:
    """Records in ``status`` due by ``horizon``; a disposition names the seksi it went to."""
    stmt = (select(Submission.id, Submission.number, Submission.subject, Submission.due_date,
                   OfficeUnit.name.label("unit"))
            .outerjoin(OfficeUnit, OfficeUnit.id == Submission.unit_id)
            .where(Submission.status == status.value, Submission.due_date <= horizon)
            .order_by(Submission.due_date, Submission.id).limit(LIMIT))
    if unit_id is not None:
        stmt = stmt.where(Submission.unit_id == unit_id)
    out = []
    for r in session.execute(stmt):
        group = due_group(r.due_date, today)
        if group is not None:
            label = f"{what} ke {r.unit}" if status is Status.DITINDAKLANJUTI and r.unit \
                else what
            out.append(_item(group, label, r))
    return out


def _dispositions(session: Session, actor: Actor, horizon: date, today: date
                  ) -> list[WorkItem]:
    """Disposed records whose due date nears: a verifier of a seksi sees his seksi's, the
    pimpinan and the administrator every seksi's."""
    unit_id = None
    if actor.role is Role.VERIFIER and actor.user_id is not None:
        unit_id = session.scalar(select(User.unit_id).where(User.id == actor.user_id))
    return _due(session, Status.DITINDAKLANJUTI, "Disposisi", horizon, today, unit_id)


def _sent_back(session: Session, user_id: int) -> list[WorkItem]:
    stmt = (select(Submission.id, Submission.number, Submission.subject, Submission.due_date)
            .where(Submission.status == Status.DIKEMBALIKAN.value,
                   Submission.entered_by_id == user_id)
            .order_by(Submission.due_date, Submission.id).limit(LIMIT))
    return [_item(WorkGroup.WAITING, "Dikembalikan, perlu dilengkapi", r)
            for r in session.execute(stmt)]


def module_counts(app: AppContext, actor: Actor) -> list[ModuleCount]:
    """The whole office's records at a glance: open, overdue, and at each step."""
    require(actor, Permission.SUBMISSION_VIEW)
    today = clock.today()
    with unit_of_work(app, write=False) as session:
        by_status: dict[str, int] = {r[0]: r[1] for r in session.execute(
            select(Submission.status, func.count()).group_by(Submission.status))}
        overdue = session.scalar(select(func.count()).select_from(Submission).where(
            and_(Submission.due_date < today, Submission.status.in_(OPEN_STATUSES)))) or 0
        closed_this_year = session.scalar(select(func.count()).select_from(Submission).where(
            Submission.status == Status.SELESAI.value,
            Submission.received_on >= date(today.year, 1, 1))) or 0
    return [
        ModuleCount(MODULE, "Masih terbuka", sum(by_status.get(s, 0) for s in OPEN_STATUSES)),
        ModuleCount(MODULE, "Melewati tenggat", overdue, warn=True),
        ModuleCount(MODULE, "Menunggu verifikasi", by_status.get(Status.DITERIMA.value, 0)),
        ModuleCount(MODULE, "Menunggu disposisi", by_status.get(Status.DIVERIFIKASI.value, 0)),
        ModuleCount(MODULE, "Sedang ditindaklanjuti",
                    by_status.get(Status.DITINDAKLANJUTI.value, 0)),
        ModuleCount(MODULE, f"Selesai tahun {today.year}", closed_this_year),
    ]
