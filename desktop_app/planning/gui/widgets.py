"""Small widgets of the planning screens: pick lists, Rupiah fields, tables of plain rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
)

from desktop_app.core.domain import clock, parsing
from desktop_app.core.domain.formatting import format_number
from desktop_app.core.domain.labels import LabeledEnum
from desktop_app.core.gui.fields import OneTabDateEdit
from desktop_app.core.services import regions
from desktop_app.core.services.context import AppContext


def combo(items: Iterable[tuple[object, str]], first: str | None = None) -> QComboBox:
    """A pick list of (value, label); ``first`` adds an 'all/none' entry with value None."""
    box = QComboBox()
    # Shrinks with the window (1024 px screens) instead of widening it to the longest label.
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(8)
    if first is not None:
        box.addItem(first, None)
    for value, label in items:
        box.addItem(label, value)
    return box


def enum_combo(enum: type[LabeledEnum], first: str | None = None) -> QComboBox:
    return combo(((m.value, m.label) for m in enum), first)


def select(box: QComboBox, value: object) -> bool:
    i = box.findData(value)
    if i >= 0:
        box.setCurrentIndex(i)
    return i >= 0


def desa_combo(app: AppContext, kecamatan: str | None = regions.HOME_KECAMATAN,
               first: str | None = None) -> QComboBox:
    return combo(((d.code, d.label) for d in regions.list_desa(app, kecamatan)), first)


def year_combo(years: Sequence[int], current: int) -> QComboBox:
    values = sorted(set(years) | {current}, reverse=True)
    box = combo((y, f"RKPD {y}") for y in values)
    box.setToolTip("Tahun rencana (tahun RKPD yang direncanakan)")
    select(box, current)
    return box


def save_buttons(on_save: object, on_cancel: object, ok: str = "Simpan") -> QDialogButtonBox:
    """Simpan/Batal (or another word for OK) wired to a dialog's handlers."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Save).setText(ok)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Batal")
    buttons.accepted.connect(on_save)
    buttons.rejected.connect(on_cancel)
    return buttons


def money_edit(value: int | None = None) -> QLineEdit:
    edit = QLineEdit(format_number(value) if value is not None else "")
    edit.setAlignment(Qt.AlignmentFlag.AlignRight)
    edit.setPlaceholderText("Rp")
    return edit


def money_value(edit: QLineEdit) -> int | None:
    """The Rupiah typed ('1.500.000', 'Rp 1,5 juta' is not accepted); None when empty."""
    text = edit.text().strip()
    if not text:
        return None
    return int(round(parsing.to_decimal_number(text)))


def number_value(edit: QLineEdit) -> float | None:
    text = edit.text().strip()
    if not text:
        return None
    return parsing.to_decimal_number(text)


def date_edit(d: date | None = None) -> QDateEdit:
    return OneTabDateEdit(d or clock.today())


def date_of(edit: QDateEdit) -> date:
    q = edit.date()
    return date(q.year(), q.month(), q.day())


def fill_table(table: QTableWidget, headers: Sequence[str], rows: Sequence[Sequence[object]],
               data: Sequence[object] | None = None, right: Sequence[int] = ()) -> None:
    """Replace a small table's rows (a few hundred at most: big lists page in SQL instead)."""
    table.setSortingEnabled(False)
    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if c in right:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
            if c == 0 and data is not None:
                item.setData(Qt.ItemDataRole.UserRole, data[r])
            table.setItem(r, c, item)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)


def selected_data(table: QTableWidget) -> object | None:
    rows = table.selectionModel().selectedRows() if table.selectionModel() else []
    if not rows:
        return None
    item = table.item(rows[0].row(), 0)
    return item.data(Qt.ItemDataRole.UserRole) if item else None
