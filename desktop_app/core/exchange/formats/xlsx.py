"""What is read of an .xlsx/.xlsm's own XML, beside calamine: the formula and error cells
calamine reads as empty, and the slim copy of a sheet whose used range is huge."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from desktop_app.core.exchange.formats.grid import CellError, RawSheet, put_cell

log = logging.getLogger(__name__)

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


def slim_copy(path: Path, index: int, folder: Path) -> Path | None:
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
            put_cell(raw.rows[r], c, error)
