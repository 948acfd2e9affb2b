"""Toilet and septic tank answers that contradict each other ("Jamban sendiri dengan septic
tank" with no septic tank, no toilet with a septic tank) are saved, said at once in Indonesian
and flagged "perlu dicek" with the reason, from the form and from an import alike."""

from __future__ import annotations

import pytest

from desktop_app.intake.domain.submissions import sanitation_conflicts
from desktop_app.intake.domain.validation import validate_partial
from desktop_app.intake.services import details
from desktop_app.intake.services.records import create_submission
from tests.intake.factories import rtlh_input


@pytest.mark.parametrize(("toilet", "septic", "conflict"), [
    ("Jamban sendiri dengan septic tank", False, True),
    ("Jamban sendiri dengan septic tank", True, False),
    ("Jamban sendiri tanpa septic tank", True, True),
    ("Jamban sendiri tanpa septic tank", False, False),
    ("Tidak ada jamban", True, True),
    ("Tidak ada jamban", False, False),
    ("Jamban bersama/umum", True, False),
    ("Tidak ada jamban", None, False),
])
def test_conflicts(toilet, septic, conflict):
    found = sanitation_conflicts({"toilet": toilet, "septic_tank": septic})
    assert bool(found) is conflict
    assert all("periksa kembali" in m for m in found)


def test_form_saves_warns_and_flags(app_ctx, admin):
    saved = create_submission(app_ctx, admin, rtlh_input(details={
        "toilet": "Tidak ada jamban", "septic_tank": True}))
    assert any("septic tank" in w for w in saved.warnings)
    d = details.get_submission(app_ctx, admin, saved.id)
    assert d.needs_check and "tidak ada jamban, tetapi ada septic tank" in d.check_reason


def test_consistent_answers_are_not_flagged(app_ctx, admin):
    saved = create_submission(app_ctx, admin, rtlh_input())
    assert not details.get_submission(app_ctx, admin, saved.id).needs_check


def test_import_row_keeps_values_and_is_flagged():
    clean, _warnings, checks = validate_partial(rtlh_input(details={
        "toilet": "Jamban sendiri dengan septic tank", "septic_tank": "Tidak"}))
    assert clean["toilet"] == "Jamban sendiri dengan septic tank" and clean["septic_tank"] is False
    assert any("dengan septic tank" in c for c in checks)
