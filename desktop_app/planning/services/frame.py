"""The region's frame for a planning year (Bappeda enters or imports it): RPJMD/RKPD priorities
with targets, macro problems with their indicators, the pagu indikatif per region, and the
kamus usulan."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from desktop_app.core.domain.errors import ConflictError, NotFound, ValidationError
from desktop_app.core.domain.roles import Permission
from desktop_app.core.services import audit, regions, versions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.planning.domain.labels import Authority, PriorityKind
from desktop_app.planning.domain.proposals import SUB_ACTIVITY_PATTERN, normalise_code
from desktop_app.planning.models import (
    CatalogueEntry,
    MacroIndicator,
    MacroProblem,
    PlanningCeiling,
    PlanningPriority,
    PlanningProposal,
    PlanningYear,
    TierResult,
)
from desktop_app.planning.services.common import check_region, ensure_year, latest_year
from desktop_app.planning.services.locking import (
    CATALOGUE_LABELS,
    MACRO_LABELS,
    PRIORITY_LABELS,
    YEAR_LABELS,
    check_ceiling,
)

CodedRow = TypeVar("CodedRow", PlanningPriority, MacroProblem)

# ---- Years ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class YearInfo:
    year: int
    theme: str
    note: str
    proposals: int
    version: int = 1


def list_years(app: AppContext, actor: Actor) -> list[YearInfo]:
    require(actor, Permission.PLANNING_VIEW)
    with unit_of_work(app, write=False) as session:
        counts = dict(session.execute(select(PlanningProposal.year, func.count())
                                      .group_by(PlanningProposal.year)).all())
        return [YearInfo(y.year, y.theme, y.note, int(counts.get(y.year, 0)), y.version)
                for y in session.scalars(select(PlanningYear).order_by(PlanningYear.year.desc()))]


def default_year(app: AppContext) -> int:
    with unit_of_work(app, write=False) as session:
        return latest_year(session)


def save_year(app: AppContext, actor: Actor, year: int, theme: str = "", note: str = "", *,
              version: int | None = None) -> None:
    """Create a year or change its theme; ``version``: the year's version the page showed
    (changed meanwhile on another desk: refused), 0 for a new year."""
    require(actor, Permission.PLANNING_FRAME)
    with unit_of_work(app) as session:
        row = session.get(PlanningYear, year)
        if row is not None and version == 0:  # "new year" for one that exists already
            raise ConflictError(f"Tahun rencana {year} sudah ada; pilih tahun itu di daftar.")
        if row is not None:
            versions.check(session, row, version, entity="planning_year", key=year,
                           what=f"Tema tahun rencana {year}", labels=YEAR_LABELS)
        before = audit.snapshot(row) if row else None
        row = ensure_year(session, year)
        row.theme, row.note = theme.strip(), note.strip()
        session.flush()
        audit.record(session, actor, "update" if before else "create", "planning_year", year,
                     before=before, after=audit.snapshot(row),
                     summary=f"Tahun rencana {year}: {row.theme[:80]}")


# ---- Priorities -----------------------------------------------------------------------------


@dataclass
class PriorityInfo:
    id: int | None
    year: int
    code: str
    title: str
    kind: str = PriorityKind.RKPD.value
    target: str = ""
    position: int = 0
    version: int | None = None  # as loaded (None: save over whatever is stored)

    @property
    def label(self) -> str:
        return f"{self.code}. {self.title}"


def list_priorities(app: AppContext, actor: Actor, year: int) -> list[PriorityInfo]:
    require(actor, Permission.PLANNING_VIEW)
    with unit_of_work(app, write=False) as session:
        return priorities_of(session, year)


def priorities_of(session: Session, year: int) -> list[PriorityInfo]:
    rows = session.scalars(select(PlanningPriority).where(PlanningPriority.year == year)
                           .order_by(PlanningPriority.position, PlanningPriority.code))
    return [PriorityInfo(p.id, p.year, p.code, p.title, p.kind, p.target, p.position, p.version)
            for p in rows]


def save_priority(app: AppContext, actor: Actor, data: PriorityInfo) -> int:
    return save_priorities(app, actor, [data])[0]


def save_priorities(app: AppContext, actor: Actor, items: list[PriorityInfo]) -> list[int]:
    """Save the priorities a page changed, all or none (one changed meanwhile on another
    desk refuses the whole save)."""
    require(actor, Permission.PLANNING_FRAME)
    for data in items:
        check_priority(data)
    with unit_of_work(app) as session:
        return [store_priority(session, actor, data) for data in items]


def check_priority(data: PriorityInfo) -> None:
    errors = {}
    if not data.code.strip():
        errors["code"] = "Kode prioritas wajib diisi (mis. P1)."
    if not data.title.strip():
        errors["title"] = "Uraian prioritas wajib diisi."
    try:
        PriorityKind(data.kind)
    except ValueError:
        errors["kind"] = "Sumber prioritas tidak dikenal."
    if errors:
        raise ValidationError(field_errors=errors)


def _coded_row(session: Session, model: type[CodedRow], row_id: int | None, year: int,
               code: str, code_label: str, missing: str) -> tuple[CodedRow, dict[str, Any] | None]:
    """The row a save of a priority or macro problem writes to, with its audit snapshot
    before the change: the stored one (NotFound when it is gone) or a new one of the year. A
    code another row of the year already has is refused."""
    ensure_year(session, year)
    code = code.strip()
    clash = session.scalar(select(model.id).where(
        model.year == year, model.code == code, model.id != (row_id or 0)))
    if clash:
        raise ConflictError(f"{code_label} {code} sudah dipakai tahun {year}.")
    row = session.get(model, row_id) if row_id else None
    if row_id and row is None:
        raise NotFound(missing)
    before = audit.snapshot(row) if row else None
    if row is None:
        row = model(year=year)
        session.add(row)
    return row, before


def store_priority(session: Session, actor: Actor, data: PriorityInfo) -> int:
    """Insert or update a checked priority (a clash of codes in the year is refused)."""
    row, before = _coded_row(session, PlanningPriority, data.id, data.year, data.code,
                             "Kode prioritas", "Prioritas tidak ditemukan.")
    if before is not None:
        versions.check(session, row, data.version, entity="planning_priority",
                       what=f"Prioritas {row.code}", labels=PRIORITY_LABELS)
    row.code, row.title, row.kind = data.code.strip(), data.title.strip(), data.kind
    row.target, row.position = data.target.strip(), data.position
    session.flush()
    audit.record(session, actor, "update" if before else "create", "planning_priority",
                 row.id, before=before, after=audit.snapshot(row),
                 summary=f"Prioritas {data.year} {row.code}: {row.title[:80]}")
    return row.id


def delete_priority(app: AppContext, actor: Actor, priority_id: int) -> None:
    require(actor, Permission.PLANNING_FRAME)
    with unit_of_work(app) as session:
        row = session.get(PlanningPriority, priority_id)
        if row is None:
            raise NotFound("Prioritas tidak ditemukan.")
        used = session.scalar(select(func.count()).select_from(TierResult).where(
            TierResult.priority_id == priority_id)) or session.scalar(
            select(func.count()).select_from(PlanningProposal).where(
                PlanningProposal.priority_id == priority_id))
        if used:
            raise ConflictError("Prioritas ini sudah dipakai pada penyaringan usulan; ubah "
                                "uraiannya saja, jangan dihapus.")
        before = audit.snapshot(row)
        session.delete(row)
        audit.record(session, actor, "delete", "planning_priority", priority_id, before=before,
                     summary=f"Hapus prioritas {before['code']}")


# ---- Macro problems and indicators ----------------------------------------------------------


@dataclass
class IndicatorInfo:
    id: int | None
    name: str
    value_year: int
    value: float | None
    unit: str = ""
    target: float | None = None
    region_code: str | None = None
    higher_is_better: bool = False
    region_name: str = ""


@dataclass
class MacroProblemInfo:
    id: int | None
    year: int
    code: str
    title: str
    description: str = ""
    position: int = 0
    indicators: list[IndicatorInfo] | None = None
    version: int | None = None  # as loaded (None: save over whatever is stored)


def macro_problems_of(session: Session, year: int) -> list[MacroProblemInfo]:
    names = regions.names(session)
    problems = list(session.scalars(select(MacroProblem).where(MacroProblem.year == year)
                                    .order_by(MacroProblem.position, MacroProblem.code)))
    by_problem: dict[int, list[IndicatorInfo]] = {p.id: [] for p in problems}
    if problems:
        for i in session.scalars(select(MacroIndicator).where(
                MacroIndicator.problem_id.in_(list(by_problem)))
                .order_by(MacroIndicator.name, MacroIndicator.region_code,
                          MacroIndicator.value_year)):
            by_problem[i.problem_id].append(IndicatorInfo(
                i.id, i.name, i.value_year, i.value, i.unit, i.target, i.region_code,
                i.higher_is_better, names.get(i.region_code or "", "")))
    return [MacroProblemInfo(p.id, p.year, p.code, p.title, p.description, p.position,
                             by_problem[p.id], p.version) for p in problems]


def list_macro_problems(app: AppContext, actor: Actor, year: int) -> list[MacroProblemInfo]:
    require(actor, Permission.PLANNING_VIEW)
    with unit_of_work(app, write=False) as session:
        return macro_problems_of(session, year)


def save_macro_problem(app: AppContext, actor: Actor, data: MacroProblemInfo) -> int:
    """Save a macro problem with its whole indicator list (replaced as one)."""
    require(actor, Permission.PLANNING_FRAME)
    errors: dict[str, str] = {}
    if not data.code.strip():
        errors["code"] = "Kode masalah wajib diisi (mis. M1)."
    if not data.title.strip():
        errors["title"] = "Nama permasalahan makro wajib diisi."
    for i, ind in enumerate(data.indicators or [], start=1):
        if not ind.name.strip():
            errors["indicators"] = f"Indikator baris {i}: nama wajib diisi."
        elif not 1990 <= ind.value_year <= 2100:
            errors["indicators"] = f"Indikator baris {i}: tahun nilai tidak valid."
    if errors:
        raise ValidationError(field_errors=errors)
    with unit_of_work(app) as session:
        row, before = _coded_row(session, MacroProblem, data.id, data.year, data.code,
                                 "Kode masalah", "Permasalahan makro tidak ditemukan.")
        if before is not None:
            versions.check(session, row, data.version, entity="planning_macro_problem",
                           what=f"Permasalahan makro {row.code}", labels=MACRO_LABELS)
        row.code, row.title = data.code.strip(), data.title.strip()
        row.description, row.position = data.description.strip(), data.position
        if before is not None:
            flag_modified(row, "title")  # a new version even when only the indicators changed
        session.flush()
        session.execute(delete(MacroIndicator).where(MacroIndicator.problem_id == row.id))
        for ind in data.indicators or []:
            if ind.region_code:
                check_region(session, ind.region_code, "indicators")
            session.add(MacroIndicator(
                problem_id=row.id, name=ind.name.strip(), unit=ind.unit.strip(),
                region_code=ind.region_code or None, value_year=ind.value_year,
                value=ind.value, target=ind.target, higher_is_better=ind.higher_is_better))
        session.flush()
        audit.record(session, actor, "update" if before else "create", "planning_macro_problem",
                     row.id, before=before,
                     after={**audit.snapshot(row), "indicators": len(data.indicators or [])},
                     summary=f"Masalah makro {data.year} {row.code}: {row.title[:80]}")
        return row.id


def delete_macro_problem(app: AppContext, actor: Actor, problem_id: int) -> None:
    require(actor, Permission.PLANNING_FRAME)
    with unit_of_work(app) as session:
        row = session.get(MacroProblem, problem_id)
        if row is None:
            raise NotFound("Permasalahan makro tidak ditemukan.")
        if session.scalar(select(func.count()).select_from(PlanningProposal).where(
                PlanningProposal.macro_problem_id == problem_id)):
            raise ConflictError("Masalah ini sudah dirujuk usulan; ubah uraiannya saja.")
        before = audit.snapshot(row)
        session.execute(delete(MacroIndicator).where(MacroIndicator.problem_id == problem_id))
        session.delete(row)
        audit.record(session, actor, "delete", "planning_macro_problem", problem_id,
                     before=before, summary=f"Hapus masalah makro {before['code']}")


# ---- Ceilings (pagu indikatif) --------------------------------------------------------------


@dataclass(frozen=True)
class CeilingInfo:
    year: int
    region_code: str
    region_name: str
    amount: int
    note: str
    version: int = 0  # as loaded; 0: no pagu was set then


def ceilings_of(session: Session, year: int) -> list[CeilingInfo]:
    names = regions.names(session)
    return [CeilingInfo(c.year, c.region_code, names.get(c.region_code, c.region_code),
                        int(c.amount), c.note, c.version)
            for c in session.scalars(select(PlanningCeiling).where(PlanningCeiling.year == year)
                                     .order_by(PlanningCeiling.region_code))]


def list_ceilings(app: AppContext, actor: Actor, year: int) -> list[CeilingInfo]:
    require(actor, Permission.PLANNING_VIEW)
    with unit_of_work(app, write=False) as session:
        return ceilings_of(session, year)


def ceiling_of(session: Session, year: int, region_code: str) -> int | None:
    row = session.get(PlanningCeiling, (year, region_code))
    return int(row.amount) if row else None


def set_ceiling(app: AppContext, actor: Actor, year: int, region_code: str, amount: int | None,
                note: str = "", *, version: int | None = None) -> None:
    """Set (or with ``amount`` None, remove) the pagu indikatif of a region for a year."""
    save_ceilings(app, actor, year, [(region_code, amount, version)], note)


def save_ceilings(app: AppContext, actor: Actor, year: int,
                  items: list[tuple[str, int | None, int | None]], note: str = "") -> None:
    """The pagu a page changed (region, amount or None to remove, the version it showed, 0
    when none was set), all or none."""
    require(actor, Permission.PLANNING_FRAME)
    with unit_of_work(app) as session:
        for region_code, amount, version in items:
            store_ceiling(session, actor, year, region_code, amount, note, version=version)


def store_ceiling(session: Session, actor: Actor, year: int, region_code: str,
                  amount: int | None, note: str = "", *, version: int | None = None) -> None:
    if amount is not None and amount < 0:
        raise ValidationError(field_errors={"amount": "Pagu tidak boleh negatif."})
    ensure_year(session, year)
    check_region(session, region_code)
    row = session.get(PlanningCeiling, (year, region_code))
    check_ceiling(session, row, year, region_code, version)
    before = {"amount": row.amount, "note": row.note} if row else {"amount": None}
    if amount is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        row = PlanningCeiling(year=year, region_code=region_code, amount=int(amount),
                              note=note.strip())
        session.add(row)
    else:
        row.amount, row.note = int(amount), note.strip()
    session.flush()
    after: dict[str, object] = {"amount": amount, "note": note.strip()}
    if amount is not None and row is not None:
        after["version"] = row.version
    audit.record(session, actor, "update", "planning_ceiling", f"{year}:{region_code}",
                 before=before, after=after,
                 summary=f"Pagu indikatif {year} {region_code}: {amount}")


# ---- Kamus usulan ---------------------------------------------------------------------------


@dataclass
class CatalogueInfo:
    id: int | None
    code: str
    work: str
    unit: str
    unit_price: int
    agency: str = ""
    physical: bool = True
    authority: str = Authority.KABUPATEN.value
    sub_activity_code: str = ""
    sub_activity_name: str = ""
    output: str = ""
    active: bool = True
    affair_code: str = ""
    program_code: str = ""
    activity_code: str = ""
    version: int | None = None  # as loaded (None: save over whatever is stored)

    @property
    def label(self) -> str:
        return f"{self.code} · {self.work} ({self.unit})"


def _catalogue_info(c: CatalogueEntry) -> CatalogueInfo:
    return CatalogueInfo(c.id, c.code, c.work, c.unit, int(c.unit_price), c.agency, c.physical,
                         c.authority, c.sub_activity_code, c.sub_activity_name, c.output,
                         c.active, c.affair_code, c.program_code, c.activity_code, c.version)


def list_catalogue(app: AppContext, actor: Actor, *, text: str = "",
                   include_inactive: bool = False) -> list[CatalogueInfo]:
    require(actor, Permission.PLANNING_VIEW)
    with unit_of_work(app, write=False) as session:
        stmt = select(CatalogueEntry).order_by(CatalogueEntry.code)
        if not include_inactive:
            stmt = stmt.where(CatalogueEntry.active.is_(True))
        if text.strip():
            like = f"%{text.strip()}%"
            stmt = stmt.where(or_(CatalogueEntry.work.ilike(like), CatalogueEntry.code.ilike(like),
                                  CatalogueEntry.sub_activity_name.ilike(like)))
        return [_catalogue_info(c) for c in session.scalars(stmt)]


def catalogue_entry(session: Session, entry_id: int | None) -> CatalogueInfo | None:
    row = session.get(CatalogueEntry, entry_id) if entry_id else None
    return _catalogue_info(row) if row else None


def get_catalogue_entry(app: AppContext, actor: Actor, entry_id: int) -> CatalogueInfo:
    """One entry as stored now, with its version (the dialog's «Muat ulang»)."""
    require(actor, Permission.PLANNING_VIEW)
    with unit_of_work(app, write=False) as session:
        info = catalogue_entry(session, entry_id)
        if info is None:
            raise NotFound("Entri kamus tidak ditemukan.")
        return info


def save_catalogue_entry(app: AppContext, actor: Actor, data: CatalogueInfo) -> int:
    require(actor, Permission.PLANNING_FRAME)
    errors: dict[str, str] = {}
    for key, text in (("code", "Kode"), ("work", "Pekerjaan"), ("unit", "Satuan")):
        if not str(getattr(data, key) or "").strip():
            errors[key] = f"{text} wajib diisi."
    if data.unit_price < 0:
        errors["unit_price"] = "Harga satuan tidak boleh negatif."
    try:
        Authority(data.authority)
    except ValueError:
        errors["authority"] = "Kewenangan tidak dikenal."
    code = normalise_code(data.sub_activity_code)
    if code and not SUB_ACTIVITY_PATTERN.match(code):
        errors["sub_activity_code"] = "Kode sub kegiatan tidak sesuai format (1.03.10.2.01.0032)."
    if errors:
        raise ValidationError(field_errors=errors)
    parts = code.split(".") if code else []
    values: dict[str, Any] = {
        "code": data.code.strip().upper(), "work": data.work.strip(), "unit": data.unit.strip(),
        "unit_price": int(data.unit_price), "agency": data.agency.strip(),
        "physical": data.physical, "authority": data.authority, "sub_activity_code": code,
        "sub_activity_name": data.sub_activity_name.strip(), "output": data.output.strip(),
        "active": data.active, "affair_code": ".".join(parts[:2]),
        "program_code": ".".join(parts[:3]), "activity_code": ".".join(parts[:5]),
    }
    with unit_of_work(app) as session:
        clash = session.scalar(select(CatalogueEntry.id).where(
            CatalogueEntry.code == values["code"], CatalogueEntry.id != (data.id or 0)))
        if clash:
            raise ConflictError(f"Kode kamus {values['code']} sudah dipakai.")
        row = session.get(CatalogueEntry, data.id) if data.id else None
        if data.id and row is None:
            raise NotFound("Entri kamus tidak ditemukan.")
        if row is not None:
            versions.check(session, row, data.version, entity="planning_catalogue",
                           what=f"Entri kamus {row.code}", labels=CATALOGUE_LABELS)
        before = audit.snapshot(row) if row else None
        if row is None:
            row = CatalogueEntry(**values)
            session.add(row)
        else:
            for key, value in values.items():
                setattr(row, key, value)
        session.flush()
        audit.record(session, actor, "update" if before else "create", "planning_catalogue",
                     row.id, before=before, after=audit.snapshot(row),
                     summary=f"Kamus usulan {row.code}: {row.work[:80]}")
        return row.id
