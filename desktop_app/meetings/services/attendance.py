"""Attendance of a meeting: people added as they arrive, present or not, copied from an
earlier meeting."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.domain.errors import ValidationError
from desktop_app.core.domain.identity import check_phone
from desktop_app.core.domain.roles import Permission
from desktop_app.core.services import audit, versions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.meetings.domain import Gender
from desktop_app.meetings.models import Attendee, Meeting
from desktop_app.meetings.services.common import (
    assign,
    check_desa,
    editable_child,
    editable_meeting,
    meeting_row,
    next_position,
    touch,
)
from desktop_app.meetings.services.dto import AttendeeInput


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
            "desa_code": check_desa(session, data.desa_code),
            "phone": phone.value or "", "gender": gender, "present": bool(data.present)}


def new_attendee(session: Session, actor: Actor, meeting: Meeting, data: AttendeeInput) -> int:
    """One person on the meeting's list, in the caller's unit of work."""
    clean = _clean_attendee(session, data)
    position = next_position(session, Attendee.position_no, Attendee.meeting_id, meeting.id)
    row = Attendee(meeting_id=meeting.id, position_no=position, **clean)
    session.add(row)
    session.flush()
    touch(meeting)
    audit.record(session, actor, "create", "attendee", row.id,
                 after={**clean, "meeting_id": meeting.id},
                 summary=f"Peserta {row.name} pada rapat {meeting.title}")
    return row.id


def add_attendee(app: AppContext, actor: Actor, meeting_id: int, data: AttendeeInput) -> int:
    """Add one person (also quickly, as people arrive: only the name is required)."""
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        return new_attendee(session, actor, editable_meeting(session, meeting_id), data)


ATTENDEE_LABELS = {"name": "Nama", "position": "Jabatan", "institution": "Instansi",
                   "desa_code": "Desa/Kelurahan", "phone": "No. HP", "gender": "Jenis kelamin",
                   "present": "Hadir"}


def update_attendee(app: AppContext, actor: Actor, attendee_id: int,
                    data: AttendeeInput, *, version: int | None = None) -> None:
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        row, meeting = editable_child(session, Attendee, attendee_id,
                                       "Peserta tidak ditemukan.")
        versions.check(session, row, version, entity="attendee", what=f"Peserta {row.name}",
                       labels=ATTENDEE_LABELS)
        clean = _clean_attendee(session, data)
        before = audit.snapshot(row)
        assign(row, clean)
        session.flush()
        touch(meeting)
        audit.record(session, actor, "update", "attendee", row.id, before=before,
                     after=audit.snapshot(row), summary=f"Ubah peserta {row.name}")


def set_present(app: AppContext, actor: Actor, attendee_id: int, present: bool) -> None:
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        row, _meeting = editable_child(session, Attendee, attendee_id,
                                        "Peserta tidak ditemukan.")
        before = {"present": row.present}
        row.present = bool(present)
        audit.record(session, actor, "update", "attendee", row.id, before=before,
                     after={"present": row.present},
                     summary=f"{row.name} {'hadir' if present else 'tidak hadir'}")


def delete_attendee(app: AppContext, actor: Actor, attendee_id: int) -> None:
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        row, _meeting = editable_child(session, Attendee, attendee_id,
                                        "Peserta tidak ditemukan.")
        before = audit.snapshot(row)
        session.delete(row)
        audit.record(session, actor, "delete", "attendee", attendee_id, before=before,
                     summary=f"Hapus peserta {before['name']}")


def copy_people(session: Session, actor: Actor, meeting: Meeting, from_meeting_id: int, *,
                present: bool = False) -> int:
    """Copy the people of an earlier meeting (not yet marked present unless asked); people
    already on the list (same name and institution) are skipped. Returns how many were added."""
    if meeting.id == from_meeting_id:
        raise ValidationError("Pilih rapat lain sebagai sumber daftar peserta.")
    source = meeting_row(session, from_meeting_id)
    existing = {(a.name.lower(), a.institution.lower()) for a in session.scalars(
        select(Attendee).where(Attendee.meeting_id == meeting.id))}
    last = next_position(session, Attendee.position_no, Attendee.meeting_id, meeting.id) - 1
    added = 0
    for a in session.scalars(select(Attendee).where(
            Attendee.meeting_id == from_meeting_id).order_by(Attendee.position_no)):
        key = (a.name.lower(), a.institution.lower())
        if key in existing:
            continue
        existing.add(key)
        last += 1
        added += 1
        session.add(Attendee(meeting_id=meeting.id, position_no=last, name=a.name,
                             position=a.position, institution=a.institution,
                             desa_code=a.desa_code, phone=a.phone, gender=a.gender,
                             present=present))
    touch(meeting)
    audit.record(session, actor, "create", "attendee", "*",
                 after={"meeting_id": meeting.id, "from_meeting_id": from_meeting_id,
                        "count": added},
                 summary=f"Salin {added} peserta dari rapat {source.title}")
    return added


def copy_attendees(app: AppContext, actor: Actor, meeting_id: int, from_meeting_id: int, *,
                   present: bool = False) -> int:
    require(actor, Permission.MEETING_EDIT)
    if meeting_id == from_meeting_id:
        raise ValidationError("Pilih rapat lain sebagai sumber daftar peserta.")
    with unit_of_work(app) as session:
        return copy_people(session, actor, editable_meeting(session, meeting_id),
                           from_meeting_id, present=present)
