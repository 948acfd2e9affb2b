"""Peringkat Prioritas: choose what to rank and rank it; the list shown (``list_bar``) with its
table and explanation (``ranked_tab``), recap (``recap_tab``), criteria (``criteria_editor``)
and frozen lists (``lists_tab``)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain import clock
from desktop_app.core.gui.operations import CRITERIA, PRIORITY_LISTS, Op, watch_changes
from desktop_app.core.services import regions
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.ranking.domain.lists import RankScope
from desktop_app.ranking.domain.methods import Method
from desktop_app.ranking.gui.criteria_editor import CriteriaEditor
from desktop_app.ranking.gui.list_bar import ListBar
from desktop_app.ranking.gui.lists_tab import FrozenListsTab
from desktop_app.ranking.gui.ranked_tab import RankedTab
from desktop_app.ranking.gui.recap_tab import RecapTab
from desktop_app.ranking.services import criteria_sets, lists
from desktop_app.ranking.services.criteria_sets import RANKED_CATEGORIES
from desktop_app.ranking.services.lists import PriorityListInfo


def _shrinking_combo(min_chars: int) -> QComboBox:
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(min_chars)
    return combo


class RankingPage(QWidget):
    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        self.list_info: PriorityListInfo | None = None
        self.names = regions.region_names(app)

        self.category = _shrinking_combo(10)
        for c in RANKED_CATEGORIES:
            self.category.addItem(c.label, c.value)
        self.criteria_set = _shrinking_combo(16)
        self.method = _shrinking_combo(10)
        for value, label in Method.choices():
            self.method.addItem(label, value)
        self.year = _shrinking_combo(6)
        self.year.addItem("Semua tahun", None)
        for y in range(clock.today().year + 1, clock.today().year - 6, -1):
            self.year.addItem(str(y), y)
        self.kecamatan = _shrinking_combo(10)
        self.kecamatan.addItem("Semua kecamatan", "")
        for k in regions.list_regions(app, "kecamatan"):
            self.kecamatan.addItem(k.name, k.code)
        self.rank_button = QPushButton("&Hitung peringkat")
        self.rank_button.setDefault(True)
        self.rank_button.clicked.connect(self.run_ranking)
        controls = QGridLayout()
        for col, (text, widget) in enumerate((("&Kategori", self.category),
                                              ("Kriteri&a", self.criteria_set),
                                              ("&Metode", self.method))):
            label = QLabel(text)
            label.setBuddy(widget)
            controls.addWidget(label, 0, 2 * col)
            controls.addWidget(widget, 0, 2 * col + 1)
        for col, (text, widget) in enumerate((("&Tahun diterima", self.year),
                                              ("Cak&upan", self.kecamatan))):
            label = QLabel(text)
            label.setBuddy(widget)
            controls.addWidget(label, 1, 2 * col)
            controls.addWidget(widget, 1, 2 * col + 1)
        controls.addWidget(self.rank_button, 1, 5)
        controls.setColumnStretch(3, 1)

        self.bar = ListBar(app, actor, self)
        self.bar.list_shown.connect(self.show_list)
        self.bar.draft_requested.connect(self.show_draft)
        self.ranked = RankedTab(app, actor, self)
        self.recap = RecapTab(app, actor, self)
        self.editor = CriteriaEditor(app, actor, self)
        self.lists_tab = FrozenListsTab(app, actor, self)
        self.lists_tab.open_requested.connect(self.open_frozen)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.ranked, "&Peringkat")
        self.tabs.addTab(self.recap, "&Rekap per wilayah")
        self.tabs.addTab(self.editor, "Kriteria dan b&obot")
        self.tabs.addTab(self.lists_tab, "&Daftar prioritas (beku)")

        # Everything scrolls rather than forcing the window wider or taller than the screen.
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(QLabel("<h2>Peringkat Prioritas KULA RAKAT</h2>"))
        layout.addLayout(controls)
        layout.addWidget(self.bar)
        layout.addWidget(self.tabs, 1)
        content.setMinimumHeight(560)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        QShortcut(QKeySequence.StandardKey.Print, self, self.bar.print_list)
        watch_changes(self, {CRITERIA}, self.load_sets)
        watch_changes(self, {PRIORITY_LISTS}, self.refresh_shown)
        self.category.currentIndexChanged.connect(lambda _i: self.category_changed())
        self.category_changed()

    def current_category(self) -> str:
        return str(self.category.currentData())

    def load_sets(self) -> None:
        """The criteria sets of the category; the default one is preselected."""
        Op(self, lambda: criteria_sets.list_sets(self.app, self.actor,
                                                 self.current_category())) \
            .success(self._show_sets).run()

    def _show_sets(self, sets: list[criteria_sets.CriteriaSetInfo]) -> None:
        self.criteria_set.clear()
        for info in sets:
            self.criteria_set.addItem(
                f"{info.name} (v{info.version}){' — bawaan' if info.active else ''}", info.id)
            if info.active:
                self.criteria_set.setCurrentIndex(self.criteria_set.count() - 1)

    def category_changed(self) -> None:
        category = self.current_category()
        self.editor.set_category(category)
        self.load_sets()
        self.lists_tab.set_category(category)
        self.show_draft()

    def show_draft(self) -> None:
        Op(self, lambda: lists.current_draft(self.app, self.actor, self.current_category())) \
            .success(self.show_list).run()

    def show_list(self, info: PriorityListInfo | None) -> None:
        """Show a list (draft or frozen) in every tab that shows one."""
        self.list_info = info
        self.bar.set_list(info, info.scope.describe(self.names) if info else "")
        self.ranked.show_list(info)
        self.recap.set_list(info)

    def refresh_shown(self) -> None:
        """A list changed (approved, frozen): show its current status."""
        info = self.list_info
        if info is not None and not info.is_draft:
            Op(self, lambda: lists.get_list(self.app, self.actor, info.id)) \
                .success(lambda fresh: self.bar.set_list(fresh, fresh.scope.describe(
                    self.names))).run()

    def open_frozen(self, info: PriorityListInfo) -> None:
        self.show_list(info)
        self.tabs.setCurrentWidget(self.ranked)

    def show_frozen_list(self, list_id: int) -> None:
        """Open a frozen list from the Beranda: its category, the list shown, and its row
        selected on the lists tab, where the pimpinan approves it."""
        Op(self, lambda: lists.get_list(self.app, self.actor, list_id)) \
            .success(self._focus_list).run()

    def _focus_list(self, info: PriorityListInfo) -> None:
        index = self.category.findData(info.category)
        if index >= 0 and index != self.category.currentIndex():
            self.category.setCurrentIndex(index)
        self.show_list(info)
        self.tabs.setCurrentWidget(self.lists_tab)
        self.lists_tab.select_list(info.id)

    def run_ranking(self) -> None:
        category = self.current_category()
        method = str(self.method.currentData())
        scope = RankScope(year=self.year.currentData(),
                          kecamatan_code=self.kecamatan.currentData() or "")
        set_id = self.criteria_set.currentData()
        self.rank_button.setEnabled(False)

        def done(info: PriorityListInfo) -> None:
            self.show_list(info)
            self.tabs.setCurrentWidget(self.ranked)

        job = Op(self, lambda progress: lists.run_ranking(self.app, self.actor, category,
                                                          method, set_id, scope, progress),
                 changes={PRIORITY_LISTS}, title="Menghitung peringkat…") \
            .success(done).run_in_background()
        job.done.connect(lambda: self.rank_button.setEnabled(True))
