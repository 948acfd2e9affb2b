"""Comparing two lists: who moved up or down between list A (earlier) and list B."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.domain.roles import Permission
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.ranking.domain.lists import Movement, movements
from desktop_app.ranking.models import PriorityEntry
from desktop_app.ranking.services.lists import load_list
from desktop_app.ranking.services.working import working_ranks


def _ranks(session: Session, list_id: int) -> dict[int, tuple[int | None, str, str]]:
    info = load_list(session, list_id)
    if info.is_draft:
        return working_ranks(session, info)
    e = PriorityEntry
    return {r[0]: (r[1], r[2], r[3]) for r in session.execute(
        select(e.submission_id, e.rank, e.number, e.name).where(e.list_id == list_id))}


def compare(app: AppContext, actor: Actor, list_a: int, list_b: int) -> list[Movement]:
    """Who moved up or down between list A (earlier) and list B, and by how much."""
    require(actor, Permission.RANKING_RUN)
    with unit_of_work(app, write=False) as session:
        return movements(_ranks(session, list_a), _ranks(session, list_b))
