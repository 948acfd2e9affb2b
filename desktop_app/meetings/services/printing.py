"""Printing RUKO PARSEL documents: surat undangan (one per addressee, or one with a
distribution list), daftar hadir and notulen. Every printout is written to the audit trail."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop_app.core.domain import clock
from desktop_app.core.domain.errors import ValidationError
from desktop_app.core.domain.progress import Progress
from desktop_app.core.domain.roles import Permission
from desktop_app.core.services import audit, office, settings
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.core.services.settings import read_setting
from desktop_app.meetings.services.meetings import (
    MeetingDetail,
    load_meeting,
    photo_path,
    suggest_letter_number,
)

TIME_ZONE = settings.MEETINGS_TIME_ZONE
BLANK_ROWS = settings.MEETINGS_BLANK_ROWS


def _setup(app: AppContext):  # type: ignore[no-untyped-def]
    from desktop_app.core.reports.base import frame_width, letterhead_from_profile

    profile = office.get_profile(app)
    if profile is None:
        raise ValidationError("Profil kantor belum diisi; isi dahulu di Pengaturan.")
    return profile, letterhead_from_profile(profile), frame_width(profile.paper_size)


def _load(app: AppContext, meeting_id: int) -> MeetingDetail:
    with unit_of_work(app, write=False) as session:
        return load_meeting(session, meeting_id)


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

    profile, letterhead, width = _setup(app)
    d = _load(app, meeting_id)
    addressees = addressees_of(d)
    if not addressees:
        raise ValidationError("Isi dahulu tujuan undangan (Yth.) atau desa/kelurahan rapat.")
    letter_date = d.letter_date or clock.today()
    number = d.letter_number or suggest_letter_number(app, "      ", letter_date)
    head = Signatory(profile.head_title or "Camat", profile.head_name or "." * 30,
                     profile.head_rank, profile.head_nip)
    zone = str(read_setting(app, TIME_ZONE))
    common = dict(width=width, city=profile.city, signatory=head, letter_number=number,
                  letter_date=letter_date, zone=zone)
    if per_addressee:
        stories = []
        for i, name in enumerate(addressees):
            stories.append(invitation_story(d, addressees=[name], **common))  # type: ignore
            if progress is not None:
                progress(i + 1, len(addressees), "Menyusun surat undangan…")
    else:
        stories = [invitation_story(d, addressees=addressees,  # type: ignore[arg-type]
                                    distribution=len(addressees) > 4, **common)]
    build_many(target, stories, page_size=profile.paper_size, letterhead=letterhead,
               title=f"Undangan {d.title}", author=profile.name)
    _audit_print(app, actor, meeting_id, "surat undangan", target, letters=len(stories))
    return Path(target)


def print_attendance(app: AppContext, actor: Actor, meeting_id: int, target: Path, *,
                     blank_rows: int | None = None) -> Path:
    require(actor, Permission.MEETING_VIEW)
    from desktop_app.core.reports.base import Signatory, build_pdf
    from desktop_app.meetings.reports import attendance_story

    profile, letterhead, width = _setup(app)
    d = _load(app, meeting_id)
    rows = int(read_setting(app, BLANK_ROWS)) if blank_rows is None else blank_rows
    chair = Signatory(d.chair_position or "Pimpinan Rapat", d.chair_name or "." * 30,
                      nip=d.chair_nip) if d.chair_name else None
    story = attendance_story(d, width=width, city=profile.city,
                             zone=str(read_setting(app, TIME_ZONE)), blank_rows=rows,
                             signatory=chair)
    build_pdf(target, story, page_size=profile.paper_size, letterhead=letterhead,
              title=f"Daftar hadir {d.title}", author=profile.name)
    _audit_print(app, actor, meeting_id, "daftar hadir", target, people=len(d.attendees))
    return Path(target)


def print_notulen(app: AppContext, actor: Actor, meeting_id: int, target: Path) -> Path:
    require(actor, Permission.MEETING_VIEW)
    from desktop_app.core.reports.base import build_pdf
    from desktop_app.meetings.reports import notulen_story

    profile, letterhead, width = _setup(app)
    d = _load(app, meeting_id)
    photos = [(photo_path(app, p.stored_name), p.caption) for p in d.photos
              if photo_path(app, p.stored_name).is_file()]
    story = notulen_story(d, width=width, city=profile.city,
                          zone=str(read_setting(app, TIME_ZONE)), photos=photos)
    build_pdf(target, story, page_size=profile.paper_size, letterhead=letterhead,
              title=f"Notulen {d.title}", author=profile.name)
    _audit_print(app, actor, meeting_id, "notulen", target, final=d.is_final)
    return Path(target)


def print_recap(app: AppContext, actor: Actor, date_from: date, date_to: date,
                target: Path) -> Path:
    require(actor, Permission.MEETING_VIEW)
    from desktop_app.core.reports.base import build_pdf
    from desktop_app.meetings.reports import recap_story
    from desktop_app.meetings.services.meetings import recap

    profile, letterhead, width = _setup(app)
    r = recap(app, actor, date_from, date_to)
    build_pdf(target, recap_story(r, width=width), page_size=profile.paper_size,
              letterhead=letterhead, title="Rekap RUKO PARSEL", author=profile.name)
    with unit_of_work(app) as session:
        audit.record(session, actor, "print", "meeting_recap", "*",
                     after={"from": date_from, "to": date_to, "file": Path(target).name},
                     summary=f"Cetak rekap RUKO PARSEL {date_from} s.d. {date_to}")
    return Path(target)
