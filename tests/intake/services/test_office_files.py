"""Office files of the kinds the import meets in the field and the other tests do not build:
hidden sheets, a header far down, printed page numbers, UTF-16 text from Excel, apostrophes,
formula cells and their error values, a used range down to row 1,048,576, and .xls/.ods
workbooks with merged two-row headers. Each row's expected outcome is written beside it."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from desktop_app.intake.services import details, importing, listing
from desktop_app.intake.services.listing import SubmissionFilter

HEADER = ["No", "NAMA KK", "NIK", "DESA/KEL", "RT", "PENGHASILAN", "JML JIWA", "LUAS LANTAI"]
ROWS = [[1, "Abdul Hamid", "6311071203800001", "Inan", "2", 1200000, 4, 36],  # imported
        [2, "Siti Aisyah", "6311074506850002", "Halubau", "3", 750000, 3, 28]]  # imported


def _imported(app_ctx, actor):
    source = listing.SubmissionPageSource(app_ctx, actor)
    return {r.name: details.get_submission(app_ctx, actor, r.id)
            for r in source.fetch(SubmissionFilter(), "number", False, 0, 50)}


def test_hidden_sheets_are_passed_over_for_the_visible_data_sheet(app_ctx, verifier, tmp_path):
    path = tmp_path / "rtlh-tersembunyi.xlsx"
    wb = Workbook()
    lookup = wb.active  # the drop-downs' lookup list, first and hidden: not data
    lookup.title = "Referensi"
    lookup.append(["Desa", "Kondisi atap", "Sumber air minum", "Jenis"])
    lookup.append(["Inan", "Baik", "PDAM", "usulan"])
    lookup.sheet_state = "hidden"
    copy = wb.create_sheet("Salinan")  # a hidden older copy of the data: not imported
    copy.append(HEADER)
    copy.append([1, "Lama Sekali", "6311070101700003", "Inan", "1", 500000, 2, 20])
    copy.sheet_state = "hidden"
    data = wb.create_sheet("Data")
    data.append(HEADER)
    for row in ROWS:
        data.append(row)
    wb.save(path)

    prev = importing.preview(app_ctx, path)
    assert prev.found is not None and prev.found.sheet == "Data"
    assert prev.found.sheets == ["Data"]  # the hidden ones are not offered under *Lembar*
    result = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert (result.imported, result.rejected, result.other_sheets) == (2, 0, []), \
        result.summary()
    assert set(_imported(app_ctx, verifier)) == {"Abdul Hamid", "Siti Aisyah"}


def test_a_workbook_whose_only_data_is_hidden_is_still_read(app_ctx, verifier, tmp_path):
    path = tmp_path / "hanya-tersembunyi.xlsx"
    wb = Workbook()
    wb.active.title = "Petunjuk"
    wb.active.append(["Isi lembar Data"])
    data = wb.create_sheet("Data")
    data.append(HEADER)
    data.append(ROWS[0])  # imported: nothing visible holds data, so the hidden tab is read
    data.sheet_state = "hidden"
    wb.save(path)
    result = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert (result.imported, result.rejected) == (1, 0), result.summary()


def test_a_header_below_the_first_thirty_rows(app_ctx, verifier, tmp_path):
    path = tmp_path / "catatan-panjang.xlsx"
    wb = Workbook()
    ws = wb.active
    for i in range(1, 41):  # forty rows of notes and instructions above the table
        ws.append([f"Catatan {i}: isi sesuai petunjuk dinas."])
    ws.append(HEADER)  # row 41
    for row in ROWS:
        ws.append(row)  # rows 42-43: imported
    wb.save(path)
    result = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert (result.imported, result.rejected) == (2, 0), result.summary()


def test_a_printed_layout_repeats_title_header_and_page_number_per_page(app_ctx, verifier,
                                                                         tmp_path):
    path = tmp_path / "cetak-per-halaman.xlsx"
    wb = Workbook()
    ws = wb.active
    names = iter(["Abdul Hamid", "Siti Aisyah", "Rusdi", "Mariani", "Jumberi", "Halimah"])
    niks = iter(["6311071203800001", "6311074506850002", "6311070101700003",
                 "6311074404600005", "6311070202650004", "6311076107700006"])
    for page in range(1, 4):  # every printed page: title, header, numbers, data, page number
        ws.append(["DATA CALON PENERIMA BANTUAN RTLH TAHUN 2027"])  # passed over
        ws.append(["KECAMATAN PARINGIN SELATAN"])  # passed over
        ws.append(HEADER)  # passed over (the header again)
        ws.append(list(range(1, len(HEADER) + 1)))  # passed over (column numbers)
        for n in range(2):  # imported, all six
            ws.append([2 * page + n - 1, next(names), next(niks), "Inan", "1", 900000, 3, 30])
        ws.append([None, None, None, f"Halaman {page} dari 3"])  # passed over
        ws.append([])
    wb.save(path)
    result = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert (result.imported, result.rejected) == (6, 0), result.summary()
    assert "halaman" in result.summary()  # the page numbers are named as passed over
    assert len(_imported(app_ctx, verifier)) == 6


def test_a_sheet_starting_in_column_b_keeps_its_merged_cells_in_their_column(app_ctx, verifier,
                                                                             tmp_path):
    """Printed sheets often leave column A empty as a margin; calamine then reads from column
    B, while the merged ranges count from A: the desa merged over its block must still fill
    the desa column, not the column beside it."""
    path = tmp_path / "margin.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append([None, "DATA USULAN RTLH KECAMATAN PARINGIN SELATAN"])
    ws.append([])
    ws.append([None, *HEADER])  # row 3, columns B-I
    ws.append([None, 1, "Abdul Hamid", "6311071203800001", "Halubau", "2", 1200000, 4, 36])
    ws.append([None, 2, "Siti Aisyah", "6311074506850002", None, None, 750000, 3, 28])
    ws.append([None, 3, "Rusdi", "6311070101700003", None, "4", 900000, 5, 30])
    ws.merge_cells("E4:E6")  # Halubau written once for the three rows: all three in Halubau
    wb.save(path)
    result = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert (result.imported, result.rejected) == (3, 0), result.summary()
    by_name = _imported(app_ctx, verifier)
    assert {name: r.desa_name for name, r in by_name.items()} == {
        "Abdul Hamid": "Halubau", "Siti Aisyah": "Halubau", "Rusdi": "Halubau"}
    assert by_name["Siti Aisyah"].rt in (None, "")  # its RT was empty, and stays so


def _cache(path, values: dict[str, tuple[str, str]]) -> None:
    """Write the values Excel would have cached for openpyxl's formula cells: ``{"F2": ("e",
    "#DIV/0!")}`` an error, ``("n", "48")`` a number."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as zf:
        files = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    xml = files["xl/worksheets/sheet1.xml"].decode()
    for ref, (kind, value) in values.items():
        xml, count = re.subn(rf'<c r="{ref}"([^>]*)>(<f>[^<]*</f>)<v\s*/>',
                             rf'<c r="{ref}"\1 t="{kind}">\2<v>{value}</v>', xml)
        assert count == 1, ref
    files["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)


def test_formula_errors_and_apostrophes_are_read_as_excel_shows_them(app_ctx, verifier,
                                                                     tmp_path):
    path = tmp_path / "rumus.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    # imported, flagged: the income is #DIV/0! (left empty, the reason says so); floor 48
    ws.append([1, "Abdul Hamid", "6311071203800001", "Inan", "2", "=F9/0", 4, "=6*8"])
    # refused: the NIK is a formula that lost its source (#REF!)
    ws.append([2, "Siti Aisyah", "=#REF!&\"1\"", "Inan", "3", 750000, 3, 28])
    # imported as is: numbers typed in text cells with Excel's apostrophe
    ws.append([3, "Rusdi", "'6311070101700003", "Halubau", "'4", "'1.500.000", "'5", "'30"])
    wb.save(path)
    _cache(path, {"F2": ("e", "#DIV/0!"), "H2": ("n", "48"), "C3": ("e", "#REF!")})

    result = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert (result.imported, result.flagged, result.rejected) == (2, 1, 1), result.summary()
    by_name = _imported(app_ctx, verifier)
    hamid = by_name["Abdul Hamid"]
    assert hamid.details["monthly_income"] is None and hamid.details["floor_area"] == 48
    assert "#DIV/0!" in hamid.check_reason and "rumus" in hamid.check_reason
    rusdi = by_name["Rusdi"]
    assert not rusdi.needs_check, rusdi.check_reason
    assert (rusdi.rt, rusdi.details["monthly_income"], rusdi.details["occupants"],
            rusdi.details["floor_area"]) == ("004", 1_500_000, 5, 30)
    from openpyxl import load_workbook

    refused = list(load_workbook(result.error_workbook)["Baris ditolak"].iter_rows(
        min_row=4, values_only=True))
    assert [r[0] for r in refused] == [3] and "#REF!" in refused[0][1], refused


def test_formulas_saved_without_their_values_are_named_not_silently_empty(app_ctx, verifier,
                                                                          tmp_path):
    """A workbook written by a program that stores formulas but not their results (Excel
    shows them after computing; the file itself holds none)."""
    path = tmp_path / "tanpa-nilai.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    # imported, flagged: the income is a formula without its value (left empty, said so)
    ws.append(["=ROW()-1", "Abdul Hamid", "6311071203800001", "Inan", "2", "=700000+50000", 4,
               36])
    ws.append(["=ROW()-1", "Siti Aisyah", "6311074506850002", "Inan", "3", 750000, 3, 28])  # ok
    wb.save(path)
    result = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert (result.imported, result.flagged, result.rejected) == (2, 1, 0), result.summary()
    hamid = _imported(app_ctx, verifier)["Abdul Hamid"]
    assert "rumus tanpa nilai" in hamid.check_reason
    # The summary says what happened to the whole file and how to mend it.
    assert "rumus tanpa nilai tersimpan" in result.summary()
    assert "simpan ulang" in result.summary()


FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _two_row_groups(path) -> None:
    """The layout of tests/fixtures/rtlh-dua-baris.xls and .ods (LibreOffice Calc 7 saved this
    workbook as both): a group per part of the house over 'Bahan' and 'Kondisi' ('Kondisi'
    three times, told apart by its group), the first four columns merged down over both header
    rows, and Halubau merged over Abdul Hamid's and Siti Aisyah's rows."""
    wb = Workbook()
    ws = wb.active
    ws.title = "RTLH"
    ws.append(["DATA RTLH KECAMATAN PARINGIN SELATAN"])
    ws.append(["No", "Nama KK", "NIK", "Desa", "ATAP", None, "DINDING", None, "LANTAI", None])
    ws.append([None, None, None, None, "Bahan", "Kondisi", "Bahan", "Kondisi", "Bahan",
               "Kondisi"])
    for column in "ABCD":
        ws.merge_cells(f"{column}2:{column}3")
    for merged in ("E2:F2", "G2:H2", "I2:J2"):
        ws.merge_cells(merged)
    ws.append([1, "Abdul Hamid", "6311071203800001", "Halubau", "Genteng", "RB", "Kayu/papan",
               "RS", "Tanah", "RB"])
    ws.append([2, "Siti Aisyah", "6311074506850002", None, "Seng/metal", "Baik", "Tembok",
               "Baik", "Keramik", "Baik"])
    ws.append([3, "Rusdi", "6311070101700003", "Inan", "Rumbia/daun/ijuk", "RS",
               "Anyaman bambu", "RB", "Kayu/papan", "RS"])
    ws.merge_cells("D4:D5")
    wb.save(path)


@pytest.mark.parametrize("kind", ["xlsx", "xls", "ods"])
def test_groups_over_two_header_rows_and_merged_desa_in_every_format(app_ctx, verifier,
                                                                     tmp_path, kind):
    if kind == "xlsx":
        path = tmp_path / "rtlh-dua-baris.xlsx"
        _two_row_groups(path)
    else:
        path = FIXTURES / f"rtlh-dua-baris.{kind}"
    result = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert (result.imported, result.rejected) == (3, 0), result.summary()
    by_name = _imported(app_ctx, verifier)
    expected = {  # name: desa, (roof, wall, floor) condition, wall material
        "Abdul Hamid": ("Halubau", ("Rusak berat", "Rusak sedang", "Rusak berat"),
                        "Kayu/papan"),
        "Siti Aisyah": ("Halubau", ("Layak", "Layak", "Layak"), "Tembok diplester"),  # merged desa
        "Rusdi": ("Inan", ("Rusak sedang", "Rusak berat", "Rusak sedang"), "Anyaman bambu"),
    }
    for name, (desa, conditions, wall) in expected.items():
        record = by_name[name]
        assert record.desa_name == desa, name
        assert (record.details["roof_condition"], record.details["wall_condition"],
                record.details["floor_condition"]) == conditions, name
        assert record.details["wall_material"] == wall, name


def _filled_down_to_the_last_row(path) -> None:
    """A sheet as Excel saves it when a formula (=IF(B2="";"";…), result "") was filled down
    the whole column: 1,048,576 rows in its used range, two of them data."""
    import zipfile

    header = ["No", "NAMA KK", "NIK", "DESA/KEL", "RT", "PENGHASILAN", "JML JIWA",
              "LUAS LANTAI", "KONDISI ATAP", "KET"]

    def text_row(number: int, values: list) -> str:
        cells = "".join(
            f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{v}</t></is></c>'
            for i, v in enumerate(values))
        formula = f'<c r="J{number}" t="str"><f>IF(B{number}="","",B{number})</f><v></v></c>'
        return f'<row r="{number}">{cells}{formula if number > 1 else ""}</row>'

    rows = [text_row(1, header),
            text_row(2, ["1", "Abdul Hamid", "6311071203800001", "Inan", "2", "1200000", "4",
                         "36", "RB"]),  # imported
            text_row(3, ["2", "Siti Aisyah", "6311074506850002", "Halubau", "3", "750000",
                         "3", "28", "RS"])]  # imported
    rows += [f'<row r="{n}"><c r="J{n}" t="str"><f>IF(B{n}="","",B{n})</f><v></v></c></row>'
             for n in range(4, 1_048_577)]  # empty: the formula's result is ""
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<dimension ref="A1:J1048576"/><sheetData>' + "".join(rows)
             + "</sheetData></worksheet>")
    Workbook().save(path)
    with zipfile.ZipFile(path) as zf:
        files = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    files["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)


def test_a_used_range_down_to_row_1048576_reads_quickly_in_little_memory(app_ctx, verifier,
                                                                         tmp_path):
    import json
    import subprocess
    import sys

    path = tmp_path / "diisi-sampai-bawah.xlsx"
    _filled_down_to_the_last_row(path)
    # Read in a child process, to measure its own peak memory (VmHWM: ru_maxrss would keep
    # the forking parent's) and CPU time.
    script = (
        "import json, resource, sys, time\n"
        "from desktop_app.core.exchange.reader import read_data_sheet\n"
        "from desktop_app.intake.exchange.columns import IMPORT_SPECS\n"
        "def cpu():\n"
        "    used = resource.getrusage(resource.RUSAGE_SELF)\n"
        "    return used.ru_utime + used.ru_stime\n"
        "start = cpu()\n"
        "found = read_data_sheet(sys.argv[1], IMPORT_SPECS)\n"
        "peak = [line for line in open('/proc/self/status') if line.startswith('VmHWM')]\n"
        "print(json.dumps({'rows': len(found.raw.rows), 'seconds': cpu() - start,"
        " 'mb': int(peak[0].split()[1]) / 1024}))\n")
    out = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True,
                         text=True, check=True, timeout=120)
    measured = json.loads(out.stdout)
    assert measured["rows"] <= 3, measured  # the empty rows under the data are not kept
    # CPU seconds (not wall: the machine may be busy). Was about 4 s and 500 MB: calamine's
    # whole range, then a Python list per row; now 0.7 s and 200 MB (the sheet's XML, 87 MB).
    assert measured["seconds"] < 2.5 and measured["mb"] < 350, measured
    result = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert (result.imported, result.rejected) == (2, 0), result.summary()


@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_error_values_in_xlsx_and_ods_are_named_as_the_reason(app_ctx, verifier, tmp_path,
                                                              kind):
    """tests/fixtures/rumus-galat.ods is this workbook saved by LibreOffice Calc 7, which
    computed the formulas; calamine reads its error cells as empty."""
    if kind == "ods":
        path = FIXTURES / "rumus-galat.ods"
    else:
        path = tmp_path / "rumus-galat.xlsx"
        wb = Workbook()
        ws = wb.active
        ws.append(HEADER)
        ws.append([1, "Abdul Hamid", "6311071203800001", "Inan", "2", "=1/0", 4, "=6*8"])
        ws.append([2, "#REF!", "6311074506850002", "Inan", "3", 750000, 3, 28])
        ws.append([3, "Rusdi", "6311070101700003", "Halubau", "4", 900000, "=#REF!+1", 30])
        wb.save(path)
        _cache(path, {"F2": ("e", "#DIV/0!"), "H2": ("n", "48"), "G4": ("e", "#REF!")})
    result = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    # Abdul Hamid flagged (#DIV/0! income), row 3 refused (#REF! name), Rusdi flagged
    assert (result.imported, result.flagged, result.rejected) == (2, 2, 1), result.summary()
    by_name = _imported(app_ctx, verifier)
    assert "#DIV/0!" in by_name["Abdul Hamid"].check_reason
    assert by_name["Abdul Hamid"].details["floor_area"] == 48
    assert "#REF!" in by_name["Rusdi"].check_reason
    assert by_name["Rusdi"].details["occupants"] is None
    from openpyxl import load_workbook

    refused = list(load_workbook(result.error_workbook)["Baris ditolak"].iter_rows(
        min_row=4, values_only=True))
    assert [r[0] for r in refused] == [3] and "#REF!" in refused[0][1], refused


def test_a_stray_value_in_the_last_column_does_not_widen_every_row(app_ctx, verifier,
                                                                   tmp_path):
    """Something typed in column XFD (16,384) of the header row: calamine would hold 16,384
    columns for each of the 1,000 rows (14 s and 1.5 GB at 3,000 rows); the value, far from
    the table, is not read."""
    path = tmp_path / "kolom-jauh.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for i in range(1, 1001):  # imported, all 1,000
        ws.append([i, f"Kepala Keluarga {i}", f"631107120380{i:04d}", "Inan", "1", 900000, 3,
                   30])
    ws.cell(1, 16384).value = "catatan"  # not read
    wb.save(path)
    prev = importing.preview(app_ctx, path)
    assert max(len(row) for row in prev.rows) == len(HEADER)
    result = importing.import_rows(app_ctx, verifier, prev, prev.suggestion.mapping,
                                   importing.ImportDefaults(), error_dir=tmp_path)
    assert (result.imported, result.rejected) == (1000, 0), result.summary()


def test_hidden_and_filtered_rows_and_hidden_columns_are_still_data(app_ctx, verifier,
                                                                    tmp_path):
    """Rows hidden or filtered out with AutoFilter, and a hidden column, are data still: a
    clerk hid them to print, not to leave them out."""
    path = tmp_path / "tersaring.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(ROWS[0])  # imported
    ws.append(ROWS[1])  # imported, though hidden by the filter on DESA/KEL
    ws.append([3, "Rusdi", "6311070101700003", "Inan", "4", 900000, 5, 30])  # imported
    ws.auto_filter.ref = "A1:H4"
    ws.auto_filter.add_filter_column(3, ["Inan"])
    ws.row_dimensions[3].hidden = True
    ws.row_dimensions[4].hidden = True
    ws.column_dimensions["F"].hidden = True  # the income column, hidden: still read
    wb.save(path)
    result = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert (result.imported, result.rejected) == (3, 0), result.summary()
    incomes = {name: r.details["monthly_income"] for name, r in
               _imported(app_ctx, verifier).items()}
    assert incomes == {"Abdul Hamid": 1_200_000, "Siti Aisyah": 750_000, "Rusdi": 900_000}


def test_an_xls_that_is_a_web_page_is_read_as_its_table(app_ctx, verifier, tmp_path):
    """Web applications 'export to Excel' by saving an HTML table named .xls (Excel opens it
    with a warning). Its title spans the columns, its desa spans rows (rowspan)."""
    path = tmp_path / "ekspor-aplikasi.xls"
    path.write_text(
        '<html><head><meta charset="utf-8"></head><body>'
        '<table border="1">'
        '<tr><td colspan="8"><b>DATA USULAN RTLH</b></td></tr>'
        "<tr>" + "".join(f"<th>{h}</th>" for h in HEADER) + "</tr>"
        # imported: Abdul Hamid and Siti Aisyah both in Halubau (rowspan), Rusdi in Inan
        '<tr><td>1</td><td>Abdul Hamid</td><td>&#39;6311071203800001</td>'
        '<td rowspan="2">Halubau</td><td>2</td><td>1.200.000</td><td>4</td><td>36</td></tr>'
        "<tr><td>2</td><td>Siti&nbsp;Aisyah</td><td>6311074506850002</td><td>3</td>"
        "<td>750.000</td><td>3</td><td>28</td></tr>"
        "<tr><td>3</td><td>Rusdi</td><td>6311070101700003</td><td>Inan</td><td>4</td>"
        "<td>900.000</td><td>5</td><td>30</td></tr>"
        "</table></body></html>", encoding="utf-8")
    result = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert (result.imported, result.rejected) == (3, 0), result.summary()
    by_name = _imported(app_ctx, verifier)
    assert {name: r.desa_name for name, r in by_name.items()} == {
        "Abdul Hamid": "Halubau", "Siti Aisyah": "Halubau", "Rusdi": "Inan"}
    assert by_name["Siti Aisyah"].details["monthly_income"] == 750_000


def test_an_xml_spreadsheet_2003_named_xls_is_read(app_ctx, verifier, tmp_path):
    """Older web applications export 'XML Spreadsheet 2003' named .xls: one worksheet per tab,
    ss:Index skipping empty cells, ss:MergeDown for a desa over two rows."""
    path = tmp_path / "ekspor-xml.xls"
    head = "".join(f'<Cell><Data ss:Type="String">{h}</Data></Cell>' for h in HEADER)

    def cells(values, start=1):
        first = f' ss:Index="{start}"' if start > 1 else ""
        out = []
        for i, value in enumerate(values):
            kind = "Number" if isinstance(value, int) else "String"
            index = first if i == 0 else ""
            out.append(f'<Cell{index}><Data ss:Type="{kind}">{value}</Data></Cell>')
        return "".join(out)

    path.write_text(
        '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
        '<Worksheet ss:Name="Petunjuk"><Table><Row><Cell><Data ss:Type="String">Isi lembar '
        "Data</Data></Cell></Row></Table></Worksheet>"
        '<Worksheet ss:Name="Data"><Table>'
        f"<Row>{head}</Row>"
        # imported: Abdul Hamid and Siti Aisyah in Halubau (MergeDown), Rusdi in Inan
        "<Row>" + cells([1, "Abdul Hamid", "6311071203800001"])
        + '<Cell ss:MergeDown="1"><Data ss:Type="String">Halubau</Data></Cell>'
        + cells(["2", 1200000, 4, 36]) + "</Row>"
        "<Row>" + cells([2, "Siti Aisyah", "6311074506850002"])
        + cells(["3", 750000, 3, 28], start=5) + "</Row>"
        "<Row>" + cells([3, "Rusdi", "6311070101700003", "Inan", "4", 900000, 5, 30])
        + "</Row></Table></Worksheet></Workbook>", encoding="utf-8")
    result = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert (result.imported, result.rejected) == (3, 0), result.summary()
    by_name = _imported(app_ctx, verifier)
    assert {name: r.desa_name for name, r in by_name.items()} == {
        "Abdul Hamid": "Halubau", "Siti Aisyah": "Halubau", "Rusdi": "Inan"}
    assert by_name["Siti Aisyah"].details["monthly_income"] == 750_000
