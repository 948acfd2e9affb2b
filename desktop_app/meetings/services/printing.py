"""Printing RUKO PARSEL documents: surat undangan (one per addressee, or one with a
distribution list), daftar hadir, notulen and the period recap. Each reads everything it needs
in one read-only transaction, renders outside it, then writes its audit row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from desktop_app.core.domain import clock
from desktop_app.core.domain.errors import ValidationError
from desktop_app.core.domain.progress import Progress
from desktop_app.core.domain.roles import Permission
from desktop_app.core.services import audit, office, settings
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.core.services.settings import get_setting
from desktop_app.meetings.services.dto import MeetingDetail
from desktop_app.meetings.services.minutes import letter_number
from desktop_app.meetings.services.photos import photo_path
from desktop_app.meetings.services.reading import load_meeting
from desktop_app.meetings.services.recap import period_recap

TIME_ZONE = settings.MEETINGS_TIME_ZONE
BLANK_ROWS = settings.MEETINGS_BLANK_ROWS


@dataclass
class _Office:
    profile: office.OfficeProfileData
    letterhead: Any
    width: float
    zone: str


def _office(session: Session) -> _Office:
    from desktop_app.core.reports.base import frame_width, letterhead_from_profile

    profile = office.load_profile(session)
    if profile is None:
        raise ValidationError("Profil kantor belum diisi; isi dahulu di Pengaturan.")
    return _Office(profile, letterhead_from_profile(profile), frame_width(profile.paper_size),
                   str(get_setting(session, TIME_ZONE)))


def _audit_print(app: AppContext, actor: Actor, meeting_id: int, what: str, target: Path,
                 **extra: object) -> None:
    with unit_of_work(app) as session:
        audit.record(session, actor, "print", "meeting", meeting_id,
                     after={"document": what, "file": Path(target).name, **extra},
                     summary=f"Cetak {what} rapat #{meeting_id}")


def addressees_of(d: MeetingDetail) -> list[str]:
    """The invitees, or when none were entered, the heads of the meeting's desa."""
    names = [i.name for i in d.invitees]
    if not names:
        names = [f"Kepala Desa {name}" for name in d.desa_names]
    return names


def print_invitation(app: AppContext, actor: Actor, meeting_id: int, target: Path, *,
                     per_addressee: bool = False, progress: Progress | None = None) -> Path:
    """Surat undangan: one letter per addressee (``per_addressee``), or one letter whose
    addressees stand under 'Yth.' (up to 4) or on an attached distribution list."""
    require(actor, Permission.MEETING_VIEW)
    from desktop_app.core.reports.base import Signatory, build_many
    from desktop_app.meetings.reports import invitation_story

    with unit_of_work(app, write=False) as session:
        o = _office(session)
        d = load_meeting(session, meeting_id)
        letter_date = d.letter_date or clock.today()
        number = d.letter_number or letter_number(session, "      ", letter_date)
    addressees = addressees_of(d)
    if not addressees:
        raise ValidationError("Isi dahulu tujuan undangan (Yth.) atau desa/kelurahan rapat.")
    p = o.profile
    head = Signatory(p.head_title or "Camat", p.head_name or "." * 30, p.head_rank, p.head_nip)
    common: dict[str, Any] = dict(width=o.width, city=p.city, signatory=head,
                                  letter_number=number, letter_date=letter_date, zone=o.zone)
    if per_addressee:
        stories = []
        for i, name in enumerate(addressees):
            stories.append(invitation_story(d, addressees=[name], **common))
            if progress is not None:
                progress(i + 1, len(addressees), "Menyusun surat undangan…")
    else:
        stories = [invitation_story(d, addressees=addressees, distribution=len(addressees) > 4,
                                    **common)]
    build_many(target, stories, page_size=p.paper_size, letterhead=o.letterhead,
               title=f"Undangan {d.title}", author=p.name, printed_by_footer=False)
    _audit_print(app, actor, meeting_id, "surat undangan", target, letters=len(stories))
    return Path(target)


def print_attendance(app: AppContext, actor: Actor, meeting_id: int, target: Path, *,
                     blank_rows: int | None = None) -> Path:
    require(actor, Permission.MEETING_VIEW)
    from desktop_app.core.reports.base import Signatory, build_pdf
    from desktop_app.meetings.reports import attendance_story

    with unit_of_work(app, write=False) as session:
        o = _office(session)
        d = load_meeting(session, meeting_id)
        rows = int(get_setting(session, BLANK_ROWS)) if blank_rows is None else blank_rows
    chair = Signatory(d.chair_position or "Pimpinan Rapat", d.chair_name or "." * 30,
                      nip=d.chair_nip) if d.chair_name else None
    story = attendance_story(d, width=o.width, city=o.profile.city, zone=o.zone,
                             blank_rows=rows, signatory=chair)
    build_pdf(target, story, page_size=o.profile.paper_size, letterhead=o.letterhead,
              title=f"Daftar hadir {d.title}", author=o.profile.name, printed_by_footer=False)
    _audit_print(app, actor, meeting_id, "daftar hadir", target, people=len(d.attendees))
    return Path(target)


def print_notulen(app: AppContext, actor: Actor, meeting_id: int, target: Path) -> Path:
    require(actor, Permission.MEETING_VIEW)
    from desktop_app.core.reports.base import build_pdf
    from desktop_app.meetings.reports import notulen_story

    with unit_of_work(app, write=False) as session:
        o = _office(session)
        d = load_meeting(session, meeting_id)
    photos = [(photo_path(app, p.stored_name), p.caption) for p in d.photos
              if photo_path(app, p.stored_name).is_file()]
    story = notulen_story(d, width=o.width, city=o.profile.city, zone=o.zone, photos=photos)
    build_pdf(target, story, page_size=o.profile.paper_size, letterhead=o.letterhead,
              title=f"Notulen {d.title}", author=o.profile.name, printed_by_footer=False)
    _audit_print(app, actor, meeting_id, "notulen", target, final=d.is_final)
    return Path(target)


def print_recap(app: AppContext, actor: Actor, date_from: date, date_to: date,
                target: Path) -> Path:
    require(actor, Permission.MEETING_VIEW)
    from desktop_app.core.reports.base import build_pdf
    from desktop_app.meetings.reports import recap_story

    with unit_of_work(app, write=False) as session:
        o = _office(session)
        r = period_recap(session, date_from, date_to)
    build_pdf(target, recap_story(r, width=o.width), page_size=o.profile.paper_size,
              letterhead=o.letterhead, title="Rekap RUKO PARSEL", author=o.profile.name)
    with unit_of_work(app) as session:
        audit.record(session, actor, "print", "meeting_recap", "*",
                     after={"from": date_from, "to": date_to, "file": Path(target).name},
                     summary=f"Cetak rekap RUKO PARSEL {date_from} s.d. {date_to}")
    return Path(target)
