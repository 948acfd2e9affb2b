"""The meeting log list (filter, sort and page in SQL) and the full-text search."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from sqlalchemy import func, or_, select

from desktop_app.core.domain.roles import Permission
from desktop_app.core.models import Region
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.meetings.domain import (
    OPEN_ACTION_STATUSES,
    MinutesStatus,
)
from desktop_app.meetings.models import (
    ActionItem,
    AgendaItem,
    Agreement,
    Attendee,
    Meeting,
    MeetingAddendum,
    MeetingDesa,
    MeetingKind,
    MeetingProblem,
)

# ---- Meeting list: filter, sort and page in SQL ----------------------------------------------


@dataclass(frozen=True)
class MeetingFilter:
    text: str = ""
    kind: str = ""
    desa_code: str = ""
    status: str = ""
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class MeetingRow:
    id: int
    held_on: date
    start_time: time | None
    kind: str
    kind_label: str
    title: str
    desa: str
    place: str
    chair_name: str
    minutes_status: str
    present: int
    open_actions: int

    @property
    def status_label(self) -> str:
        return MinutesStatus(self.minutes_status).label


MEETING_SORT = {
    "held_on": Meeting.held_on,
    "kind": Meeting.kind,
    "title": Meeting.title,
    "status": Meeting.minutes_status,
    "chair": Meeting.chair_name,
}


def apply_meeting_filter(stmt: Any, flt: MeetingFilter | None) -> Any:
    if flt is None:
        return stmt
    text = flt.text.strip()
    if text:
        like = f"%{text}%"
        stmt = stmt.where(or_(
            Meeting.title.ilike(like), Meeting.place.ilike(like), Meeting.chair_name.ilike(like),
            Meeting.discussion.ilike(like), Meeting.letter_number.ilike(like),
            Meeting.id.in_(select(MeetingDesa.meeting_id).join(
                Region, Region.code == MeetingDesa.desa_code).where(Region.name.ilike(like))),
            Meeting.id.in_(select(AgendaItem.meeting_id).where(or_(
                AgendaItem.title.ilike(like), AgendaItem.discussion.ilike(like)))),
        ))
    if flt.kind:
        stmt = stmt.where(Meeting.kind == flt.kind)
    if flt.desa_code:
        stmt = stmt.where(Meeting.id.in_(select(MeetingDesa.meeting_id).where(
            MeetingDesa.desa_code == flt.desa_code)))
    if flt.status:
        stmt = stmt.where(Meeting.minutes_status == flt.status)
    if flt.date_from:
        stmt = stmt.where(Meeting.held_on >= flt.date_from)
    if flt.date_to:
        stmt = stmt.where(Meeting.held_on <= flt.date_to)
    return stmt


class MeetingPageSource:
    """PageSource for the meeting list (gui.table_model.PagedQueryModel)."""

    def __init__(self, app: AppContext, actor: Actor) -> None:
        require(actor, Permission.MEETING_VIEW)
        self.app, self.actor = app, actor

    def count(self, flt: MeetingFilter | None) -> int:
        with unit_of_work(self.app, write=False) as session:
            return int(session.scalar(apply_meeting_filter(select(func.count(Meeting.id)),
                                                           flt)) or 0)

    def fetch(self, flt: MeetingFilter | None, sort: str, descending: bool, offset: int,
              limit: int) -> list[MeetingRow]:
        column = MEETING_SORT.get(sort, Meeting.held_on)
        order = [column.desc() if descending else column.asc(),
                 Meeting.id.desc() if descending else Meeting.id.asc()]
        cols = (Meeting.id, Meeting.held_on, Meeting.start_time, Meeting.kind, Meeting.title,
                Meeting.place, Meeting.chair_name, Meeting.minutes_status)
        with unit_of_work(self.app, write=False) as session:
            rows = session.execute(apply_meeting_filter(select(*cols), flt).order_by(*order)
                                   .offset(offset).limit(limit)).all()
            ids = [r.id for r in rows]
            kinds = dict(session.execute(select(MeetingKind.code, MeetingKind.label)).all())
            desa: dict[int, list[str]] = {}
            present: dict[int, int] = {}
            open_count: dict[int, int] = {}
            if ids:
                for mid, name in session.execute(
                        select(MeetingDesa.meeting_id, Region.name)
                        .join(Region, Region.code == MeetingDesa.desa_code)
                        .where(MeetingDesa.meeting_id.in_(ids)).order_by(Region.name)).all():
                    desa.setdefault(mid, []).append(name)
                present = dict(session.execute(
                    select(Attendee.meeting_id, func.count(Attendee.id))
                    .where(Attendee.meeting_id.in_(ids), Attendee.present.is_(True))
                    .group_by(Attendee.meeting_id)).all())
                open_count = dict(session.execute(
                    select(ActionItem.meeting_id, func.count(ActionItem.id))
                    .where(ActionItem.meeting_id.in_(ids),
                           ActionItem.status.in_(OPEN_ACTION_STATUSES))
                    .group_by(ActionItem.meeting_id)).all())
        return [MeetingRow(r.id, r.held_on, r.start_time, r.kind, kinds.get(r.kind, r.kind),
                           r.title, ", ".join(desa.get(r.id, [])), r.place, r.chair_name,
                           r.minutes_status, present.get(r.id, 0), open_count.get(r.id, 0))
                for r in rows]


def list_meetings(app: AppContext, actor: Actor, flt: MeetingFilter | None = None,
                  limit: int = 500) -> list[MeetingRow]:
    return MeetingPageSource(app, actor).fetch(flt, "held_on", True, 0, limit)



# ---- Full-text search ------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchHit:
    kind: str  # Rapat | Agenda | Masalah | Kesepakatan | Tindak lanjut | Addendum
    meeting_id: int
    held_on: date
    meeting_title: str
    text: str
    ref_id: int


def _snippet(text: str, needle: str, width: int = 160) -> str:
    text = " ".join((text or "").split())
    pos = text.lower().find(needle.lower())
    if pos < 0 or len(text) <= width:
        return text[:width] + ("…" if len(text) > width else "")
    start = max(0, pos - width // 3)
    piece = text[start:start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")


def search(app: AppContext, actor: Actor, text: str, limit: int = 200) -> list[SearchHit]:
    """Case-insensitive LIKE over meetings, agenda, problems, agreements, actions and
    addenda (portable SQL: SQLite and PostgreSQL). Every word must appear."""
    require(actor, Permission.MEETING_VIEW)
    words = [w for w in (text or "").split() if w]
    if not words:
        return []
    hits: list[SearchHit] = []
    sources: list[tuple[str, Any, Sequence[Any]]] = [
        ("Rapat", Meeting, (Meeting.title, Meeting.discussion, Meeting.place)),
        ("Agenda", AgendaItem, (AgendaItem.title, AgendaItem.discussion)),
        ("Masalah", MeetingProblem, (MeetingProblem.description, MeetingProblem.answer)),
        ("Kesepakatan", Agreement, (Agreement.text,)),
        ("Tindak lanjut", ActionItem, (ActionItem.what, ActionItem.owner_name,
                                       ActionItem.closing_note)),
        ("Addendum", MeetingAddendum, (MeetingAddendum.text,)),
    ]
    with unit_of_work(app, write=False) as session:
        for label, model, columns in sources:
            if model is Meeting:
                stmt = select(Meeting, Meeting.title, Meeting.held_on)
            else:
                stmt = select(model, Meeting.title, Meeting.held_on).join(
                    Meeting, Meeting.id == model.meeting_id)
            for word in words:
                stmt = stmt.where(or_(*[c.ilike(f"%{word}%") for c in columns]))
            stmt = stmt.order_by(Meeting.held_on.desc(), model.id).limit(limit)
            for obj, title, held_on in session.execute(stmt).all():
                body = " ".join(str(getattr(obj, c.key) or "") for c in columns)
                meeting_id = obj.id if model is Meeting else getattr(obj, "meeting_id")  # noqa: B009
                hits.append(SearchHit(label, meeting_id, held_on, title,
                                      _snippet(body, words[0]), obj.id))
    hits.sort(key=lambda h: (h.held_on, h.meeting_id), reverse=True)
    return hits[:limit]

