"""Plain data of the meeting log passed between the GUI and the services: what a form sends (``*Input``) and what a screen shows (``*Info``, ``MeetingDetail``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from desktop_app.meetings.domain import (
    DEFAULT_PLACE,
    OPEN_ACTION_STATUSES,
    ActionStatus,
    AttendanceCount,
    AttendeeLike,
    InviteeKind,
    MinutesStatus,
    OwnerKind,
    ProblemStatus,
    count_attendance,
    is_overdue,
    problem_status_label,
    status_label,
)

# ---- Input and output dataclasses ------------------------------------------------------------


@dataclass
class MeetingInput:
    kind: str
    title: str
    held_on: date
    start_time: time | None = None
    end_time: time | None = None
    place: str = DEFAULT_PLACE
    chair_name: str = ""
    chair_position: str = ""
    chair_nip: str = ""
    minute_taker_name: str = ""
    minute_taker_position: str = ""
    minute_taker_nip: str = ""
    letter_number: str = ""
    letter_date: date | None = None
    letter_nature: str = "Biasa"
    letter_attachment: str = "-"
    discussion: str = ""
    closing_time: time | None = None
    desa_codes: list[str] = field(default_factory=list)


@dataclass
class InviteeInput:
    name: str
    kind: str = InviteeKind.OTHER.value
    unit_id: int | None = None
    desa_code: str | None = None


@dataclass
class AgendaInput:
    title: str
    discussion: str = ""


@dataclass
class AttendeeInput:
    name: str
    position: str = ""
    institution: str = ""
    desa_code: str | None = None
    phone: str = ""
    gender: str | None = None
    present: bool = True


@dataclass
class ProblemInput:
    topic: str
    description: str
    desa_code: str | None = None
    answer: str = ""
    status: str = ProblemStatus.OPEN.value
    submission_id: int | None = None
    submission_number: str = ""  # e.g. ADU/2026/0007, typed on the form; wins over the id


@dataclass
class ActionInput:
    what: str
    owner_name: str
    owner_kind: str = OwnerKind.UNIT.value
    desa_code: str | None = None
    due_date: date | None = None
    status: str = ActionStatus.OPEN.value
    closing_note: str = ""
    problem_id: int | None = None


@dataclass(frozen=True)
class ListItem:
    code: str
    label: str
    active: bool
    sort_order: int
    version: int = 1  # as loaded; a change sends it back (changed since: refused)


@dataclass(frozen=True)
class InviteeInfo:
    id: int
    name: str
    kind: str
    unit_id: int | None
    desa_code: str | None


@dataclass(frozen=True)
class AgendaInfo:
    id: int
    position: int
    title: str
    discussion: str


@dataclass(frozen=True)
class AttendeeInfo:
    id: int
    position_no: int
    name: str
    position: str
    institution: str
    desa_code: str | None
    desa_name: str
    phone: str
    gender: str | None
    present: bool
    version: int = 1

    @property
    def group(self) -> str:
        return self.institution or (f"Desa {self.desa_name}" if self.desa_name else "")

    def to_input(self) -> AttendeeInput:
        return AttendeeInput(self.name, self.position, self.institution, self.desa_code,
                             self.phone, self.gender, self.present)


@dataclass(frozen=True)
class ProblemInfo:
    id: int
    position: int
    desa_code: str | None
    desa_name: str
    topic: str
    topic_label: str
    description: str
    answer: str
    status: str
    submission_id: int | None
    submission_number: str
    version: int = 1

    @property
    def status_label(self) -> str:
        return problem_status_label(self.status)

    def to_input(self) -> ProblemInput:
        return ProblemInput(self.topic, self.description, self.desa_code, self.answer,
                            self.status, self.submission_id, self.submission_number)


@dataclass(frozen=True)
class AgreementInfo:
    id: int
    number: int
    text: str


@dataclass(frozen=True)
class ActionRow:
    id: int
    meeting_id: int
    meeting_title: str
    meeting_date: date
    what: str
    owner_kind: str
    owner_name: str
    desa_code: str | None
    desa_name: str
    due_date: date | None
    status: str
    closing_note: str
    done_on: date | None
    problem_id: int | None = None
    version: int = 1  # what the edit dialog sends back (optimistic locking)

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def overdue(self) -> bool:
        return is_overdue(self.due_date, self.status)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES

    def to_input(self) -> ActionInput:
        return ActionInput(self.what, self.owner_name, self.owner_kind, self.desa_code,
                           self.due_date, self.status, self.closing_note, self.problem_id)


@dataclass(frozen=True)
class ActionUpdateInfo:
    id: int
    action_id: int
    action_what: str
    action_owner: str
    meeting_id: int | None
    note: str
    old_status: str
    new_status: str
    by_name: str
    at: datetime

    @property
    def new_status_label(self) -> str:
        return status_label(self.new_status)


@dataclass(frozen=True)
class AddendumInfo:
    id: int
    text: str
    by_name: str
    at: datetime


@dataclass(frozen=True)
class PhotoInfo:
    id: int
    stored_name: str
    filename: str
    caption: str


@dataclass
class MeetingDetail:
    id: int
    kind: str
    kind_label: str
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
    letter_number: str
    letter_date: date | None
    letter_nature: str
    letter_attachment: str
    minutes_status: str
    finalized_at: datetime | None
    finalized_by_name: str
    closing_time: time | None
    discussion: str
    desa: list[tuple[str, str]]
    invitees: list[InviteeInfo]
    agenda: list[AgendaInfo]
    attendees: list[AttendeeInfo]
    problems: list[ProblemInfo]
    agreements: list[AgreementInfo]
    actions: list[ActionRow]
    discussed_updates: list[ActionUpdateInfo]
    addenda: list[AddendumInfo]
    photos: list[PhotoInfo]
    prepared_from_id: int | None = None
    version: int = 1  # the meeting's version: what the editor's saves send back

    @property
    def is_final(self) -> bool:
        return self.minutes_status == MinutesStatus.FINAL

    @property
    def desa_codes(self) -> list[str]:
        return [code for code, _ in self.desa]

    @property
    def desa_names(self) -> list[str]:
        return [name for _, name in self.desa]

    @property
    def attendance(self) -> AttendanceCount:
        return count_attendance(AttendeeLike(a.group, a.gender, a.present)
                                for a in self.attendees)

    def to_input(self) -> MeetingInput:
        return MeetingInput(
            kind=self.kind, title=self.title, held_on=self.held_on, start_time=self.start_time,
            end_time=self.end_time, place=self.place, chair_name=self.chair_name,
            chair_position=self.chair_position, chair_nip=self.chair_nip,
            minute_taker_name=self.minute_taker_name,
            minute_taker_position=self.minute_taker_position,
            minute_taker_nip=self.minute_taker_nip, letter_number=self.letter_number,
            letter_date=self.letter_date, letter_nature=self.letter_nature,
            letter_attachment=self.letter_attachment, discussion=self.discussion,
            closing_time=self.closing_time, desa_codes=self.desa_codes,
        )

