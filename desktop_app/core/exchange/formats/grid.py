"""The grid every format reader gives: a sheet's rows of cells (``RawSheet``), a cell as the
import reads it (``clean_cell``, ``CellError``), and the error a file that cannot be read raises."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.core.domain.errors import AppError
from desktop_app.core.domain.formatting import format_number
from desktop_app.core.domain.parsing import clean_text


class SpreadsheetError(AppError):
    """A file that cannot be read; ``message`` is for the user (Indonesian)."""

    title = "Berkas tidak dapat dibaca"


def missing_sheet(path: Path, sheet: object) -> SpreadsheetError:
    return SpreadsheetError(f"Lembar kerja {sheet!s} tidak ada di berkas {path.name}.")


def no_sheets(path: Path) -> SpreadsheetError:
    return SpreadsheetError(f"Berkas {path.name} tidak berisi lembar kerja.")


@dataclass
class RawSheet:
    name: str
    rows: list[list[Any]]
    sheet_names: list[str] = field(default_factory=list)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1
    hidden: list[str] = field(default_factory=list)  # the workbook's hidden sheets
    # Formula cells saved without their value (see ``mark_formula_cells``), as "F2", …
    uncached: list[str] = field(default_factory=list)
    origin: tuple[int, int] = (0, 0)  # the sheet cell (row, column) of rows[0][0]


# What offices write in a cell that has nothing to say: a dash, dots, "N/A".
EMPTY_MARKS = frozenset({"-", "--", "---", "–", "—", ".", "..", "...", "N/A", "n/a", "#N/A"})


def clean_cell(value: Any) -> Any:
    """A cell as the import reads it: text cleaned (`clean_text`) and trimmed, without the
    apostrophe Excel keeps before a number typed into a text cell ("'4", "'6311…"); "" and the
    marks of an empty cell ("-", "—", "...", "N/A") as None."""
    if isinstance(value, str):
        value = clean_text(value).strip()
        if value.startswith("'"):
            value = value[1:].strip()
        if value in ERROR_VALUES:  # a formula's error, as calamine gives it or pasted as text
            return CellError(value)
        return None if not value or value in EMPTY_MARKS else value
    return value


# Excel's and LibreOffice's formula errors (#N/A is an empty mark: offices type it).
ERROR_VALUES = frozenset({"#DIV/0!", "#REF!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!",
                          "#SPILL!", "#CALC!", "Err:502", "Err:504", "Err:508", "Err:511",
                          "Err:522", "Err:523"})


class CellError(str):
    """A formula cell that holds no value to import: its error ("#REF!", "#DIV/0!", …), or
    "" for a formula saved without its value by a program that does not compute formulas."""

    __slots__ = ()

    @property
    def reason(self) -> str:
        if self:
            return f"sel berisi galat rumus {self} (perbaiki rumusnya di Excel)"
        return "sel berisi rumus tanpa nilai tersimpan"


def uncached_text(refs: Sequence[str]) -> str:
    """What to tell about a sheet whose formulas were saved without their values."""
    if not refs:
        return ""
    shown = ", ".join(refs[:3]) + (", …" if len(refs) > 3 else "")
    return (f"{format_number(len(refs))} sel berisi rumus tanpa nilai tersimpan ({shown}): "
            "program yang membuat berkas ini tidak menghitung rumusnya, jadi sel itu terbaca "
            "kosong. Buka berkas di Excel atau LibreOffice Calc, simpan ulang, lalu impor lagi")


def is_blank_row(row: Sequence[Any]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in row)


def without_blank_tail(rows: list[list[Any]]) -> list[list[Any]]:
    """``rows`` without the blank rows at their end."""
    while rows and is_blank_row(rows[-1]):
        rows.pop()
    return rows


def put_cell(row: list[Any], column: int, value: Any) -> None:
    """``value`` into ``row`` at ``column``, the row padded with empty cells to reach it."""
    if len(row) <= column:
        row.extend([None] * (column + 1 - len(row)))
    row[column] = value
