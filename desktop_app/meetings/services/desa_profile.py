"""One desa's timeline: its meetings, problems, actions and their progress."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from desktop_app.core.domain.errors import NotFound
from desktop_app.core.domain.roles import Permission
from desktop_app.core.models import Region
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.meetings.domain import (
    OPEN_ACTION_STATUSES,
    ActionStatus,
    MinutesStatus,
    is_overdue,
    problem_status_label,
    status_label,
)
from desktop_app.meetings.models import (
    ActionItem,
    ActionUpdate,
    Meeting,
    MeetingDesa,
    MeetingKind,
    MeetingProblem,
    ProblemTopic,
)
from desktop_app.meetings.services.common import (
    actions_select,
)

# ---- Desa timeline ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEvent:
    on: date
    kind: str  # Rapat | Masalah | Tindak lanjut | Perkembangan
    title: str
    detail: str
    status: str
    meeting_id: int | None
    action_id: int | None = None
    overdue: bool = False


@dataclass
class DesaProfile:
    desa_code: str
    desa_name: str
    meetings: int
    problems: int
    open_actions: int
    overdue_actions: int
    done_actions: int
    events: list[TimelineEvent]


def desa_timeline(app: AppContext, actor: Actor, desa_code: str) -> DesaProfile:
    """Everything the log knows about a desa, newest first: its meetings, the problems it
    raised, the actions for it and their progress."""
    require(actor, Permission.MEETING_VIEW)
    with unit_of_work(app, write=False) as session:
        region = session.get(Region, desa_code)
        if region is None:
            raise NotFound("Desa/kelurahan tidak ditemukan.")
        desa_name = region.name
        topics = dict(session.execute(select(ProblemTopic.code, ProblemTopic.label)).all())
        kinds = dict(session.execute(select(MeetingKind.code, MeetingKind.label)).all())
        events: list[TimelineEvent] = []
        meetings = session.execute(
            select(Meeting).join(MeetingDesa, MeetingDesa.meeting_id == Meeting.id)
            .where(MeetingDesa.desa_code == desa_code)).scalars().all()
        for m in meetings:
            events.append(TimelineEvent(m.held_on, "Rapat", m.title,
                                        f"{kinds.get(m.kind, m.kind)} di {m.place}",
                                        MinutesStatus(m.minutes_status).label, m.id))
        problems = session.execute(
            select(MeetingProblem, Meeting.held_on).join(
                Meeting, Meeting.id == MeetingProblem.meeting_id)
            .where(MeetingProblem.desa_code == desa_code)).all()
        for p, held_on in problems:
            events.append(TimelineEvent(
                held_on, "Masalah", topics.get(p.topic, p.topic), p.description
                + (f"\nJawaban: {p.answer}" if p.answer else ""),
                problem_status_label(p.status), p.meeting_id))
        actions = session.execute(actions_select().where(
            ActionItem.desa_code == desa_code)).all()
        counts = {"open": 0, "overdue": 0, "done": 0}
        for a, _title, held_on in actions:
            overdue = is_overdue(a.due_date, a.status)
            counts["open"] += a.status in OPEN_ACTION_STATUSES
            counts["overdue"] += overdue
            counts["done"] += a.status == ActionStatus.DONE
            due = f" (batas {a.due_date.strftime('%d/%m/%Y')})" if a.due_date else ""
            events.append(TimelineEvent(held_on, "Tindak lanjut", a.what,
                                        f"Penanggung jawab: {a.owner_name}{due}",
                                        status_label(a.status), a.meeting_id, a.id, overdue))
        for u, a in session.execute(
                select(ActionUpdate, ActionItem).join(ActionItem,
                                                      ActionItem.id == ActionUpdate.action_id)
                .where(ActionItem.desa_code == desa_code)).all():
            events.append(TimelineEvent(u.at.date(), "Perkembangan", a.what,
                                        u.note or "-", status_label(u.new_status),
                                        u.meeting_id, a.id))
    order = {"Rapat": 0, "Masalah": 1, "Tindak lanjut": 2, "Perkembangan": 3}
    events.sort(key=lambda e: (e.on, -order.get(e.kind, 9)), reverse=True)
    return DesaProfile(desa_code, desa_name, len(meetings), len(problems), counts["open"],
                       counts["overdue"], counts["done"], events)

