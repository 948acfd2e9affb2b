"""Ranking N verified RTLH submissions end to end from the database, as the GUI does it:
read values with SQL, check hard rules, rank (SAW and TOPSIS), store the working list, then
the first page of the ranked table and one explanation. Usage: python bench/ranking_db.py [N]
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert  # noqa: E402

from desktop_app.core.domain.roles import Role  # noqa: E402
from desktop_app.core.services import (
    regions,
)
from desktop_app.core.services.bootstrap import open_app  # noqa: E402
from desktop_app.core.services.context import Actor, unit_of_work  # noqa: E402
from desktop_app.intake.domain.submissions import (  # noqa: E402
    MATERIAL_CONDITION,
    TOILET_CHOICES,
    WATER_CHOICES,
)
from desktop_app.intake.models import Submission  # noqa: E402
from desktop_app.paths import DataPaths  # noqa: E402
from desktop_app.ranking.services import ranking


def fill(app, n: int) -> None:  # type: ignore[no-untyped-def]
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
                "description": "", "desa_code": desa[i % len(desa)], "rt": f"{i % 12 + 1}",
                "rw": "1", "household_head": f"Kepala Keluarga {i}",
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


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    tmp = Path(tempfile.mkdtemp(prefix="bench-ranking-"))
    try:
        app = open_app(DataPaths(tmp), daily_backup=False)
        t0 = time.perf_counter()
        fill(app, n)
        print(f"generated {n:,} verified RTLH submissions in {time.perf_counter() - t0:.1f} s")
        actor = Actor(None, "bench", "Bench", Role.ADMIN)
        ranking.active_set(app, actor, "rtlh")
        for method in ("saw", "topsis"):
            t0 = time.perf_counter()
            comp = ranking.compute(app, actor, "rtlh", method)
            t_compute = time.perf_counter() - t0
            t0 = time.perf_counter()
            info = ranking.run_ranking(app, actor, "rtlh", method)
            t_run = time.perf_counter() - t0
            t0 = time.perf_counter()
            source = ranking.RankedPageSource(app, actor, info.id)
            source.count(ranking.EntryFilter())
            rows = source.fetch(ranking.EntryFilter(), "rank", False, 0, 100)
            t_page = time.perf_counter() - t0
            t0 = time.perf_counter()
            source.count(ranking.EntryFilter(desa_code="63.11.07.2003"))
            source.fetch(ranking.EntryFilter(desa_code="63.11.07.2003"), "score", True, 0, 100)
            t_filter = time.perf_counter() - t0
            t0 = time.perf_counter()
            ranking.explain(app, actor, info.id, rows[0].submission_id)
            t_explain = time.perf_counter() - t0
            print(f"{method:6s} ranked {len(comp.result.ids):,} (+{len(comp.ineligible):,} "
                  f"ineligible): compute {t_compute:.2f} s; compute + store list {t_run:.2f} s; "
                  f"first page {t_page:.3f} s; desa filter + sort {t_filter:.3f} s; "
                  f"explain {t_explain:.3f} s")
        app.dispose()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
