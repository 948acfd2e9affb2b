"""The text of a PDF's pages as it lies on the paper: characters grouped into lines by their
baseline and read left to right, whatever order they were drawn in (a label drawn once as a
form XObject and its value drawn per record still read as one line). PDFium (pypdfium2, a
dependency of the print preview) does the reading, form XObjects included."""

from __future__ import annotations

import ctypes
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

SAME_LINE = 2.5  # points between baselines still read as one line
WORD_GAP = 1.2  # points between two glyphs read as a space


def page_lines(pdf: Path) -> list[str]:
    """One string per page: its lines joined by newlines, words by single spaces."""
    x, y = ctypes.c_double(), ctypes.c_double()
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    pages: list[str] = []
    document = pdfium.PdfDocument(str(pdf))
    try:
        for page in document:
            textpage = page.get_textpage()
            count = textpage.count_chars()
            chars = []
            for i, char in enumerate(textpage.get_text_range(0, count)):
                if char.isspace():
                    continue
                pdfium_c.FPDFText_GetCharOrigin(textpage, i, x, y)
                pdfium_c.FPDFText_GetCharBox(textpage, i, left, right, bottom, top)
                chars.append((-y.value, x.value, right.value, char))
            lines: list[list[tuple[float, float, float, str]]] = []
            for glyph in sorted(chars):
                if lines and abs(glyph[0] - lines[-1][-1][0]) < SAME_LINE:
                    lines[-1].append(glyph)
                else:
                    lines.append([glyph])
            rendered = []
            for line in lines:
                text, previous_right = "", None
                for _, start, end, char in sorted(line, key=lambda g: g[1]):
                    if previous_right is not None and start - previous_right > WORD_GAP:
                        text += " "
                    text, previous_right = text + char, end
                rendered.append(text)
            pages.append("\n".join(rendered))
            textpage.close()
            page.close()
    finally:
        document.close()
    return pages
