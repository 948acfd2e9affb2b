"""The rembuk of a tier: created with its meeting in the log (the region's data presented on
the agenda), its delegates, then fixed (BA number), reopened, or forwarded to the next tier."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from desktop_app.core.domain import clock
from desktop_app.core.domain.errors import ConflictError, NotFound, ValidationError
from desktop_app.core.domain.formatting import format_number, format_rupiah
from desktop_app.core.domain.identity import check_nip
from desktop_app.core.domain.roles import Permission
from desktop_app.core.models import Region
from desktop_app.core.services import audit, office, regions, settings, versions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.db.base import utcnow
from desktop_app.planning.domain.labels import (
    REMBUK_LEVELS,
    PlanningLevel,
    PriorityTier,
    RembukStatus,
    ScreeningVerdict,
)
from desktop_app.planning.models import (
    Delegate,
    PlanningProposal,
    Rembuk,
    TierResult,
)
from desktop_app.planning.services import frame, meeting_link
from desktop_app.planning.services.common import (
    add_event,
    ensure_year,
    level_of_region,
    region_for,
)
from desktop_app.planning.services.locking import REMBUK_LABELS

NOT_OPEN = "Hasil rembuk ini sudah ditetapkan; buka kembali dahulu untuk mengubahnya."


@dataclass
class RembukInput:
    year: int
    level: str
    region_code: str
    held_on: date
    place: str
    start_time: time | None = None
    chair: tuple[str, str, str] = ("", "", "")  # name, position, NIP
    minute_taker: tuple[str, str, str] = ("", "", "")
    title: str = ""
    meeting_id: int | None = None  # an existing meeting of the log instead of a new one
    # who acknowledges ("Mengetahui") the berita acara; no name: the office head
    acknowledger: tuple[str, str, str] = ("", "", "")


@dataclass(frozen=True)
class DelegateInfo:
    name: str
    role: str = ""
    institution: str = ""
    nip: str = ""


@dataclass(frozen=True)
class TierCounts:
    total: int = 0
    pending: int = 0
    passed: int = 0
    revise: int = 0
    rejected: int = 0
    redirected: int = 0
    main_count: int = 0
    main_cost: int = 0
    reserve_count: int = 0
    reserve_cost: int = 0
    unranked_passed: int = 0


@dataclass(frozen=True)
class RembukInfo:
    id: int
    year: int
    level: str
    region_code: str
    region_name: str
    meeting_id: int | None
    status: str
    ceiling: int | None
    method: str
    ranked_at: datetime | None
    ba_number: str
    finalized_at: datetime | None
    finalized_by_name: str
    forwarded_at: datetime | None
    counts: TierCounts
    delegates: list[DelegateInfo] = field(default_factory=list)
    version: int = 1  # as loaded: the delegates, fixing, reopening and forwarding send it
    # name, jabatan, NIP of who acknowledges the berita acara; no name: the office head
    acknowledger: tuple[str, str, str] = ("", "", "")

    @property
    def level_label(self) -> str:
        return PlanningLevel.label_of(self.level)

    @property
    def status_label(self) -> str:
        return RembukStatus.label_of(self.status)

    @property
    def title(self) -> str:
        return f"{PlanningLevel(self.level).musrenbang} {self.region_name} ({self.year})"

    @property
    def region_label(self) -> str:
        """'Kecamatan Paringin Selatan'"""
        prefix = {"desa": "Desa", "kecamatan": "Kecamatan", "kabupaten": "Kabupaten"}.get(
            self.level, "")
        return f"{prefix} {self.region_name}".strip()

    @property
    def is_open(self) -> bool:
        return self.status == RembukStatus.OPEN.value

    @property
    def remaining(self) -> int | None:
        return None if self.ceiling is None else self.ceiling - self.counts.main_cost


def counts_of(session: Session, year: int, level: str, region_code: str) -> TierCounts:
    t = TierResult
    rows = session.execute(
        select(t.verdict, t.priority_tier, func.count(), func.coalesce(func.sum(t.cost), 0),
               func.count(t.rank))
        .where(t.year == year, t.level == level, t.region_code == region_code)
        .group_by(t.verdict, t.priority_tier)).all()
    c: dict[str, int] = {k: 0 for k in TierCounts.__dataclass_fields__}
    for verdict, tier, n, cost, ranked in rows:
        c["total"] += n
        if verdict is None:
            c["pending"] += n
        elif verdict == ScreeningVerdict.PASSED.value:
            c["passed"] += n
            c["unranked_passed"] += n - ranked
        elif verdict == ScreeningVerdict.REVISE.value:
            c["revise"] += n
        elif verdict == ScreeningVerdict.REJECTED.value:
            c["rejected"] += n
        elif verdict == ScreeningVerdict.REDIRECTED.value:
            c["redirected"] += n
        if verdict == ScreeningVerdict.PASSED.value and tier == PriorityTier.MAIN.value:
            c["main_count"] += n
            c["main_cost"] += int(cost)
        elif verdict == ScreeningVerdict.PASSED.value and tier == PriorityTier.RESERVE.value:
            c["reserve_count"] += n
            c["reserve_cost"] += int(cost)
    return TierCounts(**c)


def info_of(session: Session, r: Rembuk) -> RembukInfo:
    delegates = [DelegateInfo(d.name, d.role, d.institution, d.nip)
                 for d in session.scalars(select(Delegate).where(Delegate.rembuk_id == r.id)
                                          .order_by(Delegate.position))]
    return RembukInfo(
        r.id, r.year, r.level, r.region_code,
        regions.names(session).get(r.region_code, r.region_code).removeprefix("Kabupaten "),
        r.meeting_id, r.status, frame.ceiling_of(session, r.year, r.region_code), r.method,
        r.ranked_at, r.ba_number, r.finalized_at, r.finalized_by_name, r.forwarded_at,
        counts_of(session, r.year, r.level, r.region_code), delegates, r.version,
        (r.acknowledger_name, r.acknowledger_position, r.acknowledger_nip))


REMBUK_PARTS = ("planning_delegates",)  # saved as a whole list; audit rows carry the version


def check_version(session: Session, r: Rembuk, version: int | None) -> None:
    """Refuse a change made from a rembuk shown before another desk changed it (its
    delegates, status, ranking or BA number)."""
    name = regions.names(session).get(r.region_code, r.region_code).removeprefix("Kabupaten ")
    versions.check(session, r, version, entity="planning_rembuk", parts=REMBUK_PARTS,
                   what=f"{PlanningLevel(r.level).musrenbang} {name}", labels=REMBUK_LABELS)


def get_rembuk_row(session: Session, rembuk_id: int) -> Rembuk:
    r = session.get(Rembuk, rembuk_id)
    if r is None:
        raise NotFound("Rembuk tidak ditemukan.")
    return r


def open_rembuk(session: Session, rembuk_id: int) -> Rembuk:
    r = get_rembuk_row(session, rembuk_id)
    if r.status != RembukStatus.OPEN.value:
        raise ConflictError(NOT_OPEN)
    return r


def rembuk_for(session: Session, year: int, level: str, region_code: str) -> Rembuk | None:
    return session.scalar(select(Rembuk).where(Rembuk.year == year, Rembuk.level == level,
                                               Rembuk.region_code == region_code))


def get_rembuk(app: AppContext, actor: Actor, rembuk_id: int) -> RembukInfo:
    require(actor, Permission.PLANNING_VIEW)
    with unit_of_work(app, write=False) as session:
        return info_of(session, get_rembuk_row(session, rembuk_id))


def find_rembuk(app: AppContext, actor: Actor, year: int, level: str,
                region_code: str) -> RembukInfo:
    """The rembuk of a tier and region in a year (the CLI names it that way)."""
    require(actor, Permission.PLANNING_VIEW)
    with unit_of_work(app, write=False) as session:
        r = rembuk_for(session, year, level, region_code)
        if r is None:
            raise NotFound(f"{PlanningLevel(level).musrenbang} wilayah {region_code} tahun "
                           f"{year} belum dicatat.")
        return info_of(session, r)


def list_rembuks(app: AppContext, actor: Actor, year: int | None = None) -> list[RembukInfo]:
    require(actor, Permission.PLANNING_VIEW)
    with unit_of_work(app, write=False) as session:
        stmt = select(Rembuk).order_by(Rembuk.year.desc(), Rembuk.level, Rembuk.region_code)
        if year:
            stmt = stmt.where(Rembuk.year == year)
        return [info_of(session, r) for r in session.scalars(stmt)]


def presented_data(session: Session, year: int, region_code: str) -> str:
    """The region's frame as it is read out at the rembuk: priorities, macro problems with
    their indicators, and the ceiling."""
    names = regions.names(session)
    lines = []
    priorities = frame.priorities_of(session, year)
    if priorities:
        lines.append("Prioritas pembangunan:")
        lines += [f"- {p.label}" + (f" (sasaran: {p.target})" if p.target else "")
                  for p in priorities]
    problems = frame.macro_problems_of(session, year)
    if problems:
        lines.append("Permasalahan makro daerah:")
        for m in problems:
            lines.append(f"- {m.code}. {m.title}")
            for ind in m.indicators or []:
                where = names.get(ind.region_code or "", "") or "daerah"
                value = "" if ind.value is None else format_number(ind.value, 2)
                target = "" if ind.target is None else f", target {format_number(ind.target, 2)}"
                lines.append(f"  {ind.name} {where} {ind.value_year}: {value} {ind.unit}{target}")
    ceiling = frame.ceiling_of(session, year, region_code)
    if ceiling is not None:
        lines.append(f"Pagu indikatif {names.get(region_code, region_code)}: "
                     f"{format_rupiah(ceiling)}.")
    return "\n".join(lines)


def _check_input(session: Session, data: RembukInput) -> PlanningLevel:
    errors: dict[str, str] = {}
    try:
        level = PlanningLevel(data.level)
    except ValueError:
        raise ValidationError(field_errors={"level": "Tingkat tidak dikenal."}) from None
    if level not in REMBUK_LEVELS:
        errors["level"] = "Rembuk diadakan di tingkat desa, kecamatan atau kabupaten."
    region = session.get(Region, data.region_code or "")
    if region is None:
        errors["region_code"] = "Wilayah rembuk tidak dikenal."
    elif level_of_region(region.code) is not level:
        errors["region_code"] = f"Wilayah {region.name} bukan wilayah {level.label.lower()}."
    if not data.place.strip():
        errors["place"] = "Tempat rembuk wajib diisi."
    if not data.chair[0].strip():
        errors["chair"] = "Pimpinan sidang wajib diisi."
    try:
        check_acknowledger(data.acknowledger)
    except ValidationError as exc:
        errors.update(exc.field_errors)
    if errors:
        raise ValidationError(field_errors=errors)
    if rembuk_for(session, data.year, level.value, data.region_code) is not None:
        raise ConflictError(f"{level.musrenbang} {region.name if region else ''} tahun "
                            f"{data.year} sudah dicatat.")
    return level


def create_rembuk(app: AppContext, actor: Actor, data: RembukInput) -> int:
    """Record the rembuk and its meeting in the log (agenda with the data presented), in one
    transaction; or attach an existing meeting of the log (``data.meeting_id``)."""
    require(actor, Permission.PLANNING_SCREEN)
    if data.meeting_id is None:
        require(actor, Permission.MEETING_EDIT)
    desa = [d.code for d in regions.list_desa(app, data.region_code)] \
        if data.level == PlanningLevel.KECAMATAN.value else \
        [data.region_code] if data.level == PlanningLevel.DESA.value else []
    with unit_of_work(app) as session:
        level = _check_input(session, data)
        ensure_year(session, data.year)
        name = regions.names(session).get(data.region_code, data.region_code)
        title = data.title.strip() or f"{level.musrenbang} {name.removeprefix('Kabupaten ')} " \
                                      f"(RKPD {data.year})"
        if data.meeting_id is None:
            meeting_id = meeting_link.new_meeting(
                session, actor, title=title, held_on=data.held_on, start_time=data.start_time,
                place=data.place.strip(), chair=data.chair, minute_taker=data.minute_taker,
                desa_codes=desa, agenda=[
                    ("Pembukaan", ""),
                    ("Paparan data, prioritas dan permasalahan makro",
                     presented_data(session, data.year, data.region_code)),
                    ("Penyaringan usulan (empat uji: selaras, dalam pagu, berdampak, masalah "
                     "pokok)", ""),
                    ("Penetapan usulan prioritas UTAMA dan CADANGAN serta delegasi", ""),
                    ("Penutup", "")])
        else:
            meeting_link.check_meeting(session, data.meeting_id)
            meeting_id = data.meeting_id
        name_, position, nip = check_acknowledger(data.acknowledger)
        row = Rembuk(year=data.year, level=level.value, region_code=data.region_code,
                     meeting_id=meeting_id, status=RembukStatus.OPEN.value,
                     created_by_id=actor.user_id, acknowledger_name=name_,
                     acknowledger_position=position, acknowledger_nip=nip)
        session.add(row)
        session.flush()
        audit.record(session, actor, "create", "planning_rembuk", row.id,
                     after=audit.snapshot(row), summary=f"Rembuk baru: {title}")
        return row.id


def add_attendees(app: AppContext, actor: Actor, rembuk_id: int,
                  people: Sequence[meeting_link.Person]) -> None:
    """People present at the rembuk, on its meeting's list (one transaction)."""
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        r = get_rembuk_row(session, rembuk_id)
        if r.meeting_id is None:
            raise ValidationError("Rembuk ini belum terhubung dengan rapat di log rapat.")
        meeting_link.add_attendees(session, actor, r.meeting_id, people)


ACKNOWLEDGER_FIELDS = ("acknowledger_name", "acknowledger_position", "acknowledger_nip")


def check_acknowledger(person: Sequence[str]) -> tuple[str, str, str]:
    """Name, jabatan and NIP of who acknowledges the berita acara, cleaned; all empty: the
    office head. A jabatan or NIP without a name, or a NIP that is not one, is refused."""
    name, position, nip = (" ".join(str(x).split()) for x in person)
    errors = {}
    if not name and (position or nip):
        errors["acknowledger_name"] = "Nama yang mengetahui wajib diisi bila jabatan atau " \
                                      "NIP diisi (kosongkan semua untuk kepala kantor)."
    checked = check_nip(nip)
    if not checked.ok:
        errors["acknowledger_nip"] = checked.error or ""
    if len(name) > 200 or len(position) > 200:
        errors["acknowledger_name" if len(name) > 200 else "acknowledger_position"] = \
            "Paling banyak 200 karakter."
    if errors:
        raise ValidationError(field_errors=errors)
    return name, position, checked.value


def save_delegates(app: AppContext, actor: Actor, rembuk_id: int,
                   delegates: Sequence[DelegateInfo], *, version: int | None = None,
                   acknowledger: Sequence[str] | None = None) -> None:
    """The delegates chosen for the next tier (replaced as a whole list) and, when given,
    who acknowledges the berita acara (name, jabatan, NIP; all empty: the office head);
    ``version``: the rembuk's version the dialog showed."""
    require(actor, Permission.PLANNING_SCREEN)
    ack = check_acknowledger(acknowledger) if acknowledger is not None else None
    with unit_of_work(app) as session:
        r = get_rembuk_row(session, rembuk_id)
        check_version(session, r, version)
        open_rembuk(session, rembuk_id)
        ack_before = {k: getattr(r, k) for k in ACKNOWLEDGER_FIELDS}
        ack_after = dict(zip(ACKNOWLEDGER_FIELDS, ack, strict=True)) if ack else ack_before
        for k, value in ack_after.items():
            setattr(r, k, value)
        before = [d.name for d in session.scalars(select(Delegate).where(
            Delegate.rembuk_id == rembuk_id))]
        for old in session.scalars(select(Delegate).where(Delegate.rembuk_id == rembuk_id)):
            session.delete(old)
        session.flush()
        names = []
        for pos, d in enumerate(delegates, start=1):
            if not d.name.strip():
                continue
            session.add(Delegate(rembuk_id=r.id, position=pos, name=d.name.strip(),
                                 role=d.role.strip(), institution=d.institution.strip(),
                                 nip="".join(d.nip.split())))
            names.append(d.name.strip())
        flag_modified(r, "status")  # the rembuk's next version covers its delegates
        session.flush()
        if names != before or ack_after == ack_before:  # not when only the acknowledger
            audit.record(session, actor, "update", "planning_delegates", rembuk_id,
                         before={"delegates": before},
                         after={"delegates": names, "version": r.version},
                         summary=f"Delegasi rembuk #{rembuk_id}: {len(names)} orang")
        if ack_after != ack_before:
            audit.record(session, actor, "update", "planning_rembuk", rembuk_id,
                         before=ack_before, after={**ack_after, "version": r.version},
                         summary=f"Yang mengetahui berita acara rembuk #{rembuk_id}: "
                                 f"{ack_after['acknowledger_name'] or 'kepala kantor'}")


def suggest_ba_number(session: Session, r: Rembuk) -> str:
    """'000.7.1/    /Kec-PS/2026': the classification code, a blank for the register
    number, the office's short name and the year, after the office pattern."""
    from desktop_app.core.models import OfficeProfile

    profile = session.scalar(select(OfficeProfile).limit(1))
    code = str(settings.get_setting(session, settings.PLANNING_LETTER_CODE))
    pattern = profile.letter_number_pattern if profile else "{kode}/{nomor}/{singkatan}/{tahun}"
    short = (profile.short_name if profile else "") or "Kec"
    return office.format_letter_number(pattern, kode=code, nomor="     ", singkatan=short,
                                       tahun=clock.today().year)


def ba_number_suggestion(app: AppContext, actor: Actor, rembuk_id: int) -> str:
    require(actor, Permission.PLANNING_VIEW)
    with unit_of_work(app, write=False) as session:
        r = get_rembuk_row(session, rembuk_id)
        return r.ba_number or suggest_ba_number(session, r)


def finalize(app: AppContext, actor: Actor, rembuk_id: int, ba_number: str = "", *,
             version: int | None = None) -> RembukInfo:
    """Fix the tier's result: every usulan has a verdict, the passed ones are ranked (and
    split when there is a ceiling). The screening table is locked afterwards."""
    require(actor, Permission.PLANNING_FINALIZE)
    with unit_of_work(app) as session:
        check_version(session, get_rembuk_row(session, rembuk_id), version)
        r = open_rembuk(session, rembuk_id)
        c = counts_of(session, r.year, r.level, r.region_code)
        problems = []
        if c.total == 0:
            problems.append("Belum ada usulan di rembuk ini.")
        if c.pending:
            problems.append(f"{c.pending} usulan belum diberi putusan.")
        if c.passed and (r.ranked_at is None or c.unranked_passed):
            problems.append("Peringkat usulan yang lolos belum dihitung (atau perlu dihitung "
                            "ulang setelah putusan berubah).")
        if problems:
            raise ValidationError("Hasil rembuk belum dapat ditetapkan:\n"
                                  + "\n".join(f"- {p}" for p in problems))
        before = audit.snapshot(r)
        r.status = RembukStatus.FINAL.value
        r.ba_number = ba_number.strip() or r.ba_number or suggest_ba_number(session, r)
        r.finalized_at, r.finalized_by_name = utcnow(), actor.full_name
        session.flush()
        audit.record(session, actor, "finalize", "planning_rembuk", r.id, before=before,
                     after=audit.snapshot(r), summary=f"Tetapkan hasil rembuk #{r.id}")
        return info_of(session, r)


def reopen(app: AppContext, actor: Actor, rembuk_id: int, reason: str, *,
           version: int | None = None) -> None:
    require(actor, Permission.PLANNING_FINALIZE)
    if not reason.strip():
        raise ValidationError(field_errors={"reason": "Alasan membuka kembali wajib diisi."})
    with unit_of_work(app) as session:
        r = get_rembuk_row(session, rembuk_id)
        check_version(session, r, version)
        if r.status != RembukStatus.FINAL.value:
            raise ConflictError("Hanya hasil yang sudah ditetapkan dan belum diteruskan yang "
                                "dapat dibuka kembali.")
        r.status = RembukStatus.OPEN.value
        r.finalized_at, r.finalized_by_name = None, ""
        session.flush()
        audit.record(session, actor, "reopen", "planning_rembuk", r.id,
                     after={"status": r.status, "reason": reason.strip(), "version": r.version},
                     summary=f"Buka kembali rembuk #{r.id}: {reason.strip()}")


def forward_in(session: Session, actor: Actor, r: Rembuk) -> int:
    """Move the passed usulan (UTAMA and CADANGAN) of a fixed rembuk to the next tier."""
    level = PlanningLevel(r.level)
    nxt = level.next
    passed = list(session.execute(
        select(TierResult, PlanningProposal)
        .join(PlanningProposal, PlanningProposal.id == TierResult.proposal_id)
        .where(TierResult.year == r.year, TierResult.level == r.level,
               TierResult.region_code == r.region_code,
               TierResult.verdict == ScreeningVerdict.PASSED.value)).all())
    moved = 0
    for tier, p in passed:
        if nxt is None or p.level != r.level:
            continue
        exists = session.scalar(select(TierResult.id).where(
            TierResult.proposal_id == p.id, TierResult.level == nxt.value))
        if exists is None:
            session.add(TierResult(
                proposal_id=p.id, level=nxt.value, year=p.year,
                region_code=region_for(nxt, p.desa_code), volume=tier.volume,
                unit_price=tier.unit_price, cost=tier.cost))
        p.level = nxt.value
        p.version += 1
        label = PriorityTier.label_of(tier.priority_tier, "") if tier.priority_tier else ""
        add_event(session, actor, p.id, "forward",
                  f"Diteruskan ke {nxt.musrenbang}"
                  + (f" ({label}, peringkat {tier.rank})" if label else "") + ".", r.level)
        moved += 1
    return moved


def forward(app: AppContext, actor: Actor, rembuk_id: int, *, version: int | None = None) -> int:
    """Forward a fixed result to the next tier in this database; returns how many moved."""
    require(actor, Permission.PLANNING_FINALIZE)
    with unit_of_work(app) as session:
        r = get_rembuk_row(session, rembuk_id)
        check_version(session, r, version)
        if r.status != RembukStatus.FINAL.value:
            raise ConflictError("Tetapkan hasil rembuk dahulu sebelum meneruskannya.")
        if PlanningLevel(r.level).next is None:
            raise ConflictError("Hasil Musrenbang Kabupaten tidak diteruskan ke tingkat lain; "
                                "lanjutkan dengan pencatatan RKPD/APBD di Akuntabilitas.")
        moved = forward_in(session, actor, r)
        r.status = RembukStatus.FORWARDED.value
        r.forwarded_at, r.forwarded_by_name = utcnow(), actor.full_name
        session.flush()
        audit.record(session, actor, "forward", "planning_rembuk", r.id,
                     after={"status": r.status, "moved": moved, "to": _next_level(r.level),
                            "version": r.version},
                     summary=f"Teruskan hasil rembuk #{r.id}: {moved} usulan")
        return moved


def _next_level(level: str) -> str | None:
    following = PlanningLevel(level).next
    return following.value if following is not None else None


def ranked_with(r: Rembuk) -> dict[str, object]:
    stored: dict[str, object] = json.loads(r.ranked_with_json or "{}")
    return stored
