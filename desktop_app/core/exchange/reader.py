"""The rows of a sheet's grid (``formats.read_sheet`` opens the file, whatever its format):
the header row offices put below title rows, the sheet that holds the data, merged and ditto
cells filled down, and the data rows with the numbering, totals, repeated header, page, group
heading and signing rows set aside."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.core.domain.formatting import format_number
from desktop_app.core.exchange.formats import read_sheet
from desktop_app.core.exchange.formats.grid import RawSheet, SpreadsheetError, is_blank_row
from desktop_app.core.exchange.formats.xlsx import mark_formula_cells
from desktop_app.core.exchange.mapping import ColumnSpec, header_score, normalise_header

TOTAL_WORDS = {"jumlah", "total", "jumlahtotal", "grandtotal", "subtotal", "rekap"}


def is_numbering_row(row: Sequence[Any]) -> bool:
    """The '1 2 3 4 …' row that offices put under a header."""
    values = [v for v in row if v is not None and str(v).strip()]
    if len(values) < 3:
        return False
    numbers: list[int] = []
    for v in values:
        text = str(v).strip().strip("()")
        try:
            number = float(text)
        except ValueError:
            return False
        if not number.is_integer():
            return False
        numbers.append(int(number))
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))


_TOTAL_START = re.compile(r"^(sub\s*-?\s*)?(jumlah|total|grand\s*total|rekap)\b",
                          re.IGNORECASE)


def is_total_row(row: Sequence[Any]) -> bool:
    """A totals row: its first text (in the first four cells) is "Jumlah", "TOTAL", …; or
    begins so ("Jumlah Desa Inan", "Sub Total RT 03") in a row filled at most by half."""
    for v in row[:4]:
        if v is None:
            continue
        if isinstance(v, str):
            if not v.strip():
                continue
            if re.sub(r"[^a-z]", "", v.lower()) in TOTAL_WORDS:
                return True
            filled = len(row) - row.count("") - row.count(None)
            return bool(_TOTAL_START.match(v.strip())) and filled <= max(3, len(row) // 2)
        return False
    return False


@dataclass
class HeaderInfo:
    row_index: int  # 0-based index of the (last) header row
    headers: list[str]
    data_start: int  # 0-based index of the first data row


def _fill_merged_parents(row: Sequence[Any]) -> list[Any]:
    """A merged header ('Kondisi' over three sub-columns) has its text in the first cell only."""
    out: list[Any] = []
    last = None
    for v in row:
        if v is None:
            out.append(last)
        else:
            out.append(v)
            last = v
    return out


def _two_rows(upper: Sequence[Any], lower: Sequence[Any],
              specs: Sequence[ColumnSpec]) -> list[str]:
    """One header from two rows: a sub-header under its merged parent ('Kondisi' over 'Atap'
    reads 'Kondisi Atap' where that names a field better, else 'Atap'); a column merged down
    over both rows ('NIK') keeps the upper row's name."""
    parents = _fill_merged_parents(upper)
    combined: list[str] = []
    for j in range(max(len(upper), len(lower))):
        sub = lower[j] if j < len(lower) else None
        if isinstance(sub, str) and sub.strip():
            parent = parents[j] if j < len(parents) else None
            candidates = []
            if parent:  # the whole parent, then each of its words ('KONDISI RUMAH' → 'KONDISI'),
                # before and after the sub-header ('ATAP' over 'Kondisi' reads 'Kondisi ATAP':
                # 'Kondisi' alone would name another field)
                for word in [str(parent), *str(parent).split()]:
                    candidates += [f"{word} {sub}", f"{sub} {word}"]
            candidates.append(sub)
            combined.append(next((c for c in candidates if header_score([c], specs)), sub))
        else:
            own = upper[j] if j < len(upper) else None
            combined.append("" if own is None else str(own))
    return combined


# How far down the header row is looked for: offices put notes and instructions above it.
HEADER_SCAN = 100


def find_header_row(rows: Sequence[Sequence[Any]], specs: Sequence[ColumnSpec],
                    max_scan: int = HEADER_SCAN) -> HeaderInfo:
    best_index, best_score = -1, 0
    for i, row in enumerate(rows[:max_scan]):
        score = header_score(row, specs)
        if score > best_score:
            best_index, best_score = i, score
    if best_index < 0:
        raise SpreadsheetError(
            "Baris judul kolom tidak ditemukan: tidak ada kolom yang dikenali dalam "
            f"{max_scan} baris pertama. Pastikan ada kolom seperti "
            + ", ".join(s.label for s in list(specs)[:4]) + "."
        )
    header = [str(v) if v is not None else "" for v in rows[best_index]]
    row_index = best_index

    def usable(row: Sequence[Any]) -> bool:
        return not is_numbering_row(row) and not is_blank_row(row)

    # A two-row header: the best row may be the parent row (sub-headers below it) or the
    # sub-header row (its parents and the names merged down over both rows above it).
    pairs = []
    if best_index + 1 < len(rows) and usable(rows[best_index + 1]):
        pairs.append((best_index + 1, rows[best_index], rows[best_index + 1]))
    if best_index > 0 and usable(rows[best_index - 1]):
        pairs.append((best_index, rows[best_index - 1], rows[best_index]))
    for last, upper, lower in pairs:
        combined = _two_rows(upper, lower, specs)
        score = header_score(combined, specs)
        if score > best_score:
            header, row_index, best_score = combined, last, score
    start = row_index + 1
    while start < len(rows) and (is_numbering_row(rows[start]) or is_blank_row(rows[start])):
        start += 1
    return HeaderInfo(row_index, header, start)


@dataclass
class DataSheet:
    """The sheet a file's data is read from, its header, and every sheet that holds data
    (its header names at least three known fields), in workbook order: the visible ones only,
    unless none visible holds data."""

    raw: RawSheet
    header: HeaderInfo
    sheets: list[str]

    @property
    def other_sheets(self) -> list[str]:
        return [name for name in self.sheets if name != self.raw.name]


def read_data_sheet(path: Path | str, specs: Sequence[ColumnSpec],
                    sheet: str | None = None) -> DataSheet:
    """``sheet``, or the first sheet that holds data (the template's instructions, a cover or
    a recap may come first; an office keeps one tab per desa, RW or year: they are listed).
    A hidden sheet (a lookup list for the drop-downs, a hidden copy of the data) is chosen
    and listed only when no visible sheet holds data."""
    first = read_sheet(path)
    names = list(first.sheet_names)
    if sheet is not None and sheet not in names:
        raise SpreadsheetError(f"Lembar '{sheet}' tidak ada di {Path(path).name}; lembarnya: "
                               + ", ".join(names) + ".")
    read = {first.name: first}
    for index, other in enumerate(names):
        if index:
            try:
                read[other] = read_sheet(path, index)
            except SpreadsheetError:  # a tab that cannot be read holds no data we can use
                if other == sheet:
                    raise

    def score(name: str) -> int:
        return max((header_score(row, specs) for row in read[name].rows[:HEADER_SCAN]),
                   default=0)

    scores = {name: score(name) for name in read}
    visible = [name for name in read if name not in first.hidden]
    if any(scores[name] >= 3 for name in visible) or not any(
            scores[name] >= 3 for name in read):
        candidates = visible or list(read)
    else:
        candidates = list(read)  # only hidden sheets hold data
    if sheet is not None:
        chosen = sheet
    elif scores[candidates[0]] >= 3:
        chosen = candidates[0]
    else:
        chosen = max(candidates, key=lambda name: scores[name])  # the first of the best
    holding = [name for name in names if name in candidates and scores.get(name, 0) >= 3]
    raw = read[chosen]
    mark_formula_cells(path, names.index(chosen), raw)
    return DataSheet(raw, find_header_row(raw.rows, specs), holding or [chosen])


@dataclass
class SkippedRow:
    row_number: int  # 1-based, as the user sees it in Excel
    reason: str
    group: str = ""  # a group heading's name (the desa of the rows under it)


DITTO = {"sda", "s.d.a", "s.d.a.", "idem", "\"", "〃", "-do-", "dto", "ditto", "idem."}


def fill_down(rows: list[list[Any]], merged: Sequence[tuple[int, int, int, int]],
              start: int) -> None:
    """Cells merged over several data rows (a desa written once for its block) and ditto marks
    ("sda", "idem", '"') take the value above, as a reader of the sheet would."""
    for r0, c0, r1, c1 in merged:
        if r1 < start or r0 == r1:
            continue
        value = rows[r0][c0] if r0 < len(rows) and c0 < len(rows[r0]) else None
        for r in range(max(r0, start), min(r1, len(rows) - 1) + 1):
            for c in range(c0, c1 + 1):
                if c < len(rows[r]) and rows[r][c] is None:
                    rows[r][c] = value
    for r in range(start + 1, len(rows)):
        row, above = rows[r], rows[r - 1]
        for c, value in enumerate(row):
            if isinstance(value, str) and len(value) < 16 and value.strip().lower() in DITTO \
                    and c < len(above):
                row[c] = above[c]


# The block under a hand-kept sheet's data: place and date, "Mengetahui", the signatory's
# position, name and NIP, notes. Each of its rows holds one cell per signatory (up to three).
_SIGNING = re.compile(
    r"^(mengetahui|menyetujui|disetujui|diketahui|dibuat oleh|yang membuat|yang mengusulkan|"
    r"petugas|enumerator|pendata|kepala desa|pembakal|lurah|camat|kepala |ketua |sekretaris|"
    r"a\.?\s?n\.?\s|nip[ .:]|catatan\s*:|keterangan\s*:|ket\s*:|sumber\s*:|tembusan)",
    re.IGNORECASE)
_PLACE_AND_DATE = re.compile(r"^[^\d,]{3,40},\s*(tanggal\s+)?\d{1,2}[\s/-]+\S+[\s/-]+\d{2,4}$",
                             re.IGNORECASE)
SIGNING_ROW = "baris tanda tangan/keterangan"
GROUP_ROW = "baris judul kelompok"
PAGE_ROW = "baris nomor/judul halaman"
# A printed page's number: "Halaman 2", "Hal. 2 dari 5", "Hlm 3", "- 2 -", "Page 2 of 5".
_PAGE_NUMBER = re.compile(r"^(-\s*\d+\s*-|(halaman|hal|hlm|page)\.?\s*:?\s*\d+"
                          r"(\s*(dari|/|of)\s*\d+)?)$", re.IGNORECASE)


def _filled(row: Sequence[Any]) -> list[str]:
    return [str(v).strip() for v in row if v is not None and str(v).strip()]


def _opens_signing(cells: list[str]) -> bool:
    return any(_SIGNING.match(c) or _PLACE_AND_DATE.match(c) for c in cells)


def _header_cells(rows: Sequence[Sequence[Any]], header: HeaderInfo) -> list[set[str]]:
    """Per column, the header texts (both rows of a two-row header), normalised."""
    found: list[set[str]] = []
    for index in (header.row_index - 1, header.row_index):
        if 0 <= index < len(rows):
            for c, cell in enumerate(rows[index]):
                while len(found) <= c:
                    found.append(set())
                if cell is not None and str(cell).strip():
                    found[c].add(normalise_header(cell))
    return found


def _title_texts(rows: Sequence[Sequence[Any]], header: HeaderInfo) -> set[str]:
    """The title rows above the header (one or two cells, normalised): a printed layout
    writes them again at the top of every page."""
    found: set[str] = set()
    for row in rows[:header.row_index]:
        cells = _filled(row)
        if 1 <= len(cells) <= 2:
            found.update(normalise_header(c) for c in cells if len(c) > 8)
    found.discard("")
    return found


class _RepeatedHeader:
    """Tells the header written again inside the data (a second printed page pasted under the
    first): at least two cells, and most of the filled ones, are their column's header.

    Asked of every data row, so kept cheap with the same answers: a text is normalised only if
    it holds the first and last letters of one of its column's header names (every letter of
    ``normalise_header(text)`` is one of ``text.lower()``; most names, NIKs, dates and
    amounts are ruled out so), and a row is given up once its cells left cannot make the
    header's the most."""

    def __init__(self, names: list[set[str]]) -> None:
        self.names = names
        # Per column, the first and last letters of its names (None: a name normalised to
        # nothing, which any text may match).
        self.ends = [None if "" in found else [(name[0], name[-1]) for name in found]
                     for found in names]

    def is_header(self, text: str, column: int) -> bool:
        ends = self.ends[column]
        if ends is not None:
            low = text.lower()
            for first, last in ends:
                if first in low and last in low:
                    break
            else:
                return False
        return normalise_header(text) in self.names[column]

    def __call__(self, row: Sequence[Any]) -> bool:
        width = len(self.names)
        same = other = 0
        left = len(row)
        for c, cell in enumerate(row):
            left -= 1
            if cell is None:
                continue
            if isinstance(cell, str):
                if not cell.strip():
                    continue
                if c < width and self.is_header(cell, c):
                    same += 1
                    continue
            other += 1
            if other >= same + left:  # even if every cell left were the header's
                return False
        return same >= 2 and same > other


def iter_data_rows(rows: Sequence[Sequence[Any]], header: HeaderInfo,
                   skipped: list[SkippedRow] | None = None,
                   group: Callable[[list[str]], str | None] | None = None,
                   ) -> Iterator[tuple[int, Sequence[Any]]]:
    """(1-based row number, row) for every data row; set aside (into ``skipped``, with the
    reason): numbering and totals rows, the header written again (and, on a printed layout,
    the title rows and the page number of every page), the signing block under the
    data (rows of one to three cells from the first that reads "Mengetahui", "Paringin, 12
    Oktober 2026", "Kepala Desa …" or "NIP …", until a fuller row), and with ``group`` the
    headings of groups of rows ("A. DESA INAN"): a short row for which ``group`` gives a name
    (kept in its SkippedRow, for the rows under it)."""
    aside: Callable[[SkippedRow], None] = (skipped.append if skipped is not None
                                           else lambda _row: None)
    signing = False
    data = False
    repeats_header = _RepeatedHeader(_header_cells(rows, header))
    titles = _title_texts(rows, header)
    for i in range(header.data_start, len(rows)):
        row = rows[i]
        if is_blank_row(row):
            continue
        if len(row) - row.count("") - row.count(None) <= 3:  # C-level count
            cells = _filled(row)
            if len(cells) <= 2 and all(_PAGE_NUMBER.match(c) or normalise_header(c) in titles
                                       for c in cells):
                aside(SkippedRow(i + 1, PAGE_ROW))
                continue
            if data and len(cells) <= 3 and (signing or _opens_signing(cells)):
                signing = True
                aside(SkippedRow(i + 1, SIGNING_ROW))
                continue
            name = group(cells) if group is not None and not is_total_row(row) else None
            if name:
                aside(SkippedRow(i + 1, GROUP_ROW, name))
                signing = False
                continue
        signing = False
        reason = ("baris judul kolom berulang" if repeats_header(row)
                  else "baris nomor kolom" if is_numbering_row(row)
                  else "baris jumlah/total" if is_total_row(row) else None)
        if reason is not None:
            aside(SkippedRow(i + 1, reason))
            continue
        data = True
        yield i + 1, row


def skipped_text(skipped: Sequence[SkippedRow], limit: int = 4) -> str:
    """The rows set aside as not data, for a clerk: "baris 5 (nomor kolom); baris 10–12
    (tanda tangan/keterangan)"; a reason met in many places is counted instead."""
    by_reason: dict[str, list[int]] = {}
    for row in skipped:
        by_reason.setdefault(row.reason, []).append(row.row_number)
    parts = []
    for reason, numbers in by_reason.items():
        why = reason.removeprefix("baris ")
        spans: list[list[int]] = []
        for number in sorted(numbers):
            if spans and number == spans[-1][1] + 1:
                spans[-1][1] = number
            else:
                spans.append([number, number])
        if len(spans) > limit:
            parts.append(f"{format_number(len(numbers))} baris {why}")
            continue
        where = ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)
        parts.append(f"baris {where} ({why})")
    return "; ".join(parts)
