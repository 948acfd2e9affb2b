"""Importing an office's messy RTLH workbook, re-importing it, exporting, and the template."""

from __future__ import annotations

from datetime import date

from openpyxl import Workbook, load_workbook

from desktop_app.core.services import audit
from desktop_app.intake.services import submissions as intake
from desktop_app.intake.services import transfer as intake_io
from desktop_app.intake.services.submissions import SubmissionFilter


def _office_workbook(path):
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "DAFTAR USULAN RUMAH TIDAK LAYAK HUNI DESA INAN"
    ws.merge_cells("A1:J1")
    ws["A2"] = "TAHUN ANGGARAN 2027"
    ws.append([])
    ws.append(["No", "Nama KK", "NIK", "Desa", "RT/RW", "Penghasilan", "Jml Jiwa",
               "Luas Lantai (m2)", "Kondisi", None, "Tanggal"])
    ws.merge_cells("I4:J4")
    ws.append([None, None, None, None, None, None, None, None, "Atap", "Dinding"])
    ws.append(list(range(1, 12)))
    good = [
        [1, "Abdul Hamid", "6311071203800001", "Inan", "002/001", "Rp 1.200.000", 6, "36",
         "Rusak berat", "Rusak sedang", "02/11/2026"],
        [2, "Siti Aisyah", "6311074506850002", "Desa Inan", "3", "750.000", "4", 28,
         "Rusak sedang", "Layak", "3 November 2026"],
        [3, "Rusdi", "6311070101700003", "Halubau", "1", "1,5 juta", 3, 30, "Layak", "Layak",
         "04/11/2026"],  # income not a number → rejected
        [4, "Mariani", "63110712", "Inan", "1", "900.000", 3, 30, "Layak", "Layak",
         "04/11/2026"],  # NIK too short → rejected
        [5, "Jumberi", "6311070202650004", "Kampung Antah", "1", "900.000", 3, 30, "Layak",
         "Layak", "04/11/2026"],  # unknown desa → rejected
        [6, "Hasnah", "6311074404600005", "Galumbang", "004/002", "Rp. 600.000,-", 2, 24,
         "Rusak berat", "Rusak berat", "05/11/2026"],
    ]
    for row in good:
        ws.append(row)
    ws.append(["JUMLAH", None, None, None, None, 5_850_000, 18, None, None, None, None])
    wb.save(path)


def test_messy_import_keeps_good_rows_and_reimport_adds_nothing(app_ctx, verifier, tmp_path):
    path = tmp_path / "usulan_rtlh_inan.xlsx"
    _office_workbook(path)
    first = intake_io.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert (first.imported, first.rejected, first.skipped_existing) == (3, 3, 0)
    assert [s.reason for s in first.skipped_rows] == ["baris jumlah/total"]
    errors = load_workbook(first.error_workbook).active
    reasons = {errors.cell(row=r, column=4).value: errors.cell(row=r, column=2).value
               for r in range(4, errors.max_row + 1)}
    assert "bukan angka" in reasons["Rusdi"]
    assert "16 digit" in reasons["Mariani"]
    assert "tidak dikenal" in reasons["Jumberi"]
    source = intake.SubmissionPageSource(app_ctx, verifier)
    rows = source.fetch(SubmissionFilter(), "number", False, 0, 10)
    assert [r.name for r in rows] == ["Abdul Hamid", "Siti Aisyah", "Hasnah"]
    hamid = intake.get_submission(app_ctx, verifier, rows[0].id)
    assert hamid.details["monthly_income"] == 1_200_000
    assert hamid.details["roof_condition"] == "Rusak berat"
    assert (hamid.rt, hamid.rw, hamid.received_on) == ("002", "001", date(2026, 11, 2))
    again = intake_io.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert (again.imported, again.skipped_existing) == (0, 3)
    assert source.count(None) == 3


def test_dry_run_writes_nothing(app_ctx, verifier, tmp_path):
    path = tmp_path / "usulan.xlsx"
    _office_workbook(path)
    result = intake_io.import_file(app_ctx, verifier, path, dry_run=True, error_dir=tmp_path)
    assert result.imported == 3
    assert intake.SubmissionPageSource(app_ctx, verifier).count(None) == 0


def test_export_is_formula_safe_masked_and_audited(app_ctx, operator, verifier, admin, tmp_path):
    from tests.intake.test_services import rtlh_input

    intake.create_submission(app_ctx, verifier, rtlh_input(subject="=HYPERLINK(\"x\")"))
    path, count = intake_io.export_submissions(app_ctx, verifier, None, tmp_path / "e.xlsx")
    ws = load_workbook(path).active
    header = [c.value for c in ws[4]]
    row = {h: c for h, c in zip(header, ws[5], strict=False)}
    assert count == 1
    assert row["Perihal"].value == "=HYPERLINK(\"x\")" and row["Perihal"].data_type == "s"
    assert row["NIK kepala keluarga"].value == "6311071203800001"
    rows = audit.list_audit(app_ctx, admin, audit.AuditFilter(action="export"))
    assert rows and "Ekspor 1 data" in rows[0].summary


def test_export_masks_personal_data_for_roles_without_access(app_ctx, pimpinan, verifier,
                                                             tmp_path, monkeypatch):
    from desktop_app.core.domain import roles
    from tests.intake.test_services import rtlh_input

    intake.create_submission(app_ctx, verifier, rtlh_input())
    # A role with export but without personal data: take pimpinan's permission away.
    perms = set(roles.ROLE_PERMISSIONS[roles.Role.PIMPINAN]) - {roles.Permission.VIEW_PERSONAL_DATA}
    monkeypatch.setitem(roles.ROLE_PERMISSIONS, roles.Role.PIMPINAN, frozenset(perms))
    path, _ = intake_io.export_submissions(app_ctx, pimpinan, None, tmp_path / "m.xlsx")
    ws = load_workbook(path).active
    header = [c.value for c in ws[4]]
    row = {h: c.value for h, c in zip(header, ws[5], strict=False)}
    assert row["NIK kepala keluarga"] == "631107**********"
    assert row["Penghasilan per bulan"] is None


def test_template_has_desa_dropdown(app_ctx, tmp_path):
    path = intake_io.write_intake_template(app_ctx, tmp_path / "templat.xlsx")
    wb = load_workbook(path)
    choices = [c.value for c in wb["Pilihan"]["D"]] + [c.value for c in wb["Pilihan"]["C"]]
    assert "Inan" in choices and "Batu Piring" in choices
    assert wb["Data"].data_validations.dataValidation


def test_bulk_import_audits_every_record_and_keeps_the_chain(app_ctx, verifier, admin,
                                                             tmp_path):
    path = tmp_path / "usulan.xlsx"
    _office_workbook(path)
    result = intake_io.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    created = audit.list_audit(app_ctx, admin, audit.AuditFilter(entity="submission",
                                                                 action="create"))
    assert len(created) == result.imported == 3
    assert sorted(r.summary.split(" ")[1].rstrip(":") for r in created) == sorted(result.numbers)
    assert audit.verify_chain(app_ctx, admin).ok
    # Numbers continue without gaps after a bulk import, from the form as well.
    one_more = intake.create_submission(app_ctx, verifier, intake.SubmissionInput(
        kind="usulan", category="rtlh", received_on=date(2026, 11, 2), channel="enumerator",
        reporter_name="Yusuf", subject="Tambahan", desa_code="63.11.07.2003", details={
            "household_head": "Ijah", "nik": "6311074404600099", "monthly_income": "900000",
            "occupants": "3", "floor_area": "30"}))
    assert one_more.number == "USL/2026/0004"
