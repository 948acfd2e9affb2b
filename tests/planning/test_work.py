"""REMBUK REMAS on the Beranda: what waits for whom, from the rembuk's schedule and state and
the planning calendar; the office counts."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.core.domain.roles import Role
from desktop_app.core.domain.work import Target, WorkGroup
from desktop_app.planning.domain.deadlines import next_step
from desktop_app.planning.domain.labels import PlanningLevel, Realisation
from desktop_app.planning.domain.screening import ScreeningInput
from desktop_app.planning.services import accountability, proposals, rembuk, scoring, work
from tests.conftest import make_user
from tests.planning.conftest import HALUBAU, INAN, KECAMATAN, YEAR, proposal
from tests.planning.test_rembuk import _screen, passed


@pytest.fixture
def planner(app_ctx):
    return make_user(app_ctx, "perencana", Role.PLANNER)


def test_the_planning_calendar():
    assert next_step(2027, Realisation.NONE).due == date(2026, 6, 30)  # Perkada RKPD
    assert next_step(2027, "rkpd").due == date(2026, 11, 30)  # APBD one month before
    assert next_step(2027, Realisation.ONGOING).due == date(2027, 12, 31)
    assert next_step(2027, Realisation.DONE) is None
    assert next_step(2027, Realisation.NOT_FUNDED) is None


def _rembuk_on(app, admin, held_on):
    return rembuk.create_rembuk(app, admin, rembuk.RembukInput(
        YEAR, "kecamatan", KECAMATAN, held_on, "Aula Kantor Kecamatan",
        chair=("MEGAWATI, S.Pd, M.Pd", "Camat Paringin Selatan", "")))


def _mine(app, actor):
    return [(i.group, i.what, i.target, i.target_id) for i in work.work_items(app, actor)
            if i.module == "REMBUK REMAS"]


def test_a_rembuk_this_week_then_its_screening_fixing_and_forwarding(planned, planner,
                                                                     pimpinan, operator):
    app, admin, ids = planned
    pids = [proposals.create_proposal(app, admin, proposal(d, w), level=PlanningLevel.KECAMATAN).id
            for d, w in ((INAN, "Rabat beton RT 03"), (HALUBAU, "Drainase Halubau"))]
    rid = _rembuk_on(app, admin, date(2026, 11, 26))  # Thursday of the test week
    assert (WorkGroup.DUE_SOON, "Rembuk dijadwalkan", Target.PLANNING_REMBUK, rid) \
        in _mine(app, planner)
    due = next(i for i in work.work_items(app, planner) if i.what == "Rembuk dijadwalkan")
    assert due.due == date(2026, 11, 26) and "2 usulan" in due.title
    assert _mine(app, operator) == []  # an operator neither screens nor fixes
    for pid in pids:
        _screen(app, admin, rid, pid, passed(ids["P1"], urgency=4, damage=4))
    scoring.rank_rembuk(app, admin, rid)
    assert (WorkGroup.WAITING, "Hasil rembuk menunggu penetapan", Target.PLANNING_REMBUK,
            rid) in _mine(app, pimpinan)
    rembuk.finalize(app, admin, rid)
    assert [w for _g, w, _t, _i in _mine(app, pimpinan)] == ["Hasil rembuk menunggu diteruskan"]
    rembuk.forward(app, admin, rid)
    assert not any(t is Target.PLANNING_REMBUK for _g, _w, t, _i in _mine(app, pimpinan))
    # Accepted at the kecamatan, none recorded in the RKPD (due 30 June 2026): late.
    late = [i for i in work.work_items(app, planner) if i.target is Target.PLANNING_TRACKING]
    assert [(i.group, i.what, i.target_id, i.detail, i.due) for i in late] == [
        (WorkGroup.OVERDUE, "Realisasi: belum tercatat masuk RKPD", YEAR, "belum",
         date(2026, 6, 30))]
    assert late[0].title == "2 usulan tahun rencana 2027 (Belum ditetapkan)"
    counts = {c.label: c.value for c in work.module_counts(app, pimpinan)}
    assert counts["Realisasi terlambat"] == 2 and counts["Usulan UTAMA"] == 2
    assert counts["Usulan tahun rencana 2027"] == 2
    # Once in the RKPD the next step (APBD, due 30 November) is not due this week yet.
    for pid in pids:
        accountability.record_step(app, admin, pid, Realisation.RKPD, date(2026, 6, 30))
    assert not any(t is Target.PLANNING_TRACKING for _g, _w, t, _i in _mine(app, planner))
    assert {c.label: c.value for c in work.module_counts(app, pimpinan)}[
        "Realisasi terlambat"] == 0


def test_an_usulan_sent_back_waits_for_whoever_enters_usulan(planned, planner, operator):
    app, admin, ids = planned
    pid = proposals.create_proposal(app, admin, proposal(INAN, "Rabat beton RT 03"),
                                    level=PlanningLevel.KECAMATAN).id
    rid = _rembuk_on(app, admin, date(2026, 11, 2))
    _screen(app, admin, rid, pid, ScreeningInput(verdict="perbaikan",
                                                 note="Volume belum sesuai RAB."))
    number = proposals.get_detail(app, admin, pid).number
    for actor in (planner, operator):
        items = [i for i in work.work_items(app, actor)
                 if i.what == "Usulan dikembalikan untuk perbaikan"]
        assert [(i.target, i.target_id, i.title) for i in items] == [
            (Target.PLANNING_PROPOSAL, pid, f"{number} · Rabat beton RT 03")]


def test_usulan_at_a_tier_without_an_open_rembuk_wait_for_one(planned, planner, operator):
    app, admin, _ids = planned
    for desa, what in ((INAN, "Rabat beton RT 03"), (HALUBAU, "Drainase Halubau")):
        proposals.create_proposal(app, admin, proposal(desa, what), level=PlanningLevel.KECAMATAN)
    waiting = [i for i in work.work_items(app, planner) if i.what == "Usulan menunggu rembuk"]
    assert [(i.group, i.target, i.target_id, i.title) for i in waiting] == [
        (WorkGroup.WAITING, Target.PLANNING_REMBUK, 0,
         f"Musrenbang Kecamatan Paringin Selatan ({YEAR}): 2 usulan, belum ada rembuk yang "
         "dibuka")]
    assert not [i for i in work.work_items(app, operator) if i.what == "Usulan menunggu rembuk"]
    rid = _rembuk_on(app, admin, date(2026, 12, 10))  # opened: its own lines take over
    assert not [i for i in work.work_items(app, planner) if i.what == "Usulan menunggu rembuk"]
    assert (WorkGroup.WAITING, "Usulan menunggu penyaringan", Target.PLANNING_REMBUK, rid) in \
        _mine(app, planner)
