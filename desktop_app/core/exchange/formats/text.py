"""Text tables: CSV (with or without a 'sep=' line) and Excel's "Unicode Text" (.txt: UTF-16
with tabs) or a .tsv, as rows of cells cleaned as the workbook readers clean them."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from desktop_app.core.exchange.formats.grid import SpreadsheetError, clean_cell

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
