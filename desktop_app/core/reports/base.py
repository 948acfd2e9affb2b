"""Building blocks for official printouts: kop surat, A4/F4 pages, page numbers, signature
blocks and tables. Feature reports (intake, ranking, meetings) compose these."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desktop_app.core.domain import clock
from desktop_app.core.domain.cycles import without_cycle_collection
from desktop_app.core.domain.formatting import format_date, format_date_short, nip_line
from desktop_app.core.reports.fonts import SANS, SERIF, register_fonts

# The fast form pieces live in core.reports.forms; these names stay importable from here.
from desktop_app.core.reports.forms import (  # noqa: F401
    ELLIPSIS,
    FieldGrid,
    Stamped,
    TextLine,
    clip_lines,
    clip_text,
    field_table,
    fit_cell,
    fit_words,
    heading_line,
    one_line,
    stamp_string,
)


class PageSize(Enum):
    A4 = (210 * mm, 297 * mm)
    F4 = (215 * mm, 330 * mm)  # folio, common in Indonesian offices

    @classmethod
    def parse(cls, value: str | PageSize | None) -> PageSize:
        if isinstance(value, PageSize):
            return value
        return cls.F4 if str(value or "").upper() == "F4" else cls.A4

    def points(self, landscape: bool = False) -> tuple[float, float]:
        w, h = self.value
        return (h, w) if landscape else (w, h)


@dataclass
class Letterhead:
    """Kop surat: the office's name block, address and logo."""

    government_line: str = "PEMERINTAH KABUPATEN BALANGAN"
    office_name: str = ""
    address_lines: list[str] = field(default_factory=list)
    phone: str = ""
    email: str = ""
    website: str = ""
    logo: bytes | None = None
    city: str = "Paringin"


def letterhead_from_profile(profile: Any) -> Letterhead:
    """From services.office.OfficeProfileData (duck-typed; reports do not import services)."""
    address = (profile.address or "").strip()
    if getattr(profile, "postal_code", ""):
        address = f"{address} Kode Pos {profile.postal_code}".strip()
    return Letterhead(
        government_line=(profile.government_line or "").upper(),
        office_name=(profile.name or "").upper(),
        address_lines=[line for line in address.splitlines() if line.strip()] or [address],
        phone=profile.phone or "",
        email=profile.email or "",
        website=profile.website or "",
        logo=profile.logo,
        city=profile.city or "",
    )


@dataclass
class Signatory:
    title: str  # "Camat Paringin Selatan"
    name: str
    rank: str = ""  # pangkat / golongan
    nip: str = ""


@cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    # bulletFontName: list numbers ('1.' of a bulletText) would otherwise be Helvetica, which
    # is not embedded.
    base = ParagraphStyle("body", fontName=SERIF, fontSize=11, leading=14.5,
                          alignment=TA_JUSTIFY, bulletFontName=SERIF)
    return {
        "body": base,
        "body_left": ParagraphStyle("body_left", parent=base, alignment=TA_LEFT),
        "title": ParagraphStyle("title", parent=base, fontName=f"{SERIF}-Bold", fontSize=12.5,
                                leading=16, alignment=TA_CENTER, spaceAfter=2),
        "subtitle": ParagraphStyle("subtitle", parent=base, alignment=TA_CENTER, fontSize=11),
        "heading": ParagraphStyle("heading", parent=base, fontName=f"{SERIF}-Bold",
                                  spaceBefore=8, spaceAfter=3, alignment=TA_LEFT),
        "small": ParagraphStyle("small", parent=base, fontSize=9, leading=11.5,
                                alignment=TA_LEFT),
        "cell": ParagraphStyle("cell", fontName=SANS, bulletFontName=SANS, fontSize=8.5,
                               leading=10.5),
        "cell_bold": ParagraphStyle("cell_bold", fontName=f"{SANS}-Bold", fontSize=8.5,
                                    leading=10.5),
        "cell_center": ParagraphStyle("cell_center", fontName=SANS, bulletFontName=SANS,
                                      fontSize=8.5, leading=10.5,
                                      alignment=TA_CENTER),
        "cell_right": ParagraphStyle("cell_right", fontName=SANS, fontSize=8.5, leading=10.5,
                                     alignment=TA_RIGHT),
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
        "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER),
    }


def esc(text: object) -> str:
    """Text for a Paragraph: escape markup and keep line breaks."""
    value = "" if text is None else str(text)
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return value.replace("\n", "<br/>")


def para(text: object, style: str = "body", markup: bool = False) -> Paragraph:
    return Paragraph(str(text) if markup else esc(text), styles()[style])


@cache
def _logo_reader(logo: bytes) -> ImageReader:
    return ImageReader(io.BytesIO(logo))


class KopSurat(Flowable):
    """The letterhead at the top of a document's first page, with the double rule below."""

    HEIGHT = 3.0 * cm

    def __init__(self, letterhead: Letterhead) -> None:
        super().__init__()
        self.lh = letterhead

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.HEIGHT

    def draw(self) -> None:
        # Drawn once per PDF as a form XObject and reused by every document of a batch: the
        # logo image and the kop text are stored once, and a thousand forms print faster.
        c = self.canv
        key = f"kop{id(self.lh)}_{int(self.width)}"
        if not c.hasForm(key):
            c.beginForm(key, lowerx=0, lowery=0, upperx=self.width, uppery=self.HEIGHT)
            self._draw_kop()
            c.endForm()
        c.doForm(key)

    def _draw_kop(self) -> None:
        c = self.canv
        lh = self.lh
        w, h = self.width, self.HEIGHT
        logo_h = 2.3 * cm
        if lh.logo:
            try:
                reader = _logo_reader(lh.logo)
                iw, ih = reader.getSize()
                logo_w = logo_h * iw / ih
                c.drawImage(reader, 0.1 * cm, h - logo_h - 0.15 * cm, logo_w, logo_h,
                            mask="auto", preserveAspectRatio=True)
            except Exception:  # noqa: BLE001 - a broken logo must not stop the printout
                pass
        cx = w / 2 + 0.9 * cm  # centred in the space right of the logo
        y = h - 0.5 * cm
        c.setFillColor(colors.black)
        from reportlab.pdfbase.pdfmetrics import stringWidth

        room = 2 * (w - cx) - 0.2 * cm  # centred on cx and still inside the text width
        c.setFont(f"{SERIF}-Bold", 13)
        c.drawCentredString(cx, y, _one_line(lh.government_line, f"{SERIF}-Bold", 13, room))
        y -= 0.62 * cm
        name_size = 15.5 if len(lh.office_name) < 42 else 13
        c.setFont(f"{SERIF}-Bold", name_size)
        c.drawCentredString(cx, y, _one_line(lh.office_name, f"{SERIF}-Bold", name_size, room))
        address = ", ".join(line.strip() for line in lh.address_lines if line.strip())
        if address:
            size = 9.5
            while size > 6.5 and stringWidth(address, SERIF, size) > room:
                size -= 0.25
            y -= 0.45 * cm
            c.setFont(SERIF, size)
            c.drawCentredString(cx, y, _one_line(address, SERIF, size, room))
        contacts = "  ".join(
            part for part in (
                f"Telepon {lh.phone}" if lh.phone else "",
                f"Email: {lh.email}" if lh.email else "",
                f"Laman: {lh.website}" if lh.website else "",
            ) if part
        )
        if contacts:
            y -= 0.42 * cm
            size = 9.0
            while size > 6.5 and stringWidth(contacts, SERIF, size) > room:
                size -= 0.25
            c.setFont(SERIF, size)
            c.drawCentredString(cx, y, _one_line(contacts, SERIF, size, room))
        c.setLineWidth(2.2)
        c.line(0, 0.22 * cm, w, 0.22 * cm)
        c.setLineWidth(0.6)
        c.line(0, 0.08 * cm, w, 0.08 * cm)


def _one_line(text: str, font: str, size: float, room: float) -> str:
    """A kop line cut with '…' when even the smallest type does not fit it in ``room``."""
    return clip_lines(text, font, size, room, 1)[0] if text else ""


class _DocMarker(Flowable):
    """Zero-size marker telling the canvas which document (of a batch) a page belongs to."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index

    def wrap(self, *_: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._ruko_doc = self.index  # type: ignore[attr-defined]


def _numbered_canvas(footer_left: str) -> type[Canvas]:
    class NumberedCanvas(Canvas):
        """Two passes: keep every page, then stamp 'Halaman X dari Y' per document."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Without this every page references an unembedded Helvetica.
            if not kwargs.get("initialFontName"):
                kwargs["initialFontName"] = SANS
            super().__init__(*args, **kwargs)
            self._pages: list[tuple[dict[str, Any], int]] = []
            self._ruko_doc = 0

        def showPage(self) -> None:  # noqa: N802 - reportlab API
            self._pages.append((dict(self.__dict__), self._ruko_doc))
            self._startPage()

        def save(self) -> None:
            totals = Counter(doc for _, doc in self._pages)
            seen: Counter[int] = Counter()
            for state, doc in self._pages:
                self.__dict__.update(state)
                seen[doc] += 1
                width, _height = self._pagesize
                self.setFillColor(colors.grey)
                # Stamped: a thousand "Halaman 1 dari 1" are one drawing placed a thousand times.
                stamp_string(self, width - 2 * cm, 1.1 * cm,
                             f"Halaman {seen[doc]} dari {totals[doc]}", SANS, 7.5, "right")
                if footer_left:
                    stamp_string(self, 2.5 * cm, 1.1 * cm, footer_left, SANS, 7.5)
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


MARGINS = {"left": 2.5 * cm, "right": 2.0 * cm, "top": 1.4 * cm, "bottom": 1.8 * cm}


def _doc(target: Path | str | BinaryIO, page_size: PageSize, landscape: bool, title: str,
         author: str) -> BaseDocTemplate:
    size = page_size.points(landscape)
    doc = BaseDocTemplate(
        str(target) if isinstance(target, Path) else target, pagesize=size,
        leftMargin=MARGINS["left"], rightMargin=MARGINS["right"], topMargin=MARGINS["top"],
        bottomMargin=MARGINS["bottom"], title=title, author=author, creator="Ruko Parsel",
        invariant=True,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    return doc


def build_pdf(target: Path | str | BinaryIO, story: list[Flowable], *,
              page_size: PageSize | str = PageSize.A4, landscape: bool = False,
              letterhead: Letterhead | None = None, title: str = "", author: str = "",
              printed_by_footer: bool = True) -> None:
    """One document: kop surat (when given) on the first page, page numbers on every page."""
    build_many(target, [story], page_size=page_size, landscape=landscape,
               letterhead=letterhead, title=title, author=author,
               printed_by_footer=printed_by_footer)


def build_many(target: Path | str | BinaryIO, stories: Sequence[list[Flowable]], *,
               page_size: PageSize | str = PageSize.A4, landscape: bool = False,
               letterhead: Letterhead | None = None, title: str = "", author: str = "",
               progress: Any = None, printed_by_footer: bool = True) -> None:
    """Many documents in one PDF (batch printing): each starts on a new page with its own kop
    and its own page numbering. Official letters pass ``printed_by_footer=False``: they carry
    page numbers only, not 'Dicetak dengan Ruko Parsel'."""
    register_fonts()
    flow: list[Flowable] = []
    for i, story in enumerate(stories):
        if i:
            flow.append(PageBreak())
        flow.append(_DocMarker(i))
        if letterhead is not None:
            flow.append(KopSurat(letterhead))
            flow.append(Spacer(1, 0.45 * cm))
        flow.extend(story)
        if progress is not None and i % 50 == 0:
            progress(i, len(stories))
    if isinstance(target, Path | str):
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    doc = _doc(target, PageSize.parse(page_size), landscape, title, author)
    footer = f"Dicetak dengan Ruko Parsel, {format_date_short(clock.today())}" \
        if printed_by_footer else ""
    with without_cycle_collection():
        doc.build(flow, canvasmaker=_numbered_canvas(footer))


def title_block(title: str, number: str | None = None, subtitle: str | None = None, *,
                width: float | None = None) -> list[Flowable]:
    """'BERITA ACARA …' centred, underlined, then 'Nomor: …'. Batch printouts pass the frame
    ``width``: the title is then stamped once per PDF and the number drawn as a plain line."""
    def heading() -> Flowable:
        return para(f"<u>{esc(title.upper())}</u>", "title", markup=True)

    out: list[Flowable] = [heading() if width is None else Stamped(("title", title), heading)]
    if number:
        line = f"Nomor: {number}"
        out.append(para(line, "subtitle") if width is None
                   else one_line(line, styles()["subtitle"], width))
    if subtitle:
        out.append(para(subtitle, "subtitle"))
    out.append(Spacer(1, 0.35 * cm))
    return out


def letter_header_block(nomor: str, sifat: str, lampiran: str, perihal: str,
                        place_date: str, width: float) -> Table:
    """Nomor / Sifat / Lampiran / Perihal on the left, place and date on the right."""
    s = styles()
    left = s["body_left"]
    room = width * 0.5 - 12
    date_room = width - 2.5 * cm - width * 0.5 - 12
    nomor, sifat, lampiran, perihal = (clip_text(t, left, room, 3)
                                       for t in (nomor, sifat, lampiran, perihal))
    place_date = clip_text(place_date, left, date_room, 3)
    rows = [
        [para("Nomor", "body_left"), ":", para(nomor, "body_left"), para(place_date, "right")],
        [para("Sifat", "body_left"), ":", para(sifat, "body_left"), ""],
        [para("Lampiran", "body_left"), ":", para(lampiran, "body_left"), ""],
        [para("Perihal", "body_left"), ":", Paragraph(f"<b>{esc(perihal)}</b>", left),
         ""],
    ]
    table = Table(rows, colWidths=[2.1 * cm, 0.4 * cm, width * 0.5, None])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("FONTNAME", (0, 0), (-1, -1), SERIF),
        ("FONTSIZE", (0, 0), (-1, -1), 11),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]))
    return table


def _signature_cell(caption: str, signatory: Signatory | None, place_date: str = "",
                    room: float = 7 * cm) -> list[Any]:
    """One signature: each line cut to a few lines of ``room`` (a block that cannot split
    must fit on a page, and a name is never longer than two lines under a signature)."""
    if signatory is None:
        return []
    s = styles()
    style = s["body_left"]

    def cut(text: str, lines: int) -> str:
        return esc(clip_text(text, style, room, lines))

    out: list[Any] = []
    if place_date:
        # A blank place-date keeps a left signature aligned with the dated right one.
        text = cut(place_date, 2) if place_date.strip() else "&nbsp;"
        out.append(Paragraph(text, style))
    if caption:
        out.append(Paragraph(cut(caption, 2), style))
    # A position not known yet: a blank line, not a lone comma (the names stay level).
    title = signatory.title.strip()
    out.append(Paragraph(f"{cut(title, 3)}," if title else "&nbsp;", style))
    out.append(Spacer(1, 2.0 * cm))
    out.append(Paragraph(f"<b><u>{cut(signatory.name, 2)}</u></b>", style))
    if signatory.rank:
        out.append(Paragraph(cut(signatory.rank, 2), style))
    if signatory.nip:
        out.append(Paragraph(cut(nip_line(signatory.nip), 1), style))
    return out


def signature_block(place: str, when: date | None, signatory: Signatory, width: float, *,
                    left: Signatory | None = None, left_caption: str = "",
                    right_caption: str = "") -> Table:
    """The usual block: 'Paringin, 23 November 2026 / Camat …, / (signature) / NAME / NIP …'.
    With ``left`` it has two columns (e.g. 'Yang Menyerahkan' and 'Yang Menerima')."""
    place_date = f"{place}, {format_date(when)}" if when else ""
    room = width * 0.5 - 12  # the cell's padding
    right = _signature_cell(right_caption, signatory, place_date, room)
    left_cell = _signature_cell(left_caption, left, " " if place_date and left else "", room)
    table = Table([[left_cell, right]], colWidths=[width * 0.5, width * 0.5])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), SERIF),
        ("LEFTPADDING", (0, 0), (-1, -1), 0 if left else 6),
    ]))
    table.keepWithNext = False
    return table


class KeepLastRows(Flowable):
    """A table followed by a closing block (a signature): when both do not fit on the page,
    the table breaks early so that its last ``rows`` rows go over with the block. A signature
    block therefore never stands alone on a page."""

    def __init__(self, table: Table, tail: Sequence[Flowable], rows: int = 2) -> None:
        super().__init__()
        self.table, self.tail, self.rows = table, list(tail), rows

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, 0xFFFFFF  # always split, as KeepTogether does

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        from reportlab.platypus.doctemplate import FrameBreak

        content: list[Flowable] = [self.table, *self.tail]
        _w, table_h = self.table.wrapOn(self.canv, avail_width, avail_height)
        tail_h = sum(f.wrapOn(self.canv, avail_width, avail_height)[1]
                     + f.getSpaceBefore() + f.getSpaceAfter() for f in self.tail)
        if table_h + tail_h <= avail_height:
            return content
        heights = list(self.table._rowHeights)  # known after wrapOn
        header = self.table.repeatRows if isinstance(self.table.repeatRows, int) else 0
        fit, used = 0, 0.0
        for h in heights:
            if used + h > avail_height:
                break
            fit, used = fit + 1, used + h
        fit = min(fit, len(heights) - self.rows)
        frame = getattr(self, "_frame", None)
        at_top = bool(getattr(frame, "_atTop", False))
        if fit <= header:
            # Not even one row fits before the kept ones: start on the next page (unless this
            # already is the top of a page, where nothing better can be done).
            # Kept together again there: the rest of a table split on an earlier page may
            # still be too long for the next one.
            return content if at_top else [FrameBreak(), self]
        parts = self.table.split(avail_width, sum(heights[:fit]) + 0.01)
        if len(parts) != 2:
            return content
        return [parts[0], KeepLastRows(parts[1], self.tail, self.rows)]  # type: ignore[arg-type]


def keep_with_signature(story: list[Flowable], block: Flowable, *,
                        rows: int = 2) -> list[Flowable]:
    """``story`` + ``block`` (a signature block), with the block kept on a page together with
    what precedes it: the last ``rows`` rows of a closing table, or the closing paragraphs.
    Use it for every signed printout: a signature alone on the last page is not valid."""
    from reportlab.platypus import KeepTogether

    head = list(story)
    tail: list[Flowable] = [block]
    while head and isinstance(head[-1], Spacer):
        tail.insert(0, head.pop())
    if not head:
        return tail
    last = head.pop()
    if isinstance(last, Table) and len(getattr(last, "_cellvalues", ())) > rows:
        return [*head, KeepLastRows(last, tail, rows)]
    return [*head, KeepTogether([last, *tail])]


CELL_MAX_LINES = 20  # a row of a data table cannot split: longer texts are cut with '…'


def data_table(headers: Sequence[str], rows: Sequence[Sequence[Any]],
               col_widths: Sequence[float] | None = None, *, repeat_header: bool = True,
               align: Sequence[str] | None = None, zebra: bool = False,
               max_lines: int | None = CELL_MAX_LINES) -> Table:
    """A grid table whose cells wrap; the header repeats when it splits over pages. A cell
    longer than ``max_lines`` lines is cut with '…' (``None``: the caller lets rows split
    inside a cell instead)."""
    s = styles()
    cell_style = {"l": s["cell"], "c": s["cell_center"], "r": s["cell_right"]}
    data: list[list[Any]] = [[Paragraph(f"<b>{esc(h)}</b>", s["cell_center"]) for h in headers]]
    # Words whole first (a narrow column takes room from one that wraps), then clipped to it.
    widths = fit_words(col_widths, headers, rows, SANS, s["cell"].fontSize) \
        if col_widths else []
    for row in rows:
        cells = []
        for j, value in enumerate(row):
            if isinstance(value, Flowable):
                cells.append(value)
                continue
            style = cell_style[(align[j] if align and j < len(align) else "l")]
            if max_lines and j < len(widths) and widths[j]:
                value = clip_text(value, style, widths[j] - 6, max_lines)
            cells.append(Paragraph(esc(value), style))
        data.append(cells)
    table = Table(data, colWidths=widths or None, repeatRows=1 if repeat_header else 0)
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E3E8EF")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if zebra:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white,
                                                                colors.HexColor("#F5F7FA")]))
    table.setStyle(TableStyle(commands))
    return table


def frame_width(page_size: PageSize | str, landscape: bool = False) -> float:
    return PageSize.parse(page_size).points(landscape)[0] - MARGINS["left"] - MARGINS["right"]
