"""A whole meeting recorded in one call: the API other features use to hold their meetings in
the RUKO PARSEL log (REMBUK REMAS holds its *rembuk* as a meeting of kind ``rembuk``).

    from desktop_app.meetings.services import recording
    from desktop_app.meetings.services.dto import MeetingInput, AttendeeInput, AgendaInput

    meeting_id = recording.record_meeting(app, actor, recording.MeetingRecord(
        MeetingInput(kind="rembuk", title="Rembuk REMAS 2027", held_on=day, desa_codes=[...]),
        agenda=[AgendaInput("Paparan permasalahan makro", "…notulen of the item…")],
        attendees=[AttendeeInput("Nama", "Jabatan", "Bappedalitbang", present=True)],
        agreements=["…"]))

Inside its own unit of work a feature calls ``record_in(session, actor, record)`` instead, so
that its rows and the meeting commit together; it keeps the returned id beside its own data
(e.g. a ``meeting_id`` column) and prints the notulen with ``printing.print_notulen``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from desktop_app.core.domain.roles import Permission
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.meetings.services.attendance import new_attendee
from desktop_app.meetings.services.dto import (
    AgendaInput,
    AttendeeInput,
    InviteeInput,
    MeetingInput,
)
from desktop_app.meetings.services.minutes import (
    new_meeting,
    replace_agenda,
    replace_agreements,
    replace_invitees,
)


@dataclass
class MeetingRecord:
    meeting: MeetingInput
    invitees: Sequence[InviteeInput] = field(default_factory=list)
    agenda: Sequence[AgendaInput] = field(default_factory=list)  # discussion = the notulen
    attendees: Sequence[AttendeeInput] = field(default_factory=list)
    agreements: Sequence[str] = field(default_factory=list)


def record_in(session: Session, actor: Actor, record: MeetingRecord) -> int:
    """The meeting (a draft notulen) and all its parts, in the caller's unit of work; every
    part is validated and audited as if typed in the editor. Returns the meeting's id."""
    meeting = new_meeting(session, actor, record.meeting)
    if record.invitees:
        replace_invitees(session, actor, meeting, record.invitees)
    if record.agenda:
        replace_agenda(session, actor, meeting, record.agenda)
    for person in record.attendees:
        new_attendee(session, actor, meeting, person)
    if record.agreements:
        replace_agreements(session, actor, meeting, record.agreements)
    return meeting.id


def record_meeting(app: AppContext, actor: Actor, record: MeetingRecord) -> int:
    """A whole meeting in one transaction: nothing is kept when any part is refused."""
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        return record_in(session, actor, record)
