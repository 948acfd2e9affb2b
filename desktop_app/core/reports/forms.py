"""Form pieces for printouts made by the thousand (the formulir of a batch).

A batch of a thousand forms repeats the same labels, headings, titles and boxes on every
page; only the values change. So what is the same is drawn **once per PDF** as a form XObject
(a *stamp*) and placed again on each page with one operator, and the values are plain canvas
text: no Paragraph markup parsing, no Table layout. The pages look and read exactly as they
did when built from Paragraphs and Tables (``tests/intake/services/test_print_pages.py``).
Fonts are TrueType subsets embedded once per PDF; images (the kop surat's logo) sit inside the
stamp that uses them, so they are stored once.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Hashable, Sequence
from functools import cache, lru_cache
from typing import Any

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

STAMP_MARGIN = 20.0  # room around a stamp's box for underlines and descenders


_STAMP_NAMES: dict[Hashable, str] = {}


def stamp(canvas: Canvas, key: Hashable, width: float, height: float,
          draw: Callable[[Canvas], None]) -> None:
    """Place the drawing ``draw`` makes at the canvas origin; it is recorded the first time
    a key is seen in this PDF (as a form XObject) and only referenced afterwards."""
    name = _STAMP_NAMES.get(key)
    if name is None:  # one name per key for the life of the process
        name = _STAMP_NAMES.setdefault(key, f"st{len(_STAMP_NAMES)}")
    if not canvas.hasForm(name):
        canvas.beginForm(name, lowerx=-STAMP_MARGIN, lowery=-STAMP_MARGIN,
                         upperx=width + STAMP_MARGIN, uppery=height + STAMP_MARGIN)
        draw(canvas)
        canvas.endForm()
    canvas.doForm(name)


def stamp_string(canvas: Canvas, x: float, y: float, text: str, font: str, size: float,
                 align: str = "left") -> None:
    """One line of text in its own stamp (a page footer repeated on every page)."""
    width = stringWidth(text, font, size)
    shift = {"left": 0.0, "right": width, "center": width / 2}[align]

    def draw(c: Canvas) -> None:
        c.setFont(font, size)
        c.drawString(0, 0, text)

    canvas.saveState()
    canvas.translate(x - shift, y)
    stamp(canvas, ("string", font, size, text), width, size, draw)
    canvas.restoreState()


class Stamped(Flowable):
    """A flowable that is the same on every document of a batch (a form's title), laid out
    once per key and drawn once per PDF."""

    # (key, width) → (width, height, space before, space after), shared by every instance
    _layouts: dict[Hashable, tuple[float, float, float, float]] = {}

    def __init__(self, key: Hashable, make: Callable[[], Flowable]) -> None:
        super().__init__()
        self.key, self.make = key, make
        self._inner: Flowable | None = None
        self._avail = 0.0

    def _flowable(self) -> Flowable:
        if self._inner is None:
            self._inner = self.make()
        return self._inner

    def _layout(self, avail_width: float, avail_height: float) -> tuple[float, ...]:
        key = (self.key, round(avail_width, 2))
        if key not in self._layouts:
            inner = self._flowable()
            w, h = inner.wrap(avail_width, avail_height)
            self._layouts[key] = (w, h, inner.getSpaceBefore(), inner.getSpaceAfter())
        return self._layouts[key]

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height, _before, _after = self._layout(avail_width, avail_height)
        self._avail = avail_width
        return self.width, self.height

    def getSpaceBefore(self) -> float:  # noqa: N802 - reportlab API
        return float(self._layout(self._avail, 1e6)[2]) if self._avail else \
            float(self._flowable().getSpaceBefore())

    def getSpaceAfter(self) -> float:  # noqa: N802 - reportlab API
        return float(self._layout(self._avail, 1e6)[3]) if self._avail else \
            float(self._flowable().getSpaceAfter())

    def draw(self) -> None:
        def record(canvas: Canvas) -> None:
            inner = self._flowable()
            inner.wrapOn(canvas, self._avail, self.height)
            inner.drawOn(canvas, 0, 0)

        stamp(self.canv, (self.key, round(self._avail, 2)), self.width, self.height, record)


@cache
def _frag(style: ParagraphStyle, bold: bool, kind: str) -> Any:
    """The fragment reportlab's parser makes for plain text (or a line break) in ``style``."""
    from reportlab.platypus.paraparser import ParaParser

    sample = {"text": "x", "br": "x<br/>x"}[kind]
    _style, frags, _bullet = ParaParser().parse(f"<b>{sample}</b>" if bold else sample, style)
    return frags[1] if kind == "br" else frags[0]


def plain_para(text: object, style: ParagraphStyle, bold: bool = False) -> Paragraph:
    """A Paragraph of plain text (no markup): the same lines and look as
    ``Paragraph(esc(text), style)`` (in bold as ``<b>…</b>``) without parsing markup, which
    is most of a Paragraph's cost."""
    value = ("" if text is None else str(text)).strip()
    frags: list[Any] = []
    for n, line in enumerate(value.split("\n")):
        if n:
            frags.append(copy.copy(_frag(style, bold, "br")))
        frag = copy.copy(_frag(style, bold, "text"))
        frag.text = line
        frags.append(frag)
    return Paragraph(value, style, frags=frags)


class TextLine(Flowable):
    """One line of plain text in one font (headings, captions): cheaper than a Paragraph,
    placed as a one-line Paragraph of the same style would be. ``static`` text (a heading) is
    stamped once per PDF."""

    def __init__(self, text: str, font: str, size: float, leading: float,
                 space_before: float = 0, space_after: float = 0, *, center: bool = False,
                 static: bool = False) -> None:
        super().__init__()
        self.text, self.font, self.size, self.leading = text, font, size, leading
        self.spaceBefore, self.spaceAfter = space_before, space_after
        self.center, self.static = center, static

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.leading

    def _draw_text(self, canvas: Canvas) -> None:
        canvas.setFont(self.font, self.size)
        x = 0.0
        if self.center:
            x = (self.width - stringWidth(self.text, self.font, self.size)) / 2
        canvas.drawString(x, self.leading - self.size, self.text)

    def draw(self) -> None:
        if self.static:
            key = ("line", self.text, self.font, self.size, self.leading, self.center,
                   round(self.width, 2))
            stamp(self.canv, key, self.width, self.leading, self._draw_text)
        else:
            self._draw_text(self.canv)


def one_line(text: object, style: ParagraphStyle, width: float, *, bold: bool = False,
             static: bool = False) -> Flowable:
    """A TextLine when ``text`` fits on one line of ``width`` in ``style`` (left or centred;
    a justified paragraph's single line is left-aligned), else a plain Paragraph; both look
    the same."""
    value = "" if text is None else str(text).strip()
    font = _frag(style, bold, "text").fontName
    if value and "\n" not in value and stringWidth(value, font, style.fontSize) <= width:
        return TextLine(value, font, style.fontSize, style.leading, style.spaceBefore,
                        style.spaceAfter, center=style.alignment == TA_CENTER, static=static)
    return plain_para(value, style, bold)


def heading_line(text: str, width: float) -> Flowable:
    """A bold section heading ('A. Pelapor / Pengusul'), stamped; wraps when too long."""
    from desktop_app.core.reports.base import styles

    return one_line(text, styles()["heading"], width, static=True)


def fit_cell(text: object, style: ParagraphStyle, width: float) -> Any:
    """A plain string when the text fits on one line of ``width``, else a wrapping Paragraph.

    Table cells holding strings are drawn directly by the canvas, ten times faster than
    Paragraphs."""
    value = "" if text is None else str(text)
    if "\n" not in value and stringWidth(value, style.fontName, style.fontSize) <= width:
        return value
    return plain_para(value, style)


ELLIPSIS = "…"
GRID_MAX_LINES = 8  # a value of a 'Label : value' grid; longer ones are cut with '…'


def wrap_lines(text: str, font: str, size: float, room: float) -> list[str]:
    """``text`` broken into lines no wider than ``room``: at spaces, and inside a word that
    alone is wider (a pasted run of 300 letters must not run off the page)."""
    from reportlab.lib.utils import simpleSplit

    out: list[str] = []
    for line in simpleSplit(text, font, size, room):
        while stringWidth(line, font, size) > room and len(line) > 1:
            cut = len(line) - 1
            while cut > 1 and stringWidth(line[:cut], font, size) > room:
                cut = max(1, min(cut - 1, int(cut * room / stringWidth(line[:cut], font,
                                                                        size))))
            out.append(line[:cut])
            line = line[cut:]
        out.append(line)
    return out


def clip_lines(text: str, font: str, size: float, room: float,
               max_lines: int) -> list[str]:
    """At most ``max_lines`` lines of ``text``; when more would be needed the last one ends
    with '…' (fixed cells: a name in a signature box, a value in a form's field grid)."""
    lines = wrap_lines(text, font, size, room)
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    last = kept[-1].rstrip()
    while last and stringWidth(last + ELLIPSIS, font, size) > room:
        last = last[:-1].rstrip()
    kept[-1] = last + ELLIPSIS
    return kept


def clip_text(text: object, style: ParagraphStyle, room: float, max_lines: int) -> str:
    """``text`` cut (with '…') to what ``max_lines`` lines of ``room`` hold in ``style``, for a
    Paragraph in a table cell, whose row cannot be taller than a page. Short texts come back
    unchanged."""
    value = "" if text is None else str(text)
    # Cheap test first: even the narrowest characters, half-filled lines and every line
    # break cannot make more than max_lines lines.
    if len(value) * style.fontSize * 0.4 / room + value.count("\n") + 1 <= max_lines:
        return value
    font = _frag(style, False, "text").fontName
    lines = wrap_lines(value, font, style.fontSize, room)
    if len(lines) <= max_lines:
        return value
    return " ".join(clip_lines(value, font, style.fontSize, room, max_lines))


@lru_cache(maxsize=65536)
def _cell_lines(text: str, font: str, size: float, room: float) -> tuple[str, ...]:
    """The lines of one grid cell (labels and common values repeat on every form), at most
    GRID_MAX_LINES of them: a grid row must fit on a page."""
    if "\n" not in text and stringWidth(text, font, size) <= room:
        return (text,) if text else ()
    return tuple(clip_lines(text, font, size, room, GRID_MAX_LINES)) or ("",)


class FieldGrid(Flowable):
    """Rows of plain text cells drawn straight onto the canvas: what a 'Label : value' form
    needs, several times faster than a Table of Paragraphs. The cells of ``static_columns``
    (labels, colons) are stamped once per PDF for each layout; the values are drawn as text.
    Long values wrap within their column; the grid splits between rows."""

    def __init__(self, rows: Sequence[Sequence[str]], col_widths: Sequence[float], *,
                 font: str, size: float, leading: float, pad: float = 1.0,
                 static_columns: Sequence[int] = ()) -> None:
        super().__init__()
        self.rows = [list(r) for r in rows]
        self.col_widths = list(col_widths)
        self.font, self.size, self.leading, self.pad = font, size, leading, pad
        self.static_columns = frozenset(static_columns)
        self._lines: list[list[tuple[str, ...]]] | None = None
        self._heights: list[float] = []

    def _layout(self) -> None:
        if self._lines is not None:
            return
        self._lines = []
        self._heights = []
        for row in self.rows:
            cells = [_cell_lines(text, self.font, self.size, width - 2 * self.pad)
                     for text, width in zip(row, self.col_widths, strict=True)]
            self._lines.append(cells)
            tallest = max((len(c) for c in cells), default=1) or 1
            self._heights.append(tallest * self.leading + 2 * self.pad)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._layout()
        self.width, self.height = sum(self.col_widths), sum(self._heights)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self._layout()
        used, k = 0.0, 0
        for h in self._heights:
            if used + h > avail_height:
                break
            used, k = used + h, k + 1
        if k == 0 or k == len(self.rows):
            return [] if k == 0 else [self]
        return [self._part(self.rows[:k]), self._part(self.rows[k:])]

    def _part(self, rows: Sequence[Sequence[str]]) -> FieldGrid:
        return FieldGrid(rows, self.col_widths, font=self.font, size=self.size,
                         leading=self.leading, pad=self.pad, static_columns=tuple(self.static_columns))

    def _text(self, canvas: Canvas, static: bool) -> None:
        """The cells of the static columns (``static``) or of the others, as one text object."""
        text = canvas.beginText()
        text.setFont(self.font, self.size, self.leading)
        top = self.height
        for cells, height in zip(self._lines or [], self._heights, strict=True):
            x = 0.0
            for column, (lines, width) in enumerate(zip(cells, self.col_widths, strict=True)):
                if (column in self.static_columns) == static:
                    y = top - self.pad - self.size
                    for line in lines:
                        text.setTextOrigin(x + self.pad, y)
                        text.textOut(line)
                        y -= self.leading
                x += width
            top -= height
        canvas.drawText(text)

    def draw(self) -> None:
        self._layout()
        if self.static_columns:
            labels = tuple(row[i] for row in self.rows for i in sorted(self.static_columns))
            key = ("grid", labels, tuple(self.col_widths), tuple(self._heights), self.font,
                   self.size, self.leading, self.pad)
            stamp(self.canv, key, self.width, self.height,
                  lambda canvas: self._text(canvas, static=True))
        self._text(self.canv, static=False)


def field_table(pairs: Sequence[tuple[str, Any]], width: float, label_width: float = 5 * cm,
                two_columns: bool = False) -> Flowable:
    """'Label : value' lines, as on Indonesian forms; optionally two pairs per row. Labels
    and colons are stamped once per PDF."""
    from desktop_app.core.reports.base import styles

    cell = styles()["cell"]
    if two_columns:
        half = width / 2
        lw = min(label_width, half * 0.45)
        widths = [lw, 0.3 * cm, half - lw - 0.3 * cm] * 2
    else:
        widths = [label_width, 0.3 * cm, width - label_width - 0.3 * cm]
    cells = [[str(label), ":", str(value) if value not in (None, "") else "-"]
             for label, value in pairs]
    if two_columns:
        rows = [cells[i] + (cells[i + 1] if i + 1 < len(cells) else ["", "", ""])
                for i in range(0, len(cells), 2)]
    else:
        rows = cells
    return FieldGrid(rows, widths, font=cell.fontName, size=cell.fontSize,
                     leading=cell.leading, static_columns=(0, 1, 3, 4) if two_columns else (0, 1))


CELL_PADDING = 6  # left + right padding of a data_table cell


def fit_words(col_widths: Sequence[float], headers: Sequence[str],
              rows: Sequence[Sequence[Any]], font: str, size: float) -> list[float]:
    """Column widths that keep every word whole: a column narrower than its longest word
    ("Ditindaklanjuti" in a status column) takes the room from columns that can still wrap
    at a space, in proportion to their spare width; the table stays as wide as planned. Only
    when the whole table cannot hold the words does a word break."""
    widths = [float(w) for w in col_widths]
    need = [0.0] * len(widths)
    for j, header in enumerate(headers[:len(widths)]):
        need[j] = max((stringWidth(w, f"{font}-Bold", size) for w in str(header).split()),
                      default=0.0)
    for row in rows:
        for j, value in enumerate(row[:len(widths)]):
            if value is None or hasattr(value, "wrap"):  # a flowable sizes itself
                continue
            longest = max((stringWidth(w, font, size) for w in str(value).split()), default=0.0)
            need[j] = max(need[j], longest)
    need = [n + CELL_PADDING + 0.5 for n in need]
    deficit = sum(max(0.0, n - w) for n, w in zip(need, widths, strict=True))
    spare = [max(0.0, w - n) for n, w in zip(need, widths, strict=True)]
    if deficit <= 0 or sum(spare) < deficit:
        return widths
    share = deficit / sum(spare)
    return [n if n > w else w - s * share
            for n, w, s in zip(need, widths, spare, strict=True)]
