"""Printing a rembuk's documents: the berita acara with Lampiran I and II, the screening recap,
and the letters to the desa. Each reads everything in one unit of work and is audited."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from desktop_app.core.domain.errors import ValidationError
from desktop_app.core.domain.progress import Progress, no_progress
from desktop_app.core.domain.roles import Permission
from desktop_app.core.services import audit, office, regions, settings
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.planning.domain.labels import (
    PlanningLevel,
    PriorityTier,
    RejectReason,
    RembukStatus,
    ScreeningVerdict,
)
from desktop_app.planning.domain.screening import TESTS, verdict_text
from desktop_app.planning.models import Rembuk
from desktop_app.planning.reports.documents import (
    DesaLetter,
    FateLine,
    Person,
    PriorityLine,
    ScreenLine,
    TierDocument,
)
from desktop_app.planning.services import frame, meeting_link
from desktop_app.planning.services.rembuk import counts_of, get_rembuk_row, info_of
from desktop_app.planning.services.screening import ScreeningFilter, ScreeningRow, rows_of

if TYPE_CHECKING:
    from desktop_app.core.reports.base import Letterhead


def _profile(session: Session) -> office.OfficeProfileData:
    profile = office.load_profile(session)
    if profile is None:
        raise ValidationError("Profil kantor belum diisi; isi dahulu di Pengaturan.")
    return profile


PDF_MARKS = {True: "Ya", False: "Tdk", None: ""}  # the PDF fonts have no ✓ ✗


def _priority_line(row: ScreeningRow) -> PriorityLine:
    return PriorityLine(row.rank, row.desa_name, row.work, row.location or "-",
                        row.volume_text, row.cost, row.agency)


def document_of(session: Session, r: Rembuk, *, screening: bool = True) -> TierDocument:
    """The plain data of a rembuk's printouts, read in the caller's unit of work. Without
    ``screening`` (the berita acara) only the passed usulan are read: no screening lines and
    no reason counts, which only the recap prints."""
    profile = _profile(session)
    info = info_of(session, r)
    if r.meeting_id is None:
        raise ValidationError("Rembuk ini belum terhubung dengan rapat di log rapat.")
    meeting = meeting_link.facts(session, r.meeting_id)
    rows = rows_of(session, r, None if screening
                   else ScreeningFilter(verdict=ScreeningVerdict.PASSED.value))
    level = PlanningLevel(r.level)
    nxt = level.next
    kabupaten = regions.names(session).get(".".join(r.region_code.split(".")[:2]), "")
    passed = [x for x in rows if x.verdict == ScreeningVerdict.PASSED.value]
    reasons = Counter(code for x in rows if x.verdict == ScreeningVerdict.REJECTED.value
                      for code in x.reasons.split(",") if code)
    c = counts_of(session, r.year, r.level, r.region_code)
    return TierDocument(
        level=r.level, level_label=level.label, region_name=info.region_name,
        region_label=info.region_label, kabupaten=kabupaten, year=r.year,
        number=r.ba_number, held_on=meeting.held_on, start_time=meeting.start_time,
        end_time=meeting.end_time, zone=str(settings.get_setting(
            session, settings.MEETINGS_TIME_ZONE)), place=meeting.place,
        chair=Person(meeting.chair_name, meeting.chair_position, nip=meeting.chair_nip),
        minute_taker=Person(meeting.minute_taker_name, meeting.minute_taker_position,
                            nip=meeting.minute_taker_nip),
        head=Person(r.acknowledger_name, r.acknowledger_position, nip=r.acknowledger_nip)
        if r.acknowledger_name else Person(profile.head_name, profile.head_title,
                                           nip=profile.head_nip),
        city=profile.city or "", next_level_label=nxt.label if nxt else "",
        attendees=[Person(a.name, a.position, a.institution, a.gender)
                   for a in meeting.attendees if a.present],
        delegates=[Person(d.name, d.role, d.institution, nip=d.nip) for d in info.delegates],
        main=[_priority_line(x) for x in passed if x.priority_tier == PriorityTier.MAIN.value],
        reserve=[_priority_line(x) for x in passed
                 if x.priority_tier == PriorityTier.RESERVE.value],
        unranked=[_priority_line(x) for x in passed if x.priority_tier is None],
        ceiling=r.ceiling if r.ranked_at else frame.ceiling_of(session, r.year, r.region_code),
        counts={k: getattr(c, k) for k in ("total", "pending", "passed", "revise", "rejected",
                                           "redirected")},
        screen_lines=[ScreenLine(x.number, x.desa_name, x.work, x.cost,
                                 tuple(PDF_MARKS[x.tests.get(k)] for k in TESTS),
                                 x.verdict_label, x.tier_label,
                                 x.note if x.verdict == ScreeningVerdict.PASSED.value
                                 else x.reason_text) for x in rows],
        reason_counts=[(RejectReason.label_of(code), n) for code, n in reasons.most_common()],
        agreements=list(meeting.agreements),
        final=r.status != RembukStatus.OPEN.value)


def _fate(row: ScreeningRow, next_level: str) -> FateLine:
    if row.returned or row.verdict == ScreeningVerdict.REVISE.value:
        result = "Perlu perbaikan"
    elif row.verdict == ScreeningVerdict.PASSED.value:
        result = f"Lolos – {row.tier_label}" if row.tier_label else "Lolos"
        if row.rank:
            result += f" (peringkat {row.rank})"
    else:
        result = ScreeningVerdict.label_of(row.verdict, "Belum dibahas")
    reason = verdict_text(row.verdict, row.reasons, row.note, row.redirect_target,
                          row.redirect_detail) if row.verdict else ""
    if row.verdict == ScreeningVerdict.PASSED.value and next_level:
        reason = f"Diteruskan ke Musrenbang {next_level}." + (f" {row.note}" if row.note else "")
    return FateLine(row.number, row.work, row.cost, result, reason)


def _setup(session: Session) -> tuple[str, float, Letterhead | None]:
    from desktop_app.core.reports.base import frame_width, letterhead_from_profile

    profile = _profile(session)
    return profile.paper_size, frame_width(profile.paper_size), letterhead_from_profile(profile)


def _audit_print(app: AppContext, actor: Actor, rembuk_id: int, what: str, target: Path,
                 **extra: object) -> None:
    with unit_of_work(app) as session:
        audit.record(session, actor, "print", "planning_rembuk", rembuk_id,
                     after={"document": what, "file": Path(target).name, **extra},
                     summary=f"Cetak {what} rembuk #{rembuk_id}")


def print_berita_acara(app: AppContext, actor: Actor, rembuk_id: int, target: Path,
                       progress: Progress = no_progress) -> Path:
    require(actor, Permission.PLANNING_VIEW)
    from desktop_app.core.reports.base import build_pdf
    from desktop_app.planning.reports.berita_acara import ba_story

    with unit_of_work(app, write=False) as session:
        progress(0, 2, "Membaca hasil rembuk…")
        doc = document_of(session, get_rembuk_row(session, rembuk_id), screening=False)
        paper, width, letterhead = _setup(session)
    progress(1, 2, "Menyusun berita acara…")
    build_pdf(target, ba_story(doc, width), page_size=paper, letterhead=letterhead,
              title=f"Berita Acara Musrenbang {doc.region_label} {doc.year}",
              author=doc.chair.name)
    _audit_print(app, actor, rembuk_id, "berita acara", target,
                 lampiran_rows=len(doc.main) + len(doc.reserve) + len(doc.unranked))
    progress(2, 2, "Selesai")
    return Path(target)


def print_recap(app: AppContext, actor: Actor, rembuk_id: int, target: Path,
                progress: Progress = no_progress) -> Path:
    require(actor, Permission.PLANNING_VIEW)
    from desktop_app.core.reports.base import build_pdf, frame_width
    from desktop_app.planning.reports.recap import recap_story

    with unit_of_work(app, write=False) as session:
        doc = document_of(session, get_rembuk_row(session, rembuk_id))
        paper, _width, letterhead = _setup(session)
    width = frame_width(paper, landscape=True)
    build_pdf(target, recap_story(doc, width), page_size=paper, landscape=True,
              letterhead=letterhead, title=f"Rekap penyaringan {doc.region_label} {doc.year}",
              author=doc.chair.name)
    _audit_print(app, actor, rembuk_id, "rekap penyaringan", target)
    progress(1, 1, "Selesai")
    return Path(target)


def letters_of(session: Session, r: Rembuk, doc: TierDocument) -> list[DesaLetter]:
    by_desa: dict[str, list[ScreeningRow]] = {}
    for row in rows_of(session, r):
        by_desa.setdefault(row.desa_code, []).append(row)
    code = str(settings.get_setting(session, settings.PLANNING_LETTER_CODE))
    profile = _profile(session)
    number = office.format_letter_number(
        profile.letter_number_pattern, kode=code, nomor="\u00a0" * 10,
        singkatan=profile.short_name or "Kec", tahun=doc.held_on.year)
    names = regions.names(session)
    letters = []
    for desa, rows in sorted(by_desa.items()):
        kind = "Kelurahan" if desa.split(".")[-1].startswith("1") else "Desa"
        head = "Lurah" if kind == "Kelurahan" else "Kepala Desa"
        name = names.get(desa, desa)
        letters.append(DesaLetter(f"{kind} {name}", f"{head} {name}", number,
                                  [_fate(x, doc.next_level_label)
                                   for x in sorted(rows, key=lambda x: x.number)]))
    return letters


def print_desa_letters(app: AppContext, actor: Actor, rembuk_id: int, target: Path,
                       progress: Progress = no_progress) -> Path:
    """One letter per desa of the rembuk, in one PDF (each with its own kop and pages)."""
    require(actor, Permission.PLANNING_VIEW)
    from desktop_app.core.reports.base import build_many
    from desktop_app.planning.reports.letters import letter_story

    with unit_of_work(app, write=False) as session:
        r = get_rembuk_row(session, rembuk_id)
        doc = document_of(session, r)
        letters = letters_of(session, r, doc)
        paper, width, letterhead = _setup(session)
    if not letters:
        raise ValidationError("Belum ada usulan di rembuk ini.")
    stories = []
    for i, letter in enumerate(letters):
        progress(i, len(letters), letter.desa_label)
        stories.append(letter_story(doc, letter, width))
    build_many(target, stories, page_size=paper, letterhead=letterhead,
               title=f"Surat hasil Musrenbang {doc.region_label} {doc.year}")
    _audit_print(app, actor, rembuk_id, "surat ke desa", target, letters=len(letters))
    progress(len(letters), len(letters), "Selesai")
    return Path(target)

