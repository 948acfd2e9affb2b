"""A workbook read with python-calamine (.xlsx, .xlsm, .xls, .ods): its rows, merged cells and
hidden sheets; what calamine does not give of an .ods (merged and error cells) from its XML."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop_app.core.exchange.formats.grid import (
    CellError,
    RawSheet,
    clean_cell,
    no_sheets,
    put_cell,
)

log = logging.getLogger(__name__)


def read_workbook(path: Path, sheet: str | int | None,
                  progress: Callable[[int, int], bool | None] | None) -> RawSheet:
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(path))
    try:
        names = list(wb.sheet_names)
        if not names:
            raise no_sheets(path)
        hidden = _hidden_sheets(wb)
        if sheet is None:
            ws = wb.get_sheet_by_index(0)
        elif isinstance(sheet, int):
            ws = wb.get_sheet_by_index(sheet)
        else:
            ws = wb.get_sheet_by_name(sheet)
        total = ws.height or 0
        rows: list[list[Any]] = []
        blank = 0  # empty rows not stored yet: none at all after the last used row
        for i, row in enumerate(ws.iter_rows()):
            if row.count("") == len(row):  # C-level: a sheet formatted down to row 1,048,576
                blank += 1
            else:
                if blank:
                    rows.extend([] for _ in range(blank))
                    blank = 0
                rows.append([clean_cell(v) for v in row])
            if progress is not None and i % 1000 == 0 and progress(i, total) is False:
                break
        # The rows come from the sheet's first row, but from its first used column (a sheet
        # with an empty margin column A starts at B); merged ranges count from A1.
        top, left = _origin(ws, len(rows))
        merged: list[tuple[int, int, int, int]] = []
        try:
            for rng in ws.merged_cell_ranges or []:
                (r0, c0), (r1, c1) = rng
                if c1 >= left and r1 >= top:
                    merged.append((max(r0 - top, 0), max(c0 - left, 0), r1 - top, c1 - left))
        except Exception:  # noqa: BLE001 - merged ranges are a hint only (not for every format)
            merged = []
        if path.suffix.lower() == ".ods":  # calamine gives no merged cells nor errors
            ods_merged, errors = _ods_cells(path, ws.name)
            merged = merged or [(r0 - top, max(c0 - left, 0), r1 - top, c1 - left)
                                for r0, c0, r1, c1 in ods_merged if c1 >= left and r0 >= top]
            for r, c, text in errors:
                if 0 <= r - top < len(rows) and c >= left:
                    put_cell(rows[r - top], c - left, CellError(text))
        return RawSheet(ws.name, rows, names, merged, hidden, origin=(top, left))
    finally:
        wb.close()


_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


_ODS_CALC = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"


def _ods_cells(path: Path, sheet: str
               ) -> tuple[list[tuple[int, int, int, int]], list[tuple[int, int, str]]]:
    """What calamine does not give of an .ods sheet, read from its content.xml: the merged
    cells (r0, c0, r1, c1 from A1) and the formula errors (row, column, "#DIV/0!"), counting
    the rows and cells an .ods writes once with a repeat count."""
    import zipfile
    from xml.etree.ElementTree import iterparse

    merged: list[tuple[int, int, int, int]] = []
    errors: list[tuple[int, int, str]] = []
    try:
        with zipfile.ZipFile(path) as archive:
            content = archive.read("content.xml")
            if b"-spanned=" not in content and b'value-type="error"' not in content:
                return [], []
            inside, row, column, at = False, 0, 0, 0
            with archive.open("content.xml") as stream:
                for event, elem in iterparse(stream, events=("start", "end")):
                    tag = elem.tag
                    if tag == f"{_ODS_TABLE}table":
                        if event == "start":
                            inside, row = elem.get(f"{_ODS_TABLE}name") == sheet, 0
                        elif inside:
                            break
                        continue
                    if not inside:
                        continue
                    if tag == f"{_ODS_TABLE}table-row":
                        if event == "start":
                            column = 0
                        else:
                            row += int(elem.get(f"{_ODS_TABLE}number-rows-repeated", "1"))
                            elem.clear()
                    elif tag in (f"{_ODS_TABLE}table-cell", f"{_ODS_TABLE}covered-table-cell"):
                        if event == "start":
                            at = column
                            rows = int(elem.get(f"{_ODS_TABLE}number-rows-spanned", "1"))
                            columns = int(elem.get(f"{_ODS_TABLE}number-columns-spanned", "1"))
                            if rows > 1 or columns > 1:
                                merged.append((row, column, row + rows - 1, column + columns - 1))
                            column += int(elem.get(f"{_ODS_TABLE}number-columns-repeated", "1"))
                        elif elem.get(f"{_ODS_CALC}value-type") == "error":
                            errors.append((row, at, "".join(elem.itertext()).strip() or "#N/A"))
    except Exception as exc:  # noqa: BLE001 - a hint only: calamine has read the sheet
        log.warning("Merged and error cells of %s not read: %s: %s", path,
                    type(exc).__name__, exc)
        return [], []
    return merged, errors


def _origin(ws: Any, height: int) -> tuple[int, int]:
    """The sheet cell (row, column) that is the first cell of the rows read."""
    try:
        (r0, c0), (r1, _c1) = ws.start, ws.end
    except Exception:  # noqa: BLE001 - an empty sheet has no range
        return 0, 0
    return (0 if height >= r1 + 1 else r0), c0


def _hidden_sheets(wb: Any) -> list[str]:
    """The sheets hidden in Excel or LibreOffice (a lookup list, a hidden copy of the data)."""
    from python_calamine import SheetVisibleEnum

    try:
        return [m.name for m in wb.sheets_metadata if m.visible != SheetVisibleEnum.Visible]
    except Exception:  # noqa: BLE001 - visibility is a hint only
        return []
