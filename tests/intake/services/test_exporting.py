"""Exporting the list (formula-safe, masked, audited) and the import template."""

from __future__ import annotations

from openpyxl import load_workbook

from desktop_app.core.services import audit
from desktop_app.intake.services import (
    exporting,
    records,
)
from tests.intake.factories import (
    rtlh_input,
)


def test_export_is_formula_safe_masked_and_audited(app_ctx, operator, verifier, admin, tmp_path):

    records.create_submission(app_ctx, verifier, rtlh_input(subject="=HYPERLINK(\"x\")"))
    path, count = exporting.export_submissions(app_ctx, verifier, None, tmp_path / "e.xlsx")
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

    records.create_submission(app_ctx, verifier, rtlh_input())
    # A role with export but without personal data: take pimpinan's permission away.
    perms = set(roles.ROLE_PERMISSIONS[roles.Role.PIMPINAN]) - {roles.Permission.VIEW_PERSONAL_DATA}
    monkeypatch.setitem(roles.ROLE_PERMISSIONS, roles.Role.PIMPINAN, frozenset(perms))
    path, _ = exporting.export_submissions(app_ctx, pimpinan, None, tmp_path / "m.xlsx")
    ws = load_workbook(path).active
    header = [c.value for c in ws[4]]
    row = {h: c.value for h, c in zip(header, ws[5], strict=False)}
    assert row["NIK kepala keluarga"] == "631107**********"
    assert row["Penghasilan per bulan"] is None


def test_template_has_desa_dropdown(app_ctx, tmp_path):
    path = exporting.write_intake_template(app_ctx, tmp_path / "templat.xlsx")
    wb = load_workbook(path)
    choices = [c.value for c in wb["Pilihan"]["D"]] + [c.value for c in wb["Pilihan"]["C"]]
    assert "Inan" in choices and "Batu Piring" in choices
    assert wb["Data"].data_validations.dataValidation
