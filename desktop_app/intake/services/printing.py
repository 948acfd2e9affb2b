"""Printing KULA RAKAT documents: formulir (one or a batch), tanda terima, berita acara
penyerahan hasil input, lembar disposisi.

Each printout reads everything it shows (office profile, records, children) in one read
transaction, builds the PDF outside it, and then writes the audit row of a printout of personal
data in a short write transaction of its own (a failed build leaves no audit row, and the write
lock is never held while pages are drawn)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.domain import clock
from desktop_app.core.domain.errors import NotFound, ValidationError
from desktop_app.core.domain.progress import Progress
from desktop_app.core.domain.roles import Permission, Role
from desktop_app.core.models import User
from desktop_app.core.services import audit, office, regions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.core.services.office import OfficeProfileData
from desktop_app.intake.models import Submission
from desktop_app.intake.services.details import DetailPrefetch, SubmissionDetail, load_detail
from desktop_app.intake.services.listing import SubmissionFilter, ids_in, rows_in
from desktop_app.intake.services.records import load
from desktop_app.intake.services.workflow import attachment_path

CHUNK = 500


def _profile(session: Session) -> OfficeProfileData:
    profile = office.load_profile(session)
    if profile is None:
        raise ValidationError("Profil kantor belum diisi; isi dahulu di Pengaturan.")
    return profile


def _letterhead(profile: OfficeProfileData) -> Any:
    from desktop_app.core.reports.base import letterhead_from_profile

    return letterhead_from_profile(profile)


def _head(profile: OfficeProfileData) -> Any:
    from desktop_app.core.reports.base import Signatory

    return Signatory(profile.head_title or "Pimpinan", profile.head_name, profile.head_rank,
                     profile.head_nip)


def _disposer(session: Any, disposition: Any) -> Any:
    """Who signs a lembar disposisi: the one who disposed it, with jabatan and NIP as the
    user list has them (the name written at the time when the user is gone)."""
    from desktop_app.core.reports.base import Signatory

    user = session.get(User, disposition.by_user_id) if disposition.by_user_id else None
    if user is None:
        return Signatory("Yang mendisposisi", disposition.by_name)
    title = user.position or Role.label_of(user.role)
    return Signatory(title, user.full_name, "", user.nip or "")


def _audit_print(app: AppContext, actor: Actor, entity: str, entity_id: object,
                 after: dict[str, Any], summary: str) -> None:
    with unit_of_work(app) as session:
        audit.record(session, actor, "print", entity, entity_id, after=after, summary=summary)


def _details(session: Session, app: AppContext, actor: Actor, ids: Sequence[int],
             progress: Progress | None) -> list[tuple[SubmissionDetail, list[Path]]]:
    out: list[tuple[SubmissionDetail, list[Path]]] = []
    names = regions.names(session)
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start:start + CHUNK])
        subs = {s.id: s for s in session.scalars(
            select(Submission).where(Submission.id.in_(chunk)))}
        pre = DetailPrefetch.load(session, list(subs.values()))
        for sid in chunk:
            sub = subs.get(sid)
            if sub is None:
                continue
            detail = load_detail(session, actor, sub, names, pre, signer_nik=True)
            out.append((detail, [attachment_path(app, a.stored_name)
                                 for a in detail.attachments if a.is_photo]))
            if progress is not None and len(out) % 50 == 0:
                progress(len(out), len(ids) * 2, "Membaca data…")
    return out


def _print_forms(app: AppContext, actor: Actor, session: Session, ids: Sequence[int],
                 target: Path, progress: Progress | None) -> Path:
    """Read in ``session`` (the caller's read transaction), then build and audit."""
    from desktop_app.core.reports.base import build_many, frame_width
    from desktop_app.intake.reports import form_story

    if not ids:
        raise ValidationError("Tidak ada data untuk dicetak.")
    profile = _profile(session)
    records = _details(session, app, actor, ids, progress)
    width = frame_width(profile.paper_size)
    stories = []
    for n, (detail, photos) in enumerate(records, start=1):
        stories.append(form_story(detail, width, photos))
        if progress is not None and n % 50 == 0:
            progress(n, len(ids) * 2, "Menyusun formulir…")
    total = len(stories)

    def _build_progress(done: int, _total: int) -> None:
        if progress is not None:
            progress(total + done, total * 2, "Membuat PDF…")

    build_many(target, stories, page_size=profile.paper_size, letterhead=_letterhead(profile),
               title="Formulir KULA RAKAT", author=profile.name, progress=_build_progress,
               printed_by_footer=False)  # an official document: no ad
    return Path(target)


def print_forms(app: AppContext, actor: Actor, ids: Sequence[int], target: Path,
                progress: Progress | None = None) -> Path:
    """One formulir per submission, all in one PDF (batch printing)."""
    require(actor, Permission.SUBMISSION_VIEW)
    with unit_of_work(app, write=False) as session:
        path = _print_forms(app, actor, session, ids, Path(target), progress)
    _audit_print(app, actor, "submission", ids[0] if len(ids) == 1 else "*",
                 {"count": len(ids), "file": Path(target).name}, f"Cetak {len(ids)} formulir")
    return path


def print_filtered_forms(app: AppContext, actor: Actor, flt: SubmissionFilter, target: Path,
                         progress: Progress | None = None) -> Path:
    """The formulir of every record the list's filter selects."""
    require(actor, Permission.SUBMISSION_VIEW)
    with unit_of_work(app, write=False) as session:
        ids = ids_in(session, actor, flt)
        path = _print_forms(app, actor, session, ids, Path(target), progress)
    _audit_print(app, actor, "submission", ids[0] if len(ids) == 1 else "*",
                 {"count": len(ids), "file": Path(target).name}, f"Cetak {len(ids)} formulir")
    return path


def print_receipt(app: AppContext, actor: Actor, submission_id: int, target: Path,
                  progress: Progress | None = None) -> Path:
    require(actor, Permission.SUBMISSION_VIEW)
    from desktop_app.core.reports.base import build_pdf, frame_width
    from desktop_app.intake.reports import receipt_story

    with unit_of_work(app, write=False) as session:
        profile = _profile(session)
        detail = load_detail(session, actor, load(session, submission_id))
    story = receipt_story(detail, frame_width(profile.paper_size), profile.name.title(),
                          profile.phone, profile.city, actor.full_name)
    build_pdf(target, story, page_size=profile.paper_size, letterhead=_letterhead(profile),
              title=f"Tanda terima {detail.number}", author=profile.name,
              printed_by_footer=False)  # an official document: no ad
    return Path(target)


def print_disposition(app: AppContext, actor: Actor, submission_id: int, target: Path,
                      disposition_id: int | None = None,
                      progress: Progress | None = None) -> Path:
    require(actor, Permission.SUBMISSION_VIEW)
    from desktop_app.core.reports.base import build_pdf, frame_width
    from desktop_app.intake.reports import disposition_story

    with unit_of_work(app, write=False) as session:
        profile = _profile(session)
        detail = load_detail(session, actor, load(session, submission_id))
        chosen = [d for d in detail.dispositions if disposition_id in (None, d.id)]
        if not chosen:
            raise ValidationError("Data ini belum memiliki disposisi.")
        signer = _disposer(session, chosen[-1])
    story = disposition_story(detail, chosen[-1], frame_width(profile.paper_size), signer,
                              profile.city)
    build_pdf(target, story, page_size=profile.paper_size, letterhead=_letterhead(profile),
              title=f"Lembar disposisi {detail.number}", author=profile.name,
              printed_by_footer=False)  # an official document: no ad
    return Path(target)


def print_handover(app: AppContext, actor: Actor, enumerator_id: int, date_from: date,
                   date_to: date, target: Path, number: str = "",
                   progress: Progress | None = None) -> tuple[Path, int]:
    """Berita acara penyerahan hasil input of one enumerator for a period; returns (file, n)."""
    require(actor, Permission.SUBMISSION_VIEW)
    from desktop_app.core.reports.base import Signatory, build_pdf, frame_width
    from desktop_app.intake.reports import handover_story

    flt = SubmissionFilter(entered_by_id=enumerator_id, date_from=date_from, date_to=date_to)
    with unit_of_work(app, write=False) as session:
        profile = _profile(session)
        user = session.get(User, enumerator_id)
        if user is None:
            raise NotFound("Enumerator tidak ditemukan.")
        enumerator = Signatory(user.position or "Enumerator", user.full_name, nip=user.nip or "")
        rows = rows_in(session, actor, flt)
    story = handover_story(enumerator=enumerator, receiver=_head(profile),
                           period=(date_from, date_to), rows=rows,
                           width=frame_width(profile.paper_size),
                           number=number or f"…/BA/{profile.short_name or 'KULA'}/{clock.today().year}",
                           city=profile.city, when=clock.today())
    build_pdf(target, story, page_size=profile.paper_size, letterhead=_letterhead(profile),
              title="Berita acara penyerahan hasil input", author=profile.name,
              printed_by_footer=False)  # an official document: no ad
    _audit_print(app, actor, "handover", enumerator_id,
                 {"count": len(rows), "from": date_from, "to": date_to},
                 f"BA penyerahan hasil input {enumerator.name}: {len(rows)} data")
    return Path(target), len(rows)
