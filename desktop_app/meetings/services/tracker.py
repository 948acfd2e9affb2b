"""The follow-up tracker: every action, filtered, sorted and paged in SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from desktop_app.core.domain import clock
from desktop_app.core.domain.roles import Permission
from desktop_app.core.models import OfficeUnit
from desktop_app.core.services import regions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.meetings.domain import (
    OPEN_ACTION_STATUSES,
)
from desktop_app.meetings.models import (
    ActionItem,
    Meeting,
)
from desktop_app.meetings.services.common import (
    action_rows,
    actions_select,
)
from desktop_app.meetings.services.dto import (
    ActionRow,
)

# ---- Follow-up tracker -----------------------------------------------------------------------


@dataclass(frozen=True)
class ActionFilter:
    text: str = ""
    owner: str = ""
    desa_code: str = ""
    status: str = ""  # a status value, or "open_all" for open + in progress
    overdue_only: bool = False
    date_from: date | None = None  # period: the date of the meeting that agreed the action
    date_to: date | None = None
    meeting_id: int | None = None


ACTION_SORT = {
    "due_date": ActionItem.due_date,
    "meeting_date": Meeting.held_on,
    "owner": ActionItem.owner_name,
    "status": ActionItem.status,
    "desa": ActionItem.desa_code,
    "what": ActionItem.what,
}


def apply_action_filter(stmt: Any, flt: ActionFilter | None,
                        today: date | None = None) -> Any:
    if flt is None:
        return stmt
    if flt.text.strip():
        like = f"%{flt.text.strip()}%"
        stmt = stmt.where(or_(ActionItem.what.ilike(like), ActionItem.owner_name.ilike(like),
                              ActionItem.closing_note.ilike(like)))
    if flt.owner.strip():
        stmt = stmt.where(ActionItem.owner_name.ilike(f"%{flt.owner.strip()}%"))
    if flt.desa_code:
        stmt = stmt.where(ActionItem.desa_code == flt.desa_code)
    if flt.status == "open_all":
        stmt = stmt.where(ActionItem.status.in_(OPEN_ACTION_STATUSES))
    elif flt.status:
        stmt = stmt.where(ActionItem.status == flt.status)
    if flt.overdue_only:
        stmt = stmt.where(ActionItem.status.in_(OPEN_ACTION_STATUSES),
                          ActionItem.due_date < (today or clock.today()))
    if flt.date_from:
        stmt = stmt.where(Meeting.held_on >= flt.date_from)
    if flt.date_to:
        stmt = stmt.where(Meeting.held_on <= flt.date_to)
    if flt.meeting_id is not None:
        stmt = stmt.where(ActionItem.meeting_id == flt.meeting_id)
    return stmt


class ActionPageSource:
    """PageSource for the follow-up tracker: filters, sorting and paging run in SQL."""

    def __init__(self, app: AppContext, actor: Actor) -> None:
        require(actor, Permission.MEETING_VIEW)
        self.app, self.actor = app, actor
        self._names: dict[str, str] | None = None

    def count(self, flt: ActionFilter | None) -> int:
        stmt = select(func.count(ActionItem.id)).join(Meeting, Meeting.id == ActionItem.meeting_id)
        with unit_of_work(self.app, write=False) as session:
            return int(session.scalar(apply_action_filter(stmt, flt)) or 0)

    def fetch(self, flt: ActionFilter | None, sort: str, descending: bool, offset: int,
              limit: int) -> list[ActionRow]:
        column = ACTION_SORT.get(sort, ActionItem.due_date)
        order = [column.desc() if descending else column.asc(),
                 ActionItem.id.desc() if descending else ActionItem.id.asc()]
        with unit_of_work(self.app, write=False) as session:
            if self._names is None:
                self._names = regions.names(session)
            stmt = apply_action_filter(actions_select(), flt).order_by(*order)
            return action_rows(session, stmt.offset(offset).limit(limit), self._names)


def filtered_actions(session: Session, flt: ActionFilter | None) -> list[ActionRow]:
    """Every action of the filter, oldest due date first (no paging: for exports)."""
    stmt = apply_action_filter(actions_select(), flt).order_by(
        ActionItem.due_date.is_(None), ActionItem.due_date, ActionItem.id)
    return action_rows(session, stmt, regions.names(session))


def list_actions(app: AppContext, actor: Actor,
                 flt: ActionFilter | None = None) -> list[ActionRow]:
    require(actor, Permission.MEETING_VIEW)
    with unit_of_work(app, write=False) as session:
        return filtered_actions(session, flt)


def action_owners(app: AppContext, actor: Actor) -> list[str]:
    """Names used as action owners so far (for the tracker's owner filter)."""
    require(actor, Permission.MEETING_VIEW)
    with unit_of_work(app, write=False) as session:
        used = set(session.scalars(select(ActionItem.owner_name).distinct()))
        used |= set(session.scalars(select(OfficeUnit.name).where(OfficeUnit.active.is_(True))))
    return sorted(used, key=str.lower)

