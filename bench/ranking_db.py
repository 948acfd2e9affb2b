"""Ranking N verified RTLH submissions until the table shows, as the GUI does it (issue 14):
read the values, check the hard rules, rank (SAW), keep the working list, count and fetch the
first page of the ranked table. Beside it, in the same run and on the same matrix, the
baseline: bare numpy SAW + lexsort. Each measured run is a fresh process (so its peak RSS is
its own); medians of several runs, with min–max. CPU seconds are printed beside the wall
times: on a shared, loaded machine the wall time is mostly waiting for a core, and the CPU
seconds are what a quiet machine would take. The first ranking after the data was written
(every input record computed and cached) is measured apart.

    python bench/ranking_db.py [N] [--runs 5] [--method saw|topsis]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


_COLUMNS = ("number", "kind", "category", "status", "received_on", "channel", "reporter_name",
            "subject", "description", "desa_code", "rt", "rw", "household_head",
            "monthly_income", "occupants", "floor_area", "land_owned", "house_owned",
            "only_house", "last_aid_year", "structure_condition", "roof_condition",
            "wall_condition", "floor_condition", "toilet", "septic_tank", "water_source",
            "ventilation_ok", "lighting_ok", "created_at", "updated_at")


def _rows(n: int, desa: list[str], start_id: int, count: int):  # type: ignore[no-untyped-def]
    """``count`` submissions from number ``start_id`` on, drawn column by column with numpy
    (seeded, so every build of N rows is the same data)."""
    import numpy as np

    from desktop_app.intake.domain.submissions import (
        MATERIAL_CONDITION,
        TOILET_CHOICES,
        WATER_CHOICES,
    )

    rng = np.random.default_rng(7 + start_id)
    i = np.arange(start_id, start_id + count)

    def pick(choices: tuple, p_none: float = 0.0) -> list:  # type: ignore[type-arg]
        idx = rng.integers(0, len(choices), count)
        out = np.array(choices, dtype=object)[idx]
        if p_none:
            out[rng.random(count) < p_none] = None
        return out.tolist()

    def yes(p: float) -> list:  # type: ignore[type-arg]
        return (rng.random(count) < p).tolist()

    day0 = date(2026, 1, 1).toordinal()
    received = [date.fromordinal(day0 + int(d)).isoformat()
                for d in rng.integers(0, 321, count)]
    aid = np.where(rng.random(count) < 0.02, 2019, -1)
    stamp = "2026-11-20 08:00:00.000000"
    cols = [
        [f"USL/2026/{k:07d}" for k in i.tolist()], ["usulan"] * count, ["rtlh"] * count,
        ["diverifikasi"] * count, received, ["enumerator"] * count,
        [f"Enumerator {k % 50}" for k in i.tolist()], [f"RTLH {k}" for k in i.tolist()],
        [""] * count, [desa[k % len(desa)] for k in i.tolist()],
        [f"{k % 12 + 1:03d}" for k in i.tolist()], ["001"] * count,
        [f"Kepala Keluarga {k}" for k in i.tolist()],
        (rng.integers(3, 46, count) * 100_000.0).tolist(), rng.integers(1, 10, count).tolist(),
        rng.integers(15, 81, count).astype(float).tolist(), yes(0.97), [True] * count,
        [True] * count, [None if a < 0 else int(a) for a in aid.tolist()],
        pick(MATERIAL_CONDITION), pick(MATERIAL_CONDITION), pick(MATERIAL_CONDITION),
        pick(MATERIAL_CONDITION, 0.2), pick(TOILET_CHOICES), yes(0.5), pick(WATER_CHOICES),
        yes(0.6), yes(0.7), [stamp] * count, [stamp] * count,
    ]
    return list(zip(*cols, strict=True))


def fill(app, n: int) -> None:  # type: ignore[no-untyped-def]
    """N verified RTLH submissions written straight into the SQLite file: the submissions'
    indexes dropped, the rows inserted with ``executemany`` in one transaction, the indexes
    built again (a sort each, far faster than a million index updates)."""
    import sqlite3

    from desktop_app.core.services import regions

    desa = [d.code for d in regions.list_desa(app)]
    path = app.paths.database
    app.dispose()
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode=DELETE")
        con.execute("PRAGMA synchronous=OFF")
        con.execute("PRAGMA cache_size=-200000")
        indexes = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                              "AND tbl_name = 'submissions' AND sql IS NOT NULL").fetchall()
        con.execute("BEGIN")
        for name, _sql in indexes:
            con.execute(f'DROP INDEX "{name}"')
        sql = (f"INSERT INTO submissions ({', '.join(_COLUMNS)}) "
               f"VALUES ({', '.join('?' * len(_COLUMNS))})")
        step = 100_000
        for first in range(1, n + 1, step):
            con.executemany(sql, _rows(n, desa, first, min(step, n + 1 - first)))
        for _name, index_sql in indexes:
            con.execute(index_sql)
        con.execute("COMMIT")
        con.execute("ANALYZE")
        con.execute("PRAGMA journal_mode=WAL")
    finally:
        con.close()


def cached(data_dir: Path) -> bool:
    """Whether the database's ranking input records are all cached already."""
    import sqlite3

    con = sqlite3.connect(data_dir / "ruko_parsel.sqlite3")
    try:
        subs, recs = con.execute("SELECT (SELECT count(*) FROM submissions), "
                                 "(SELECT count(*) FROM ranking_inputs)").fetchone()
    except sqlite3.OperationalError:  # not migrated yet
        return False
    finally:
        con.close()
    return bool(recs) and recs == subs


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
    load = os.getloadavg()[0]
    t0, c0 = time.perf_counter(), time.process_time()
    info = lists.run_ranking(app, actor, "rtlh", method)
    t_rank = time.perf_counter() - t0
    source = entries.RankedPageSource(app, actor, info.id)
    total = source.count(EntryFilter())
    page = source.fetch(EntryFilter(), "rank", False, 0, 100)
    ours, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = _peak_mb()
    assert total == info.ranked_count and len(page) == min(100, total)
    t0 = time.perf_counter()
    source.count(EntryFilter(desa_code="63.11.07.2003"))
    source.fetch(EntryFilter(desa_code="63.11.07.2003"), "score", True, 0, 100)
    t_filter = time.perf_counter() - t0
    t_filter_base = bare_desa_read(app.paths.database, "63.11.07.2003")
    base, base_cpu, t_read = baseline(app, actor)
    print(json.dumps({"ours": ours, "cpu": cpu, "load": load, "rank_and_store": t_rank,
                      "baseline": base, "baseline_cpu": base_cpu,
                      "read_matrix": t_read, "peak_mb": peak, "start_mb": before,
                      "filter": t_filter, "filter_baseline": t_filter_base,
                      "ranked": info.ranked_count,
                      "ineligible": info.ineligible_count}))
    app.dispose()


def bare_desa_read(path: Path, desa: str) -> float:
    """The filter's baseline: bare sqlite3 reading the desa's ids off the same index into
    numpy (what any desa filter has to read), on a connection of its own."""
    import sqlite3

    import numpy as np

    con = sqlite3.connect(path)
    try:
        con.execute("SELECT 1 FROM submissions LIMIT 1").fetchall()  # opened, schema read
        t0 = time.perf_counter()
        np.array(con.execute("SELECT id FROM submissions WHERE category = 'rtlh' "
                             "AND desa_code = ?", (desa,)).fetchall(), dtype=np.int64)
        return time.perf_counter() - t0
    finally:
        con.close()


def baseline(app, actor) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
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
    t0, c0 = time.perf_counter(), time.process_time()
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
    return time.perf_counter() - t0, time.process_time() - c0, t_read


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

    # --data DIR keeps one database per size (DIR/rtlh-N) for the next run to reuse.
    tmp = (Path(args.data) / f"rtlh-{args.n}" if args.data
           else Path(tempfile.mkdtemp(prefix="bench-ranking-")))
    try:
        if not (tmp / "ruko_parsel.sqlite3").exists():
            # Built beside and renamed when complete: an interrupted build is never reused.
            building = tmp.with_name(tmp.name + ".building")
            shutil.rmtree(building, ignore_errors=True)
            app = open_app(DataPaths(building), daily_backup=False)
            t0 = time.perf_counter()
            fill(app, args.n)
            print(f"generated {args.n:,} verified RTLH submissions in "
                  f"{time.perf_counter() - t0:.1f} s", flush=True)
            building.rename(tmp)
        def measured() -> dict:  # type: ignore[type-arg]
            out = subprocess.run([sys.executable, __file__, "--child", str(tmp), "--method",
                                  args.method], capture_output=True, text=True)
            if out.returncode:
                sys.exit(f"a measured run failed:\n{out.stderr}")
            return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]

        if not cached(tmp):
            first = measured()
            print(f"first ranking after the data was written (computes and caches every "
                  f"input record): {first['ours']:.1f} s, peak RSS {first['peak_mb']:.0f} MB, "
                  f"load {first['load']:.1f}", flush=True)
        runs = [measured() for _ in range(args.runs)]
        ours = [r["ours"] for r in runs]
        base = [r["baseline"] for r in runs]
        ratio = [o / b for o, b in zip(ours, base, strict=True)]
        first = runs[0]
        loads = [r["load"] for r in runs]
        print(f"rank {first['ranked']:,} verified RTLH (+{first['ineligible']:,} ineligible), "
              f"{args.method.upper()}, {len(runs)} runs, load {min(loads):.1f}–{max(loads):.1f}")
        print(f"  ours, until the first page shows: {spread(ours)} s")
        print(f"    CPU seconds of ours:            {spread([r['cpu'] for r in runs])} s")
        print(f"    of which rank + keep the list:  {spread([r['rank_and_store'] for r in runs])} s")
        print(f"  baseline numpy SAW + lexsort:     {spread(base)} s "
              f"(reading the matrix: {spread([r['read_matrix'] for r in runs])} s)")
        print(f"    CPU seconds of the baseline:    "
              f"{spread([r['baseline_cpu'] for r in runs])} s")
        print(f"  ratio ours / baseline:            {spread(ratio)}")
        print(f"  ratio in CPU seconds:             "
              f"{spread([r['cpu'] / r['baseline_cpu'] for r in runs])}")
        print(f"  peak RSS:                         {spread([r['peak_mb'] for r in runs])} MB")
        print(f"  desa filter + sort by score:      {spread([r['filter'] for r in runs])} s")
        print(f"    bare sqlite3 read of its ids:   "
              f"{spread([r['filter_baseline'] for r in runs])} s")
        print(f"    ratio filter / bare read:       "
              f"{spread([r['filter'] / r['filter_baseline'] for r in runs])}")
    finally:
        if not args.data:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
