"""Ranking N verified RTLH submissions until the table shows, as the GUI does it (issue 14):
read the values, check the hard rules, rank (SAW), keep the working list, count and fetch the
first page of the ranked table. Beside it, in the same run and on the same matrix, the
baseline: bare numpy SAW + lexsort. Each measured run is a fresh process (so its peak RSS is
its own); medians of several runs, with min–max.

    python bench/ranking_db.py [N] [--runs 5] [--method saw|topsis]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def fill(app, n: int) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import insert

    from desktop_app.core.services import regions
    from desktop_app.core.services.context import unit_of_work
    from desktop_app.intake.domain.submissions import (
        MATERIAL_CONDITION,
        TOILET_CHOICES,
        WATER_CHOICES,
    )
    from desktop_app.intake.models import Submission

    rng = random.Random(7)
    desa = [d.code for d in regions.list_desa(app)]
    start = date(2026, 1, 1)
    batch = []
    with unit_of_work(app) as session:
        for i in range(1, n + 1):
            received = start + timedelta(days=rng.randint(0, 320))
            batch.append({
                "number": f"USL/2026/{i:07d}", "kind": "usulan", "category": "rtlh",
                "status": "diverifikasi", "received_on": received, "channel": "enumerator",
                "reporter_name": f"Enumerator {i % 50}", "subject": f"RTLH {i}",
                "description": "", "desa_code": desa[i % len(desa)], "rt": f"{i % 12 + 1:03d}",
                "rw": "001", "household_head": f"Kepala Keluarga {i}",
                "monthly_income": float(rng.randint(3, 45) * 100_000),
                "occupants": rng.randint(1, 9), "floor_area": float(rng.randint(15, 80)),
                "land_owned": rng.random() > 0.03, "house_owned": True, "only_house": True,
                "last_aid_year": 2019 if rng.random() < 0.02 else None,
                "structure_condition": rng.choice(MATERIAL_CONDITION),
                "roof_condition": rng.choice(MATERIAL_CONDITION),
                "wall_condition": rng.choice(MATERIAL_CONDITION),
                "floor_condition": rng.choice(MATERIAL_CONDITION + (None,)),
                "toilet": rng.choice(TOILET_CHOICES), "septic_tank": rng.random() > 0.5,
                "water_source": rng.choice(WATER_CHOICES), "ventilation_ok": rng.random() > 0.4,
                "lighting_ok": rng.random() > 0.3,
            })
            if len(batch) == 20_000:
                session.execute(insert(Submission), batch)
                batch.clear()
        if batch:
            session.execute(insert(Submission), batch)
    with app.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(data_dir: str, method: str) -> None:
    """One measured run: ours until the first page is there, then the baseline."""
    from desktop_app.core.domain.roles import Role
    from desktop_app.core.services.bootstrap import open_app
    from desktop_app.core.services.context import Actor
    from desktop_app.paths import DataPaths
    from desktop_app.ranking.services import entries, lists
    from desktop_app.ranking.services.rows import EntryFilter

    app = open_app(DataPaths(Path(data_dir)), daily_backup=False)
    actor = Actor(None, "bench", "Bench", Role.ADMIN)
    before = _peak_mb()
    t0 = time.perf_counter()
    info = lists.run_ranking(app, actor, "rtlh", method)
    t_rank = time.perf_counter() - t0
    source = entries.RankedPageSource(app, actor, info.id)
    total = source.count(EntryFilter())
    page = source.fetch(EntryFilter(), "rank", False, 0, 100)
    ours = time.perf_counter() - t0
    peak = _peak_mb()
    assert total == info.ranked_count and len(page) == min(100, total)
    t0 = time.perf_counter()
    source.count(EntryFilter(desa_code="63.11.07.2003"))
    source.fetch(EntryFilter(desa_code="63.11.07.2003"), "score", True, 0, 100)
    t_filter = time.perf_counter() - t0
    base, t_read = baseline(app, actor)
    print(json.dumps({"ours": ours, "rank_and_store": t_rank, "baseline": base,
                      "read_matrix": t_read, "peak_mb": peak, "start_mb": before,
                      "filter": t_filter, "ranked": info.ranked_count,
                      "ineligible": info.ineligible_count}))
    app.dispose()


def baseline(app, actor) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Bare numpy SAW + lexsort (the stated tie rule) on the same matrix our reader returns."""
    import numpy as np

    from desktop_app.core.services.context import unit_of_work
    from desktop_app.ranking.domain.lists import RankScope
    from desktop_app.ranking.domain.methods import Direction
    from desktop_app.ranking.services.computation import read_inputs

    t0 = time.perf_counter()
    with unit_of_work(app) as session:
        matrix, cs_info = read_inputs(session, actor, "rtlh", None, RankScope())
    criteria = cs_info.criteria
    t_read = time.perf_counter() - t0
    t0 = time.perf_counter()
    ok = ~matrix.flags.any(axis=1)
    x, ids = matrix.values[ok], matrix.ids[ok]
    w = np.array([c.weight for c in criteria])
    w = w / w.sum()
    norm = np.zeros_like(x)
    for j, c in enumerate(criteria):
        col = x[:, j]
        if c.direction is Direction.BENEFIT:
            norm[:, j] = col / np.nanmax(col)
        else:
            norm[:, j] = np.nanmin(col) / col
    scores = np.nan_to_num(norm) @ w
    np.lexsort((ids, matrix.received[ok], matrix.income[ok], -scores))
    return time.perf_counter() - t0, t_read


def spread(values: list[float]) -> str:
    return f"median {statistics.median(values):.2f} (min {min(values):.2f} – max {max(values):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--method", default="saw", choices=["saw", "topsis"])
    parser.add_argument("--data", help="keep (or reuse) the filled database in this folder")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.method)
        return
    from desktop_app.core.services.bootstrap import open_app
    from desktop_app.paths import DataPaths

    tmp = Path(args.data) if args.data else Path(tempfile.mkdtemp(prefix="bench-ranking-"))
    try:
        if not (tmp / "ruko_parsel.sqlite3").exists():
            app = open_app(DataPaths(tmp), daily_backup=False)
            t0 = time.perf_counter()
            fill(app, args.n)
            print(f"generated {args.n:,} verified RTLH submissions in "
                  f"{time.perf_counter() - t0:.1f} s")
            app.dispose()
        runs = []
        for _ in range(args.runs):
            out = subprocess.run([sys.executable, __file__, "--child", str(tmp), "--method",
                                  args.method], capture_output=True, text=True, check=True)
            runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
        ours = [r["ours"] for r in runs]
        base = [r["baseline"] for r in runs]
        ratio = [o / b for o, b in zip(ours, base, strict=True)]
        first = runs[0]
        print(f"rank {first['ranked']:,} verified RTLH (+{first['ineligible']:,} ineligible), "
              f"{args.method.upper()}, {len(runs)} runs, load {open('/proc/loadavg').read().split()[0] if Path('/proc/loadavg').exists() else '?'}")
        print(f"  ours, until the first page shows: {spread(ours)} s")
        print(f"    of which rank + keep the list:  {spread([r['rank_and_store'] for r in runs])} s")
        print(f"  baseline numpy SAW + lexsort:     {spread(base)} s "
              f"(reading the matrix: {spread([r['read_matrix'] for r in runs])} s)")
        print(f"  ratio ours / baseline:            {spread(ratio)}")
        print(f"  peak RSS:                         {spread([r['peak_mb'] for r in runs])} MB")
        print(f"  desa filter + sort by score:      {spread([r['filter'] for r in runs])} s")
    finally:
        if not args.data:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
