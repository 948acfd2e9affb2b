"""Importing an office workbook of N RTLH rows end to end (read with calamine, header and
column matching, the value-mapping scan of every choice column, value coercion and validation,
duplicate guard, one transaction), as the GUI's "Impor Excel…" and `ruko-parsel import` do;
then the same file again (nothing added). Beside it, in the same run: a bare python-calamine
read of the same file (the floor any import stands on).
Usage: python bench/import_rows.py [N]   (target: 10,000 rows in under 5 s)
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop_app.core.domain.roles import Role  # noqa: E402
from desktop_app.core.services import (
    regions,
)
from desktop_app.core.services.bootstrap import open_app  # noqa: E402
from desktop_app.core.services.context import Actor  # noqa: E402
from desktop_app.intake.services import importing  # noqa: E402
from desktop_app.paths import DataPaths  # noqa: E402


def make_workbook(app, path: Path, rows: int) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import Workbook

    rng = random.Random(3)
    desa = [d.name for d in regions.list_desa(app)]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("RTLH")
    ws.append(["DAFTAR USULAN RUMAH TIDAK LAYAK HUNI"])
    ws.append(["TAHUN ANGGARAN 2027"])
    ws.append([])
    ws.append(["No", "Nama KK", "NIK", "DESA/KEL", "RT/RW", "Penghasilan", "Jml Jiwa",
               "Luas Lantai (m2)", "Kondisi Atap", "Kondisi Dinding", "Kondisi Lantai",
               "WC/Jamban", "Sumber Air", "Tanggal"])
    ws.append(list(range(1, 15)))
    written = [lambda d: d, lambda d: d.upper() + " ", lambda d: f"Desa {d}",
               lambda d: d[:-1] if len(d) > 6 else d]  # as offices write desa names
    for i in range(1, rows + 1):
        day = rng.randint(1, 28)
        ws.append([i, f"Kepala Keluarga {i}", f"631107{day:02d}0{rng.randint(1, 9)}8{i:05d}",
                   rng.choice(written)(rng.choice(desa)),
                   f"{rng.randint(1, 12):03d}/{rng.randint(1, 4):03d}",
                   f"Rp {rng.randint(3, 30) * 100_000:,}".replace(",", "."), rng.randint(1, 9),
                   str(rng.randint(18, 70)), rng.choice(["Layak", "RR", "RB", "Rusak berat"]),
                   rng.choice(["Layak", "Rusak sedang", "papan"]),
                   rng.choice(["Tanah", "Papan", "Layak", "RS"]),
                   rng.choice(["Numpang", "Tidak ada", "Jamban sendiri dengan septic tank"]),
                   rng.choice(["PDAM", "Sungai", "Sumur bor"]), f"{day:02d}/10/2026"])
    wb.save(path)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    tmp = Path(tempfile.mkdtemp(prefix="bench-import-"))
    try:
        app = open_app(DataPaths(tmp), daily_backup=False)
        actor = Actor(None, "bench", "Bench", Role.ADMIN)
        path = tmp / "usulan.xlsx"
        make_workbook(app, path, n)
        from python_calamine import CalamineWorkbook

        start = time.perf_counter()
        bare = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
        baseline = time.perf_counter() - start
        start = time.perf_counter()
        prev = importing.preview(app, path)
        questions = prev.questions(prev.suggestion.mapping)
        scanned = time.perf_counter() - start
        result = importing.import_rows(app, actor, prev, prev.suggestion.mapping,
                                       importing.ImportDefaults(), error_dir=tmp)
        first = time.perf_counter() - start
        start = time.perf_counter()
        again = importing.import_file(app, actor, path, error_dir=tmp)
        second = time.perf_counter() - start
        print(f"bare python-calamine read of the same file: {baseline:.2f} s ({len(bare):,} "
              "rows)")
        print(f"read + header + value-mapping scan: {scanned:.2f} s ({len(questions)} distinct "
              f"values to confirm)")
        print(f"import {n:,} rows including that scan: {first:.2f} s (imported "
              f"{result.imported:,}, {result.flagged:,} to check, rejected {result.rejected:,});"
              f" ratio to the bare read {first / baseline:.1f}")
        print(f"same file again: {second:.2f} s (imported {again.imported:,}, skipped "
              f"{again.skipped_existing:,})")
        app.dispose()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
