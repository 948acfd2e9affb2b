"""Export N submissions to xlsx (54 columns) through the service the GUI's "Ekspor Excel…"
uses, beside the bare writers writing the same cells in the same run: openpyxl write-only
(``ws.append``) and xlsxwriter constant-memory (``ws.write_row``).

    .venv/bin/python bench/export_xlsx.py [N] [--runs 3]     (default N = 100,000)

The cells of the baselines are those of our own file read back (python-calamine), title rows
and header included, empty cells left empty. Ours also reads the records from the database,
names the desa and categories and masks nothing (an admin exports).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchkit import Series, alternate, compare, timed  # noqa: E402
from ranking_db import fill  # noqa: E402

from desktop_app.app.demo import demo_profile  # noqa: E402
from desktop_app.core.domain.roles import Role  # noqa: E402
from desktop_app.core.services import office  # noqa: E402
from desktop_app.core.services.bootstrap import open_app  # noqa: E402
from desktop_app.core.services.context import Actor  # noqa: E402
from desktop_app.intake.services.exporting import export_submissions  # noqa: E402
from desktop_app.paths import DataPaths  # noqa: E402


def add_text(app) -> None:  # type: ignore[no-untyped-def]
    """What an office's records carry besides the survey: NIKs, addresses, a description."""
    with app.engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE submissions SET nik = '631107' || substr('0000000000' || id, -10), "
            "reporter_nik = '631107' || substr('0000000000' || (id + 7), -10), "
            "address = 'Jl. Inan Gang ' || (id % 40) || ' No. ' || (id % 97), "
            "reporter_phone = '0812' || substr('00000000' || id, -8), "
            "description = 'Rumah papan, atap bocor, lantai tanah; ' || subject, "
            "due_date = received_on")


def read_cells(path: Path) -> list[list[object]]:
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    return [[None if v == "" else v for v in row] for row in rows]


def bare_openpyxl(target: Path, cells: list[list[object]]) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Data")
    for row in cells:
        ws.append(row)
    wb.save(target)


def bare_xlsxwriter(target: Path, cells: list[list[object]]) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(target), {"constant_memory": True})
    ws = book.add_worksheet("Data")
    for r, row in enumerate(cells):
        ws.write_row(r, 0, row)
    book.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-export-"))
    try:
        app = open_app(DataPaths(tmp), daily_backup=False)
        actor = Actor(None, "bench", "Bench", Role.ADMIN)
        office.save_profile(app, actor, demo_profile())
        fill(app, args.n)
        add_text(app)
        ours_file = tmp / "ekspor.xlsx"
        export_submissions(app, actor, None, ours_file)
        cells = read_cells(ours_file)
        filled = sum(v is not None for row in cells for v in row)
        series = alternate({
            "export_submissions (service)":
                lambda: timed(lambda: export_submissions(app, actor, None, ours_file)),
            "xlsxwriter write_row": lambda: timed(lambda: bare_xlsxwriter(tmp / "x.xlsx", cells)),
            "openpyxl write-only": lambda: timed(lambda: bare_openpyxl(tmp / "o.xlsx", cells)),
        }, args.runs, warmup=False)
        ours: Series = series["export_submissions (service)"]
        title = (f"export {args.n:,} submissions to xlsx ({len(cells[-1])} columns, "
                 f"{filled:,} cells)")
        compare(title, ours, series["xlsxwriter write_row"], goal_ratio=1.3)
        compare(title + " beside openpyxl", ours, series["openpyxl write-only"])
        app.dispose()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
