"""An imported cell longer than its column: PostgreSQL would refuse the whole chunk (the import
writes with bulk inserts, past the ORM's check), SQLite would keep it. On both, a required
text too long refuses its row with the column and the limit named; an optional one is left
empty and the record flagged "perlu dicek" with the same reason, as every faulty optional
value is. The good rows are saved."""

from __future__ import annotations

from openpyxl import Workbook, load_workbook

from desktop_app.intake.services import details, importing, listing
from desktop_app.intake.services.listing import SubmissionFilter

HEADERS = ["Jenis", "Kategori", "Nama Pelapor", "Perihal", "Desa", "Tanggal", "Nama Jalan",
           "Panjang (m)", "Kerusakan", "KK Terlayani"]
ROAD = [120, "Rusak berat", 25]


def _workbook(path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADERS)
    ws.append(["Usulan", "Jalan", "Siti Aisyah", "Jalan RT 2 berlubang", "Inan", "20/11/2026",
               "Jl. Inan RT 2", *ROAD])  # good
    ws.append(["Usulan", "Jalan", "Rusdi " * 50, "Jalan usaha tani", "Inan", "20/11/2026",
               "Jl. Tani", *ROAD])  # 300 characters of name: refused
    ws.append(["Laporan", "Jalan", "Mariani", "Jembatan " * 40, "Inan", "21/11/2026",
               "Jl. Jembatan", *ROAD])  # 360 characters of subject: refused
    ws.append(["Usulan", "Jalan", "Hasnah", "Jalan desa rusak", "Inan", "21/11/2026",
               "Ruas " * 60, *ROAD])  # 300 characters of road name: saved, emptied, flagged
    wb.save(path)


def _rows(sheet) -> list[tuple]:
    """The data rows of a report sheet (below its 'Baris asal' header)."""
    rows = list(sheet.iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row[0] == "Baris asal") + 1
    return rows[start:]


def test_over_long_cells_are_bad_rows_or_flagged_with_column_and_limit(app_ctx, verifier,
                                                                        tmp_path):
    path = tmp_path / "jalan.xlsx"
    _workbook(path)
    result = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert (result.imported, result.rejected, result.flagged) == (2, 2, 1)

    report = load_workbook(result.error_workbook)
    refused = _rows(report["Baris ditolak"])
    reasons = {row[0]: row[1] for row in refused}
    assert reasons == {
        3: "Nama pelapor terlalu panjang: paling banyak 200 karakter (tertulis 299)",
        4: "Perihal terlalu panjang: paling banyak 300 karakter (tertulis 359)"}
    assert [(row[0], row[2]) for row in _rows(report["Perlu dicek"])] == [(
        5, "Nama jalan/ruas terlalu panjang: paling banyak 200 karakter (tertulis 299); "
           "dikosongkan")]

    source = listing.SubmissionPageSource(app_ctx, verifier)
    rows = source.fetch(SubmissionFilter(), "number", False, 0, 10)
    assert [r.name for r in rows] == ["Siti Aisyah", "Hasnah"]
    hasnah = details.get_submission(app_ctx, verifier, rows[1].id)
    assert hasnah.details.get("road_name") is None and hasnah.needs_check
    assert "Nama jalan/ruas terlalu panjang" in hasnah.check_reason
    # Importing the file again adds nothing and refuses the same two rows.
    again = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert (again.imported, again.rejected, again.skipped_existing) == (0, 2, 2)
