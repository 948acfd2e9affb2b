"""Pieces the planning printouts share: ordinals, the lampiran heading, totals rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

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


def grid(headers: Sequence[str], rows: Sequence[Sequence[Any]], widths: Sequence[float],
         align: str, *, bold_rows: Sequence[int] = (), size: float = 8) -> Table:
    """A bordered table for hundreds of rows: cells are plain strings broken into lines
    beforehand (fast), the header repeats on every page."""
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
    table = Table(data, colWidths=list(widths), repeatRows=1)
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("FONTNAME", (0, 1), (-1, -1), SANS),
        ("FONTSIZE", (0, 1), (-1, -1), size),
        ("LEADING", (0, 1), (-1, -1), size * 1.22),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E3E8EF")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for j, a in enumerate(align):
        if a != "l":
            commands.append(("ALIGN", (j, 1), (j, -1), "RIGHT" if a == "r" else "CENTER"))
    for r in bold_rows:
        commands.append(("FONTNAME", (0, r + 1), (-1, r + 1), f"{SANS}-Bold"))
        commands.append(("BACKGROUND", (0, r + 1), (-1, r + 1), colors.HexColor("#F3F5F8")))
    table.setStyle(TableStyle(commands))
    return table


def wrap(value: object, font: str, size: float, width: float) -> str:
    """Text broken into lines that fit ``width``, as one plain string: a table draws plain
    strings straight onto the page, many times faster than Paragraphs (a 500-row lampiran)."""
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfbase.pdfmetrics import stringWidth

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
