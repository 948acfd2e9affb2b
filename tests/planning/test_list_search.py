"""The usulan list's text search finds exactly what a case-free ``ILIKE`` over the same columns
finds (SQLite's own LIKE in place of ``lower() LIKE lower()``; PostgreSQL's ILIKE), whatever
the case, accents, wildcard-like characters or column the word is in."""

from __future__ import annotations

from sqlalchemy import or_, select

from desktop_app.core.services.context import unit_of_work
from desktop_app.db.hints import like_any_case
from desktop_app.planning.models import PlanningProposal as P
from desktop_app.planning.services import proposals
from desktop_app.planning.services.queries import ProposalFilter, ProposalPageSource
from tests.planning.conftest import HALUBAU, INAN, YEAR, proposal

WORKS = ["SUMUR bor RT 01", "Sumur gali", "sumur resapan", "Rehab École", "rehab école",
         "Jalan 100% beton", "Jalan_setapak", "Drainase ÄRMEL", "drainase ärmel",
         "Saluran Air (U-ditch)"]
TYPED = ["sumur", "SUMUR", "Sumur Gali", "école", "ÉCOLE", "100%", "jalan_", "_",
         "ärmel", "ÄRMEL", "(u-ditch)", "basuni", "BECEK", "rt 01", "tidak ada", "%"]


def test_text_search_finds_what_ilike_finds(planned):
    app, admin, _ids = planned
    for i, work in enumerate(WORKS):
        proposals.create_proposal(app, admin, proposal(INAN if i % 2 else HALUBAU, work,
                                                       10 + i))
    source = ProposalPageSource(app, admin)
    columns = (P.number, P.work, P.problem, P.proposer_name, P.agency, P.address)
    for typed in TYPED:
        with unit_of_work(app, write=False) as session:
            stmt = select(P.id).where(P.year == YEAR)
            for word in typed.split():
                stmt = stmt.where(or_(*(c.ilike(f"%{word}%") for c in columns)))
            expected = sorted(session.scalars(stmt))
        flt = ProposalFilter(year=YEAR, text=typed)
        found = sorted(r.id for r in source.fetch(flt, "number", False, 0, 100))
        assert found == expected and source.count(flt) == len(expected), typed
    assert len(source.fetch(ProposalFilter(year=YEAR, text="sumur"), "number", False, 0,
                            100)) == 3


def test_like_any_case_is_sqlites_own_like_and_postgresqls_ilike(app_ctx):
    with unit_of_work(app_ctx, write=False) as session:
        sql = str(select(P.id).where(like_any_case(P.work, "%a%")).compile(session.bind))
        name = session.bind.dialect.name
    expected = {"sqlite": "planning_proposals.work LIKE ?",
                "postgresql": "planning_proposals.work ILIKE %(like_any_case_1)s"}[name]
    assert expected in sql and "lower(" not in sql, sql
