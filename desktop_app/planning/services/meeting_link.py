"""The one place REMBUK REMAS talks to the meeting log (RUKO PARSEL's services): a rembuk is a
meeting there, with its attendance, agenda (the data presented) and notulen."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time

from sqlalchemy.orm import Session

from desktop_app.core.services.context import Actor, AppContext
from desktop_app.meetings.services import meetings as meeting_log

REMBUK_KIND = "rembuk"


@dataclass(frozen=True)
class Person:
    name: str
    position: str
    institution: str
    gender: str | None
    present: bool


@dataclass(frozen=True)
class MeetingFacts:
    """What a berita acara needs from the meeting: when, where, who chaired and attended."""

    id: int
    title: str
    held_on: date
    start_time: time | None
    end_time: time | None
    place: str
    chair_name: str
    chair_position: str
    chair_nip: str
    minute_taker_name: str
    minute_taker_position: str
    minute_taker_nip: str
    attendees: list[Person]
    agreements: list[str]
    final: bool


def create_meeting(app: AppContext, actor: Actor, *, title: str, held_on: date,
                   start_time: time | None, place: str, chair: tuple[str, str, str],
                   minute_taker: tuple[str, str, str], desa_codes: Sequence[str],
                   agenda: Sequence[tuple[str, str]]) -> int:
    """A 'rembuk' meeting in the log with its agenda; returns the meeting id."""
    data = meeting_log.MeetingInput(
        kind=REMBUK_KIND, title=title, held_on=held_on, start_time=start_time, place=place,
        chair_name=chair[0], chair_position=chair[1], chair_nip=chair[2],
        minute_taker_name=minute_taker[0], minute_taker_position=minute_taker[1],
        minute_taker_nip=minute_taker[2], desa_codes=list(desa_codes))
    meeting_id = meeting_log.create_meeting(app, actor, data)
    try:
        meeting_log.save_agenda(app, actor, meeting_id, [
            meeting_log.AgendaInput(item_title, text) for item_title, text in agenda])
    except Exception:
        meeting_log.delete_meeting(app, actor, meeting_id)
        raise
    return meeting_id


def add_attendees(app: AppContext, actor: Actor, meeting_id: int,
                  people: Sequence[Person]) -> None:
    for person in people:
        meeting_log.add_attendee(app, actor, meeting_id, meeting_log.AttendeeInput(
            name=person.name, position=person.position, institution=person.institution,
            gender=person.gender, present=person.present))


def delete_meeting(app: AppContext, actor: Actor, meeting_id: int) -> None:
    meeting_log.delete_meeting(app, actor, meeting_id)


def meeting_exists(app: AppContext, actor: Actor, meeting_id: int) -> bool:
    from desktop_app.core.domain.errors import NotFound

    try:
        meeting_log.get_meeting(app, actor, meeting_id)
    except NotFound:
        return False
    return True


def facts(session: Session, meeting_id: int) -> MeetingFacts:
    """Read inside the caller's unit of work (printing reads everything in one)."""
    d = meeting_log.load_meeting(session, meeting_id)
    return MeetingFacts(
        d.id, d.title, d.held_on, d.start_time, d.end_time, d.place, d.chair_name,
        d.chair_position, d.chair_nip, d.minute_taker_name, d.minute_taker_position,
        d.minute_taker_nip,
        [Person(a.name, a.position, a.group, a.gender, a.present) for a in d.attendees],
        [a.text for a in d.agreements], d.is_final)


@dataclass(frozen=True)
class RaisedProblem:
    id: int
    meeting_id: int
    meeting_title: str
    held_on: date
    desa_code: str | None
    desa_name: str
    topic: str
    description: str
    answer: str


def problems_raised(app: AppContext, actor: Actor, *, limit_meetings: int = 60
                    ) -> list[RaisedProblem]:
    """Problems raised in the latest meetings of the log, newest first."""
    out: list[RaisedProblem] = []
    for m in meeting_log.list_meetings(app, actor, None, limit=limit_meetings):
        detail = meeting_log.get_meeting(app, actor, m.id)
        for p in detail.problems:
            out.append(RaisedProblem(p.id, detail.id, detail.title, detail.held_on, p.desa_code,
                                     p.desa_name, p.topic_label, p.description, p.answer))
    return out
