"""Priority lists: the user's working ranking (draft), frozen lists and their approval.

A draft is one user's working ranking for one category and is replaced by their next run; a
frozen list keeps a snapshot of every value it was ranked on and never changes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from desktop_app.core.domain.errors import ConflictError, NotFound, ValidationError
from desktop_app.core.domain.formatting import format_number
from desktop_app.core.domain.progress import Progress
from desktop_app.core.domain.roles import Permission
from desktop_app.core.services import audit, versions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.db.base import utcnow
from desktop_app.db.engine import positional_insert_sql
from desktop_app.intake.models import Submission
from desktop_app.ranking.domain.inputs import layout_for
from desktop_app.ranking.domain.lists import ListStatus, RankScope
from desktop_app.ranking.domain.methods import Method, normalisation_params
from desktop_app.ranking.domain.working import WorkingList
from desktop_app.ranking.models import CriteriaSet, PriorityEntry, PriorityList, WorkingRanking
from desktop_app.ranking.services import criteria_sets, inputs
from desktop_app.ranking.services.computation import Computation, compute_in
from desktop_app.ranking.services.reading import NAME_EXPR


@dataclass(frozen=True)
class PriorityListInfo:
    id: int
    category: str
    status: ListStatus
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
    number: int | None = None  # "daftar no. N" of a frozen list
    version: int = 1  # as loaded; approving sends it back (changed since: refused)

    @property
    def status_label(self) -> str:
        return self.status.label

    @property
    def method_label(self) -> str:
        return Method(self.method).label

    @property
    def is_draft(self) -> bool:
        return self.status is ListStatus.DRAFT


def list_info(session: Session, pl: PriorityList) -> PriorityListInfo:
    cs = session.get(CriteriaSet, pl.criteria_set_id)
    scope = RankScope(**json.loads(pl.scope_json or "{}"))
    return PriorityListInfo(
        pl.id, pl.category, ListStatus(pl.status), pl.title, pl.method, pl.criteria_set_id,
        f"{cs.name} (versi {cs.version})" if cs else "", scope, pl.ranked_count,
        pl.ineligible_count, pl.created_at, pl.created_by_name, pl.frozen_at, pl.approved_at,
        pl.approved_by_name, pl.approval_note, json.loads(pl.weights_json or "[]"), pl.number,
        pl.version)


LIST_LABELS = {"status": "Status", "note": "Catatan persetujuan", "title": "Judul"}


def load_list(session: Session, list_id: int) -> PriorityListInfo:
    pl = session.get(PriorityList, list_id)
    if pl is None:
        raise NotFound("Daftar prioritas tidak ditemukan.")
    return list_info(session, pl)


def list_params(session: Session, list_id: int) -> dict[str, list[float | None]]:
    """The normalisation numbers stored with a list (column max/min; TOPSIS ideal values)."""
    pl = session.get(PriorityList, list_id)
    if pl is None:
        raise NotFound("Daftar prioritas tidak ditemukan.")
    params: dict[str, list[float | None]] = json.loads(pl.params_json or "{}")
    return params


def _own_drafts(actor: Actor, category: str) -> Any:
    return select(PriorityList).where(
        PriorityList.status == ListStatus.DRAFT.value, PriorityList.category == category,
        PriorityList.created_by_id.is_(None) if actor.user_id is None
        else PriorityList.created_by_id == actor.user_id)


def _replace_drafts(session: Session, actor: Actor, category: str) -> None:
    old = list(session.scalars(_own_drafts(actor, category).with_only_columns(PriorityList.id)))
    if old:
        session.execute(delete(WorkingRanking).where(WorkingRanking.list_id.in_(old)))
        session.execute(delete(PriorityEntry).where(PriorityEntry.list_id.in_(old)))
        session.execute(delete(PriorityList).where(PriorityList.id.in_(old)))


def _store_entries(session: Session, list_id: int, comp: Computation,
                   progress: Progress | None) -> None:
    """A frozen list row by row, with every value it was ranked on and a snapshot of number,
    name, desa and RT/RW (copied from the submissions by one UPDATE)."""
    import numpy as np

    result = comp.result
    order = result.order
    ids, scores = result.ids[order].tolist(), result.scores[order].tolist()
    values = result.values[order]
    keys = [c.key for c in comp.criteria]
    missing = {int(i): ",".join(keys[j] for j in np.flatnonzero(np.isnan(values[i])))
               for i in np.flatnonzero(np.isnan(values).any(axis=1))} if len(ids) else {}
    value_list = values.tolist()

    def as_json(row: list[float]) -> str:
        return json.dumps([v if v == v else None for v in row])

    cols = ["list_id", "submission_id", "rank", "score", "eligible", "reason", "missing",
            "number", "name", "desa_code", "values_json"]
    conn = session.connection()
    sql = positional_insert_sql(conn, PriorityEntry.__tablename__, cols)
    n, batch = len(ids), 50_000
    for start in range(0, n, batch):
        stop = min(start + batch, n)
        conn.exec_driver_sql(sql, [
            (list_id, ids[i], i + 1, scores[i], True, "", missing.get(i, ""), "", "", "",
             as_json(value_list[i])) for i in range(start, stop)])
        if progress:
            progress(stop, n, "Menyimpan daftar…")
    if len(comp.ineligible_ids):
        conn.exec_driver_sql(sql, [
            (list_id, sid, None, None, False, reason, "", "", "", "", as_json(row))
            for (sid, reason), row in zip(comp.ineligible, comp.ineligible_values.tolist(),
                                          strict=True)])
    s = Submission
    session.execute(
        update(PriorityEntry)
        .where(PriorityEntry.list_id == list_id, PriorityEntry.submission_id == s.id)
        .values(number=s.number, name=NAME_EXPR, desa_code=s.desa_code, rt=s.rt, rw=s.rw)
        .execution_options(synchronize_session=False))


def store(session: Session, actor: Actor, comp: Computation, status: ListStatus, title: str,
          progress: Progress | None = None) -> PriorityListInfo:
    """Keep a computed ranking as a list: a draft (one blob of arrays) replaces the user's
    previous draft; a frozen list is numbered and stored row by row."""
    result = comp.result
    frozen = status is not ListStatus.DRAFT
    if not frozen:
        _replace_drafts(session, actor, comp.category)
    number = (session.scalar(select(func.max(PriorityList.number))) or 0) + 1 if frozen \
        else None
    pl = PriorityList(
        category=comp.category, status=status.value, title=title, method=comp.method.value,
        criteria_set_id=comp.criteria_set.id, scope_json=json.dumps(comp.scope.as_dict()),
        params_json=json.dumps(normalisation_params(result)),
        weights_json=json.dumps([float(w) for w in result.weights]),
        ranked_count=len(result.ids), ineligible_count=len(comp.ineligible_ids),
        created_by_id=actor.user_id, created_by_name=actor.full_name,
        frozen_at=utcnow() if frozen else None, number=number)
    session.add(pl)
    session.flush()
    if frozen:
        _store_entries(session, pl.id, comp, progress)
    else:
        session.add(WorkingRanking(list_id=pl.id, data=comp.working_list().to_bytes()))
    n = len(result.ids)
    audit.record(session, actor, "freeze" if frozen else "rank", "priority_list", pl.id,
                 after={"category": comp.category, "method": comp.method.value,
                        "criteria_set_id": comp.criteria_set.id, "ranked": n,
                        "ineligible": len(comp.ineligible_ids), "title": title,
                        "number": number, "scope": comp.scope.as_dict()},
                 summary=(f"Daftar prioritas no. {number} dibekukan: {title}" if frozen else
                          f"Peringkat {comp.category} dihitung ({format_number(n)} data)"))
    return list_info(session, pl)


def load_working(session: Session, list_id: int) -> WorkingList:
    data = session.scalar(select(WorkingRanking.data).where(WorkingRanking.list_id == list_id))
    if data is None:
        raise NotFound("Peringkat kerja ini sudah diganti; hitung ulang peringkat.")
    return WorkingList.from_bytes(data)


def run_ranking(app: AppContext, actor: Actor, category: str, method: Method | str = Method.SAW,
                criteria_set_id: int | None = None, scope: RankScope | None = None,
                progress: Progress | None = None) -> PriorityListInfo:
    """Rank now and keep the result as this user's working (draft) list for the category.

    Read first (a read transaction: other desks keep writing), then one short write
    transaction keeps the list; then the input records computed for this ranking are cached
    for the next one (``inputs.refresh``, in short write transactions of their own)."""
    require(actor, Permission.RANKING_RUN)
    if criteria_set_id is None:  # the default set, created on first use (a write)
        criteria_set_id = criteria_sets.active_set(app, actor, category).id
    with unit_of_work(app, write=False) as session:
        comp = compute_in(session, actor, category, method, criteria_set_id,
                          scope or RankScope(), progress)
    with unit_of_work(app) as session:
        info = store(session, actor, comp, ListStatus.DRAFT, "", progress)
    if len(comp.uncached):
        inputs.refresh(app, layout_for(category), comp.uncached, progress)
    return info


def freeze(app: AppContext, actor: Actor, draft_id: int, title: str,
           progress: Progress | None = None) -> PriorityListInfo:
    """Freeze a ranking as a numbered, dated priority list: ranked again from the data as it is
    now with the draft's method, criteria version and scope, and stored with every value."""
    require(actor, Permission.RANKING_FREEZE)
    if not title.strip():
        raise ValidationError("Judul daftar prioritas wajib diisi.",
                              field_errors={"title": "Judul wajib diisi"})
    with unit_of_work(app) as session:
        draft = load_list(session, draft_id)
        comp = compute_in(session, actor, draft.category, draft.method, draft.criteria_set_id,
                          draft.scope, progress)
        return store(session, actor, comp, ListStatus.FROZEN, title.strip(), progress)


def approve(app: AppContext, actor: Actor, list_id: int, note: str = "", *,
            version: int | None = None) -> PriorityListInfo:
    """``version``: the list's version the screen showed; changed since on another desk (e.g.
    approved there), refused with RecordChangedError naming who and when."""
    require(actor, Permission.RANKING_APPROVE)
    with unit_of_work(app) as session:
        pl = session.get(PriorityList, list_id)
        if pl is None:
            raise NotFound("Daftar prioritas tidak ditemukan.")
        versions.check(session, pl, version, entity="priority_list", labels=LIST_LABELS,
                       what=f"Daftar prioritas no. {pl.number} «{pl.title}»")
        if pl.status != ListStatus.FROZEN.value:
            raise ConflictError("Hanya daftar yang sudah dibekukan dan belum disetujui yang "
                                "dapat disetujui.")
        pl.status = ListStatus.APPROVED.value
        pl.approved_at = utcnow()
        pl.approved_by_id = actor.user_id
        pl.approved_by_name = actor.full_name
        pl.approval_note = note.strip()
        session.flush()
        audit.record(session, actor, "approve", "priority_list", pl.id,
                     before={"status": ListStatus.FROZEN.value},
                     after={"status": ListStatus.APPROVED.value, "note": note,
                            "version": pl.version},
                     summary=f"Daftar prioritas disetujui: {pl.title}")
        return list_info(session, pl)


def get_list(app: AppContext, actor: Actor, list_id: int) -> PriorityListInfo:
    require(actor, Permission.RANKING_RUN)
    with unit_of_work(app, write=False) as session:
        return load_list(session, list_id)


def current_draft(app: AppContext, actor: Actor, category: str) -> PriorityListInfo | None:
    require(actor, Permission.RANKING_RUN)
    with unit_of_work(app, write=False) as session:
        pl = session.scalar(_own_drafts(actor, category)
                            .order_by(PriorityList.id.desc()).limit(1))
        return list_info(session, pl) if pl else None


def frozen_lists(app: AppContext, actor: Actor, category: str | None = None
                 ) -> list[PriorityListInfo]:
    require(actor, Permission.RANKING_RUN)
    with unit_of_work(app, write=False) as session:
        stmt = select(PriorityList).where(PriorityList.status != ListStatus.DRAFT.value)
        if category:
            stmt = stmt.where(PriorityList.category == category)
        return [list_info(session, pl)
                for pl in session.scalars(stmt.order_by(PriorityList.id.desc()))]
