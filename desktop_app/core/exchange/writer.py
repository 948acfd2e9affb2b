"""Streaming xlsx writing (xlsxwriter, constant memory) that never turns user text into a
formula; the import template (openpyxl: drop-downs on a hidden sheet)."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop_app.core.domain.formatting import format_number
from desktop_app.core.domain.progress import Progress

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

RUPIAH_FORMAT = '"Rp"#,##0'
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
# Column widths (in characters) that still print readably across a portrait A4 page.
PORTRAIT_WIDTH = 110
PAPER_SIZES = {"A4": 9, "F4": 14}  # Excel's paperSize codes; 14 is Folio 8.5 x 13 in


@dataclass
class ColumnFormat:
    header: str
    width: float = 15
    number_format: str | None = None  # e.g. RUPIAH_FORMAT, DATE_FORMAT, "@" for text


@dataclass
class SheetSpec:
    title: str
    columns: Sequence[ColumnFormat]
    rows: Iterable[Sequence[Any]]
    title_rows: Sequence[str] = field(default_factory=list)  # above the header, e.g. office name
    freeze_header: bool = True
    autofilter: bool = True
    # Printing: always fitted to the page width with the header row repeated on every page;
    # landscape when asked, or (None) when the columns are wider than a portrait page.
    landscape: bool | None = None
    paper: str = "A4"  # or "F4" (Folio 8.5 x 13 in, as Excel names it)

    @property
    def is_landscape(self) -> bool:
        if self.landscape is not None:
            return self.landscape
        return sum(c.width for c in self.columns) > PORTRAIT_WIDTH


_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _clean(text: str) -> str:
    """Illegal XML control characters would make the whole file unreadable: dropped."""
    if text.isprintable():  # C speed; most text needs nothing more
        return text
    return _ILLEGAL_XML.sub("", text)


def is_formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def _xml_safe(value: Any) -> Any:
    # Illegal XML control characters would make the whole file unreadable.
    return _ILLEGAL_XML.sub("", value) if isinstance(value, str) else value


def _put(ws: Any, row: int, column: int, value: Any) -> Any:
    """A cell of a normal (not write-only) sheet whose text stays text, never a formula."""
    cell = ws.cell(row=row, column=column)
    value = _xml_safe(value)
    cell.value = value
    if is_formula_like(value):
        cell.data_type = "s"
    return cell


class _Formats:
    """xlsxwriter cell formats, one per number format (a workbook keeps each once)."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.bold = book.add_format({"bold": True})
        self._by_code: dict[str, Any] = {}

    def number(self, code: str | None) -> Any:
        if code is None:
            return None
        if code not in self._by_code:
            self._by_code[code] = self.book.add_format({"num_format": code})
        return self._by_code[code]


def _print_setup(ws: Any, spec: SheetSpec, header_row: int) -> None:
    """Fitted to the page width, as many pages down as needed, the header row on every page."""
    if spec.is_landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.set_paper(PAPER_SIZES.get(spec.paper.upper(), PAPER_SIZES["A4"]))
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(header_row - 1)


def _typed_writers(ws: Any) -> tuple[Any, Any, Any, Any]:
    """xlsxwriter's typed cell writers without their public wrappers (each wrapper first checks
    whether the cell was given as "A1", a Python call per cell); the public ones if a version
    lacks them."""
    names = ("write_string", "write_number", "write_datetime", "write_boolean")
    return tuple(getattr(ws, "_" + name, None) or getattr(ws, name)  # type: ignore[return-value]
                 for name in names)


def _write_rows(ws: Any, first_row: int, rows: Iterable[Sequence[Any]], formats: list[Any],
                fmt: _Formats, progress: Progress | None, written: int) -> tuple[int, int]:
    """Stream the data rows: one typed call per non-empty value (empty values write nothing);
    text always as text, so "=…" or "+62…" is never read as a formula. Returns the next row
    and the rows written so far."""
    write_string, write_number, write_datetime, write_boolean = _typed_writers(ws)
    date_format, datetime_format = fmt.number(DATE_FORMAT), fmt.number(DATETIME_FORMAT)
    # one format per column, and None past the declared columns
    formats = list(formats) + [None] * 16
    r = first_row
    for row in rows:
        if len(row) > len(formats):
            formats += [None] * (len(row) - len(formats))
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            kind = type(value)
            if kind is str:
                write_string(r, c, value if value.isprintable() else _clean(value), formats[c])
            elif kind is int or kind is float:
                write_number(r, c, value, formats[c])
            elif kind is date:
                write_datetime(r, c, value, formats[c] or date_format)
            elif kind is bool:
                write_boolean(r, c, value, formats[c])
            elif isinstance(value, datetime):
                write_datetime(r, c, value, formats[c] or datetime_format)
            elif isinstance(value, date):
                write_datetime(r, c, value, formats[c] or date_format)
            elif isinstance(value, int | float | Decimal):
                write_number(r, c, float(value), formats[c])
            else:
                write_string(r, c, _clean(str(value)), formats[c])
        r += 1
        written += 1
        if progress is not None and written % 500 == 0:
            progress(written, 0, f"{format_number(written)} baris ditulis")
    return r, written


def write_table(path: Path | str, sheets: Sequence[SheetSpec],
                progress: Progress | None = None, *, small: bool = False) -> Path:
    """Write one or more sheets; rows are streamed (xlsxwriter's constant-memory mode), so
    memory stays flat for big exports; ``small``: the caller knows the rows fit in memory
    (a few tens of thousands), which writes a fifth faster. Written to ``<name>.part`` and
    renamed when complete."""
    import xlsxwriter

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    book = xlsxwriter.Workbook(str(partial), {
        "constant_memory": not small, "strings_to_formulas": False, "strings_to_urls": False,
        "strings_to_numbers": False, "remove_timezone": True})
    fmt = _Formats(book)
    written = 0
    try:
        for spec in sheets:
            ws = book.add_worksheet(spec.title[:31])
            for i, col in enumerate(spec.columns):
                ws.set_column(i, i, col.width)
            header_row = len(spec.title_rows) + (2 if spec.title_rows else 1)  # 1-based
            _print_setup(ws, spec, header_row)
            if spec.freeze_header:
                ws.freeze_panes(header_row, 0)
            for r, line in enumerate(spec.title_rows):
                ws.write_string(r, 0, _clean(line), fmt.bold)
            for c, col in enumerate(spec.columns):
                ws.write_string(header_row - 1, c, _clean(col.header), fmt.bold)
            formats = [fmt.number(c.number_format) for c in spec.columns]
            next_row, written = _write_rows(ws, header_row, spec.rows, formats, fmt, progress,
                                            written)
            if spec.autofilter and spec.columns:
                ws.autofilter(header_row - 1, 0, max(next_row - 1, header_row - 1),
                              len(spec.columns) - 1)
    except BaseException:  # cancelled or failed: no half-written file is left behind
        with contextlib.suppress(Exception):
            book.close()
        partial.unlink(missing_ok=True)
        raise
    book.close()
    partial.replace(target)
    if progress is not None:
        progress(written, 0, f"{format_number(written)} baris ditulis")
    return target


def write_error_workbook(path: Path | str, headers: Sequence[str],
                         bad_rows: Iterable[tuple[int, Sequence[Any], str]]) -> Path:
    """Rejected rows as they were read, with the source row number and a reason per row."""
    columns = [ColumnFormat("Baris asal", 10), ColumnFormat("Alasan", 50)] + [
        ColumnFormat(str(h or f"Kolom {i + 1}"), 18) for i, h in enumerate(headers)
    ]
    rows = ([row_no, reason, *values] for row_no, values, reason in bad_rows)
    return write_table(path, [SheetSpec("Baris ditolak", columns, rows, title_rows=[
        "Baris yang ditolak saat impor. Perbaiki sesuai kolom 'Alasan', lalu impor ulang "
        "(baris yang sudah masuk tidak akan tercatat dua kali)."
    ])])


@dataclass
class TemplateColumn:
    header: str
    width: float = 18
    text: bool = False  # NIK / No. KK: formatted as text so Excel keeps all 16 digits
    choices: Sequence[str] | None = None
    note: str = ""


def write_template(path: Path | str, title: str, columns: Sequence[TemplateColumn],
                   instructions: Sequence[str], rows: int = 500) -> Path:
    """An import template: header row, drop-downs from a hidden 'Pilihan' sheet, instructions."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    _put(ws, 1, 1, title).font = Font(bold=True, size=13)
    header_row = 3
    fill = PatternFill("solid", fgColor="DDEBF7")
    choices_ws = wb.create_sheet("Pilihan")
    choice_col = 0
    for i, col in enumerate(columns, start=1):
        letter = get_column_letter(i)
        cell = _put(ws, header_row, i, col.header)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[letter].width = col.width
        if col.text:
            for r in range(header_row + 1, header_row + rows + 1):
                ws.cell(row=r, column=i).number_format = "@"
        if col.choices:
            choice_col += 1
            cl = get_column_letter(choice_col)
            _put(choices_ws, 1, choice_col, col.header)
            for j, choice in enumerate(col.choices, start=2):
                _put(choices_ws, j, choice_col, choice)
            ref = f"Pilihan!${cl}$2:${cl}${len(col.choices) + 1}"
            dv = DataValidation(type="list", formula1=f"={ref}", allow_blank=True,
                                showErrorMessage=True, errorTitle="Pilihan tidak valid",
                                error="Pilih salah satu nilai dari daftar.")
            dv.add(f"{letter}{header_row + 1}:{letter}{header_row + rows}")
            ws.add_data_validation(dv)
    ws.freeze_panes = f"A{header_row + 1}"
    choices_ws.sheet_state = "hidden"
    # The data sheet stays first: a file saved back from the template opens on it and an
    # importer that reads the first sheet finds the data; the instructions follow.
    guide = wb.create_sheet("Petunjuk", 1)
    guide.column_dimensions["A"].width = 110
    _put(guide, 1, 1, f"Petunjuk pengisian: {title}").font = Font(bold=True, size=13)
    for r, line in enumerate(instructions, start=3):
        _put(guide, r, 1, line).alignment = Alignment(wrap_text=True)
    notes = [c for c in columns if c.note]
    for r, col in enumerate(notes, start=len(instructions) + 4):
        _put(guide, r, 1, f"{col.header}: {col.note}")
    wb.active = 0
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    wb.save(target)
    return target
