"""Importing an office workbook of N RTLH rows end to end (read with calamine, header and
column matching, value coercion and validation, duplicate guard, one transaction), as the GUI's
"Impor Excel…" and `ruko-parsel import` do; then the same file again (nothing added).
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
    ws.append(["No", "Nama KK", "NIK", "Desa", "RT/RW", "Penghasilan", "Jml Jiwa",
               "Luas Lantai (m2)", "Kondisi Atap", "Kondisi Dinding", "Tanggal"])
    ws.append(list(range(1, 12)))
    for i in range(1, rows + 1):
        day = rng.randint(1, 28)
        ws.append([i, f"Kepala Keluarga {i}", f"631107{day:02d}0{rng.randint(1, 9)}8{i:05d}",
                   rng.choice(desa), f"{rng.randint(1, 12):03d}/{rng.randint(1, 4):03d}",
                   f"Rp {rng.randint(3, 30) * 100_000:,}".replace(",", "."), rng.randint(1, 9),
                   str(rng.randint(18, 70)), rng.choice(["Layak", "Rusak ringan", "Rusak berat"]),
                   rng.choice(["Layak", "Rusak sedang"]), f"{day:02d}/10/2026"])
    wb.save(path)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    tmp = Path(tempfile.mkdtemp(prefix="bench-import-"))
    try:
        app = open_app(DataPaths(tmp), daily_backup=False)
        actor = Actor(None, "bench", "Bench", Role.ADMIN)
        path = tmp / "usulan.xlsx"
        make_workbook(app, path, n)
        start = time.perf_counter()
        result = importing.import_file(app, actor, path, error_dir=tmp)
        first = time.perf_counter() - start
        start = time.perf_counter()
        again = importing.import_file(app, actor, path, error_dir=tmp)
        second = time.perf_counter() - start
        print(f"import {n:,} rows: {first:.2f} s (imported {result.imported:,}, rejected "
              f"{result.rejected:,}); same file again: {second:.2f} s (imported "
              f"{again.imported:,}, skipped {again.skipped_existing:,})")
        app.dispose()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
