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


def test_export_keeps_labels_types_print_setup_and_every_record(app_ctx, admin, tmp_path):
    """The streamed writer (xlsxwriter) gives the workbook an office opens: title, labelled
    header, names instead of codes, Ya/Tidak, real dates and Rupiah numbers, NIK as text,
    control characters dropped, landscape A4 one page wide with the header on every page."""
    from datetime import date

    records.create_submission(app_ctx, admin, rtlh_input(
        subject="+62 812\x07 di depan", reporter_name="Ahmad Fauzi bin H. Abdul Rahman"))
    for i in range(3):
        records.create_submission(app_ctx, admin, rtlh_input(subject=f"Rumah {i}"))
    path, count = exporting.export_submissions(app_ctx, admin, None, tmp_path / "semua.xlsx")
    assert count == 4 and not list(tmp_path.glob("*.part"))
    ws = load_workbook(path)["Data"]
    assert ws["A1"].value.startswith("Daftar Usulan, Laporan dan Aduan") and ws["A1"].font.b
    header = [c.value for c in ws[4]]
    assert header[:4] == ["Nomor", "Jenis", "Kategori", "Status"] and ws["A4"].font.b
    lines = [{h: c for h, c in zip(header, row, strict=False)} for row in ws.iter_rows(min_row=5)]
    assert len(lines) == 4 and len({r["Nomor"].value for r in lines}) == 4
    first = lines[0]
    assert first["Perihal"].value == "+62 812 di depan" and first["Perihal"].data_type == "s"
    assert first["Kategori"].value == "Rumah Tidak Layak Huni (RTLH)"
    assert first["Desa/Kelurahan"].value == "Inan"
    assert first["Tanggal diterima"].value.date() == date(2026, 11, 2)
    assert first["Tanggal diterima"].number_format == "DD/MM/YYYY"
    assert first["Penghasilan per bulan"].value == 1_200_000
    assert first["Penghasilan per bulan"].number_format == '"Rp"#,##0'
    assert first["NIK kepala keluarga"].value == "6311071203800001"
    assert first["NIK kepala keluarga"].number_format == "@"
    assert {first[h].value for h in header if first[h].value in ("Ya", "Tidak")} == {"Ya",
                                                                                      "Tidak"}
    assert ws.freeze_panes == "A5" and ws.auto_filter.ref.startswith("A4:")
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_title_rows == "$4:$4"
