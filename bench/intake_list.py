"""The submissions list on 1,000,000 records: first page, a new filter, a new sort, through the
same PageSource the GUI uses (SQL WHERE / ORDER BY / LIMIT). Each case (the capped count and one page of
100, as the GUI asks) is timed beside a bare sqlite3 read of the first 100 rows off the received
index, interleaved in the same run; the goal is 0.1 s per case.

By default the database has no planner statistics, as an office's has (nothing there runs
ANALYZE); ``--stats`` analyses it first, to check the same cases with statistics.
``--data DIR`` keeps the filled database in DIR/intake-N for the next run to reuse.
Usage: python bench/intake_list.py [N] [RUNS] [--stats] [--data DIR]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchkit import alternate, compare, timed  # noqa: E402
from sqlalchemy import func, insert, select  # noqa: E402

from desktop_app.core.domain.roles import Role  # noqa: E402
from desktop_app.core.services import regions  # noqa: E402
from desktop_app.core.services.bootstrap import open_app  # noqa: E402
from desktop_app.core.services.context import Actor, unit_of_work  # noqa: E402
from desktop_app.intake.domain.search import terms_for  # noqa: E402
from desktop_app.intake.models import Submission, SubmissionTerm  # noqa: E402
from desktop_app.intake.services.listing import (  # noqa: E402
    ROW_COLUMNS,
    SubmissionFilter,
    SubmissionPageSource,
)
from desktop_app.paths import DataPaths  # noqa: E402

STATUSES = ["diterima", "diverifikasi", "dikembalikan", "ditindaklanjuti", "ditolak", "selesai"]


def fill(app, n: int) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(1)
    desa = [d.code for d in regions.list_desa(app)]
    start = date(2022, 1, 1)
    batch = []
    with unit_of_work(app) as session:
        # after any records already there (a demo database), numbered apart from them
        offset = session.scalar(select(func.coalesce(func.max(Submission.id), 0)))
        for i in range(1, n + 1):
            kind = ("usulan", "laporan", "aduan")[i % 3]
            category = ("rtlh", "jalan", "drainase", "lainnya")[i % 4]
            received = start + timedelta(days=rng.randint(0, 1780))
            batch.append({
                "number": f"{kind[:3].upper()}/{received.year}/{i:07d}", "kind": kind,
                "category": category, "status": STATUSES[rng.randint(0, 5)],
                "received_on": received, "channel": "enumerator",
                "reporter_name": f"Warga {i}", "subject": f"Perihal nomor {i}",
                "description": "Uraian singkat", "desa_code": desa[i % len(desa)],
                "rt": f"{i % 12:03d}", "due_date": received + timedelta(days=14),
                "household_head": f"Kepala Keluarga {i}" if category == "rtlh" else None,
                "nik": f"631107{i % 28 + 1:02d}0185{i % 9999:04d}" if category == "rtlh" else None,
                "monthly_income": float(rng.randint(3, 40) * 100_000),
                "occupants": rng.randint(1, 9), "floor_area": float(rng.randint(15, 80)),
            })
            if len(batch) == 20_000:
                _flush(session, batch, offset + i - len(batch) + 1)
        if batch:
            _flush(session, batch, offset + n - len(batch) + 1)


def set_statistics(path: Path, analysed: bool) -> None:
    """Analyse the database, or drop its statistics (as an office's database has none)."""
    con = sqlite3.connect(path, isolation_level=None)
    try:
        if analysed:
            con.execute("ANALYZE")
        else:
            con.execute("DROP TABLE IF EXISTS sqlite_stat1")
    finally:
        con.close()


def _flush(session, batch: list, first_id: int) -> None:  # type: ignore[no-untyped-def]
    """Insert a batch with explicit ids, and its search terms as the service would."""
    for offset, row in enumerate(batch):
        row["id"] = first_id + offset
    session.execute(insert(Submission), batch)
    session.execute(insert(SubmissionTerm), [
        {"term": t, "submission_id": row["id"]} for row in batch for t in terms_for(row)])
    batch.clear()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=1_000_000)
    parser.add_argument("runs", nargs="?", type=int, default=5)
    parser.add_argument("--stats", action="store_true", help="ANALYZE the database first")
    parser.add_argument("--data", help="keep (or reuse) the filled database in this folder")
    args = parser.parse_args()
    n, runs = args.n, args.runs
    tmp = (Path(args.data) / f"intake-{n}" if args.data
           else Path(tempfile.mkdtemp(prefix="bench-intake-")))
    try:
        paths = DataPaths(tmp)
        if not paths.database.exists():
            # built beside and renamed when complete: an interrupted build is never reused
            building = tmp.with_name(tmp.name + ".building")
            shutil.rmtree(building, ignore_errors=True)
            app = open_app(DataPaths(building), daily_backup=False)
            t = timed(lambda: fill(app, n))
            app.dispose()
            building.rename(tmp)
            print(f"generated {n:,} submissions in {t:.1f} s", flush=True)
        set_statistics(paths.database, args.stats)
        app = open_app(paths, daily_backup=False)
        print(f"planner statistics: {'ANALYZE run' if args.stats else 'none'}", flush=True)
        actor = Actor(None, "bench", "Bench", Role.ADMIN)
        bare = sqlite3.connect(paths.database)
        columns = ", ".join(c.name for c in ROW_COLUMNS)

        def baseline() -> float:
            """Bare sqlite3: the first 100 rows off the received index, no count, no filter."""
            start = time.perf_counter()
            bare.execute(f"SELECT {columns} FROM submissions "
                         "ORDER BY received_on DESC, id DESC LIMIT 100").fetchall()
            return time.perf_counter() - start

        # (filter, sort, descending, page): what the GUI does for each: count (capped) + one page
        cases = {
            "first page (count + 100 rows, newest first)": (SubmissionFilter(), "received_on",
                                                             True, 1),
            "status filter (diverifikasi)": (SubmissionFilter(status="diverifikasi"),
                                             "received_on", True, 1),
            "status + category filter (diverifikasi, rtlh)": (
                SubmissionFilter(status="diverifikasi", category="rtlh"), "received_on", True, 1),
            "overdue only": (SubmissionFilter(overdue_only=True), "received_on", True, 1),
            "desa + overdue": (SubmissionFilter(desa_code="63.11.07.2003", overdue_only=True),
                               "received_on", True, 1),
            "page 50 (newest first)": (SubmissionFilter(), "received_on", True, 50),
            "sort by name": (SubmissionFilter(), "name", False, 1),
            "sort by name, page 50": (SubmissionFilter(), "name", False, 50),
            "sort by due date": (SubmissionFilter(), "due_date", False, 1),
            "search text 'Warga 12345'": (SubmissionFilter(text="Warga 12345"), "received_on",
                                          True, 1),
            "search a NIK prefix '6311071301'": (SubmissionFilter(text="6311071301"),
                                                 "received_on", True, 1),
            "search a word in every record 'perihal'": (SubmissionFilter(text="perihal"),
                                                        "received_on", True, 1),
            "search 'perihal' + status filter": (SubmissionFilter(text="perihal",
                                                                  status="selesai"),
                                                 "received_on", True, 1),
        }
        met = True
        for label, (flt, sort, desc, page_no) in cases.items():
            def ours(flt=flt, sort=sort, desc=desc, page_no=page_no, label=label) -> float:
                source = SubmissionPageSource(app, actor)  # a fresh source: names read again
                start = time.perf_counter()
                source.count(flt)
                rows = source.fetch(flt, sort, desc, (page_no - 1) * 100, 100)
                elapsed = time.perf_counter() - start
                assert rows, label  # a rare word finds one record, the others a full page
                return elapsed

            series = alternate({"ours": ours, "bare": baseline}, runs)
            series["ours"].label = "PageSource count + page"
            series["bare"].label = "sqlite3 100 rows by index"
            met = compare(label, series["ours"], series["bare"], goal_seconds=0.1) and met
        bare.close()
        app.dispose()
        print("every list goal met" if met else "some list goals NOT met")
    finally:
        if not args.data:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
