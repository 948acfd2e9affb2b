"""Reading criterion values and hard-rule flags from the submissions table, in SQL.

A criterion's source is a submission column (numeric columns as they are, choice and yes/no
columns through their score table) or a derived value; every selected value is a number, so a
million rows convert to one numpy matrix. Any numeric or choice field that intake declares
(``intake.domain.submissions.fields_for``) and stores in a column of the same name is a source
without a change here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from sqlalchemy import and_, case, exists, false, func, literal, or_, select, true
from sqlalchemy.orm import Session

from desktop_app.core.domain.errors import ValidationError
from desktop_app.intake.domain.submissions import BAD_CONDITION, Status
from desktop_app.intake.models import StatusChange, Submission
from desktop_app.ranking.domain.criteria import RULES
from desktop_app.ranking.domain.inputs import (
    InputLayout,
    by_id,
    criterion_values,
    decode,
    layout_for,
    rule_flags,
)
from desktop_app.ranking.domain.lists import RankScope
from desktop_app.ranking.domain.methods import Criterion
from desktop_app.ranking.services.inputs import read_records, received_key

# The name a list shows: the household head (RTLH), the road (jalan/drainase), else the reporter.
NAME_EXPR = func.coalesce(Submission.household_head, Submission.road_name,
                          Submission.reporter_name)


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


def flag(cond: Any) -> Any:
    return case((cond, 1), else_=0)


def failed_criteria_expr(min_area: float) -> Any:
    """How many RTLH criteria a house fails: the intake rule (``failed_rtlh_criteria``) in SQL."""
    s = Submission
    bad = tuple(BAD_CONDITION)
    return (
        flag(s.structure_condition.in_(bad)) + flag(s.roof_condition.in_(bad))
        + flag(s.wall_condition.in_(bad)) + flag(s.floor_condition.in_(bad))
        + flag(or_(s.ventilation_ok == false(), s.lighting_ok == false()))
        + flag(or_(s.toilet.in_(("Tidak ada jamban", "Jamban bersama/umum")),
                   s.septic_tank == false()))
        + flag(s.water_source.in_(("Sumur gali tidak terlindungi", "Air sungai/hujan")))
        + flag(_ratio(s.floor_area, s.occupants) < min_area)
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


def assessed() -> Any:
    """Who is ranked (docs/ranking.md): field-verified submissions that are still open —
    status *diverifikasi*, or *ditindaklanjuti* when the disposition followed the verification
    (a disposition routes a verified usulan to a seksi, often "masukkan ke daftar prioritas";
    it must not drop it from the ranking). A case disposed without verification, returned,
    rejected or closed is not ranked."""
    s = Submission
    disposed_after_verification = exists().where(
        StatusChange.submission_id == s.id,
        StatusChange.from_status == Status.DIVERIFIKASI.value,
        StatusChange.to_status == Status.DITINDAKLANJUTI.value)
    # The IN first lets the database walk the (status, category) index alone.
    return and_(s.status.in_((Status.DIVERIFIKASI.value, Status.DITINDAKLANJUTI.value)),
                or_(s.status == Status.DIVERIFIKASI.value,
                    and_(s.status == Status.DITINDAKLANJUTI.value,
                         disposed_after_verification)))


def in_scope(stmt: Any, category: str, scope: RankScope) -> Any:
    """Limit a statement over submissions to those ranked: assessed, of the category and
    scope."""
    stmt = stmt.where(assessed(), Submission.category == category)
    return in_region_and_year(stmt, scope)


def in_region_and_year(stmt: Any, scope: RankScope) -> Any:
    if scope.year:
        stmt = stmt.where(Submission.received_on >= date(scope.year, 1, 1),
                          Submission.received_on <= date(scope.year, 12, 31))
    if scope.desa_code:
        stmt = stmt.where(Submission.desa_code == scope.desa_code)
    elif scope.kecamatan_code:
        stmt = stmt.where(Submission.desa_code.like(scope.kecamatan_code + ".%"))
    return stmt


@dataclass
class ValueMatrix:
    """The inputs of one ranking, column by column, in the order of the submissions' ids."""

    ids: np.ndarray  # int64
    received: np.ndarray  # float64: a number that orders by date received
    income: np.ndarray  # float64, NaN when unknown (the RTLH tie key)
    values: np.ndarray  # float64 (n, m), NaN when missing
    flags: np.ndarray  # bool (n, k): fails hard rule k
    # Submissions whose cached input record was missing and computed for this read: stored
    # by ``inputs.refresh`` after the ranking (empty when every record was cached).
    uncached: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))


CHUNK = 50_000


def read_matrix(session: Session, category: str, scope: RankScope,
                criteria: Sequence[Criterion], rules: Sequence[Mapping[str, Any]],
                min_area: float, umk: float, year: int) -> ValueMatrix:
    """Every ranked submission's values and rule flags, straight into numpy: from the cached
    input records (``inputs.py``) when every criterion and rule can be computed from them,
    else by SQL expressions."""
    layout = layout_for(category)
    empty = decode(layout, b"")
    if _from_records(empty, layout, criteria, rules, min_area, umk, year) is None:
        return read_by_expressions(session, category, scope, criteria, rules, min_area, umk,
                                   year)
    records, uncached = read_records(session, layout,
                                     lambda stmt: in_scope(stmt, category, scope))
    matrix = _from_records(records, layout, criteria, rules, min_area, umk, year)
    assert matrix is not None
    matrix.uncached = uncached
    return matrix


def _from_records(records: np.ndarray, layout: InputLayout, criteria: Sequence[Criterion],
                  rules: Sequence[Mapping[str, Any]], min_area: float, umk: float,
                  year: int) -> ValueMatrix | None:
    n = len(records)
    values = np.empty((n, len(criteria)), dtype=np.float64)
    for j, c in enumerate(criteria):
        column = criterion_values(records, layout, c, min_area)
        if column is None:
            return None
        values[:, j] = column
    flags = np.empty((n, len(rules)), dtype=bool)
    for j, rule in enumerate(rules):
        column = rule_flags(records, layout, rule, year=year, umk=umk)
        if column is None:
            return None
        flags[:, j] = column
    income = (records["monthly_income"].astype(np.float64) if layout.has("monthly_income")
              else np.full(n, np.nan))
    return ValueMatrix(records["id"].astype(np.int64), records["received"].astype(np.float64),
                       income, values, flags)


def read_by_expressions(session: Session, category: str, scope: RankScope,
                        criteria: Sequence[Criterion], rules: Sequence[Mapping[str, Any]],
                        min_area: float, umk: float, year: int) -> ValueMatrix:
    """Every ranked submission's values and rule flags in one SELECT of SQL expressions (when
    a criterion cannot be computed from the cached records, e.g. a score for a text that is
    not a declared choice).

    Every selected column is a number (choices and derived values are CASE expressions), rows
    are read in chunks into one preallocated float matrix (no per-row objects kept), and no
    ORDER BY: the tie keys (date received, id) are columns, ordered later by ``lexsort``."""
    s = Submission
    m, k = len(criteria), len(rules)
    columns = [s.id, received_key(session), s.monthly_income,
               *[source_expr(c, min_area) for c in criteria],
               *[flag(rule_expr(r, year=year, umk=umk)) for r in rules]]
    count = int(session.scalar(in_scope(select(func.count()).select_from(s), category,
                                        scope)) or 0)
    out = np.empty((count, len(columns)), dtype=np.float64)
    filled = 0
    # Plain DBAPI rows: skipping SQLAlchemy's row objects saves a third of the time.
    result = session.connection().execute(in_scope(select(*columns), category, scope))
    try:
        cursor = result.cursor
        while rows := cursor.fetchmany(CHUNK):
            chunk = np.array(rows, dtype=np.float64)  # None → NaN
            if filled + len(chunk) > len(out):  # rows added since the count
                out = np.concatenate([out, np.empty_like(chunk)])
            out[filled:filled + len(chunk)] = chunk
            filled += len(chunk)
    finally:
        result.close()
    out = by_id(out[:filled], (slice(None), 0))
    return ValueMatrix(out[:, 0].astype(np.int64), out[:, 1], out[:, 2],
                       out[:, 3:3 + m], out[:, 3 + m:3 + m + k] > 0)


def value_columns(criteria: Sequence[Criterion], min_area: float) -> list[Any]:
    """The SQL expression of each criterion's scored value (built once per table shown: the
    choice scores' CASE expressions take longer to build than a page takes to read)."""
    return [source_expr(c, min_area) for c in criteria]


def _values_of(session: Session, columns: Sequence[Any], ids: Sequence[int]) -> list[Any]:
    s = Submission
    stmt = select(s.id, *columns).where(s.id.in_(ids))
    result = session.connection().execute(stmt)
    try:
        return list(result.cursor.fetchall())
    finally:
        result.close()


def live_values(session: Session, criteria: Sequence[Criterion], min_area: float,
                ids: Sequence[int], columns: Sequence[Any] | None = None
                ) -> dict[int, list[float | None]]:
    """Today's scored values of the given submissions (a working list shows live data);
    ``columns``: ``value_columns(criteria, min_area)`` built before."""
    if columns is None:
        columns = value_columns(criteria, min_area)
    out: dict[int, list[float | None]] = {}
    ids = [int(i) for i in ids]
    for start in range(0, len(ids), 900):
        for r in _values_of(session, columns, ids[start:start + 900]):
            out[int(r[0])] = [None if v is None else float(v) for v in r[1:]]
    return out
