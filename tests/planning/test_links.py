"""Usulan from KULA RAKAT's frozen priority list and from a problem raised in a meeting, linked
both ways."""

from __future__ import annotations

from desktop_app.intake.services import details as intake_details
from desktop_app.planning.domain.proposals import ProposalInput
from desktop_app.planning.services import links, proposals
from desktop_app.ranking.services import lists as ranking
from tests.planning.conftest import YEAR


def test_from_frozen_priority_list_and_from_a_meeting_problem(demo_app):
    app, admin = demo_app
    draft = ranking.run_ranking(app, admin, "rtlh")
    frozen = ranking.freeze(app, admin, draft.id, "Daftar Prioritas RTLH TA 2027")
    lists = links.frozen_lists(app, admin)
    assert [x.id for x in lists] == [frozen.id]
    entries = links.list_entries(app, admin, frozen.id)[:2]
    result = links.from_priority_list(app, admin, YEAR, [e.submission_id for e in entries])
    assert len(result.created) == 2 and result.notes == []
    detail = proposals.get_detail(app, admin, result.created[0].id)
    assert detail.submission_id == entries[0].submission_id
    assert detail.data.unit == "unit" and detail.cost == 20_000_000  # kamus RTLH-01
    assert detail.source == "kula_rakat"
    sub = intake_details.get_submission(app, admin, entries[0].submission_id)
    assert sub.status == "ditindaklanjuti"
    assert any(result.created[0].number in t.text for t in sub.timeline)
    again = links.from_priority_list(app, admin, YEAR, [entries[0].submission_id])
    assert again.created == [] and again.already == [sub.number]
    linked = links.proposals_for(app, admin, submission_id=sub.id)
    assert [x.number for x in linked] == [result.created[0].number]

    problem = next(p for p in links.problems_raised(app, admin) if p.desa_code)
    saved = links.from_meeting_problem(app, admin, problem.meeting_id, problem.id, ProposalInput(
        year=YEAR, desa_code=problem.desa_code, problem=problem.description,
        work="Pelatihan aparatur desa", proposer_name="Pemerintah Desa", unit="orang",
        volume=10, unit_price=1_500_000, physical=False, land_status="tidak_perlu"))
    assert proposals.get_detail(app, admin, saved.id).meeting_problem_id == problem.id
    assert [x.id for x in links.proposals_for(app, admin, problem_id=problem.id)] == [saved.id]
