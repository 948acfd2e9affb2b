"""RUKO PARSEL's part of the Beranda: follow-up actions falling due, notulen still in draft,
and the counts a pimpinan reads."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from desktop_app.core.domain import clock
from desktop_app.core.domain.formatting import format_date
from desktop_app.core.domain.roles import Permission
from desktop_app.core.domain.work import (
    ModuleCount,
    Target,
    WorkGroup,
    WorkItem,
    due_group,
    week_end,
)
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.meetings.domain import OPEN_ACTION_STATUSES, ActionStatus, MinutesStatus
from desktop_app.meetings.models import ActionItem, Meeting

MODULE = "RUKO PARSEL"
LIMIT = 100


def work_items(app: AppContext, actor: Actor) -> list[WorkItem]:
    """Open actions due by the end of the week (for those who report on them); notulen in
    draft: one's own for an operator, every held meeting's for whoever may finalise."""
    require(actor, Permission.MEETING_VIEW)
    today = clock.today()
    items: list[WorkItem] = []
    with unit_of_work(app, write=False) as session:
        if actor.can(Permission.ACTION_UPDATE):
            rows = session.execute(
                select(ActionItem.id, ActionItem.what, ActionItem.owner_name,
                       ActionItem.due_date, ActionItem.meeting_id)
                .where(ActionItem.status.in_(OPEN_ACTION_STATUSES),
                       ActionItem.due_date <= week_end(today))
                .order_by(ActionItem.due_date, ActionItem.id).limit(LIMIT))
            for r in rows:
                group = due_group(r.due_date, today)
                if group is not None:
                    items.append(WorkItem(group, MODULE, f"Tindak lanjut: {r.owner_name}",
                                          _short(r.what), r.due_date, Target.ACTION, r.id,
                                          meeting_id=r.meeting_id))
        drafts = (select(Meeting.id, Meeting.title, Meeting.held_on)
                  .where(Meeting.minutes_status == MinutesStatus.DRAFT.value)
                  .order_by(Meeting.held_on, Meeting.id).limit(LIMIT))
        if actor.can(Permission.MEETING_FINALIZE):
            drafts = drafts.where(Meeting.held_on <= today)
            what = "Notulen menunggu finalisasi"
        elif actor.can(Permission.MEETING_EDIT) and actor.user_id is not None:
            drafts = drafts.where(Meeting.created_by_id == actor.user_id)
            what = "Notulen draf Anda"
        else:
            return items
        for m in session.execute(drafts):
            items.append(WorkItem(WorkGroup.WAITING, MODULE, what,
                                  f"{m.title} (rapat {format_date(m.held_on)})", None,
                                  Target.MEETING, m.id))
    return items


def _short(text: str, limit: int = 120) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[:limit - 1].rstrip() + "…"


def module_counts(app: AppContext, actor: Actor) -> list[ModuleCount]:
    require(actor, Permission.MEETING_VIEW)
    today = clock.today()
    with unit_of_work(app, write=False) as session:
        def count(stmt: object) -> int:
            return session.scalar(stmt) or 0  # type: ignore[call-overload]

        actions = select(func.count()).select_from(ActionItem)
        meetings = select(func.count()).select_from(Meeting)
        return [
            ModuleCount(MODULE, f"Rapat tahun {today.year}", count(meetings.where(
                Meeting.held_on >= date(today.year, 1, 1), Meeting.held_on <= today))),
            ModuleCount(MODULE, "Notulen masih draf", count(meetings.where(
                Meeting.minutes_status == MinutesStatus.DRAFT.value))),
            ModuleCount(MODULE, "Tindak lanjut terbuka", count(actions.where(
                ActionItem.status.in_(OPEN_ACTION_STATUSES)))),
            ModuleCount(MODULE, "Tindak lanjut terlambat", count(actions.where(
                ActionItem.status.in_(OPEN_ACTION_STATUSES), ActionItem.due_date < today)),
                warn=True),
            ModuleCount(MODULE, "Tindak lanjut selesai", count(actions.where(
                ActionItem.status == ActionStatus.DONE.value))),
        ]
