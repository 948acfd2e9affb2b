"""Reading one meeting with everything that belongs to it, in one transaction."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.domain.roles import Permission
from desktop_app.core.services import regions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.intake.services import links as submission_links
from desktop_app.meetings.models import (
    ActionItem,
    ActionUpdate,
    AgendaItem,
    Agreement,
    Attendee,
    Meeting,
    MeetingAddendum,
    MeetingInvitee,
    MeetingKind,
    MeetingPhoto,
    MeetingProblem,
    ProblemTopic,
)
from desktop_app.meetings.services.common import (
    action_rows,
    actions_select,
    desa_of,
    meeting_row,
    update_info,
)
from desktop_app.meetings.services.dto import (
    AddendumInfo,
    AgendaInfo,
    AgreementInfo,
    AttendeeInfo,
    InviteeInfo,
    MeetingDetail,
    PhotoInfo,
    ProblemInfo,
)


def load_meeting(session: Session, meeting_id: int) -> MeetingDetail:
    m = meeting_row(session, meeting_id)
    names = regions.names(session)
    kind = session.get(MeetingKind, m.kind)
    topics = dict(session.execute(select(ProblemTopic.code, ProblemTopic.label)).all())
    desa = [(code, names.get(code, code)) for code in desa_of(session, meeting_id)]
    invitees = [InviteeInfo(i.id, i.name, i.kind, i.unit_id, i.desa_code)
                for i in session.scalars(select(MeetingInvitee).where(
                    MeetingInvitee.meeting_id == meeting_id).order_by(MeetingInvitee.position))]
    agenda = [AgendaInfo(a.id, a.position, a.title, a.discussion)
              for a in session.scalars(select(AgendaItem).where(
                  AgendaItem.meeting_id == meeting_id).order_by(AgendaItem.position))]
    attendees = [AttendeeInfo(a.id, a.position_no, a.name, a.position, a.institution,
                              a.desa_code, names.get(a.desa_code or "", ""), a.phone, a.gender,
                              a.present, a.version)
                 for a in session.scalars(select(Attendee).where(
                     Attendee.meeting_id == meeting_id).order_by(Attendee.position_no,
                                                                 Attendee.id))]
    problem_rows = list(session.scalars(select(MeetingProblem).where(
        MeetingProblem.meeting_id == meeting_id).order_by(MeetingProblem.position)))
    sub_numbers = submission_links.numbers_by_id(
        session, (p.submission_id for p in problem_rows if p.submission_id))
    problems = [ProblemInfo(p.id, p.position, p.desa_code, names.get(p.desa_code or "", ""),
                            p.topic, topics.get(p.topic, p.topic), p.description, p.answer,
                            p.status, p.submission_id, sub_numbers.get(p.submission_id or 0, ""),
                            p.version)
                for p in problem_rows]
    agreements = [AgreementInfo(a.id, a.number, a.text)
                  for a in session.scalars(select(Agreement).where(
                      Agreement.meeting_id == meeting_id).order_by(Agreement.number))]
    actions = action_rows(session, actions_select().where(
        ActionItem.meeting_id == meeting_id).order_by(ActionItem.id), names)
    discussed = [
        update_info(u, a) for u, a in session.execute(
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
        prepared_from_id=m.prepared_from_id, version=m.version,
    )


def get_meeting(app: AppContext, actor: Actor, meeting_id: int) -> MeetingDetail:
    require(actor, Permission.MEETING_VIEW)
    with unit_of_work(app, write=False) as session:
        return load_meeting(session, meeting_id)



def held_dates(session: Session, meeting_ids: Collection[int]) -> dict[int, date]:
    """meeting id → the day it is (or was) held, for the features that link to meetings."""
    if not meeting_ids:
        return {}
    return {row.id: row.held_on for row in session.execute(
        select(Meeting.id, Meeting.held_on).where(Meeting.id.in_(list(meeting_ids))))}
