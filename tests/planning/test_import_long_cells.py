"""REMBUK REMAS imports with a cell longer than its column: on PostgreSQL the database (or the
ORM's check, which then left the refused row pending for every later one) would stop the whole
import; on SQLite the text was kept. On both, the row comes back as a bad row naming the column
and its limit, and the good rows are saved."""

from __future__ import annotations

from openpyxl import Workbook, load_workbook

from desktop_app.core.domain.roles import Role
from desktop_app.core.services.bootstrap import open_app
from desktop_app.paths import DataPaths
from desktop_app.planning.services import frame, transfer, workbook
from desktop_app.planning.services.frame_import import import_frame
from desktop_app.planning.services.queries import ProposalFilter, list_proposals
from tests.conftest import make_user
from tests.planning.conftest import INAN, YEAR


def test_desa_workbook_long_cells_are_bad_rows(planned, tmp_path):
    app, admin, _ids = planned
    path = tmp_path / "usulan.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["No", "Nama Kegiatan", "Permasalahan", "Vol", "Sat", "Harga Satuan (Rp)",
               "OPD", "Pengusul"])
    ws.append([1, "Rabat beton jalan RT 03", "Jalan becek", 220, "m", 1_250_000,
               "Dinas PUPRPERKIM", "Ketua RT 03"])
    ws.append([2, "Jamban sehat", "BAB di sungai", 25, "unit", 6_500_000,
               "Dinas PUPRPERKIM", "Kelompok " * 30])  # 270 characters
    ws.append([3, "Lampu jalan", "Gelap", 10, "titik lampu tenaga surya " * 2, 3_000_000,
               "Dinas " * 40, ""])  # unit of 50 characters and agency of 240
    ws.append([4, "Talud sungai", "Longsor", 10, "m", 1_500_000, "Dinas PUPRPERKIM", ""])
    wb.save(path)
    result = workbook.import_workbook(app, admin, path, year=YEAR, desa_code=INAN)
    assert result.created == 2
    reasons = {row_no: reason for row_no, _row, reason in result.bad_rows}
    assert reasons == {
        3: "Pengusul terlalu panjang: paling banyak 200 karakter (tertulis 269)",
        4: "Satuan terlalu panjang: paling banyak 40 karakter (tertulis 49); SKPD Tujuan "
           "terlalu panjang: paling banyak 200 karakter (tertulis 239)"}
    works = sorted(p.work for p in list_proposals(app, admin, ProposalFilter(year=YEAR)))
    assert works == ["Rabat beton jalan RT 03", "Talud sungai"]


def test_frame_long_cells_are_bad_rows_and_the_rest_is_saved(planned, tmp_path):
    app, admin, _ids = planned
    path = tmp_path / "kerangka.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "Prioritas"
    ws.append(["Kode Prioritas", "Uraian Prioritas", "Dokumen", "Sasaran"])
    ws.append(["P7" * 11, "Penurunan stunting", "RKPD", "14%"])  # a code of 22
    ws.append(["P8", "Ketahanan pangan " * 20, "RKPD", ""])  # a title of 340
    ws.append(["P9", "Pariwisata desa", "RKPD", "5 desa wisata"])
    wb.save(path)
    result = import_frame(app, admin, path, YEAR)
    assert result.priorities == 1
    assert {row: reason for _sheet, row, reason in result.bad_rows} == {
        2: "Kode terlalu panjang: paling banyak 20 karakter (tertulis 22)",
        3: "Prioritas terlalu panjang: paling banyak 300 karakter (tertulis 339)"}
    assert sorted(p.code for p in frame.list_priorities(app, admin, YEAR)) == ["P1", "P2", "P9"]


def test_sipd_export_with_a_long_cell_returns_that_row(demo_app, tmp_path):
    """SIPD's own export (the usulan sheet only, no checksum) into another office's database:
    the row whose proposer is longer than its field comes back, the others are created."""
    app, admin = demo_app
    path, count = transfer.export_sipd(app, admin, tmp_path / "usulan.xlsx",
                                       transfer.ExportScope(YEAR))
    wb = load_workbook(path)
    for name in wb.sheetnames[1:]:
        del wb[name]  # as SIPD gives it: the usulan sheet alone
    sheet = wb.worksheets[0]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=3, column=header.index("Pengusul") + 1).value = "Kelompok tani " * 20
    wb.save(path)
    other = open_app(DataPaths(tmp_path / "bappeda"), daily_backup=False)
    try:
        planner = make_user(other, "perencana", Role.PLANNER, "Perencana Bappeda")
        result = transfer.import_sipd(other, planner, path)
    finally:
        other.dispose()
    assert result.created == count - 1
    assert [(row, reason) for row, _values, reason in result.bad_rows] == [
        (3, "Pengusul terlalu panjang: paling banyak 200 karakter (tertulis 279)")]
