"""Batch printing: N formulir (one per submission, kop surat, every survey field) into one PDF
through the service the GUI's "Cetak semua (hasil filter)" uses, beside raw reportlab writing
the same text onto the same number of pages with the same embedded font.

    .venv/bin/python bench/print_batch.py [N] [--runs 5]     (default N = 1,000)

The baseline takes the text of every page of our PDF (pypdf) and draws it line by line with
``Canvas.drawString`` in embedded Liberation Sans, one page per page: the work any PDF of that
text costs, without layout, tables or a kop surat.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchkit import alternate, compare, timed  # noqa: E402
from ranking_db import fill  # noqa: E402

from desktop_app.app.demo import demo_profile  # noqa: E402
from desktop_app.core.domain.roles import Role  # noqa: E402
from desktop_app.core.services import office  # noqa: E402
from desktop_app.core.services.bootstrap import open_app  # noqa: E402
from desktop_app.core.services.context import Actor  # noqa: E402
from desktop_app.intake.services import listing  # noqa: E402
from desktop_app.intake.services import printing as intake_print  # noqa: E402
from desktop_app.paths import DataPaths, resource_path  # noqa: E402


def page_texts(pdf: Path) -> list[list[str]]:
    from pypdf import PdfReader

    return [page.extract_text().splitlines() for page in PdfReader(str(pdf)).pages]


def raw_reportlab(target: Path, pages: list[list[str]]) -> None:
    """The baseline: the same lines on the same number of A4 pages, embedded font."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(TTFont("BenchSans", str(resource_path("fonts",
                                                                  "LiberationSans-Regular.ttf"))))
    canvas = Canvas(str(target), pagesize=A4, initialFontName="BenchSans")
    for lines in pages:
        canvas.setFont("BenchSans", 8.5)
        y = A4[1] - 50
        for line in lines:
            canvas.drawString(60, y, line)
            y -= 10.5
        canvas.showPage()
    canvas.save()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-print-"))
    try:
        app = open_app(DataPaths(tmp), daily_backup=False)
        actor = Actor(None, "bench", "Bench", Role.ADMIN)
        office.save_profile(app, actor, demo_profile())
        fill(app, args.n)
        ids = listing.filtered_ids(app, actor, None)
        ours_pdf, raw_pdf = tmp / "formulir.pdf", tmp / "raw.pdf"
        intake_print.print_forms(app, actor, ids, ours_pdf)
        pages = page_texts(ours_pdf)
        series = alternate({
            "print_forms (service, one PDF)":
                lambda: timed(lambda: intake_print.print_forms(app, actor, ids, ours_pdf)),
            "raw reportlab, same text": lambda: timed(lambda: raw_reportlab(raw_pdf, pages)),
        }, args.runs)
        size = ours_pdf.stat().st_size / 1e6
        compare(f"print {len(ids):,} formulir into one PDF ({len(pages):,} pages, {size:.1f} MB)",
                series["print_forms (service, one PDF)"], series["raw reportlab, same text"],
                goal_ratio=2.0)
        app.dispose()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
