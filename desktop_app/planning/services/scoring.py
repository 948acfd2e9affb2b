"""Scoring and ranking a tier with the ranking engine's maths, then UTAMA until the ceiling is
reached and CADANGAN after it; criteria sets (versioned) for physical and non-physical
proposals; moving an item between UTAMA and CADANGAN by hand."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Float, Table, case, func, or_, select, update
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Session

from desktop_app.core.domain.errors import ConflictError, ValidationError
from desktop_app.core.domain.formatting import format_rupiah
from desktop_app.core.domain.progress import Progress, no_progress
from desktop_app.core.domain.roles import Permission
from desktop_app.core.services import audit, versions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.db.base import utcnow
from desktop_app.db.engine import TEXTS_CLEAN
from desktop_app.planning.domain.criteria import (
    DEFAULT_CRITERIA,
    Columns,
    ProposalKind,
    RankedColumns,
    check_criteria,
    criteria_from_json,
    criteria_to_json,
    rank_columns,
)
from desktop_app.planning.domain.labels import PriorityTier, ScreeningVerdict
from desktop_app.planning.domain.priority import can_promote, main_count
from desktop_app.planning.models import PlanningCriteriaSet, PlanningProposal, TierResult
from desktop_app.planning.services import frame
from desktop_app.planning.services.common import add_event
from desktop_app.planning.services.locking import CRITERIA_LABELS, SCREENING_LABELS
from desktop_app.planning.services.rembuk import counts_of, open_rembuk
from desktop_app.ranking.domain.methods import Criterion, Method

# ---- Criteria sets --------------------------------------------------------------------------


@dataclass(frozen=True)
class CriteriaSetInfo:
    id: int
    kind: str
    version: int
    name: str
    criteria: list[Criterion]
    active: bool
    created_at: datetime
    created_by_name: str

    @property
    def label(self) -> str:
        return f"{self.name} (versi {self.version})"


def _set_info(s: PlanningCriteriaSet) -> CriteriaSetInfo:
    return CriteriaSetInfo(s.id, s.kind, s.version, s.name, criteria_from_json(s.criteria_json),
                           s.active, s.created_at, s.created_by_name)


def active_set(session: Session, kind: ProposalKind) -> PlanningCriteriaSet:
    """The active set of a kind; the default one is created the first time it is needed."""
    row = session.scalar(select(PlanningCriteriaSet).where(
        PlanningCriteriaSet.kind == kind.value, PlanningCriteriaSet.active.is_(True))
        .order_by(PlanningCriteriaSet.version.desc()).limit(1))
    if row is None:
        row = PlanningCriteriaSet(kind=kind.value, version=1,
                                  name=f"Bawaan usulan {kind.label.lower()}",
                                  criteria_json=criteria_to_json(DEFAULT_CRITERIA[kind]),
                                  active=True, created_by_name="Sistem")
        session.add(row)
        session.flush()
    return row


def list_sets(app: AppContext, actor: Actor, kind: str) -> list[CriteriaSetInfo]:
    require(actor, Permission.PLANNING_VIEW)
    with unit_of_work(app) as session:
        active_set(session, ProposalKind(kind))
        return [_set_info(s) for s in session.scalars(select(PlanningCriteriaSet).where(
            PlanningCriteriaSet.kind == kind).order_by(PlanningCriteriaSet.version.desc()))]


def current_sets(app: AppContext, actor: Actor) -> dict[ProposalKind, CriteriaSetInfo]:
    require(actor, Permission.PLANNING_VIEW)
    with unit_of_work(app) as session:
        return {kind: _set_info(active_set(session, kind)) for kind in ProposalKind}


def save_set(app: AppContext, actor: Actor, kind: str, name: str,
             criteria: Sequence[Criterion], *, based_on: int | None = None) -> CriteriaSetInfo:
    """Save as the next version and make it the active set of its kind. ``based_on``: the
    version of the active set the page showed (another desk saved one since: refused)."""
    require(actor, Permission.PLANNING_FRAME)
    kind_enum = ProposalKind(kind)
    problems = check_criteria(criteria)
    if not name.strip():
        problems.insert(0, "Nama himpunan kriteria wajib diisi.")
    if problems:
        raise ValidationError("\n".join(problems))
    with unit_of_work(app) as session:
        shown = active_set(session, kind_enum)
        versions.check(session, shown, based_on, entity="planning_criteria_set",
                       what=f"Kriteria usulan {kind_enum.label.lower()}", labels=CRITERIA_LABELS)
        last = session.scalar(select(func.max(PlanningCriteriaSet.version)).where(
            PlanningCriteriaSet.kind == kind)) or 0
        session.execute(update(PlanningCriteriaSet).where(PlanningCriteriaSet.kind == kind)
                        .values(active=False))
        row = PlanningCriteriaSet(kind=kind, version=last + 1, name=name.strip(),
                                  criteria_json=criteria_to_json(criteria), active=True,
                                  created_by_name=actor.full_name)
        session.add(row)
        session.flush()
        audit.record(session, actor, "create", "planning_criteria_set", row.id,
                     after={"kind": kind, "version": row.version, "name": row.name,
                            "criteria": json.loads(row.criteria_json)},
                     summary=f"Kriteria usulan {kind_enum.label.lower()} versi {row.version}")
        return _set_info(row)


# ---- Ranking a tier -------------------------------------------------------------------------


@dataclass(frozen=True)
class RankSummary:
    ranked: int
    ceiling: int | None
    main_count: int
    main_cost: int
    reserve_count: int
    reserve_cost: int

    @property
    def remaining(self) -> int | None:
        return None if self.ceiling is None else self.ceiling - self.main_cost

    @property
    def text(self) -> str:
        if self.ceiling is None:
            return f"{self.ranked} usulan diperingkat (pagu indikatif belum diisi)."
        return (f"{self.ranked} usulan diperingkat: UTAMA {self.main_count} "
                f"({format_rupiah(self.main_cost)}), CADANGAN {self.reserve_count} "
                f"({format_rupiah(self.reserve_cost)}); sisa pagu "
                f"{format_rupiah(self.remaining)} dari {format_rupiah(self.ceiling)}.")


DERIVED_SOURCES = frozenset({"coverage", "cost_score", "cost", "beneficiaries"})


def _entered(session: Session, key: str) -> Any:
    """One entered criterion read out of ``scores_json`` in SQL: the number, or NULL where it
    is missing or not a number (counted as missing, as in the one-by-one values)."""
    text = func.nullif(TierResult.scores_json, "")
    if session.get_bind().dialect.name == "postgresql":
        doc = text.cast(JSONB)
        return case((func.jsonb_typeof(doc[key]) == "number", doc[key].astext.cast(Float)))
    path = f'$."{key}"'
    return case((func.json_type(text, path).in_(("integer", "real")),
                 func.json_extract(text, path)))


def _read_columns(session: Session, r: Any, keys: Sequence[str]) -> tuple[Columns, Any]:
    """The tier's passed usulan as columns in one query, plus what each row holds now
    (score, rank, UTAMA/CADANGAN, moved by hand) so that only changed rows are written."""
    import numpy as np

    t = TierResult
    rows = session.connection().execute(
        select(t.id, t.cost, PlanningProposal.physical, PlanningProposal.coverage,
               PlanningProposal.beneficiaries, t.score, t.rank, t.priority_tier, t.tier_manual,
               *(_entered(session, k) for k in keys))
        .join(PlanningProposal, PlanningProposal.id == t.proposal_id)
        .where(t.year == r.year, t.level == r.level, t.region_code == r.region_code,
               t.verdict == ScreeningVerdict.PASSED.value)).all()
    cols = list(zip(*rows, strict=True)) if rows else [()] * (9 + len(keys))
    # None becomes NaN in a float array
    columns = Columns(np.array(cols[0], dtype=np.int64), np.array(cols[2], dtype=bool),
                      np.array(cols[1], dtype=np.int64), list(cols[3]),
                      np.array(cols[4], dtype=float),
                      {k: np.array(cols[9 + j], dtype=float) for j, k in enumerate(keys)})
    stored = dict(zip(cols[0], zip(cols[5], cols[6], cols[7], cols[8], strict=True),
                      strict=True))
    return columns, stored


def _store_ranks(session: Session, r: Any, ranked: RankedColumns, main: int | None,
                 stored: dict[int, tuple[Any, ...]]) -> None:
    """Clear the ranking of the tier's rows that are not passed (one UPDATE) and write each
    passed row whose score, rank or UTAMA/CADANGAN changed (one executemany, Core)."""
    t = cast(Table, TierResult.__table__)
    session.connection().execute(
        update(t).where(t.c.year == r.year, t.c.level == r.level,
                        t.c.region_code == r.region_code,
                        func.coalesce(t.c.verdict, "") != ScreeningVerdict.PASSED.value,
                        or_(t.c.score.is_not(None), t.c.rank.is_not(None),
                            t.c.priority_tier.is_not(None), t.c.tier_manual.is_(True)))
        .values(score=None, rank=None, priority_tier=None, tier_manual=False))
    main_value, reserve_value = PriorityTier.MAIN.value, PriorityTier.RESERVE.value
    rows = []
    for rank, (row_id, score) in enumerate(zip(ranked.ids.tolist(), ranked.scores.tolist(),
                                               strict=True), start=1):
        tier = None if main is None else main_value if rank <= main else reserve_value
        if stored[row_id] != (score, rank, tier, False):
            rows.append((score, rank, tier, False, row_id))
    if not rows:
        return
    # Driver-level executemany through Core: a compiled update() with bind parameters builds
    # a parameter dict per row (twice the time of the write itself for ten thousand rows).
    connection = session.connection()
    marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    c = t.c
    sql = (f"UPDATE {t.name} SET {c.score.name} = {marker}, {c.rank.name} = {marker}, "
           f"{c.priority_tier.name} = {marker}, {c.tier_manual.name} = {marker} "
           f"WHERE {c.id.name} = {marker}")
    # numbers and two fixed words: no text to check for control characters
    connection.execution_options(**{TEXTS_CLEAN: True}).exec_driver_sql(sql, rows)


def rank_rembuk(app: AppContext, actor: Actor, rembuk_id: int,
                method: Method | str = Method.SAW,
                progress: Progress = no_progress) -> RankSummary:
    """Rank the passed usulan of a rembuk and split them by its ceiling (manual moves made
    earlier are replaced by the split). The criterion values are read as columns in one
    query, scored and split in numpy, and the changed rows written in one executemany."""
    require(actor, Permission.PLANNING_SCREEN)
    method = Method(method)
    with unit_of_work(app) as session:
        r = open_rembuk(session, rembuk_id)
        sets = {kind: active_set(session, kind) for kind in ProposalKind}
        criteria = {k: criteria_from_json(s.criteria_json) for k, s in sets.items()}
        keys = sorted({c.source or c.key for cs in criteria.values() for c in cs}
                      - DERIVED_SOURCES)
        progress(0, 3, "Membaca usulan yang lolos…")
        columns, stored = _read_columns(session, r, keys)
        progress(1, 3, "Menghitung skor…")
        ranked = rank_columns(columns, criteria, method)
        ceiling = frame.ceiling_of(session, r.year, r.region_code)
        main = main_count(ranked.costs, ceiling) if ceiling is not None else None
        progress(2, 3, "Menyimpan peringkat…")
        _store_ranks(session, r, ranked, main, stored)
        r.method = method.value
        r.ceiling = ceiling
        r.ranked_at = utcnow()
        r.ranked_with_json = json.dumps({k.value: {"id": s.id, "version": s.version,
                                                   "name": s.name} for k, s in sets.items()})
        n = len(ranked.ids)
        main_cost = int(ranked.costs[:main].sum()) if main else 0
        reserve_cost = int(ranked.costs[main:].sum()) if main is not None else 0
        summary = RankSummary(n, ceiling, main or 0, main_cost,
                              n - main if main is not None else 0, reserve_cost)
        audit.record(session, actor, "rank", "planning_rembuk", r.id,
                     after={"method": method.value, "ranked": n, "ceiling": ceiling,
                            "main": summary.main_count, "reserve": summary.reserve_count},
                     summary=f"Peringkat rembuk #{r.id}: {summary.text}")
        progress(3, 3, "Selesai")
        return summary


def move_tier(app: AppContext, actor: Actor, rembuk_id: int, proposal_id: int,
              target: PriorityTier | str, note: str = "", *,
              version: int | None = None) -> None:
    """CADANGAN → UTAMA only when the remaining ceiling covers the cost; UTAMA → CADANGAN
    always (it frees ceiling). Recorded as a manual move with the reason. ``version``: the
    usulan's version the screening table showed (moved, screened or corrected meanwhile on
    another desk: refused, as a verdict is)."""
    require(actor, Permission.PLANNING_SCREEN)
    target = PriorityTier(target)
    with unit_of_work(app) as session:
        r = open_rembuk(session, rembuk_id)
        found = session.execute(select(TierResult, PlanningProposal).join(
            PlanningProposal, PlanningProposal.id == TierResult.proposal_id).where(
            TierResult.proposal_id == proposal_id, TierResult.level == r.level)).first()
        if found is not None and version is not None and found[1].version != version:
            # screened again or moved elsewhere: who changed what, from the tier's audit rows
            raise versions.changed_error(session, "planning_tier_result", found[0].id, version,
                                         f"Prioritas usulan {found[1].number}",
                                         SCREENING_LABELS)
        if found is None or found[0].verdict != ScreeningVerdict.PASSED.value \
                or found[0].rank is None:
            raise ConflictError("Hanya usulan yang lolos dan sudah diperingkat yang dapat "
                                "dipindah antara UTAMA dan CADANGAN.")
        t, p = found
        if t.priority_tier == target.value:
            return
        ceiling = frame.ceiling_of(session, r.year, r.region_code)
        if target is PriorityTier.MAIN and ceiling is not None:
            remaining = ceiling - counts_of(session, r.year, r.level, r.region_code).main_cost
            if not can_promote(int(t.cost), remaining):
                raise ConflictError(
                    f"Sisa pagu {format_rupiah(remaining)} tidak cukup untuk usulan ini "
                    f"({format_rupiah(t.cost)}). Pindahkan dahulu usulan UTAMA lain ke "
                    "CADANGAN bila disepakati.")
        before = t.priority_tier
        t.priority_tier, t.tier_manual = target.value, True
        p.version += 1
        add_event(session, actor, p.id, "tier",
                  f"Dipindah ke {target.label} secara manual" + (f": {note}" if note else "."),
                  r.level)
        audit.record(session, actor, "update", "planning_tier_result", t.id,
                     before={"priority_tier": before},
                     after={"priority_tier": target.value, "version": p.version},
                     summary=f"{p.number} dipindah ke {target.label}. {note}".strip())
