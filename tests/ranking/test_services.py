"""Ranking verified submissions from the database: values from SQL, eligibility, versions,
frozen lists, approval, comparison, explanation, recap and criteria files."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update

from desktop_app.core.domain.errors import ConflictError, PermissionDenied, ValidationError
from desktop_app.core.services import audit, office
from desktop_app.core.services.context import unit_of_work
from desktop_app.intake.domain.submissions import Category, failed_rtlh_criteria
from desktop_app.intake.models import Submission
from desktop_app.intake.services import records, workflow
from desktop_app.ranking.domain.criteria import DEFAULT_CRITERIA
from desktop_app.ranking.domain.lists import RankScope
from desktop_app.ranking.domain.methods import Criterion, Direction
from desktop_app.ranking.services import (
    comparison,
    criteria_sets,
    entries,
    lists,
    reading,
    recaps,
)
from desktop_app.ranking.services.explanation import explain
from desktop_app.ranking.services.rows import EntryFilter
from tests.intake.factories import rtlh_input

OCC = Criterion("penghuni", "Jumlah penghuni", Direction.BENEFIT, 0.6, "occupants")
INC = Criterion("penghasilan", "Penghasilan", Direction.COST, 0.4, "monthly_income")


def _house(app, actor, name, nik, occupants, income, verify=True, **details):
    base = {"household_head": name, "nik": nik, "occupants": str(occupants),
            "monthly_income": str(income)}
    base.update(details)
    saved = records.create_submission(app, actor, rtlh_input(details=base, subject=name))
    if verify:
        workflow.verify(app, actor, saved.id, "Sesuai kondisi lapangan.")
    return saved.id


@pytest.fixture
def three_houses(app_ctx, admin):
    """The hand-worked case of tests/unit/test_ranking.py: A .80, B .76, C .58 with SAW."""
    criteria_sets.save_criteria_set(app_ctx, admin, "rtlh", "Uji dua kriteria", [OCC, INC], [])
    a = _house(app_ctx, admin, "Ahmad", "6311071203800001", 5, 1_000_000)
    b = _house(app_ctx, admin, "Bahrul", "6311071203800002", 3, 500_000)
    c = _house(app_ctx, admin, "Casmi", "6311071203800003", 4, 2_000_000)
    return a, b, c


def test_saw_from_database_matches_hand_worked_scores(app_ctx, verifier, three_houses):
    a, b, c = three_houses
    info = lists.run_ranking(app_ctx, verifier, "rtlh")
    rows = entries.list_entries(app_ctx, verifier, info.id)
    assert [r.submission_id for r in rows] == [a, b, c]
    assert [round(r.score, 6) for r in rows] == [0.8, 0.76, 0.58]
    assert rows[0].values == [5.0, 1_000_000.0]
    explanation = explain(app_ctx, verifier, info.id, b)
    assert explanation.rank == 2
    parts = {x.key: x for x in explanation.contributions}
    assert parts["penghuni"].normalised == pytest.approx(0.6)
    assert parts["penghasilan"].normalised == pytest.approx(1.0)
    assert sum(x.contribution for x in explanation.contributions) == pytest.approx(0.76)
    assert not explanation.data_changed


def test_only_verified_are_ranked_and_hard_rules_list_apart(app_ctx, admin, verifier):
    ok = _house(app_ctx, admin, "Layak", "6311071203800011", 5, 900_000)
    _house(app_ctx, admin, "Belum Verifikasi", "6311071203800012", 7, 500_000, verify=False)
    aided = _house(app_ctx, admin, "Pernah Dibantu", "6311071203800013", 5, 800_000,
                   last_aid_year="2020")
    rich = _house(app_ctx, admin, "Mampu", "6311071203800014", 5, 9_000_000)
    landless = _house(app_ctx, admin, "Numpang", "6311071203800015", 5, 700_000,
                      land_owned="Tidak")
    info = lists.run_ranking(app_ctx, verifier, "rtlh", scope=RankScope(year=2026))
    assert (info.ranked_count, info.ineligible_count) == (1, 3)
    ranked = entries.list_entries(app_ctx, verifier, info.id)
    assert [r.submission_id for r in ranked] == [ok]
    apart = {r.submission_id: r.reason
             for r in entries.list_entries(app_ctx, verifier, info.id, eligible=False)}
    assert "bantuan perumahan dalam 10 tahun" in apart[aided]
    assert "UMK" in apart[rich]
    assert "tanah" in apart[landless]


def test_a_verified_usulan_disposed_to_a_seksi_stays_ranked(app_ctx, admin, verifier):
    unit = office.save_unit(app_ctx, admin, None, "Seksi PKP")
    kept = _house(app_ctx, admin, "Didisposisi", "6311071203800021", 6, 800_000)
    workflow.dispose(app_ctx, admin, kept, unit, "Masukkan ke daftar prioritas RTLH.")
    unchecked = _house(app_ctx, admin, "Tanpa Verifikasi", "6311071203800022", 7, 700_000,
                       verify=False)
    workflow.dispose(app_ctx, admin, unchecked, unit, "Mohon ditinjau.")
    rejected = _house(app_ctx, admin, "Ditolak", "6311071203800023", 7, 700_000)
    workflow.change_status(app_ctx, admin, rejected, "ditolak", "Data ganda.")
    plain = _house(app_ctx, admin, "Biasa", "6311071203800024", 4, 900_000)
    info = lists.run_ranking(app_ctx, verifier, "rtlh")
    ranked = [r.submission_id for r in entries.list_entries(app_ctx, verifier, info.id)]
    assert ranked == [kept, plain]
    assert info.ineligible_count == 0


def test_failed_criteria_in_sql_matches_the_domain_rule(app_ctx, admin):
    variants = [
        {},
        {"structure_condition": "Layak", "roof_condition": "Layak", "toilet":
         "Jamban sendiri dengan septic tank", "septic_tank": True, "water_source":
         "PDAM/perpipaan", "ventilation_ok": True, "floor_area": "80"},
        {"floor_area": "20", "lighting_ok": False},
    ]
    ids = [_house(app_ctx, admin, f"Rumah {i}", f"63110712038000{20 + i}", 5 if i == 2 else 6,
                  1_000_000, **v) for i, v in enumerate(variants)]
    expr = reading.failed_criteria_expr(9.0)
    with unit_of_work(app_ctx, write=False) as session:
        sql = dict(session.execute(select(Submission.id, expr).where(Submission.id.in_(ids))).all())
        for sid in ids:
            sub = session.get(Submission, sid)
            values = {k: getattr(sub, k) for k in (
                "structure_condition", "roof_condition", "wall_condition", "floor_condition",
                "ventilation_ok", "lighting_ok", "toilet", "septic_tank", "water_source",
                "floor_area", "occupants")}
            assert sql[sid] == len(failed_rtlh_criteria(values, 9.0))


def test_missing_values_are_flagged_not_guessed(app_ctx, admin, verifier):
    criteria_sets.save_criteria_set(
        app_ctx, admin, "rtlh", "Dengan atap",
        [OCC, INC, Criterion("atap", "Kondisi atap", Direction.BENEFIT, 0.2, "roof_condition",
                             {"Layak": 1, "Rusak ringan": 2, "Rusak sedang": 3,
                              "Rusak berat": 4})], [])
    full = _house(app_ctx, admin, "Lengkap", "6311071203800031", 4, 1_000_000)
    gap = _house(app_ctx, admin, "Tanpa Atap", "6311071203800032", 4, 1_000_000,
                 roof_condition="")
    info = lists.run_ranking(app_ctx, verifier, "rtlh")
    rows = {r.submission_id: r for r in entries.list_entries(app_ctx, verifier, info.id)}
    assert rows[gap].missing == "atap" and rows[full].missing == ""
    assert rows[gap].rank == 2  # a missing value counts as least urgent
    assert explain(app_ctx, verifier, info.id, gap).missing == ["Kondisi atap"]


def test_criteria_versions_and_permissions(app_ctx, admin, operator, verifier, three_houses):
    first = lists.run_ranking(app_ctx, verifier, "rtlh")
    sets = criteria_sets.list_sets(app_ctx, verifier, "rtlh")
    assert [s.version for s in sets] == [1]
    with pytest.raises(PermissionDenied):
        criteria_sets.save_criteria_set(app_ctx, verifier, "rtlh", "x", [OCC], [])
    with pytest.raises(PermissionDenied):
        lists.run_ranking(app_ctx, operator, "rtlh")
    second = criteria_sets.save_criteria_set(app_ctx, admin, "rtlh", "Hanya penghuni",
                                       [OCC.__class__(**{**OCC.__dict__, "weight": 3})], [])
    assert second.version == 2 and second.criteria[0].weight == pytest.approx(1.0)
    assert lists.get_list(app_ctx, verifier, first.id).criteria_set_id == sets[0].id
    assert criteria_sets.get_set(app_ctx, verifier, sets[0].id).criteria == [OCC, INC]
    with pytest.raises(ValidationError):
        criteria_sets.save_criteria_set(app_ctx, admin, "rtlh", "Nol", [OCC.__class__(
            **{**OCC.__dict__, "weight": 0})], [])


def test_freeze_approve_compare_and_audit(app_ctx, admin, verifier, pimpinan, three_houses):
    a, b, c = three_houses
    draft = lists.run_ranking(app_ctx, verifier, "rtlh")
    with pytest.raises(ValidationError):
        lists.freeze(app_ctx, verifier, draft.id, "  ")
    frozen = lists.freeze(app_ctx, verifier, draft.id, "Daftar Prioritas RTLH 2027")
    assert frozen.status == "frozen" and frozen.frozen_at is not None
    with pytest.raises(PermissionDenied):
        lists.approve(app_ctx, verifier, frozen.id)
    with pytest.raises(ConflictError):
        lists.approve(app_ctx, pimpinan, draft.id)
    approved = lists.approve(app_ctx, pimpinan, frozen.id, "Setuju untuk diusulkan.")
    assert approved.status == "approved" and approved.approved_by_name == "Camat"
    with pytest.raises(ConflictError):
        lists.approve(app_ctx, pimpinan, frozen.id)
    # C's income drops: C climbs to the top in a new ranking; the frozen list stays.
    with unit_of_work(app_ctx) as session:
        session.execute(update(Submission).where(Submission.id == c)
                        .values(monthly_income=100_000))
    later = lists.run_ranking(app_ctx, verifier, "rtlh")
    moves = {m.submission_id: m for m in comparison.compare(app_ctx, verifier, frozen.id, later.id)}
    assert moves[c].change == 2 and moves[c].label == "Naik 2"
    assert moves[a].label == "Turun 1"
    assert [r.submission_id for r in entries.list_entries(app_ctx, verifier, frozen.id)] == \
        [a, b, c]
    actions = [r.action for r in audit.list_audit(app_ctx, admin, audit.AuditFilter(
        entity="priority_list"))]
    assert {"rank", "freeze", "approve"} <= set(actions)


@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(min_value=100_000, max_value=3_000_000), min_size=3, max_size=3),
       st.lists(st.integers(min_value=1, max_value=12), min_size=3, max_size=3))
def test_frozen_list_never_changes_after_the_data_does(app_ctx, admin, verifier, three_houses,
                                                       incomes, occupants):
    draft = lists.run_ranking(app_ctx, verifier, "rtlh")
    frozen = lists.freeze(app_ctx, verifier, draft.id, "Beku")
    before = entries.list_entries(app_ctx, verifier, frozen.id)
    with unit_of_work(app_ctx) as session:
        for sid, income, occ in zip(three_houses, incomes, occupants, strict=True):
            session.execute(update(Submission).where(Submission.id == sid)
                            .values(monthly_income=income, occupants=occ))
    lists.run_ranking(app_ctx, verifier, "rtlh")
    assert entries.list_entries(app_ctx, verifier, frozen.id) == before
    first = explain(app_ctx, verifier, frozen.id, before[0].submission_id)
    assert first.score == before[0].score and not first.data_changed


def test_table_filters_sort_and_recap(demo_app):
    app, admin = demo_app
    info = lists.run_ranking(app, admin, "rtlh")
    source = entries.RankedPageSource(app, admin, info.id)
    total = source.count(EntryFilter())
    assert total == info.ranked_count > 5
    by_score = source.fetch(EntryFilter(), "score", True, 0, total)
    assert [r.rank for r in by_score] == sorted(r.rank for r in by_score)
    desa = by_score[0].submission_id
    with unit_of_work(app, write=False) as session:
        code = session.get(Submission, desa).desa_code
    in_desa = source.fetch(EntryFilter(desa_code=code), "rank", False, 0, 100)
    assert in_desa and all(r.desa == by_score[0].desa for r in in_desa)
    recap = recaps.recap(app, admin, info.id)
    assert sum(r.eligible for r in recap) == info.ranked_count
    assert sum(r.ineligible for r in recap) == info.ineligible_count
    assert all(r.submitted >= r.verified for r in recap)
    per_rt = recaps.recap(app, admin, info.id, "rt")
    assert sum(r.verified for r in per_rt) == info.ranked_count + info.ineligible_count
    per_kec = recaps.recap(app, admin, info.id, "kecamatan")
    assert len(per_kec) == 1 and per_kec[0].label.endswith("Paringin Selatan")


def test_demo_ranks_every_category(demo_app):
    app, admin = demo_app
    for category in ("rtlh", "jalan", "drainase"):
        info = lists.run_ranking(app, admin, category, "topsis")
        assert info.ranked_count >= 10


def test_criteria_file_round_trip_and_bad_files(app_ctx, admin):
    default = criteria_sets.active_set(app_ctx, admin, "jalan")
    assert default.criteria == list(DEFAULT_CRITERIA[Category.JALAN])
    text = criteria_sets.export_criteria(app_ctx, admin, default.id)
    data = json.loads(text)
    data["kriteria"][0]["bobot"] = 0.5
    imported = criteria_sets.import_criteria(app_ctx, admin, json.dumps(data))
    assert imported.version == 2 and imported.criteria[0].source == "damage_level"
    assert sum(c.weight for c in imported.criteria) == pytest.approx(1.0)
    with pytest.raises(ValidationError, match="JSON"):
        criteria_sets.import_criteria(app_ctx, admin, "{bukan json")
    data["kriteria"][0]["sumber"] = "tidak_ada"
    with pytest.raises(ValidationError, match="sumber"):
        criteria_sets.import_criteria(app_ctx, admin, json.dumps(data))
    with pytest.raises(ValidationError, match="kategori"):
        criteria_sets.import_criteria(app_ctx, admin, text, category="rtlh")


def test_activating_an_earlier_set_is_admin_only_and_audited(app_ctx, admin, verifier):
    first = criteria_sets.active_set(app_ctx, admin, "drainase")
    second = criteria_sets.save_criteria_set(app_ctx, admin, "drainase", "Dua kriteria",
                                       list(first.criteria[:2]), [])
    assert criteria_sets.active_set(app_ctx, verifier, "drainase").id == second.id
    with pytest.raises(PermissionDenied):
        criteria_sets.activate_set(app_ctx, verifier, first.id)
    criteria_sets.activate_set(app_ctx, admin, first.id)
    assert criteria_sets.active_set(app_ctx, verifier, "drainase").id == first.id
    rows = audit.list_audit(app_ctx, admin, audit.AuditFilter(entity="criteria_set",
                                                              action="activate"))
    assert len(rows) == 1 and "versi 1" in rows[0].summary


def test_umk_of_the_criteria_set_decides_the_income_rule(app_ctx, admin, verifier):
    poor = _house(app_ctx, admin, "Miskin", "6311071203800041", 5, 900_000)
    middle = _house(app_ctx, admin, "Sedang", "6311071203800042", 5, 1_500_000)
    info = lists.run_ranking(app_ctx, verifier, "rtlh")  # default: the UMK setting
    assert (info.ranked_count, info.ineligible_count) == (2, 0)
    criteria_sets.save_criteria_set(app_ctx, admin, "rtlh", "UMK rendah", [OCC, INC],
                              [{"rule": "income_above_umk", "param": 1_000_000}])
    info = lists.run_ranking(app_ctx, verifier, "rtlh")
    ranked = [r.submission_id for r in entries.list_entries(app_ctx, verifier, info.id)]
    apart = entries.list_entries(app_ctx, verifier, info.id, eligible=False)
    assert ranked == [poor] and [r.submission_id for r in apart] == [middle]
    assert "Rp1.000.000" in apart[0].reason
