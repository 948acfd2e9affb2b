"""Demo REMBUK REMAS records: the planning year's frame, the desa lists of Paringin Selatan
(results of Musrenbang Desa), a kecamatan rembuk with attendance, verdicts and reasons, the
ranking split into UTAMA and CADANGAN within the ceiling, delegates, the result fixed and
forwarded, and the kabupaten rembuk that receives it."""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

from desktop_app.core.domain import clock
from desktop_app.core.services import regions
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.planning.domain.labels import PlanningLevel
from desktop_app.planning.domain.proposals import ProposalInput
from desktop_app.planning.domain.screening import ScreeningInput
from desktop_app.planning.services import (
    accountability,
    frame,
    meeting_link,
    proposals,
    rembuk,
    scoring,
    screening,
)
from desktop_app.planning.services.demo_data import (
    ACCOUNTABILITY,
    ATTENDEES,
    CEILINGS,
    DELEGATES,
    KABUPATEN_CEILING,
    KABUPATEN_PASSES,
    MACRO_PROBLEMS,
    PRIORITIES,
    PROPOSALS,
    THEME,
    VERDICTS,
)

ALL_PASS: dict[str, Any] = dict(aligned=True, within_ceiling=True, direct_impact=True, core_problem=True,
                authority_ok=True, land_ok=True)


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


def _screening(key: str, priority_id: int) -> ScreeningInput:
    entry: tuple[Any, ...] = VERDICTS.get(key, ("lolos", 4, 3))
    kind, rest = entry[0], list(entry[1:])
    if kind == "lolos":
        a, b = rest
        scores = {"urgency": a, "damage": b, "need": a, "impact": b, "feasibility": 4}
        return ScreeningInput(verdict="lolos", priority_id=priority_id, scores=scores,
                              **ALL_PASS)
    if kind == "dialihkan":
        target, detail, note = rest
        return ScreeningInput(verdict="dialihkan", redirect_target=target,
                              redirect_detail=detail, note=note,
                              authority_ok=target not in ("apbdes", "provinsi"))
    if kind == "perbaikan":
        return ScreeningInput(verdict="perbaikan", note=rest[0])
    reasons, note = rest
    return ScreeningInput(verdict="tidak_diakomodir", reasons=list(reasons), note=note,
                          land_ok=False if "lahan" in reasons else None,
                          direct_impact=False if "tidak_berdampak" in reasons else None)


def fill(app: AppContext, admin: Actor) -> None:
    year = clock.today().year + 1
    priorities, macro = _frame(app, admin, year)
    kamus = {c.code: c for c in frame.list_catalogue(app, admin)}
    names = {d.code: d.name for d in regions.list_desa(app)}
    created: dict[str, int] = {}
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
        saved = proposals.create_proposal(app, admin, data, level=PlanningLevel.KECAMATAN,
                                          passed_below=f"Musrenbang Desa {names[desa]}")
        created[work] = saved.id
    held = date(clock.today().year, 2, 12)
    rid = rembuk.create_rembuk(app, admin, rembuk.RembukInput(
        year, "kecamatan", "63.11.07", held, "Aula Kantor Kecamatan Paringin Selatan",
        time(9, 0), ("MEGAWATI, S.Pd, M.Pd", "Camat Paringin Selatan", "197503122000032004"),
        ("Nor Hasanah, S.E", "Kasi Pemberdayaan Masyarakat dan Desa", "198104152009032006")))
    rembuk.add_attendees(app, admin, rid, [
        meeting_link.Person(n, p, i, g, True) for n, p, i, g in ATTENDEES])
    prio_of = {work: priorities[prio] for (_d, _c, work, *_x, prio, _m) in PROPOSALS}
    for work, pid in created.items():
        version = proposals.get_detail(app, admin, pid).version
        screening.save_screening(app, admin, rid, pid, _screening(work, prio_of[work]), version)
    scoring.rank_rembuk(app, admin, rid)
    rembuk.save_delegates(app, admin, rid, [rembuk.DelegateInfo(*d) for d in DELEGATES])
    rembuk.finalize(app, admin, rid, f"000.7.1/27/Kec-PS/{clock.today().year}")
    rembuk.forward(app, admin, rid)
    kab = rembuk.create_rembuk(app, admin, rembuk.RembukInput(
        year, "kabupaten", "63.11", date(clock.today().year, 3, 24),
        "Aula Bappedalitbang Kabupaten Balangan", time(8, 30),
        ("Ir. H. Rahmadi, M.T", "Kepala Bappedalitbang Kabupaten Balangan",
         "197001011995031004"), ("Siti Rahmah, S.E", "Perencana Ahli Muda", "")))
    _kabupaten_and_accountability(app, admin, kab, created, prio_of)


def _kabupaten_and_accountability(app: AppContext, admin: Actor, kab: int,
                                  created: dict[str, int], prio_of: dict[str, int]) -> None:
    """Bappeda passes the kecamatan's UTAMA usulan; some enter the RKPD and the APBD."""
    today = clock.today()
    rkpd_day = min(date(today.year, 6, 30), today - timedelta(days=60))
    rows = screening.list_rows(app, admin, kab)
    main = [r for r in rows if r.work in KABUPATEN_PASSES]
    for r in main:
        version = proposals.get_detail(app, admin, r.proposal_id).version
        screening.save_screening(app, admin, kab, r.proposal_id,
                                 _screening(r.work, prio_of[r.work]), version)
    for r in main:
        accountability.record_step(app, admin, r.proposal_id, "rkpd", rkpd_day,
                                   note=f"Perkada RKPD Tahun {today.year + 1}")
    for work, (stage, progress, amount) in ACCOUNTABILITY.items():
        accountability.record_step(app, admin, created[work], stage,
                                   today - timedelta(days=7), progress=progress, amount=amount,
                                   note=f"Perda APBD Tahun {today.year + 1}")
