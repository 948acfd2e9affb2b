"""The RUKO PARSEL recap for a period: the evidence for the regional innovation index."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.core.domain.errors import ValidationError
from desktop_app.core.domain.roles import Permission
from desktop_app.core.models import Region
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.meetings.domain import (
    MinutesStatus,
    Timeliness,
    timeliness,
)
from desktop_app.meetings.models import (
    ActionItem,
    Attendee,
    Meeting,
    MeetingDesa,
    MeetingKind,
    MeetingProblem,
    ProblemTopic,
)

# ---- Recap for a period ----------------------------------------------------------------------


@dataclass
class Recap:
    date_from: date
    date_to: date
    meetings: int
    final_meetings: int
    attendees_present: int
    meetings_per_desa: list[tuple[str, int]]
    meetings_per_kind: list[tuple[str, int]]
    problems: int
    problems_per_topic: list[tuple[str, int]]
    actions: int
    done_on_time: int
    done_late: int
    open: int
    overdue: int
    cancelled: int

    @property
    def completion_rate(self) -> float:
        closed = self.actions - self.cancelled
        return (self.done_on_time + self.done_late) / closed * 100 if closed else 0.0


def period_recap(session: Session, date_from: date, date_to: date,
                 today: date | None = None) -> Recap:
    if date_to < date_from:
        raise ValidationError(field_errors={"date_to": "Tanggal akhir sebelum tanggal awal."})
    in_period = (Meeting.held_on >= date_from, Meeting.held_on <= date_to)
    total = session.scalar(select(func.count(Meeting.id)).where(*in_period)) or 0
    final = session.scalar(select(func.count(Meeting.id)).where(
        *in_period, Meeting.minutes_status == MinutesStatus.FINAL.value)) or 0
    present = session.scalar(
        select(func.count(Attendee.id)).join(Meeting, Meeting.id == Attendee.meeting_id)
        .where(*in_period, Attendee.present.is_(True))) or 0
    per_desa = session.execute(
        select(Region.name, func.count(MeetingDesa.meeting_id))
        .join(MeetingDesa, MeetingDesa.desa_code == Region.code)
        .join(Meeting, Meeting.id == MeetingDesa.meeting_id).where(*in_period)
        .group_by(Region.name).order_by(func.count(MeetingDesa.meeting_id).desc(),
                                        Region.name)).all()
    per_kind = session.execute(
        select(MeetingKind.label, func.count(Meeting.id))
        .join(Meeting, Meeting.kind == MeetingKind.code).where(*in_period)
        .group_by(MeetingKind.label).order_by(func.count(Meeting.id).desc(),
                                              MeetingKind.label)).all()
    per_topic = session.execute(
        select(ProblemTopic.label, func.count(MeetingProblem.id))
        .join(MeetingProblem, MeetingProblem.topic == ProblemTopic.code)
        .join(Meeting, Meeting.id == MeetingProblem.meeting_id).where(*in_period)
        .group_by(ProblemTopic.label).order_by(func.count(MeetingProblem.id).desc(),
                                               ProblemTopic.label)).all()
    problems = sum(n for _, n in per_topic)
    actions = session.execute(
        select(ActionItem.status, ActionItem.due_date, ActionItem.done_on)
        .join(Meeting, Meeting.id == ActionItem.meeting_id).where(*in_period)).all()
    counts = {t: 0 for t in Timeliness}
    for status, due, done_on in actions:
        counts[timeliness(status, due, done_on, today)] += 1
    return Recap(
        date_from=date_from, date_to=date_to, meetings=total, final_meetings=final,
        attendees_present=present, meetings_per_desa=[(n, c) for n, c in per_desa],
        meetings_per_kind=[(n, c) for n, c in per_kind], problems=problems,
        problems_per_topic=[(n, c) for n, c in per_topic], actions=len(actions),
        done_on_time=counts[Timeliness.ON_TIME], done_late=counts[Timeliness.LATE],
        open=counts[Timeliness.OPEN] + counts[Timeliness.OVERDUE],
        overdue=counts[Timeliness.OVERDUE], cancelled=counts[Timeliness.CANCELLED],
    )


def recap(app: AppContext, actor: Actor, date_from: date, date_to: date,
          today: date | None = None) -> Recap:
    """Meetings per desa, problems per topic, actions done on time / late / open, for the
    meetings held in the period: the evidence reported for the regional innovation index."""
    require(actor, Permission.MEETING_VIEW)
    with unit_of_work(app, write=False) as session:
        return period_recap(session, date_from, date_to, today)
