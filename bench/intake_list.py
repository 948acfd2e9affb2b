"""The submissions list on 1,000,000 records: first page, a new filter, a new sort, through the
same PageSource the GUI uses (SQL WHERE / ORDER BY / LIMIT). Usage: python bench/intake_list.py [N]
"""

from __future__ import annotations

import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, insert, select  # noqa: E402

from desktop_app.core.domain.roles import Role  # noqa: E402
from desktop_app.core.services import (
    regions,
)
from desktop_app.core.services.bootstrap import open_app  # noqa: E402
from desktop_app.core.services.context import Actor, unit_of_work  # noqa: E402
from desktop_app.intake.domain.search import terms_for  # noqa: E402
from desktop_app.intake.models import Submission, SubmissionTerm  # noqa: E402
from desktop_app.intake.services.listing import SubmissionFilter, SubmissionPageSource  # noqa: E402
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
    with app.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")


def _flush(session, batch: list, first_id: int) -> None:  # type: ignore[no-untyped-def]
    """Insert a batch with explicit ids, and its search terms as the service would."""
    for offset, row in enumerate(batch):
        row["id"] = first_id + offset
    session.execute(insert(Submission), batch)
    session.execute(insert(SubmissionTerm), [
        {"term": t, "submission_id": row["id"]} for row in batch for t in terms_for(row)])
    batch.clear()


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    tmp = Path(tempfile.mkdtemp(prefix="bench-intake-"))
    try:
        app = open_app(DataPaths(tmp), daily_backup=False)
        t = timed(lambda: fill(app, n))
        print(f"generated {n:,} submissions in {t:.1f} s")
        actor = Actor(None, "bench", "Bench", Role.ADMIN)
        cases = {
            "first page (count + 100 rows, newest first)": (SubmissionFilter(), "received_on", True),
            "filter status=diverifikasi + category=rtlh": (
                SubmissionFilter(status="diverifikasi", category="rtlh"), "received_on", True),
            "filter desa + overdue": (SubmissionFilter(desa_code="63.11.07.2003",
                                                       overdue_only=True), "received_on", True),
            "sort by name": (SubmissionFilter(), "name", False),
            "sort by due date": (SubmissionFilter(), "due_date", False),
            "search text 'Warga 12345'": (SubmissionFilter(text="Warga 12345"), "received_on",
                                          True),
            "search a NIK prefix '6311071501'": (SubmissionFilter(text="6311071501"),
                                                 "received_on", True),
            "search one common word 'perihal'": (SubmissionFilter(text="perihal"),
                                                 "received_on", True),
        }
        for label, (flt, sort, desc) in cases.items():
            runs = []
            for _ in range(3):
                source = SubmissionPageSource(app, actor)

                def page(source=source, flt=flt, sort=sort, desc=desc) -> None:
                    source.count(flt)
                    source.fetch(flt, sort, desc, 0, 100)

                runs.append(timed(page))
            print(f"{label:50s} median {statistics.median(runs):.3f} s")
        app.dispose()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
