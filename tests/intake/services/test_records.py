"""Registering submissions: validation, numbering, deadlines, duplicates, masking."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.core.domain.errors import ValidationError
from desktop_app.intake.domain import validation
from desktop_app.intake.domain.submissions import (
    add_working_days,
    failed_rtlh_criteria,
)
from desktop_app.intake.services import (
    calendar,
    details,
    listing,
    records,
)
from tests.intake.factories import (
    aduan_input,
    rtlh_input,
)


def test_registration_numbers_per_kind_and_year(app_ctx, operator):
    first = records.create_submission(app_ctx, operator, aduan_input())
    second = records.create_submission(app_ctx, operator, aduan_input(subject="Lagi"))
    usulan = records.create_submission(app_ctx, operator, rtlh_input())
    assert (first.number, second.number) == ("ADU/2026/0001", "ADU/2026/0002")
    assert usulan.number == "USL/2026/0001"
    detail = details.get_submission(app_ctx, operator, usulan.id)
    assert detail.status == "diterima" and detail.timeline[0].text == "Diterima"


def test_validation_collects_every_field_error_in_indonesian(app_ctx, operator):
    bad = rtlh_input(reporter_name="", details={"nik": "63110712", "occupants": "0",
                                                "monthly_income": "banyak"})
    with pytest.raises(ValidationError) as err:
        records.create_submission(app_ctx, operator, bad)
    errors = err.value.field_errors
    assert errors["reporter_name"] == "Nama pelapor/pengusul wajib diisi."
    assert "16 digit" in errors["nik"]
    assert "minimal 1" in errors["occupants"]
    assert "bukan angka" in errors["monthly_income"]
    bad_date = rtlh_input(details={"nik": "6311077213800001"})  # month 13 in the date part
    with pytest.raises(ValidationError) as err:
        validation.validate(bad_date)
    assert "tidak valid" in err.value.field_errors["nik"]


def test_nik_outside_kabupaten_is_a_warning(app_ctx, operator):
    saved = records.create_submission(
        app_ctx, operator, rtlh_input(details={"nik": "3171011708450001"}))
    assert any("luar Kabupaten Balangan" in w for w in saved.warnings)


def test_due_dates_count_working_days_and_holidays(app_ctx, admin, operator):
    # Friday 20 Nov 2026 + 5 working days = Friday 27 Nov; with a holiday on Wed 25 → Mon 30.
    assert add_working_days(date(2026, 11, 20), 5) == date(2026, 11, 27)
    calendar.save_holiday(app_ctx, admin, date(2026, 11, 25), "Hari Guru (contoh)")
    saved = records.create_submission(app_ctx, operator, aduan_input())
    assert saved.due_date == date(2026, 11, 30)


def test_duplicates_by_nik_and_by_similar_name(app_ctx, operator):
    original = records.create_submission(app_ctx, operator, rtlh_input())
    same_nik = records.find_duplicates(app_ctx, operator, rtlh_input())
    assert [c.id for c in same_nik] == [original.id]
    assert "NIK sama" in same_nik[0].reason
    similar = rtlh_input(details={"nik": "6311071203800002", "household_head": "Abdul Hamit"})
    found = records.find_duplicates(app_ctx, operator, similar)
    assert found and "Nama mirip" in found[0].reason
    other_rt = rtlh_input(rt="9", details={"nik": "6311071203800002",
                                           "household_head": "Abdul Hamit"})
    assert records.find_duplicates(app_ctx, operator, other_rt) == []
    linked = records.create_submission(app_ctx, operator, similar, duplicate_of=original.id)
    detail = details.get_submission(app_ctx, operator, linked.id)
    assert detail.duplicate_of == original.number and detail.status == "ditolak"


def test_rtlh_derived_values():
    values = {"floor_area": 36, "occupants": 6, "roof_condition": "Rusak berat",
              "toilet": "Jamban sendiri dengan septic tank", "septic_tank": True}
    failed = failed_rtlh_criteria(values, 9)
    assert "Kecukupan luas: 6 m² per orang, di bawah 9 m²" in failed
    assert "Keselamatan bangunan: atap rusak" in failed
    assert not any("jamban" in f for f in failed)


def test_masking_for_roles_without_personal_data(app_ctx, operator, verifier):
    saved = records.create_submission(app_ctx, operator, rtlh_input())
    masked = details.get_submission(app_ctx, operator, saved.id)
    assert masked.details["nik"] == "631107**********"
    assert masked.details["monthly_income"] is None
    plain = details.get_submission(app_ctx, verifier, saved.id)
    assert plain.details["nik"] == "6311071203800001"
    assert plain.details["monthly_income"] == 1_200_000
    rows = listing.SubmissionPageSource(app_ctx, operator).fetch(None, "number", False, 0, 10)
    assert rows[0].nik == "631107**********"
