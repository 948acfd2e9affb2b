"""Importing an office workbook of N RTLH rows end to end (read with calamine, header and
column matching, the value-mapping scan of every choice column, value coercion and validation,
duplicate guard, numbers, timeline, search terms and one audit row per record), as the GUI's
"Impor Excel…" and `ruko-parsel import` do; then the same file again (every row skipped).
Beside it, in the same run and interleaved: a bare python-calamine read of the same file (the
floor any import stands on), and the bare library work of the whole import: that read plus the
rows our import wrote (records, search terms, timeline, audit trail, counters), written again by
the bare sqlite3 module into a copy of the same empty database (same tables, indexes and
pragmas) in one transaction, and the cells of the report workbook it wrote (the rows refused and
the rows to check) written by bare xlsxwriter.

    .venv/bin/python bench/import_rows.py [N ...] [--runs 3] [--profile]

Default N: 10,000 and 100,000. Each run of ours imports into a fresh database; the re-import
runs on the database the last import filled: the same file (recognised whole, not read again),
then the rows in a changed file (read, every row recognised by its key). Goals (issue 14):
≥ 20,000 rows/s or ≤ 2.5× the bare read; re-import of 100,000 rows ≤ 2 s; 10,000 rows including
the scan < 5 s (issue 12).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchkit import Series, alternate, compare, single  # noqa: E402

from desktop_app.core.domain.roles import Role  # noqa: E402
from desktop_app.core.services import regions  # noqa: E402
from desktop_app.core.services.bootstrap import open_app  # noqa: E402
from desktop_app.core.services.context import Actor  # noqa: E402
from desktop_app.db.engine import SQLITE_CACHE_KIB  # noqa: E402
from desktop_app.intake.services import importing  # noqa: E402
from desktop_app.paths import DataPaths  # noqa: E402

ACTOR = Actor(None, "bench", "Bench", Role.ADMIN)


def make_workbook(desa: list[str], path: Path, rows: int) -> None:
    """A hand-kept office sheet: title rows, a column-number row, office words for choices,
    desa written with prefixes, in capitals, misspelt."""
    from openpyxl import Workbook

    rng = random.Random(3)
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
        nik = f"631107{day:02d}0{rng.randint(1, 9)}8{i % 100_000:05d}"  # 16 digits
        ws.append([i, f"Kepala Keluarga {i}", nik,
                   rng.choice(written)(rng.choice(desa)),
                   f"{rng.randint(1, 12):03d}/{rng.randint(1, 4):03d}",
                   f"Rp {rng.randint(3, 30) * 100_000:,}".replace(",", "."), rng.randint(1, 9),
                   str(rng.randint(18, 70)), rng.choice(["Layak", "RR", "RB", "Rusak berat"]),
                   rng.choice(["Layak", "Rusak sedang", "papan"]),
                   rng.choice(["Tanah", "Papan", "Layak", "RS"]),
                   rng.choice(["Numpang", "Tidak ada", "Jamban sendiri dengan septic tank"]),
                   rng.choice(["PDAM", "Sungai", "Sumur bor"]), f"{day:02d}/10/2026"])
    wb.save(path)


class Bench:
    def __init__(self, root: Path, n: int, desa: list[str]) -> None:
        self.root, self.n, self.runs, self.desa, self.extra = root, n, 0, desa, 0
        self.path = root / f"usulan-{n}.xlsx"
        self.last: tuple[object, Path] | None = None
        self.result: importing.ImportResult | None = None
        # CPU seconds of every thread of this process, per run: what a quiet machine's wall
        # time would be (the import saves on a second thread while it checks).
        self.cpu: dict[str, Series] = {"import": Series("import CPU"),
                                       "bare": Series("bare read CPU"),
                                       "floor": Series("bare read and write CPU")}
        # The rows the first import added, per table (read after it, untimed), and a copy of the
        # empty database they were added to: what the bare write of ``floor`` replays.
        self.written: dict[str, tuple[str, list[tuple[object, ...]]]] = {}
        self.empty = root / f"empty-{n}.sqlite3"
        self.report: list[tuple[str, list[list[object]]]] = []

    def close(self) -> None:
        if self.last is not None:
            app, folder = self.last
            app.dispose()  # type: ignore[attr-defined]
            shutil.rmtree(folder, ignore_errors=True)
            self.last = None

    def fresh_app(self):  # type: ignore[no-untyped-def]
        self.close()
        self.runs += 1
        folder = self.root / f"db-{self.n}-{self.runs}"
        paths = DataPaths(folder)
        app = open_app(paths, daily_backup=False)
        if not self.empty.exists():
            with sqlite3.connect(paths.database) as source, \
                    sqlite3.connect(self.empty) as copy:
                source.backup(copy)
        self.last = (app, folder)
        return app

    def keep_written(self) -> None:
        """The rows the import added to each table (those not in the empty database), and the
        cells of the report workbook it wrote (rows refused and rows to check)."""
        assert self.last is not None and self.result is not None
        if self.result.error_workbook is not None:
            from python_calamine import CalamineWorkbook

            book = CalamineWorkbook.from_path(str(self.result.error_workbook))
            self.report = [(name, book.get_sheet_by_name(name).to_python())
                           for name in book.sheet_names]
        database = DataPaths(self.last[1]).database
        with sqlite3.connect(self.empty) as empty, sqlite3.connect(database) as full:
            tables = [name for (name,) in full.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%'")]
            for table in tables:
                before = {row for row in empty.execute(f'SELECT * FROM "{table}"')}
                added = [row for row in full.execute(f'SELECT * FROM "{table}"')
                         if row not in before]
                if added:
                    marks = ", ".join("?" * len(added[0]))
                    # a row the import changed (a counter, the chain's head) is replaced
                    keys = {row[0] for row in before}
                    verb = "INSERT OR REPLACE" if any(row[0] in keys for row in added) \
                        else "INSERT"
                    self.written[table] = (f'{verb} INTO "{table}" VALUES ({marks})', added)

    def floor(self) -> float:
        """The bare library work of the import: the calamine read, the rows the import wrote
        inserted by sqlite3's ``executemany`` into a copy of the empty database (same schema,
        indexes and pragmas), committed once, and the report's cells written by xlsxwriter."""
        copy = self.root / f"floor-{self.n}.sqlite3"
        for leftover in (copy, copy.with_name(copy.name + "-wal")):
            leftover.unlink(missing_ok=True)
        shutil.copyfile(self.empty, copy)
        start, cpu = time.perf_counter(), time.process_time()
        from python_calamine import CalamineWorkbook

        CalamineWorkbook.from_path(str(self.path)).get_sheet_by_index(0).to_python()
        connection = sqlite3.connect(copy, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=FULL")
        connection.execute(f"PRAGMA cache_size={SQLITE_CACHE_KIB}")  # as the app's connections
        connection.execute("BEGIN")
        for statement, rows in self.written.values():
            connection.executemany(statement, rows)
        connection.execute("COMMIT")
        if self.report:
            import xlsxwriter

            book = xlsxwriter.Workbook(str(self.root / f"floor-{self.n}.xlsx"))
            for name, cells in self.report:
                sheet = book.add_worksheet(name)
                for r, row in enumerate(cells):
                    sheet.write_row(r, 0, row)
            book.close()
        seconds = time.perf_counter() - start
        self.cpu["floor"].add(time.process_time() - cpu)
        connection.close()
        return seconds

    def ours(self) -> float:
        app = self.fresh_app()
        start, cpu = time.perf_counter(), time.process_time()
        prev = importing.preview(app, self.path)
        prev.questions(prev.suggestion.mapping)  # the value-mapping step's scan
        self.result = importing.import_rows(app, ACTOR, prev, prev.suggestion.mapping,
                                            importing.ImportDefaults(), error_dir=self.root)
        self.cpu["import"].add(time.process_time() - cpu)
        seconds = time.perf_counter() - start
        if not self.written:
            self.keep_written()
        return seconds

    def again(self) -> float:
        assert self.last is not None
        start = time.perf_counter()
        result = importing.import_file(self.last[0], ACTOR, self.path,  # type: ignore[arg-type]
                                       error_dir=self.root)
        seconds = time.perf_counter() - start
        assert result.imported == 0 and result.already, result.summary()  # not read again
        return seconds

    def changed(self) -> float:
        """The same rows in a file that is not byte-identical (rows added at the end): the file
        is read and every known row recognised by its key."""
        assert self.last is not None
        self.extra += 1
        changed = self.root / f"usulan-{self.n}-plus-{self.extra}.xlsx"
        make_workbook(self.desa, changed, self.n + self.extra)  # the same first n rows
        start = time.perf_counter()
        result = importing.import_file(self.last[0], ACTOR, changed,  # type: ignore[arg-type]
                                       error_dir=self.root)
        seconds = time.perf_counter() - start
        assert result.skipped_existing >= self.n and not result.already, result.summary()
        return seconds

    def baseline(self) -> float:
        from python_calamine import CalamineWorkbook

        start, cpu = time.perf_counter(), time.process_time()
        CalamineWorkbook.from_path(str(self.path)).get_sheet_by_index(0).to_python()
        self.cpu["bare"].add(time.process_time() - cpu)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true",
                        help="one import under cProfile (top 30 by cumulative time) instead")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench-import-"))
    ok = True
    try:
        app = open_app(DataPaths(root / "names"), daily_backup=False)
        desa = [d.name for d in regions.list_desa(app)]
        app.dispose()
        for n in args.sizes:
            bench = Bench(root, n, desa)
            make_workbook(desa, bench.path, n)
            if args.profile:
                import cProfile
                import pstats

                profiler = cProfile.Profile()
                profiler.runcall(bench.ours)
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
                profiler = cProfile.Profile()
                profiler.runcall(bench.again)
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(20)
                bench.close()
                continue
            series = alternate({"import": bench.ours, "bare": bench.baseline,
                                "floor": bench.floor}, args.runs, warmup=False)
            ours, bare, floor = series["import"], series["bare"], series["floor"]
            ours.label = f"import ({n / ours.median:,.0f} rows/s)"
            bare.label = f"calamine to_python ({n / bare.median:,.0f} rows/s)"
            result = bench.result
            assert result is not None
            ok &= compare(f"import {n:,} office rows (imported {result.imported:,}, "
                          f"{result.flagged:,} to check, rejected {result.rejected:,})",
                          ours, bare, goal_ratio=2.5) or n / ours.median >= 20_000
            floor.label = (f"read, sqlite3 {sum(len(r) for _, r in bench.written.values()):,} "
                           f"rows, xlsxwriter {sum(len(c) for _, c in bench.report):,}")
            compare(f"import {n:,} office rows beside the bare library work of the same import",
                    ours, floor)
            mine, base, whole = (bench.cpu[key] for key in ("import", "bare", "floor"))
            print(f"    CPU seconds: ours {mine.describe()}, bare read {base.describe()} "
                  f"(ratio {mine.median / base.median:.1f}), bare read and write "
                  f"{whole.describe()} (ratio {mine.median / whole.median:.2f})")
            again = Series("re-import, every row skipped")
            for _ in range(args.runs):
                again.add(bench.again())
            ok &= single(f"re-import of the same {n:,}-row file (recognised whole)", again,
                         goal_seconds=2.0 * n / 100_000)
            changed = Series("re-import, file changed")
            for _ in range(args.runs):
                changed.add(bench.changed())
            single(f"re-import of the {n:,} rows plus one, in another file (each row "
                   "recognised by its key; reading the file alone takes the bare figure above)",
                   changed)
            bench.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    if not args.profile:
        print("all goals met" if ok else "some goals NOT met")


if __name__ == "__main__":
    main()
