"""Admin-defined KULA RAKAT categories: added by an admin, chosen for submissions (common data
only), listed, printed and exported by their label; inactive ones refused for new submissions."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from desktop_app.app.demo import demo_profile
from desktop_app.core.domain import clock
from desktop_app.core.domain.errors import PermissionDenied, ValidationError
from desktop_app.core.services import audit, office
from desktop_app.intake.domain import validation
from desktop_app.intake.domain.submissions import category_label, fields_for
from desktop_app.intake.services import (
    categories,
    details,
    exporting,
    listing,
    printing,
    records,
)
from desktop_app.intake.services.listing import SubmissionFilter
from tests.intake.factories import (
    PJU,
    pju_input,
)


def test_domain_labels_and_fields_of_unknown_codes():
    assert category_label("jalan") == "Jalan lingkungan"
    assert category_label("pju", {"pju": PJU}) == PJU
    assert category_label("hilang") == "hilang"
    assert category_label("rtlh", {"rtlh": "bukan ini"}) == "Rumah Tidak Layak Huni (RTLH)"
    assert fields_for("pju") == () and fields_for("lainnya") == ()
    assert fields_for("jalan")


def test_admin_adds_categories_operator_cannot(app_ctx, admin, operator):
    code = categories.save_category(app_ctx, admin, None, "  Penerangan   jalan umum ")
    assert code == "penerangan_jalan"  # at most 20 characters, cut between words
    water = categories.save_category(app_ctx, admin, None, "Air bersih")
    assert water == "air_bersih"
    with pytest.raises(PermissionDenied):
        categories.save_category(app_ctx, operator, None, "Taman desa")
    listed = categories.list_categories(app_ctx)
    assert [c for c, _l, builtin in listed if builtin] == ["rtlh", "jalan", "drainase",
                                                           "lainnya"]
    assert listed[4:] == [(water, "Air bersih", False), (code, PJU, False)]  # by label
    rows = audit.list_audit(app_ctx, admin, audit.AuditFilter(entity="category"))
    assert {r.entity_id for r in rows} == {code, water}
    assert any("Tambah kategori Air bersih" in r.summary for r in rows)


def test_codes_are_unique_and_never_builtin(app_ctx, admin):
    assert categories.category_code("Jalan") == "jalan_2"
    assert categories.category_code("Lain-lain") == "lain_lain"
    assert categories.category_code("Air bersih", {"air_bersih"}) == "air_bersih_2"
    assert categories.category_code("Sarana & Prasarana Umum Desa") == "sarana_prasarana"
    assert categories.category_code("Sarana & Prasarana Umum Desa",
                                {"sarana_prasarana"}) == "sarana_prasarana_2"
    assert categories.category_code("Pemberdayaanmasyarakatdesa") == "pemberdayaanmasyarak"
    assert categories.category_code("Rumah ibadah dan fasilitas umum") == "rumah_ibadah_dan"
    assert categories.category_code("???") == "kategori"
    first = categories.save_category(app_ctx, admin, None, "Jembatan desa")
    second = categories.save_category(app_ctx, admin, None, "Jembatan desa (gantung)")
    assert first == "jembatan_desa" and second == "jembatan_desa_2"


def test_duplicate_or_empty_label_refused_in_indonesian(app_ctx, admin):
    categories.save_category(app_ctx, admin, None, PJU)
    with pytest.raises(ValidationError) as err:
        categories.save_category(app_ctx, admin, None, "penerangan jalan  UMUM")
    assert "sudah ada" in err.value.field_errors["label"]
    with pytest.raises(ValidationError) as err:
        categories.save_category(app_ctx, admin, None, "Drainase")  # a built-in one
    assert "sudah ada" in err.value.field_errors["label"]
    with pytest.raises(ValidationError) as err:
        categories.save_category(app_ctx, admin, None, "   ")
    assert err.value.field_errors["label"] == "Nama kategori wajib diisi."


def test_rename_and_deactivate(app_ctx, admin, operator):
    code = categories.save_category(app_ctx, admin, None, "Air bersih")
    saved = records.create_submission(app_ctx, operator, pju_input(code))
    assert categories.save_category(app_ctx, admin, code, "Air bersih (PAMSIMAS)") == code
    assert details.get_submission(app_ctx, operator, saved.id).category_label == \
        "Air bersih (PAMSIMAS)"
    categories.save_category(app_ctx, admin, code, "Air bersih (PAMSIMAS)", active=False)
    assert code not in [c for c, _l, _b in categories.list_categories(app_ctx)]
    assert code in [c for c, _l, _b in categories.list_categories(app_ctx, include_inactive=True)]
    assert [c.active for c in categories.list_custom_categories(app_ctx)] == [False]
    # New submissions may not use it; the old one can still be edited and keeps it.
    with pytest.raises(ValidationError) as err:
        records.create_submission(app_ctx, operator, pju_input(code))
    assert err.value.field_errors["category"] == "Pilih kategori."
    records.update_submission(app_ctx, operator, saved.id, pju_input(code, subject="Diubah"))
    assert details.get_submission(app_ctx, operator, saved.id).subject == "Diubah"
    summaries = [r.summary for r in audit.list_audit(
        app_ctx, admin, audit.AuditFilter(entity="category"))]
    assert any("Nonaktifkan kategori" in s for s in summaries)


def test_submission_in_custom_category_is_saved_listed_and_printed(app_ctx, admin, operator,
                                                                   tmp_path):
    office.save_profile(app_ctx, admin, demo_profile())
    code = categories.save_category(app_ctx, admin, None, PJU)
    clean, _warnings = validation.validate(pju_input(code), categories.active_category_codes(app_ctx))
    assert clean["category"] == code and "road_name" not in clean  # common data only
    with pytest.raises(ValidationError) as err:
        validation.validate(pju_input(code))  # built-in categories only
    assert err.value.field_errors == {"category": "Pilih kategori."}
    saved = records.create_submission(app_ctx, operator, pju_input(code))
    detail = details.get_submission(app_ctx, operator, saved.id)
    assert (detail.category, detail.category_label, detail.details) == (code, PJU, {})

    source = listing.SubmissionPageSource(app_ctx, operator)
    rows = source.fetch(SubmissionFilter(category=code), "number", False, 0, 10)
    assert [(r.number, r.category_label) for r in rows] == [(saved.number, PJU)]

    form = printing.print_forms(app_ctx, operator, [saved.id], tmp_path / "f.pdf")
    text = " ".join(PdfReader(str(form)).pages[0].extract_text().split())
    assert PJU.upper() in text.upper() and saved.number in text
    receipt = printing.print_receipt(app_ctx, operator, saved.id, tmp_path / "t.pdf")
    assert PJU in " ".join(PdfReader(str(receipt)).pages[0].extract_text().split())
    handover = printing.print_handover(app_ctx, admin, operator.user_id, date(2026, 1, 1),
                                           clock.today(), tmp_path / "ba.pdf")[0]
    ba_text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(handover)).pages)
                       .split())
    assert f"{PJU}: 1" in ba_text

    path, count = exporting.export_submissions(app_ctx, admin, None, tmp_path / "e.xlsx")
    ws = load_workbook(path, read_only=True)
    try:
        sheet = ws.active
        header = [c.value for c in next(sheet.iter_rows(min_row=4, max_row=4))]
        values = [c.value for c in next(sheet.iter_rows(min_row=5, max_row=5))]
    finally:
        ws.close()
    assert count == 1 and dict(zip(header, values, strict=False))["Kategori"] == PJU
