"""Pieces the planning printouts share: ordinals, the lampiran heading, totals rows."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle
from reportlab.platypus.tables import CellStyle

from desktop_app.core.domain.formatting import format_date
from desktop_app.core.reports.base import esc, styles
from desktop_app.core.reports.fonts import SANS

ORDINALS = ["KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA", "KEENAM", "KETUJUH",
            "KEDELAPAN", "KESEMBILAN", "KESEPULUH", "KESEBELAS", "KEDUA BELAS"]


def ordinal(i: int) -> str:
    return ORDINALS[i] if i < len(ORDINALS) else f"KE-{i + 1}"


def lampiran_heading(label: str, doc: Any, width: float) -> Table:
    """'LAMPIRAN II BERITA ACARA … NOMOR … TANGGAL …' in the top right corner."""
    s = styles()["small"]
    text = (f"LAMPIRAN {label}<br/>BERITA ACARA MUSRENBANG {esc(doc.level_label.upper())}"
            f"<br/>{esc(doc.region_label.upper())}<br/>NOMOR : {esc(doc.number or '-')}"
            f"<br/>TANGGAL : {esc(format_date(doc.held_on))}")
    table = Table([["", Paragraph(text, s)]], colWidths=[width * 0.5, width * 0.5])
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


class _GridTable(Table):
    """A Table whose plain-text cells go into one text object per drawing (the part of the
    table on one page) instead of one text object per line: the same text at the same
    places, without four thousand text objects for a 500-row lampiran."""

    def draw(self) -> None:
        self._text = self.canv.beginText()
        self._text_font: tuple[str, float, float] | None = None
        super().draw()

    def _drawCell(self, cellval: Any, cellstyle: CellStyle, pos: tuple[float, float],
                  size: tuple[float, float]) -> None:
        if not isinstance(cellval, str) or cellstyle.valign != "TOP" \
                or cellstyle.alignment not in ("LEFT", "RIGHT", "CENTER", "CENTRE"):
            super()._drawCell(cellval, cellstyle, pos, size)
            return
        font = (cellstyle.fontname, cellstyle.fontsize, cellstyle.leading)
        if font != self._text_font:
            self._text.setFont(*font)
            self._text_font = font
        (colpos, rowpos), (colwidth, rowheight) = pos, size
        y = rowpos + rowheight - cellstyle.topPadding - cellstyle.fontsize
        for line in cellval.split("\n"):
            if not line:
                y -= cellstyle.leading
                continue
            if cellstyle.alignment == "LEFT":
                x = colpos + cellstyle.leftPadding
            else:
                width = stringWidth(line, cellstyle.fontname, cellstyle.fontsize)
                x = colpos + colwidth - cellstyle.rightPadding - width \
                    if cellstyle.alignment == "RIGHT" \
                    else colpos + (colwidth + cellstyle.leftPadding - cellstyle.rightPadding
                                   - width) * 0.5
            self._text.setTextOrigin(x, y)
            self._text.textOut(line)
            y -= cellstyle.leading

    def _drawLines(self) -> None:
        self.canv.drawText(self._text)
        super()._drawLines()


def _cell_style(name: str, font: str, size: float, align: str) -> CellStyle:
    style = CellStyle(name)
    style.fontname, style.fontsize, style.leading = font, size, size * 1.22
    style.valign, style.alignment = "TOP", align
    style.leftPadding = style.rightPadding = 3
    style.topPadding, style.bottomPadding = 1.5, 2
    return style


ALIGNMENTS = {"l": "LEFT", "r": "RIGHT", "c": "CENTER"}


def grid(headers: Sequence[str], rows: Sequence[Sequence[Any]], widths: Sequence[float],
         align: str, *, bold_rows: Sequence[int] = (), size: float = 8) -> Table:
    """A bordered table for hundreds of rows: cells are plain strings broken into lines
    beforehand (fast), the header repeats on every page. One cell style per column (and per
    column of a bold row), made once and shared by the column's cells."""
    base = styles()["cell"]
    from reportlab.lib.styles import ParagraphStyle

    head = ParagraphStyle(f"gh{size}", parent=base, fontName=f"{SANS}-Bold", fontSize=size,
                          leading=size * 1.22, alignment=1)
    data: list[list[Any]] = [[Paragraph(esc(h), head) for h in headers]]
    pad = 6
    for row in rows:
        data.append([v if isinstance(v, Flowable) else wrap(v, base.fontName, size,
                                                            widths[j] - pad)
                     for j, v in enumerate(row)])
    header_style = _cell_style("head", SANS, size, "LEFT")
    header_style.fontname, header_style.fontsize, header_style.leading = \
        CellStyle.fontname, CellStyle.fontsize, CellStyle.leading
    body = [_cell_style(f"c{j}", SANS, size, ALIGNMENTS[a]) for j, a in enumerate(align)]
    bold = [_cell_style(f"b{j}", f"{SANS}-Bold", size, ALIGNMENTS[a])
            for j, a in enumerate(align)]
    bold_set = {r + 1 for r in bold_rows}
    cell_styles = [[header_style] * len(headers)] + [
        bold if i in bold_set else body for i in range(1, len(data))]
    # The rows of plain strings are as high as their most lines (what Table would measure
    # again for every remaining row at every page break); the header row it measures.
    heights: list[float | None] = [None]
    for row, style in zip(data[1:], (r[0] for r in cell_styles[1:]), strict=True):
        if not all(isinstance(v, str) for v in row):
            heights.append(None)
            continue
        tallest = max(style.leading * (v.count("\n") + 1) for v in row)
        heights.append(tallest + (style.bottomPadding + style.topPadding))  # as Table sums
    table = _GridTable(data, colWidths=list(widths), rowHeights=heights, repeatRows=1,
                       cellStyles=cell_styles)
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E3E8EF")),
    ]
    for r in bold_set:
        commands.append(("BACKGROUND", (0, r), (-1, r), colors.HexColor("#F3F5F8")))
    table.setStyle(TableStyle(commands))
    return table


@lru_cache(maxsize=16384)
def wrap(value: object, font: str, size: float, width: float) -> str:
    """Text broken into lines that fit ``width``, as one plain string: a table draws plain
    strings straight onto the page, many times faster than Paragraphs (a 500-row lampiran)."""
    from reportlab.lib.utils import simpleSplit

    text = "" if value is None else str(value)
    if "\n" not in text and stringWidth(text, font, size) <= width:
        return text
    lines = []
    for part in text.split("\n"):
        for line in simpleSplit(part, font, size, width) or [""]:
            while stringWidth(line, font, size) > width and len(line) > 1:  # one long token
                cut = len(line) - 1
                while cut > 1 and stringWidth(line[:cut], font, size) > width:
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
            lines.append(line)
    return "\n".join(lines)


def indent(width: float) -> float:
    return min(2.6 * cm, width * 0.18)
