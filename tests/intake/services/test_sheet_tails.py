"""What else a hand-kept sheet holds: the signing block under the data (place and date,
"Mengetahui", the kepala desa's name and NIP), short forms in headers ("TGL USULAN",
"JML JIWA"), numbers written with their unit ("4 org", "± 36 m2") and a floor written as its
sides ("6 x 8"). Each row's expected outcome is written beside it."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook

from desktop_app.core.domain.parsing import to_area, to_decimal_number
from desktop_app.core.exchange.mapping import ColumnSpec, suggest_mapping
from desktop_app.intake.exchange.columns import IMPORT_SPECS
from desktop_app.intake.services import details, importing, listing
from desktop_app.intake.services.listing import SubmissionFilter

HEADER = ["NO", "NM KEPALA KELUARGA", "NIK", "DS/KEL", "RT", "JML JIWA", "LUAS RUMAH",
          "PENGHASILAN", "KONDISI ATAP", "TGL USULAN", "KET"]
ROWS = [  # (row, what the record holds afterwards)
    ([1, "Ahmad Fauzi", "6311070707800001", "Inan", "3", "4 org", "6 x 8", "Rp 1.500.000,- / bln",
      "RB", "12/10/2026", ""],
     {"occupants": 4, "floor_area": 48.0, "monthly_income": 1_500_000}),
    ([2, "Siti Aminah", "6311074708800002", "Inan", "3", "5 jiwa", "± 36 m2", "750 rb", "RB",
      "13/10/2026", ""],
     {"occupants": 5, "floor_area": 36.0, "monthly_income": 750_000}),
    ([3, "Bahrudin", "6311071203800009", "Halubau", "1", "kurang lebih 3 orang", "7,5 x 6 m",
      "900000", "Rusak sedang", "14/10/2026", ""],
     {"occupants": 3, "floor_area": 45.0, "monthly_income": 900_000}),
]
SIGNING = [
    [None, None, None, None, None, None, None, None, "Paringin Selatan, 15 Oktober 2026"],
    [None, "Mengetahui,", None, None, None, None, None, None, "Yang membuat,"],
    [None, "Kepala Desa Inan", None, None, None, None, None, None, "Petugas Pendata"],
    [],
    [None, "H. MASRANI", None, None, None, None, None, None, "RAHMAT HIDAYAT"],
    [None, "NIP. 19650318 199003 1 005", None, None, None, None, None, None, None],
]


def office_sheet(path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["REKAP USULAN RTLH DESA INAN DAN HALUBAU"])
    ws.append([])
    ws.append(HEADER)
    for row, _expected in ROWS:
        ws.append(row)
    ws.append(["", "JUMLAH", None, None, None, 12])
    ws.append([])
    for row in SIGNING:
        ws.append(row)
    wb.save(path)


def test_signing_block_short_headers_and_units(app_ctx, verifier, tmp_path):
    path = tmp_path / "rekap.xlsx"
    office_sheet(path)
    prev = importing.preview(app_ctx, path)
    mapped = {prev.header.headers[i]: key for i, key in prev.suggestion.mapping.items() if key}
    assert mapped["TGL USULAN"] == "received_on" and mapped["JML JIWA"] == "occupants"
    assert mapped["NM KEPALA KELUARGA"] == "household_head" and mapped["DS/KEL"] == "desa"
    # The value-mapping step asks about the sheet's own words only, not the signatures.
    asked = {q.raw for q in prev.questions(prev.suggestion.mapping)}
    assert not asked & {"Yang membuat,", "Petugas Pendata", "RAHMAT HIDAYAT"}

    result = importing.import_rows(app_ctx, verifier, prev, prev.suggestion.mapping,
                                   importing.ImportDefaults(), error_dir=tmp_path)
    assert (result.imported, result.rejected, result.flagged) == (3, 0, 0)
    assert result.error_workbook is None  # nothing to report: no signature row was refused
    first_signing = len(ROWS) + 6  # title, blank, header, rows, JUMLAH, blank
    assert [(s.row_number, s.reason) for s in result.skipped_rows] == \
        [(len(ROWS) + 4, "baris jumlah/total")] + [
            (n, "baris tanda tangan/keterangan")
            for n in (first_signing, first_signing + 1, first_signing + 2, first_signing + 4,
                      first_signing + 5)]
    assert (f"Bukan data, dilewati: baris {len(ROWS) + 4} (jumlah/total); baris "
            f"{first_signing}–{first_signing + 2}, {first_signing + 4}–{first_signing + 5} "
            "(tanda tangan/keterangan)") in result.summary()

    rows = listing.list_rows(app_ctx, verifier, SubmissionFilter(), "number")
    saved = {r.name: details.get_submission(app_ctx, verifier, r.id) for r in rows}
    for row, expected in ROWS:
        record = saved[row[1]]
        assert {k: record.details[k] for k in expected} == expected, row[1]
        assert record.received_on == date(2026, 10, int(row[9][:2]))
        assert not record.needs_check


def test_a_short_row_inside_the_data_is_still_read(app_ctx, verifier, tmp_path):
    """Only a row that reads as signing opens the block: a data row with few cells is refused
    with its reason, and a full row after a signing-like line is data again."""
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(ROWS[0][0])
    ws.append([2, "Rusdi"])  # a row begun and left: refused with reasons, not hidden
    ws.append([None, "Keterangan: data sementara"])
    ws.append(ROWS[1][0])  # a full row again: data
    path = tmp_path / "pendek.xlsx"
    wb.save(path)
    result = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert (result.imported, result.rejected) == (2, 1)
    assert [(s.row_number, s.reason) for s in result.skipped_rows] == \
        [(4, "baris tanda tangan/keterangan")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("4 org", 4), ("5 Jiwa", 5), ("kurang lebih 3 orang", 3), ("± 36", 36), ("48 m2", 48),
     ("48 m²", 48), ("120 meter", 120), ("Rp 750.000/bln", 750_000),
     ("Rp 1.500.000,- / bulan", 1_500_000), ("1.500.000 per bulan", 1_500_000),
     ("2 unit", 2), ("35 %", 35), ("Rp 28 M", 28e9), ("Rp 2,5 M", 2.5e9), ("28 m", 28),
     ("2,5 miliar", 2.5e9), ("Rp 1,5 Milyar", 1.5e9), ("1,5 juta/bulan", 1.5e6)],
)
def test_numbers_written_with_their_unit(text, expected):
    """A unit after the number is dropped; "M" after "Rp" is miliar, alone it is metres."""
    assert to_decimal_number(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["12 abc", "satu juta", "4 org 5", "x 8"])
def test_what_is_not_a_number_stays_refused(text):
    with pytest.raises(ValueError):
        to_decimal_number(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("6 x 8", 48), ("6x8 m", 48), ("6 m x 8 m", 48), ("7,5 X 6", 45), ("6*8", 48), ("36", 36),
     ("36 m2", 36)],
)
def test_a_floor_written_as_its_sides(text, expected):
    assert to_area(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("header", "key"),
    [("TGL USULAN", "received_on"), ("Tgl. Usulan", "received_on"), ("JML JIWA", "occupants"),
     ("Jmlh Penghuni", "occupants"), ("NM KK", "household_head"), ("Almt Rumah", "address"),
     ("Nama Desa/Kel", "desa"), ("Kepala Kel.", None)],
)
def test_short_forms_in_headers(header, key):
    specs: list[ColumnSpec] = list(IMPORT_SPECS)
    assert suggest_mapping([header], specs).mapping[0] == key


GROUPED_HEADER = ["NO", "NAMA KK", "NIK", "RT", "JML JIWA", "LUAS LANTAI", "KONDISI ATAP",
                  "PENGHASILAN"]


def grouped_sheet(path) -> None:
    """A kecamatan's recap: one group per desa under a heading row, no desa column, the header
    printed again on the second page, a subtotal per desa."""
    wb = Workbook()
    ws = wb.active
    ws.append(["REKAP USULAN RTLH KECAMATAN PARINGIN SELATAN TAHUN 2027"])
    ws.append(GROUPED_HEADER)
    ws.append(["A", "DESA INAN"])  # row 3
    ws.append([1, "Ahmad Fauzi", "6311070707800001", "3", 4, 36, "RB", 900_000])
    ws.append([2, "Siti Aminah", "6311074708800002", "3", 5, 40, "RB", 800_000])
    ws.append(["", "Jumlah Desa Inan", "", "", 9])  # row 6
    ws.append(["B.", "Halubau"])  # row 7: the desa's name alone
    ws.append([1, "Bahrudin", "6311071203800009", "1", 3, 30, "RS", 700_000])
    ws.append(GROUPED_HEADER)  # row 9: the second printed page's header
    ws.append([2, "Masliani", "6311074404600005", "2", 2, 24, "RB", 600_000])
    ws.append([3, "Rahmah", "6311074404600006", "2", 2, 24, "RB", 600_000])
    ws.append(["", "SUB TOTAL HALUBAU", "", "", 7])  # row 12
    wb.save(path)


def test_group_headings_give_the_desa_of_the_rows_under_them(app_ctx, verifier, tmp_path):
    path = tmp_path / "rekap kecamatan.xlsx"
    grouped_sheet(path)
    result = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert (result.imported, result.rejected, result.flagged) == (5, 0, 0), result.summary()
    assert result.grouped == 5
    assert [(s.row_number, s.reason) for s in result.skipped_rows] == [
        (3, "baris judul kelompok"), (6, "baris jumlah/total"), (7, "baris judul kelompok"),
        (9, "baris judul kolom berulang"), (12, "baris jumlah/total")]
    assert "5 baris tanpa desa/kelurahan diberi desa dari judul kelompoknya" in \
        result.summary()
    rows = listing.list_rows(app_ctx, verifier, SubmissionFilter(), "number")
    assert {r.name: r.desa for r in rows} == {
        "Ahmad Fauzi": "Inan", "Siti Aminah": "Inan", "Bahrudin": "Halubau",
        "Masliani": "Halubau", "Rahmah": "Halubau"}


def test_a_row_with_its_own_desa_keeps_it_under_a_heading(app_ctx, verifier, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["NO", "NAMA KK", "NIK", "DESA", "RT", "JML JIWA", "LUAS LANTAI"])
    ws.append(["I", "DESA INAN"])
    ws.append([1, "Ahmad Fauzi", "6311070707800001", "", "3", 4, 36])
    ws.append([2, "Siti Aminah", "6311074708800002", "Halubau", "3", 5, 40])
    path = tmp_path / "campur.xlsx"
    wb.save(path)
    result = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert result.imported == 2 and result.grouped == 1
    rows = listing.list_rows(app_ctx, verifier, SubmissionFilter(), "number")
    assert {r.name: r.desa for r in rows} == {"Ahmad Fauzi": "Inan", "Siti Aminah": "Halubau"}


def test_dashes_are_empty_cells_and_dates_may_carry_a_time(app_ctx, verifier, tmp_path):
    """"-" (or "—", "N/A") is how a clerk writes "nothing": the cell is empty, so a missing
    optional value is not flagged as unreadable; a date exported with its time is a date."""
    wb = Workbook()
    ws = wb.active
    ws.append(["NAMA KK", "NIK", "DESA", "RT", "JML JIWA", "LUAS LANTAI", "PENGHASILAN",
               "KONDISI ATAP", "NO HP", "TANGGAL"])
    ws.append(["Ahmad Fauzi", "6311070707800001", "Inan", "-", 4, 36, 900_000, "RB", "-",
               "12/10/2026 10:30:00"])
    ws.append(["Siti Aminah", "6311074708800002", "Inan", "—", 5, 40, 800_000, "N/A", "–",
               "2026/10/13"])
    path = tmp_path / "strip.xlsx"
    wb.save(path)
    result = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert (result.imported, result.rejected, result.flagged) == (2, 0, 0), result.summary()
    rows = listing.list_rows(app_ctx, verifier, SubmissionFilter(), "number")
    saved = {r.name: details.get_submission(app_ctx, verifier, r.id) for r in rows}
    assert saved["Ahmad Fauzi"].received_on == date(2026, 10, 12)
    assert saved["Siti Aminah"].received_on == date(2026, 10, 13)
    assert saved["Siti Aminah"].details["roof_condition"] is None
    assert saved["Ahmad Fauzi"].rt == "" and saved["Ahmad Fauzi"].reporter_phone == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2026/10/12", date(2026, 10, 12)), ("12/10/2026 10:30:00", date(2026, 10, 12)),
     ("12 Oktober 2026 10.30 WITA", date(2026, 10, 12)), ("2026-10-12 08:00:00",
                                                          date(2026, 10, 12))],
)
def test_dates_with_a_time_or_slashes(text, expected):
    from desktop_app.core.domain.parsing import to_date

    assert to_date(text) == expected


def test_a_half_filled_row_is_not_taken_for_a_heading(app_ctx, verifier, tmp_path):
    """"Siti | Halubau" is a row begun and left (refused with its reasons), not the heading of
    a group: only a label ("B", "II.") may stand beside a heading's desa."""
    wb = Workbook()
    ws = wb.active
    ws.append(["NAMA KK", "DESA", "NIK", "RT", "JML JIWA", "LUAS LANTAI"])
    ws.append(["Siti", "Halubau"])
    ws.append(["Ahmad Fauzi", "Inan", "6311070707800001", "3", 4, 36])
    path = tmp_path / "setengah.xlsx"
    wb.save(path)
    result = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert (result.imported, result.rejected, result.grouped) == (1, 1, 0)
    assert not result.skipped_rows


def test_a_pasted_page_is_not_repeated_in_the_reason(app_ctx, verifier, tmp_path):
    """A whole paragraph pasted where a number or a choice belongs: the reason quotes its
    first 40 characters, not all of it."""
    pasted = "Rumah ini sudah lama rusak dan keluarga tinggal menumpang " * 12
    wb = Workbook()
    ws = wb.active
    ws.append(["NAMA KK", "NIK", "DESA", "JML JIWA", "LUAS LANTAI", "KONDISI ATAP"])
    ws.append(["Ahmad Fauzi", "6311070707800001", "Inan", pasted, 36, pasted])
    path = tmp_path / "tempel.xlsx"
    wb.save(path)
    result = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert (result.imported, result.flagged) == (1, 1)
    rows = listing.list_rows(app_ctx, verifier, SubmissionFilter(), "number")
    reason = details.get_submission(app_ctx, verifier, rows[0].id).check_reason
    assert "'Rumah ini sudah lama rusak dan keluarga…'" in reason
    assert len(reason) < 250 and pasted not in reason


@pytest.mark.parametrize(("value", "expected"), [
    ("satu juta", "'satu juta' bukan angka"),
    ("x" * 100, "'" + "x" * 39 + "…' bukan angka"),
])
def test_numbers_quote_what_was_written_briefly(value, expected):
    with pytest.raises(ValueError, match=expected):
        to_decimal_number(value)
