"""The spreadsheet layer: messy office workbooks in, formula-safe workbooks out."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from desktop_app.core.domain import parsing as values
from desktop_app.core.exchange.formats import read_sheet
from desktop_app.core.exchange.formats.grid import SpreadsheetError
from desktop_app.core.exchange.mapping import ColumnSpec, suggest_mapping
from desktop_app.core.exchange.reader import find_header_row, iter_data_rows
from desktop_app.core.exchange.writer import (
    ColumnFormat,
    SheetSpec,
    TemplateColumn,
    write_error_workbook,
    write_table,
    write_template,
)

SPECS = [
    ColumnSpec("household_head", "Nama Kepala Keluarga", ("Nama KK", "Nama"), required=True),
    ColumnSpec("nik", "NIK", ("No NIK", "Nomor Induk Kependudukan"), required=True),
    ColumnSpec("desa", "Desa/Kelurahan", ("Desa", "Kelurahan")),
    ColumnSpec("rt", "RT", ()),
    ColumnSpec("income", "Penghasilan per bulan", ("Penghasilan", "Pendapatan")),
    ColumnSpec("occupants", "Jumlah Penghuni", ("Jml Jiwa", "Jumlah Jiwa")),
    ColumnSpec("roof", "Kondisi Atap", ("Atap",)),
    ColumnSpec("wall", "Kondisi Dinding", ("Dinding",)),
]


def _messy_workbook(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "DATA USULAN RTLH DESA INAN TAHUN 2026"
    ws.merge_cells("A1:H1")
    ws["A2"] = "Kecamatan Paringin Selatan"
    ws.append([])
    ws.append(["No", "Nama KK", "NIK", "Desa", "RT", "Penghasilan", "Jml Jiwa", "Kondisi", None])
    ws.merge_cells("H4:I4")
    ws.append([None, None, None, None, None, None, None, "Atap", "Dinding"])
    ws.append([1, 2, 3, 4, 5, 6, 7, 8, 9])
    ws.append([1, "Abdul Hamid", "6311071203800001", "Inan", "002", "Rp 1.500.000", 5,
               "Rusak berat", "Sedang"])
    ws.append([2, "Siti Aisyah", 6311074506850002, "Inan", 3, "750.000", "4 jiwa", "Ringan",
               "Ringan"])
    ws.append([])
    ws.append([3, "Rusdi", 6.31107e15, "Inan", 1, "tidak tahu", 3, "Berat", "Berat"])
    ws.append(["JUMLAH", None, None, None, None, 2250000, 12, None, None])
    wb.save(path)


def test_messy_sheet_header_rows_and_values(tmp_path):
    path = tmp_path / "usulan.xlsx"
    _messy_workbook(path)
    sheet = read_sheet(path)
    header = find_header_row(sheet.rows, SPECS)
    assert header.row_index == 4  # the sub-header row under the merged 'Kondisi'
    mapping = suggest_mapping(header.headers, SPECS).mapping
    assert mapping[1] == "household_head" and mapping[2] == "nik"
    assert mapping[7] == "roof" and mapping[8] == "wall"
    skipped: list = []
    rows = list(iter_data_rows(sheet.rows, header, skipped))
    assert [r[0] for r in rows] == [7, 8, 10]  # Excel row numbers; blank row ignored
    assert [s.reason for s in skipped] == ["baris jumlah/total"]
    first, second, third = (r[1] for r in rows)
    assert values.to_digits_id(first[2]) == "6311071203800001"
    assert values.to_digits_id(second[2]) == "6311074506850002"  # stored as a number
    with pytest.raises(ValueError, match="kehilangan digit|16 digit"):
        values.to_digits_id(third[2])
    assert values.to_decimal_number(first[5]) == 1_500_000
    assert values.to_decimal_number(second[5]) == 750_000
    assert values.to_int(second[6]) == 4
    with pytest.raises(ValueError):
        values.to_decimal_number(third[5])


def test_two_row_header_whose_sub_row_names_more_columns(tmp_path):
    """Group headers ('ALAMAT' over Desa and RT, 'KONDISI RUMAH' over Atap and Dinding) with
    the single columns merged down over both header rows: the sub-header row names more known
    columns than the row above, and the names merged down must not be lost."""
    path = tmp_path / "dua-baris.xlsx"
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "DATA USULAN RTLH DESA INAN TAHUN 2027"
    ws.append([])
    ws.append(["NO", "NAMA KK", "NIK", "ALAMAT", None, "KONDISI RUMAH", None, "JML JIWA"])
    ws.append([None, None, None, "DESA", "RT", "ATAP", "DINDING", None])
    for cells in ("A3:A4", "B3:B4", "C3:C4", "D3:E3", "F3:G3", "H3:H4"):
        ws.merge_cells(cells)
    ws.append([1, "Abdul Hamid", "6311071203800001", "Inan", "2", "Rusak berat", "Sedang", 5])
    wb.save(path)
    sheet = read_sheet(path)
    header = find_header_row(sheet.rows, SPECS)
    assert header.row_index == 3 and header.data_start == 4
    mapping = suggest_mapping(header.headers, SPECS).mapping
    assert [mapping[i] for i in range(1, 8)] == ["household_head", "nik", "desa", "rt", "roof",
                                                 "wall", "occupants"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Rp 1.500.000", 1_500_000), ("1.500.000,50", 1_500_000.5), ("1,5", 1.5),
     ("1,500,000", 1_500_000), (1.5e6, 1_500_000), ("Rp. 750.000,-", 750_000), ("36", 36),
     ("7.2", 7.2), ("7,2", 7.2), ("0,125", 0.125), ("1,125", 1.125), ("1.500", 1500)],
)
def test_numbers_written_as_text(text, expected):
    assert values.to_decimal_number(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("23/11/2026", date(2026, 11, 23)), ("2026-11-23", date(2026, 11, 23)),
     ("23 November 2026", date(2026, 11, 23)), ("Senin, 23 Nopember 2026", date(2026, 11, 23)),
     ("23-Nov-26", date(2026, 11, 23)), (46349, date(2026, 11, 23))],
)
def test_dates(text, expected):
    assert values.to_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("23 - 11 - 2026", date(2026, 11, 23)),  # spaces around the separators
     ("23 / 11 / 2026", date(2026, 11, 23)),
     ("20261123", date(2026, 11, 23)),  # written without separators, year first
     ("46349", date(2026, 11, 23)),  # Excel's serial, as text in a text-formatted cell
     ("'23/11/2026", date(2026, 11, 23))],  # Excel's apostrophe before it
)
def test_dates_written_as_text_in_odd_forms(text, expected):
    assert values.to_date(text) == expected


@pytest.mark.parametrize("text", ["2026112", "99999999", "123", "23 - 11"])
def test_what_is_not_a_date_stays_refused(text):
    with pytest.raises(ValueError, match="bukan tanggal"):
        values.to_date(text)


def test_bad_date_and_phone_reasons_are_indonesian():
    with pytest.raises(ValueError, match="tidak ada di kalender"):
        values.to_date("31/02/2026")
    assert values.to_phone("+62 812-3456-7890") == "081234567890"
    assert values.to_phone(81234567890) == "081234567890"
    with pytest.raises(ValueError, match="tidak valid"):
        values.to_phone("12345")


def test_formula_like_text_is_written_as_text(tmp_path):
    path = tmp_path / "ekspor.xlsx"
    risky = ["=HYPERLINK(\"http://x\",\"klik\")", "+62812", "-5+3", "@SUM(A1)", "\tx"]
    write_table(path, [SheetSpec("Data", [ColumnFormat("Isi")], [[v] for v in risky],
                                 title_rows=["KECAMATAN PARINGIN SELATAN"])])
    ws = load_workbook(path).active
    cells = [ws.cell(row=r, column=1) for r in range(4, 4 + len(risky))]
    assert [c.value for c in cells] == risky
    assert all(c.data_type == "s" for c in cells)
    with zipfile.ZipFile(path) as zf:
        sheet_xml = zf.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml


def test_error_workbook_keeps_rows_and_reasons(tmp_path):
    path = write_error_workbook(tmp_path / "galat.xlsx", ["Nama", "NIK"],
                                [(9, ["Rusdi", "6.3e15"], "NIK kehilangan digit")])
    ws = load_workbook(path).active
    assert [c.value for c in ws[4]] == [9, "NIK kehilangan digit", "Rusdi", "6.3e15"]


def test_template_has_dropdowns_and_text_columns(tmp_path):
    path = write_template(
        tmp_path / "templat.xlsx", "Templat Usulan",
        [TemplateColumn("Nama", 20), TemplateColumn("NIK", 20, text=True),
         TemplateColumn("Desa", 20, choices=["Inan", "Batu Piring", "Halubau"])],
        ["Isi satu baris untuk satu usulan."],
    )
    wb = load_workbook(path)
    ws = wb["Data"]
    assert ws["B4"].number_format == "@"
    validations = ws.data_validations.dataValidation
    assert len(validations) == 1 and "Pilihan!" in validations[0].formula1
    assert wb["Pilihan"].sheet_state == "hidden"
    assert [c.value for c in wb["Pilihan"]["A"]][:4] == ["Desa", "Inan", "Batu Piring", "Halubau"]


def _write_ods(path: Path, rows: list[list[str]]) -> None:
    cells = "".join(
        "<table:table-row>" + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
            for v in row) + "</table:table-row>"
        for row in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Data">{cells}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
        'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                    compress_type=zipfile.ZIP_STORED)
        zf.writestr("content.xml", content)
        zf.writestr("META-INF/manifest.xml", manifest)


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_ods_and_xls_are_read(tmp_path):
    ods = tmp_path / "data.ods"
    _write_ods(ods, [["Judul"], ["Nama KK", "NIK"], ["Abdul", "6311071203800001"]])
    rows = read_sheet(ods).rows
    assert rows[1:] == [["Nama KK", "NIK"], ["Abdul", "6311071203800001"]]
    # An old Excel 97-2003 workbook, committed as offices send it (made once with xlwt).
    xls = FIXTURES / "data.xls"
    assert read_sheet(xls).rows == [["Nama KK", "Penghasilan"], ["Abdul", 1500000.0]]


def test_unreadable_files_get_indonesian_messages(tmp_path):
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"bukan excel")
    with pytest.raises(SpreadsheetError, match="tidak dapat dibaca"):
        read_sheet(bad)
    with pytest.raises(SpreadsheetError, match="tidak didukung"):
        read_sheet(tmp_path / "data.csv")


def test_exports_print_fitted_to_width_with_the_header_repeated(tmp_path):
    from openpyxl import load_workbook

    from desktop_app.core.exchange.writer import ColumnFormat, SheetSpec, write_table

    narrow = SheetSpec("Sempit", [ColumnFormat("No", 5), ColumnFormat("Nama", 30)],
                       [[1, "Ahmad"]], title_rows=["Judul", "Oleh"])
    wide = SheetSpec("Lebar", [ColumnFormat(f"Kolom {i}", 20) for i in range(8)], [[1] * 8],
                     paper="F4")
    path = write_table(tmp_path / "cetak.xlsx", [narrow, wide])
    book = load_workbook(path)
    first, second = book["Sempit"], book["Lebar"]
    assert first.page_setup.orientation == "portrait" and first.print_title_rows == "$4:$4"
    assert second.page_setup.orientation == "landscape" and second.print_title_rows == "$1:$1"
    for ws in (first, second):
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        # one page wide (an absent fitToWidth is 1, ECMA-376's default), any number down
        assert (int(ws.page_setup.fitToWidth or 1), ws.page_setup.fitToHeight) == (1, 0)
    assert (int(first.page_setup.paperSize), int(second.page_setup.paperSize)) == (9, 14)


def test_a_tab_that_cannot_be_read_does_not_stop_the_data_tab(tmp_path, monkeypatch):
    """A workbook whose recap tab the reader cannot open (a damaged tab, an odd object):
    the data tab is still found; only asking for that tab by name says it cannot be read."""
    from desktop_app.core.exchange import reader

    path = tmp_path / "rekap-rusak.xlsx"
    wb = Workbook()
    wb.active.title = "REKAP"
    wb.active.append(["REKAPITULASI"])
    data = wb.create_sheet("DATA")
    data.append(["Nama KK", "NIK", "Desa", "RT"])
    data.append(["Abdul Hamid", "6311071203800001", "Inan", "2"])
    wb.create_sheet("RUSAK").append(["Nama KK", "NIK", "Desa", "RT"])
    wb.save(path)
    real = reader.read_sheet

    def damaged(p, sheet=None, progress=None):
        if sheet == 2:
            raise SpreadsheetError("Lembar RUSAK tidak dapat dibaca.")
        return real(p, sheet, progress)

    monkeypatch.setattr(reader, "read_sheet", damaged)
    found = reader.read_data_sheet(path, SPECS)
    assert (found.raw.name, found.sheets) == ("DATA", ["DATA"])
    with pytest.raises(SpreadsheetError, match="RUSAK"):
        reader.read_data_sheet(path, SPECS, sheet="RUSAK")


def test_the_header_written_again_in_other_case_and_spacing_is_set_aside():
    """A second printed page's header, typed again in other capitals, spacing and dots, is set
    aside; a row that merely holds a header's word in its cells stays data. (Each row is
    judged by itself: an earlier row's texts must not decide a later one's.)"""
    from desktop_app.core.exchange.reader import SkippedRow

    rows: list[list[object]] = [
        ["No", "Nama KK", "NIK", "Desa", "RT"],
        [1, "Abdul Hamid", "6311071203800001", "Inan", "2"],
        ["NO", "  nama   kk ", "N.I.K", "DESA", "rt"],  # row 3: the header again
        [2, "Nama KK", "NIK", "Inan", "3"],  # two header words of five cells: data
        [3, "Desa", "Inan", "NIK", None],  # header words under other columns: data
        [None, None, "nik", "Desa", "R T"],  # row 6: the right half of the header
        [4, "Budi", "Nik.", "desa", "Rt"],  # row 7: three of five cells are the header
        [5, "Siti Aminah", "6311074708800002", "Desa", "1"],
        ["Nama KK", None, None, None, None],  # one cell alone is not the header
    ]
    header = find_header_row(rows, SPECS)
    assert header.row_index == 0
    skipped: list[SkippedRow] = []
    kept = [number for number, _row in iter_data_rows(rows, header, skipped)]
    assert kept == [2, 4, 5, 8, 9]
    assert [(s.row_number, s.reason) for s in skipped] == [
        (3, "baris judul kolom berulang"), (6, "baris judul kolom berulang"),
        (7, "baris judul kolom berulang")]
