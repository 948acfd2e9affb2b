"""The planning printouts' grid (one text object per page, one cell style per column) puts
the same text at the same places as reportlab's own Table styled cell by cell, the way the
grid was drawn before: wrapped, right-aligned, centred and bold cells, empty cells, pages
split with the header repeated."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from desktop_app.core.reports.base import esc, styles
from desktop_app.core.reports.fonts import SANS
from desktop_app.planning.reports.common import grid, wrap

HEADERS = ["No", "Desa/Kel.", "Usulan kegiatan", "Volume", "Biaya (Rp)", "L/P"]
WIDTHS = [0.8 * cm, 2.2 * cm, 6.5 * cm, 2.2 * cm, 2.6 * cm, 1.0 * cm]
ALIGN = "rlllrc"


def _rows() -> list[list[str]]:
    rows = []
    for i in range(1, 181):
        work = ("Rabat beton jalan lingkungan RT 3 menuju sekolah dasar dan musala, "
                "lanjutan tahun lalu" if i % 4 == 0 else f"Drainase U-ditch RT {i % 12}")
        rows.append([str(i), "Desa Halubau Utara" if i % 3 else "Inan", work,
                     "" if i % 7 == 0 else f"{i * 3} m", f"{i * 1_250_000:,}".replace(",", "."),
                     "L" if i % 2 else "P"])
    rows.append(["", "", "Jumlah", "", "999.999.999", ""])
    return rows


def _reference(rows: list[list[str]], bold: int, size: float = 8) -> Table:
    """The grid as it was drawn before: reportlab's Table, styled cell by cell."""
    base = styles()["cell"]
    head = ParagraphStyle("ref", parent=base, fontName=f"{SANS}-Bold", fontSize=size,
                          leading=size * 1.22, alignment=1)
    data = [[Paragraph(esc(h), head) for h in HEADERS]] + [
        [wrap(v, base.fontName, size, WIDTHS[j] - 6) for j, v in enumerate(row)]
        for row in rows]
    table = Table(data, colWidths=WIDTHS, repeatRows=1)
    commands = [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("FONTNAME", (0, 1), (-1, -1), SANS), ("FONTSIZE", (0, 1), (-1, -1), size),
                ("LEADING", (0, 1), (-1, -1), size * 1.22),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E3E8EF")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("FONTNAME", (0, bold + 1), (-1, bold + 1), f"{SANS}-Bold"),
                ("BACKGROUND", (0, bold + 1), (-1, bold + 1), colors.HexColor("#F3F5F8"))]
    for j, a in enumerate(ALIGN):
        if a != "l":
            commands.append(("ALIGN", (j, 1), (j, -1), "RIGHT" if a == "r" else "CENTER"))
    table.setStyle(TableStyle(commands))
    return table


def _placed(path: Path) -> list[dict[tuple[float, float], list[tuple[str, bytes]]]]:
    """Each page's text runs: where each run starts (after the page's transformations) and
    what it shows in which font, read from the content stream's operators."""
    reader = PdfReader(str(path))
    pages = []
    for page in reader.pages:
        fonts = {name: str(font.get_object()["/BaseFont"])
                 for name, font in page["/Resources"]["/Font"].items()}
        runs: dict[tuple[float, float], list[tuple[str, bytes]]] = {}
        stack, ctm, font, at = [], (0.0, 0.0), "", (0.0, 0.0)
        for operands, op in ContentStream(page.get_contents(), reader).operations:
            if op == b"q":
                stack.append(ctm)
            elif op == b"Q":
                ctm = stack.pop()
            elif op == b"cm":
                ctm = (ctm[0] + float(operands[4]), ctm[1] + float(operands[5]))
            elif op == b"Tf":
                font = fonts[operands[0]]
            elif op == b"Tm":
                at = (round(ctm[0] + float(operands[4]), 2), round(ctm[1] + float(operands[5]), 2))
            elif op == b"Tj" and bytes(operands[0].get_original_bytes()):
                runs.setdefault(at, []).append((font, bytes(operands[0].get_original_bytes())))
        pages.append(runs)
    return pages


def test_grid_places_the_same_text_as_a_table_styled_cell_by_cell(tmp_path):
    rows = _rows()
    bold = len(rows) - 1
    ours, before = tmp_path / "grid.pdf", tmp_path / "table.pdf"
    SimpleDocTemplate(str(ours), pagesize=A4).build(
        [grid(HEADERS, rows, WIDTHS, ALIGN, bold_rows=[bold])])
    SimpleDocTemplate(str(before), pagesize=A4).build([_reference(rows, bold)])
    placed, expected = _placed(ours), _placed(before)
    assert len(expected) >= 3 and sum(len(p) for p in expected) > 6 * len(rows)
    assert placed == expected
    texts = [" ".join(p.extract_text().split()) for p in PdfReader(str(ours)).pages]
    assert all("Usulan kegiatan" in t for t in texts)  # the header on every page
    assert "Rabat beton jalan lingkungan RT 3 menuju" in texts[0]  # a wrapped cell
    bold_fonts = {f for runs in placed[-1].values() for f, _b in runs if "Bold" in f}
    assert bold_fonts  # the totals row in bold
