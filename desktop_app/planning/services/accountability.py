"""Accountability after the RKPD and APBD: each accepted usulan tracked to realisation with
dated entries (in RKPD, in APBD, progress, done, or not funded), and the recap per desa,
kecamatan and year of how many usulan were accommodated and realised."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from desktop_app.core.domain import clock
from desktop_app.core.domain.errors import ConflictError, NotFound, ValidationError
from desktop_app.core.domain.roles import Permission
from desktop_app.core.services import audit, regions, versions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.planning.domain.labels import PlanningLevel, Realisation, ScreeningVerdict
from desktop_app.planning.models import PlanningProposal, RealisationEntry, TierResult
from desktop_app.planning.services.common import add_event, get_proposal
from desktop_app.planning.services.locking import PROPOSAL_LABELS

ORDER = [Realisation.NONE, Realisation.RKPD, Realisation.APBD, Realisation.ONGOING,
         Realisation.DONE]


def _passed_at(session: Session, proposal_id: int, level: PlanningLevel) -> bool:
    return session.scalar(select(TierResult.id).where(
        TierResult.proposal_id == proposal_id, TierResult.level == level.value,
        TierResult.verdict == ScreeningVerdict.PASSED.value)) is not None


def record_step(app: AppContext, actor: Actor, proposal_id: int, stage: Realisation | str,
                on_date: date, *, progress: int | None = None, amount: int | None = None,
                note: str = "", expected_version: int | None = None) -> None:
    """One dated step. Going back to an earlier stage is a correction and needs a note.
    ``expected_version``: the proposal's version the page showed (a step recorded or the
    proposal changed meanwhile on another desk: refused, nothing written)."""
    require(actor, Permission.PLANNING_TRACK)
    stage = Realisation(stage)
    errors: dict[str, str] = {}
    if stage is Realisation.NONE:
        errors["stage"] = "Pilih tahap realisasi."
    if on_date > clock.today():
        errors["on_date"] = "Tanggal tidak boleh setelah hari ini."
    if progress is not None and not 0 <= progress <= 100:
        errors["progress"] = "Kemajuan diisi 0–100 persen."
    if amount is not None and amount < 0:
        errors["amount"] = "Nilai anggaran tidak boleh negatif."
    if stage is Realisation.NOT_FUNDED and not note.strip():
        errors["note"] = "Tuliskan mengapa usulan tidak didanai (untuk disampaikan ke desa)."
    if errors:
        raise ValidationError(field_errors=errors)
    with unit_of_work(app) as session:
        p = get_proposal(session, proposal_id)
        versions.check(session, p, expected_version, entity="planning_proposal",
                       what=f"Usulan {p.number}", labels=PROPOSAL_LABELS)
        if not (_passed_at(session, p.id, PlanningLevel.KABUPATEN)
                or _passed_at(session, p.id, PlanningLevel.KECAMATAN)):
            raise ConflictError(f"Usulan {p.number} belum lolos Musrenbang; tidak ada realisasi "
                                "yang dapat dicatat.")
        current = Realisation(p.realisation)
        if stage in ORDER and current in ORDER and ORDER.index(stage) < ORDER.index(current) \
                and not note.strip():
            raise ValidationError(field_errors={"note": (
                f"Tahap {stage.label} lebih awal dari tahap sekarang ({current.label}); "
                "tuliskan alasan koreksi.")})
        if current is Realisation.DONE and stage is Realisation.DONE:
            raise ConflictError(f"Usulan {p.number} sudah tercatat selesai.")
        entry = RealisationEntry(proposal_id=p.id, on_date=on_date, stage=stage.value,
                                 progress=100 if stage is Realisation.DONE and progress is None
                                 else progress, amount=amount, note=note.strip(),
                                 by_name=actor.full_name)
        session.add(entry)
        before = {"realisation": p.realisation}
        p.realisation = stage.value
        p.version += 1
        text = stage.label + (f" ({progress}%)" if progress is not None else "") + (
            f": {note.strip()}" if note.strip() else "")
        add_event(session, actor, p.id, "realisation", text, p.level)
        session.flush()
        audit.record(session, actor, "realisation", "planning_proposal", p.id, before=before,
                     after={"realisation": stage.value, "on_date": on_date,
                            **{k: v for k, v in (("progress", entry.progress),
                                                 ("amount", amount)) if v is not None},
                            "version": p.version},
                     summary=f"Realisasi {p.number}: {text}")


# ---- Recap -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecapRow:
    key: str  # region code or year
    label: str
    proposals: int
    passed_kecamatan: int
    passed_kabupaten: int
    in_rkpd: int
    in_apbd: int
    done: int
    not_funded: int

    @property
    def accommodated_rate(self) -> float:
        return self.in_rkpd / self.proposals if self.proposals else 0.0

    @property
    def realised_rate(self) -> float:
        return self.done / self.proposals if self.proposals else 0.0


GROUPS = {"desa": "Desa/kelurahan", "kecamatan": "Kecamatan", "year": "Tahun rencana"}
ACCOMMODATED = [r.value for r in Realisation if r.accommodated]
BUDGETED = [Realisation.APBD.value, Realisation.ONGOING.value, Realisation.DONE.value]


def recap(app: AppContext, actor: Actor, by: str = "desa", year: int | None = None,
          kecamatan: str = "") -> list[RecapRow]:
    """Usulan, passed at kecamatan and kabupaten, in RKPD, in APBD, done — per group."""
    require(actor, Permission.PLANNING_VIEW)
    if by not in GROUPS:
        raise ValidationError(f"Pengelompokan '{by}' tidak dikenal.")
    p = PlanningProposal
    passed = {}
    for level in (PlanningLevel.KECAMATAN, PlanningLevel.KABUPATEN):
        t = select(TierResult.proposal_id).where(
            TierResult.level == level.value,
            TierResult.verdict == ScreeningVerdict.PASSED.value)
        passed[level] = func.sum(case((p.id.in_(t), 1), else_=0))
    column = {"desa": p.desa_code, "kecamatan": p.kecamatan_code, "year": p.year}[by]
    stmt = (select(column, func.count(p.id), passed[PlanningLevel.KECAMATAN],
                   passed[PlanningLevel.KABUPATEN],
                   func.sum(case((p.realisation.in_(ACCOMMODATED), 1), else_=0)),
                   func.sum(case((p.realisation.in_(BUDGETED), 1), else_=0)),
                   func.sum(case((p.realisation == Realisation.DONE.value, 1), else_=0)),
                   func.sum(case((p.realisation == Realisation.NOT_FUNDED.value, 1), else_=0)))
            .group_by(column).order_by(column))
    if year:
        stmt = stmt.where(p.year == year)
    if kecamatan:
        stmt = stmt.where(p.kecamatan_code == kecamatan)
    with unit_of_work(app, write=False) as session:
        names = regions.names(session)
        return [RecapRow(str(key), names.get(str(key), str(key)) if by != "year"
                         else f"RKPD {key}", int(n), int(k or 0), int(b or 0), int(r or 0),
                         int(a or 0), int(d or 0), int(f or 0))
                for key, n, k, b, r, a, d, f in session.execute(stmt).all()]


# ---- The tracked list ------------------------------------------------------------------------


@dataclass(frozen=True)
class TrackedRow:
    id: int
    number: str
    year: int
    desa_name: str
    work: str
    agency: str
    cost: int
    realisation: str
    last_date: date | None
    progress: int | None
    version: int

    @property
    def realisation_label(self) -> str:
        return Realisation.label_of(self.realisation)


@dataclass(frozen=True)
class TrackFilter:
    year: int | None = None
    realisation: str = ""
    desa_code: str = ""
    text: str = ""


class TrackedPageSource:
    """Usulan that passed the kecamatan or kabupaten tier, with their latest step, in SQL."""

    def __init__(self, app: AppContext, actor: Actor) -> None:
        require(actor, Permission.PLANNING_VIEW)
        self.app = app

    @staticmethod
    def _stmt(columns: Sequence[Any], flt: TrackFilter | None) -> Any:
        p = PlanningProposal
        passed = select(TierResult.proposal_id).where(
            TierResult.level.in_([PlanningLevel.KECAMATAN.value,
                                  PlanningLevel.KABUPATEN.value]),
            TierResult.verdict == ScreeningVerdict.PASSED.value)
        stmt = select(*columns).where(p.id.in_(passed))
        if flt is not None:
            if flt.year:
                stmt = stmt.where(p.year == flt.year)
            if flt.realisation:
                stmt = stmt.where(p.realisation == flt.realisation)
            if flt.desa_code:
                stmt = stmt.where(p.desa_code == flt.desa_code)
            for word in flt.text.split():
                stmt = stmt.where(p.work.ilike(f"%{word}%") | p.number.ilike(f"%{word}%"))
        return stmt

    def count(self, flt: TrackFilter | None) -> int:
        with unit_of_work(self.app, write=False) as session:
            return int(session.scalar(self._stmt([func.count(PlanningProposal.id)], flt)) or 0)

    def fetch(self, flt: TrackFilter | None, sort: str, descending: bool, offset: int,
              limit: int) -> list[TrackedRow]:
        p = PlanningProposal
        column = {"number": p.number, "desa": p.desa_code, "cost": p.cost,
                  "realisation": p.realisation}.get(sort, p.number)
        with unit_of_work(self.app, write=False) as session:
            return _tracked(session, self._stmt([p], flt).order_by(
                column.desc() if descending else column.asc(), p.id)
                .offset(offset).limit(limit))

    def row(self, proposal_id: int) -> TrackedRow:
        """One tracked usulan as stored now (a step dialog's «Muat ulang»)."""
        with unit_of_work(self.app, write=False) as session:
            found = _tracked(session, self._stmt([PlanningProposal], None).where(
                PlanningProposal.id == proposal_id))
        if not found:
            raise NotFound("Usulan tidak ditemukan.")
        return found[0]


def _tracked(session: Session, stmt: Any) -> list[TrackedRow]:
    """The rows of ``stmt`` (proposals) with their latest step."""
    names = regions.names(session)
    rows = list(session.execute(stmt).scalars())
    last: dict[int, tuple[date, int | None]] = {}
    if rows:
        e = RealisationEntry
        latest = select(e.proposal_id, func.max(e.id).label("mid")).where(
            e.proposal_id.in_([r.id for r in rows])).group_by(e.proposal_id).subquery()
        for pid, on, prog in session.execute(select(e.proposal_id, e.on_date, e.progress)
                                             .join(latest, and_(e.id == latest.c.mid))):
            last[pid] = (on, prog)
    return [TrackedRow(r.id, r.number, r.year, names.get(r.desa_code, r.desa_code),
                       r.work, r.agency, int(r.cost), r.realisation,
                       last.get(r.id, (None, None))[0], last.get(r.id, (None, None))[1],
                       r.version) for r in rows]
