"""Finding the submissions in a file: the sheet whose header names the most known fields (the
template's data sheet, whatever its position), or a CSV; merged and ditto cells filled down."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.core.domain.progress import Progress
from desktop_app.core.exchange.mapping import ColumnSpec
from desktop_app.core.exchange.reader import (
    HeaderInfo,
    SpreadsheetError,
    clean_cell,
    find_header_row,
    read_data_sheet,
)
from desktop_app.intake.exchange.rows import fill_down


@dataclass
class SheetFound:
    rows: list[list[Any]]
    header: HeaderInfo
    sheet: str
    # Every sheet that holds submissions (its header names known fields), in workbook order:
    # an office keeps one tab per desa or per year.
    sheets: list[str] = field(default_factory=list)


def read_csv(path: Path) -> list[list[Any]]:
    """A CSV file: ODK Central's (UTF-8, commas) or Excel's on an Indonesian Windows
    (semicolons, the Windows code page). A quoted cell over several lines (Alt+Enter in Excel,
    a multi-line answer on a phone) keeps its line breaks; texts are cleaned as the workbook
    reader cleans them; empty cells become None."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SpreadsheetError(f"Berkas {path.name} tidak dapat dibaca: {exc}") from exc
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):  # latin-1 decodes any byte
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    dialect = csv.excel
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")  # type: ignore[assignment]
    except csv.Error:
        pass
    return [[clean_cell(cell) for cell in row]
            for row in csv.reader(io.StringIO(text, newline=""), dialect)]


def read_submissions_sheet(path: Path | str, specs: Sequence[ColumnSpec],
                           progress: Progress | None = None,
                           sheet: str | None = None) -> SheetFound:
    """The submissions of ``sheet``, or of the first sheet that holds some (the template's
    instructions, a cover or a recap sheet may come first)."""
    path = Path(path)
    if progress is not None:
        progress(0, 0, f"Membaca {path.name}…")
    if path.suffix.lower() == ".csv":
        if not path.exists():
            raise SpreadsheetError(f"Berkas {path.name} tidak ditemukan.")
        rows = read_csv(path)
        header = find_header_row(rows, specs)
        fill_down(rows, [], header.data_start)
        return SheetFound(rows, header, path.stem, [path.stem])
    found = read_data_sheet(path, specs, sheet)
    fill_down(found.raw.rows, found.raw.merged, found.header.data_start)
    return SheetFound(found.raw.rows, found.header, found.raw.name, found.sheets)
