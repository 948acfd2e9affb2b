"""Importing an office's messy RTLH workbook, re-importing it, custom categories by label."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook

from desktop_app.core.services import audit
from desktop_app.intake.domain import validation
from desktop_app.intake.services import (
    categories,
    details,
    exporting,
    importing,
    listing,
    records,
)
from desktop_app.intake.services.listing import SubmissionFilter
from tests.intake.factories import (
    PJU,
    custom_workbook,
    office_workbook,
)


def test_messy_import_keeps_good_rows_and_reimport_adds_nothing(app_ctx, verifier, tmp_path):
    path = tmp_path / "usulan_rtlh_inan.xlsx"
    office_workbook(path)
    first = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    # Since issue 12 "1,5 juta" is read as Rp1.500.000, so Rusdi is imported too.
    assert (first.imported, first.rejected, first.skipped_existing) == (4, 2, 0)
    assert [s.reason for s in first.skipped_rows] == ["baris jumlah/total"]
    errors = load_workbook(first.error_workbook).active
    reasons = {errors.cell(row=r, column=4).value: errors.cell(row=r, column=2).value
               for r in range(4, errors.max_row + 1)}
    assert "Rusdi" not in reasons
    assert "16 digit" in reasons["Mariani"]
    assert "tidak dikenal" in reasons["Jumberi"]
    source = listing.SubmissionPageSource(app_ctx, verifier)
    rows = source.fetch(SubmissionFilter(), "number", False, 0, 10)
    assert [r.name for r in rows] == ["Abdul Hamid", "Siti Aisyah", "Rusdi", "Hasnah"]
    assert details.get_submission(app_ctx, verifier, rows[2].id).details["monthly_income"] \
        == 1_500_000
    hamid = details.get_submission(app_ctx, verifier, rows[0].id)
    assert hamid.details["monthly_income"] == 1_200_000
    assert hamid.details["roof_condition"] == "Rusak berat"
    assert (hamid.rt, hamid.rw, hamid.received_on) == ("002", "001", date(2026, 11, 2))
    again = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert (again.imported, again.skipped_existing) == (0, 4)
    assert source.count(None) == 4


def test_dry_run_writes_nothing(app_ctx, verifier, tmp_path):
    path = tmp_path / "usulan.xlsx"
    office_workbook(path)
    result = importing.import_file(app_ctx, verifier, path, dry_run=True, error_dir=tmp_path)
    assert result.imported == 4
    assert listing.SubmissionPageSource(app_ctx, verifier).count(None) == 0


def test_bulk_import_audits_every_record_and_keeps_the_chain(app_ctx, verifier, admin,
                                                             tmp_path):
    path = tmp_path / "usulan.xlsx"
    office_workbook(path)
    result = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    created = audit.list_audit(app_ctx, admin, audit.AuditFilter(entity="submission",
                                                                 action="create"))
    assert len(created) == result.imported == 4
    assert sorted(r.summary.split(" ")[1].rstrip(":") for r in created) == sorted(result.numbers)
    assert audit.verify_chain(app_ctx, admin).ok
    # Numbers continue without gaps after a bulk import, from the form as well.
    one_more = records.create_submission(app_ctx, verifier, validation.SubmissionInput(
        kind="usulan", category="rtlh", received_on=date(2026, 11, 2), channel="enumerator",
        reporter_name="Yusuf", subject="Tambahan", desa_code="63.11.07.2003", details={
            "household_head": "Ijah", "nik": "6311074404600099", "monthly_income": "900000",
            "occupants": "3", "floor_area": "30"}))
    assert one_more.number == "USL/2026/0005"




def test_import_matches_custom_labels_and_template_lists_them(app_ctx, admin, verifier,
                                                              tmp_path):
    pju = categories.save_category(app_ctx, admin, None, PJU)
    water = categories.save_category(app_ctx, admin, None, "Air bersih")
    path = tmp_path / "aduan_lain.xlsx"
    custom_workbook(path, "PENERANGAN JALAN UMUM")
    result = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert (result.imported, result.rejected) == (2, 1)
    rows = listing.SubmissionPageSource(app_ctx, verifier).fetch(
        SubmissionFilter(), "number", False, 0, 10)
    assert sorted((r.category, r.category_label) for r in rows) == [
        (water, "Air bersih"), (pju, PJU)]
    errors = load_workbook(result.error_workbook, read_only=True)
    try:
        reasons = [[c.value for c in row] for row in errors.active.iter_rows(min_row=4)]
    finally:
        errors.close()
    assert any("Taman bermain" in str(cell) and "tidak dikenal" in str(row)
               for row in reasons for cell in row)

    template = exporting.write_intake_template(app_ctx, tmp_path / "templat.xlsx")
    wb = load_workbook(template)
    try:
        choices = {c.value for col in wb["Pilihan"].iter_cols() for c in col}
    finally:
        wb.close()
    assert {PJU, "Air bersih", "Drainase"} <= choices


def test_import_refuses_inactive_category(app_ctx, admin, verifier, tmp_path):
    code = categories.save_category(app_ctx, admin, None, PJU)
    categories.save_category(app_ctx, admin, code, PJU, active=False)
    path = tmp_path / "aduan.xlsx"
    custom_workbook(path, PJU)
    result = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert (result.imported, result.rejected) == (0, 3)
