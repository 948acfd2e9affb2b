"""The ranked table of the list shown: filter by eligibility, desa, RT or text, sort by a column
header, page in the service; the selected row's explanation below it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.gui.operations import Op
from desktop_app.core.gui.table_model import Column, PagedQueryModel, PagedTableView
from desktop_app.core.services import regions
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.ranking.domain.criteria import format_value
from desktop_app.ranking.domain.methods import Criterion
from desktop_app.ranking.gui.common import INELIGIBLE_COLOR, MISSING_COLOR, score_text
from desktop_app.ranking.gui.explain_panel import ExplainDialog, ExplainPanel
from desktop_app.ranking.services.entries import RankedPageSource
from desktop_app.ranking.services.lists import PriorityListInfo
from desktop_app.ranking.services.rows import EntryFilter, RankedRow


def _columns(criteria: list[Criterion]) -> list[Column]:
    columns = [Column("rank", "Rank", "rank", width=55, align_right=True),
               Column("number", "Nomor", "number", width=120),
               Column("name", "Nama", "name", width=170),
               Column("desa", "Desa/Kel.", "desa", width=120),
               Column("rt_rw", "RT/RW", None, width=60),
               Column("score", "Skor", "score", score_text, width=70, align_right=True)]
    for j, c in enumerate(criteria):
        columns.append(Column(
            f"criterion_{j}", c.name, None, lambda v, c=c: format_value(c, v), width=110,
            align_right=True, value=lambda row, j=j: row.values[j] if j < len(row.values)
            else None))
    columns.append(Column("reason", "Alasan tidak memenuhi syarat", None, width=260))
    return columns


def _background(row: RankedRow):  # type: ignore[no-untyped-def]
    return INELIGIBLE_COLOR if not row.eligible else MISSING_COLOR if row.missing else None


class RankedTab(QWidget):
    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        self.info: PriorityListInfo | None = None
        self.criteria: list[Criterion] = []
        self.model: PagedQueryModel | None = None
        self.view: PagedTableView | None = None
        self.dialogs: list[ExplainDialog] = []

        self.show_filter = QComboBox()
        self.show_filter.addItem("Diperingkat (memenuhi syarat)", True)
        self.show_filter.addItem("Tidak memenuhi syarat", False)
        self.show_filter.addItem("Semua", None)
        self.desa = QComboBox()
        self.desa.addItem("Semua desa/kelurahan", "")
        for d in regions.list_desa(app, None):
            self.desa.addItem(d.label, d.code)
        self.desa.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.desa.setMinimumContentsLength(14)
        self.rt = QLineEdit()
        self.rt.setPlaceholderText("RT")
        self.rt.setMaximumWidth(60)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Cari nomor atau nama…")
        self.search.setClearButtonEnabled(True)
        filters = QHBoxLayout()
        for w in (self.show_filter, self.desa, self.rt):
            filters.addWidget(w)
        filters.addWidget(self.search, 1)
        self._debounce = QTimer(self, singleShot=True, interval=300)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.rt.textChanged.connect(lambda _t: self._debounce.start())
        self.show_filter.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.desa.currentIndexChanged.connect(lambda _i: self.apply_filter())

        holder = QWidget()
        self.table_holder = QVBoxLayout(holder)
        self.table_holder.setContentsMargins(0, 0, 0, 0)
        self.placeholder = QLabel("Tabel peringkat muncul di sini.")
        self.table_holder.addWidget(self.placeholder)
        self.explain_panel = ExplainPanel(app, actor, self)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(holder)
        splitter.addWidget(self.explain_panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([330, 200])
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)

    def show_list(self, info: PriorityListInfo | None) -> None:
        """Show a list (draft or frozen), paged by the service."""
        self.info = info
        if self.view is not None:
            self.table_holder.removeWidget(self.view)
            self.view.deleteLater()
            self.view, self.model = None, None
        self.explain_panel.clear()
        self.placeholder.setVisible(info is None)
        if info is None:
            return
        source = RankedPageSource(self.app, self.actor, info.id)
        self.criteria = source.criteria
        self.model = PagedQueryModel(source, _columns(self.criteria), page_size=100,
                                     default_sort="rank", descending=False,
                                     row_background=_background, parent=self)
        self.view = PagedTableView(self.model, self)
        table = self.view.table
        table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        table.selectionModel().selectionChanged.connect(lambda *_a: self.explain_selected())
        table.activated.connect(lambda _index: self.open_explanation())
        self.table_holder.addWidget(self.view)
        self.apply_filter()

    def current_filter(self) -> EntryFilter:
        rt = self.rt.text().strip()
        return EntryFilter(eligible=self.show_filter.currentData(),
                           desa_code=self.desa.currentData() or "",
                           rt=rt.zfill(3) if rt else "", text=self.search.text())

    def apply_filter(self) -> None:
        model = self.model
        if model is not None:
            Op(self, lambda: model.set_filter(self.current_filter())).run()

    def selected_row(self) -> RankedRow | None:
        return self.view.selected_row() if self.view is not None else None

    def explain_selected(self) -> None:
        row = self.selected_row()
        if row is not None and self.info is not None:
            self.explain_panel.explain(self.info.id, self.criteria, row.submission_id)

    def open_explanation(self) -> None:
        row = self.selected_row()
        if row is None or self.info is None:
            return
        dialog = ExplainDialog(self.app, self.actor, self.info.id, self.criteria,
                               row.submission_id, self)
        dialog.finished.connect(lambda _r: self.dialogs.remove(dialog))
        self.dialogs.append(dialog)
        dialog.show()
