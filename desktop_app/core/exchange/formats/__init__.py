"""Opening a spreadsheet file of any format the imports read, as one sheet's grid of cells
(``grid.RawSheet``): ``read_sheet`` looks at the file and hands it to its format's reader.

A new format: a module here whose reader returns a ``RawSheet`` (cells through
``grid.clean_cell``, failures as ``grid.SpreadsheetError`` in Indonesian), chosen in ``_read``
by the file's suffix or first bytes. What is done with the rows (header, data rows, totals) is
``core/exchange/reader.py``'s, whatever the format."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from pathlib import Path

from desktop_app.core.exchange.formats import web_page, xml2003
from desktop_app.core.exchange.formats.grid import RawSheet, SpreadsheetError, missing_sheet
from desktop_app.core.exchange.formats.workbook import read_workbook
from desktop_app.core.exchange.formats.xlsx import slim_copy

log = logging.getLogger(__name__)
SUPPORTED = {".xlsx", ".xlsm", ".xls", ".ods"}


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
        return missing_sheet(path, sheet)
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
        if xml2003.SIGNATURE in head:
            return xml2003.read_xml_2003(path, sheet)
        if web_page.is_web_page(head):
            return web_page.read_web_page(path, sheet)
    if isinstance(sheet, int | None):
        with tempfile.TemporaryDirectory(prefix="ruko-baca-") as folder:
            try:
                slim = slim_copy(path, sheet or 0, Path(folder))
            except Exception as exc:  # noqa: BLE001 - calamine says what is wrong with the file
                log.info("No slim copy of %s: %s: %s", path, type(exc).__name__, exc)
                slim = None
            if slim is not None:
                return read_workbook(slim, sheet, progress)
    return read_workbook(path, sheet, progress)
