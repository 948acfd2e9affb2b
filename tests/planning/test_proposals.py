"""Usulan: entering with the rules offices need, correcting, the stale-save guard, the list in
SQL, and who may enter what."""

from __future__ import annotations

import pytest

from desktop_app.core.domain.errors import ConflictError, PermissionDenied, ValidationError
from desktop_app.core.domain.roles import Role
from desktop_app.core.services.context import Actor
from desktop_app.planning.domain.labels import PlanningLevel
from desktop_app.planning.services import proposals
from desktop_app.planning.services.queries import (
    PENDING,
    ProposalFilter,
    ProposalPageSource,
    list_proposals,
)
from tests.conftest import make_user
from tests.planning.conftest import BINJAI, HALUBAU, INAN, YEAR, proposal


def test_create_numbers_costs_and_records_history(planned):
    app, admin, _ids = planned
    saved = proposals.create_proposal(app, admin, proposal(volume=220))
    second = proposals.create_proposal(app, admin, proposal(HALUBAU, "Drainase", 300, 950_000,
                                                            unit="m"))
    assert saved.number == f"MUS/{YEAR}/07/00001" and second.number == f"MUS/{YEAR}/07/00002"
    detail = proposals.get_detail(app, admin, saved.id)
    assert detail.cost == 275_000_000  # 220 m × Rp1.250.000
    assert detail.desa_name == "Inan" and detail.kecamatan_name == "Paringin Selatan"
    assert [t.level for t in detail.tiers] == ["desa"]
    assert detail.tiers[0].verdict is None and detail.tiers[0].cost == 275_000_000
    assert detail.events[0].kind == "create"


def test_validation_names_every_field_in_indonesian(planned):
    app, admin, _ids = planned
    bad = proposal(problem=" ", work="", volume=0, unit_price=-5, latitude=115.6,
                   longitude=-2.3, sub_activity_code="1.3.10.2", land_status="tidak_perlu")
    with pytest.raises(ValidationError) as err:
        proposals.create_proposal(app, admin, bad)
    fields = err.value.field_errors
    assert {"problem", "work", "volume", "unit_price", "latitude", "sub_activity_code",
            "land_status"} <= set(fields)
    assert "Koordinat di luar Indonesia" in fields["latitude"]


def test_two_digit_activity_kind_is_normalised(planned):
    app, admin, _ids = planned
    saved = proposals.create_proposal(app, admin, proposal(sub_activity_code="1.03.10.02.01.0032"))
    data = proposals.get_detail(app, admin, saved.id).data
    assert data.sub_activity_code == "1.03.10.2.01.0032"


def test_stale_save_is_refused_and_nothing_overwritten(planned):
    app, admin, _ids = planned
    saved = proposals.create_proposal(app, admin, proposal())
    v1 = proposals.get_detail(app, admin, saved.id).version
    proposals.update_proposal(app, admin, saved.id, proposal(volume=150), v1)
    with pytest.raises(ConflictError):
        proposals.update_proposal(app, admin, saved.id, proposal(volume=999), v1)
    assert proposals.get_detail(app, admin, saved.id).data.volume == 150


def test_enumerator_enters_only_for_own_desa(planned):
    app, _admin, _ids = planned
    enumerator = make_user(app, "enum.inan", Role.OPERATOR, "Enumerator Inan", desa_code=INAN)
    proposals.create_proposal(app, enumerator, proposal(INAN))
    with pytest.raises(PermissionDenied):
        proposals.create_proposal(app, enumerator, proposal(HALUBAU))
    pimpinan = Actor(None, "camat", "Camat", Role.PIMPINAN)
    with pytest.raises(PermissionDenied):
        proposals.create_proposal(app, pimpinan, proposal(INAN))


def test_list_filters_sorts_and_pages_in_sql(planned):
    app, admin, _ids = planned
    for i in range(7):
        proposals.create_proposal(app, admin, proposal(INAN, f"Jalan {i}", 10 + i))
    proposals.create_proposal(app, admin, proposal(HALUBAU, "Drainase Halubau", 300, 950_000))
    proposals.create_proposal(app, admin, proposal(BINJAI, "Jembatan Binjai", 1, 450_000_000,
                                                   unit="unit"),
                              level=PlanningLevel.KECAMATAN)
    source = ProposalPageSource(app, admin)
    assert source.count(ProposalFilter(year=YEAR)) == 9
    assert source.count(ProposalFilter(year=YEAR, desa_code=INAN)) == 7
    assert source.count(ProposalFilter(year=YEAR, level="kecamatan")) == 1
    assert source.count(ProposalFilter(year=YEAR, verdict=PENDING)) == 9
    assert source.count(ProposalFilter(year=YEAR, text="drainase")) == 1
    assert source.count(ProposalFilter(year=YEAR + 1)) == 0
    top = source.fetch(ProposalFilter(year=YEAR), "cost", True, 0, 2)
    assert [r.work for r in top] == ["Jembatan Binjai", "Drainase Halubau"]
    page2 = source.fetch(ProposalFilter(year=YEAR), "number", False, 5, 5)
    assert [r.number[-2:] for r in page2] == ["06", "07", "08", "09"]
    assert list_proposals(app, admin, ProposalFilter(desa_code=BINJAI))[0].desa_name == "Binjai"


def test_delete_only_before_screening(planned):
    app, admin, _ids = planned
    saved = proposals.create_proposal(app, admin, proposal())
    proposals.delete_proposal(app, admin, saved.id)
    assert list_proposals(app, admin) == []


def test_demo_fills_a_planning_year(demo_app):
    app, admin = demo_app
    rows = list_proposals(app, admin, ProposalFilter())
    assert len(rows) >= 15
    assert {r.level for r in rows} <= {"kecamatan", "kabupaten"}
