"""The list of submissions: filter, sort and page in SQL (``SubmissionPageSource`` for the
table), and the same rows in bulk for printouts and exports (never through the pager)."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import and_, func, select, union_all
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from desktop_app.core.domain import clock
from desktop_app.core.domain.formatting import mask_digits
from desktop_app.core.domain.roles import Permission
from desktop_app.core.models import User
from desktop_app.core.services import regions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.db.hints import unindexed
from desktop_app.intake.domain.submissions import (
    OPEN_STATUSES,
    Status,
    SubmissionKind,
    category_label,
)
from desktop_app.intake.models import Submission
from desktop_app.intake.services.categories import custom_labels
from desktop_app.intake.services.search import count_word, text_filter


@dataclass(frozen=True)
class SubmissionFilter:
    text: str = ""
    kind: str = ""
    category: str = ""
    status: str = ""
    desa_code: str = ""
    date_from: date | None = None
    date_to: date | None = None
    overdue_only: bool = False
    entered_by_id: int | None = None
    ids: tuple[int, ...] | None = None
    needs_check: bool = False  # only records an import flagged "perlu dicek"


@dataclass(frozen=True)
class SubmissionRow:
    id: int
    number: str
    kind: str
    category: str
    status: str
    received_on: date
    name: str
    nik: str
    desa: str
    rt_rw: str
    subject: str
    due_date: date | None
    entered_by: str
    overdue: bool
    category_name: str = ""  # the label of an admin-defined category
    needs_check: bool = False

    @property
    def check_label(self) -> str:
        return "Perlu dicek" if self.needs_check else ""

    @property
    def kind_label(self) -> str:
        return SubmissionKind(self.kind).label

    @property
    def category_label(self) -> str:
        return self.category_name or category_label(self.category)

    @property
    def status_label(self) -> str:
        return Status(self.status).label


# Counting every match of a broad filter over a million records costs more than the page
# itself; the list counts up to this many and then shows "lebih dari 10.000".
COUNT_LIMIT = 10_000

SORT_COLUMNS = {
    "number": Submission.number,
    "received_on": Submission.received_on,
    "kind": Submission.kind,
    "category": Submission.category,
    "status": Submission.status,
    "name": Submission.reporter_name,
    "desa": Submission.desa_code,
    "due_date": Submission.due_date,
}
ROW_COLUMNS = (Submission.id, Submission.number, Submission.kind, Submission.category,
               Submission.status, Submission.received_on, Submission.reporter_name,
               Submission.household_head, Submission.nik, Submission.reporter_nik,
               Submission.desa_code, Submission.rt, Submission.rw, Submission.subject,
               Submission.due_date, Submission.entered_by_id, Submission.needs_check)


def apply_filter(stmt: Any, flt: SubmissionFilter | None,
                 session: Session | None = None, actor: Actor | None = None,
                 per_record: bool | None = None, indexed: frozenset[str] = frozenset()) -> Any:
    """``flt`` applied to ``stmt``; typed text finds NIK and No. KK only for an ``actor``
    who may see them. ``per_record`` True: no index of a filtered column but those in
    ``indexed`` may drive the query (on SQLite), so the records are read in the order of the
    sort's index and each is checked against the whole filter, quickest when the filter is
    broad; False: the filter's own indexes drive it, the typed text's rarest word however
    common; None: as the planner and the words' counts choose (see ``_page_plans``)."""
    if flt is None:
        return stmt

    def col(column: Any) -> Any:
        return unindexed(column) if per_record and column.key not in indexed else column

    if flt.text.strip():
        personal = actor is not None and actor.can(Permission.VIEW_PERSONAL_DATA)
        stmt = text_filter(stmt, flt.text, session, personal, per_record=per_record)
    if flt.kind:
        stmt = stmt.where(col(Submission.kind) == flt.kind)
    if flt.category:
        stmt = stmt.where(col(Submission.category) == flt.category)
    if flt.status:
        stmt = stmt.where(col(Submission.status) == flt.status)
    if flt.desa_code:
        stmt = stmt.where(col(Submission.desa_code) == flt.desa_code)
    if flt.date_from:
        stmt = stmt.where(col(Submission.received_on) >= flt.date_from)
    if flt.date_to:
        stmt = stmt.where(col(Submission.received_on) <= flt.date_to)
    if flt.overdue_only:
        # read off the (status, received_on, id, due_date) index: the open statuses' entries
        # with the due date beside them. Never through the due date's own index, which a
        # planner with statistics prefers: nearly every old record is due before today, so
        # it would read a million rows to find the few still open.
        stmt = stmt.where(and_(unindexed(Submission.due_date) < clock.today(),
                               col(Submission.status).in_(OPEN_STATUSES)))
    if flt.entered_by_id:
        stmt = stmt.where(col(Submission.entered_by_id) == flt.entered_by_id)
    if flt.ids is not None:
        stmt = stmt.where(col(Submission.id).in_(flt.ids))
    if flt.needs_check:
        stmt = stmt.where(col(Submission.needs_check).is_(True))
    return stmt


def _order(sort: str, descending: bool) -> list[Any]:
    column = SORT_COLUMNS.get(sort, Submission.received_on)
    return [column.desc() if descending else column.asc(),
            Submission.id.desc() if descending else Submission.id.asc()]


class _RowMaker:
    """Turns selected ``ROW_COLUMNS`` into ``SubmissionRow``s (names read once per source)."""

    def __init__(self, actor: Actor) -> None:
        self.actor = actor
        self.names: dict[str, str] | None = None
        self.users: dict[int, str] = {}
        self.categories: dict[str, str] = {}

    def load(self, session: Session) -> None:
        if self.names is None:
            self.names = regions.names(session)
            self.users = dict(session.execute(select(User.id, User.full_name)).all())
        self.categories = custom_labels(session)  # tiny; renamed ones show at once

    def row(self, r: Any) -> SubmissionRow:
        may_see = self.actor.can(Permission.VIEW_PERSONAL_DATA)
        nik = r.nik or r.reporter_nik or ""
        return SubmissionRow(
            id=r.id, number=r.number, kind=r.kind, category=r.category, status=r.status,
            received_on=r.received_on, name=r.household_head or r.reporter_name,
            nik=nik if may_see else mask_digits(nik),
            desa=(self.names or {}).get(r.desa_code, r.desa_code),
            rt_rw="/".join(x for x in (r.rt, r.rw) if x), subject=r.subject,
            due_date=r.due_date, entered_by=self.users.get(r.entered_by_id, ""),
            overdue=bool(r.due_date and r.due_date < clock.today()
                         and r.status in OPEN_STATUSES),
            category_name=self.categories.get(r.category, ""),
            needs_check=bool(r.needs_check),
        )


# A filter that matches at most this many records is narrow: its matches are gathered off
# the filter's own index and sorted (a few thousand rows). A broader one is checked record by
# record while the sort's index is walked in the list's order, which stops at the page's end:
# with more than this many matches in a million records, the first page is found within about
# ten thousand index entries (a few hundred when the filter is as broad as a status), unless
# the filter and the order go together (see WALK_SECONDS).
# Neither needs planner statistics, which an office's database never has.
NARROW = COUNT_LIMIT


# The walk along the sort's index gives up after this long (SQLite): the filter then matches
# few of the records first in that order (the filter and the order go together: a year
# received sorted by due date, NIKs sorted by category), and its matches are gathered and
# sorted instead.
WALK_SECONDS = 0.04
WALK_CHECK_STEPS = 2_000  # SQLite's virtual machine steps between looks at the clock


def page_ids(flt: SubmissionFilter | None, sort: str, descending: bool, offset: int,
             limit: int, session: Session, actor: Actor | None = None,
             matches: int | None = None) -> Any:
    """The ids of one page, as a subquery: the sort and the skip run over an index of the
    sort key and the id alone (a deep page skips index entries, not rows), and only the page's
    own rows are read in full afterwards. ``matches``: how many records the filter finds (as
    counted, up to ``NARROW`` + 1 at least), when the caller knows it; it chooses the plan."""
    return _page_plans(flt, sort, descending, offset, limit, session, actor, matches)[0][-1]


def _page_plans(flt: SubmissionFilter | None, sort: str, descending: bool, offset: int,
                limit: int, session: Session, actor: Actor | None,
                matches: int | None) -> tuple[list[Any], float]:
    """The ways to read one page's ids, each giving the same ids, the one likely quickest
    first, and how many times ``WALK_SECONDS`` it is tried before the next (see
    ``_first_in_time``): a walk along an index in the list's order checking each record, and
    gathering the filter's matches to sort them."""
    if _overdue_by_status(flt, sort):
        return [_overdue_page_ids(flt, descending, offset, limit)], 1.0
    order = _order(sort, descending)
    if flt is None or flt == SubmissionFilter():
        return [select(Submission.id).order_by(*order).offset(offset).limit(limit)], 1.0
    column = SORT_COLUMNS.get(sort, Submission.received_on)
    # gather: the filter's index finds the matches, then they are sorted (the sort's own
    # index is kept out, so no plan walks it checking a million records for a few)
    key = unindexed(column)
    text_alone = bool(flt.text.strip()) and replace(flt, text="") == SubmissionFilter()
    gather = apply_filter(select(Submission.id), flt, session, actor,
                          per_record=False if text_alone else None).order_by(
        key.desc() if descending else key.asc(), *order[1:]).offset(offset).limit(limit)
    if flt.ids is not None:
        return [gather], 1.0
    if matches is None:
        matches = count_matches(session, flt, actor, NARROW)
    if matches <= NARROW:
        return [gather], 1.0
    # walk: an index in the list's order (the sort's own, or one that begins with columns
    # the filter fixes and goes on in that order), each record checked against the rest
    indexed = _ordered_by(flt, column)
    walk = apply_filter(select(Submission.id), flt, session, actor, per_record=True,
                        indexed=indexed).order_by(*order).offset(offset).limit(limit)
    if column.key in ("due_date", "number") and replace(
            flt, date_from=None, date_to=None) == SubmissionFilter():
        # dates received alone, sorted by due date or number: the (received_on, id, due_date,
        # number) index holds the range with both, so gathering reads index entries alone
        # (tried first, for longer: a due date or number follows the date received, so the
        # walk passes every record received before the range; only a range of most of the
        # records, whose walk is short, is left to it)
        return [gather, walk], 3.0
    if not _walk_looks_short(session, flt, actor, indexed, order, offset + limit):
        return [gather], 1.0
    return [walk, gather], 1.0


# Before a walk, its first records are checked against the filter: as many as this. None
# matching (or too few for the page within WALK_REACH records) means the filter and the
# order go together (NIKs, only on RTLH records, sorted by category: the other categories
# first), and the matches are gathered at once instead of after a walk stopped in vain.
WALK_SAMPLE = 1_000
WALK_REACH = 40_000

# the filter's fields whose conditions a walk's index holds, by the column's name
_FIELDS = {"received_on": ("date_from", "date_to"), "status": ("status",),
           "category": ("category",), "desa_code": ("desa_code",), "kind": ("kind",)}


def _walk_looks_short(session: Session, flt: SubmissionFilter, actor: Actor | None,
                      indexed: frozenset[str], order: list[Any], reach: int) -> bool:
    """Whether the first ``WALK_SAMPLE`` records of the walk hold enough matches for the
    page (``reach`` records: offset + limit) within ``WALK_REACH`` records."""
    held = {f: getattr(flt, f) for name in indexed for f in _FIELDS.get(name, ())}
    first = apply_filter(select(Submission.id), SubmissionFilter(**held)).order_by(
        *order).limit(WALK_SAMPLE)
    found = apply_filter(select(func.count()).select_from(Submission).where(
        Submission.id.in_(first)), flt, session, actor, per_record=True)
    matches = int(session.scalar(found) or 0)
    return matches > 0 and reach * WALK_SAMPLE <= matches * WALK_REACH


def _first_in_time(session: Session, plans: list[Any], budget: float) -> list[int]:
    """The ids the first plan reads, if it finishes within ``budget`` seconds, else the
    second's (never stopped; both read the same ids). SQLite stops a statement when its
    progress handler says so; elsewhere the planner has statistics and the first plan is read
    as is."""
    conn = session.connection()
    raw = conn.connection.driver_connection
    if conn.dialect.name != "sqlite" or len(plans) == 1 or raw is None:
        return list(session.scalars(plans[0]))
    deadline = time.perf_counter() + budget
    raw.set_progress_handler(lambda: time.perf_counter() > deadline, WALK_CHECK_STEPS)
    try:
        return list(session.scalars(plans[0]))
    except OperationalError as error:
        if "interrupted" not in str(error.orig):
            raise
    finally:
        raw.set_progress_handler(None, 0)
    return list(session.scalars(plans[1]))


# Indexes that, past columns the filter fixes to one value, go on in the order of a sort
# column and the id (``models.Submission``): (status, category, received_on, id),
# (status, received_on, id, …), (desa_code, received_on, id, …), (category, desa_code, id).
ORDERED_AFTER = {
    "received_on": ({"status", "category"}, {"status"}, {"desa_code"}),
    "desa_code": ({"category"},),
}


def _ordered_by(flt: SubmissionFilter, column: Any) -> frozenset[str]:
    """The columns whose conditions may drive a walk in the order of ``column``: the column
    itself (a range or one value of it is a part of its index), and the filter's fixed
    columns when an index begins with them and goes on in that order."""
    fixed = {name for name in ("kind", "category", "status", "desa_code") if getattr(flt, name)}
    for columns in ORDERED_AFTER.get(column.key, ()):
        if columns <= fixed:
            return frozenset({column.key, *columns})
    return frozenset({column.key})


def count_matches(session: Session, flt: SubmissionFilter | None, actor: Actor | None,
                  cap: int) -> int:
    """How many records the filter finds, counted up to ``cap`` + 1."""
    if actor is not None and flt is not None and flt.text.strip() and \
            replace(flt, text="") == SubmissionFilter():
        # typed text alone: one word is counted off its index
        found = count_word(session, flt.text, actor.can(Permission.VIEW_PERSONAL_DATA), cap)
        if found is not None:
            return found
    matches = apply_filter(select(Submission.id), flt, session, actor).limit(cap + 1)
    return int(session.scalar(select(func.count()).select_from(matches.subquery())) or 0)


def _overdue_by_status(flt: SubmissionFilter | None, sort: str) -> bool:
    """Whether the page is overdue records alone (within dates received, perhaps) in the order
    received: read per open status off the (status, received_on, id, due_date) index."""
    return (flt is not None and flt.overdue_only and not flt.status
            and SORT_COLUMNS.get(sort, Submission.received_on) is Submission.received_on
            and replace(flt, overdue_only=False, date_from=None, date_to=None)
            == SubmissionFilter())


def _overdue_page_ids(flt: Any, descending: bool, offset: int, limit: int) -> Any:
    """One ordered read per open status, each cut at ``offset + limit`` (index entries only),
    merged in the list's order: a planner with statistics would otherwise walk every record
    in the order received and read each to find the overdue ones (few, in an office's
    database)."""
    branches = []
    for status in OPEN_STATUSES:
        one = apply_filter(select(Submission.id, Submission.received_on),
                           replace(flt, status=status))
        one = one.order_by(*_order("received_on", descending)).limit(offset + limit).subquery()
        branches.append(select(one.c.id, one.c.received_on))
    merged = union_all(*branches).subquery()
    order = [merged.c.received_on, merged.c.id]
    return select(merged.c.id).order_by(*(c.desc() if descending else c.asc() for c in order)
                                        ).offset(offset).limit(limit)


class SubmissionPageSource:
    """PageSource for the submissions table (core.gui.table_model.PagedQueryModel)."""

    count_limit = COUNT_LIMIT

    def __init__(self, app: AppContext, actor: Actor) -> None:
        require(actor, Permission.SUBMISSION_VIEW)
        self.app, self.actor = app, actor
        self._rows = _RowMaker(actor)
        self._counted: tuple[SubmissionFilter | None, int] | None = None

    def count(self, flt: SubmissionFilter | None) -> int:
        """The number of matches, counted up to ``count_limit`` + 1 (more shows as
        "lebih dari 10.000")."""
        with unit_of_work(self.app, write=False) as session:
            found = count_matches(session, flt, self.actor, self.count_limit)
        self._counted = (flt, found)  # the pages of this filter choose their plan by it
        return found

    def fetch(self, flt: SubmissionFilter | None, sort: str, descending: bool, offset: int,
              limit: int) -> list[SubmissionRow]:
        with unit_of_work(self.app, write=False) as session:
            self._rows.load(session)
            plans, times = _page_plans(flt, sort, descending, offset, limit, session,
                                       self.actor, self._matches(flt))
            # a deep page walks further before it is found: it has longer (the square root:
            # page 50 has seven times as long, a tenth of the walk per page)
            ids = _first_in_time(session, plans, WALK_SECONDS * times
                                 * math.sqrt(1 + offset / max(limit, 1)))
            rows = session.execute(select(*ROW_COLUMNS).where(Submission.id.in_(ids))
                                   .order_by(*_order(sort, descending))).all()
        return [self._rows.row(r) for r in rows]

    def _matches(self, flt: SubmissionFilter | None) -> int | None:
        """The filter's count from ``count`` (the list counts before its first page), when it
        tells narrow from broad; records added or removed since only change the plan."""
        if self._counted is None or self._counted[0] != flt:
            return None
        found = self._counted[1]
        return found if found <= self.count_limit or NARROW <= self.count_limit else None


def rows_in(session: Session, actor: Actor, flt: SubmissionFilter | None,
            sort: str = "received_on", descending: bool = False) -> list[SubmissionRow]:
    """Every row the filter selects, in one query (for printouts: no page limit)."""
    maker = _RowMaker(actor)
    maker.load(session)
    stmt = apply_filter(select(*ROW_COLUMNS), flt, session, actor).order_by(
        *_order(sort, descending))
    return [maker.row(r) for r in session.execute(stmt)]


def select_in(session: Session, actor: Actor, flt: SubmissionFilter | None, columns: Any,
              sort: str = "received_on", descending: bool = False) -> Any:
    """The ``columns`` of every record the filter selects, in the list's order, as one
    statement (an export streams it instead of reading ids first)."""
    return apply_filter(select(*columns), flt, session, actor).order_by(
        *_order(sort, descending))


def ids_in(session: Session, actor: Actor, flt: SubmissionFilter | None,
           sort: str = "received_on", descending: bool = False,
           limit: int | None = None) -> list[int]:
    stmt = apply_filter(select(Submission.id), flt, session, actor).order_by(
        *_order(sort, descending))
    if limit:
        stmt = stmt.limit(limit)
    return list(session.scalars(stmt))


def list_rows(app: AppContext, actor: Actor, flt: SubmissionFilter | None,
              sort: str = "received_on", descending: bool = False) -> list[SubmissionRow]:
    require(actor, Permission.SUBMISSION_VIEW)
    with unit_of_work(app, write=False) as session:
        return rows_in(session, actor, flt, sort, descending)


def filtered_ids(app: AppContext, actor: Actor, flt: SubmissionFilter | None,
                 sort: str = "received_on", descending: bool = False,
                 limit: int | None = None) -> list[int]:
    require(actor, Permission.SUBMISSION_VIEW)
    with unit_of_work(app, write=False) as session:
        return ids_in(session, actor, flt, sort, descending, limit)
