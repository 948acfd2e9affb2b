"""The audit page names the priority, macro problem and kamus entry a proposal or a verdict
points to (by number in the trail)."""

from __future__ import annotations

from desktop_app.planning.services import frame
from tests.core.test_audit_named_values import _registered, _shown


def test_a_proposal_names_its_priority_macro_problem_and_kamus_entry(planned):
    app, admin, ids = planned
    _registered()
    entry = frame.save_catalogue_entry(app, admin, frame.CatalogueInfo(
        None, "UJI-99", "Rabat beton jalan lingkungan", "m2", 250_000))
    assert _shown("planning_proposal", "priority_id", ids["P1"], app) == \
        "P1. Infrastruktur jalan dan drainase (2027)"
    assert _shown("planning_tier_result", "priority_id", ids["P2"], app) == \
        "P2. Penurunan kemiskinan (2027)"
    assert _shown("planning_proposal", "macro_problem_id", ids["M1"], app) == \
        "M1. Kemiskinan (2027)"
    assert _shown("planning_proposal", "catalogue_id", entry, app) == \
        "UJI-99 · Rabat beton jalan lingkungan (m2)"
    assert _shown("planning_proposal", "priority_id", 999_999, app) == "999999"  # deleted
