"""RUKO PARSEL use cases: the meeting log (data, desa, invitees, agenda, attendance, problems,
agreements, follow-up actions), the minutes lifecycle (draft → final, then addenda only),
follow-up across meetings, the action tracker, desa timelines, search and the period recap."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from desktop_app.core.domain import clock
from desktop_app.core.domain.errors import ConflictError, NotFound, ValidationError
from desktop_app.core.domain.identity import check_phone
from desktop_app.core.domain.roles import Permission
from desktop_app.core.models import OfficeUnit, Region
from desktop_app.core.services import audit, regions, settings
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.core.services.settings import read_setting
from desktop_app.db.base import utcnow
from desktop_app.intake.services import links as submission_links
from desktop_app.meetings.domain import (
    DEFAULT_PLACE,
    OPEN_ACTION_STATUSES,
    ActionStatus,
    AttendanceCount,
    AttendeeLike,
    Gender,
    InviteeKind,
    MinutesStatus,
    OwnerKind,
    ProblemStatus,
    Timeliness,
    count_attendance,
    is_overdue,
    problem_status_label,
    slug,
    status_label,
    timeliness,
)
from desktop_app.meetings.models import (
    ActionItem,
    ActionUpdate,
    AgendaItem,
    Agreement,
    Attendee,
    Meeting,
    MeetingAddendum,
    MeetingDesa,
    MeetingInvitee,
    MeetingKind,
    MeetingPhoto,
    MeetingProblem,
    ProblemTopic,
)

INVITATION_CODE = settings.MEETINGS_INVITATION_CODE

LOCKED_MESSAGE = ("Notulen rapat ini sudah final dan terkunci; perubahan hanya dapat dicatat "
                  "sebagai addendum.")


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

    @property
    def status_label(self) -> str:
        return problem_status_label(self.status)

    def to_input(self) -> ProblemInput:
        return ProblemInput(self.topic, self.description, self.desa_code, self.answer,
                            self.status, self.submission_id)


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


# ---- Helpers ---------------------------------------------------------------------------------


def _names(session: Session) -> dict[str, str]:
    return regions.names(session)


def _get_meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("Rapat tidak ditemukan.")
    return meeting


def _editable(session: Session, meeting_id: int) -> Meeting:
    """The meeting, locked against concurrent writers; refuses a finalised notulen."""
    meeting = session.execute(
        select(Meeting).where(Meeting.id == meeting_id).with_for_update()
    ).scalar_one_or_none()
    if meeting is None:
        raise NotFound("Rapat tidak ditemukan.")
    if meeting.minutes_status == MinutesStatus.FINAL:
        raise ConflictError(LOCKED_MESSAGE)
    return meeting


def _touch(meeting: Meeting) -> None:
    meeting.updated_at = utcnow()


def _editable_child(session: Session, model: Any, row_id: int,
                    missing: str) -> tuple[Any, Meeting]:
    """A row that belongs to a meeting (attendee, problem, action, photo) and its meeting,
    which must still be a draft."""
    row = session.get(model, row_id)
    if row is None:
        raise NotFound(missing)
    return row, _editable(session, row.meeting_id)


def _next_position(session: Session, column: Any, meeting_column: Any, meeting_id: int) -> int:
    return (session.scalar(select(func.max(column)).where(meeting_column == meeting_id)) or 0) + 1


def _assign(row: Any, values: dict[str, Any]) -> None:
    for key, value in values.items():
        setattr(row, key, value)


def _check_desa(session: Session, code: str | None, key: str = "desa_code") -> str | None:
    code = (code or "").strip() or None
    if code is None:
        return None
    region = session.get(Region, code)
    if region is None or region.level not in ("desa", "kelurahan"):
        raise ValidationError(field_errors={key: "Desa/kelurahan tidak dikenal."})
    return code


def _check_time_order(start: time | None, end: time | None, errors: dict[str, str]) -> None:
    if start and end and end <= start:
        errors["end_time"] = "Jam selesai harus sesudah jam mulai."


def _validate_meeting(session: Session, data: MeetingInput) -> dict[str, Any]:
    errors: dict[str, str] = {}
    kind = session.get(MeetingKind, data.kind or "")
    if kind is None:
        errors["kind"] = "Pilih jenis rapat."
    title = (data.title or "").strip()
    if not title:
        errors["title"] = "Judul/acara rapat wajib diisi."
    if not isinstance(data.held_on, date):
        errors["held_on"] = "Tanggal rapat wajib diisi."
    _check_time_order(data.start_time, data.end_time, errors)
    if data.closing_time and data.start_time and data.closing_time < data.start_time:
        errors["closing_time"] = "Jam penutupan tidak boleh sebelum jam mulai."
    for key in ("chair_nip", "minute_taker_nip"):
        nip = "".join((getattr(data, key) or "").split())
        if nip and (len(nip) != 18 or not nip.isdigit()):
            errors[key] = "NIP harus 18 digit."
    codes: list[str] = []
    for code in data.desa_codes:
        region = session.get(Region, code)
        if region is None or region.level not in ("desa", "kelurahan"):
            errors["desa_codes"] = f"Desa/kelurahan {code} tidak dikenal."
        elif code not in codes:
            codes.append(code)
    if errors:
        raise ValidationError(field_errors=errors)
    return {
        "kind": data.kind, "title": title, "held_on": data.held_on,
        "start_time": data.start_time, "end_time": data.end_time,
        "place": (data.place or "").strip() or DEFAULT_PLACE,
        "chair_name": data.chair_name.strip(), "chair_position": data.chair_position.strip(),
        "chair_nip": "".join(data.chair_nip.split()),
        "minute_taker_name": data.minute_taker_name.strip(),
        "minute_taker_position": data.minute_taker_position.strip(),
        "minute_taker_nip": "".join(data.minute_taker_nip.split()),
        "letter_number": data.letter_number.strip(), "letter_date": data.letter_date,
        "letter_nature": data.letter_nature.strip() or "Biasa",
        "letter_attachment": data.letter_attachment.strip() or "-",
        "discussion": (data.discussion or "").strip(), "closing_time": data.closing_time,
        "_desa": codes,
    }


def _set_desa(session: Session, meeting_id: int, codes: Sequence[str]) -> None:
    session.execute(delete(MeetingDesa).where(MeetingDesa.meeting_id == meeting_id))
    for code in codes:
        session.add(MeetingDesa(meeting_id=meeting_id, desa_code=code))


def _desa_of(session: Session, meeting_id: int) -> list[str]:
    return list(session.scalars(select(MeetingDesa.desa_code).where(
        MeetingDesa.meeting_id == meeting_id).order_by(MeetingDesa.desa_code)))


# ---- Meeting kinds and problem topics (admin-editable lists) ---------------------------------


def list_kinds(app: AppContext, *, include_inactive: bool = False) -> list[ListItem]:
    with unit_of_work(app, write=False) as session:
        stmt = select(MeetingKind).order_by(MeetingKind.sort_order, MeetingKind.label)
        if not include_inactive:
            stmt = stmt.where(MeetingKind.active.is_(True))
        return [ListItem(k.code, k.label, k.active, k.sort_order) for k in session.scalars(stmt)]


def list_topics(app: AppContext, *, include_inactive: bool = False) -> list[ListItem]:
    with unit_of_work(app, write=False) as session:
        stmt = select(ProblemTopic).order_by(ProblemTopic.sort_order, ProblemTopic.label)
        if not include_inactive:
            stmt = stmt.where(ProblemTopic.active.is_(True))
        return [ListItem(t.code, t.label, t.active, t.sort_order) for t in session.scalars(stmt)]


def _save_list_item(app: AppContext, actor: Actor, model: type, entity: str, noun: str,
                    code: str | None, label: str, active: bool) -> str:
    require(actor, Permission.MANAGE_OFFICE)
    label = (label or "").strip()
    if not label:
        raise ValidationError(field_errors={"label": f"Nama {noun} wajib diisi."})
    with unit_of_work(app) as session:
        clash = session.scalar(select(model.code).where(  # type: ignore[attr-defined]
            func.lower(model.label) == label.lower()))  # type: ignore[attr-defined]
        if clash and clash != code:
            raise ConflictError(f"{noun.capitalize()} '{label}' sudah ada.")
        if code is None:
            new_code = slug(label)
            base, n = new_code, 2
            while session.get(model, new_code) is not None:
                new_code = f"{base[:36]}_{n}"
                n += 1
            last = session.scalar(select(func.max(model.sort_order))) or 0  # type: ignore
            row = model(code=new_code, label=label, active=active, sort_order=last + 1)
            session.add(row)
            session.flush()
            audit.record(session, actor, "create", entity, new_code, after=audit.snapshot(row),
                         summary=f"{noun.capitalize()} baru: {label}")
            return new_code
        row = session.get(model, code)
        if row is None:
            raise NotFound(f"{noun.capitalize()} tidak ditemukan.")
        before = audit.snapshot(row)
        row.label, row.active = label, active
        session.flush()
        audit.record(session, actor, "update", entity, code, before=before,
                     after=audit.snapshot(row), summary=f"Ubah {noun}: {label}")
        return code


def save_kind(app: AppContext, actor: Actor, code: str | None, label: str,
              active: bool = True) -> str:
    return _save_list_item(app, actor, MeetingKind, "meeting_kind", "jenis rapat", code, label,
                           active)


def save_topic(app: AppContext, actor: Actor, code: str | None, label: str,
               active: bool = True) -> str:
    return _save_list_item(app, actor, ProblemTopic, "problem_topic", "topik masalah", code,
                           label, active)


# ---- Meetings: create, update, delete ---------------------------------------------------------


def create_meeting(app: AppContext, actor: Actor, data: MeetingInput, *,
                   prepared_from_id: int | None = None) -> int:
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        clean = _validate_meeting(session, data)
        codes = clean.pop("_desa")
        meeting = Meeting(**clean, minutes_status=MinutesStatus.DRAFT.value,
                          created_by_id=actor.user_id, prepared_from_id=prepared_from_id)
        session.add(meeting)
        session.flush()
        _set_desa(session, meeting.id, codes)
        audit.record(session, actor, "create", "meeting", meeting.id,
                     after={**audit.snapshot(meeting), "desa": codes},
                     summary=f"Rapat baru: {meeting.title} ({meeting.held_on.isoformat()})")
        return meeting.id


def update_meeting(app: AppContext, actor: Actor, meeting_id: int, data: MeetingInput) -> None:
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        meeting = _editable(session, meeting_id)
        clean = _validate_meeting(session, data)
        codes = clean.pop("_desa")
        before = {**audit.snapshot(meeting), "desa": _desa_of(session, meeting_id)}
        for key, value in clean.items():
            setattr(meeting, key, value)
        _set_desa(session, meeting_id, codes)
        session.flush()
        audit.record(session, actor, "update", "meeting", meeting_id, before=before,
                     after={**audit.snapshot(meeting), "desa": sorted(codes)},
                     summary=f"Ubah data rapat {meeting.title}")


def delete_meeting(app: AppContext, actor: Actor, meeting_id: int) -> None:
    """Only a draft can be deleted; its own actions go with it."""
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        meeting = _editable(session, meeting_id)
        before = audit.snapshot(meeting)
        own = list(session.scalars(select(ActionItem.id).where(
            ActionItem.meeting_id == meeting_id)))
        if own:
            discussed_later = session.scalar(select(func.count(ActionUpdate.id)).where(
                ActionUpdate.action_id.in_(own),
                or_(ActionUpdate.meeting_id.is_(None), ActionUpdate.meeting_id != meeting_id)))
            if discussed_later:
                raise ConflictError("Tindak lanjut rapat ini sudah dibahas/diperbarui di tempat "
                                    "lain; rapat tidak dapat dihapus.")
            session.execute(delete(ActionUpdate).where(ActionUpdate.action_id.in_(own)))
            session.execute(delete(ActionItem).where(ActionItem.id.in_(own)))
        session.execute(update(ActionUpdate).where(ActionUpdate.meeting_id == meeting_id)
                        .values(meeting_id=None))
        session.execute(update(Meeting).where(Meeting.prepared_from_id == meeting_id)
                        .values(prepared_from_id=None))
        for model in (MeetingDesa, MeetingInvitee, AgendaItem, Attendee, MeetingProblem,
                      Agreement, MeetingAddendum, MeetingPhoto):
            session.execute(delete(model).where(model.meeting_id == meeting_id))
        session.delete(meeting)
        audit.record(session, actor, "delete", "meeting", meeting_id, before=before,
                     summary=f"Hapus rapat (draf) {before['title']}")


# ---- Invitees, agenda, agreements: edited as whole ordered lists ----------------------------


def save_invitees(app: AppContext, actor: Actor, meeting_id: int,
                  invitees: Sequence[InviteeInput]) -> None:
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        meeting = _editable(session, meeting_id)
        before = [i.name for i in session.scalars(select(MeetingInvitee).where(
            MeetingInvitee.meeting_id == meeting_id).order_by(MeetingInvitee.position))]
        session.execute(delete(MeetingInvitee).where(MeetingInvitee.meeting_id == meeting_id))
        names = []
        for pos, inv in enumerate(invitees, start=1):
            name = (inv.name or "").strip()
            if not name:
                continue
            try:
                kind = InviteeKind(inv.kind).value
            except ValueError:
                kind = InviteeKind.OTHER.value
            session.add(MeetingInvitee(meeting_id=meeting_id, position=pos, kind=kind,
                                       name=name, unit_id=inv.unit_id,
                                       desa_code=_check_desa(session, inv.desa_code)))
            names.append(name)
        _touch(meeting)
        audit.record(session, actor, "update", "meeting_invitees", meeting_id,
                     before={"invitees": before}, after={"invitees": names},
                     summary=f"Undangan rapat {meeting.title}: {len(names)} tujuan")


def save_agenda(app: AppContext, actor: Actor, meeting_id: int,
                items: Sequence[AgendaInput]) -> None:
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        meeting = _editable(session, meeting_id)
        before = [(a.title, a.discussion) for a in session.scalars(select(AgendaItem).where(
            AgendaItem.meeting_id == meeting_id).order_by(AgendaItem.position))]
        after = []
        for item in items:
            title = (item.title or "").strip()
            if not title and (item.discussion or "").strip():
                raise ValidationError(field_errors={"agenda": "Setiap acara perlu judul."})
            if title:
                after.append((title, (item.discussion or "").strip()))
        session.execute(delete(AgendaItem).where(AgendaItem.meeting_id == meeting_id))
        for pos, (title, discussion) in enumerate(after, start=1):
            session.add(AgendaItem(meeting_id=meeting_id, position=pos, title=title,
                                   discussion=discussion))
        _touch(meeting)
        audit.record(session, actor, "update", "agenda", meeting_id,
                     before={"agenda": before}, after={"agenda": after},
                     summary=f"Agenda rapat {meeting.title}: {len(after)} acara")


def save_agreements(app: AppContext, actor: Actor, meeting_id: int,
                    texts: Sequence[str]) -> None:
    """The kesepakatan, numbered 1..n in the given order."""
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        meeting = _editable(session, meeting_id)
        before = [a.text for a in session.scalars(select(Agreement).where(
            Agreement.meeting_id == meeting_id).order_by(Agreement.number))]
        after = [t.strip() for t in texts if (t or "").strip()]
        session.execute(delete(Agreement).where(Agreement.meeting_id == meeting_id))
        for number, text in enumerate(after, start=1):
            session.add(Agreement(meeting_id=meeting_id, number=number, text=text))
        _touch(meeting)
        audit.record(session, actor, "update", "agreements", meeting_id,
                     before={"agreements": before}, after={"agreements": after},
                     summary=f"Kesepakatan rapat {meeting.title}: {len(after)} butir")


# ---- Attendance ------------------------------------------------------------------------------


def _clean_attendee(session: Session, data: AttendeeInput) -> dict[str, Any]:
    errors: dict[str, str] = {}
    name = (data.name or "").strip()
    if not name:
        errors["name"] = "Nama peserta wajib diisi."
    phone = check_phone(data.phone or "")
    if phone.error:
        errors["phone"] = phone.error
    gender = (data.gender or "").strip().upper() or None
    if gender and gender not in (Gender.MALE.value, Gender.FEMALE.value):
        errors["gender"] = "Jenis kelamin L atau P."
    if errors:
        raise ValidationError(field_errors=errors)
    return {"name": name, "position": (data.position or "").strip(),
            "institution": (data.institution or "").strip(),
            "desa_code": _check_desa(session, data.desa_code),
            "phone": phone.value or "", "gender": gender, "present": bool(data.present)}


def add_attendee(app: AppContext, actor: Actor, meeting_id: int, data: AttendeeInput) -> int:
    """Add one person (also quickly, as people arrive: only the name is required)."""
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        meeting = _editable(session, meeting_id)
        clean = _clean_attendee(session, data)
        position = _next_position(session, Attendee.position_no, Attendee.meeting_id,
                                  meeting_id)
        row = Attendee(meeting_id=meeting_id, position_no=position, **clean)
        session.add(row)
        session.flush()
        _touch(meeting)
        audit.record(session, actor, "create", "attendee", row.id,
                     after={**clean, "meeting_id": meeting_id},
                     summary=f"Peserta {row.name} pada rapat {meeting.title}")
        return row.id


def update_attendee(app: AppContext, actor: Actor, attendee_id: int,
                    data: AttendeeInput) -> None:
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        row, meeting = _editable_child(session, Attendee, attendee_id,
                                       "Peserta tidak ditemukan.")
        clean = _clean_attendee(session, data)
        before = audit.snapshot(row)
        _assign(row, clean)
        session.flush()
        _touch(meeting)
        audit.record(session, actor, "update", "attendee", row.id, before=before,
                     after=audit.snapshot(row), summary=f"Ubah peserta {row.name}")


def set_present(app: AppContext, actor: Actor, attendee_id: int, present: bool) -> None:
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        row, _meeting = _editable_child(session, Attendee, attendee_id,
                                        "Peserta tidak ditemukan.")
        before = {"present": row.present}
        row.present = bool(present)
        audit.record(session, actor, "update", "attendee", row.id, before=before,
                     after={"present": row.present},
                     summary=f"{row.name} {'hadir' if present else 'tidak hadir'}")


def delete_attendee(app: AppContext, actor: Actor, attendee_id: int) -> None:
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        row, _meeting = _editable_child(session, Attendee, attendee_id,
                                        "Peserta tidak ditemukan.")
        before = audit.snapshot(row)
        session.delete(row)
        audit.record(session, actor, "delete", "attendee", attendee_id, before=before,
                     summary=f"Hapus peserta {before['name']}")


def copy_attendees(app: AppContext, actor: Actor, meeting_id: int, from_meeting_id: int, *,
                   present: bool = False) -> int:
    """Copy the people of an earlier meeting (not yet marked present unless asked); people
    already on the list (same name and institution) are skipped. Returns how many were added."""
    require(actor, Permission.MEETING_EDIT)
    if meeting_id == from_meeting_id:
        raise ValidationError("Pilih rapat lain sebagai sumber daftar peserta.")
    with unit_of_work(app) as session:
        meeting = _editable(session, meeting_id)
        source = _get_meeting(session, from_meeting_id)
        existing = {(a.name.lower(), a.institution.lower()) for a in session.scalars(
            select(Attendee).where(Attendee.meeting_id == meeting_id))}
        last = _next_position(session, Attendee.position_no, Attendee.meeting_id,
                              meeting_id) - 1
        added = 0
        for a in session.scalars(select(Attendee).where(
                Attendee.meeting_id == from_meeting_id).order_by(Attendee.position_no)):
            key = (a.name.lower(), a.institution.lower())
            if key in existing:
                continue
            existing.add(key)
            last += 1
            added += 1
            session.add(Attendee(meeting_id=meeting_id, position_no=last, name=a.name,
                                 position=a.position, institution=a.institution,
                                 desa_code=a.desa_code, phone=a.phone, gender=a.gender,
                                 present=present))
        _touch(meeting)
        audit.record(session, actor, "create", "attendee", "*",
                     after={"meeting_id": meeting_id, "from_meeting_id": from_meeting_id,
                            "count": added},
                     summary=f"Salin {added} peserta dari rapat {source.title}")
        return added


# ---- Problems --------------------------------------------------------------------------------


def _clean_problem(session: Session, data: ProblemInput) -> dict[str, Any]:
    errors: dict[str, str] = {}
    if session.get(ProblemTopic, data.topic or "") is None:
        errors["topic"] = "Pilih topik masalah."
    description = (data.description or "").strip()
    if not description:
        errors["description"] = "Uraian masalah wajib diisi."
    try:
        status = ProblemStatus(data.status).value
    except ValueError:
        errors["status"] = "Status masalah tidak dikenal."
        status = ProblemStatus.OPEN.value
    if data.submission_id is not None and not submission_links.exists(session,
                                                                     data.submission_id):
        errors["submission_id"] = "Data KULA RAKAT yang ditautkan tidak ditemukan."
    if errors:
        raise ValidationError(field_errors=errors)
    return {"topic": data.topic, "description": description,
            "desa_code": _check_desa(session, data.desa_code),
            "answer": (data.answer or "").strip(), "status": status,
            "submission_id": data.submission_id}


def add_problem(app: AppContext, actor: Actor, meeting_id: int, data: ProblemInput) -> int:
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        meeting = _editable(session, meeting_id)
        clean = _clean_problem(session, data)
        position = _next_position(session, MeetingProblem.position, MeetingProblem.meeting_id,
                                  meeting_id)
        row = MeetingProblem(meeting_id=meeting_id, position=position, **clean)
        session.add(row)
        session.flush()
        _touch(meeting)
        audit.record(session, actor, "create", "problem", row.id,
                     after={**clean, "meeting_id": meeting_id},
                     summary=f"Masalah pada rapat {meeting.title}: {clean['description'][:80]}")
        return row.id


def update_problem(app: AppContext, actor: Actor, problem_id: int, data: ProblemInput) -> None:
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        row, meeting = _editable_child(session, MeetingProblem, problem_id,
                                       "Masalah tidak ditemukan.")
        clean = _clean_problem(session, data)
        before = audit.snapshot(row)
        _assign(row, clean)
        session.flush()
        _touch(meeting)
        audit.record(session, actor, "update", "problem", row.id, before=before,
                     after=audit.snapshot(row), summary="Ubah masalah rapat")


def delete_problem(app: AppContext, actor: Actor, problem_id: int) -> None:
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        row, _meeting = _editable_child(session, MeetingProblem, problem_id,
                                        "Masalah tidak ditemukan.")
        before = audit.snapshot(row)
        session.execute(update(ActionItem).where(ActionItem.problem_id == problem_id)
                        .values(problem_id=None))
        session.delete(row)
        audit.record(session, actor, "delete", "problem", problem_id, before=before,
                     summary="Hapus masalah rapat")


# ---- Follow-up actions -----------------------------------------------------------------------


def _clean_action(session: Session, data: ActionInput, meeting_id: int) -> dict[str, Any]:
    errors: dict[str, str] = {}
    what = (data.what or "").strip()
    if not what:
        errors["what"] = "Uraian tindak lanjut wajib diisi."
    owner = (data.owner_name or "").strip()
    if not owner:
        errors["owner_name"] = "Penanggung jawab wajib diisi."
    try:
        owner_kind = OwnerKind(data.owner_kind).value
    except ValueError:
        errors["owner_kind"] = "Jenis penanggung jawab tidak dikenal."
        owner_kind = OwnerKind.UNIT.value
    try:
        status = ActionStatus(data.status).value
    except ValueError:
        errors["status"] = "Status tindak lanjut tidak dikenal."
        status = ActionStatus.OPEN.value
    if data.problem_id is not None:
        problem = session.get(MeetingProblem, data.problem_id)
        if problem is None or problem.meeting_id != meeting_id:
            errors["problem_id"] = "Masalah yang ditautkan bukan dari rapat ini."
    if errors:
        raise ValidationError(field_errors=errors)
    return {"what": what, "owner_name": owner, "owner_kind": owner_kind,
            "desa_code": _check_desa(session, data.desa_code), "due_date": data.due_date,
            "status": status, "closing_note": (data.closing_note or "").strip(),
            "problem_id": data.problem_id}


def add_action(app: AppContext, actor: Actor, meeting_id: int, data: ActionInput) -> int:
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        meeting = _editable(session, meeting_id)
        clean = _clean_action(session, data, meeting_id)
        if clean["status"] == ActionStatus.DONE:
            clean["done_on"] = meeting.held_on
        row = ActionItem(meeting_id=meeting_id, **clean)
        session.add(row)
        session.flush()
        _touch(meeting)
        audit.record(session, actor, "create", "action", row.id, after=audit.snapshot(row),
                     summary=f"Tindak lanjut: {row.what[:80]} ({row.owner_name})")
        return row.id


def update_action(app: AppContext, actor: Actor, action_id: int, data: ActionInput) -> None:
    """Edit an action as agreed (only while its meeting's notulen is a draft)."""
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        row, meeting = _editable_child(session, ActionItem, action_id,
                                       "Tindak lanjut tidak ditemukan.")
        clean = _clean_action(session, data, row.meeting_id)
        before = audit.snapshot(row)
        if clean["status"] == ActionStatus.DONE and row.status != ActionStatus.DONE:
            clean["done_on"] = clock.today()
        elif clean["status"] != ActionStatus.DONE:
            clean["done_on"] = None
        _assign(row, clean)
        session.flush()
        _touch(meeting)
        audit.record(session, actor, "update", "action", row.id, before=before,
                     after=audit.snapshot(row), summary=f"Ubah tindak lanjut: {row.what[:80]}")


def delete_action(app: AppContext, actor: Actor, action_id: int) -> None:
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        row, _meeting = _editable_child(session, ActionItem, action_id,
                                        "Tindak lanjut tidak ditemukan.")
        if session.scalar(select(func.count(ActionUpdate.id)).where(
                ActionUpdate.action_id == action_id)):
            raise ConflictError("Tindak lanjut ini sudah punya riwayat pembaruan; ubah statusnya "
                                "menjadi dibatalkan.")
        before = audit.snapshot(row)
        session.delete(row)
        audit.record(session, actor, "delete", "action", action_id, before=before,
                     summary=f"Hapus tindak lanjut: {before['what'][:80]}")


def record_action_update(app: AppContext, actor: Actor, action_id: int, new_status: str,
                         note: str = "", *, meeting_id: int | None = None,
                         done_on: date | None = None) -> int:
    """The progress of an action: discussed in a (draft) meeting, or from the tracker.
    Closing it (done or cancelled) needs a note."""
    require(actor, Permission.ACTION_UPDATE)
    try:
        status = ActionStatus(new_status)
    except ValueError:
        raise ValidationError(field_errors={"status": "Status tindak lanjut tidak dikenal."}) \
            from None
    note = (note or "").strip()
    if not status.is_open and not note:
        raise ValidationError(field_errors={
            "note": "Catatan penutupan wajib diisi untuk tindak lanjut yang selesai/dibatalkan."})
    with unit_of_work(app) as session:
        row = session.execute(select(ActionItem).where(ActionItem.id == action_id)
                              .with_for_update()).scalar_one_or_none()
        if row is None:
            raise NotFound("Tindak lanjut tidak ditemukan.")
        when = done_on or clock.today()
        if meeting_id is not None:
            meeting = _editable(session, meeting_id)
            when = done_on or meeting.held_on
        before = audit.snapshot(row)
        update_row = ActionUpdate(action_id=row.id, meeting_id=meeting_id, note=note,
                                  old_status=row.status, new_status=status.value,
                                  by_id=actor.user_id, by_name=actor.full_name)
        session.add(update_row)
        row.status = status.value
        if status is ActionStatus.DONE:
            row.done_on = row.done_on if before["status"] == ActionStatus.DONE else when
        else:
            row.done_on = None
        if not status.is_open:
            row.closing_note = note
        session.flush()
        audit.record(session, actor, "update", "action", row.id, before=before,
                     after=audit.snapshot(row),
                     summary=f"Perkembangan tindak lanjut: {status.label}"
                     + (f" (dibahas pada rapat #{meeting_id})" if meeting_id else ""))
        return update_row.id


def action_history(app: AppContext, actor: Actor, action_id: int) -> list[ActionUpdateInfo]:
    require(actor, Permission.MEETING_VIEW)
    with unit_of_work(app, write=False) as session:
        row = session.get(ActionItem, action_id)
        if row is None:
            raise NotFound("Tindak lanjut tidak ditemukan.")
        return [_update_info(u, row) for u in session.scalars(
            select(ActionUpdate).where(ActionUpdate.action_id == action_id)
            .order_by(ActionUpdate.at, ActionUpdate.id))]


def _update_info(u: ActionUpdate, a: ActionItem) -> ActionUpdateInfo:
    return ActionUpdateInfo(u.id, a.id, a.what, a.owner_name, u.meeting_id, u.note,
                            u.old_status, u.new_status, u.by_name, u.at)


# ---- Minutes lifecycle -----------------------------------------------------------------------


def finalize(app: AppContext, actor: Actor, meeting_id: int) -> None:
    """Lock the notulen: dated, with who finalised it. Later changes go in as addenda."""
    require(actor, Permission.MEETING_FINALIZE)
    with unit_of_work(app) as session:
        meeting = _editable(session, meeting_id)
        errors: dict[str, str] = {}
        if not meeting.chair_name:
            errors["chair_name"] = "Pimpinan rapat belum diisi."
        if not meeting.minute_taker_name:
            errors["minute_taker_name"] = "Notulis belum diisi."
        present = session.scalar(select(func.count(Attendee.id)).where(
            Attendee.meeting_id == meeting_id, Attendee.present.is_(True))) or 0
        if not present:
            errors["attendees"] = "Belum ada peserta yang tercatat hadir."
        if errors:
            raise ValidationError("Notulen belum dapat difinalisasi:\n" + "\n".join(
                f"- {text}" for text in errors.values()), field_errors=errors)
        before = audit.snapshot(meeting)
        meeting.minutes_status = MinutesStatus.FINAL.value
        meeting.finalized_at = utcnow()
        meeting.finalized_by_id = actor.user_id
        meeting.finalized_by_name = actor.full_name
        if meeting.closing_time is None:
            meeting.closing_time = meeting.end_time
        session.flush()
        audit.record(session, actor, "finalize", "meeting", meeting_id, before=before,
                     after=audit.snapshot(meeting),
                     summary=f"Finalisasi notulen {meeting.title}")


def add_addendum(app: AppContext, actor: Actor, meeting_id: int, text: str) -> int:
    """A dated change to a finalised notulen; the notulen itself stays as it was."""
    require(actor, Permission.MEETING_EDIT)
    text = (text or "").strip()
    if not text:
        raise ValidationError(field_errors={"text": "Isi addendum wajib diisi."})
    with unit_of_work(app) as session:
        meeting = session.execute(select(Meeting).where(Meeting.id == meeting_id)
                                  .with_for_update()).scalar_one_or_none()
        if meeting is None:
            raise NotFound("Rapat tidak ditemukan.")
        if meeting.minutes_status != MinutesStatus.FINAL:
            raise ValidationError("Addendum hanya untuk notulen yang sudah final; selama masih "
                                  "draf, ubah notulennya langsung.")
        row = MeetingAddendum(meeting_id=meeting_id, text=text, by_id=actor.user_id,
                              by_name=actor.full_name)
        session.add(row)
        session.flush()
        audit.record(session, actor, "addendum", "meeting", meeting_id,
                     after={"addendum_id": row.id, "text": text},
                     summary=f"Addendum notulen {meeting.title}")
        return row.id


# ---- Photos ----------------------------------------------------------------------------------


def photo_path(app: AppContext, stored_name: str) -> Path:
    return app.paths.attachments / stored_name[:2] / stored_name


def add_photo(app: AppContext, actor: Actor, meeting_id: int, source: Path,
              caption: str = "") -> int:
    require(actor, Permission.MEETING_EDIT)
    source = Path(source)
    if not source.is_file():
        raise ValidationError(f"Berkas {source.name} tidak ditemukan.")
    if source.suffix.lower() not in (".jpg", ".jpeg", ".png"):
        raise ValidationError("Foto dokumentasi harus berkas JPG atau PNG.")
    if source.stat().st_size > 20 * 1024 * 1024:
        raise ValidationError("Foto maksimal 20 MB.")
    with unit_of_work(app) as session:
        meeting = _editable(session, meeting_id)
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
        stored = f"{digest}{source.suffix.lower()}"
        target = photo_path(app, stored)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            shutil.copyfile(source, target)
        row = MeetingPhoto(meeting_id=meeting_id, stored_name=stored, filename=source.name,
                           caption=(caption or "").strip(), added_by=actor.user_id)
        session.add(row)
        session.flush()
        _touch(meeting)
        audit.record(session, actor, "create", "meeting_photo", row.id,
                     after={"meeting_id": meeting_id, "file": source.name},
                     summary=f"Foto dokumentasi {source.name} untuk {meeting.title}")
        return row.id


def delete_photo(app: AppContext, actor: Actor, photo_id: int) -> None:
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        row, _meeting = _editable_child(session, MeetingPhoto, photo_id,
                                        "Foto tidak ditemukan.")
        before = audit.snapshot(row)
        session.delete(row)
        audit.record(session, actor, "delete", "meeting_photo", photo_id, before=before,
                     summary=f"Hapus foto {before['filename']}")


# ---- Reading one meeting ---------------------------------------------------------------------


def _action_rows(session: Session, stmt: Any, names: dict[str, str]) -> list[ActionRow]:
    out = []
    for a, title, held_on in session.execute(stmt).all():
        out.append(ActionRow(
            id=a.id, meeting_id=a.meeting_id, meeting_title=title, meeting_date=held_on,
            what=a.what, owner_kind=a.owner_kind, owner_name=a.owner_name,
            desa_code=a.desa_code, desa_name=names.get(a.desa_code or "", ""),
            due_date=a.due_date, status=a.status, closing_note=a.closing_note,
            done_on=a.done_on, problem_id=a.problem_id))
    return out


def _actions_select() -> Any:
    return select(ActionItem, Meeting.title, Meeting.held_on).join(
        Meeting, Meeting.id == ActionItem.meeting_id)


def load_meeting(session: Session, meeting_id: int) -> MeetingDetail:
    m = _get_meeting(session, meeting_id)
    names = _names(session)
    kind = session.get(MeetingKind, m.kind)
    topics = dict(session.execute(select(ProblemTopic.code, ProblemTopic.label)).all())
    desa = [(code, names.get(code, code)) for code in _desa_of(session, meeting_id)]
    invitees = [InviteeInfo(i.id, i.name, i.kind, i.unit_id, i.desa_code)
                for i in session.scalars(select(MeetingInvitee).where(
                    MeetingInvitee.meeting_id == meeting_id).order_by(MeetingInvitee.position))]
    agenda = [AgendaInfo(a.id, a.position, a.title, a.discussion)
              for a in session.scalars(select(AgendaItem).where(
                  AgendaItem.meeting_id == meeting_id).order_by(AgendaItem.position))]
    attendees = [AttendeeInfo(a.id, a.position_no, a.name, a.position, a.institution,
                              a.desa_code, names.get(a.desa_code or "", ""), a.phone, a.gender,
                              a.present)
                 for a in session.scalars(select(Attendee).where(
                     Attendee.meeting_id == meeting_id).order_by(Attendee.position_no,
                                                                 Attendee.id))]
    problem_rows = list(session.scalars(select(MeetingProblem).where(
        MeetingProblem.meeting_id == meeting_id).order_by(MeetingProblem.position)))
    sub_numbers = submission_links.numbers_by_id(
        session, (p.submission_id for p in problem_rows if p.submission_id))
    problems = [ProblemInfo(p.id, p.position, p.desa_code, names.get(p.desa_code or "", ""),
                            p.topic, topics.get(p.topic, p.topic), p.description, p.answer,
                            p.status, p.submission_id, sub_numbers.get(p.submission_id or 0, ""))
                for p in problem_rows]
    agreements = [AgreementInfo(a.id, a.number, a.text)
                  for a in session.scalars(select(Agreement).where(
                      Agreement.meeting_id == meeting_id).order_by(Agreement.number))]
    actions = _action_rows(session, _actions_select().where(
        ActionItem.meeting_id == meeting_id).order_by(ActionItem.id), names)
    discussed = [
        _update_info(u, a) for u, a in session.execute(
            select(ActionUpdate, ActionItem)
            .join(ActionItem, ActionItem.id == ActionUpdate.action_id)
            .where(ActionUpdate.meeting_id == meeting_id)
            .order_by(ActionUpdate.at, ActionUpdate.id)).all()
    ]
    addenda = [AddendumInfo(a.id, a.text, a.by_name, a.at)
               for a in session.scalars(select(MeetingAddendum).where(
                   MeetingAddendum.meeting_id == meeting_id).order_by(MeetingAddendum.at,
                                                                      MeetingAddendum.id))]
    photos = [PhotoInfo(p.id, p.stored_name, p.filename, p.caption)
              for p in session.scalars(select(MeetingPhoto).where(
                  MeetingPhoto.meeting_id == meeting_id).order_by(MeetingPhoto.id))]
    return MeetingDetail(
        id=m.id, kind=m.kind, kind_label=kind.label if kind else m.kind, title=m.title,
        held_on=m.held_on, start_time=m.start_time, end_time=m.end_time, place=m.place,
        chair_name=m.chair_name, chair_position=m.chair_position, chair_nip=m.chair_nip,
        minute_taker_name=m.minute_taker_name, minute_taker_position=m.minute_taker_position,
        minute_taker_nip=m.minute_taker_nip, letter_number=m.letter_number,
        letter_date=m.letter_date, letter_nature=m.letter_nature,
        letter_attachment=m.letter_attachment, minutes_status=m.minutes_status,
        finalized_at=m.finalized_at, finalized_by_name=m.finalized_by_name,
        closing_time=m.closing_time, discussion=m.discussion, desa=desa, invitees=invitees,
        agenda=agenda, attendees=attendees, problems=problems, agreements=agreements,
        actions=actions, discussed_updates=discussed, addenda=addenda, photos=photos,
        prepared_from_id=m.prepared_from_id,
    )


def get_meeting(app: AppContext, actor: Actor, meeting_id: int) -> MeetingDetail:
    require(actor, Permission.MEETING_VIEW)
    with unit_of_work(app, write=False) as session:
        return load_meeting(session, meeting_id)


def suggest_letter_number(app: AppContext, nomor: int | str, when: date | None = None) -> str:
    """The invitation's number from the office pattern, e.g. ``005/17/Kec-PS/2026``."""
    from desktop_app.core.services import office

    when = when or clock.today()
    profile = office.get_profile(app)
    pattern = profile.letter_number_pattern if profile else "{kode}/{nomor}/{singkatan}/{tahun}"
    short = (profile.short_name if profile else "") or "Kec"
    return office.format_letter_number(pattern, kode=str(read_setting(app, INVITATION_CODE)),
                                       nomor=nomor, singkatan=short, tahun=when.year,
                                       bulan=when.month)


# ---- Follow-up across meetings ---------------------------------------------------------------


def open_actions_for_desa(app: AppContext, actor: Actor, desa_codes: Iterable[str], *,
                          exclude_meeting_id: int | None = None) -> list[ActionRow]:
    """Open actions of these desa (their desa, or agreed in a meeting with them), oldest due
    first: what to discuss when the next meeting with the desa is prepared."""
    require(actor, Permission.MEETING_VIEW)
    codes = [c for c in desa_codes if c]
    if not codes:
        return []
    with unit_of_work(app, write=False) as session:
        in_meeting = select(MeetingDesa.meeting_id).where(MeetingDesa.desa_code.in_(codes))
        stmt = _actions_select().where(
            ActionItem.status.in_(OPEN_ACTION_STATUSES),
            or_(ActionItem.desa_code.in_(codes),
                (ActionItem.desa_code.is_(None)) & ActionItem.meeting_id.in_(in_meeting)))
        if exclude_meeting_id is not None:
            stmt = stmt.where(ActionItem.meeting_id != exclude_meeting_id)
        stmt = stmt.order_by(ActionItem.due_date.is_(None), ActionItem.due_date, ActionItem.id)
        return _action_rows(session, stmt, _names(session))


def carried_actions(app: AppContext, actor: Actor, meeting_id: int) -> list[ActionRow]:
    """For a meeting's Tindak lanjut tab: the earlier open actions of its desa, plus those
    already discussed in it (so a closed one stays visible with its update)."""
    require(actor, Permission.MEETING_VIEW)
    with unit_of_work(app, write=False) as session:
        _get_meeting(session, meeting_id)
        codes = _desa_of(session, meeting_id)
        discussed = list(session.scalars(select(ActionUpdate.action_id).where(
            ActionUpdate.meeting_id == meeting_id)))
    rows = {r.id: r for r in open_actions_for_desa(app, actor, codes,
                                                   exclude_meeting_id=meeting_id)}
    if discussed:
        with unit_of_work(app, write=False) as session:
            for r in _action_rows(session, _actions_select().where(
                    ActionItem.id.in_(discussed)), _names(session)):
                rows.setdefault(r.id, r)
    return sorted(rows.values(), key=lambda r: (r.due_date is None, r.due_date or date.max,
                                                r.id))


@dataclass(frozen=True)
class PreparedMeeting:
    meeting_id: int
    copied_attendees: int
    open_actions: list[ActionRow]


def prepare_next_meeting(app: AppContext, actor: Actor, desa_code: str, held_on: date, *,
                         kind: str = "kunjungan", title: str = "",
                         copy_from_last: bool = True) -> PreparedMeeting:
    """A new draft meeting with one desa: the people of the last meeting with that desa are
    copied (not yet present), and the desa's open actions are listed to discuss."""
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app, write=False) as session:
        region = session.get(Region, desa_code)
        if region is None:
            raise ValidationError(field_errors={"desa_code": "Desa/kelurahan tidak dikenal."})
        label = ("Kelurahan " if region.level == "kelurahan" else "Desa ") + region.name
        last = session.execute(
            select(Meeting).join(MeetingDesa, MeetingDesa.meeting_id == Meeting.id)
            .where(MeetingDesa.desa_code == desa_code)
            .order_by(Meeting.held_on.desc(), Meeting.id.desc()).limit(1)
        ).scalar_one_or_none()
        template = None
        if last is not None:
            template = (last.id, last.chair_name, last.chair_position, last.chair_nip,
                        last.minute_taker_name, last.minute_taker_position,
                        last.minute_taker_nip)
    data = MeetingInput(kind=kind, title=title or f"Koordinasi tindak lanjut {label}",
                        held_on=held_on, desa_codes=[desa_code],
                        start_time=time(9, 0), end_time=time(12, 0))
    if template:
        (_, data.chair_name, data.chair_position, data.chair_nip, data.minute_taker_name,
         data.minute_taker_position, data.minute_taker_nip) = template
    meeting_id = create_meeting(app, actor, data,
                                prepared_from_id=template[0] if template else None)
    agenda = [AgendaInput("Pembukaan"),
              AgendaInput("Pembahasan tindak lanjut rapat sebelumnya"),
              AgendaInput(f"Permasalahan {label}"), AgendaInput("Penutup")]
    save_agenda(app, actor, meeting_id, agenda)
    copied = 0
    if copy_from_last and template:
        copied = copy_attendees(app, actor, meeting_id, template[0])
    return PreparedMeeting(meeting_id, copied,
                           open_actions_for_desa(app, actor, [desa_code],
                                                 exclude_meeting_id=meeting_id))


# ---- Meeting list: filter, sort and page in SQL ----------------------------------------------


@dataclass(frozen=True)
class MeetingFilter:
    text: str = ""
    kind: str = ""
    desa_code: str = ""
    status: str = ""
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class MeetingRow:
    id: int
    held_on: date
    start_time: time | None
    kind: str
    kind_label: str
    title: str
    desa: str
    place: str
    chair_name: str
    minutes_status: str
    present: int
    open_actions: int

    @property
    def status_label(self) -> str:
        return MinutesStatus(self.minutes_status).label


MEETING_SORT = {
    "held_on": Meeting.held_on,
    "kind": Meeting.kind,
    "title": Meeting.title,
    "status": Meeting.minutes_status,
    "chair": Meeting.chair_name,
}


def apply_meeting_filter(stmt: Any, flt: MeetingFilter | None) -> Any:
    if flt is None:
        return stmt
    text = flt.text.strip()
    if text:
        like = f"%{text}%"
        stmt = stmt.where(or_(
            Meeting.title.ilike(like), Meeting.place.ilike(like), Meeting.chair_name.ilike(like),
            Meeting.discussion.ilike(like), Meeting.letter_number.ilike(like),
            Meeting.id.in_(select(MeetingDesa.meeting_id).join(
                Region, Region.code == MeetingDesa.desa_code).where(Region.name.ilike(like))),
            Meeting.id.in_(select(AgendaItem.meeting_id).where(or_(
                AgendaItem.title.ilike(like), AgendaItem.discussion.ilike(like)))),
        ))
    if flt.kind:
        stmt = stmt.where(Meeting.kind == flt.kind)
    if flt.desa_code:
        stmt = stmt.where(Meeting.id.in_(select(MeetingDesa.meeting_id).where(
            MeetingDesa.desa_code == flt.desa_code)))
    if flt.status:
        stmt = stmt.where(Meeting.minutes_status == flt.status)
    if flt.date_from:
        stmt = stmt.where(Meeting.held_on >= flt.date_from)
    if flt.date_to:
        stmt = stmt.where(Meeting.held_on <= flt.date_to)
    return stmt


class MeetingPageSource:
    """PageSource for the meeting list (gui.table_model.PagedQueryModel)."""

    def __init__(self, app: AppContext, actor: Actor) -> None:
        require(actor, Permission.MEETING_VIEW)
        self.app, self.actor = app, actor

    def count(self, flt: MeetingFilter | None) -> int:
        with unit_of_work(self.app, write=False) as session:
            return int(session.scalar(apply_meeting_filter(select(func.count(Meeting.id)),
                                                           flt)) or 0)

    def fetch(self, flt: MeetingFilter | None, sort: str, descending: bool, offset: int,
              limit: int) -> list[MeetingRow]:
        column = MEETING_SORT.get(sort, Meeting.held_on)
        order = [column.desc() if descending else column.asc(),
                 Meeting.id.desc() if descending else Meeting.id.asc()]
        cols = (Meeting.id, Meeting.held_on, Meeting.start_time, Meeting.kind, Meeting.title,
                Meeting.place, Meeting.chair_name, Meeting.minutes_status)
        with unit_of_work(self.app, write=False) as session:
            rows = session.execute(apply_meeting_filter(select(*cols), flt).order_by(*order)
                                   .offset(offset).limit(limit)).all()
            ids = [r.id for r in rows]
            kinds = dict(session.execute(select(MeetingKind.code, MeetingKind.label)).all())
            desa: dict[int, list[str]] = {}
            present: dict[int, int] = {}
            open_count: dict[int, int] = {}
            if ids:
                for mid, name in session.execute(
                        select(MeetingDesa.meeting_id, Region.name)
                        .join(Region, Region.code == MeetingDesa.desa_code)
                        .where(MeetingDesa.meeting_id.in_(ids)).order_by(Region.name)).all():
                    desa.setdefault(mid, []).append(name)
                present = dict(session.execute(
                    select(Attendee.meeting_id, func.count(Attendee.id))
                    .where(Attendee.meeting_id.in_(ids), Attendee.present.is_(True))
                    .group_by(Attendee.meeting_id)).all())
                open_count = dict(session.execute(
                    select(ActionItem.meeting_id, func.count(ActionItem.id))
                    .where(ActionItem.meeting_id.in_(ids),
                           ActionItem.status.in_(OPEN_ACTION_STATUSES))
                    .group_by(ActionItem.meeting_id)).all())
        return [MeetingRow(r.id, r.held_on, r.start_time, r.kind, kinds.get(r.kind, r.kind),
                           r.title, ", ".join(desa.get(r.id, [])), r.place, r.chair_name,
                           r.minutes_status, present.get(r.id, 0), open_count.get(r.id, 0))
                for r in rows]


def list_meetings(app: AppContext, actor: Actor, flt: MeetingFilter | None = None,
                  limit: int = 500) -> list[MeetingRow]:
    return MeetingPageSource(app, actor).fetch(flt, "held_on", True, 0, limit)


# ---- Follow-up tracker -----------------------------------------------------------------------


@dataclass(frozen=True)
class ActionFilter:
    text: str = ""
    owner: str = ""
    desa_code: str = ""
    status: str = ""  # a status value, or "open_all" for open + in progress
    overdue_only: bool = False
    date_from: date | None = None  # period: the date of the meeting that agreed the action
    date_to: date | None = None
    meeting_id: int | None = None


ACTION_SORT = {
    "due_date": ActionItem.due_date,
    "meeting_date": Meeting.held_on,
    "owner": ActionItem.owner_name,
    "status": ActionItem.status,
    "desa": ActionItem.desa_code,
    "what": ActionItem.what,
}


def apply_action_filter(stmt: Any, flt: ActionFilter | None,
                        today: date | None = None) -> Any:
    if flt is None:
        return stmt
    if flt.text.strip():
        like = f"%{flt.text.strip()}%"
        stmt = stmt.where(or_(ActionItem.what.ilike(like), ActionItem.owner_name.ilike(like),
                              ActionItem.closing_note.ilike(like)))
    if flt.owner.strip():
        stmt = stmt.where(ActionItem.owner_name.ilike(f"%{flt.owner.strip()}%"))
    if flt.desa_code:
        stmt = stmt.where(ActionItem.desa_code == flt.desa_code)
    if flt.status == "open_all":
        stmt = stmt.where(ActionItem.status.in_(OPEN_ACTION_STATUSES))
    elif flt.status:
        stmt = stmt.where(ActionItem.status == flt.status)
    if flt.overdue_only:
        stmt = stmt.where(ActionItem.status.in_(OPEN_ACTION_STATUSES),
                          ActionItem.due_date < (today or clock.today()))
    if flt.date_from:
        stmt = stmt.where(Meeting.held_on >= flt.date_from)
    if flt.date_to:
        stmt = stmt.where(Meeting.held_on <= flt.date_to)
    if flt.meeting_id is not None:
        stmt = stmt.where(ActionItem.meeting_id == flt.meeting_id)
    return stmt


class ActionPageSource:
    """PageSource for the follow-up tracker: filters, sorting and paging run in SQL."""

    def __init__(self, app: AppContext, actor: Actor) -> None:
        require(actor, Permission.MEETING_VIEW)
        self.app, self.actor = app, actor
        self._names: dict[str, str] | None = None

    def count(self, flt: ActionFilter | None) -> int:
        stmt = select(func.count(ActionItem.id)).join(Meeting, Meeting.id == ActionItem.meeting_id)
        with unit_of_work(self.app, write=False) as session:
            return int(session.scalar(apply_action_filter(stmt, flt)) or 0)

    def fetch(self, flt: ActionFilter | None, sort: str, descending: bool, offset: int,
              limit: int) -> list[ActionRow]:
        column = ACTION_SORT.get(sort, ActionItem.due_date)
        order = [column.desc() if descending else column.asc(),
                 ActionItem.id.desc() if descending else ActionItem.id.asc()]
        with unit_of_work(self.app, write=False) as session:
            if self._names is None:
                self._names = _names(session)
            stmt = apply_action_filter(_actions_select(), flt).order_by(*order)
            return _action_rows(session, stmt.offset(offset).limit(limit), self._names)


def list_actions(app: AppContext, actor: Actor, flt: ActionFilter | None = None,
                 limit: int = 100_000) -> list[ActionRow]:
    return ActionPageSource(app, actor).fetch(flt, "due_date", False, 0, limit)


def action_owners(app: AppContext, actor: Actor) -> list[str]:
    """Names used as action owners so far (for the tracker's owner filter)."""
    require(actor, Permission.MEETING_VIEW)
    with unit_of_work(app, write=False) as session:
        used = set(session.scalars(select(ActionItem.owner_name).distinct()))
        used |= set(session.scalars(select(OfficeUnit.name).where(OfficeUnit.active.is_(True))))
    return sorted(used, key=str.lower)


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
        actions = session.execute(_actions_select().where(
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


# ---- Full-text search ------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchHit:
    kind: str  # Rapat | Agenda | Masalah | Kesepakatan | Tindak lanjut | Addendum
    meeting_id: int
    held_on: date
    meeting_title: str
    text: str
    ref_id: int


def _snippet(text: str, needle: str, width: int = 160) -> str:
    text = " ".join((text or "").split())
    pos = text.lower().find(needle.lower())
    if pos < 0 or len(text) <= width:
        return text[:width] + ("…" if len(text) > width else "")
    start = max(0, pos - width // 3)
    piece = text[start:start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")


def search(app: AppContext, actor: Actor, text: str, limit: int = 200) -> list[SearchHit]:
    """Case-insensitive LIKE over meetings, agenda, problems, agreements, actions and
    addenda (portable SQL: SQLite and PostgreSQL). Every word must appear."""
    require(actor, Permission.MEETING_VIEW)
    words = [w for w in (text or "").split() if w]
    if not words:
        return []
    hits: list[SearchHit] = []
    sources: list[tuple[str, Any, Sequence[Any]]] = [
        ("Rapat", Meeting, (Meeting.title, Meeting.discussion, Meeting.place)),
        ("Agenda", AgendaItem, (AgendaItem.title, AgendaItem.discussion)),
        ("Masalah", MeetingProblem, (MeetingProblem.description, MeetingProblem.answer)),
        ("Kesepakatan", Agreement, (Agreement.text,)),
        ("Tindak lanjut", ActionItem, (ActionItem.what, ActionItem.owner_name,
                                       ActionItem.closing_note)),
        ("Addendum", MeetingAddendum, (MeetingAddendum.text,)),
    ]
    with unit_of_work(app, write=False) as session:
        for label, model, columns in sources:
            if model is Meeting:
                stmt = select(Meeting, Meeting.title, Meeting.held_on)
            else:
                stmt = select(model, Meeting.title, Meeting.held_on).join(
                    Meeting, Meeting.id == model.meeting_id)
            for word in words:
                stmt = stmt.where(or_(*[c.ilike(f"%{word}%") for c in columns]))
            stmt = stmt.order_by(Meeting.held_on.desc(), model.id).limit(limit)
            for obj, title, held_on in session.execute(stmt).all():
                body = " ".join(str(getattr(obj, c.key) or "") for c in columns)
                hits.append(SearchHit(label, obj.id if model is Meeting else obj.meeting_id,
                                      held_on, title, _snippet(body, words[0]), obj.id))
    hits.sort(key=lambda h: (h.held_on, h.meeting_id), reverse=True)
    return hits[:limit]


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


def recap(app: AppContext, actor: Actor, date_from: date, date_to: date,
          today: date | None = None) -> Recap:
    """Meetings per desa, problems per topic, actions done on time / late / open, for the
    meetings held in the period: the evidence reported for the regional innovation index."""
    require(actor, Permission.MEETING_VIEW)
    if date_to < date_from:
        raise ValidationError(field_errors={"date_to": "Tanggal akhir sebelum tanggal awal."})
    in_period = (Meeting.held_on >= date_from, Meeting.held_on <= date_to)
    with unit_of_work(app, write=False) as session:
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




def submission_id_by_number(app: AppContext, actor: Actor, number: str) -> int:
    """The KULA RAKAT submission a problem links to, by its registration number."""
    require(actor, Permission.MEETING_VIEW)
    text = (number or "").strip().upper()
    with unit_of_work(app, write=False) as session:
        found = submission_links.id_by_number(session, text)
    if found is None:
        raise ValidationError(field_errors={
            "submission_id": f"Data KULA RAKAT nomor {text} tidak ditemukan."})
    return int(found)


def submission_number(app: AppContext, submission_id: int | None) -> str:
    if submission_id is None:
        return ""
    with unit_of_work(app, write=False) as session:
        return submission_links.numbers_by_id(session, [submission_id]).get(submission_id, "")
