"""REMBUK REMAS at a kabupaten's scale: 160 desa, 10,000 usulan a year, 100,000 across ten
years. Measures, beside a baseline doing the same work with the bare library in the same run:

- the usulan list: count + first page of 100 (a year; a filter and a sort; a text search)
  — baseline: the same SELECTs in plain sqlite3;
- ranking a tier: the kabupaten rembuk with N passed usulan (SAW, split by the ceiling,
  stored) — baseline: numpy SAW on the same matrix plus a plain sqlite3 executemany;
- a berita acara with a 500-row Lampiran II — baseline: reportlab writing one 500-row table.

Ranking and the berita acara run ``--runs`` times (default 5), interleaved with their
baselines (bench/benchkit.py): medians, min–max, the ratio and the load average.

Usage: python bench/planning.py [USULAN_PER_YEAR] [YEARS] [--runs N]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import sys
import tempfile
import time
import uuid
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchkit import alternate, compare  # noqa: E402
from benchkit import timed as bench_timed  # noqa: E402
from sqlalchemy import insert, update  # noqa: E402

from desktop_app.app.demo import demo_profile  # noqa: E402
from desktop_app.core.domain.roles import Role  # noqa: E402
from desktop_app.core.models import Region  # noqa: E402
from desktop_app.core.services import auth, setup  # noqa: E402
from desktop_app.core.services.bootstrap import open_app  # noqa: E402
from desktop_app.core.services.context import Actor, unit_of_work  # noqa: E402
from desktop_app.paths import DataPaths  # noqa: E402
from desktop_app.planning.models import (  # noqa: E402
    PlanningProposal,
    PlanningYear,
    TierResult,
)
from desktop_app.planning.services import frame, printing, rembuk, scoring  # noqa: E402
from desktop_app.planning.services.queries import ProposalFilter, ProposalPageSource  # noqa: E402

WORKS = ["Rabat beton jalan lingkungan", "Drainase U-ditch", "Sumur bor air bersih",
         "Jamban sehat", "Rehabilitasi jalan desa", "Pelatihan keterampilan pemuda",
         "Makanan tambahan balita", "Perbaikan rumah tidak layak huni", "Jembatan beton",
         "Irigasi sawah"]


def timed(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def regions_160(app) -> list[str]:  # type: ignore[no-untyped-def]
    """20 desa in each of the 8 kecamatan (the real ones of Paringin Selatan, the others made)."""
    with unit_of_work(app) as session:
        have = {r.code for r in session.query(Region).all()}
        for k in range(1, 9):
            kec = f"63.11.{k:02d}"
            for d in range(2001, 2021):
                code = f"{kec}.{d}"
                if code not in have:
                    session.add(Region(code=code, name=f"Desa {k}-{d}", level="desa",
                                       parent_code=kec))
    with unit_of_work(app, write=False) as session:
        return sorted(r.code for r in session.query(Region).filter(Region.level == "desa"))


def fill(app, per_year: int, years: int, desa: list[str]) -> int:  # type: ignore[no-untyped-def]
    rng = random.Random(11)
    first = 2028 - years
    now = datetime(2026, 11, 23)
    with unit_of_work(app) as session:
        for y in range(first, 2028):
            session.add(PlanningYear(year=y, theme="", note=""))
        session.flush()
        pid = 0
        for y in range(first, 2028):
            seqs: dict[str, int] = {}
            proposals, tiers = [], []
            for i in range(per_year):
                pid += 1
                code = desa[i % len(desa)]
                kec = code.rsplit(".", 1)[0]
                seqs[kec] = seqs.get(kec, 0) + 1
                volume = float(rng.randint(1, 300))
                price = rng.choice([600_000, 950_000, 1_250_000, 3_500_000, 20_000_000])
                work = f"{rng.choice(WORKS)} RT {rng.randint(1, 12)}"
                proposals.append({
                    "id": pid, "uid": str(uuid.UUID(int=pid)), "year": y, "seq": seqs[kec],
                    "number": f"MUS/{y}/{kec[-2:]}/{seqs[kec]:05d}", "level": "kabupaten",
                    "returned": False, "desa_code": code, "kecamatan_code": kec, "rt": "1",
                    "rw": "1", "address": "", "problem": "Masalah warga", "work": work,
                    "proposer_name": "Pemerintah Desa", "proposer_level": "desa",
                    "proposer_contact": "", "unit": "m", "volume": volume, "unit_price": price,
                    "cost": int(volume * price), "agency": "Dinas PUPRPERKIM",
                    "first_agency": "Dinas PUPRPERKIM", "physical": rng.random() > 0.3,
                    "authority": "kabupaten", "land_status": "pemda", "land_note": "",
                    "coverage": rng.choice(["rt", "rw", "dusun", "desa"]), "note": "",
                    "source": "excel", "realisation": "belum", "version": 1,
                    "created_at": now, "updated_at": now,
                    "affair_code": "", "program_code": "", "activity_code": "",
                    "sub_activity_code": "", "sub_activity_name": ""})
                for level, region, verdict in (("desa", code, "lolos"),
                                               ("kecamatan", kec, "lolos"),
                                               ("kabupaten", "63.11", "lolos")):
                    tiers.append({
                        "proposal_id": pid, "level": level, "year": y, "region_code": region,
                        "verdict": verdict, "volume": volume, "unit_price": price,
                        "cost": int(volume * price), "reasons": "", "note": "",
                        "redirect_target": "", "redirect_detail": "", "recommendation": "",
                        "scores_json": json.dumps({"urgency": rng.randint(1, 5),
                                                   "damage": rng.randint(1, 5),
                                                   "need": rng.randint(1, 5),
                                                   "impact": rng.randint(1, 5),
                                                   "feasibility": rng.randint(1, 5)}),
                        "tier_manual": False, "decided_by_name": "bench", "aligned": True,
                        "within_ceiling": True, "direct_impact": True, "core_problem": True,
                        "authority_ok": True, "land_ok": True})
            session.execute(insert(PlanningProposal), proposals)
            session.execute(insert(TierResult), tiers)
    with app.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
    return pid


def bench_list(app, actor, db: Path) -> None:  # type: ignore[no-untyped-def]
    source = ProposalPageSource(app, actor)
    cases = {
        "first page of a year": (ProposalFilter(year=2027), "number", False),
        "a kecamatan, by cost": (ProposalFilter(year=2027, kecamatan_code="63.11.03"), "cost",
                                 True),
        "text search 'sumur'": (ProposalFilter(year=2027, text="sumur"), "number", False),
    }
    bare_sql = {
        "first page of a year": ("SELECT count(*) FROM planning_proposals p LEFT JOIN "
                                 "planning_tier_results t ON t.proposal_id = p.id AND "
                                 "t.level = p.level WHERE p.year = 2027",
                                 "SELECT * FROM planning_proposals p LEFT JOIN "
                                 "planning_tier_results t ON t.proposal_id = p.id AND t.level = "
                                 "p.level WHERE p.year = 2027 ORDER BY p.seq LIMIT 100"),
        "a kecamatan, by cost": ("SELECT count(*) FROM planning_proposals p WHERE p.year = 2027 "
                                 "AND p.kecamatan_code = '63.11.03'",
                                 "SELECT * FROM planning_proposals p LEFT JOIN "
                                 "planning_tier_results t ON t.proposal_id = p.id AND t.level = "
                                 "p.level WHERE p.year = 2027 AND p.kecamatan_code = '63.11.03' "
                                 "ORDER BY t.cost DESC LIMIT 100"),
        "text search 'sumur'": ("SELECT count(*) FROM planning_proposals p WHERE p.year = 2027 "
                                "AND p.work LIKE '%sumur%'",
                                "SELECT * FROM planning_proposals p LEFT JOIN "
                                "planning_tier_results t ON t.proposal_id = p.id AND t.level = "
                                "p.level WHERE p.year = 2027 AND p.work LIKE '%sumur%' "
                                "ORDER BY p.seq LIMIT 100"),
    }
    conn = sqlite3.connect(db)
    for name, (flt, sort, desc) in cases.items():
        ours = timed(lambda f=flt, s=sort, d=desc: (source.count(f),
                                                    source.fetch(f, s, d, 0, 100)))
        count_sql, page_sql = bare_sql[name]
        bare = timed(lambda c=count_sql, p=page_sql: (conn.execute(c).fetchall(),
                                                      conn.execute(p).fetchall()))
        print(f"list, {name}: {ours:.3f} s (bare sqlite3 {bare:.3f} s, ratio "
              f"{ours / max(bare, 1e-6):.1f})")
    conn.close()


def bench_rank(app, actor, db: Path, runs: int) -> None:  # type: ignore[no-untyped-def]
    import numpy as np

    from desktop_app.planning.domain.criteria import DEFAULT_CRITERIA, ProposalKind
    from desktop_app.ranking.domain.methods import rank_saw

    rid = rembuk.create_rembuk(app, actor, rembuk.RembukInput(
        2027, "kabupaten", "63.11", date(2026, 3, 24), "Aula Bappedalitbang",
        chair=("Kepala Bappedalitbang", "Kepala Badan", "")))
    frame.set_ceiling(app, actor, 2027, "63.11", 28_000_000_000)
    info = rembuk.get_rembuk(app, actor, rid)
    summaries = []

    def ours() -> float:
        with unit_of_work(app) as session:  # every run ranks a tier never ranked (not timed)
            session.execute(update(TierResult).where(TierResult.level == "kabupaten")
                            .values(score=None, rank=None, priority_tier=None))
        t = time.perf_counter()
        summaries.append(scoring.rank_rembuk(app, actor, rid))
        return time.perf_counter() - t

    def bare() -> float:
        conn = sqlite3.connect(db)
        t = time.perf_counter()
        rows = conn.execute("SELECT t.id, t.scores_json, t.cost FROM planning_tier_results t "
                            "WHERE t.year = 2027 AND t.level = 'kabupaten' "
                            "AND t.verdict = 'lolos'").fetchall()
        matrix = np.array([[json.loads(s).get("urgency", 0), json.loads(s).get("damage", 0),
                            3.0, 5.0] for _id, s, _c in rows], dtype=float)
        result = rank_saw([r[0] for r in rows], matrix, DEFAULT_CRITERIA[ProposalKind.PHYSICAL])
        conn.executemany("UPDATE planning_tier_results SET score = ?, rank = ? WHERE id = ?",
                         [(float(result.scores[i]), int(result.rank_of_position[i]), r[0])
                          for i, r in enumerate(rows)])
        conn.rollback()
        seconds = time.perf_counter() - t
        conn.close()
        return seconds

    series = alternate({"rank_rembuk (service, stored)": ours,
                        "numpy SAW + sqlite3 executemany": bare}, runs)
    compare(f"ranking the kabupaten tier, {info.counts.passed:,} passed usulan (SAW, "
            f"UTAMA/CADANGAN by the pagu, stored); {summaries[-1].text}",
            series["rank_rembuk (service, stored)"],
            series["numpy SAW + sqlite3 executemany"], goal_seconds=1.0)


def bench_ba(app, actor, tmp: Path, runs: int) -> None:  # type: ignore[no-untyped-def]
    """A kecamatan rembuk of 2027 with 500 passed usulan: its BA with a 500-row Lampiran II."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate, Table

    kec = "63.11.05"
    frame.set_ceiling(app, actor, 2027, kec, 30_000_000_000)
    with unit_of_work(app) as session:
        ids = [p.id for p in session.query(PlanningProposal).filter(
            PlanningProposal.year == 2027, PlanningProposal.kecamatan_code == kec)
            .limit(500)]
        session.query(TierResult).filter(TierResult.year == 2027,
                                         TierResult.level == "kecamatan",
                                         TierResult.region_code == kec,
                                         ~TierResult.proposal_id.in_(ids)).update(
            {"verdict": "tidak_diakomodir", "reasons": "lainnya", "note": "bench"},
            synchronize_session=False)
        session.query(PlanningProposal).filter(PlanningProposal.id.in_(ids)).update(
            {"level": "kecamatan"}, synchronize_session=False)
    rid = rembuk.create_rembuk(app, actor, rembuk.RembukInput(
        2027, "kecamatan", kec, date(2026, 2, 12), "Aula Kecamatan",
        chair=("Camat", "Camat", "197503122000032004")))
    scoring.rank_rembuk(app, actor, rid)
    target = tmp / "ba.pdf"
    rows = [[str(i), "Desa", "Rabat beton jalan lingkungan RT 3 menuju sekolah", "RT 1 / RW 1",
             "120 m", "150.000.000", "Dinas PUPRPERKIM"] for i in range(500)]

    def bare() -> None:
        doc = SimpleDocTemplate(str(tmp / "bare.pdf"), pagesize=A4)
        doc.build([Table(rows, colWidths=[1 * cm, 2 * cm, 6 * cm, 2 * cm, 1.6 * cm, 2.2 * cm,
                                         2.4 * cm], repeatRows=1)])

    series = alternate({
        "print_berita_acara (service)":
            lambda: bench_timed(lambda: printing.print_berita_acara(app, actor, rid, target)),
        "reportlab, one 500-row table": lambda: bench_timed(bare)}, runs)
    from pypdf import PdfReader

    pages = len(PdfReader(str(target)).pages)
    compare(f"berita acara with a 500-row Lampiran II ({pages} pages)",
            series["print_berita_acara (service)"], series["reportlab, one 500-row table"],
            goal_seconds=3.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("per_year", nargs="?", type=int, default=10_000)
    parser.add_argument("years", nargs="?", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    per_year, years = args.per_year, args.years
    tmp = Path(tempfile.mkdtemp(prefix="bench-planning-"))
    try:
        app = open_app(DataPaths(tmp), daily_backup=False)
        setup.first_run(app, auth.UserInput("admin", "Admin Bench", Role.ADMIN,
                                            "Bench-Perencanaan-2026"), demo_profile())
        desa = regions_160(app)
        t = time.perf_counter()
        n = fill(app, per_year, years, desa)
        print(f"generated {n:,} usulan ({per_year:,} a year, {years} years, {len(desa)} desa) "
              f"with their tier results in {time.perf_counter() - t:.1f} s")
        actor = Actor(None, "bench", "Bench", Role.ADMIN)
        bench_list(app, actor, tmp / "ruko_parsel.sqlite3")
        bench_rank(app, actor, tmp / "ruko_parsel.sqlite3", args.runs)
        bench_ba(app, actor, tmp, args.runs)
        app.dispose()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
