"""National holidays and cuti bersama come from the maintained `holidays` package; the admin's
own days stay; deadlines then skip Christmas and New Year."""

from __future__ import annotations

from datetime import date, datetime

from desktop_app.core.domain import clock
from desktop_app.core.domain.errors import PermissionDenied
from desktop_app.intake.services import calendar
from desktop_app.intake.services.records import create_submission
from tests.intake.factories import aduan_input


def test_fill_adds_public_holidays_and_cuti_bersama_and_keeps_local_days(app_ctx, admin):
    calendar.save_holiday(app_ctx, admin, date(2026, 12, 24), "Libur daerah Balangan")
    assert calendar.years_without_holidays(app_ctx, [2026, 2027]) == [2027]
    added = calendar.fill_national_holidays(app_ctx, admin, [2026, 2027])
    days = dict(calendar.list_holidays(app_ctx))
    assert added >= 30
    assert days[date(2026, 12, 25)] == "Hari Raya Natal"
    assert days[date(2027, 1, 1)] == "Tahun Baru Masehi"
    assert days[date(2026, 8, 17)].startswith("Hari Kemerdekaan")
    assert any(name.startswith("Cuti Bersama") for name in days.values())
    assert days[date(2026, 12, 24)] == "Libur daerah Balangan"  # the admin's name stays
    assert calendar.fill_national_holidays(app_ctx, admin, [2026, 2027]) == 0  # idempotent
    assert calendar.years_without_holidays(app_ctx, [2026, 2027]) == []


def test_only_an_admin_fills_them(app_ctx, operator):
    try:
        calendar.fill_national_holidays(app_ctx, operator, [2026])
    except PermissionDenied:
        return
    raise AssertionError("an operator filled the holiday list")


def test_deadlines_skip_christmas_and_new_year(app_ctx, admin, operator, fixed_clock):
    clock.set_now(datetime(2026, 12, 23, 9, 0))
    received = date(2026, 12, 23)  # Wednesday; aduan: 5 working days
    before = create_submission(app_ctx, operator, aduan_input(received_on=received))
    assert before.due_date == date(2026, 12, 30)  # without holidays: Thu, Fri, Mon, Tue, Wed
    calendar.fill_national_holidays(app_ctx, admin, [2026, 2027])
    after = create_submission(app_ctx, operator, aduan_input(received_on=received,
                                                             reporter_name="Nor Aida"))
    # 24 (cuti bersama) and 25 December, 1 January do not count: 28, 29, 30, 31 Dec, 4 Jan.
    assert after.due_date == date(2027, 1, 4)
