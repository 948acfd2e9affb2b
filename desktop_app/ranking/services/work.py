"""The ranking's part of the Beranda: frozen priority lists waiting for the pimpinan."""

from __future__ import annotations

from sqlalchemy import func, select

from desktop_app.core.domain.roles import Permission
from desktop_app.core.domain.work import ModuleCount, Target, WorkGroup, WorkItem
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.ranking.domain.lists import ListStatus
from desktop_app.ranking.models import PriorityList

MODULE = "Peringkat"


def work_items(app: AppContext, actor: Actor) -> list[WorkItem]:
    """Frozen lists not yet approved: waiting for whoever approves them."""
    require(actor, Permission.RANKING_RUN)
    if not actor.can(Permission.RANKING_APPROVE):
        return []
    with unit_of_work(app, write=False) as session:
        rows = session.execute(
            select(PriorityList.id, PriorityList.number, PriorityList.title)
            .where(PriorityList.status == ListStatus.FROZEN.value)
            .order_by(PriorityList.number))
        return [WorkItem(WorkGroup.WAITING, MODULE, "Daftar prioritas menunggu persetujuan",
                         f"Daftar no. {r.number} · {r.title}", None, Target.PRIORITY_LIST, r.id)
                for r in rows]


def module_counts(app: AppContext, actor: Actor) -> list[ModuleCount]:
    require(actor, Permission.RANKING_RUN)
    with unit_of_work(app, write=False) as session:
        by_status: dict[str, int] = {r[0]: r[1] for r in session.execute(
            select(PriorityList.status, func.count()).group_by(PriorityList.status))}
    return [
        ModuleCount(MODULE, "Daftar menunggu persetujuan",
                    by_status.get(ListStatus.FROZEN.value, 0)),
        ModuleCount(MODULE, "Daftar disetujui", by_status.get(ListStatus.APPROVED.value, 0)),
    ]
