"""Tables of the meeting editor's tabs: read-only rows with data, sensible column widths."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableWidget

COLUMN_WIDTHS = {"No": 40, "Desa": 110, "Topik": 190, "Permasalahan": 300, "Tanggapan": 260,
                 "Tindak lanjut": 330, "Penanggung jawab": 190, "Batas waktu": 130,
                 "Rapat asal": 240, "Status": 120}


def editor_table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(True)
    return table


def size_columns(table: QTableWidget) -> None:
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for col in range(table.columnCount()):
        item = table.horizontalHeaderItem(col)
        table.setColumnWidth(col, COLUMN_WIDTHS.get(item.text() if item else "", 150))
    table.resizeRowsToContents()
