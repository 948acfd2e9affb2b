"""Beranda, the first page after login: the person's work today from every feature (overdue,
due this week, waiting for them), each opened with a double-click, Enter or "Buka"; the counts
per module for the pimpinan and the administrator.

It lives in ``app`` because it reads every feature (through their services) and opens their
windows; features never know about it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain import clock
from desktop_app.core.domain.formatting import format_date, format_date_long, format_number
from desktop_app.core.domain.roles import Permission, Role
from desktop_app.core.domain.work import (
    GROUP_ORDER,
    ModuleCount,
    Target,
    WorkItem,
    sort_items,
    week_end,
)
from desktop_app.core.gui import messages
from desktop_app.core.gui.operations import (
    ACTIONS,
    MEETINGS,
    PLANNING,
    PRIORITY_LISTS,
    SUBMISSIONS,
    Op,
    watch_changes,
)
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.intake.services import work as intake_work
from desktop_app.meetings.services import work as meetings_work
from desktop_app.planning.services import work as planning_work
from desktop_app.ranking.services import work as ranking_work

ITEM_ROLE = Qt.ItemDataRole.UserRole + 2
# (permission the feature needs, its work, its counts)
SOURCES: tuple[tuple[Permission, Callable[..., list[WorkItem]],
                     Callable[..., list[ModuleCount]]], ...] = (
    (Permission.SUBMISSION_VIEW, intake_work.work_items, intake_work.module_counts),
    (Permission.MEETING_VIEW, meetings_work.work_items, meetings_work.module_counts),
    (Permission.RANKING_RUN, ranking_work.work_items, ranking_work.module_counts),
    (Permission.PLANNING_VIEW, planning_work.work_items, planning_work.module_counts),
)


def greeting(hour: int) -> str:
    if hour < 11:
        return "Selamat pagi"
    if hour < 15:
        return "Selamat siang"
    if hour < 18:
        return "Selamat sore"
    return "Selamat malam"


def collect(app: AppContext, actor: Actor, with_counts: bool
            ) -> tuple[list[WorkItem], list[ModuleCount]]:
    items: list[WorkItem] = []
    counts: list[ModuleCount] = []
    for permission, work, count in SOURCES:
        if actor.can(permission):
            items += work(app, actor)
            if with_counts:
                counts += count(app, actor)
    return sort_items(items), counts


class HomePage(QWidget):
    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        self.items: list[WorkItem] = []
        self.with_counts = actor.role in (Role.PIMPINAN, Role.ADMIN)
        now = clock.now()
        title = QLabel(f"<h2>{greeting(now.hour)}, {actor.full_name}</h2>")
        self.today_label = QLabel()
        self.counts_box = QGroupBox("Ringkasan kantor")
        self.counts_grid = QGridLayout(self.counts_box)
        self.counts_box.setVisible(self.with_counts)

        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(["Pekerjaan", "Tenggat", "Perihal", "Modul"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 250)  # long seksi names are elided; the tooltip has them
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column in (1, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemActivated.connect(lambda _item, _col: self.open_selected())
        self.empty_label = QLabel("Tidak ada pekerjaan yang menunggu Anda hari ini.")
        self.empty_label.setVisible(False)

        self.open_button = QPushButton("&Buka")
        self.open_button.clicked.connect(self.open_selected)
        self.refresh_button = QPushButton("&Muat ulang")
        self.refresh_button.clicked.connect(self.refresh)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)

        work_label = QLabel("&Pekerjaan Anda (klik dua kali, Enter atau Buka untuk membuka):")
        work_label.setBuddy(self.tree)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.today_label)
        layout.addWidget(self.counts_box)
        layout.addWidget(work_label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.refresh)
        watch_changes(self, {SUBMISSIONS, MEETINGS, ACTIONS, PRIORITY_LISTS, PLANNING},
                      self.refresh)
        self.refresh()

    def refresh(self) -> None:
        Op(self, lambda: collect(self.app, self.actor, self.with_counts)) \
            .success(self._show).run()

    def _show(self, result: tuple[list[WorkItem], list[ModuleCount]]) -> None:
        items, counts = result
        today = clock.today()
        self.today_label.setText(
            f"Hari ini {format_date_long(today)}. “Minggu ini” sampai "
            f"{format_date_long(week_end(today))}.")
        self._show_counts(counts)
        self.items = items
        self.tree.clear()
        bold = QFont()
        bold.setBold(True)
        first: QTreeWidgetItem | None = None
        for group in GROUP_ORDER:
            members = [(i, item) for i, item in enumerate(items) if item.group is group]
            if not members:
                continue
            head = QTreeWidgetItem([f"{group.label} ({len(members)})"])
            head.setFont(0, bold)
            head.setFirstColumnSpanned(True)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(head)
            head.setFirstColumnSpanned(True)
            for index, item in members:
                row = QTreeWidgetItem([item.what, format_date(item.due), item.title,
                                       item.module])
                row.setData(0, ITEM_ROLE, index)
                row.setToolTip(0, item.what)
                row.setToolTip(2, item.title)
                if group.value == "overdue":
                    row.setForeground(1, QBrush(QColor("#b00020")))
                self.tree.addTopLevelItem(row)
                first = first or row
        self.tree.setVisible(bool(items))
        self.empty_label.setVisible(not items)
        self.open_button.setEnabled(bool(items))
        if first is not None and self.tree.currentItem() is None:
            self.tree.setCurrentItem(first)

    def _show_counts(self, counts: list[ModuleCount]) -> None:
        while self.counts_grid.count():
            taken = self.counts_grid.takeAt(0)
            if taken is not None and taken.widget() is not None:
                taken.widget().deleteLater()
        modules: list[str] = []
        for c in counts:
            if c.module not in modules:
                modules.append(c.module)
        for col, module in enumerate(modules):
            self.counts_grid.addWidget(QLabel(f"<b>{module}</b>"), 0, col)
            lines = []
            for c in counts:
                if c.module == module:
                    value = format_number(c.value)
                    if c.warn and c.value:
                        value = f"<span style='color:#b00020'><b>{value}</b></span>"
                    else:
                        value = f"<b>{value}</b>"
                    lines.append(f"{value} {c.label}")
            self.counts_grid.addWidget(QLabel("<br>".join(lines)), 1, col,
                                       Qt.AlignmentFlag.AlignTop)

    def selected(self) -> WorkItem | None:
        row = self.tree.currentItem()
        index = row.data(0, ITEM_ROLE) if row is not None else None
        if index is None:
            messages.info(self, "Pilih satu pekerjaan terlebih dahulu.")
            return None
        return self.items[int(index)]

    def open_selected(self) -> None:
        item = self.selected()
        if item is not None:
            OPENERS[item.target](self, item)

    # -- what a click opens --------------------------------------------------------------------
    def _open_submission(self, item: WorkItem) -> None:
        from desktop_app.intake.gui.detail_dialog import SubmissionDetailDialog

        SubmissionDetailDialog(self.app, self.actor, item.target_id, self).exec()

    def _open_meeting(self, item: WorkItem, tab: int | None = None) -> None:
        from desktop_app.meetings.gui.editor import MeetingEditorDialog
        from desktop_app.meetings.gui.editor.dialog import DATA

        meeting_id = item.meeting_id or item.target_id
        dialog = MeetingEditorDialog(self.app, self.actor, meeting_id, self,
                                     initial_tab=DATA if tab is None else tab)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _open_action(self, item: WorkItem) -> None:
        from desktop_app.meetings.gui.editor.dialog import ACTIONS_TAB

        self._open_meeting(item, ACTIONS_TAB)

    def _page(self, key: str) -> Any:
        """The main window's page ``key``, shown (None outside a main window)."""
        window: Any = self.window()
        return window.show_page(key) if hasattr(window, "show_page") else None

    def _open_priority_list(self, item: WorkItem) -> None:
        page = self._page("ranking")
        if page is not None and hasattr(page, "show_frozen_list"):
            page.show_frozen_list(item.target_id)

    def _open_planning_proposal(self, item: WorkItem) -> None:
        from desktop_app.planning.gui.proposal_dialog import ProposalDialog

        ProposalDialog(self.app, self.actor, self, proposal_id=item.target_id).exec()

    def _open_rembuk(self, item: WorkItem) -> None:
        page = self._page("planning_rembuk")  # no rembuk yet (id 0): the page, to open one
        if page is not None and hasattr(page, "open_rembuk") and item.target_id:
            page.open_rembuk(item.target_id, pending_only=item.detail == "pending")

    def _open_tracking(self, item: WorkItem) -> None:
        page = self._page("planning_accountability")
        if page is not None and hasattr(page, "show_stage"):
            page.show_stage(item.target_id, item.detail)


OPENERS: dict[Target, Callable[[HomePage, WorkItem], None]] = {
    Target.SUBMISSION: HomePage._open_submission,
    Target.MEETING: HomePage._open_meeting,
    Target.ACTION: HomePage._open_action,
    Target.PRIORITY_LIST: HomePage._open_priority_list,
    Target.PLANNING_PROPOSAL: HomePage._open_planning_proposal,
    Target.PLANNING_REMBUK: HomePage._open_rembuk,
    Target.PLANNING_TRACKING: HomePage._open_tracking,
}
