"""RUKO PARSEL spreadsheets: the meeting log (meetings, attendance, problems, agreements),
the follow-up actions and the period recap as xlsx. Every export is audited."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop_app.core.domain import clock
from desktop_app.core.domain.formatting import format_time, mask_digits
from desktop_app.core.domain.roles import Permission
from desktop_app.core.exchange.writer import DATE_FORMAT, ColumnFormat, SheetSpec, write_table
from desktop_app.core.services import audit, regions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
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
from desktop_app.meetings.services import meetings as svc


def _title(app: AppContext, actor: Actor, what: str) -> list[str]:
    from desktop_app.core.services.office import get_profile

    profile = get_profile(app)
    return [f"{what} — {profile.name if profile else ''}".strip(" —"),
            f"Diekspor {clock.today():%d/%m/%Y} oleh {actor.full_name}"]


def _audit(app: AppContext, actor: Actor, entity: str, target: Path, rows: int,
           summary: str) -> None:
    with unit_of_work(app) as session:
        audit.record(session, actor, "export", entity, "*",
                     after={"rows": rows, "file": Path(target).name}, summary=summary)


def export_meetings(app: AppContext, actor: Actor, target: Path | str,
                    flt: svc.MeetingFilter | None = None) -> tuple[Path, int]:
    """Sheets Rapat, Daftar hadir, Masalah and Kesepakatan for the meetings of the filter.
    Phone numbers are masked for roles that may not see personal data."""
    require(actor, Permission.DATA_EXPORT)
    require(actor, Permission.MEETING_VIEW)
    may_see = actor.can(Permission.VIEW_PERSONAL_DATA)
    with unit_of_work(app, write=False) as session:
        ids = list(session.scalars(svc.apply_meeting_filter(select(Meeting.id), flt)
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
        agreements = list(session.scalars(select(Agreement).where(
            Agreement.meeting_id.in_(ids)).order_by(Agreement.meeting_id, Agreement.number)))
        present: dict[int, int] = {}
        for a in attendees:
            present[a.meeting_id] = present.get(a.meeting_id, 0) + (1 if a.present else 0)
        meeting_rows: list[list[Any]] = [
            [m.id, m.held_on, format_time(m.start_time), format_time(m.end_time),
             kinds.get(m.kind, m.kind), m.title, ", ".join(sorted(desa.get(m.id, []))), m.place,
             m.chair_name, m.minute_taker_name, present.get(m.id, 0), m.letter_number,
             MinutesStatus(m.minutes_status).label, m.finalized_by_name]
            for m in (meetings[i] for i in ids)]
        attendee_rows = [
            [a.meeting_id, meetings[a.meeting_id].held_on, meetings[a.meeting_id].title,
             a.position_no, a.name, a.position, a.institution, names.get(a.desa_code or "", ""),
             a.phone if may_see else mask_digits(a.phone, 4), a.gender or "",
             "Hadir" if a.present else "Tidak hadir"] for a in attendees]
        problem_rows = [
            [p.meeting_id, meetings[p.meeting_id].held_on, names.get(p.desa_code or "", ""),
             topics.get(p.topic, p.topic), p.description, p.answer,
             problem_status_label(p.status)] for p in problems]
        agreement_rows = [[a.meeting_id, meetings[a.meeting_id].held_on, a.number, a.text]
                          for a in agreements]
    sheets = [
        SheetSpec("Rapat", [
            ColumnFormat("ID", 6), ColumnFormat("Tanggal", 12, DATE_FORMAT),
            ColumnFormat("Mulai", 8), ColumnFormat("Selesai", 8), ColumnFormat("Jenis", 24),
            ColumnFormat("Judul/acara", 45), ColumnFormat("Desa/Kelurahan", 30),
            ColumnFormat("Tempat", 30), ColumnFormat("Pimpinan rapat", 24),
            ColumnFormat("Notulis", 24), ColumnFormat("Hadir", 8),
            ColumnFormat("Nomor undangan", 22), ColumnFormat("Status notulen", 12),
            ColumnFormat("Difinalisasi oleh", 20)],
            meeting_rows, title_rows=_title(app, actor, "Log Rapat RUKO PARSEL")),
        SheetSpec("Daftar hadir", [
            ColumnFormat("ID rapat", 8), ColumnFormat("Tanggal", 12, DATE_FORMAT),
            ColumnFormat("Rapat", 40), ColumnFormat("No", 5), ColumnFormat("Nama", 28),
            ColumnFormat("Jabatan", 22), ColumnFormat("Instansi/Desa", 26),
            ColumnFormat("Desa", 18), ColumnFormat("No. HP", 16, "@"), ColumnFormat("L/P", 5),
            ColumnFormat("Kehadiran", 12)], attendee_rows),
        SheetSpec("Masalah", [
            ColumnFormat("ID rapat", 8), ColumnFormat("Tanggal", 12, DATE_FORMAT),
            ColumnFormat("Desa", 18), ColumnFormat("Topik", 30), ColumnFormat("Uraian", 60),
            ColumnFormat("Tanggapan", 60), ColumnFormat("Status", 16)], problem_rows),
        SheetSpec("Kesepakatan", [
            ColumnFormat("ID rapat", 8), ColumnFormat("Tanggal", 12, DATE_FORMAT),
            ColumnFormat("No", 5), ColumnFormat("Kesepakatan", 100)], agreement_rows),
    ]
    path = write_table(target, sheets)
    _audit(app, actor, "meeting", Path(target), len(meeting_rows),
           f"Ekspor {len(meeting_rows)} rapat ({len(attendee_rows)} peserta) ke "
           f"{Path(target).name}")
    return path, len(meeting_rows)


def export_actions(app: AppContext, actor: Actor, target: Path | str,
                   flt: svc.ActionFilter | None = None) -> tuple[Path, int]:
    """The follow-up tracker as xlsx, with the same filters as the screen."""
    require(actor, Permission.DATA_EXPORT)
    rows = svc.list_actions(app, actor, flt)
    data = [[r.id, r.meeting_date, r.meeting_title, r.what, r.owner_name,
             r.desa_name, r.due_date, r.status_label, "Ya" if r.overdue else "",
             r.done_on, r.closing_note] for r in rows]
    path = write_table(target, [SheetSpec("Tindak lanjut", [
        ColumnFormat("ID", 6), ColumnFormat("Tanggal rapat", 12, DATE_FORMAT),
        ColumnFormat("Rapat", 40), ColumnFormat("Tindak lanjut", 60),
        ColumnFormat("Penanggung jawab", 28), ColumnFormat("Desa", 18),
        ColumnFormat("Batas waktu", 12, DATE_FORMAT), ColumnFormat("Status", 18),
        ColumnFormat("Lewat batas", 10), ColumnFormat("Tanggal selesai", 12, DATE_FORMAT),
        ColumnFormat("Catatan penutupan", 40)], data,
        title_rows=_title(app, actor, "Tindak Lanjut RUKO PARSEL"))])
    _audit(app, actor, "action", Path(target), len(data),
           f"Ekspor {len(data)} tindak lanjut ke {Path(target).name}")
    return path, len(data)


def export_recap(app: AppContext, actor: Actor, date_from: date, date_to: date,
                 target: Path | str) -> Path:
    """The period recap (evidence for the regional innovation index) as xlsx."""
    require(actor, Permission.DATA_EXPORT)
    r = svc.recap(app, actor, date_from, date_to)
    summary = [
        ["Jumlah rapat/kunjungan", r.meetings], ["Notulen final", r.final_meetings],
        ["Peserta hadir", r.attendees_present], ["Permasalahan dicatat", r.problems],
        ["Tindak lanjut", r.actions], ["Selesai tepat waktu", r.done_on_time],
        ["Selesai terlambat", r.done_late], ["Belum selesai", r.open],
        ["  di antaranya lewat batas waktu", r.overdue], ["Dibatalkan", r.cancelled],
        ["Persentase selesai (%)", round(r.completion_rate, 1)],
    ]
    title = _title(app, actor, "Rekap RUKO PARSEL") + [
        f"Periode {date_from:%d/%m/%Y} s.d. {date_to:%d/%m/%Y}"]
    path = write_table(target, [
        SheetSpec("Ringkasan", [ColumnFormat("Uraian", 36), ColumnFormat("Jumlah", 12)],
                  summary, title_rows=title, autofilter=False),
        SheetSpec("Rapat per desa", [ColumnFormat("Desa/Kelurahan", 30),
                                     ColumnFormat("Jumlah rapat", 14)],
                  [list(x) for x in r.meetings_per_desa]),
        SheetSpec("Rapat per jenis", [ColumnFormat("Jenis rapat", 30),
                                      ColumnFormat("Jumlah", 12)],
                  [list(x) for x in r.meetings_per_kind]),
        SheetSpec("Masalah per topik", [ColumnFormat("Topik", 44), ColumnFormat("Jumlah", 12)],
                  [list(x) for x in r.problems_per_topic]),
    ])
    _audit(app, actor, "meeting_recap", Path(target), r.meetings,
           f"Ekspor rekap RUKO PARSEL {date_from:%d/%m/%Y} s.d. {date_to:%d/%m/%Y}")
    return path
