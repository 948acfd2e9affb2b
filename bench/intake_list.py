"""The submissions list on 1,000,000 records: every filter the list page offers crossed with
every column it sorts by (and page 50 of a few), through the same PageSource the GUI uses.
Each case (the capped count and one page of 100, as the GUI asks) is timed beside a bare
sqlite3 read of the first 100 rows off the received index, interleaved in the same run; the
goal is 0.1 s per case. A table of every case, one line each, closes the run.

By default the database has no planner statistics, as an office's has (nothing there runs
ANALYZE); ``--stats`` analyses it first, to check the same cases with statistics.
``--data DIR`` keeps the filled database in DIR/intake-N for the next run to reuse.
``--only TEXT`` runs the cases whose label holds TEXT (e.g. ``--only "| by name"``).
Usage: python bench/intake_list.py [N] [RUNS] [--stats] [--data DIR] [--only TEXT]
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

from benchkit import alternate, compare, loads_of, timed  # noqa: E402
from sqlalchemy import func, insert, select  # noqa: E402

from desktop_app.core.domain.roles import Role  # noqa: E402
from desktop_app.core.models import User  # noqa: E402
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
        # four operators entered four records of five (the list's "Input saya" filter)
        clerks = [session.scalar(insert(User).values(
            username=f"bench-operator-{offset}-{k}", full_name=f"Operator {k}",
            role=Role.OPERATOR.value, password_hash="-").returning(User.id)) for k in range(4)]
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
                "entered_by_id": clerks[i % 5] if i % 5 < 4 else None,
                "needs_check": i % 50 == 7,  # 2%: an import left values to complete
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


# What the list page offers: every filter of its bar (alone, and the combinations the bench
# has always had) and every column it sorts by, as the GUI's header click asks.
SORTS = [("number", False), ("received_on", True), ("received_on", False), ("kind", False),
         ("category", False), ("status", False), ("name", False), ("desa", False),
         ("due_date", False), ("name", True), ("due_date", True)]
SORT_LABELS = {"number": "number", "received_on": "received", "kind": "kind",
               "category": "category", "status": "status", "name": "name", "desa": "desa",
               "due_date": "due date"}


def list_filters(app) -> dict[str, SubmissionFilter]:  # type: ignore[no-untyped-def]
    with unit_of_work(app, write=False) as session:
        clerk = session.scalar(select(func.min(User.id)).where(
            User.username.like("bench-operator-%")))
    return {
        "no filter": SubmissionFilter(),
        "status diverifikasi": SubmissionFilter(status="diverifikasi"),
        "category rtlh": SubmissionFilter(category="rtlh"),
        "kind aduan": SubmissionFilter(kind="aduan"),
        "desa 63.11.07.2003": SubmissionFilter(desa_code="63.11.07.2003"),
        "received in 2024": SubmissionFilter(date_from=date(2024, 1, 1),
                                             date_to=date(2024, 12, 31)),
        "received in March 2025": SubmissionFilter(date_from=date(2025, 3, 1),
                                                   date_to=date(2025, 3, 31)),
        "overdue only": SubmissionFilter(overdue_only=True),
        "entered by me": SubmissionFilter(entered_by_id=clerk),
        "needs check": SubmissionFilter(needs_check=True),
        "search common word 'perihal'": SubmissionFilter(text="perihal"),
        "search rare 'Warga 12345'": SubmissionFilter(text="Warga 12345"),
        "search a NIK prefix '6311071301'": SubmissionFilter(text="6311071301"),
        "status + category (diverifikasi, rtlh)": SubmissionFilter(status="diverifikasi",
                                                                   category="rtlh"),
        "desa + overdue": SubmissionFilter(desa_code="63.11.07.2003", overdue_only=True),
        "'perihal' + status selesai": SubmissionFilter(text="perihal", status="selesai"),
        "overdue + needs check": SubmissionFilter(overdue_only=True, needs_check=True),
        "kind + category + desa": SubmissionFilter(kind="aduan", category="rtlh",
                                                   desa_code="63.11.07.2003"),
    }


def list_cases(app) -> dict[str, tuple[SubmissionFilter, str, bool, int]]:  # type: ignore[no-untyped-def]
    """(filter, sort, descending, page) by label: each filter crossed with each sort, and page
    50 of a few."""
    filters = list_filters(app)
    cases = {}
    for flabel, flt in filters.items():
        for sort, desc in SORTS:
            label = f"{flabel} | by {SORT_LABELS[sort]}{' desc' if desc else ''}"
            cases[label] = (flt, sort, desc, 1)
    for flabel, sort, desc in (("no filter", "received_on", True), ("no filter", "name", False),
                               ("no filter", "due_date", False),
                               ("status diverifikasi", "received_on", True),
                               ("status diverifikasi", "name", False),
                               ("overdue only", "received_on", True),
                               ("overdue only", "name", False),
                               ("category rtlh", "number", False),
                               ("search common word 'perihal'", "received_on", True),
                               ("entered by me", "desa", False)):
        label = f"{flabel} | by {SORT_LABELS[sort]}{' desc' if desc else ''} | page 50"
        cases[label] = (filters[flabel], sort, desc, 50)
    return cases


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=1_000_000)
    parser.add_argument("runs", nargs="?", type=int, default=5)
    parser.add_argument("--stats", action="store_true", help="ANALYZE the database first")
    parser.add_argument("--data", help="keep (or reuse) the filled database in this folder")
    parser.add_argument("--only", action="append",
                        help="only the cases whose label holds this text (may repeat)")
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

        cases = list_cases(app)
        if args.only:
            cases = {k: v for k, v in cases.items() if any(o in k for o in args.only)}
        met = True
        summary = []
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
            ok = compare(label, series["ours"], series["bare"], goal_seconds=0.1)
            met = ok and met
            summary.append((label, series["ours"], series["bare"], ok))
        bare.close()
        app.dispose()
        print(f"\n{'case':<62} {'ours median (min–max)':<24} {'bare':>6} {'ratio':>6}")
        for label, ours_s, bare_s, ok in summary:
            ratio = ours_s.median / bare_s.median if bare_s.median else float("inf")
            print(f"{label:<62} {ours_s.describe():<24} {bare_s.median:6.3f} {ratio:6.1f}"
                  f"{'' if ok else '  NOT met'}")
        print(loads_of(*(x for _, o, b, _ in summary for x in (o, b))))
        print("every list goal met" if met else "some list goals NOT met")
    finally:
        if not args.data:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
