"""The one place REMBUK REMAS talks to the meeting log (RUKO PARSEL's services): a rembuk is a
meeting there, with its attendance, agenda (the data presented) and notulen. The helpers that
take a ``session`` join the caller's unit of work, so a rembuk and its meeting are saved in
one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time

from sqlalchemy.orm import Session

from desktop_app.core.domain.errors import NotFound, ValidationError
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.meetings.services import attendance, listing, minutes, reading
from desktop_app.meetings.services.common import editable_meeting
from desktop_app.meetings.services.dto import AgendaInput, AttendeeInput, MeetingInput

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


def new_meeting(session: Session, actor: Actor, *, title: str, held_on: date,
                start_time: time | None, place: str, chair: tuple[str, str, str],
                minute_taker: tuple[str, str, str], desa_codes: Sequence[str],
                agenda: Sequence[tuple[str, str]]) -> int:
    """A 'rembuk' meeting in the log with its agenda, in the caller's unit of work."""
    data = MeetingInput(
        kind=REMBUK_KIND, title=title, held_on=held_on, start_time=start_time, place=place,
        chair_name=chair[0], chair_position=chair[1], chair_nip=chair[2],
        minute_taker_name=minute_taker[0], minute_taker_position=minute_taker[1],
        minute_taker_nip=minute_taker[2], desa_codes=list(desa_codes))
    meeting = minutes.new_meeting(session, actor, data)
    minutes.replace_agenda(session, actor, meeting,
                           [AgendaInput(item_title, text) for item_title, text in agenda])
    return meeting.id


def check_meeting(session: Session, meeting_id: int) -> None:
    try:
        reading.load_meeting(session, meeting_id)
    except NotFound:
        raise ValidationError(field_errors={"meeting_id": "Rapat yang dipilih tidak ada."}) \
            from None


def add_attendees(session: Session, actor: Actor, meeting_id: int,
                  people: Sequence[Person]) -> None:
    meeting = editable_meeting(session, meeting_id)
    for p in people:
        attendance.new_attendee(session, actor, meeting, AttendeeInput(
            name=p.name, position=p.position, institution=p.institution, gender=p.gender,
            present=p.present))


def facts(session: Session, meeting_id: int) -> MeetingFacts:
    """Read inside the caller's unit of work (printing reads everything in one)."""
    d = reading.load_meeting(session, meeting_id)
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
    for m in listing.list_meetings(app, actor, None, limit=limit_meetings):
        detail = reading.get_meeting(app, actor, m.id)
        for p in detail.problems:
            out.append(RaisedProblem(p.id, detail.id, detail.title, detail.held_on, p.desa_code,
                                     p.desa_name, p.topic_label, p.description, p.answer))
    return out



def problem_in(session: Session, meeting_id: int, problem_id: int) -> RaisedProblem | None:
    """One problem of a meeting, read in the caller's unit of work (None when not there)."""
    try:
        d = reading.load_meeting(session, meeting_id)
    except NotFound:
        return None
    for p in d.problems:
        if p.id == problem_id:
            return RaisedProblem(p.id, d.id, d.title, d.held_on, p.desa_code, p.desa_name,
                                 p.topic_label, p.description, p.answer)
    return None
