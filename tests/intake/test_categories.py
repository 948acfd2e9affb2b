"""Admin-defined KULA RAKAT categories: added by an admin, chosen for submissions (common data
only), listed, printed, exported and imported by their label; inactive ones refused for new
submissions."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader

from desktop_app.app.demo import demo_profile
from desktop_app.core.domain import clock
from desktop_app.core.domain.errors import PermissionDenied, ValidationError
from desktop_app.core.services import audit, office
from desktop_app.intake.domain.submissions import category_label, fields_for
from desktop_app.intake.services import printing as intake_print
from desktop_app.intake.services import submissions as intake
from desktop_app.intake.services import transfer as intake_io
from desktop_app.intake.services.submissions import SubmissionFilter, SubmissionInput

INAN = "63.11.07.2003"
PJU = "Penerangan jalan umum"


def pju_input(category: str, **overrides) -> SubmissionInput:
    base = dict(kind="aduan", category=category, received_on=date(2026, 11, 20),
                channel="datang_langsung", reporter_name="Siti Aisyah",
                subject="Lampu jalan padam di RT 2", desa_code=INAN, rt="2",
                details={"road_name": "ignored: no survey fields"})
    base.update(overrides)
    return SubmissionInput(**base)


def test_domain_labels_and_fields_of_unknown_codes():
    assert category_label("jalan") == "Jalan lingkungan"
    assert category_label("pju", {"pju": PJU}) == PJU
    assert category_label("hilang") == "hilang"
    assert category_label("rtlh", {"rtlh": "bukan ini"}) == "Rumah Tidak Layak Huni (RTLH)"
    assert fields_for("pju") == () and fields_for("lainnya") == ()
    assert fields_for("jalan")


def test_admin_adds_categories_operator_cannot(app_ctx, admin, operator):
    code = intake.save_category(app_ctx, admin, None, "  Penerangan   jalan umum ")
    assert code == "penerangan_jalan"  # at most 20 characters, cut between words
    water = intake.save_category(app_ctx, admin, None, "Air bersih")
    assert water == "air_bersih"
    with pytest.raises(PermissionDenied):
        intake.save_category(app_ctx, operator, None, "Taman desa")
    listed = intake.list_categories(app_ctx)
    assert [c for c, _l, builtin in listed if builtin] == ["rtlh", "jalan", "drainase",
                                                           "lainnya"]
    assert listed[4:] == [(water, "Air bersih", False), (code, PJU, False)]  # by label
    rows = audit.list_audit(app_ctx, admin, audit.AuditFilter(entity="category"))
    assert {r.entity_id for r in rows} == {code, water}
    assert any("Tambah kategori Air bersih" in r.summary for r in rows)


def test_codes_are_unique_and_never_builtin(app_ctx, admin):
    assert intake.category_code("Jalan") == "jalan_2"
    assert intake.category_code("Lain-lain") == "lain_lain"
    assert intake.category_code("Air bersih", {"air_bersih"}) == "air_bersih_2"
    assert intake.category_code("Sarana & Prasarana Umum Desa") == "sarana_prasarana"
    assert intake.category_code("Sarana & Prasarana Umum Desa",
                                {"sarana_prasarana"}) == "sarana_prasarana_2"
    assert intake.category_code("Pemberdayaanmasyarakatdesa") == "pemberdayaanmasyarak"
    assert intake.category_code("Rumah ibadah dan fasilitas umum") == "rumah_ibadah_dan"
    assert intake.category_code("???") == "kategori"
    first = intake.save_category(app_ctx, admin, None, "Jembatan desa")
    second = intake.save_category(app_ctx, admin, None, "Jembatan desa (gantung)")
    assert first == "jembatan_desa" and second == "jembatan_desa_2"


def test_duplicate_or_empty_label_refused_in_indonesian(app_ctx, admin):
    intake.save_category(app_ctx, admin, None, PJU)
    with pytest.raises(ValidationError) as err:
        intake.save_category(app_ctx, admin, None, "penerangan jalan  UMUM")
    assert "sudah ada" in err.value.field_errors["label"]
    with pytest.raises(ValidationError) as err:
        intake.save_category(app_ctx, admin, None, "Drainase")  # a built-in one
    assert "sudah ada" in err.value.field_errors["label"]
    with pytest.raises(ValidationError) as err:
        intake.save_category(app_ctx, admin, None, "   ")
    assert err.value.field_errors["label"] == "Nama kategori wajib diisi."


def test_rename_and_deactivate(app_ctx, admin, operator):
    code = intake.save_category(app_ctx, admin, None, "Air bersih")
    saved = intake.create_submission(app_ctx, operator, pju_input(code))
    assert intake.save_category(app_ctx, admin, code, "Air bersih (PAMSIMAS)") == code
    assert intake.get_submission(app_ctx, operator, saved.id).category_label == \
        "Air bersih (PAMSIMAS)"
    intake.save_category(app_ctx, admin, code, "Air bersih (PAMSIMAS)", active=False)
    assert code not in [c for c, _l, _b in intake.list_categories(app_ctx)]
    assert code in [c for c, _l, _b in intake.list_categories(app_ctx, include_inactive=True)]
    assert [c.active for c in intake.list_custom_categories(app_ctx)] == [False]
    # New submissions may not use it; the old one can still be edited and keeps it.
    with pytest.raises(ValidationError) as err:
        intake.create_submission(app_ctx, operator, pju_input(code))
    assert err.value.field_errors["category"] == "Pilih kategori."
    intake.update_submission(app_ctx, operator, saved.id, pju_input(code, subject="Diubah"))
    assert intake.get_submission(app_ctx, operator, saved.id).subject == "Diubah"
    summaries = [r.summary for r in audit.list_audit(
        app_ctx, admin, audit.AuditFilter(entity="category"))]
    assert any("Nonaktifkan kategori" in s for s in summaries)


def test_submission_in_custom_category_is_saved_listed_and_printed(app_ctx, admin, operator,
                                                                   tmp_path):
    office.save_profile(app_ctx, admin, demo_profile())
    code = intake.save_category(app_ctx, admin, None, PJU)
    clean, _warnings = intake.validate(pju_input(code), intake.active_category_codes(app_ctx))
    assert clean["category"] == code and "road_name" not in clean  # common data only
    with pytest.raises(ValidationError) as err:
        intake.validate(pju_input(code))  # built-in categories only
    assert err.value.field_errors == {"category": "Pilih kategori."}
    saved = intake.create_submission(app_ctx, operator, pju_input(code))
    detail = intake.get_submission(app_ctx, operator, saved.id)
    assert (detail.category, detail.category_label, detail.details) == (code, PJU, {})

    source = intake.SubmissionPageSource(app_ctx, operator)
    rows = source.fetch(SubmissionFilter(category=code), "number", False, 0, 10)
    assert [(r.number, r.category_label) for r in rows] == [(saved.number, PJU)]

    form = intake_print.print_forms(app_ctx, operator, [saved.id], tmp_path / "f.pdf")
    text = " ".join(PdfReader(str(form)).pages[0].extract_text().split())
    assert PJU.upper() in text.upper() and saved.number in text
    receipt = intake_print.print_receipt(app_ctx, operator, saved.id, tmp_path / "t.pdf")
    assert PJU in " ".join(PdfReader(str(receipt)).pages[0].extract_text().split())
    handover = intake_print.print_handover(app_ctx, admin, operator.user_id, date(2026, 1, 1),
                                           clock.today(), tmp_path / "ba.pdf")[0]
    ba_text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(handover)).pages)
                       .split())
    assert f"{PJU}: 1" in ba_text

    path, count = intake_io.export_submissions(app_ctx, admin, None, tmp_path / "e.xlsx")
    ws = load_workbook(path, read_only=True)
    try:
        sheet = ws.active
        header = [c.value for c in next(sheet.iter_rows(min_row=4, max_row=4))]
        values = [c.value for c in next(sheet.iter_rows(min_row=5, max_row=5))]
    finally:
        ws.close()
    assert count == 1 and dict(zip(header, values, strict=False))["Kategori"] == PJU


def _custom_workbook(path, label: str) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["No", "Jenis", "Kategori", "Nama Pelapor", "Perihal", "Desa", "RT", "Tanggal"])
    ws.append([1, "Aduan", label, "Siti Aisyah", "Lampu jalan padam", "Inan", "2",
               "20/11/2026"])
    ws.append([2, "Laporan", "air bersih", "Rusdi", "Pipa bocor", "Desa Inan", "1",
               "21/11/2026"])
    ws.append([3, "Aduan", "Taman bermain", "Mariani", "Ayunan rusak", "Inan", "1",
               "21/11/2026"])  # no such category → rejected
    wb.save(path)


def test_import_matches_custom_labels_and_template_lists_them(app_ctx, admin, verifier,
                                                              tmp_path):
    pju = intake.save_category(app_ctx, admin, None, PJU)
    water = intake.save_category(app_ctx, admin, None, "Air bersih")
    path = tmp_path / "aduan_lain.xlsx"
    _custom_workbook(path, "PENERANGAN JALAN UMUM")
    result = intake_io.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert (result.imported, result.rejected) == (2, 1)
    rows = intake.SubmissionPageSource(app_ctx, verifier).fetch(
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

    template = intake_io.write_intake_template(app_ctx, tmp_path / "templat.xlsx")
    wb = load_workbook(template)
    try:
        choices = {c.value for col in wb["Pilihan"].iter_cols() for c in col}
    finally:
        wb.close()
    assert {PJU, "Air bersih", "Drainase"} <= choices


def test_import_refuses_inactive_category(app_ctx, admin, verifier, tmp_path):
    code = intake.save_category(app_ctx, admin, None, PJU)
    intake.save_category(app_ctx, admin, code, PJU, active=False)
    path = tmp_path / "aduan.xlsx"
    _custom_workbook(path, PJU)
    result = intake_io.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert (result.imported, result.rejected) == (0, 3)
