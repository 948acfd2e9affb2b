"""Exporting RUKO PARSEL to xlsx: the meeting log, the follow-up tracker and the period recap.
Each reads in one transaction, writes the workbook (layouts in ``meetings.exchange``), then
audits the export."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.domain import clock
from desktop_app.core.domain.roles import Permission
from desktop_app.core.exchange.writer import write_table
from desktop_app.core.services import audit, office, regions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.intake.services import links as submission_links
from desktop_app.meetings import exchange
from desktop_app.meetings.domain import MinutesStatus, problem_status_label
from desktop_app.meetings.models import (
    Agreement,
    Attendee,
    Meeting,
    MeetingDesa,
    MeetingKind,
    MeetingProblem,
    ProblemTopic,
)
from desktop_app.meetings.services.listing import MeetingFilter, apply_meeting_filter
from desktop_app.meetings.services.recap import period_recap
from desktop_app.meetings.services.tracker import ActionFilter, filtered_actions


@dataclass(frozen=True)
class MeetingLine:
    id: int
    held_on: date
    start_time: time | None
    end_time: time | None
    kind_label: str
    title: str
    desa: str
    place: str
    chair_name: str
    minute_taker_name: str
    present: int
    letter_number: str
    status_label: str
    finalized_by_name: str


@dataclass(frozen=True)
class AttendeeLine:
    meeting_id: int
    held_on: date
    meeting_title: str
    position_no: int
    name: str
    position: str
    institution: str
    desa_name: str
    phone: str
    gender: str | None
    present: bool


@dataclass(frozen=True)
class ProblemLine:
    meeting_id: int
    held_on: date
    desa_name: str
    topic_label: str
    description: str
    answer: str
    status_label: str
    submission_number: str


@dataclass(frozen=True)
class AgreementLine:
    meeting_id: int
    held_on: date
    number: int
    text: str


def _title(session: Session, actor: Actor, what: str) -> tuple[list[str], str]:
    profile = office.load_profile(session)
    name = profile.name if profile else ""
    return ([f"{what} — {name}".strip(" —"),
             f"Diekspor {clock.today():%d/%m/%Y} oleh {actor.full_name}"],
            profile.paper_size if profile else "A4")


def _audit(app: AppContext, actor: Actor, entity: str, target: Path, rows: int,
           summary: str) -> None:
    with unit_of_work(app) as session:
        audit.record(session, actor, "export", entity, "*",
                     after={"rows": rows, "file": Path(target).name}, summary=summary)


def export_meetings(app: AppContext, actor: Actor, target: Path | str,
                    flt: MeetingFilter | None = None) -> tuple[Path, int]:
    """Sheets Rapat, Daftar hadir, Masalah and Kesepakatan for the meetings of the filter.
    Phone numbers are masked for roles that may not see personal data."""
    require(actor, Permission.DATA_EXPORT)
    require(actor, Permission.MEETING_VIEW)
    with unit_of_work(app, write=False) as session:
        title, paper = _title(session, actor, "Log Rapat RUKO PARSEL")
        ids = list(session.scalars(apply_meeting_filter(select(Meeting.id), flt)
                                   .order_by(Meeting.held_on, Meeting.id)))
        names = regions.names(session)
        kinds = dict(session.execute(select(MeetingKind.code, MeetingKind.label)).all())
        topics = dict(session.execute(select(ProblemTopic.code, ProblemTopic.label)).all())
        meetings = {m.id: m for m in session.scalars(select(Meeting).where(Meeting.id.in_(ids)))}
        desa: dict[int, list[str]] = {}
        for mid, code in session.execute(select(MeetingDesa.meeting_id, MeetingDesa.desa_code)
                                         .where(MeetingDesa.meeting_id.in_(ids))).all():
            desa.setdefault(mid, []).append(names.get(code, code))
        attendees = list(session.scalars(select(Attendee).where(Attendee.meeting_id.in_(ids))
                                         .order_by(Attendee.meeting_id, Attendee.position_no)))
        problems = list(session.scalars(select(MeetingProblem).where(
            MeetingProblem.meeting_id.in_(ids)).order_by(MeetingProblem.meeting_id,
                                                         MeetingProblem.position)))
        numbers = submission_links.numbers_by_id(
            session, (p.submission_id for p in problems if p.submission_id))
        agreements = list(session.scalars(select(Agreement).where(
            Agreement.meeting_id.in_(ids)).order_by(Agreement.meeting_id, Agreement.number)))
        present: dict[int, int] = {}
        for a in attendees:
            present[a.meeting_id] = present.get(a.meeting_id, 0) + (1 if a.present else 0)
        meeting_lines = [MeetingLine(
            m.id, m.held_on, m.start_time, m.end_time, kinds.get(m.kind, m.kind), m.title,
            ", ".join(sorted(desa.get(m.id, []))), m.place, m.chair_name, m.minute_taker_name,
            present.get(m.id, 0), m.letter_number, MinutesStatus.label_of(m.minutes_status),
            m.finalized_by_name) for m in (meetings[i] for i in ids)]
        attendee_lines = [AttendeeLine(
            a.meeting_id, meetings[a.meeting_id].held_on, meetings[a.meeting_id].title,
            a.position_no, a.name, a.position, a.institution, names.get(a.desa_code or "", ""),
            a.phone, a.gender, a.present) for a in attendees]
        problem_lines = [ProblemLine(
            p.meeting_id, meetings[p.meeting_id].held_on, names.get(p.desa_code or "", ""),
            topics.get(p.topic, p.topic), p.description, p.answer,
            problem_status_label(p.status), numbers.get(p.submission_id or 0, ""))
            for p in problems]
        agreement_lines = [AgreementLine(a.meeting_id, meetings[a.meeting_id].held_on,
                                         a.number, a.text) for a in agreements]
    path = write_table(target, exchange.meeting_log_sheets(
        meeting_lines, attendee_lines, problem_lines, agreement_lines, title_rows=title,
        paper=paper, mask_phones=not actor.can(Permission.VIEW_PERSONAL_DATA)))
    _audit(app, actor, "meeting", Path(target), len(meeting_lines),
           f"Ekspor {len(meeting_lines)} rapat ({len(attendee_lines)} peserta) ke "
           f"{Path(target).name}")
    return path, len(meeting_lines)


def export_actions(app: AppContext, actor: Actor, target: Path | str,
                   flt: ActionFilter | None = None) -> tuple[Path, int]:
    """The follow-up tracker as xlsx, with the same filters as the screen."""
    require(actor, Permission.DATA_EXPORT)
    require(actor, Permission.MEETING_VIEW)
    with unit_of_work(app, write=False) as session:
        title, paper = _title(session, actor, "Tindak Lanjut RUKO PARSEL")
        rows = filtered_actions(session, flt)
    path = write_table(target, exchange.action_sheets(rows, title_rows=title, paper=paper))
    _audit(app, actor, "action", Path(target), len(rows),
           f"Ekspor {len(rows)} tindak lanjut ke {Path(target).name}")
    return path, len(rows)


def export_recap(app: AppContext, actor: Actor, date_from: date, date_to: date,
                 target: Path | str) -> Path:
    """The period recap (evidence for the regional innovation index) as xlsx."""
    require(actor, Permission.DATA_EXPORT)
    require(actor, Permission.MEETING_VIEW)
    with unit_of_work(app, write=False) as session:
        title, paper = _title(session, actor, "Rekap RUKO PARSEL")
        r = period_recap(session, date_from, date_to)
    path = write_table(target, exchange.recap_sheets(r, title_rows=title, date_from=date_from,
                                                     date_to=date_to, paper=paper))
    _audit(app, actor, "meeting_recap", Path(target), r.meetings,
           f"Ekspor rekap RUKO PARSEL {date_from:%d/%m/%Y} s.d. {date_to:%d/%m/%Y}")
    return path
