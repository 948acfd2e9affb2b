"""Finding the submissions in a file: the sheet whose header names the most known fields (the
template's data sheet, whatever its position), or a CSV; merged and ditto cells filled down."""

from __future__ import annotations

import csv
import io
import re
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
    uncached: list[str] = field(default_factory=list)  # formula cells saved without a value


# Text tables: CSV, and Excel's "Unicode Text" (.txt: UTF-16 with tabs) or a .tsv.
TEXT_SUFFIXES = frozenset({".csv", ".txt", ".tsv"})


_SEP_LINE = re.compile(r"^\ufeff?\"?sep=([,;\t|])\"?[ \t]*\r?\n", re.IGNORECASE)


def _utf16(data: bytes) -> tuple[str, ...]:
    """UTF-16 when the bytes say so: its BOM (Excel's *Unicode Text*), or without one a zero
    byte in every other place of the first line (plain ASCII headers)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return ("utf-16",)
    head = data[:200]
    if len(head) >= 8 and head.count(0) * 3 >= len(head):
        return ("utf-16-le",) if head[1::2].count(0) > head[0::2].count(0) else ("utf-16-be",)
    return ()


def read_csv(path: Path) -> list[list[Any]]:
    """A CSV file: ODK Central's (UTF-8, commas), KoboToolbox's (semicolons, quotes, a BOM),
    Excel's on an Indonesian Windows (semicolons, the Windows code page) or Excel's *Unicode
    Text* (UTF-16, tabs; .txt). A quoted cell over several lines (Alt+Enter in Excel,
    a multi-line answer on a phone) keeps its line breaks; texts are cleaned as the workbook
    reader cleans them; empty cells become None."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SpreadsheetError(f"Berkas {path.name} tidak dapat dibaca: {exc}") from exc
    text = ""
    for encoding in (*_utf16(data), "utf-8-sig", "cp1252", "latin-1"):  # latin-1: any byte
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    dialect: Any = csv.excel
    named = _SEP_LINE.match(text)
    if named:  # 'sep=;': the separator named on the first line, which is not a row
        text = text[named.end():]
        dialect = type("Named", (csv.excel,), {"delimiter": named.group(1)})
    else:
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
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
