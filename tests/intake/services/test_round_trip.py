"""What the app exports it imports again, on another database, losing nothing; the template's
data sheet comes first, and a template whose instructions come first is still read."""

from __future__ import annotations

from openpyxl import Workbook, load_workbook

from desktop_app.app.cli import main
from desktop_app.core.services.bootstrap import open_app
from desktop_app.intake.services import details, exporting, importing, listing, records
from desktop_app.intake.services.listing import SubmissionFilter
from desktop_app.paths import DataPaths
from tests.intake.factories import aduan_input, rtlh_input

COMMON = ("kind", "category", "received_on", "channel", "reporter_name", "reporter_nik",
          "reporter_phone", "reporter_address", "subject", "description", "desa_code", "rt",
          "rw", "address", "latitude", "longitude", "details")


def test_export_then_import_elsewhere_loses_nothing(app_ctx, admin, tmp_path):
    made = [
        records.create_submission(app_ctx, admin, rtlh_input(
            reporter_nik="6311074506850002", reporter_address="Jl. Inan RT 2",
            latitude=-2.3412, longitude=115.4821, description="Rumah panggung; atap bocor",
            details={"roof_material": "Rumbia/daun/ijuk", "wall_material": "Kayu/papan",
                     "floor_material": "Tanah", "electricity": "PLN menumpang",
                     "last_aid_year": "2012"})),
        records.create_submission(app_ctx, admin, aduan_input(rt="4", rw="2")),
    ]
    path, count = exporting.export_submissions(app_ctx, admin, None, tmp_path / "ekspor.xlsx")
    assert count == 2
    other = open_app(DataPaths(tmp_path / "lain"), None, daily_backup=False)
    try:
        from desktop_app.core.domain.roles import Role
        from tests.conftest import _make_user

        clerk = _make_user(other, "admin", Role.ADMIN)
        result = importing.import_file(other, clerk, path, error_dir=tmp_path)
        assert (result.imported, result.rejected, result.flagged) == (2, 0, 0)
        before = [details.get_submission(app_ctx, admin, s.id) for s in made]
        after = [details.get_submission(other, clerk, r.id) for r in
                 listing.list_rows(other, clerk, SubmissionFilter(), "number")]
        after.sort(key=lambda d: d.kind, reverse=True)
        for old, new in zip(before, after, strict=True):
            for name in COMMON:
                assert getattr(new, name) == getattr(old, name), name
    finally:
        other.dispose()


def test_template_data_sheet_first_and_found_by_header(app_ctx, verifier, tmp_path, capsys):
    target = tmp_path / "templat.xlsx"
    assert main(["--data-dir", str(tmp_path / "d"), "export", "template", "-o",
                 str(target)]) == 0
    wb = load_workbook(target)
    assert wb.sheetnames[0] == "Data" and wb.active.title == "Data"
    ws = wb["Data"]
    header = [c.value for c in ws[3]]
    row = {"Jenis": "Aduan", "Kategori": "Drainase", "Tanggal diterima": "20/11/2026",
           "Saluran": "Datang langsung", "Nama pelapor": "Siti Aisyah",
           "Perihal": "Saluran tersumbat", "Desa/Kelurahan": "Inan",
           "Nama jalan/ruas": "Saluran Jl. Inan", "Panjang": "120",
           "Tingkat kerusakan": "Rusak berat", "KK terdampak": 35}
    for name, value in row.items():
        ws.cell(row=4, column=header.index(name) + 1, value=value)
    wb.save(target)
    assert importing.import_file(app_ctx, verifier, target, error_dir=tmp_path).imported == 1

    # An older template kept its instructions first: the data sheet is found by its header.
    old = Workbook()
    old.active.title = "Petunjuk"
    old.active["A1"] = "Petunjuk pengisian"
    data = old.create_sheet("Data")
    data.append(["Jenis", "Kategori", "Nama pelapor", "Perihal", "Desa/Kelurahan"])
    data.append(["Aduan", "Lainnya", "Rusdi", "Lampu jalan padam", "Halubau"])
    old.save(tmp_path / "lama.xlsx")
    assert importing.import_file(app_ctx, verifier, tmp_path / "lama.xlsx",
                                 error_dir=tmp_path).imported == 1
