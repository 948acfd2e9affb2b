"""Submissions as other features and the CLI refer to them: by id or registration number.

The functions that take a ``session`` join the caller's unit of work (a meeting that links a
problem to a submission checks the link in its own transaction).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.domain.errors import NotFound
from desktop_app.core.domain.roles import Permission
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.intake.models import Submission


def exists(session: Session, submission_id: int) -> bool:
    return session.get(Submission, submission_id) is not None


def id_by_number(session: Session, number: str) -> int | None:
    found = session.scalar(select(Submission.id).where(Submission.number == number))
    return int(found) if found is not None else None


def numbers_by_id(session: Session, ids: Iterable[int]) -> dict[int, str]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = session.execute(select(Submission.id, Submission.number).where(
        Submission.id.in_(wanted)))
    return {int(r[0]): r[1] for r in rows}


def resolve_refs(app: AppContext, actor: Actor, refs: Iterable[str]) -> list[int]:
    """Ids of the submissions named by number (USL/2026/0001) or by id; NotFound otherwise."""
    require(actor, Permission.SUBMISSION_VIEW)
    ids: list[int] = []
    with unit_of_work(app, write=False) as session:
        for ref in refs:
            text = ref.strip()
            sid = (int(text) if exists(session, int(text)) else None) if text.isdigit() \
                else id_by_number(session, text.upper())
            if sid is None:
                raise NotFound(f"Data {ref} tidak ditemukan.")
            ids.append(sid)
    return ids
