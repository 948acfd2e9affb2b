"""Printing KULA RAKAT documents: formulir (one or a batch), tanda terima, berita acara
penyerahan hasil input, lembar disposisi. Printing personal data is written to the audit trail."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from sqlalchemy import select

from desktop_app.core.domain import clock
from desktop_app.core.domain.errors import NotFound, ValidationError
from desktop_app.core.domain.progress import Progress
from desktop_app.core.domain.roles import Permission
from desktop_app.core.models import User
from desktop_app.core.services import audit, office, regions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.intake.models import Submission
from desktop_app.intake.services.submissions import (
    DetailPrefetch,
    SubmissionFilter,
    SubmissionPageSource,
    attachment_path,
    filtered_ids,
    load_detail,
)


def _page_setup(app: AppContext):  # type: ignore[no-untyped-def]
    from desktop_app.core.reports.base import letterhead_from_profile

    profile = office.get_profile(app)
    if profile is None:
        raise ValidationError("Profil kantor belum diisi; isi dahulu di Pengaturan.")
    return profile, letterhead_from_profile(profile)


def print_forms(app: AppContext, actor: Actor, ids: Sequence[int], target: Path,
                progress: Progress | None = None) -> Path:
    """One formulir per submission, all in one PDF (batch printing)."""
    require(actor, Permission.SUBMISSION_VIEW)
    from desktop_app.core.reports.base import build_many, frame_width
    from desktop_app.intake.reports import form_story

    if not ids:
        raise ValidationError("Tidak ada data untuk dicetak.")
    profile, letterhead = _page_setup(app)
    width = frame_width(profile.paper_size)
    stories = []
    with unit_of_work(app, write=False) as session:
        names = regions.names(session)
        for start in range(0, len(ids), 500):
            chunk = list(ids[start:start + 500])
            subs = {s.id: s for s in session.scalars(
                select(Submission).where(Submission.id.in_(chunk)))}
            pre = DetailPrefetch.load(session, app, list(subs.values()))
            for sid in chunk:
                sub = subs.get(sid)
                if sub is None:
                    continue
                detail = load_detail(session, app, actor, sub, names, pre)
                photos = [attachment_path(app, a.stored_name) for a in detail.attachments
                          if a.is_photo]
                stories.append(form_story(detail, width, photos))
                if progress is not None and len(stories) % 50 == 0:
                    progress(len(stories), len(ids) * 2, "Menyusun formulir…")
    total = len(stories)

    def _build_progress(done: int, _total: int) -> None:
        if progress is not None:
            progress(total + done, total * 2, "Membuat PDF…")

    build_many(target, stories, page_size=profile.paper_size, letterhead=letterhead,
               title="Formulir KULA RAKAT", author=profile.name, progress=_build_progress)
    with unit_of_work(app) as session:
        audit.record(session, actor, "print", "submission", ids[0] if len(ids) == 1 else "*",
                     after={"count": len(ids), "file": Path(target).name},
                     summary=f"Cetak {len(ids)} formulir")
    return Path(target)


def print_filtered_forms(app: AppContext, actor: Actor, flt: SubmissionFilter, target: Path,
                         progress: Progress | None = None) -> Path:
    return print_forms(app, actor, filtered_ids(app, actor, flt), target, progress)


def print_receipt(app: AppContext, actor: Actor, submission_id: int, target: Path) -> Path:
    require(actor, Permission.SUBMISSION_VIEW)
    from desktop_app.core.reports.base import build_pdf, frame_width
    from desktop_app.intake.reports import receipt_story

    profile, letterhead = _page_setup(app)
    with unit_of_work(app, write=False) as session:
        sub = session.get(Submission, submission_id)
        if sub is None:
            raise NotFound("Data tidak ditemukan.")
        detail = load_detail(session, app, actor, sub)
    story = receipt_story(detail, frame_width(profile.paper_size), profile.name.title(),
                          profile.phone, profile.city, actor.full_name)
    build_pdf(target, story, page_size=profile.paper_size, letterhead=letterhead,
              title=f"Tanda terima {detail.number}", author=profile.name)
    return Path(target)


def print_disposition(app: AppContext, actor: Actor, submission_id: int, target: Path,
                      disposition_id: int | None = None) -> Path:
    require(actor, Permission.SUBMISSION_VIEW)
    from desktop_app.core.reports.base import Signatory, build_pdf, frame_width
    from desktop_app.intake.reports import disposition_story

    profile, letterhead = _page_setup(app)
    with unit_of_work(app, write=False) as session:
        sub = session.get(Submission, submission_id)
        if sub is None:
            raise NotFound("Data tidak ditemukan.")
        detail = load_detail(session, app, actor, sub)
    chosen = [d for d in detail.dispositions if disposition_id in (None, d.id)]
    if not chosen:
        raise ValidationError("Data ini belum memiliki disposisi.")
    head = Signatory(profile.head_title or "Pimpinan", profile.head_name, profile.head_rank,
                     profile.head_nip)
    story = disposition_story(detail, chosen[-1], frame_width(profile.paper_size), head,
                              profile.city)
    build_pdf(target, story, page_size=profile.paper_size, letterhead=letterhead,
              title=f"Lembar disposisi {detail.number}", author=profile.name)
    return Path(target)


def print_handover(app: AppContext, actor: Actor, enumerator_id: int, date_from: date,
                   date_to: date, target: Path, number: str = "") -> tuple[Path, int]:
    """Berita acara penyerahan hasil input of one enumerator for a period; returns (file, n)."""
    require(actor, Permission.SUBMISSION_VIEW)
    from desktop_app.core.reports.base import Signatory, build_pdf, frame_width
    from desktop_app.intake.reports import handover_story

    profile, letterhead = _page_setup(app)
    with unit_of_work(app, write=False) as session:
        user = session.get(User, enumerator_id)
        if user is None:
            raise NotFound("Enumerator tidak ditemukan.")
        enumerator = Signatory(user.position or "Enumerator", user.full_name, nip=user.nip or "")
    flt = SubmissionFilter(entered_by_id=enumerator_id, date_from=date_from, date_to=date_to)
    source = SubmissionPageSource(app, actor)
    rows = source.fetch(flt, "received_on", False, 0, 100_000)
    receiver = Signatory(profile.head_title or "Pimpinan", profile.head_name, profile.head_rank,
                         profile.head_nip)
    story = handover_story(enumerator=enumerator, receiver=receiver,
                           period=(date_from, date_to), rows=rows,
                           width=frame_width(profile.paper_size),
                           number=number or f"…/BA/{profile.short_name or 'KULA'}/{clock.today().year}",
                           city=profile.city, when=clock.today())
    build_pdf(target, story, page_size=profile.paper_size, letterhead=letterhead,
              title="Berita acara penyerahan hasil input", author=profile.name)
    with unit_of_work(app) as session:
        audit.record(session, actor, "print", "handover", enumerator_id,
                     after={"count": len(rows), "from": date_from, "to": date_to},
                     summary=f"BA penyerahan hasil input {enumerator.name}: {len(rows)} data")
    return Path(target), len(rows)
