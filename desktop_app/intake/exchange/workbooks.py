"""Finding the submissions in a file: the sheet whose header names the most known fields (the
template's data sheet, whatever its position), or a CSV; merged and ditto cells filled down."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.core.domain.progress import Progress
from desktop_app.core.exchange.formats.grid import SpreadsheetError
from desktop_app.core.exchange.formats.text import TEXT_SUFFIXES, read_csv
from desktop_app.core.exchange.mapping import ColumnSpec
from desktop_app.core.exchange.reader import HeaderInfo, fill_down, find_header_row, read_data_sheet


@dataclass
class SheetFound:
    rows: list[list[Any]]
    header: HeaderInfo
    sheet: str
    # Every sheet that holds submissions (its header names known fields), in workbook order:
    # an office keeps one tab per desa or per year.
    sheets: list[str] = field(default_factory=list)
    uncached: list[str] = field(default_factory=list)  # formula cells saved without a value


def read_submissions_sheet(path: Path | str, specs: Sequence[ColumnSpec],
                           progress: Progress | None = None,
                           sheet: str | None = None) -> SheetFound:
    """The submissions of ``sheet``, or of the first sheet that holds some (the template's
    instructions, a cover or a recap sheet may come first)."""
    path = Path(path)
    if progress is not None:
        progress(0, 0, f"Membaca {path.name}…")
    if path.suffix.lower() in TEXT_SUFFIXES:
        if not path.exists():
            raise SpreadsheetError(f"Berkas {path.name} tidak ditemukan.")
        rows = read_csv(path)
        header = find_header_row(rows, specs)
        fill_down(rows, [], header.data_start)
        return SheetFound(rows, header, path.stem, [path.stem])
    found = read_data_sheet(path, specs, sheet)
    fill_down(found.raw.rows, found.raw.merged, found.header.data_start)
    return SheetFound(found.raw.rows, found.header, found.raw.name, found.sheets,
                      found.raw.uncached)
