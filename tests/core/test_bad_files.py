"""Every bad file a clear Indonesian message (finding 8), dates before 1900 refused, control
characters never stored, formula-like text kept as text in every workbook the app writes
(finding 9)."""

from __future__ import annotations

import io
import random
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from desktop_app.core.domain import parsing
from desktop_app.core.exchange import writer
from desktop_app.core.exchange.formats import read_sheet
from desktop_app.core.exchange.formats.grid import SpreadsheetError

ENGLISH = ("error", "could not", "eocd", "os error", "zip", "xml", "invalid", "failed",
           "traceback", "calamine", "unsupported", "file is not", "cannot")


def _valid_xlsx(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["Nama Pelapor", "NIK", "Desa"])
    ws.append(["Siti Aisyah", "6311074101900001", "Inan"])
    wb.save(path)
    return path


def _broken_sheet_xml(path: Path) -> Path:
    """A sound zip whose worksheet XML is cut off: calamine fails only when the sheet is read
    (``get_sheet_by_index``), which used to escape outside the try."""
    source = _valid_xlsx(path.with_name("asal.xlsx"))
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = data[: len(data) // 2]
            zout.writestr(item, data)
    return path


def _bad_files(tmp_path: Path) -> dict[str, Path]:
    rng = random.Random(10)
    files: dict[str, Path] = {}
    empty = tmp_path / "kosong.xlsx"
    empty.write_bytes(b"")
    files["empty"] = empty
    noise = tmp_path / "acak.xlsx"
    noise.write_bytes(bytes(rng.randrange(256) for _ in range(5000)))
    files["noise"] = noise
    truncated = tmp_path / "terpotong.xlsx"
    raw = _valid_xlsx(tmp_path / "utuh.xlsx").read_bytes()
    truncated.write_bytes(raw[: len(raw) // 2])
    files["truncated"] = truncated
    files["sheet_xml"] = _broken_sheet_xml(tmp_path / "lembar-rusak.xlsx")
    not_xlsx = tmp_path / "bukan.xlsx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("readme.txt", "bukan lembar kerja")
    not_xlsx.write_bytes(buffer.getvalue())
    files["zip_without_workbook"] = not_xlsx
    xls = tmp_path / "acak.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(rng.randrange(256) for _ in range(3000)))
    files["xls_noise"] = xls
    ods = tmp_path / "acak.ods"
    ods.write_bytes(b"PK\x03\x04" + bytes(rng.randrange(256) for _ in range(3000)))
    files["ods_noise"] = ods
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    files["folder"] = folder
    return files


@pytest.mark.parametrize("kind", ["empty", "noise", "truncated", "sheet_xml",
                                  "zip_without_workbook", "xls_noise", "ods_noise", "folder"])
def test_a_bad_workbook_is_a_clear_indonesian_message(tmp_path: Path, kind: str):
    path = _bad_files(tmp_path)[kind]
    with pytest.raises(SpreadsheetError) as err:
        read_sheet(path)
    message = err.value.message
    assert path.name in message
    assert not any(word in message.lower() for word in ENGLISH), message


def test_random_bytes_never_escape_as_anything_but_a_spreadsheet_error(tmp_path: Path):
    rng = random.Random(23)
    raw = _valid_xlsx(tmp_path / "utuh.xlsx").read_bytes()
    for i in range(40):  # flip bytes of a real workbook here and there
        data = bytearray(raw)
        for _ in range(rng.randrange(1, 30)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        path = tmp_path / f"rusak-{i}.xlsx"
        path.write_bytes(bytes(data))
        try:
            sheet = read_sheet(path)
        except SpreadsheetError as exc:
            assert not any(word in exc.message.lower() for word in ENGLISH), exc.message
        else:
            assert isinstance(sheet.rows, list)


def test_a_missing_sheet_is_named_in_indonesian(tmp_path: Path):
    path = _valid_xlsx(tmp_path / "a.xlsx")
    with pytest.raises(SpreadsheetError) as err:
        read_sheet(path, "Tidak Ada")
    assert "Tidak Ada" in err.value.message and "lembar" in err.value.message.lower()


@pytest.mark.parametrize("text", ["30/12/1899", "1899-12-31", "01-01-1850", "5 Mei 1700"])
def test_dates_before_1900_are_refused(text: str):
    with pytest.raises(ValueError) as err:
        parsing.to_date(text)
    assert "1900" in str(err.value)


def test_past_dates_refuse_the_future():
    assert parsing.to_past_date("23/11/2026") == date(2026, 11, 23)  # the tests' today
    with pytest.raises(ValueError) as err:
        parsing.to_past_date("24/11/2026")
    assert "masa depan" in str(err.value)
    assert parsing.to_date("24/11/2030") == date(2030, 11, 24)  # a meeting may be ahead


@pytest.mark.parametrize("raw, clean", [
    ("Siti\x00 Aisyah", "Siti Aisyah"), ("Jalan\x07 rusak\x1b[31m", "Jalan rusak[31m"),
    ("baris satu\r\nbaris dua", "baris satu\nbaris dua"), ("tab\tboleh", "tab\tboleh"),
    ("\x85C1\x9f", "C1"),
])
def test_control_characters_are_removed_from_text(raw: str, clean: str):
    assert parsing.clean_text(raw) == clean
    assert parsing.to_text(raw) == clean.strip()


def test_control_characters_are_never_stored(app_ctx, admin):
    from desktop_app.core.services import office

    office.save_unit(app_ctx, admin, None, "Seksi\x00 Umum\x1b", "Kepala\x07")
    unit = office.list_units(app_ctx)[0]
    assert (unit.name, unit.head_name) == ("Seksi Umum", "Kepala")


def test_template_keeps_formula_like_choices_and_headers_as_text(tmp_path: Path):
    """Finding 9: a category label '=HYPERLINK(…)' became a live formula in the template."""
    evil = '=HYPERLINK("http://contoh.invalid","klik")'
    path = writer.write_template(
        tmp_path / "templat.xlsx", "=1+1", [
            writer.TemplateColumn("Kategori", choices=["Jalan", evil, "+62 812", "-1", "@x"]),
            writer.TemplateColumn("=SUM(A1)"),
        ], ["=cmd|' /C calc'!A0"], rows=5)
    wb = load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    choices = [c.value for c in wb["Pilihan"]["A"]]
    assert evil in choices and "+62 812" in choices


def test_exports_keep_formula_like_text_as_text(tmp_path: Path):
    path = writer.write_table(tmp_path / "x.xlsx", [writer.SheetSpec(
        "=Lembar", [writer.ColumnFormat("=A1"), writer.ColumnFormat("Nama")],
        [["=1+1", "@SUM(A1)"], ["-2", "+3"]], title_rows=["=judul"])])
    wb = load_workbook(path)
    cells = [c for row in wb.active.iter_rows() for c in row if c.value is not None]
    assert cells and all(c.data_type != "f" for c in cells)
    assert {c.value for c in cells} >= {"=1+1", "@SUM(A1)", "-2", "+3", "=judul", "=A1"}
