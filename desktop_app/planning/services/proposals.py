"""Usulan Musrenbang: entering, correcting (also after a tier sent it back), deleting, reading
one with its tiers and history, and photos. Imports and links reuse ``create_in``."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.core.domain.errors import ConflictError, PermissionDenied, ValidationError
from desktop_app.core.domain.roles import Permission, Role
from desktop_app.core.models import Region, User
from desktop_app.core.services import audit, regions, versions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.planning.domain.labels import (
    PlanningLevel,
    ProposalSource,
    Realisation,
    ScreeningVerdict,
)
from desktop_app.planning.domain.proposals import ProposalInput, check
from desktop_app.planning.models import (
    CatalogueEntry,
    MacroProblem,
    PlanningPriority,
    PlanningProposal,
    ProposalEvent,
    ProposalPhoto,
    RealisationEntry,
    TierResult,
)
from desktop_app.planning.services.common import (
    add_event,
    ensure_year,
    get_proposal,
    kecamatan_of,
    new_uid,
    region_for,
)
from desktop_app.planning.services.locking import PROPOSAL_LABELS

MAX_PHOTOS = 3


@dataclass(frozen=True)
class SavedProposal:
    id: int
    number: str
    uid: str


def _desa_rules(session: Session, actor: Actor, clean: dict[str, Any]) -> None:
    region = session.get(Region, clean["desa_code"])
    if region is None or region.level not in ("desa", "kelurahan"):
        raise ValidationError(field_errors={"desa_code": "Desa/kelurahan tidak dikenal."})
    if actor.role == Role.OPERATOR and actor.user_id is not None:
        own = session.scalar(select(User.desa_code).where(User.id == actor.user_id))
        if own and own != clean["desa_code"]:
            raise PermissionDenied("Enumerator desa hanya dapat mengisi usulan desanya sendiri.")
    for key, model, label in (("priority_id", PlanningPriority, "Prioritas"),
                              ("macro_problem_id", MacroProblem, "Permasalahan makro"),
                              ("catalogue_id", CatalogueEntry, "Entri kamus")):
        if clean.get(key) is not None and session.get(model, clean[key]) is None:
            raise ValidationError(field_errors={key: f"{label} yang dipilih tidak ditemukan."})


def _next_seq(session: Session, year: int, kecamatan: str) -> int:
    """Next number of the year in a kecamatan; cached in the transaction so a bulk import
    counts on."""
    key = f"planning.seq.{year}.{kecamatan}"
    last = session.info.get(key)
    if last is None:
        last = session.scalar(select(func.max(PlanningProposal.seq)).where(
            PlanningProposal.year == year, PlanningProposal.kecamatan_code == kecamatan)) or 0
    session.info[key] = last + 1
    return int(last) + 1


def _sender_seq(session: Session, number: str | None, year: int, kecamatan: str) -> int | None:
    """The sequence inside a sender's number when it is ours and still free here."""
    if not number:
        return None
    tail = number.rsplit("/", 1)[-1]
    if not tail.isdigit() or number != number_of(year, kecamatan, int(tail)):
        return None
    if session.scalar(select(PlanningProposal.id).where(PlanningProposal.number == number)):
        return None
    key = f"planning.seq.{year}.{kecamatan}"
    session.info[key] = max(int(tail), session.info.get(key) or session.scalar(
        select(func.max(PlanningProposal.seq)).where(
            PlanningProposal.year == year, PlanningProposal.kecamatan_code == kecamatan)) or 0)
    return int(tail)


def number_of(year: int, kecamatan: str, seq: int) -> str:
    """MUS/2027/07/00012 (the kecamatan's own segment of the Kemendagri code)."""
    return f"MUS/{year}/{kecamatan.rsplit('.', 1)[-1]}/{seq:05d}"


def _tier_row(proposal: PlanningProposal, level: PlanningLevel) -> TierResult:
    return TierResult(proposal_id=proposal.id, level=level.value, year=proposal.year,
                      region_code=region_for(level, proposal.desa_code),
                      volume=proposal.volume, unit_price=proposal.unit_price, cost=proposal.cost)


def create_in(session: Session, actor: Actor, clean: dict[str, Any], *,
              level: PlanningLevel = PlanningLevel.DESA,
              source: ProposalSource = ProposalSource.FORM, passed_below: str = "",
              uid: str | None = None, import_key: str | None = None, sipd_id: str | None = None,
              submission_id: int | None = None, meeting_problem_id: int | None = None,
              audit_now: bool = True, tier_rows: bool = True,
              number: str | None = None) -> PlanningProposal:
    """Insert one checked proposal at ``level`` inside the caller's unit of work.

    ``passed_below``: the name of the tier below that already passed it (a desa's result
    list imported at the kecamatan); that tier's result row is recorded as 'lolos'.
    ``tier_rows`` False: the caller writes the tier results (an import that carries them).
    ``number``: the number the proposal has at the sender, kept when it is free here."""
    ensure_year(session, clean["year"])
    _desa_rules(session, actor, clean)
    kecamatan = kecamatan_of(clean["desa_code"])
    seq = _sender_seq(session, number, clean["year"], kecamatan)
    if seq is None:
        number = None
        seq = _next_seq(session, clean["year"], kecamatan)
    row = PlanningProposal(
        **clean, uid=uid or new_uid(), seq=seq,
        number=number or number_of(clean["year"], kecamatan, seq),
        level=level.value, kecamatan_code=kecamatan,
        first_agency=clean.get("agency", ""), source=source.value, import_key=import_key,
        sipd_id=sipd_id, submission_id=submission_id, meeting_problem_id=meeting_problem_id,
        realisation=Realisation.NONE.value, entered_by_id=actor.user_id, version=1)
    session.add(row)
    session.flush()
    below = level.previous
    if tier_rows and passed_below and below is not None and below is not PlanningLevel.RT_RW:
        done = _tier_row(row, below)
        done.verdict, done.decided_by_name = ScreeningVerdict.PASSED.value, passed_below
        session.add(done)
    if tier_rows:
        session.add(_tier_row(row, level))
    add_event(session, actor, row.id, "create",
              f"Usulan dicatat ({source.label}) untuk {level.musrenbang}.", level.value)
    if audit_now:
        audit.record(session, actor, "create", "planning_proposal", row.id,
                     after=audit.snapshot(row), summary=f"Usulan {row.number}: {row.work[:80]}")
    return row


def create_proposal(app: AppContext, actor: Actor, data: ProposalInput, *,
                    level: PlanningLevel | str = PlanningLevel.DESA,
                    passed_below: str = "") -> SavedProposal:
    """Enter one usulan at ``level``; ``passed_below`` names the tier below that already
    passed it (e.g. 'Musrenbang Desa Inan' for a desa's result entered at the kecamatan)."""
    require(actor, Permission.PLANNING_ENTER)
    clean = check(data)
    with unit_of_work(app) as session:
        row = create_in(session, actor, clean, level=PlanningLevel(level),
                        passed_below=passed_below)
        return SavedProposal(row.id, row.number, row.uid)


def _editable(session: Session, row: PlanningProposal) -> None:
    current = session.scalar(select(TierResult).where(TierResult.proposal_id == row.id,
                                                      TierResult.level == row.level))
    if row.returned or current is None or current.verdict is None:
        return
    raise ConflictError(
        f"Usulan {row.number} sudah disaring di {PlanningLevel(row.level).musrenbang} "
        f"({ScreeningVerdict.label_of(current.verdict)}). Perubahan volume dan biaya dicatat "
        "pada penyaringan tingkat ini; data usulan hanya dapat diubah bila dikembalikan "
        "untuk perbaikan.")


def update_proposal(app: AppContext, actor: Actor, proposal_id: int, data: ProposalInput,
                    expected_version: int) -> int:
    """Correct a proposal; a returned one goes back to its tier's table, undecided again.
    Returns the new version; a stale ``expected_version`` is refused."""
    require(actor, Permission.PLANNING_ENTER)
    clean = check(data)
    with unit_of_work(app) as session:
        row = get_proposal(session, proposal_id)
        versions.check(session, row, expected_version, entity="planning_proposal",
                       what=f"Usulan {row.number}", labels=PROPOSAL_LABELS)
        _editable(session, row)
        _desa_rules(session, actor, clean)
        if clean["year"] != row.year or clean["desa_code"] != row.desa_code:
            decided = session.scalar(select(func.count()).select_from(TierResult).where(
                TierResult.proposal_id == row.id, TierResult.verdict.is_not(None)))
            if decided:
                raise ConflictError("Tahun dan desa usulan yang sudah disaring tidak dapat "
                                    "diubah; catat usulan baru bila perlu.")
        before = audit.snapshot(row)
        for key, value in clean.items():
            setattr(row, key, value)
        row.kecamatan_code = kecamatan_of(row.desa_code)
        was_returned = row.returned
        row.returned = False
        row.version += 1
        level = PlanningLevel(row.level)
        below = level.previous.value if level.previous else ""
        for tier in session.scalars(select(TierResult).where(TierResult.proposal_id == row.id)):
            if tier.level == row.level or tier.level == below or tier.verdict is None:
                tier.volume, tier.unit_price, tier.cost = row.volume, row.unit_price, row.cost
                tier.region_code = region_for(tier.level, row.desa_code)
            if was_returned and tier.level == row.level:
                tier.verdict = None
                tier.score = tier.rank = tier.priority_tier = None
        add_event(session, actor, row.id, "revise" if was_returned else "edit",
                  "Diperbaiki dan diajukan kembali." if was_returned else "Data usulan diubah.",
                  row.level)
        session.flush()
        audit.record(session, actor, "update", "planning_proposal", row.id, before=before,
                     after=audit.snapshot(row), summary=f"Ubah usulan {row.number}")
        return row.version


def delete_proposal(app: AppContext, actor: Actor, proposal_id: int, *,
                    version: int | None = None) -> None:
    """Only a proposal no tier has decided on can be deleted (a mistaken entry); ``version``:
    as the list showed it (corrected meanwhile on another desk: refused)."""
    require(actor, Permission.PLANNING_ENTER)
    with unit_of_work(app) as session:
        row = get_proposal(session, proposal_id)
        versions.check(session, row, version, entity="planning_proposal",
                       what=f"Usulan {row.number}", labels=PROPOSAL_LABELS)
        decided = session.scalar(select(func.count()).select_from(TierResult).where(
            TierResult.proposal_id == row.id, TierResult.verdict.is_not(None),
            TierResult.decided_at.is_not(None)))
        if decided:
            raise ConflictError("Usulan yang sudah disaring tidak dapat dihapus; beri putusan "
                                "'tidak diakomodir' dengan alasannya.")
        before = audit.snapshot(row)
        for model in (TierResult, ProposalEvent, ProposalPhoto, RealisationEntry):
            for child in session.scalars(select(model).where(model.proposal_id == row.id)):
                session.delete(child)
        session.delete(row)
        audit.record(session, actor, "delete", "planning_proposal", proposal_id, before=before,
                     summary=f"Hapus usulan {before['number']}")


# ---- Reading one proposal --------------------------------------------------------------------


@dataclass(frozen=True)
class TierInfo:
    level: str
    region_code: str
    verdict: str | None
    tests: dict[str, bool | None]
    priority_id: int | None
    reasons: str
    note: str
    redirect_target: str
    redirect_detail: str
    recommendation: str
    volume: float
    unit_price: int
    cost: int
    scores: dict[str, float]
    score: float | None
    rank: int | None
    priority_tier: str | None
    decided_at: datetime | None
    decided_by_name: str

    @property
    def level_label(self) -> str:
        return PlanningLevel.label_of(self.level)

    @property
    def verdict_label(self) -> str:
        return ScreeningVerdict.label_of(self.verdict, "Belum dibahas")


@dataclass(frozen=True)
class EventInfo:
    at: datetime
    level: str
    kind: str
    text: str
    by_name: str


@dataclass(frozen=True)
class PhotoInfo:
    id: int
    stored_name: str
    filename: str
    caption: str


@dataclass(frozen=True)
class RealisationInfo:
    id: int
    on_date: date
    stage: str
    progress: int | None
    amount: int | None
    note: str
    by_name: str

    @property
    def stage_label(self) -> str:
        return Realisation.label_of(self.stage)


@dataclass(frozen=True)
class ProposalDetail:
    id: int
    uid: str
    number: str
    version: int
    data: ProposalInput
    level: str
    returned: bool
    desa_name: str
    kecamatan_name: str
    cost: int
    source: str
    first_agency: str
    submission_id: int | None
    meeting_problem_id: int | None
    sipd_id: str | None
    realisation: str
    tiers: list[TierInfo]
    events: list[EventInfo]
    photos: list[PhotoInfo]
    realisations: list[RealisationInfo]
    priority_label: str
    macro_problem_label: str

    def tier(self, level: PlanningLevel | str) -> TierInfo | None:
        return next((t for t in self.tiers if t.level == PlanningLevel(level).value), None)

    @property
    def level_label(self) -> str:
        return PlanningLevel.label_of(self.level)


def input_of(p: PlanningProposal) -> ProposalInput:
    return ProposalInput(
        year=p.year, desa_code=p.desa_code, problem=p.problem, work=p.work,
        proposer_name=p.proposer_name, unit=p.unit, volume=p.volume, unit_price=p.unit_price,
        proposer_level=p.proposer_level, proposer_contact=p.proposer_contact, rt=p.rt, rw=p.rw,
        address=p.address, latitude=p.latitude, longitude=p.longitude,
        catalogue_id=p.catalogue_id, agency=p.agency, affair_code=p.affair_code,
        program_code=p.program_code, activity_code=p.activity_code,
        sub_activity_code=p.sub_activity_code, sub_activity_name=p.sub_activity_name,
        physical=p.physical, authority=p.authority, land_status=p.land_status,
        land_note=p.land_note, coverage=p.coverage, beneficiaries=p.beneficiaries,
        priority_id=p.priority_id, macro_problem_id=p.macro_problem_id, note=p.note)


def tier_info(t: TierResult) -> TierInfo:
    import json

    return TierInfo(
        t.level, t.region_code, t.verdict,
        {"aligned": t.aligned, "within_ceiling": t.within_ceiling,
         "direct_impact": t.direct_impact, "core_problem": t.core_problem,
         "authority_ok": t.authority_ok, "land_ok": t.land_ok},
        t.priority_id, t.reasons, t.note, t.redirect_target, t.redirect_detail,
        t.recommendation, t.volume, int(t.unit_price), int(t.cost),
        json.loads(t.scores_json or "{}"), t.score, t.rank, t.priority_tier, t.decided_at,
        t.decided_by_name)


def load_detail(session: Session, proposal_id: int) -> ProposalDetail:
    p = get_proposal(session, proposal_id)
    names = regions.names(session)
    order = [lv.value for lv in PlanningLevel]
    tiers = sorted((tier_info(t) for t in session.scalars(
        select(TierResult).where(TierResult.proposal_id == p.id))),
        key=lambda t: order.index(t.level))
    events = [EventInfo(e.at, e.level, e.kind, e.text, e.by_name)
              for e in session.scalars(select(ProposalEvent).where(
                  ProposalEvent.proposal_id == p.id).order_by(ProposalEvent.at,
                                                              ProposalEvent.id))]
    photos = [PhotoInfo(f.id, f.stored_name, f.filename, f.caption)
              for f in session.scalars(select(ProposalPhoto).where(
                  ProposalPhoto.proposal_id == p.id).order_by(ProposalPhoto.id))]
    steps = [RealisationInfo(r.id, r.on_date, r.stage, r.progress, r.amount, r.note, r.by_name)
             for r in session.scalars(select(RealisationEntry).where(
                 RealisationEntry.proposal_id == p.id).order_by(RealisationEntry.on_date,
                                                                RealisationEntry.id))]
    priority = session.get(PlanningPriority, p.priority_id) if p.priority_id else None
    macro = session.get(MacroProblem, p.macro_problem_id) if p.macro_problem_id else None
    return ProposalDetail(
        p.id, p.uid, p.number, p.version, input_of(p), p.level, p.returned,
        names.get(p.desa_code, p.desa_code), names.get(p.kecamatan_code, p.kecamatan_code),
        int(p.cost), p.source, p.first_agency, p.submission_id, p.meeting_problem_id,
        p.sipd_id, p.realisation, tiers, events, photos, steps,
        f"{priority.code}. {priority.title}" if priority else "",
        f"{macro.code}. {macro.title}" if macro else "")


def get_detail(app: AppContext, actor: Actor, proposal_id: int) -> ProposalDetail:
    require(actor, Permission.PLANNING_VIEW)
    with unit_of_work(app, write=False) as session:
        return load_detail(session, proposal_id)


# ---- Photos ----------------------------------------------------------------------------------


def photo_path(app: AppContext, stored_name: str) -> Path:
    return app.paths.attachments / stored_name


def add_photo(app: AppContext, actor: Actor, proposal_id: int, source: Path,
              caption: str = "") -> int:
    """Copy a photo into the attachments folder (named by its sha256); at most three."""
    require(actor, Permission.PLANNING_ENTER)
    source = Path(source)
    if source.suffix.lower() not in {".jpg", ".jpeg", ".png"}:
        raise ValidationError("Foto harus berupa berkas JPG atau PNG.")
    if not source.is_file():
        raise ValidationError(f"Berkas {source.name} tidak ditemukan.")
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    stored = f"{digest}{source.suffix.lower()}"
    with unit_of_work(app) as session:
        row = get_proposal(session, proposal_id)
        count = session.scalar(select(func.count()).select_from(ProposalPhoto).where(
            ProposalPhoto.proposal_id == proposal_id)) or 0
        if count >= MAX_PHOTOS:
            raise ConflictError(f"Satu usulan memuat paling banyak {MAX_PHOTOS} foto.")
        target = photo_path(app, stored)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(target.name + ".part")
            shutil.copyfile(source, partial)
            partial.replace(target)
        photo = ProposalPhoto(proposal_id=proposal_id, stored_name=stored,
                              filename=source.name[:255], caption=caption.strip()[:300])
        session.add(photo)
        session.flush()
        add_event(session, actor, proposal_id, "photo", f"Foto ditambahkan: {source.name}",
                  row.level)
        audit.record(session, actor, "create", "planning_photo", photo.id,
                     after={"proposal": row.number, "file": source.name, "sha256": digest},
                     summary=f"Foto usulan {row.number}")
        return photo.id
