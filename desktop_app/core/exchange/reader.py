"""Reading .xlsx, .xls and .ods with python-calamine, finding the header row offices put
below title rows, and yielding data rows with the blank, numbering and totals rows set aside."""

from __future__ import annotations

import logging
import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.core.domain.errors import AppError
from desktop_app.core.domain.formatting import format_number
from desktop_app.core.domain.parsing import clean_text
from desktop_app.core.exchange.mapping import ColumnSpec, header_score, normalise_header

log = logging.getLogger(__name__)
SUPPORTED = {".xlsx", ".xlsm", ".xls", ".ods"}
TOTAL_WORDS = {"jumlah", "total", "jumlahtotal", "grandtotal", "subtotal", "rekap"}


class SpreadsheetError(AppError):
    """A file that cannot be read; ``message`` is for the user (Indonesian)."""

    title = "Berkas tidak dapat dibaca"


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


def read_sheet(path: Path | str, sheet: str | int | None = None,
               progress: Callable[[int, int], bool | None] | None = None) -> RawSheet:
    """All rows of one sheet as Python values (str, float, int, date, datetime, None).

    Every failure of the file (missing, unreadable, not a workbook, broken inside, locked with a
    password, no such sheet) is a ``SpreadsheetError`` with an Indonesian message; the
    library's own text goes to the log only."""
    path = Path(path)
    if path.suffix.lower() not in SUPPORTED:
        raise SpreadsheetError(
            f"Jenis berkas {path.suffix or '(tanpa ekstensi)'} tidak didukung; gunakan .xlsx, "
            ".xls atau .ods."
        )
    if not path.exists():
        raise SpreadsheetError(f"Berkas {path.name} tidak ditemukan.")
    if not path.is_file():
        raise SpreadsheetError(f"{path.name} adalah folder, bukan berkas lembar kerja.")
    try:
        return _read(path, sheet, progress)
    except SpreadsheetError:
        raise
    except Exception as exc:  # noqa: BLE001 - calamine, zip, XML and OS errors alike
        raise _translate(path, sheet, exc) from exc


def _translate(path: Path, sheet: str | int | None, exc: BaseException) -> SpreadsheetError:
    """The user's message for a library failure, chosen by the exception's type."""
    import python_calamine as calamine

    log.warning("Cannot read %s: %s: %s", path, type(exc).__name__, exc)
    if isinstance(exc, calamine.PasswordError):
        return SpreadsheetError(f"Berkas {path.name} dilindungi kata sandi; buka di Excel, hapus "
                                "kata sandinya, lalu simpan ulang.")
    if isinstance(exc, calamine.WorksheetNotFound | IndexError):
        return SpreadsheetError(f"Lembar kerja {sheet!s} tidak ada di berkas {path.name}.")
    if isinstance(exc, PermissionError):
        return SpreadsheetError(f"Berkas {path.name} tidak boleh dibaca (hak akses) atau sedang "
                                "dikunci program lain; tutup berkasnya lalu coba lagi.")
    if isinstance(exc, OSError) and not isinstance(exc, calamine.CalamineError):
        return SpreadsheetError(f"Berkas {path.name} tidak dapat dibaca dari penyimpanan; salin "
                                "ke folder lain lalu coba lagi.")
    return SpreadsheetError(
        f"Berkas {path.name} tidak dapat dibaca: rusak atau bukan lembar kerja Excel/ODS yang "
        "utuh. Buka di Excel "
        "atau LibreOffice, simpan ulang sebagai .xlsx, lalu impor lagi.")


def _read(path: Path, sheet: str | int | None,
          progress: Callable[[int, int], bool | None] | None) -> RawSheet:
    if path.stat().st_size == 0:
        raise SpreadsheetError(f"Berkas {path.name} kosong (0 byte).")
    if path.suffix.lower() == ".xls":
        with open(path, "rb") as handle:
            head = handle.read(2048)
        if _SPREADSHEET_2003 in head:
            return _read_xml_2003(path, sheet)
        if _is_web_page(head):
            return _read_web_page(path, sheet)
    if isinstance(sheet, int | None):
        with tempfile.TemporaryDirectory(prefix="ruko-baca-") as folder:
            try:
                slim = _slim_copy(path, sheet or 0, Path(folder))
            except Exception as exc:  # noqa: BLE001 - calamine says what is wrong with the file
                log.info("No slim copy of %s: %s: %s", path, type(exc).__name__, exc)
                slim = None
            if slim is not None:
                return _read_workbook(slim, sheet, progress)
    return _read_workbook(path, sheet, progress)


_SPREADSHEET_2003 = b"urn:schemas-microsoft-com:office:spreadsheet"
_SS = "{urn:schemas-microsoft-com:office:spreadsheet}"


def _read_xml_2003(path: Path, sheet: str | int | None) -> RawSheet:
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
        raise SpreadsheetError(f"Berkas {path.name} tidak berisi lembar kerja.")
    if sheet is None:
        index = 0
    elif isinstance(sheet, int):
        index = sheet
    elif sheet in names:
        index = names.index(sheet)
    else:
        index = len(sheets)
    if index >= len(sheets):
        raise SpreadsheetError(f"Lembar kerja {sheet!s} tidak ada di berkas {path.name}.")
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
    while rows and is_blank_row(rows[-1]):  # (a cell under a merge is skipped by ss:Index)
        rows.pop()
    return RawSheet(names[index], rows, names, merged)


def _is_web_page(head: bytes) -> bool:
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


def _read_web_page(path: Path, sheet: str | int | None) -> RawSheet:
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
        raise SpreadsheetError(f"Lembar kerja {sheet!s} tidak ada di berkas {path.name}.")
    rows, merged = max(tables.tables, key=lambda table: sum(map(len, table[0])))
    while rows and is_blank_row(rows[-1]):
        rows.pop()
    return RawSheet(name, rows, [name], merged)


def _read_workbook(path: Path, sheet: str | int | None,
                   progress: Callable[[int, int], bool | None] | None) -> RawSheet:
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(path))
    try:
        names = list(wb.sheet_names)
        if not names:
            raise SpreadsheetError(f"Berkas {path.name} tidak berisi lembar kerja.")
        hidden = _hidden_sheets(wb)
        if sheet is None:
            ws = wb.get_sheet_by_index(0)
        elif isinstance(sheet, int):
            ws = wb.get_sheet_by_index(sheet)
        else:
            ws = wb.get_sheet_by_name(sheet)
        total = ws.height or 0
        rows: list[list[Any]] = []
        blank = 0  # empty rows not stored yet: none at all after the last used row
        for i, row in enumerate(ws.iter_rows()):
            if row.count("") == len(row):  # C-level: a sheet formatted down to row 1,048,576
                blank += 1
            else:
                if blank:
                    rows.extend([] for _ in range(blank))
                    blank = 0
                rows.append([clean_cell(v) for v in row])
            if progress is not None and i % 1000 == 0 and progress(i, total) is False:
                break
        # The rows come from the sheet's first row, but from its first used column (a sheet
        # with an empty margin column A starts at B); merged ranges count from A1.
        top, left = _origin(ws, len(rows))
        merged: list[tuple[int, int, int, int]] = []
        try:
            for rng in ws.merged_cell_ranges or []:
                (r0, c0), (r1, c1) = rng
                if c1 >= left and r1 >= top:
                    merged.append((max(r0 - top, 0), max(c0 - left, 0), r1 - top, c1 - left))
        except Exception:  # noqa: BLE001 - merged ranges are a hint only (not for every format)
            merged = []
        if path.suffix.lower() == ".ods":  # calamine gives no merged cells nor errors
            ods_merged, errors = _ods_cells(path, ws.name)
            merged = merged or [(r0 - top, max(c0 - left, 0), r1 - top, c1 - left)
                                for r0, c0, r1, c1 in ods_merged if c1 >= left and r0 >= top]
            for r, c, text in errors:
                if 0 <= r - top < len(rows) and c >= left:
                    cells = rows[r - top]
                    if len(cells) <= c - left:
                        cells.extend([None] * (c - left + 1 - len(cells)))
                    cells[c - left] = CellError(text)
        return RawSheet(ws.name, rows, names, merged, hidden, origin=(top, left))
    finally:
        wb.close()


_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


_ODS_CALC = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"


def _ods_cells(path: Path, sheet: str
               ) -> tuple[list[tuple[int, int, int, int]], list[tuple[int, int, str]]]:
    """What calamine does not give of an .ods sheet, read from its content.xml: the merged
    cells (r0, c0, r1, c1 from A1) and the formula errors (row, column, "#DIV/0!"), counting
    the rows and cells an .ods writes once with a repeat count."""
    import zipfile
    from xml.etree.ElementTree import iterparse

    merged: list[tuple[int, int, int, int]] = []
    errors: list[tuple[int, int, str]] = []
    try:
        with zipfile.ZipFile(path) as archive:
            content = archive.read("content.xml")
            if b"-spanned=" not in content and b'value-type="error"' not in content:
                return [], []
            inside, row, column, at = False, 0, 0, 0
            with archive.open("content.xml") as stream:
                for event, elem in iterparse(stream, events=("start", "end")):
                    tag = elem.tag
                    if tag == f"{_ODS_TABLE}table":
                        if event == "start":
                            inside, row = elem.get(f"{_ODS_TABLE}name") == sheet, 0
                        elif inside:
                            break
                        continue
                    if not inside:
                        continue
                    if tag == f"{_ODS_TABLE}table-row":
                        if event == "start":
                            column = 0
                        else:
                            row += int(elem.get(f"{_ODS_TABLE}number-rows-repeated", "1"))
                            elem.clear()
                    elif tag in (f"{_ODS_TABLE}table-cell", f"{_ODS_TABLE}covered-table-cell"):
                        if event == "start":
                            at = column
                            rows = int(elem.get(f"{_ODS_TABLE}number-rows-spanned", "1"))
                            columns = int(elem.get(f"{_ODS_TABLE}number-columns-spanned", "1"))
                            if rows > 1 or columns > 1:
                                merged.append((row, column, row + rows - 1, column + columns - 1))
                            column += int(elem.get(f"{_ODS_TABLE}number-columns-repeated", "1"))
                        elif elem.get(f"{_ODS_CALC}value-type") == "error":
                            errors.append((row, at, "".join(elem.itertext()).strip() or "#N/A"))
    except Exception as exc:  # noqa: BLE001 - a hint only: calamine has read the sheet
        log.warning("Merged and error cells of %s not read: %s: %s", path,
                    type(exc).__name__, exc)
        return [], []
    return merged, errors


def _origin(ws: Any, height: int) -> tuple[int, int]:
    """The sheet cell (row, column) that is the first cell of the rows read."""
    try:
        (r0, c0), (r1, _c1) = ws.start, ws.end
    except Exception:  # noqa: BLE001 - an empty sheet has no range
        return 0, 0
    return (0 if height >= r1 + 1 else r0), c0


def _hidden_sheets(wb: Any) -> list[str]:
    """The sheets hidden in Excel or LibreOffice (a lookup list, a hidden copy of the data)."""
    from python_calamine import SheetVisibleEnum

    try:
        return [m.name for m in wb.sheets_metadata if m.visible != SheetVisibleEnum.Visible]
    except Exception:  # noqa: BLE001 - visibility is a hint only
        return []


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


_SHEET_ENTRY = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\br:id="([^"]+)"')
_RELATION = re.compile(rb'<Relationship\b[^>]*>')
_CELL = re.compile(
    rb'<(?:\w+:)?c\b([^>]*)>(<(?:\w+:)?f\b[^>]*/>|<(?:\w+:)?f\b[^>]*>[^<]*</(?:\w+:)?f>)'
    rb'(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>)?')
_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_ERROR_CELL = re.compile(
    rb'<(?:\w+:)?c\b([^>]*?\bt="e"[^>]*)>(?:<(?:\w+:)?f\b[^>]*/>|<(?:\w+:)?f\b[^>]*>[^<]*'
    rb'</(?:\w+:)?f>)?<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>')
_TYPE = re.compile(rb'\bt="(\w+)"')


def _sheet_part(archive: Any, index: int) -> str | None:
    """The zip member of the workbook's ``index``-th sheet (workbook order, as calamine
    counts)."""
    import posixpath

    entries = _SHEET_ENTRY.findall(archive.read("xl/workbook.xml"))
    if index >= len(entries):
        return None
    targets: dict[bytes, str] = {}
    for rel in _RELATION.findall(archive.read("xl/_rels/workbook.xml.rels")):
        rid, to = re.search(rb'\bId="([^"]+)"', rel), re.search(rb'\bTarget="([^"]+)"', rel)
        if rid and to:
            targets[rid.group(1)] = to.group(1).decode()
    target = targets.get(entries[index])
    if target is None:
        return None
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(
        posixpath.join("xl", target))


def _sheet_xml(archive: Any, index: int) -> bytes | None:
    name = _sheet_part(archive, index)
    return None if name is None else bytes(archive.read(name))


# A sheet whose used range is this many cells or more is read from a copy without its empty
# cells: calamine holds the whole range in memory (1,048,576 rows × 30 columns is 1 GB).
LARGE_RANGE = 2_000_000
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="[A-Z]*(\d*):?([A-Z]*)(\d*)"')
# A cell holding a value: a <v> with something in it, or an inline text not only spaces.
# (Searched as two plain patterns: a literal start makes the search fast.)
_VALUES = (re.compile(rb'<v>[^<]'), re.compile(rb'<t(?:\s[^>]*)?>\s*[^<\s]'))
_PREFIXED_VALUES = (re.compile(rb'<\w+:v>[^<]'), re.compile(rb'<\w+:t(?:\s[^>]*)?>\s*[^<\s]'))
_ROW_END = re.compile(rb'</(?:\w+:)?row>')
_DATA_END = re.compile(rb'</(?:\w+:)?sheetData>')
_WINDOW = 1 << 22


def _last_value(xml: bytes) -> int:
    """Where the sheet's last cell holding a value is (-1: none), searched from the end."""
    patterns = _VALUES if b"<sheetData" in xml[:_WINDOW] else _PREFIXED_VALUES
    end = len(xml)
    while end > 0:
        start = max(0, end - _WINDOW)
        last = -1
        for pattern in patterns:
            for found in pattern.finditer(xml, start, min(len(xml), end + 256)):
                last = max(last, found.start())
        if last >= 0:
            return last
        end = start
    return -1


def _slim_copy(path: Path, index: int, folder: Path) -> Path | None:
    """A copy of an .xlsx whose ``index``-th sheet spans a huge range (a formula or a space
    filled down to row 1,048,576) without the rows under its last value; None when the sheet
    is not such a sheet (the file is read as it is)."""
    import zipfile

    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return None
    with zipfile.ZipFile(path) as archive:
        part = _sheet_part(archive, index)
        if part is None:
            return None
        with archive.open(part) as stream:
            head = stream.read(4096)
        found = _DIMENSION.search(head)
        if found is None:
            return None
        first, letters, bottom = found.groups()
        columns = _column(letters) + 1 if letters else 1
        if int(bottom or first or 0) * columns < LARGE_RANGE:
            return None
        xml = archive.read(part)
        row_end = _ROW_END.search(xml, max(_last_value(xml), 0))
        data_end = list(_DATA_END.finditer(xml, max(0, len(xml) - _WINDOW)))
        if row_end is None or not data_end:
            return None
        xml = xml[:row_end.end()] + xml[data_end[-1].start():]  # the rows under it dropped
        if columns > WIDE:
            xml = _without_far_columns(xml)
        target = folder / path.name
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
            for info in archive.infolist():
                out.writestr(info, xml if info.filename == part else archive.read(info))
    return target


WIDE = 256  # a sheet this wide is looked at for a stray value far to the right
FAR_GAP = 50  # empty columns between the table and a value that is not part of it
_VALUE_COLUMN = re.compile(rb'<c r="([A-Z]+)\d+"[^>]*>(?:<f\b[^>]*/>|<f\b[^>]*>[^<]*</f>)?'
                           rb'(?:<v>[^<]|<is>)')


def _without_far_columns(xml: bytes) -> bytes:
    """The sheet without the values written far to the right of its table (past 50 empty
    columns: a stray entry in column XFD makes calamine hold 16,384 columns for every row)."""
    used = sorted({_column(letters) for letters in set(_VALUE_COLUMN.findall(xml))})
    cut = next((used[i - 1] for i in range(1, len(used)) if used[i] - used[i - 1] > FAR_GAP),
               None)
    if cut is None:
        return xml
    far = sorted({letters for letters in set(_VALUE_COLUMN.findall(xml))
                  if _column(letters) > cut})
    log.info("Values far right of the table not read: columns %s", b", ".join(far[:10]))
    cell = re.compile(rb'<c r="(?:' + b"|".join(far) + rb')\d+"[^>]*?(?:/>|>.*?</c>)', re.DOTALL)
    return cell.sub(b"", xml)


def _column(letters: bytes) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ch - 64
    return number - 1


def mark_formula_cells(path: Path | str, index: int, raw: RawSheet) -> None:
    """In an .xlsx/.xlsm sheet, the cells calamine reads as empty: an error value (of a formula,
    or pasted as a value) becomes ``CellError("#REF!")``; a formula saved without its value (a
    program that does not compute formulas wrote the file) ``CellError("")``, and its cell is
    listed in ``raw.uncached``. A sheet without formulas costs two searches of its XML."""
    import zipfile

    path = Path(path)
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return
    try:
        with zipfile.ZipFile(path) as archive:
            xml = _sheet_xml(archive, index)
    except Exception as exc:  # noqa: BLE001 - a hint only: calamine has read the sheet already
        log.warning("Formula cells of %s not checked: %s: %s", path, type(exc).__name__, exc)
        return
    if xml is None:
        return
    top, left = raw.origin
    height = len(raw.rows)
    marks: list[tuple[bytes, bytes, CellError]] = []
    if b't="e"' in xml:  # error values, with or without their formula (values pasted)
        for match in _ERROR_CELL.finditer(xml):
            ref = _REF.search(match.group(1))
            if ref is not None:
                if int(ref.group(2)) - 1 - top >= height:
                    break
                marks.append((ref.group(1), ref.group(2), CellError(match.group(2).decode())))
    if b"<f>" in xml or b"<f " in xml or b":f>" in xml:
        for match in _CELL.finditer(xml):
            attributes, value = match.group(1), match.group(3)
            ref = _REF.search(attributes)
            if ref is None:
                continue
            if int(ref.group(2)) - 1 - top >= height:
                break  # under the last row holding a value: nothing else there to import
            kind = _TYPE.search(attributes)
            if value is None or (not value and (kind is None or kind.group(1) not in
                                                (b"str", b"e"))):
                marks.append((ref.group(1), ref.group(2), CellError("")))
                raw.uncached.append((ref.group(1) + ref.group(2)).decode())
    for letters, number, error in marks:
        r, c = int(number) - 1 - top, _column(letters) - left
        if 0 <= r < height and c >= 0:
            row = raw.rows[r]
            if len(row) <= c:
                row.extend([None] * (c + 1 - len(row)))
            row[c] = error


def is_blank_row(row: Sequence[Any]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in row)


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


def _repeats_header(row: Sequence[Any], names: list[set[str]]) -> bool:
    """The header written again inside the data (a second printed page pasted under the
    first): at least two cells, and most of the filled ones, are their column's header."""
    same = filled = 0
    for c, cell in enumerate(row):
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            continue
        filled += 1
        if c < len(names) and isinstance(cell, str) and normalise_header(cell) in names[c]:
            same += 1
    return same >= 2 and same * 2 > filled


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
    signing = False
    data = False
    names = _header_cells(rows, header)
    titles = _title_texts(rows, header)
    for i in range(header.data_start, len(rows)):
        row = rows[i]
        if is_blank_row(row):
            continue
        if len(row) - row.count("") - row.count(None) <= 3:  # C-level count
            cells = _filled(row)
            if len(cells) <= 2 and all(_PAGE_NUMBER.match(c) or normalise_header(c) in titles
                                       for c in cells):
                if skipped is not None:
                    skipped.append(SkippedRow(i + 1, PAGE_ROW))
                continue
            if data and len(cells) <= 3 and (signing or _opens_signing(cells)):
                signing = True
                if skipped is not None:
                    skipped.append(SkippedRow(i + 1, SIGNING_ROW))
                continue
            name = group(cells) if group is not None and not is_total_row(row) else None
            if name:
                if skipped is not None:
                    skipped.append(SkippedRow(i + 1, GROUP_ROW, name))
                signing = False
                continue
        signing = False
        if _repeats_header(row, names):
            if skipped is not None:
                skipped.append(SkippedRow(i + 1, "baris judul kolom berulang"))
            continue
        if is_numbering_row(row):
            if skipped is not None:
                skipped.append(SkippedRow(i + 1, "baris nomor kolom"))
            continue
        if is_total_row(row):
            if skipped is not None:
                skipped.append(SkippedRow(i + 1, "baris jumlah/total"))
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


def header_key(text: object) -> str:
    return normalise_header(text)
