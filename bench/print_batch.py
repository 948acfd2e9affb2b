"""Batch printing: N formulir (one per submission, kop surat, all survey fields) into one PDF,
through the same service the GUI's "Cetak semua (hasil filter)" uses.
Usage: python bench/print_batch.py [N]   (target: 1,000 forms in under 5 s)
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ranking_db import fill  # noqa: E402

from desktop_app.app.demo import demo_profile  # noqa: E402
from desktop_app.core.domain.roles import Role  # noqa: E402
from desktop_app.core.services import office
from desktop_app.core.services.bootstrap import open_app  # noqa: E402
from desktop_app.core.services.context import Actor  # noqa: E402
from desktop_app.intake.services import listing  # noqa: E402
from desktop_app.intake.services import printing as intake_print
from desktop_app.paths import DataPaths  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    tmp = Path(tempfile.mkdtemp(prefix="bench-print-"))
    try:
        app = open_app(DataPaths(tmp), daily_backup=False)
        actor = Actor(None, "bench", "Bench", Role.ADMIN)
        office.save_profile(app, actor, demo_profile())
        fill(app, n)
        ids = listing.filtered_ids(app, actor, None)
        runs = []
        for _ in range(3):
            target = tmp / "formulir.pdf"
            start = time.perf_counter()
            intake_print.print_forms(app, actor, ids, target)
            runs.append(time.perf_counter() - start)
        size = target.stat().st_size / 1e6
        print(f"{len(ids):,} formulir in one PDF ({size:.1f} MB): "
              f"best {min(runs):.2f} s, median {sorted(runs)[1]:.2f} s")
        app.dispose()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
