"""Follow-up across meetings: a desa's open actions, the actions carried into a meeting, and
preparing the next meeting with a desa."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop_app.core.domain.errors import ValidationError
from desktop_app.core.domain.roles import Permission
from desktop_app.core.models import Region
from desktop_app.core.services import regions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.meetings.domain import OPEN_ACTION_STATUSES
from desktop_app.meetings.models import ActionItem, ActionUpdate, Meeting, MeetingDesa
from desktop_app.meetings.services.attendance import copy_people
from desktop_app.meetings.services.common import (
    action_rows,
    actions_select,
    desa_of,
    meeting_row,
)
from desktop_app.meetings.services.dto import ActionRow, AgendaInput, MeetingDetail, MeetingInput
from desktop_app.meetings.services.minutes import new_meeting, replace_agenda
from desktop_app.meetings.services.reading import load_meeting


def desa_open_actions(session: Session, desa_codes: Iterable[str], *,
                      exclude_meeting_id: int | None = None) -> list[ActionRow]:
    codes = [c for c in desa_codes if c]
    if not codes:
        return []
    in_meeting = select(MeetingDesa.meeting_id).where(MeetingDesa.desa_code.in_(codes))
    stmt = actions_select().where(
        ActionItem.status.in_(OPEN_ACTION_STATUSES),
        or_(ActionItem.desa_code.in_(codes),
            (ActionItem.desa_code.is_(None)) & ActionItem.meeting_id.in_(in_meeting)))
    if exclude_meeting_id is not None:
        stmt = stmt.where(ActionItem.meeting_id != exclude_meeting_id)
    stmt = stmt.order_by(ActionItem.due_date.is_(None), ActionItem.due_date, ActionItem.id)
    return action_rows(session, stmt, regions.names(session))


def open_actions_for_desa(app: AppContext, actor: Actor, desa_codes: Iterable[str], *,
                          exclude_meeting_id: int | None = None) -> list[ActionRow]:
    """Open actions of these desa (their desa, or agreed in a meeting with them), oldest due
    first: what to discuss when the next meeting with the desa is prepared."""
    require(actor, Permission.MEETING_VIEW)
    with unit_of_work(app, write=False) as session:
        return desa_open_actions(session, desa_codes, exclude_meeting_id=exclude_meeting_id)


def carried(session: Session, meeting_id: int) -> list[ActionRow]:
    meeting_row(session, meeting_id)
    rows = {r.id: r for r in desa_open_actions(session, desa_of(session, meeting_id),
                                               exclude_meeting_id=meeting_id)}
    discussed = select(ActionUpdate.action_id).where(ActionUpdate.meeting_id == meeting_id)
    for r in action_rows(session, actions_select().where(ActionItem.id.in_(discussed)),
                         regions.names(session)):
        rows.setdefault(r.id, r)
    return sorted(rows.values(), key=lambda r: (r.due_date is None, r.due_date or date.max,
                                                r.id))


def carried_actions(app: AppContext, actor: Actor, meeting_id: int) -> list[ActionRow]:
    """For a meeting's Tindak lanjut tab: the earlier open actions of its desa, plus those
    already discussed in it (so a closed one stays visible with its update)."""
    require(actor, Permission.MEETING_VIEW)
    with unit_of_work(app, write=False) as session:
        return carried(session, meeting_id)


def meeting_for_editing(app: AppContext, actor: Actor,
                        meeting_id: int) -> tuple[MeetingDetail, list[ActionRow]]:
    """What the meeting editor shows, read in one transaction: the meeting with everything
    that belongs to it, and the actions carried into it."""
    require(actor, Permission.MEETING_VIEW)
    with unit_of_work(app, write=False) as session:
        return load_meeting(session, meeting_id), carried(session, meeting_id)


@dataclass(frozen=True)
class PreparedMeeting:
    meeting_id: int
    copied_attendees: int
    open_actions: list[ActionRow]


def prepare_next_meeting(app: AppContext, actor: Actor, desa_code: str, held_on: date, *,
                         kind: str = "kunjungan", title: str = "",
                         copy_from_last: bool = True) -> PreparedMeeting:
    """A new draft meeting with one desa, in one transaction: chaired and minuted as the last
    meeting with that desa, its people copied (not yet present), a standard agenda, and the
    desa's open actions listed to discuss."""
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        region = session.get(Region, desa_code)
        if region is None:
            raise ValidationError(field_errors={"desa_code": "Desa/kelurahan tidak dikenal."})
        label = ("Kelurahan " if region.level == "kelurahan" else "Desa ") + region.name
        last = session.execute(
            select(Meeting).join(MeetingDesa, MeetingDesa.meeting_id == Meeting.id)
            .where(MeetingDesa.desa_code == desa_code)
            .order_by(Meeting.held_on.desc(), Meeting.id.desc()).limit(1)
        ).scalar_one_or_none()
        data = MeetingInput(kind=kind, title=title or f"Koordinasi tindak lanjut {label}",
                            held_on=held_on, desa_codes=[desa_code],
                            start_time=time(9, 0), end_time=time(12, 0))
        if last is not None:
            (data.chair_name, data.chair_position, data.chair_nip, data.minute_taker_name,
             data.minute_taker_position, data.minute_taker_nip) = (
                last.chair_name, last.chair_position, last.chair_nip, last.minute_taker_name,
                last.minute_taker_position, last.minute_taker_nip)
        meeting = new_meeting(session, actor, data,
                              prepared_from_id=last.id if last is not None else None)
        replace_agenda(session, actor, meeting, [
            AgendaInput("Pembukaan"), AgendaInput("Pembahasan tindak lanjut rapat sebelumnya"),
            AgendaInput(f"Permasalahan {label}"), AgendaInput("Penutup")])
        copied = 0
        if copy_from_last and last is not None:
            copied = copy_people(session, actor, meeting, last.id)
        return PreparedMeeting(meeting.id, copied, desa_open_actions(
            session, [desa_code], exclude_meeting_id=meeting.id))
