"""Priority ranking use cases: criteria sets (versioned), ranking verified submissions,
explaining a score, recaps, frozen priority lists, comparison and approval.

Values come from SQL (choice scores and derived values are CASE expressions), the maths runs in
numpy (``domain/ranking.py``), and a ranking is stored as a priority list whose entries the GUI
pages through with SQL. A draft list is one user's working ranking for one category and is
replaced by their next run; a frozen list keeps a snapshot of every value and never changes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, case, delete, false, func, literal, or_, select, true, update
from sqlalchemy.orm import Session

from desktop_app.core.domain import clock
from desktop_app.core.domain.errors import ConflictError, NotFound, ValidationError
from desktop_app.core.domain.progress import Progress
from desktop_app.core.domain.roles import Permission
from desktop_app.core.services import audit, regions, settings
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.core.services.settings import read_setting
from desktop_app.db.base import utcnow
from desktop_app.db.engine import positional_insert_sql
from desktop_app.intake.domain.submissions import BAD_CONDITION, Category, Status
from desktop_app.intake.models import Submission
from desktop_app.intake.services.details import MIN_AREA
from desktop_app.ranking.domain.criteria import (
    DEFAULT_CRITERIA,
    DEFAULT_RULES,
    RULES,
    CriteriaFileError,
    check_criteria,
    criteria_from_json,
    criteria_to_json,
    rule_text,
    sources_for,
)
from desktop_app.ranking.domain.methods import (
    MISSING_RULE,
    TIE_RULE,
    Contribution,
    Criterion,
    Direction,
    Method,
    explain_values,
    normalisation_params,
    normalise_weights,
    rank,
)
from desktop_app.ranking.models import CriteriaSet, CriterionRow, PriorityEntry, PriorityList

UMK = settings.RANKING_UMK
RANKED_CATEGORIES = (Category.RTLH, Category.JALAN, Category.DRAINASE)
ListStatus = str  # "draft" | "frozen" | "approved"
STATUS_LABELS = {"draft": "Draf (belum dibekukan)", "frozen": "Dibekukan",
                 "approved": "Disetujui pimpinan"}


# ---- Criteria sets ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CriteriaSetInfo:
    id: int
    category: str
    version: int
    name: str
    active: bool
    criteria: list[Criterion]
    rules: list[dict[str, Any]]
    created_at: datetime
    created_by_name: str
    note: str = ""

    @property
    def label(self) -> str:
        return f"{self.name} (versi {self.version})"

    @property
    def rule_texts(self) -> list[str]:
        return [rule_text(r) for r in self.rules]


def _criteria_of(session: Session, set_id: int) -> list[Criterion]:
    rows = session.scalars(select(CriterionRow).where(CriterionRow.set_id == set_id)
                           .order_by(CriterionRow.position)).all()
    return [Criterion(r.key, r.name, Direction(r.direction), r.weight, r.source,
                      json.loads(r.choice_scores_json) if r.choice_scores_json else None)
            for r in rows]


def _info(session: Session, cs: CriteriaSet) -> CriteriaSetInfo:
    return CriteriaSetInfo(cs.id, cs.category, cs.version, cs.name, cs.active,
                           _criteria_of(session, cs.id), json.loads(cs.eligibility_json or "[]"),
                           cs.created_at, cs.created_by_name, cs.note)


def _insert_set(session: Session, actor: Actor, category: str, name: str,
                criteria: Sequence[Criterion], rules: Sequence[Mapping[str, Any]],
                note: str = "", activate: bool = True) -> CriteriaSet:
    last = session.scalar(select(func.max(CriteriaSet.version))
                          .where(CriteriaSet.category == category)) or 0
    if activate:
        session.execute(update(CriteriaSet).where(CriteriaSet.category == category)
                        .values(active=False))
    cs = CriteriaSet(category=category, version=last + 1, name=name, note=note, active=activate,
                     eligibility_json=json.dumps([dict(r) for r in rules]),
                     created_by_id=actor.user_id, created_by_name=actor.full_name)
    session.add(cs)
    session.flush()
    for pos, c in enumerate(criteria):
        session.add(CriterionRow(
            set_id=cs.id, position=pos, key=c.key, name=c.name, source=c.source or c.key,
            direction=c.direction.value, weight=float(c.weight),
            choice_scores_json=json.dumps(dict(c.choice_scores), ensure_ascii=False)
            if c.choice_scores else None))
    session.flush()
    return cs


def _ensure_defaults(session: Session, actor: Actor, category: str) -> CriteriaSet:
    cs = session.scalar(select(CriteriaSet).where(CriteriaSet.category == category,
                                                  CriteriaSet.active.is_(True)))
    if cs is not None:
        return cs
    cs = session.scalar(select(CriteriaSet).where(CriteriaSet.category == category)
                        .order_by(CriteriaSet.version.desc()).limit(1))
    if cs is not None:
        cs.active = True
        return cs
    cat = Category(category)
    cs = _insert_set(session, actor, category, f"Kriteria bawaan {cat.label}",
                     DEFAULT_CRITERIA[cat], DEFAULT_RULES.get(cat, ()),
                     "Bawaan aplikasi; lihat docs/ranking.md.")
    audit.record(session, actor, "create", "criteria_set", cs.id,
                 after={"category": category, "version": cs.version, "name": cs.name},
                 summary=f"Kriteria bawaan {category} dibuat")
    return cs


def _check_category(category: str) -> str:
    if category not in {c.value for c in RANKED_CATEGORIES}:
        raise ValidationError(f"Kategori '{category}' tidak diperingkat.")
    return category


def active_set(app: AppContext, actor: Actor, category: str) -> CriteriaSetInfo:
    """The criteria set used by default for a category (defaults created on first use)."""
    require(actor, Permission.RANKING_RUN)
    _check_category(category)
    with unit_of_work(app) as session:
        return _info(session, _ensure_defaults(session, actor, category))


def get_set(app: AppContext, actor: Actor, set_id: int) -> CriteriaSetInfo:
    require(actor, Permission.RANKING_RUN)
    with unit_of_work(app, write=False) as session:
        cs = session.get(CriteriaSet, set_id)
        if cs is None:
            raise NotFound("Set kriteria tidak ditemukan.")
        return _info(session, cs)


def list_sets(app: AppContext, actor: Actor, category: str) -> list[CriteriaSetInfo]:
    require(actor, Permission.RANKING_RUN)
    with unit_of_work(app, write=False) as session:
        rows = session.scalars(select(CriteriaSet).where(CriteriaSet.category == category)
                               .order_by(CriteriaSet.version.desc())).all()
        return [_info(session, cs) for cs in rows]


def validate_criteria(category: str, criteria: Sequence[Criterion]) -> None:
    sources = sources_for(category)
    errors = []
    for i, c in enumerate(criteria, start=1):
        if not c.name.strip():
            errors.append(f"Kriteria {i}: nama wajib diisi.")
        if (c.source or c.key) not in sources:
            errors.append(f"Kriteria {i}: sumber '{c.source}' tidak dikenal.")
        if c.weight < 0:
            errors.append(f"Kriteria {i}: bobot tidak boleh negatif.")
    if errors:
        raise ValidationError("\n".join(errors))
    try:
        check_criteria(criteria)
    except CriteriaFileError as exc:
        raise ValidationError(str(exc)) from exc


def save_criteria_set(app: AppContext, actor: Actor, category: str, name: str,
                      criteria: Sequence[Criterion], rules: Sequence[Mapping[str, Any]],
                      note: str = "", activate: bool = True) -> CriteriaSetInfo:
    """Save edited criteria as a new version (weights stored normalised to sum 1); with
    ``activate`` it becomes the category's default."""
    require(actor, Permission.CRITERIA_MANAGE)
    _check_category(category)
    validate_criteria(category, criteria)
    for r in rules:
        if r.get("rule") not in RULES:
            raise ValidationError(f"Syarat '{r.get('rule')}' tidak dikenal.")
    weights = normalise_weights([c.weight for c in criteria])
    normalised = [Criterion(c.key, c.name, c.direction, round(w, 6), c.source or c.key,
                            c.choice_scores) for c, w in zip(criteria, weights, strict=True)]
    with unit_of_work(app) as session:
        cs = _insert_set(session, actor, category, name.strip() or "Kriteria", normalised,
                         rules, note, activate)
        audit.record(session, actor, "create", "criteria_set", cs.id,
                     after={"category": category, "version": cs.version, "name": cs.name,
                            "criteria": [(c.key, c.direction.value, c.weight)
                                         for c in normalised], "rules": list(rules)},
                     summary=f"Kriteria {category} versi {cs.version} disimpan")
        return _info(session, cs)


def activate_set(app: AppContext, actor: Actor, set_id: int) -> CriteriaSetInfo:
    """Make a saved criteria set the category's default (e.g. go back to an earlier version,
    or switch between sets kept for different programmes)."""
    require(actor, Permission.CRITERIA_MANAGE)
    with unit_of_work(app) as session:
        cs = session.get(CriteriaSet, set_id)
        if cs is None:
            raise NotFound("Set kriteria tidak ditemukan.")
        session.execute(update(CriteriaSet).where(CriteriaSet.category == cs.category)
                        .values(active=False))
        cs.active = True
        audit.record(session, actor, "activate", "criteria_set", cs.id,
                     after={"category": cs.category, "version": cs.version, "name": cs.name},
                     summary=f"Kriteria {cs.category} versi {cs.version} dijadikan bawaan")
        return _info(session, cs)


def export_criteria(app: AppContext, actor: Actor, set_id: int) -> str:
    info = get_set(app, actor, set_id)
    return criteria_to_json(info.category, info.name, info.criteria, info.rules)


def import_criteria(app: AppContext, actor: Actor, text: str,
                    category: str | None = None, activate: bool = True) -> CriteriaSetInfo:
    try:
        cat, name, criteria, rules = criteria_from_json(text, category)
    except CriteriaFileError as exc:
        raise ValidationError(str(exc)) from exc
    return save_criteria_set(app, actor, cat, name, criteria, rules, "Diimpor dari berkas",
                             activate)


# ---- SQL expressions for sources and rules ---------------------------------------------------


def _choice_case(column: Any, scores: Mapping[str, float]) -> Any:
    return case(*[(column == choice, literal(float(score))) for choice, score in scores.items()],
                else_=None)


def _bool_case(column: Any, scores: Mapping[str, float] | None) -> Any:
    scores = scores or {"Ya": 1.0, "Tidak": 0.0}
    yes = next((v for k, v in scores.items() if k.lower() == "ya"), 1.0)
    no = next((v for k, v in scores.items() if k.lower() == "tidak"), 0.0)
    return case((column == true(), literal(float(yes))), (column == false(), literal(float(no))),
                else_=None)


def _ratio(num: Any, den: Any) -> Any:
    return case((den > 0, num * 1.0 / den), else_=None)


def _flag(cond: Any) -> Any:
    return case((cond, 1), else_=0)


def failed_criteria_expr(min_area: float) -> Any:
    s = Submission
    bad = tuple(BAD_CONDITION)
    return (
        _flag(s.structure_condition.in_(bad)) + _flag(s.roof_condition.in_(bad))
        + _flag(s.wall_condition.in_(bad)) + _flag(s.floor_condition.in_(bad))
        + _flag(or_(s.ventilation_ok == false(), s.lighting_ok == false()))
        + _flag(or_(s.toilet.in_(("Tidak ada jamban", "Jamban bersama/umum")),
                    s.septic_tank == false()))
        + _flag(s.water_source.in_(("Sumur gali tidak terlindungi", "Air sungai/hujan")))
        + _flag(_ratio(s.floor_area, s.occupants) < min_area)
    )


def source_expr(criterion: Criterion, min_area: float) -> Any:
    source = criterion.source or criterion.key
    s = Submission
    if source == "area_per_person":
        return _ratio(s.floor_area, s.occupants)
    if source == "failed_criteria":
        return failed_criteria_expr(min_area)
    if source == "cost_per_household":
        return _ratio(s.estimated_cost, s.households_served)
    if source == "cost_per_household_affected":
        return _ratio(s.estimated_cost, s.households_affected)
    column = getattr(s, source, None)
    if column is None:
        raise ValidationError(f"Sumber kriteria '{source}' tidak dikenal.")
    python_type = column.type.python_type
    if python_type is bool:
        return _bool_case(column, criterion.choice_scores)
    if criterion.choice_scores:
        return _choice_case(column, criterion.choice_scores)
    if python_type is str:
        raise ValidationError(f"Kriteria '{criterion.name}' perlu skor untuk setiap pilihan.")
    return column


def rule_expr(rule: Mapping[str, Any], *, year: int, umk: float) -> Any:
    s = Submission
    spec = RULES[rule["rule"]]
    param = float(rule.get("param", spec.default_param or 0))
    if rule["rule"] == "aided_recently":
        return and_(s.last_aid_year.is_not(None), s.last_aid_year > year - param)
    if rule["rule"] == "income_above_umk":
        # The set's own UMK when it has one (a frozen list stays reproducible), else the setting.
        return s.monthly_income > float(rule.get("param") or umk)
    if rule["rule"] == "land_not_owned":
        return s.land_owned == false()
    if rule["rule"] == "house_not_owned":
        return s.house_owned == false()
    if rule["rule"] == "not_only_house":
        return s.only_house == false()
    raise ValidationError(f"Syarat '{rule['rule']}' tidak dikenal.")


# ---- Ranking ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RankScope:
    """Which verified submissions are ranked together."""

    year: int | None = None
    kecamatan_code: str = ""
    desa_code: str = ""

    def describe(self, names: Mapping[str, str] | None = None) -> str:
        names = names or {}
        parts = [f"tahun {self.year}" if self.year else "semua tahun"]
        if self.desa_code:
            parts.append(names.get(self.desa_code, self.desa_code))
        elif self.kecamatan_code:
            parts.append("Kec. " + names.get(self.kecamatan_code, self.kecamatan_code))
        return ", ".join(parts)


def _scope_where(stmt: Any, category: str, scope: RankScope) -> Any:
    stmt = stmt.where(Submission.status == Status.DIVERIFIKASI.value,
                      Submission.category == category)
    if scope.year:
        stmt = stmt.where(Submission.received_on >= date(scope.year, 1, 1),
                          Submission.received_on <= date(scope.year, 12, 31))
    if scope.desa_code:
        stmt = stmt.where(Submission.desa_code == scope.desa_code)
    elif scope.kecamatan_code:
        stmt = stmt.where(Submission.desa_code.like(scope.kecamatan_code + ".%"))
    return stmt


NAME_EXPR = func.coalesce(Submission.household_head, Submission.road_name,
                          Submission.reporter_name)


@dataclass
class Computation:
    """One ranking in memory: the eligible ones ranked, the others with their reasons."""

    category: str
    method: Method
    criteria_set: CriteriaSetInfo
    scope: RankScope
    result: Any  # domain RankingResult over the eligible submissions
    ineligible: list[tuple[int, str]]  # (id, reasons)
    places: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    eligible_pos: Any = None  # positions (in fetch order) of the ranked ones, input order
    ineligible_pos: list[int] = field(default_factory=list)
    ineligible_values: dict[int, list[float | None]] = field(default_factory=dict)
    computed_at: datetime = field(default_factory=utcnow)

    @property
    def criteria(self) -> list[Criterion]:
        return self.criteria_set.criteria



def _fetch(session: Session, category: str, scope: RankScope, criteria: Sequence[Criterion],
           rules: Sequence[Mapping[str, Any]], min_area: float, umk: float, year: int,
           ids: Sequence[int] | None = None, with_meta: bool = True) -> list[Any]:
    s = Submission
    value_cols = [source_expr(c, min_area).label(f"v{j}") for j, c in enumerate(criteria)]
    rule_cols = [_flag(rule_expr(r, year=year, umk=umk)).label(f"r{k}")
                 for k, r in enumerate(rules)]
    meta_cols = [s.monthly_income] if with_meta else []
    stmt = select(s.id, *meta_cols, *value_cols, *rule_cols)
    if ids is not None:
        stmt = stmt.where(s.id.in_(list(ids)))
    else:
        # Ordered by date received, so that a row's position is the tie key "earlier date
        # received first" and every selected column is a number (one numpy conversion).
        stmt = _scope_where(stmt, category, scope).order_by(s.received_on, s.id)
    # Plain DBAPI tuples: every selected value is already a plain number or string, and
    # skipping SQLAlchemy's row objects saves a third of the time on a million rows.
    result = session.connection().execute(stmt)
    try:
        return list(result.cursor.fetchall())
    finally:
        result.close()


def compute(app: AppContext, actor: Actor, category: str, method: Method | str = Method.SAW,
            criteria_set_id: int | None = None, scope: RankScope | None = None,
            progress: Progress | None = None, with_places: bool = False) -> Computation:
    """Rank the verified submissions of a category in a scope (not stored)."""
    import numpy as np

    require(actor, Permission.RANKING_RUN)
    _check_category(category)
    scope = scope or RankScope()
    method = Method(method)
    cs_info = get_set(app, actor, criteria_set_id) if criteria_set_id else \
        active_set(app, actor, category)
    if cs_info.category != category:
        raise ValidationError("Set kriteria bukan untuk kategori ini.")
    criteria, rules = cs_info.criteria, cs_info.rules
    min_area = float(read_setting(app, MIN_AREA))
    umk = float(read_setting(app, UMK))
    year = scope.year or clock.today().year
    if progress:
        progress(0, 3, "Membaca data terverifikasi…")
    with unit_of_work(app, write=False) as session:
        rows = _fetch(session, category, scope, criteria, rules, min_area, umk, year)
        # Desa and RT/RW for the stored list, in the same order (strings kept apart so the
        # numbers above convert to one numpy matrix in a single step).
        s = Submission
        places = list(session.connection().execute(
            _scope_where(select(s.desa_code, s.rt, s.rw), category, scope)
            .order_by(s.received_on, s.id)).cursor.fetchall()) if with_places else []
    if progress:
        progress(1, 3, f"Menghitung {len(rows):,} data…".replace(",", "."))
    m, k = len(criteria), len(rules)
    first_value = 2
    matrix = np.array(rows, dtype=np.float64) if rows else np.zeros((0, first_value + m + k))
    del rows
    ids = matrix[:, 0].astype(np.int64)
    income = matrix[:, 1]
    values = matrix[:, first_value:first_value + m]
    flags = matrix[:, first_value + m:first_value + m + k]
    received = np.arange(len(ids))  # rows come ordered by date received, then id
    failed = (flags > 0).any(axis=1) if k else np.zeros(len(ids), dtype=bool)
    ok = ~failed
    # Stated tie rule: lower income (RTLH), then earlier date received, then lower id.
    tie_keys = [received[ok]]
    if category == Category.RTLH.value:
        tie_keys.insert(0, income[ok])
    result = rank(method, ids[ok], values[ok], criteria, tie_keys)
    texts = [rule_text(r) for r in rules]
    ineligible = []
    ineligible_values = {}
    bad = np.flatnonzero(failed)
    for sid, row_flags, row_values in zip(ids[bad].tolist(), (flags[bad] > 0).tolist(),
                                          values[bad].tolist(), strict=True):
        ineligible.append((sid, "; ".join(t for t, f in zip(texts, row_flags, strict=True) if f)))
        ineligible_values[sid] = [v if v == v else None for v in row_values]
    if progress:
        progress(2, 3, "Selesai dihitung")
    return Computation(category, method, cs_info, scope, result, ineligible, places=places,
                       eligible_pos=np.flatnonzero(ok), ineligible_pos=bad.tolist(),
                       ineligible_values=ineligible_values)


@dataclass(frozen=True)
class PriorityListInfo:
    id: int
    category: str
    status: str
    title: str
    method: str
    criteria_set_id: int
    criteria_label: str
    scope: RankScope
    ranked_count: int
    ineligible_count: int
    created_at: datetime
    created_by_name: str
    frozen_at: datetime | None
    approved_at: datetime | None
    approved_by_name: str
    approval_note: str
    weights: list[float]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def method_label(self) -> str:
        return Method(self.method).label


def _list_info(session: Session, pl: PriorityList) -> PriorityListInfo:
    cs = session.get(CriteriaSet, pl.criteria_set_id)
    scope = RankScope(**json.loads(pl.scope_json or "{}"))
    return PriorityListInfo(
        pl.id, pl.category, pl.status, pl.title, pl.method, pl.criteria_set_id,
        f"{cs.name} (versi {cs.version})" if cs else "", scope, pl.ranked_count,
        pl.ineligible_count, pl.created_at, pl.created_by_name, pl.frozen_at, pl.approved_at,
        pl.approved_by_name, pl.approval_note, json.loads(pl.weights_json or "[]"))


def _store(app: AppContext, actor: Actor, comp: Computation, status: str, title: str,
           progress: Progress | None = None) -> PriorityListInfo:
    import numpy as np

    result = comp.result
    frozen = status != "draft"
    with unit_of_work(app) as session:
        if not frozen:
            old = list(session.scalars(select(PriorityList.id).where(
                PriorityList.status == "draft", PriorityList.category == comp.category,
                PriorityList.created_by_id.is_(actor.user_id) if actor.user_id is None
                else PriorityList.created_by_id == actor.user_id)))
            if old:
                session.execute(delete(PriorityEntry).where(PriorityEntry.list_id.in_(old)))
                session.execute(delete(PriorityList).where(PriorityList.id.in_(old)))
        pl = PriorityList(
            category=comp.category, status=status, title=title, method=comp.method.value,
            criteria_set_id=comp.criteria_set.id,
            scope_json=json.dumps({"year": comp.scope.year,
                                   "kecamatan_code": comp.scope.kecamatan_code,
                                   "desa_code": comp.scope.desa_code}),
            params_json=json.dumps(normalisation_params(result)),
            weights_json=json.dumps([float(w) for w in result.weights]),
            ranked_count=len(result.ids), ineligible_count=len(comp.ineligible),
            created_by_id=actor.user_id, created_by_name=actor.full_name,
            frozen_at=utcnow() if frozen else None)
        session.add(pl)
        session.flush()
        order = result.order
        ranked_ids = result.ids[order]
        scores = result.scores[order]
        n = len(ranked_ids)
        all_values = result.values[order]
        values = all_values if frozen else None
        keys = [c.key for c in comp.criteria]
        missing = {int(i): ",".join(keys[j] for j in np.flatnonzero(np.isnan(all_values[i])))
                   for i in np.flatnonzero(np.isnan(all_values).any(axis=1))} if n else {}
        table = PriorityEntry.__table__
        # The snapshot (number, name, desa, RT/RW) is copied from submissions by one
        # UPDATE … FROM below: cheaper than carrying a million strings through Python.
        cols = ["list_id", "submission_id", "rank", "score", "eligible", "reason", "missing",
                "number", "name", "desa_code", "rt", "rw", "values_json"]
        places = comp.places
        ranked_places = [places[p] for p in comp.eligible_pos[order].tolist()] if places \
            else [("", None, None)] * n
        conn = session.connection()
        sql = positional_insert_sql(conn, table.name, cols)
        id_list, score_list = ranked_ids.tolist(), scores.tolist()
        value_list = values.tolist() if frozen else None
        list_id = pl.id
        batch = 50_000
        for start in range(0, n, batch):
            stop = min(start + batch, n)
            if value_list is None:
                chunk = [(list_id, id_list[i], i + 1, score_list[i], True, "",
                          missing.get(i, ""), "", "", *ranked_places[i], None)
                         for i in range(start, stop)]
            else:
                chunk = [(list_id, id_list[i], i + 1, score_list[i], True, "",
                          missing.get(i, ""), "", "", *ranked_places[i],
                          json.dumps([v if v == v else None for v in value_list[i]]))
                         for i in range(start, stop)]
            conn.exec_driver_sql(sql, chunk)
            if progress:
                progress(stop, n, "Menyimpan peringkat…")
        if comp.ineligible:
            conn.exec_driver_sql(sql, [
                (list_id, sid, None, None, False, reason, "", "", "",
                 *(places[pos] if places else ("", None, None)),
                 json.dumps(comp.ineligible_values.get(sid)) if frozen else None)
                for (sid, reason), pos in zip(comp.ineligible, comp.ineligible_pos,
                                              strict=True)])
        s_ = Submission
        # Desa and RT/RW are copied for every list (the table filters on them); number and
        # name only for frozen lists — a working list reads them live through a join.
        snapshot: dict[str, Any] = {} if places else {
            "desa_code": s_.desa_code, "rt": s_.rt, "rw": s_.rw}
        if frozen:
            snapshot.update(number=s_.number, name=NAME_EXPR)
        if snapshot:
            session.execute(
                update(PriorityEntry)
                .where(PriorityEntry.list_id == list_id, PriorityEntry.submission_id == s_.id)
                .values(**snapshot)
                .execution_options(synchronize_session=False))
        audit.record(session, actor, "freeze" if frozen else "rank", "priority_list", pl.id,
                     after={"category": comp.category, "method": comp.method.value,
                            "criteria_set_id": comp.criteria_set.id, "ranked": n,
                            "ineligible": len(comp.ineligible), "title": title,
                            "scope": comp.scope.__dict__},
                     summary=(f"Daftar prioritas dibekukan: {title}" if frozen else
                              f"Peringkat {comp.category} dihitung ({n} data)"))
        return _list_info(session, pl)


def run_ranking(app: AppContext, actor: Actor, category: str, method: Method | str = Method.SAW,
                criteria_set_id: int | None = None, scope: RankScope | None = None,
                progress: Progress | None = None) -> PriorityListInfo:
    """Rank now and keep the result as this user's working (draft) list for the category."""
    comp = compute(app, actor, category, method, criteria_set_id, scope, progress,
                   with_places=True)
    return _store(app, actor, comp, "draft", "", progress)


def freeze(app: AppContext, actor: Actor, draft_id: int, title: str,
           progress: Progress | None = None) -> PriorityListInfo:
    """Freeze a ranking as a numbered, dated priority list: ranked again from the data as it is
    now with the draft's method, criteria version and scope, and stored with every value."""
    require(actor, Permission.RANKING_FREEZE)
    if not title.strip():
        raise ValidationError("Judul daftar prioritas wajib diisi.",
                              field_errors={"title": "Judul wajib diisi"})
    draft = get_list(app, actor, draft_id)
    comp = compute(app, actor, draft.category, draft.method, draft.criteria_set_id, draft.scope,
                   progress, with_places=True)
    return _store(app, actor, comp, "frozen", title.strip(), progress)


def approve(app: AppContext, actor: Actor, list_id: int, note: str = "") -> PriorityListInfo:
    require(actor, Permission.RANKING_APPROVE)
    with unit_of_work(app) as session:
        pl = session.get(PriorityList, list_id)
        if pl is None:
            raise NotFound("Daftar prioritas tidak ditemukan.")
        if pl.status != "frozen":
            raise ConflictError("Hanya daftar yang sudah dibekukan dan belum disetujui yang "
                                "dapat disetujui.")
        pl.status = "approved"
        pl.approved_at = utcnow()
        pl.approved_by_id = actor.user_id
        pl.approved_by_name = actor.full_name
        pl.approval_note = note.strip()
        audit.record(session, actor, "approve", "priority_list", pl.id,
                     before={"status": "frozen"}, after={"status": "approved", "note": note},
                     summary=f"Daftar prioritas disetujui: {pl.title}")
        return _list_info(session, pl)


def get_list(app: AppContext, actor: Actor, list_id: int) -> PriorityListInfo:
    require(actor, Permission.RANKING_RUN)
    with unit_of_work(app, write=False) as session:
        pl = session.get(PriorityList, list_id)
        if pl is None:
            raise NotFound("Daftar prioritas tidak ditemukan.")
        return _list_info(session, pl)


def current_draft(app: AppContext, actor: Actor, category: str) -> PriorityListInfo | None:
    require(actor, Permission.RANKING_RUN)
    with unit_of_work(app, write=False) as session:
        stmt = select(PriorityList).where(PriorityList.status == "draft",
                                          PriorityList.category == category)
        stmt = stmt.where(PriorityList.created_by_id.is_(None) if actor.user_id is None
                          else PriorityList.created_by_id == actor.user_id)
        pl = session.scalar(stmt.order_by(PriorityList.id.desc()).limit(1))
        return _list_info(session, pl) if pl else None


def frozen_lists(app: AppContext, actor: Actor, category: str | None = None
                 ) -> list[PriorityListInfo]:
    require(actor, Permission.RANKING_RUN)
    with unit_of_work(app, write=False) as session:
        stmt = select(PriorityList).where(PriorityList.status != "draft")
        if category:
            stmt = stmt.where(PriorityList.category == category)
        return [_list_info(session, pl)
                for pl in session.scalars(stmt.order_by(PriorityList.id.desc()))]


# ---- The ranked table: filter, sort, page in SQL ----------------------------------------------


@dataclass(frozen=True)
class EntryFilter:
    eligible: bool | None = True
    desa_code: str = ""
    kecamatan_code: str = ""
    rt: str = ""
    text: str = ""


@dataclass(frozen=True)
class RankedRow:
    submission_id: int
    rank: int | None
    number: str
    name: str
    desa: str
    rt_rw: str
    score: float | None
    eligible: bool
    reason: str
    missing: str
    values: list[float | None]

    def __getattr__(self, name: str) -> Any:
        """Attributes c0, c1, … are the criterion values (the table's criterion columns)."""
        if name.startswith("c") and name[1:].isdigit():
            j = int(name[1:])
            return self.values[j] if j < len(self.values) else None
        raise AttributeError(name)


@dataclass(frozen=True)
class _Snap:
    """Where an entry's number, name, desa and RT/RW come from: the frozen snapshot, or the
    submission itself for a working (draft) list."""

    live: bool

    @property
    def cols(self) -> tuple[Any, Any, Any, Any, Any]:
        e = PriorityEntry
        if self.live:
            return Submission.number, NAME_EXPR, e.desa_code, e.rt, e.rw
        return e.number, e.name, e.desa_code, e.rt, e.rw

    def select(self, *columns: Any, join: bool = True) -> Any:
        stmt = select(*columns).select_from(PriorityEntry)
        if self.live and join:
            stmt = stmt.join(Submission, Submission.id == PriorityEntry.submission_id)
        return stmt

    def sort_column(self, key: str) -> Any:
        number, name, desa, _rt, _rw = self.cols
        return {"rank": PriorityEntry.rank, "number": number, "name": name, "desa": desa,
                "score": PriorityEntry.score}.get(key, PriorityEntry.rank)


def _snap_of(info: PriorityListInfo) -> _Snap:
    return _Snap(info.status == "draft")


def _entry_where(stmt: Any, list_id: int, flt: EntryFilter | None, snap: _Snap) -> Any:
    number, name, desa, rt, _rw = snap.cols
    stmt = stmt.where(PriorityEntry.list_id == list_id)
    if flt is None:
        return stmt
    if flt.eligible is not None:
        stmt = stmt.where(PriorityEntry.eligible == (true() if flt.eligible else false()))
    if flt.desa_code:
        stmt = stmt.where(desa == flt.desa_code)
    elif flt.kecamatan_code:
        stmt = stmt.where(desa.like(flt.kecamatan_code + ".%"))
    if flt.rt:
        stmt = stmt.where(rt == flt.rt)
    if flt.text.strip():
        like = f"%{flt.text.strip()}%"
        stmt = stmt.where(or_(name.ilike(like), number.ilike(like)))
    return stmt


class RankedPageSource:
    """PageSource (gui.table_model) over one priority list's entries."""

    def __init__(self, app: AppContext, actor: Actor, list_id: int) -> None:
        require(actor, Permission.RANKING_RUN)
        self.app, self.actor, self.list_id = app, actor, list_id
        self.info = get_list(app, actor, list_id)
        self.criteria = get_set(app, actor, self.info.criteria_set_id).criteria
        with unit_of_work(app, write=False) as session:
            self._names = regions.names(session)

    def count(self, flt: EntryFilter | None) -> int:
        snap = _snap_of(self.info)
        # Counting needs the join only to search the number and name.
        join = flt is not None and bool(flt.text.strip())
        with unit_of_work(self.app, write=False) as session:
            return int(session.scalar(_entry_where(
                snap.select(func.count(), join=join), self.list_id, flt,
                snap)) or 0)

    def fetch(self, flt: EntryFilter | None, sort: str, descending: bool, offset: int,
              limit: int) -> list[RankedRow]:
        snap = _snap_of(self.info)
        column = snap.sort_column(sort)
        order = [column.desc() if descending else column.asc(), PriorityEntry.id]
        with unit_of_work(self.app, write=False) as session:
            rows = session.execute(_entry_where(snap.select(PriorityEntry, *snap.cols),
                                                self.list_id, flt, snap)
                                   .order_by(*order).offset(offset).limit(limit)).all()
            entries = [r[0] for r in rows]
            values = _entry_values(self.app, session, self.info, self.criteria, entries)
            return [RankedRow(e.submission_id, e.rank, number, name or "",
                              self._names.get(desa, desa),
                              "/".join(x for x in (rt, rw) if x), e.score, e.eligible,
                              e.reason, e.missing, values.get(e.submission_id, []))
                    for e, number, name, desa, rt, rw in rows]


def _entry_values(app: AppContext, session: Session, info: PriorityListInfo,
                  criteria: Sequence[Criterion], entries: Sequence[PriorityEntry]
                  ) -> dict[int, list[float | None]]:
    """Scored values per submission: the snapshot for frozen lists, live data for drafts."""
    if info.status != "draft":
        return {e.submission_id: json.loads(e.values_json or "[]") for e in entries}
    if not entries:
        return {}
    min_area = float(read_setting(app, MIN_AREA))
    out: dict[int, list[float | None]] = {}
    ids = [e.submission_id for e in entries]
    for start in range(0, len(ids), 900):
        rows = _fetch(session, info.category, info.scope, criteria, [], min_area, 0, 0,
                      ids=ids[start:start + 900], with_meta=False)
        for r in rows:
            out[int(r[0])] = [None if v is None else float(v) for v in r[1:]]
    return out


@dataclass(frozen=True)
class Explanation:
    submission_id: int
    number: str
    name: str
    rank: int | None
    score: float | None
    eligible: bool
    reason: str
    method: str
    contributions: list[Contribution]
    missing: list[str]
    ranked_count: int
    recomputed: float = 0.0  # the score from today's data; differs when data changed since

    @property
    def data_changed(self) -> bool:
        return self.eligible and self.score is not None and abs(self.recomputed - self.score) > 1e-9


def explain(app: AppContext, actor: Actor, list_id: int, submission_id: int) -> Explanation:
    """Why a submission stands where it does: each criterion's raw value, normalised value,
    weight and contribution."""
    info = get_list(app, actor, list_id)
    criteria = get_set(app, actor, info.criteria_set_id).criteria
    with unit_of_work(app, write=False) as session:
        snap = _snap_of(info)
        found = session.execute(snap.select(PriorityEntry, *snap.cols[:2]).where(
            PriorityEntry.list_id == list_id, PriorityEntry.submission_id == submission_id)
        ).first()
        if found is None:
            raise NotFound("Data ini tidak ada dalam daftar peringkat.")
        e, number, name = found
        params = json.loads(session.get(PriorityList, list_id).params_json or "{}")
        values = _entry_values(app, session, info, criteria, [e]).get(submission_id, [])
        rank_, score_, eligible, reason = e.rank, e.score, e.eligible, e.reason
    values = values or [None] * len(criteria)
    contributions, score = explain_values(info.method, criteria, info.weights, values, params)
    missing = [c.name for c, v in zip(criteria, values, strict=True) if v is None]
    return Explanation(submission_id, number, name, rank_, score_ if eligible else None,
                       eligible, reason, info.method, contributions, missing,
                       info.ranked_count, score)


# ---- Recap -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecapRow:
    code: str
    label: str
    submitted: int  # all submissions of the category in scope, any status
    verified: int  # ranked or listed apart
    eligible: int
    ineligible: int
    best_rank: int | None


def recap(app: AppContext, actor: Actor, list_id: int, level: str = "desa") -> list[RecapRow]:
    """Counts per desa/kelurahan, per RT/RW within desa, or per kecamatan."""
    info = get_list(app, actor, list_id)
    with unit_of_work(app, write=False) as session:
        names = regions.names(session)

        def keys(desa_col: Any, rt_col: Any, rw_col: Any) -> list[Any]:
            if level == "kecamatan":
                return [func.substr(desa_col, 1, 8)]
            if level == "rt":
                return [desa_col, rt_col, rw_col]
            return [desa_col]

        e = PriorityEntry
        snap = _snap_of(info)
        _n, _name, desa_col, rt_col, rw_col = snap.cols
        ek = keys(desa_col, rt_col, rw_col)
        entry_rows = session.execute(
            snap.select(*ek, func.count(),
                        func.sum(case((e.eligible == true(), 1), else_=0)), func.min(e.rank))
            .where(e.list_id == list_id).group_by(*ek)).all()
        s = Submission
        sk = keys(s.desa_code, s.rt, s.rw)
        stmt = select(*sk, func.count(s.id)).where(s.category == info.category)
        if info.scope.year:
            stmt = stmt.where(s.received_on >= date(info.scope.year, 1, 1),
                              s.received_on <= date(info.scope.year, 12, 31))
        if info.scope.desa_code:
            stmt = stmt.where(s.desa_code == info.scope.desa_code)
        elif info.scope.kecamatan_code:
            stmt = stmt.where(s.desa_code.like(info.scope.kecamatan_code + ".%"))
        sub_rows = session.execute(stmt.group_by(*sk)).all()
    width = len(ek)
    data: dict[tuple[Any, ...], list[Any]] = {}
    for r in sub_rows:
        data.setdefault(tuple(r[:width]), [0, 0, 0, None])[0] = int(r[width])
    for r in entry_rows:
        slot = data.setdefault(tuple(r[:width]), [0, 0, 0, None])
        slot[1], slot[2], slot[3] = int(r[width]), int(r[width + 1] or 0), r[width + 2]
    out = []
    for key, (submitted, verified, eligible, best) in data.items():
        code = key[0] or ""
        label = names.get(code, code)
        if level == "rt":
            label += f" RT {key[1] or '-'}/RW {key[2] or '-'}"
        out.append(RecapRow(code if level != "rt" else f"{code}|{key[1]}|{key[2]}", label,
                            submitted, verified, eligible, verified - eligible, best))
    return sorted(out, key=lambda r: r.label)


# ---- Comparing two lists ---------------------------------------------------------------------


@dataclass(frozen=True)
class Movement:
    submission_id: int
    number: str
    name: str
    rank_a: int | None
    rank_b: int | None
    in_a: bool = True
    in_b: bool = True

    @property
    def change(self) -> int | None:
        """Positive: moved up (a smaller rank number in B)."""
        if self.rank_a is None or self.rank_b is None:
            return None
        return self.rank_a - self.rank_b

    @property
    def label(self) -> str:
        if not self.in_a:
            return "Baru masuk"
        if not self.in_b:
            return "Keluar dari daftar"
        if self.rank_a is None and self.rank_b is None:
            return "Tetap tidak memenuhi syarat"
        if self.rank_a is None:
            return "Kini memenuhi syarat"
        if self.rank_b is None:
            return "Kini tidak memenuhi syarat"
        if self.change == 0:
            return "Tetap"
        return f"Naik {self.change}" if (self.change or 0) > 0 else f"Turun {-(self.change or 0)}"


def compare(app: AppContext, actor: Actor, list_a: int, list_b: int) -> list[Movement]:
    """Who moved up or down between list A (earlier) and list B, and by how much."""
    require(actor, Permission.RANKING_RUN)
    snaps = {i: _snap_of(get_list(app, actor, i)) for i in (list_a, list_b)}
    with unit_of_work(app, write=False) as session:
        def ranks(list_id: int) -> dict[int, tuple[int | None, str, str]]:
            snap = snaps[list_id]
            return {r[0]: (r[1], r[2], r[3]) for r in session.execute(
                snap.select(PriorityEntry.submission_id, PriorityEntry.rank,
                            *snap.cols[:2]).where(PriorityEntry.list_id == list_id))}

        a, b = ranks(list_a), ranks(list_b)
    out = []
    for sid in set(a) | set(b):
        ra = a.get(sid, (None, "", ""))
        rb = b.get(sid, (None, "", ""))
        out.append(Movement(sid, rb[1] or ra[1], rb[2] or ra[2], ra[0], rb[0], sid in a,
                            sid in b))
    big = 10 ** 12
    return sorted(out, key=lambda m: (m.rank_b if m.rank_b is not None else big,
                                      m.rank_a if m.rank_a is not None else big))


# ---- Whole lists for printing and export ------------------------------------------------------


def list_entries(app: AppContext, actor: Actor, list_id: int, *, eligible: bool | None = True,
                 limit: int | None = None) -> list[RankedRow]:
    source = RankedPageSource(app, actor, list_id)
    total = source.count(EntryFilter(eligible=eligible))
    want = total if limit is None else min(limit, total)
    out: list[RankedRow] = []
    while len(out) < want:
        out += source.fetch(EntryFilter(eligible=eligible), "rank", False, len(out),
                            min(5000, want - len(out)))
    return out


def method_text(method: str) -> list[str]:
    """Plain-language description of the method printed with every list and workbook."""
    if Method(method) is Method.SAW:
        lines = [
            "Metode: Simple Additive Weighting (SAW).",
            "Normalisasi kriteria benefit: nilai ÷ nilai terbesar; kriteria cost: nilai "
            "terkecil ÷ nilai.",
            "Skor = jumlah (bobot × nilai normal) seluruh kriteria; skor terbesar = prioritas 1.",
        ]
    else:
        lines = [
            "Metode: TOPSIS.",
            "Normalisasi: nilai ÷ akar jumlah kuadrat nilai kriteria; dikali bobot.",
            "Skor = D⁻ ÷ (D⁺ + D⁻), jarak ke solusi ideal positif (D⁺) dan negatif (D⁻).",
        ]
    return lines + ["Nilai pilihan (mis. tingkat kerusakan) diganti skornya sebelum dihitung.",
                    MISSING_RULE, TIE_RULE,
                    "Hanya usulan berstatus diverifikasi yang dinilai; yang tidak memenuhi syarat "
                    "dicantumkan terpisah beserta alasannya."]


def list_params(app: AppContext, actor: Actor, list_id: int) -> dict[str, list[float | None]]:
    """The normalisation numbers stored with a list (column max/min; TOPSIS ideal values)."""
    require(actor, Permission.RANKING_RUN)
    with unit_of_work(app, write=False) as session:
        pl = session.get(PriorityList, list_id)
        if pl is None:
            raise NotFound("Daftar prioritas tidak ditemukan.")
        return json.loads(pl.params_json or "{}")
