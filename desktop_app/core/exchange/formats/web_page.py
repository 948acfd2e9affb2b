"""An HTML table saved as .xls: web applications "export to Excel" so."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from desktop_app.core.exchange.formats.grid import (
    RawSheet,
    SpreadsheetError,
    clean_cell,
    missing_sheet,
    without_blank_tail,
)


def is_web_page(head: bytes) -> bool:
    """An .xls that is a web page: web applications "export to Excel" as an HTML table."""
    text = head.lstrip(b"\xef\xbb\xbf\xff\xfe\r\n\t ").lower()
    return text.startswith((b"<html", b"<!doctype html", b"<table", b"<meta", b"<head")) or (
        b"<table" in head.lower() and not head.startswith(b"\xd0\xcf\x11\xe0"))


class _TableParser:
    """The cells of the HTML tables in a page: each table as rows of texts, with its merged
    cells (colspan, rowspan) as (r0, c0, r1, c1)."""

    def __init__(self) -> None:
        from html.parser import HTMLParser

        owner = self
        self.tables: list[tuple[list[list[Any]], list[tuple[int, int, int, int]]]] = []
        self._taken: set[tuple[int, int]] = set()
        self._cell: list[str] | None = None
        self._span = (1, 1)

        class Parser(HTMLParser):
            def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
                owner.start(tag, dict(attrs))

            def handle_endtag(self, tag: str) -> None:
                owner.end(tag)

            def handle_data(self, data: str) -> None:
                if owner._cell is not None:
                    owner._cell.append(data)

        self.parser = Parser(convert_charrefs=True)

    def start(self, tag: str, attrs: dict[str, str | None]) -> None:
        if tag == "table":
            self.tables.append(([], []))
            self._taken = set()
        elif not self.tables:
            return
        elif tag == "tr":
            self.tables[-1][0].append([])
        elif tag in ("td", "th"):
            if not self.tables[-1][0]:
                self.tables[-1][0].append([])
            if self._cell is not None:  # the cell before it left open (HTML allows it)
                self.end("td")
            self._cell = []

            def number(name: str) -> int:
                try:
                    return max(1, min(int(attrs.get(name) or 1), 1000))
                except ValueError:
                    return 1
            self._span = (number("rowspan"), number("colspan"))
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def end(self, tag: str) -> None:
        if tag not in ("td", "th") or self._cell is None or not self.tables:
            return
        rows, merged = self.tables[-1]
        r = len(rows) - 1
        row = rows[r]
        c = len(row)
        while (r, c) in self._taken:  # under a cell spanning rows from above
            row.append(None)
            c += 1
        text = "".join(self._cell).replace("\xa0", " ")
        row.append(clean_cell(text))
        down, across = self._span
        row.extend([None] * (across - 1))
        if down > 1 or across > 1:
            merged.append((r, c, r + down - 1, c + across - 1))
            for i in range(r + 1, r + down):
                for j in range(c, c + across):
                    self._taken.add((i, j))
        self._cell = None


def read_web_page(path: Path, sheet: str | int | None) -> RawSheet:
    """An HTML table saved as .xls: its largest table, as one sheet named after the file."""
    data = path.read_bytes()
    found = re.search(rb'charset=["\']?([\w-]+)', data[:4096], re.IGNORECASE)
    encoding = found.group(1).decode() if found else "utf-8"
    try:
        text = data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        text = data.decode("cp1252", errors="replace")
    tables = _TableParser()
    tables.parser.feed(text)
    tables.parser.close()
    if not tables.tables:
        raise SpreadsheetError(f"Berkas {path.name} adalah halaman web tanpa tabel, bukan "
                               "lembar kerja Excel.")
    name = path.stem
    if sheet not in (None, 0, name):
        raise missing_sheet(path, sheet)
    rows, merged = max(tables.tables, key=lambda table: sum(map(len, table[0])))
    return RawSheet(name, without_blank_tail(rows), [name], merged)
