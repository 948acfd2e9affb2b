"""A person's work for today, as every feature reports it to the Beranda (the first page after
login): what is overdue, what falls due this week, what waits for them, and the counts per
module a pimpinan reads. Plain data; each feature fills it from its own services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from desktop_app.core.domain.labels import LabeledEnum


class WorkGroup(LabeledEnum):
    OVERDUE = "overdue", "Terlambat"
    DUE_SOON = "due_soon", "Jatuh tempo minggu ini"
    WAITING = "waiting", "Menunggu Anda"


class Target(LabeledEnum):
    """What a click on the item opens."""

    SUBMISSION = "submission", "Usulan/laporan/aduan"
    MEETING = "meeting", "Rapat"
    ACTION = "action", "Tindak lanjut"
    PRIORITY_LIST = "priority_list", "Daftar prioritas"
    PLANNING_PROPOSAL = "planning_proposal", "Usulan Musrenbang"
    PLANNING_REMBUK = "planning_rembuk", "Rembuk"
    PLANNING_TRACKING = "planning_tracking", "Akuntabilitas realisasi"


@dataclass(frozen=True)
class WorkItem:
    group: WorkGroup
    module: str  # "KULA RAKAT", "RUKO PARSEL", "Peringkat"
    what: str  # "Perlu diverifikasi", "Disposisi", "Notulen draf", …
    title: str  # number and subject, meeting title, list title
    due: date | None
    target: Target
    target_id: int
    # For a meeting's action: the meeting that opens (the action is on its tab).
    meeting_id: int | None = None
    # What the page that opens shows first: "pending" (a rembuk's usulan not yet screened),
    # a realisation stage (the accountability list of the year ``target_id`` at that stage).
    detail: str = ""


@dataclass(frozen=True)
class ModuleCount:
    module: str
    label: str
    value: int
    warn: bool = False  # shown in red when not zero (overdue)


def week_end(today: date) -> date:
    """The Sunday that ends ``today``'s week: "this week" runs to it; on a Friday or later the
    next week's Monday to Friday count as well, so a Friday shows what Monday brings."""
    sunday = today + timedelta(days=6 - today.weekday())
    return sunday + timedelta(days=7) if today.weekday() >= 4 else sunday


def due_group(due: date | None, today: date) -> WorkGroup | None:
    """Overdue, due this week, or None (later, or no due date)."""
    if due is None:
        return None
    if due < today:
        return WorkGroup.OVERDUE
    if due <= week_end(today):
        return WorkGroup.DUE_SOON
    return None


# What waits for this person (a list to approve, a record sent back) is short and would be lost
# under a long overdue list: it comes first.
GROUP_ORDER = (WorkGroup.WAITING, WorkGroup.OVERDUE, WorkGroup.DUE_SOON)


def sort_items(items: list[WorkItem]) -> list[WorkItem]:
    """What waits first, then overdue (oldest first), then due this week (soonest first)."""
    return sorted(items, key=lambda i: (GROUP_ORDER.index(i.group), i.due or date.max,
                                        i.module, i.title))
