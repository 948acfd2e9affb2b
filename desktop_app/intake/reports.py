"""KULA RAKAT printouts: formulir (one sheet per submission), tanda terima, berita acara
penyerahan hasil input, lembar disposisi."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from desktop_app.core.domain.formatting import (
    format_date,
    format_date_long,
    format_nip,
    format_quantity,
    format_rupiah,
    pada_hari_tanggal,
)
from desktop_app.core.reports.base import (
    Signatory,
    data_table,
    esc,
    field_table,
    fit_cell,
    heading_line,
    para,
    signature_block,
    styles,
    title_block,
)
from desktop_app.core.reports.forms import (
    Stamped,
    clip_text,
    one_line,
    plain_para,
    stamp,
    wrap_lines,
)
from desktop_app.core.reports.images import photo
from desktop_app.intake.domain.submissions import (
    NUMERIC_KINDS,
    Category,
    Channel,
    FieldKind,
    SubmissionKind,
    category_label,
    fields_for,
)


def _value_text(kind: FieldKind, value: Any, unit: str) -> str:
    if value is None or value == "":
        return "-"
    if kind is FieldKind.BOOL:
        return "Ya" if value else "Tidak"
    if kind is FieldKind.MONEY:
        return format_rupiah(value)
    if kind in NUMERIC_KINDS:
        return format_quantity(value, unit)
    return str(value)


def _section(title: str) -> Flowable:
    return heading_line(title, 16 * cm)


class SignBoxes(Flowable):
    """Signature boxes side by side: caption, empty space, '( name )'. The boxes and captions
    are stamped once per PDF and the names drawn into them (as the Table below draws them);
    a name too long for its box falls back to that Table, which wraps it."""

    PADDING = 3.0  # reportlab's default cell padding at the bottom

    def __init__(self, captions: Sequence[tuple[str, str]], width: float) -> None:
        super().__init__()
        self.box_width = width
        self.col = width / len(captions)
        cell = styles()["cell_center"]
        self.cell = cell
        # The boxes cannot split over pages: a caption or name longer than a few lines is cut.
        room = self.col - 6
        self.captions = [clip_text(c, cell, room, 3) for c, _ in captions]
        self.names = [f"( {clip_text(n, cell, room - 12, 4) if n else '.' * 30} )"
                      for _, n in captions]
        fits = all(stringWidth(n, cell.fontName, cell.fontSize) <= self.col - 6
                   for n in self.names)
        self.table = None if fits else self._table(self.names)

    def _table(self, names: Sequence[str]) -> Table:
        cell = self.cell
        cells = [[fit_cell(c, cell, self.col - 6) for c in self.captions],
                 ["" for _ in self.captions],
                 [fit_cell(n, cell, self.col - 6) for n in names]]
        table = Table(cells, colWidths=[self.col] * len(self.captions),
                      rowHeights=[None, 1.9 * cm, None])
        table.setStyle(TableStyle([
            ("BOX", (0, 0), (-1, -1), 0.5, colors.black),
            ("INNERGRID", (0, 0), (-1, 0), 0.5, colors.black),
            ("LINEBEFORE", (1, 0), (-1, -1), 0.5, colors.black),
            ("FONTNAME", (0, 0), (-1, -1), cell.fontName),
            ("FONTSIZE", (0, 0), (-1, -1), cell.fontSize),
            ("LEADING", (0, 0), (-1, -1), cell.leading),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ]))
        return table

    def _empty_boxes(self) -> Table:
        return self._table(["" for _ in self.names])

    _sizes: dict[tuple[Any, ...], tuple[float, float]] = {}

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self.table is not None:
            self.width, self.height = self.table.wrap(avail_width, avail_height)
            return self.width, self.height
        key = (tuple(self.captions), round(self.box_width, 2), round(avail_width, 2))
        if key not in self._sizes:
            self._sizes[key] = self._empty_boxes().wrap(avail_width, avail_height)
        self.width, self.height = self._sizes[key]
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        if self.table is not None:
            self.table.wrapOn(canvas, self.box_width, self.height)
            self.table.drawOn(canvas, 0, 0)
            return

        def frame(c: Any) -> None:
            table = self._empty_boxes()
            table.wrapOn(c, self.box_width, self.height)
            table.drawOn(c, 0, 0)

        stamp(canvas, ("sign", tuple(self.captions), round(self.box_width, 2), self.height),
              self.width, self.height, frame)
        canvas.setFont(self.cell.fontName, self.cell.fontSize)
        y = self.PADDING + self.cell.leading - self.cell.fontSize  # as Table draws a string
        for i, name in enumerate(self.names):
            canvas.drawCentredString(i * self.col + self.col / 2, y, name)


def _category_text(d: Any) -> str:
    """The category's label: built-in, or admin-defined as loaded with the detail."""
    return getattr(d, "category_label", "") or category_label(d.category)


def form_story(d: Any, width: float, photos: Sequence[Path] = ()) -> list[Flowable]:
    """The one-sheet form of one submission (``d`` is services.intake.SubmissionDetail)."""
    kind = SubmissionKind(d.kind)
    category = d.category
    label = _category_text(d)
    story: list[Flowable] = [
        *title_block(f"Formulir {kind.label} {label}", d.number, width=width),
    ]
    story.append(field_table([
        ("Tanggal diterima", format_date_long(d.received_on)),
        ("Saluran", Channel(d.channel).label),
        ("Status", d.status.capitalize()),
        ("Batas waktu tanggapan", format_date(d.due_date)),
        ("Dientri oleh", d.entered_by),
        ("Seksi/bidang", d.unit_name or "-"),
    ], width, label_width=3.6 * cm, two_columns=True))
    story += [_section("A. Pelapor / Pengusul"), field_table([
        ("Nama", d.reporter_name), ("NIK", d.reporter_nik or "-"),
        ("No. HP", d.reporter_phone or "-"),
        ("Alamat", d.reporter_address or "-"),
    ], width, label_width=3.6 * cm, two_columns=True)]
    story += [_section("B. Lokasi"), field_table([
        ("Desa/Kelurahan", d.desa_name), ("Kecamatan", d.kecamatan_name),
        ("RT/RW", "/".join(x for x in (d.rt, d.rw) if x) or "-"),
        ("Koordinat", f"{d.latitude:.6f}, {d.longitude:.6f}"
         if d.latitude is not None and d.longitude is not None else "-"),
        ("Alamat lokasi", d.address or "-"),
    ], width, label_width=3.6 * cm, two_columns=True)]
    body = styles()["body"]
    story += [_section("C. Perihal dan Uraian"), one_line(d.subject, body, width, bold=True),
              one_line(d.description or "-", body, width)]
    specs = fields_for(category)
    if specs:
        pairs = [(f"{s.label}", _value_text(s.kind, d.details.get(s.key), s.unit)) for s in specs]
        story += [_section(f"D. Data {label}"),
                  field_table(pairs, width, label_width=4.2 * cm, two_columns=True)]
        if category == Category.RTLH.value:
            per_person = d.area_per_person
            small = styles()["small"]
            area = format_quantity(per_person, "m²") or "-"
            story.append(one_line(f"Luas lantai per orang: {area}", small, width))
            verdict = ("Kriteria RTLH yang tidak terpenuhi: " + "; ".join(d.failed_criteria)
                       + "." if d.failed_criteria
                       else "Tidak ada kriteria RTLH yang gagal berdasarkan data survei.")
            # The same few verdicts recur on thousands of forms: laid out and drawn once.
            story.append(Stamped(("verdict", verdict, round(width, 2)),
                                 partial(plain_para, verdict, small)))
    if d.verifications:
        story.append(_section("E. Verifikasi lapangan"))
        for when, who, findings in d.verifications:
            story.append(one_line(f"{format_date(when)} oleh {who}: {findings}",
                                  styles()["small"], width))
    if photos:
        # A photo that cannot be read prints as a placeholder box: the form still prints.
        thumbs = [photo(path, 3.8 * cm, 4.2 * cm) for path in list(photos)[:4]]
        if thumbs:
            story.append(_section("Foto"))
            table = Table([thumbs], colWidths=[width / 4] * len(thumbs))
            table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story.append(table)
    story.append(Spacer(1, 0.4 * cm))
    story.append(SignBoxes([
        ("Pelapor/Pengusul", d.reporter_name), ("Petugas penerima/Enumerator", d.entered_by),
        ("Verifikator", d.verifications[-1][1] if d.verifications else ""),
    ], width))
    return story


def receipt_story(d: Any, width: float, office_name: str, office_phone: str, city: str,
                  officer: str) -> list[Flowable]:
    """Tanda terima for a walk-in resident."""
    kind = SubmissionKind(d.kind)
    story = [*title_block("Tanda Terima", d.number)]
    story.append(para(
        f"Telah diterima {kind.label.lower()} dari warga dengan keterangan sebagai berikut:"))
    story.append(Spacer(1, 0.2 * cm))
    story.append(field_table([
        ("Nomor registrasi", d.number),
        ("Nama", d.reporter_name),
        ("No. HP", d.reporter_phone or "-"),
        ("Jenis / kategori", f"{kind.label} / {_category_text(d)}"),
        ("Perihal", d.subject),
        ("Lokasi", f"{d.desa_name}" + (f" RT {d.rt}" if d.rt else "")),
        ("Tanggal diterima", format_date_long(d.received_on)),
        ("Tanggapan paling lambat", format_date_long(d.due_date)),
        ("Berkas yang diterima", f"{len(d.attachments)} lampiran" if d.attachments else
         "Formulir isian"),
    ], width, label_width=4.5 * cm))
    story.append(Spacer(1, 0.3 * cm))
    story.append(para(
        f"Untuk menanyakan perkembangan, sebutkan nomor registrasi <b>{esc(d.number)}</b> "
        f"kepada petugas {esc(office_name)}"
        + (f" melalui telepon/WhatsApp {esc(office_phone)}" if office_phone else "")
        + " atau datang langsung pada hari dan jam kerja.", "body", markup=True))
    story.append(Spacer(1, 0.5 * cm))
    story.append(signature_block(city, d.received_on, Signatory("Petugas Penerima", officer),
                                 width))
    return story


def handover_story(*, enumerator: Signatory, receiver: Signatory, period: tuple[date, date],
                   rows: Sequence[Any], width: float, number: str, city: str,
                   when: date) -> list[Flowable]:
    """Berita acara penyerahan hasil input: one enumerator's records over a period."""
    story = [*title_block("Berita Acara Penyerahan Hasil Input", number,
                          "Data Usulan, Laporan dan Aduan Perumahan dan Kawasan Permukiman")]
    story.append(para(
        f"{pada_hari_tanggal(when)}, yang bertanda tangan di bawah ini:"))
    story.append(field_table([("Nama", enumerator.name), ("Jabatan", enumerator.title)],
                             width, 3 * cm))
    story.append(para("selanjutnya disebut PIHAK PERTAMA, menyerahkan hasil input data kepada:"))
    story.append(field_table([("Nama", receiver.name), ("Jabatan", receiver.title),
                              ("NIP", format_nip(receiver.nip) or "-")], width, 3 * cm))
    story.append(para(
        "selanjutnya disebut PIHAK KEDUA, berupa data hasil input periode "
        f"{format_date(period[0])} sampai dengan {format_date(period[1])} dengan rincian:"))
    story.append(Spacer(1, 0.2 * cm))
    table_rows = [
        [i, r.number, format_date(r.received_on), r.kind_label, r.category_label, r.name,
         r.desa, r.status_label]
        for i, r in enumerate(rows, start=1)
    ]
    story.append(data_table(
        ["No", "Nomor", "Tanggal", "Jenis", "Kategori", "Nama", "Desa", "Status"], table_rows,
        [0.8 * cm, 2.5 * cm, 2.3 * cm, 1.5 * cm, 2.6 * cm, 2.9 * cm, 2.1 * cm, 1.8 * cm],
        align="clllllll"))
    counts = Counter(r.category_label for r in rows)
    summary = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())) or "tidak ada data"
    story.append(Spacer(1, 0.2 * cm))
    story.append(para(f"Jumlah seluruhnya {len(rows)} data ({summary})."))
    story.append(para("Demikian berita acara ini dibuat untuk dipergunakan sebagaimana mestinya."))
    story.append(Spacer(1, 0.3 * cm))
    story.append(KeepTogether([signature_block(city, when, receiver, width, left=enumerator,
                                               left_caption="PIHAK PERTAMA,",
                                               right_caption="PIHAK KEDUA,")]))
    return story


def _ticks(options: Sequence[str], chosen: Sequence[str], width: float, columns: int
           ) -> Table:
    """Options each with a box, ticked (√) when chosen, ``columns`` per row, as printed
    disposition forms have them."""
    box = 0.42 * cm
    col = width / columns
    cells: list[list[Any]] = []
    row: list[Any] = []
    for option in options:
        row += ["√" if option in chosen else "", para(option, "cell")]
        if len(row) == 2 * columns:
            cells.append(row)
            row = []
    if row:
        cells.append(row + ["", ""] * (columns - len(row) // 2))
    table = Table(cells, colWidths=[box, col - box] * columns)
    style: list[tuple[Any, ...]] = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (0, 0), (-1, -1), "LEFT"),
             ("FONTNAME", (0, 0), (-1, -1), "Serif-Bold"), ("FONTSIZE", (0, 0), (-1, -1), 10),
             ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    for r, line in enumerate(cells):
        for c in range(0, len(line), 2):
            if line[c + 1] != "":
                style += [("BOX", (c, r), (c, r), 0.6, colors.black),
                          ("ALIGN", (c, r), (c, r), "CENTER")]
    table.setStyle(TableStyle(style))
    return table


def disposition_story(d: Any, disposition: Any, width: float, signer: Signatory,
                      city: str) -> list[Flowable]:
    """Lembar disposisi: the case, its sifat, where it goes, the ticked instructions and the
    note, the deadline; signed by the one who disposed it."""
    from desktop_app.intake.domain.disposition import INSTRUCTIONS, DispositionNature

    story = [*title_block("Lembar Disposisi", d.number)]
    story.append(field_table([
        ("Nomor registrasi", d.number),
        ("Tanggal diterima", format_date(d.received_on)),
        ("Dari", d.reporter_name),
        ("Perihal", d.subject),
        ("Lokasi", d.desa_name + (f" RT {d.rt}" if d.rt else "")),
        ("Diteruskan kepada", disposition.unit),
        ("Batas waktu", format_date(disposition.due_date)),
    ], width, 4 * cm))
    story.append(Spacer(1, 0.2 * cm))
    natures = [n.label for n in DispositionNature]
    story.append(Table([[para("<b>Sifat:</b>", "body_left", markup=True),
                         _ticks(natures, [disposition.nature_label], width - 4 * cm, 4)]],
                       colWidths=[4 * cm, width - 4 * cm],
                       style=[("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story.append(Spacer(1, 0.3 * cm))
    # The box is one table: a note longer than a third of a page is cut with '…'.
    body = styles()["body"]
    note = clip_text(disposition.instruction or "-", body, width - 12, 16)
    lines = len(wrap_lines(note, body.fontName, body.fontSize, width - 12))
    box = Table([[para("<b>Dengan hormat harap:</b>", "body_left", markup=True)],
                 [_ticks(INSTRUCTIONS, disposition.instructions, width - 12, 2)],
                 [para("<b>Catatan:</b>", "body_left", markup=True)],
                 [para(note, "body")]], colWidths=[width],
                rowHeights=[None, None, None, max(3 * cm, body.leading * (lines + 1) + 6)])
    box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.8, colors.black),
                             ("LINEBELOW", (0, 1), (-1, 1), 0.4, colors.black),
                             ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story.append(KeepTogether([box]))
    story.append(Spacer(1, 0.5 * cm))
    story.append(KeepTogether([signature_block(city, disposition.at.date(), signer, width)]))
    return story
