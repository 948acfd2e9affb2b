"""Streaming xlsx writing (openpyxl write-only) that never turns user text into a formula."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop_app.core.domain.progress import Progress

# A cell whose text starts with one of these would be read by Excel as a formula (CSV/formula
# injection); such text is always stored as a plain string cell.
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


def is_formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def _cell(ws: Any, value: Any, number_format: str | None = None, bold: bool = False) -> Any:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    if isinstance(value, str):
        # Illegal XML control characters would make the whole file unreadable.
        if not value.isprintable():
            value = "".join(ch for ch in value if ch in "\t\n\r" or ord(ch) >= 32)
        if not (number_format or bold or is_formula_like(value)):
            return value  # a plain cell: no cell object needed (big exports write millions)
    elif value is None or (isinstance(value, int | float) and not number_format and not bold):
        return value
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str) and is_formula_like(value):
        cell.data_type = "s"  # keep the exact text, never a formula
    if number_format:
        cell.number_format = number_format
    elif isinstance(value, datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, date):
        cell.number_format = DATE_FORMAT
    if bold:
        cell.font = Font(bold=True)
    return cell


def _print_setup(ws: Any, spec: SheetSpec, header_row: int) -> None:
    ws.page_setup.orientation = "landscape" if spec.is_landscape else "portrait"
    ws.page_setup.paperSize = PAPER_SIZES.get(spec.paper.upper(), PAPER_SIZES["A4"])
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"


def write_table(path: Path | str, sheets: Sequence[SheetSpec],
                progress: Progress | None = None) -> Path:
    """Write one or more sheets; rows are streamed, so memory stays flat for big exports."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    written = 0
    for spec in sheets:
        ws = wb.create_sheet(title=spec.title[:31])
        for i, col in enumerate(spec.columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = col.width
        header_row = len(spec.title_rows) + (2 if spec.title_rows else 1)
        _print_setup(ws, spec, header_row)
        if spec.freeze_header:
            ws.freeze_panes = f"A{header_row + 1}"
        last_row = header_row
        for line in spec.title_rows:
            ws.append([_cell(ws, line, bold=True)])
        if spec.title_rows:
            ws.append([])
        ws.append([_cell(ws, c.header, bold=True) for c in spec.columns])
        formats = [c.number_format for c in spec.columns]
        for row in spec.rows:
            ws.append([_cell(ws, v, formats[i] if i < len(formats) else None)
                       for i, v in enumerate(row)])
            last_row += 1
            written += 1
            if progress is not None and written % 500 == 0:
                progress(written, 0, f"{written} baris ditulis")
        if spec.autofilter and spec.columns:
            ws.auto_filter.ref = (
                f"A{header_row}:{get_column_letter(len(spec.columns))}{max(last_row, header_row)}"
            )
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    wb.save(partial)
    partial.replace(target)
    if progress is not None:
        progress(written, 0, f"{written} baris ditulis")
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
    ws["A1"] = title
    ws["A1"].font = Font(bold=True, size=13)
    header_row = 3
    fill = PatternFill("solid", fgColor="DDEBF7")
    choices_ws = wb.create_sheet("Pilihan")
    choice_col = 0
    for i, col in enumerate(columns, start=1):
        letter = get_column_letter(i)
        cell = ws.cell(row=header_row, column=i, value=col.header)
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
            choices_ws.cell(row=1, column=choice_col, value=col.header)
            for j, choice in enumerate(col.choices, start=2):
                choices_ws.cell(row=j, column=choice_col, value=choice)
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
    guide["A1"] = f"Petunjuk pengisian: {title}"
    guide["A1"].font = Font(bold=True, size=13)
    for r, line in enumerate(instructions, start=3):
        guide.cell(row=r, column=1, value=line).alignment = Alignment(wrap_text=True)
    notes = [c for c in columns if c.note]
    for r, col in enumerate(notes, start=len(instructions) + 4):
        guide.cell(row=r, column=1, value=f"{col.header}: {col.note}")
    wb.active = 0
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    wb.save(target)
    return target
