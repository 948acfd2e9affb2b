"""'XML Spreadsheet 2003': the XML older web applications save as .xls."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop_app.core.exchange.formats.grid import (
    RawSheet,
    SpreadsheetError,
    clean_cell,
    missing_sheet,
    no_sheets,
    without_blank_tail,
)

SIGNATURE = b"urn:schemas-microsoft-com:office:spreadsheet"  # in the first 2 KB of the file
_SS = "{urn:schemas-microsoft-com:office:spreadsheet}"


def read_xml_2003(path: Path, sheet: str | int | None) -> RawSheet:
    """An 'XML Spreadsheet 2003' file (older web applications save it as .xls): its
    worksheets, cells placed by ss:Index, merged by ss:MergeAcross/ss:MergeDown."""
    from xml.etree.ElementTree import ParseError, parse

    try:
        root = parse(path).getroot()
    except ParseError as exc:
        raise SpreadsheetError(f"Berkas {path.name} tidak dapat dibaca: XML-nya rusak "
                               f"({exc}).") from exc
    sheets = root.findall(f"{_SS}Worksheet")
    names = [ws.get(f"{_SS}Name") or f"Lembar{i + 1}" for i, ws in enumerate(sheets)]
    if not sheets:
        raise no_sheets(path)
    if sheet is None:
        index = 0
    elif isinstance(sheet, int):
        index = sheet
    elif sheet in names:
        index = names.index(sheet)
    else:
        index = len(sheets)
    if index >= len(sheets):
        raise missing_sheet(path, sheet)
    rows: list[list[Any]] = []
    merged: list[tuple[int, int, int, int]] = []
    table = sheets[index].find(f"{_SS}Table")
    for element in (table.findall(f"{_SS}Row") if table is not None else []):
        at = element.get(f"{_SS}Index")
        while at is not None and len(rows) < min(int(at), 1_048_576) - 1:
            rows.append([])
        row: list[Any] = []
        for cell in element.findall(f"{_SS}Cell"):
            place = cell.get(f"{_SS}Index")
            if place is not None:
                row.extend([None] * max(0, min(int(place), 16_384) - 1 - len(row)))
            data = cell.find(f"{_SS}Data")
            text = "".join(data.itertext()) if data is not None else ""
            value: Any = clean_cell(text)
            if data is not None and data.get(f"{_SS}Type") == "Number" and value is not None:
                try:
                    value = float(text)
                except ValueError:
                    pass
            across = int(cell.get(f"{_SS}MergeAcross") or 0)
            down = int(cell.get(f"{_SS}MergeDown") or 0)
            if across or down:
                merged.append((len(rows), len(row), len(rows) + down, len(row) + across))
            row.append(value)
            row.extend([None] * across)
        rows.append(row)
    # (the blank rows at the end dropped: a cell under a merge is skipped by ss:Index)
    return RawSheet(names[index], without_blank_tail(rows), names, merged)
