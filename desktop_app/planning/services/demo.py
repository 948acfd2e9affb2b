"""Demo REMBUK REMAS records: the planning year's frame, the desa lists of Paringin Selatan,
a kecamatan rembuk with verdicts, UTAMA/CADANGAN within the ceiling, and the list forwarded
to the kabupaten."""

from __future__ import annotations

from desktop_app.core.domain import clock
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.planning.domain.labels import PlanningLevel
from desktop_app.planning.domain.proposals import ProposalInput
from desktop_app.planning.services import frame, proposals
from desktop_app.planning.services.demo_data import (
    CEILINGS,
    KABUPATEN_CEILING,
    MACRO_PROBLEMS,
    PRIORITIES,
    PROPOSALS,
    THEME,
)


def _frame(app: AppContext, admin: Actor, year: int) -> tuple[dict[str, int], dict[str, int]]:
    frame.save_year(app, admin, year, THEME)
    priorities = {}
    for pos, (code, kind, title, target) in enumerate(PRIORITIES, start=1):
        priorities[code] = frame.save_priority(app, admin, frame.PriorityInfo(
            None, year, code, title, kind, target, pos))
    macro = {}
    for pos, (code, title, desc, indicators) in enumerate(MACRO_PROBLEMS, start=1):
        items = [frame.IndicatorInfo(None, name, y, value, unit, target, region, better)
                 for name, unit, better, values in indicators
                 for region, y, value, target in values]
        macro[code] = frame.save_macro_problem(app, admin, frame.MacroProblemInfo(
            None, year, code, title, desc, pos, items))
    for code, amount in CEILINGS.items():
        frame.set_ceiling(app, admin, year, code, amount)
    frame.set_ceiling(app, admin, year, "63.11", KABUPATEN_CEILING)
    return priorities, macro


def fill(app: AppContext, admin: Actor) -> None:
    year = clock.today().year + 1
    priorities, macro = _frame(app, admin, year)
    kamus = {c.code: c for c in frame.list_catalogue(app, admin)}
    for (desa, code, work, problem, volume, rt, rw, proposer, coverage, land, prio,
         problem_code) in PROPOSALS:
        entry = kamus[code]
        data = ProposalInput(
            year=year, desa_code=desa, problem=problem, work=work, proposer_name=proposer,
            unit=entry.unit, volume=volume, unit_price=entry.unit_price, rt=rt, rw=rw,
            catalogue_id=entry.id, agency=entry.agency,
            sub_activity_code=entry.sub_activity_code,
            sub_activity_name=entry.sub_activity_name, physical=entry.physical,
            authority=entry.authority, land_status=land, coverage=coverage,
            beneficiaries=int(volume) if not entry.physical else None,
            priority_id=priorities[prio], macro_problem_id=macro[problem_code])
        proposals.create_proposal(app, admin, data, level=PlanningLevel.KECAMATAN)
