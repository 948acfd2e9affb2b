"""Session helpers the RUKO PARSEL use cases compose: the draft-only lock, child rows,
positions, desa checks, and the action rows several screens show. All take the session of the
caller's unit of work; none opens its own."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from desktop_app.core.domain.errors import ConflictError, NotFound, ValidationError
from desktop_app.core.models import Region
from desktop_app.db.base import utcnow
from desktop_app.meetings.domain import MinutesStatus
from desktop_app.meetings.models import (
    ActionItem,
    ActionUpdate,
    Meeting,
    MeetingDesa,
)
from desktop_app.meetings.services.dto import (
    ActionRow,
    ActionUpdateInfo,
)

LOCKED_MESSAGE = ("Notulen rapat ini sudah final dan terkunci; perubahan hanya dapat dicatat "
                  "sebagai addendum.")


def meeting_row(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("Rapat tidak ditemukan.")
    return meeting


def editable_meeting(session: Session, meeting_id: int) -> Meeting:
    """The meeting, locked against concurrent writers; refuses a finalised notulen."""
    meeting = session.execute(
        select(Meeting).where(Meeting.id == meeting_id).with_for_update()
    ).scalar_one_or_none()
    if meeting is None:
        raise NotFound("Rapat tidak ditemukan.")
    if meeting.minutes_status == MinutesStatus.FINAL:
        raise ConflictError(LOCKED_MESSAGE)
    return meeting


def touch(meeting: Meeting) -> None:
    """A part of the meeting changed: its time and its version move (an editor open on the
    old version elsewhere is refused instead of overwriting the change)."""
    meeting.updated_at = utcnow()
    flag_modified(meeting, "updated_at")  # an UPDATE even when the clock shows the same time


def editable_child(session: Session, model: Any, row_id: int,
                   missing: str) -> tuple[Any, Meeting]:
    """A row that belongs to a meeting (attendee, problem, action, photo) and its meeting,
    which must still be a draft."""
    row = session.get(model, row_id)
    if row is None:
        raise NotFound(missing)
    return row, editable_meeting(session, row.meeting_id)


def next_position(session: Session, column: Any, meeting_column: Any, meeting_id: int) -> int:
    return (session.scalar(select(func.max(column)).where(meeting_column == meeting_id)) or 0) + 1


def assign(row: Any, values: dict[str, Any]) -> None:
    for key, value in values.items():
        setattr(row, key, value)


def check_desa(session: Session, code: str | None, key: str = "desa_code") -> str | None:
    code = (code or "").strip() or None
    if code is None:
        return None
    region = session.get(Region, code)
    if region is None or region.level not in ("desa", "kelurahan"):
        raise ValidationError(field_errors={key: "Desa/kelurahan tidak dikenal."})
    return code


def check_time_order(start: time | None, end: time | None, errors: dict[str, str]) -> None:
    if start and end and end <= start:
        errors["end_time"] = "Jam selesai harus sesudah jam mulai."


def set_desa(session: Session, meeting_id: int, codes: Sequence[str]) -> None:
    session.execute(delete(MeetingDesa).where(MeetingDesa.meeting_id == meeting_id))
    for code in codes:
        session.add(MeetingDesa(meeting_id=meeting_id, desa_code=code))


def desa_of(session: Session, meeting_id: int) -> list[str]:
    return list(session.scalars(select(MeetingDesa.desa_code).where(
        MeetingDesa.meeting_id == meeting_id).order_by(MeetingDesa.desa_code)))


def action_rows(session: Session, stmt: Any, names: dict[str, str]) -> list[ActionRow]:
    out = []
    for a, title, held_on in session.execute(stmt).all():
        out.append(ActionRow(
            id=a.id, meeting_id=a.meeting_id, meeting_title=title, meeting_date=held_on,
            what=a.what, owner_kind=a.owner_kind, owner_name=a.owner_name,
            desa_code=a.desa_code, desa_name=names.get(a.desa_code or "", ""),
            due_date=a.due_date, status=a.status, closing_note=a.closing_note,
            done_on=a.done_on, problem_id=a.problem_id, version=a.version))
    return out


def actions_select() -> Any:
    return select(ActionItem, Meeting.title, Meeting.held_on).join(
        Meeting, Meeting.id == ActionItem.meeting_id)


def update_info(u: ActionUpdate, a: ActionItem) -> ActionUpdateInfo:
    return ActionUpdateInfo(u.id, a.id, a.what, a.owner_name, u.meeting_id, u.note,
                            u.old_status, u.new_status, u.by_name, u.at)

