"""KULA RAKAT intake: validation, numbering, duplicates, status flow, deadlines, masking."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop_app.core.domain import clock
from desktop_app.core.domain.errors import PermissionDenied, ValidationError
from desktop_app.core.services import audit
from desktop_app.intake.domain.submissions import (
    Status,
    add_working_days,
    failed_rtlh_criteria,
)
from desktop_app.intake.services import submissions as intake
from desktop_app.intake.services.submissions import SubmissionFilter, SubmissionInput

INAN = "63.11.07.2003"


def rtlh_input(**overrides) -> SubmissionInput:
    details = {
        "household_head": "Abdul Hamid", "nik": "6311071203800001",
        "kk_number": "6311070101150003", "monthly_income": "Rp 1.200.000", "occupants": "6",
        "floor_area": "36", "land_owned": "Ya", "house_owned": True, "only_house": True,
        "structure_condition": "Rusak berat", "roof_condition": "Rusak sedang",
        "wall_condition": "Rusak ringan", "floor_condition": "Layak",
        "toilet": "Tidak ada jamban", "septic_tank": False,
        "water_source": "Sumur gali tidak terlindungi", "ventilation_ok": False,
        "lighting_ok": True,
    }
    details.update(overrides.pop("details", {}))
    base = dict(kind="usulan", category="rtlh", received_on=date(2026, 11, 2),
                channel="enumerator", reporter_name="Yusuf Hidayat",
                subject="Usulan bedah rumah Abdul Hamid", desa_code=INAN, rt="2", rw="1",
                details=details)
    base.update(overrides)
    return SubmissionInput(**base)


def aduan_input(**overrides) -> SubmissionInput:
    base = dict(kind="aduan", category="drainase", received_on=date(2026, 11, 20),
                channel="datang_langsung", reporter_name="Siti Aisyah",
                subject="Saluran tersumbat di depan sekolah", desa_code=INAN,
                reporter_phone="0812-5111-2233",
                details={"road_name": "Saluran Jl. Inan", "length_m": "120",
                         "damage_level": "Rusak berat", "households_affected": "35"})
    base.update(overrides)
    return SubmissionInput(**base)


def test_registration_numbers_per_kind_and_year(app_ctx, operator):
    first = intake.create_submission(app_ctx, operator, aduan_input())
    second = intake.create_submission(app_ctx, operator, aduan_input(subject="Lagi"))
    usulan = intake.create_submission(app_ctx, operator, rtlh_input())
    assert (first.number, second.number) == ("ADU/2026/0001", "ADU/2026/0002")
    assert usulan.number == "USL/2026/0001"
    detail = intake.get_submission(app_ctx, operator, usulan.id)
    assert detail.status == "diterima" and detail.timeline[0].text == "Diterima"


def test_validation_collects_every_field_error_in_indonesian(app_ctx, operator):
    bad = rtlh_input(reporter_name="", details={"nik": "63110712", "occupants": "0",
                                                "monthly_income": "banyak"})
    with pytest.raises(ValidationError) as err:
        intake.create_submission(app_ctx, operator, bad)
    errors = err.value.field_errors
    assert errors["reporter_name"] == "Nama pelapor/pengusul wajib diisi."
    assert "16 digit" in errors["nik"]
    assert "minimal 1" in errors["occupants"]
    assert "bukan angka" in errors["monthly_income"]
    bad_date = rtlh_input(details={"nik": "6311077213800001"})  # month 13 in the date part
    with pytest.raises(ValidationError) as err:
        intake.validate(bad_date)
    assert "tidak valid" in err.value.field_errors["nik"]


def test_nik_outside_kabupaten_is_a_warning(app_ctx, operator):
    saved = intake.create_submission(
        app_ctx, operator, rtlh_input(details={"nik": "3171011708450001"}))
    assert any("luar Kabupaten Balangan" in w for w in saved.warnings)


def test_due_dates_count_working_days_and_holidays(app_ctx, admin, operator):
    # Friday 20 Nov 2026 + 5 working days = Friday 27 Nov; with a holiday on Wed 25 → Mon 30.
    assert add_working_days(date(2026, 11, 20), 5) == date(2026, 11, 27)
    intake.save_holiday(app_ctx, admin, date(2026, 11, 25), "Hari Guru (contoh)")
    saved = intake.create_submission(app_ctx, operator, aduan_input())
    assert saved.due_date == date(2026, 11, 30)


def test_duplicates_by_nik_and_by_similar_name(app_ctx, operator):
    original = intake.create_submission(app_ctx, operator, rtlh_input())
    same_nik = intake.find_duplicates(app_ctx, operator, rtlh_input())
    assert [c.id for c in same_nik] == [original.id]
    assert "NIK sama" in same_nik[0].reason
    similar = rtlh_input(details={"nik": "6311071203800002", "household_head": "Abdul Hamit"})
    found = intake.find_duplicates(app_ctx, operator, similar)
    assert found and "Nama mirip" in found[0].reason
    other_rt = rtlh_input(rt="9", details={"nik": "6311071203800002",
                                           "household_head": "Abdul Hamit"})
    assert intake.find_duplicates(app_ctx, operator, other_rt) == []
    linked = intake.create_submission(app_ctx, operator, similar, duplicate_of=original.id)
    detail = intake.get_submission(app_ctx, operator, linked.id)
    assert detail.duplicate_of == original.number and detail.status == "ditolak"


def test_status_flow_with_reasons_and_permissions(app_ctx, operator, verifier):
    saved = intake.create_submission(app_ctx, operator, aduan_input())
    with pytest.raises(PermissionDenied):
        intake.verify(app_ctx, operator, saved.id, "Sudah dicek")
    with pytest.raises(ValidationError, match="tidak dapat diubah"):
        intake.change_status(app_ctx, verifier, saved.id, Status.SELESAI)
    with pytest.raises(ValidationError):
        intake.change_status(app_ctx, verifier, saved.id, Status.DITOLAK, "")
    intake.verify(app_ctx, verifier, saved.id, "Saluran tersumbat sampah sepanjang 40 m")
    intake.change_status(app_ctx, verifier, saved.id, Status.DITINDAKLANJUTI, "Kerja bakti")
    intake.change_status(app_ctx, verifier, saved.id, Status.SELESAI, "Saluran bersih")
    detail = intake.get_submission(app_ctx, verifier, saved.id)
    assert [t.text.split(":")[0] for t in detail.timeline] == [
        "Diterima", "Diterima → Diverifikasi", "Diverifikasi → Ditindaklanjuti",
        "Ditindaklanjuti → Selesai",
    ]
    assert audit.verify_chain(app_ctx, verifier.__class__(None, "x", "x", "admin")).ok


def test_rtlh_derived_values():
    values = {"floor_area": 36, "occupants": 6, "roof_condition": "Rusak berat",
              "toilet": "Jamban sendiri dengan septic tank", "septic_tank": True}
    failed = failed_rtlh_criteria(values, 9)
    assert "Kecukupan luas: 6 m² per orang, di bawah 9 m²" in failed
    assert "Keselamatan bangunan: atap rusak" in failed
    assert not any("jamban" in f for f in failed)


def test_masking_for_roles_without_personal_data(app_ctx, operator, verifier):
    saved = intake.create_submission(app_ctx, operator, rtlh_input())
    masked = intake.get_submission(app_ctx, operator, saved.id)
    assert masked.details["nik"] == "631107**********"
    assert masked.details["monthly_income"] is None
    plain = intake.get_submission(app_ctx, verifier, saved.id)
    assert plain.details["nik"] == "6311071203800001"
    assert plain.details["monthly_income"] == 1_200_000
    rows = intake.SubmissionPageSource(app_ctx, operator).fetch(None, "number", False, 0, 10)
    assert rows[0].nik == "631107**********"


def test_list_filters_sort_and_overdue_in_sql(app_ctx, operator):
    old = aduan_input(received_on=clock.today() - timedelta(days=40), subject="Lama sekali")
    intake.create_submission(app_ctx, operator, old)
    intake.create_submission(app_ctx, operator, aduan_input(received_on=clock.today()))
    intake.create_submission(app_ctx, operator, rtlh_input())
    source = intake.SubmissionPageSource(app_ctx, operator)
    assert source.count(None) == 3
    assert source.count(SubmissionFilter(kind="aduan")) == 2
    assert source.count(SubmissionFilter(overdue_only=True)) == 1
    assert source.count(SubmissionFilter(text="lama sekali")) == 1
    assert source.count(SubmissionFilter(text="631107120380")) == 1  # NIK prefix
    rows = source.fetch(SubmissionFilter(), "received_on", True, 0, 2)
    assert rows[0].received_on >= rows[1].received_on and len(rows) == 2


def test_search_uses_the_word_index_and_follows_edits(app_ctx, verifier):
    a = intake.create_submission(app_ctx, verifier, rtlh_input())
    b = intake.create_submission(app_ctx, verifier, aduan_input(
        subject="Saluran tersumbat depan SDN 2 Inan", description="Air meluap ke rumah warga"))
    source = intake.SubmissionPageSource(app_ctx, verifier)

    def found(text):
        return {r.id for r in source.fetch(SubmissionFilter(text=text), "number", False, 0, 50)}

    assert found("abdul") == {a.id}  # household head, by word prefix
    assert found("ham ABD") == {a.id}  # every word, any order, any case
    assert found("tersumbat sdn") == {b.id}
    assert found("meluap") == {b.id}  # description words too
    assert found("631107120380") == {a.id}  # NIK prefix
    assert found(a.number) == {a.id} and found("ADU/2026") == {b.id}
    assert found("abdul tersumbat") == set()
    assert source.count(SubmissionFilter(text="inan")) == 1  # subject of b only
    detail = intake.get_submission(app_ctx, verifier, a.id)
    changed = detail.to_input()
    changed = changed.__class__(**{**changed.__dict__, "subject": "Bedah rumah", "details": {
        **changed.details, "household_head": "Jumberi", "nik": "6311071203800001"}})
    intake.update_submission(app_ctx, verifier, a.id, changed)
    assert found("abdul") == set() and found("jumb") == {a.id}
