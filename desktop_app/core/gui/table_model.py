"""Table model that sorts, filters and pages in SQL: only one page of rows is ever held."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.formatting import format_decimal, format_number

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row object behind a table row

Index = QModelIndex | QPersistentModelIndex


class PageSource(Protocol):
    """What a service offers a table: a count and one page, both under a filter, in SQL.

    A source may count only up to a limit: it then has ``count_limit`` and returns
    ``count_limit + 1`` for "more than that" (the table shows "lebih dari 10.000")."""

    def count(self, flt: Any) -> int: ...

    def fetch(self, flt: Any, sort: str, descending: bool, offset: int,
              limit: int) -> Sequence[Any]: ...


@dataclass(frozen=True)
class Column:
    key: str  # attribute of the row object
    header: str
    sort_key: str | None = None  # name the source sorts by; None: not sortable
    format: Callable[[Any], str] | None = None
    align_right: bool = False
    width: int | None = None
    value: Callable[[Any], Any] | None = None  # reads the cell from the row (default: key)


class PagedQueryModel(QAbstractTableModel):
    page_changed = Signal(int, int, int)  # page (1-based), pages, total rows

    def __init__(self, source: PageSource, columns: Sequence[Column], *, page_size: int = 100,
                 default_sort: str = "", descending: bool = True,
                 row_background: Callable[[Any], QColor | None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.columns = list(columns)
        self.page_size = page_size
        self.sort_key = default_sort
        self.descending = descending
        self.filter: Any = None
        self.page = 1
        self.total = 0
        self._rows: list[Any] = []
        self._row_background = row_background
        self._loaded = False
        self.more = False  # the source stopped counting: more than ``count_limit`` rows

    # -- loading -------------------------------------------------------------------------------
    def reload(self, *, recount: bool = True) -> None:
        self._loaded = True
        if recount:
            self.total = self.source.count(self.filter)
            limit = getattr(self.source, "count_limit", None)
            self.more = limit is not None and self.total > limit
        pages = self.page_count()
        self.page = max(1, self.page) if self.more else min(max(1, self.page), pages)
        rows = self.source.fetch(self.filter, self.sort_key, self.descending,
                                 (self.page - 1) * self.page_size, self.page_size)
        if self.more and len(rows) < self.page_size:  # the end, past the counted part
            self.total = (self.page - 1) * self.page_size + len(rows)
            self.more = False
            pages = self.page_count()
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()
        self.page_changed.emit(self.page, pages, self.total)

    def set_filter(self, flt: Any) -> None:
        self.filter = flt
        self.page = 1
        self.reload()

    def page_count(self) -> int:
        return max(1, -(-self.total // self.page_size))

    def go_to_page(self, page: int) -> None:
        self.page = page
        self.reload(recount=False)

    def row_object(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # -- Qt model API --------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = column.value(row) if column.value else getattr(row, column.key, None)
            if column.format is not None:
                return column.format(value) if value is not None else ""
            if isinstance(value, float):
                return format_decimal(value)  # decimal comma; ints (ids, years) as they are
            return "" if value is None else str(value)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and self._row_background is not None:
            color = self._row_background(row)
            return QBrush(color) if color is not None else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].header
        if orientation == Qt.Orientation.Vertical:
            return str((self.page - 1) * self.page_size + section + 1)
        return None

    def sort_column(self) -> int:
        """The column the current sort key belongs to (-1 when none shows it)."""
        keys = [c.sort_key for c in self.columns]
        return keys.index(self.sort_key) if self.sort_key in keys else -1

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns) or self.columns[column].sort_key is None:
            return
        key = self.columns[column].sort_key or ""
        descending = order == Qt.SortOrder.DescendingOrder
        if not self._loaded and (key, descending) == (self.sort_key, self.descending):
            return  # the view announcing the default sort: the first set_filter loads it
        self.sort_key, self.descending = key, descending
        self.page = 1
        self.reload(recount=False)


class PagedTableView(QWidget):
    """A table plus a page bar: « Sebelumnya · Halaman 2 dari 40 · 3.981 data · Berikutnya ».
    ``row_opened`` fires on a double click or Enter on a row (pages open the record)."""

    row_opened = Signal()

    def __init__(self, model: PagedQueryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.table = QTableView(self)
        # Qt activates a row on Enter and on a double click.
        self.table.activated.connect(lambda _index: self.row_opened.emit())
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        # The arrow shows the model's own default sort (Qt would otherwise sort by column 0).
        header.setSortIndicator(model.sort_column(), Qt.SortOrder.DescendingOrder
                                if model.descending else Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header.setSortIndicatorShown(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for i, col in enumerate(model.columns):
            if col.width:
                self.table.setColumnWidth(i, col.width)
        self.prev_button = QPushButton("‹ Sebelumnya")
        self.next_button = QPushButton("Berikutnya ›")
        self.page_label = QLabel()
        self.prev_button.clicked.connect(lambda: model.go_to_page(model.page - 1))
        self.next_button.clicked.connect(lambda: model.go_to_page(model.page + 1))
        model.page_changed.connect(self._on_page)
        bar = QHBoxLayout()
        bar.addWidget(self.page_label)
        bar.addStretch(1)
        bar.addWidget(self.prev_button)
        bar.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)

    def _on_page(self, page: int, pages: int, total: int) -> None:
        if self.model.more:
            limit = format_number(getattr(self.model.source, "count_limit", total))
            self.page_label.setText(f"Halaman {page} · lebih dari {limit} data")
        else:
            self.page_label.setText(f"Halaman {page} dari {format_number(pages)} · {format_number(total)} data")
        self.prev_button.setEnabled(page > 1)
        self.next_button.setEnabled(self.model.more or page < pages)

    def selected_row(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_object(rows[0].row()) if rows else None

    def select_where(self, matches: Callable[[Any], bool]) -> bool:
        """Select (and show) the first row of this page for which ``matches(row)``."""
        for i in range(self.model.rowCount()):
            if matches(self.model.row_object(i)):
                self.table.selectRow(i)
                self.table.scrollTo(self.model.index(i, 0))
                return True
        return False

