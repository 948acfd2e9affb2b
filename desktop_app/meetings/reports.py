"""RUKO PARSEL printouts: surat undangan, daftar hadir and notulen rapat.

Every function takes a ``services.meetings.MeetingDetail`` (duck-typed: reports do not import
services) and returns a story for ``reports.base.build_pdf``/``build_many``. Long texts are
Paragraphs and tables split by row with a repeated header, so they flow over pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desktop_app.core.domain.formatting import (
    day_name,
    format_date,
    format_date_long,
    format_datetime,
    format_time,
    pada_hari_tanggal,
)
from desktop_app.core.reports.base import (
    Signatory,
    data_table,
    esc,
    keep_with_signature,
    para,
    signature_block,
    styles,
    title_block,
)
from desktop_app.core.reports.fonts import SANS, SERIF
from desktop_app.core.reports.forms import clip_text
from desktop_app.core.reports.images import photo


def _style(name: str, **kw: Any) -> ParagraphStyle:
    return ParagraphStyle(name, parent=styles()["body"], **kw)


def _numbered(number: object, text: str, indent: float = 0.7 * cm,
              markup: bool = False) -> Paragraph:
    """A hanging-indent numbered paragraph ('1.  text…') that splits across pages."""
    style = _style(f"num{indent}", leftIndent=indent, bulletIndent=0, spaceAfter=3)
    return Paragraph(text if markup else esc(text), style, bulletText=f"{number}.")


def _section(title: str) -> Flowable:
    return para(f"<b>{esc(title)}</b>", "heading", markup=True)


def time_range(start: time | None, end: time | None, zone: str) -> str:
    if start and end:
        return f"{format_time(start)} s.d. {format_time(end)} {zone}".strip()
    if start:
        return f"{format_time(start)} {zone} s.d. selesai".strip()
    return "-"


PAIR_MAX_LINES = 6


def _pairs_table(pairs: Sequence[tuple[str, Any]], width: float, label_width: float,
                 font_size: float = 11) -> Table:
    """'Hari/Tanggal : …' lines in the letter's own serif type."""
    style = _style(f"pair{font_size}", alignment=0, fontSize=font_size,
                   leading=font_size * 1.3)
    rows = []
    room = width - label_width - 0.4 * cm - 2
    for label, value in pairs:
        # A row of this table cannot split: a value is cut with '…' after PAIR_MAX_LINES.
        content = value if isinstance(value, Flowable | list) else Paragraph(
            esc(clip_text(value, style, room, PAIR_MAX_LINES)
                if value not in (None, "") else "-"), style)
        rows.append([Paragraph(esc(label), style), Paragraph(":", style), content])
    table = Table(rows, colWidths=[label_width, 0.4 * cm, width - label_width - 0.4 * cm])
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), SERIF),  # else the table's own default is Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]))
    return table


AGENDA_MAX_ITEMS = 15  # the letter's 'Acara' sits in one table row, which cannot split


def _agenda_value(d: Any, width: float) -> list[Flowable]:
    """'Acara' in the letter: the title, then the agenda items numbered."""
    style = _style("acara", alignment=0)
    room = width - 0.6 * cm
    out: list[Flowable] = [Paragraph(esc(clip_text(d.title, style, room, PAIR_MAX_LINES)),
                                     style)]
    for item in d.agenda[:AGENDA_MAX_ITEMS]:
        out.append(Paragraph(esc(clip_text(item.title, style, room - 0.5 * cm, 2)),
                             _style("acara_item", alignment=0, leftIndent=0.5 * cm),
                             bulletText=f"{item.position}."))
    if len(d.agenda) > AGENDA_MAX_ITEMS:
        out.append(Paragraph(f"… dan {len(d.agenda) - AGENDA_MAX_ITEMS} acara lainnya", style))
    return out


# ---- Surat undangan --------------------------------------------------------------------------


def invitation_story(d: Any, *, width: float, city: str, signatory: Signatory,
                     addressees: Sequence[str], letter_number: str, letter_date: date,
                     zone: str = "WITA", distribution: bool = False) -> list[Flowable]:
    """One invitation letter. With ``distribution`` the addressees are listed on an attached
    page ('Daftar terlampir'); otherwise they stand under 'Kepada Yth.'."""
    s = styles()
    lampiran = "1 (satu) lembar" if distribution else (d.letter_attachment or "-")
    story: list[Flowable] = [letter_header_block_undangan(
        letter_number, d.letter_nature or "Biasa", lampiran, "Undangan",
        f"{city}, {format_date(letter_date)}", width)]
    story.append(Spacer(1, 0.5 * cm))
    to_style = _style("to", alignment=0, leftIndent=width * 0.52)
    story.append(Paragraph("Kepada", to_style))
    if distribution:
        story.append(Paragraph("Yth. Bapak/Ibu/Saudara (daftar terlampir)", to_style))
    elif len(addressees) == 1:
        story.append(Paragraph(f"Yth. {esc(addressees[0])}", to_style))
    else:
        story.append(Paragraph("Yth.", to_style))
        for i, name in enumerate(addressees, start=1):
            story.append(Paragraph(esc(name), _style("to_item", alignment=0,
                                                      leftIndent=width * 0.52 + 0.6 * cm,
                                                      bulletIndent=width * 0.52),
                                   bulletText=f"{i}."))
    story.append(Paragraph("di -", to_style))
    story.append(Paragraph("&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;<u>Tempat</u>", to_style))
    story.append(Spacer(1, 0.6 * cm))
    body_indent = _style("body_indent", firstLineIndent=1.0 * cm)
    desa = ", ".join(d.desa_names)
    purpose = esc(d.title) + (f" bersama {esc(_desa_phrase(d))}" if desa else "")
    story.append(Paragraph(
        f"Dalam rangka {purpose}, bersama ini kami mengundang Bapak/Ibu/Saudara untuk hadir "
        "pada:", body_indent))
    story.append(Spacer(1, 0.2 * cm))
    story.append(_indent(_pairs_table([
        ("Hari/Tanggal", format_date_long(d.held_on)),
        ("Waktu", f"Pukul {time_range(d.start_time, d.end_time, zone)}"),
        ("Tempat", d.place),
        ("Acara", _agenda_value(d, width - 4.4 * cm)),
    ], width - 1.0 * cm, 3.0 * cm), 1.0 * cm))
    story.append(Spacer(1, 0.2 * cm))
    story.append(Paragraph(
        "Mengingat pentingnya acara tersebut, kami harapkan kehadiran Bapak/Ibu/Saudara tepat "
        "pada waktunya. Demikian undangan ini disampaikan; atas perhatian dan kehadirannya "
        "diucapkan terima kasih.", body_indent))
    story.append(Spacer(1, 0.6 * cm))
    story = keep_with_signature(story, signature_block("", None, signatory, width))
    if distribution:
        story.append(PageBreak())
        story.append(para(
            f"Lampiran Surat Undangan<br/>Nomor : {esc(letter_number)}<br/>"
            f"Tanggal : {esc(format_date(letter_date))}", "body_left", markup=True))
        story.append(Spacer(1, 0.4 * cm))
        story += title_block("Daftar Undangan")
        story.append(data_table(["No", "Yth."], [[i, n] for i, n in
                                                 enumerate(addressees, start=1)],
                                [1.2 * cm, width - 1.2 * cm], align="cl"))
    _ = s
    return story


def _desa_phrase(d: Any) -> str:
    names = d.desa_names
    if len(names) == 1:
        return f"Pemerintah Desa {names[0]}"
    return "Pemerintah Desa " + ", ".join(names[:-1]) + f" dan {names[-1]}"


def _indent(flowable: Flowable, by: float) -> Table:
    table = Table([["", flowable]], colWidths=[by, None])
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), SERIF),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def letter_header_block_undangan(nomor: str, sifat: str, lampiran: str, perihal: str,
                                 place_date: str, width: float) -> Table:
    """Nomor / Sifat / Lampiran / Perihal with the place and date on the first line's right
    (like ``base.letter_header_block`` but with room for a long letter number)."""
    s = styles()
    left = _style("hdr", alignment=0)
    nomor, sifat, lampiran, perihal = (clip_text(t, left, width * 0.45 - 2, 3)
                                       for t in (nomor, sifat, lampiran, perihal))
    place_date = clip_text(place_date, left, width * 0.55 - 2.5 * cm, 3)
    rows = [
        [Paragraph("Nomor", left), ":", Paragraph(esc(nomor), left),
         Paragraph(esc(place_date), s["right"])],
        [Paragraph("Sifat", left), ":", Paragraph(esc(sifat), left), ""],
        [Paragraph("Lampiran", left), ":", Paragraph(esc(lampiran), left), ""],
        [Paragraph("Perihal", left), ":", Paragraph(f"<b>{esc(perihal)}</b>", left), ""],
    ]
    table = Table(rows, colWidths=[2.1 * cm, 0.4 * cm, width * 0.45, None])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("FONTNAME", (0, 0), (-1, -1), SERIF),
        ("FONTSIZE", (0, 0), (-1, -1), 11),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]))
    return table


# ---- Daftar hadir ----------------------------------------------------------------------------


def attendance_story(d: Any, *, width: float, city: str, zone: str = "WITA",
                     blank_rows: int = 10, signatory: Signatory | None = None) -> list[Flowable]:
    """Daftar hadir: the people expected, then blank numbered rows for those who come
    unannounced; the signature column's numbers alternate left and right."""
    s = styles()
    story: list[Flowable] = [*title_block("Daftar Hadir", subtitle=d.title)]
    story.append(Paragraph(
        f"Pada hari {esc(day_name(d.held_on))} tanggal {esc(format_date(d.held_on))}, pukul "
        f"{esc(time_range(d.start_time, d.end_time, zone))}, bertempat di {esc(d.place)}, "
        f"dalam acara {esc(d.kind_label.lower())}"
        + (f" bersama {esc(_desa_phrase(d))}" if d.desa else "") + ", yang hadir:",
        _style("att_intro")))
    story.append(Spacer(1, 0.3 * cm))
    sign_w = 4.4 * cm
    widths = [0.9 * cm, 4.6 * cm, width - 0.9 * cm - 4.6 * cm - 2.9 * cm - sign_w, 2.9 * cm,
              sign_w]
    left_style = ParagraphStyle("sig_l", parent=s["cell"], fontSize=8.5)
    right_style = ParagraphStyle("sig_r", parent=s["cell"], fontSize=8.5,
                                 leftIndent=sign_w * 0.42)
    header = [Paragraph(f"<b>{h}</b>", s["cell_center"])
              for h in ("No", "Nama", "Jabatan / Instansi", "No. HP", "Tanda Tangan")]
    rows: list[list[Any]] = [header]
    number = 0
    for a in d.attendees:
        number += 1
        position = " / ".join(x for x in (a.position, a.institution
                                          or (f"Desa {a.desa_name}" if a.desa_name else ""))
                              if x)
        # The rows have a fixed height (room to sign): two lines of each text at most.
        rows.append([Paragraph(str(number), s["cell_center"]),
                     Paragraph(esc(clip_text(a.name, s["cell"], widths[1] - 6, 2)), s["cell"]),
                     Paragraph(esc(clip_text(position, s["cell"], widths[2] - 6, 2)),
                               s["cell"]),
                     Paragraph(esc(clip_text(a.phone, s["cell"], widths[3] - 6, 2)), s["cell"]),
                     Paragraph(f"{number}. …………", left_style if number % 2 else right_style)])
    for _ in range(max(0, blank_rows)):
        number += 1
        rows.append([Paragraph(str(number), s["cell_center"]), "", "", "",
                     Paragraph(f"{number}. …………", left_style if number % 2 else right_style)])
    table = Table(rows, colWidths=widths, repeatRows=1,
                  rowHeights=[None] + [0.95 * cm] * (len(rows) - 1))
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E3E8EF")),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("VALIGN", (0, 1), (-2, -1), "MIDDLE"),
        ("VALIGN", (-1, 1), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))
    story.append(table)
    if signatory is not None:
        story.append(Spacer(1, 0.5 * cm))
        # The last rows of the list go over with the signature: never a signature alone.
        story = keep_with_signature(story, signature_block(city, d.held_on, signatory, width,
                                                           right_caption="Pimpinan Rapat,"))
    return story


# ---- Notulen ---------------------------------------------------------------------------------


def _attendance_text(d: Any) -> str:
    count = d.attendance
    text = count.summary()
    if count.by_group:
        text += "; " + ", ".join(f"{group} {n}" for group, n in count.by_group.items())
    if count.invited > count.present:
        text += f" (dari {count.invited} orang terdaftar)"
    return text


def notulen_story(d: Any, *, width: float, city: str, zone: str = "WITA",
                  photos: Sequence[tuple[Path, str]] = ()) -> list[Flowable]:
    """The minutes: heading block, agenda, discussion per item, problems and answers,
    numbered agreements, follow-up actions, closing, signatures, addenda, photos."""
    s = styles()
    subtitle = d.title + ("" if d.is_final else " (DRAF)")
    story: list[Flowable] = [*title_block("Notulen Rapat", subtitle=subtitle)]
    pairs: list[tuple[str, Any]] = [
        ("Jenis rapat", d.kind_label),
        ("Hari/Tanggal", format_date_long(d.held_on)),
        ("Waktu", f"Pukul {time_range(d.start_time, d.end_time, zone)}"),
        ("Tempat", d.place),
    ]
    if d.desa:
        pairs.append(("Desa/Kelurahan", ", ".join(d.desa_names)))
    pairs += [
        ("Pimpinan rapat", d.chair_name + (f" ({d.chair_position})" if d.chair_position else "")),
        ("Notulis", d.minute_taker_name
         + (f" ({d.minute_taker_position})" if d.minute_taker_position else "")),
        ("Jumlah peserta hadir", _attendance_text(d)),
    ]
    if d.letter_number:
        pairs.append(("Nomor undangan", d.letter_number))
    story.append(_pairs_table(pairs, width, 4.2 * cm, font_size=10.5))
    story.append(Spacer(1, 0.2 * cm))
    story.append(Paragraph(
        f"{esc(pada_hari_tanggal(d.held_on))}, bertempat di {esc(d.place)}, telah dilaksanakan "
        f"{esc(d.kind_label.lower())} dengan acara {esc(d.title)}, dengan catatan sebagai "
        "berikut:", _style("pada_hari")))
    section = 0

    def heading(title: str) -> None:
        nonlocal section
        section += 1
        roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"][section - 1]
        story.append(CondPageBreak(2.2 * cm))
        story.append(_section(f"{roman}. {title}"))

    if d.agenda:
        heading("Susunan Acara")
        for item in d.agenda:
            story.append(_numbered(item.position, item.title))
    heading("Jalannya Rapat dan Pembahasan")
    if d.discussion:
        for block in d.discussion.split("\n\n"):
            story.append(Paragraph(esc(block.strip()), _style("disc", spaceAfter=4)))
    discussed = [a for a in d.agenda if a.discussion]
    for item in discussed:
        story.append(_numbered(item.position, f"<b>{esc(item.title)}</b>", markup=True))
        for block in item.discussion.split("\n\n"):
            story.append(Paragraph(esc(block.strip()),
                                   _style("disc_item", leftIndent=0.7 * cm, spaceAfter=4)))
    if not d.discussion and not discussed:
        story.append(para("-"))
    if d.discussed_updates:
        heading("Perkembangan Tindak Lanjut Rapat Sebelumnya")
        rows = [[i, u.action_what, u.action_owner, u.new_status_label, u.note or "-"]
                for i, u in enumerate(d.discussed_updates, start=1)]
        story.append(_split_table(data_table(
            ["No", "Tindak lanjut", "Penanggung jawab", "Status", "Keterangan"], rows,
            [0.9 * cm, width * 0.36, width * 0.2, 2.4 * cm,
             width - 0.9 * cm - width * 0.56 - 2.4 * cm], align="cllll", max_lines=None),
            [u.action_what + u.note + u.action_owner for u in d.discussed_updates]))
    if d.problems:
        heading("Permasalahan dan Tanggapan")
        for i, p in enumerate(d.problems, start=1):
            where = f"Desa {p.desa_name} — " if p.desa_name else ""
            link = f" (terkait data KULA RAKAT {p.submission_number})" if p.submission_number \
                else ""
            story.append(_numbered(i, f"<b>{esc(where + p.topic_label)}</b>{esc(link)}",
                                   markup=True))
            story.append(Paragraph(f"<i>Permasalahan:</i> {esc(p.description)}",
                                   _style("prob", leftIndent=0.7 * cm, spaceAfter=2)))
            story.append(Paragraph(f"<i>Tanggapan kecamatan:</i> {esc(p.answer or '-')}",
                                   _style("ans", leftIndent=0.7 * cm, spaceAfter=2)))
            story.append(Paragraph(f"<i>Status:</i> {esc(p.status_label)}",
                                   _style("pst", leftIndent=0.7 * cm, spaceAfter=6)))
    heading("Kesepakatan")
    if d.agreements:
        story.append(para("Rapat menyepakati hal-hal sebagai berikut:"))
        story.append(Spacer(1, 0.1 * cm))
        for a in d.agreements:
            story.append(_numbered(a.number, a.text))
    else:
        story.append(para("Tidak ada kesepakatan yang dicatat."))
    if d.actions:
        heading("Rencana Tindak Lanjut")
        rows = [[i, a.what, a.owner_name, a.desa_name or "-", format_date(a.due_date) or "-"]
                for i, a in enumerate(d.actions, start=1)]
        story.append(_split_table(data_table(
            ["No", "Tindak lanjut", "Penanggung jawab", "Desa", "Batas waktu"], rows,
            [0.9 * cm, width * 0.42, width * 0.22, 2.6 * cm,
             width - 0.9 * cm - width * 0.64 - 2.6 * cm], align="cllll", max_lines=None),
            [a.what + a.owner_name for a in d.actions]))
    story.append(Spacer(1, 0.3 * cm))
    closing = d.closing_time or d.end_time
    story.append(para(
        f"Rapat ditutup oleh pimpinan rapat pada pukul {format_time(closing)} {zone}."
        if closing else "Rapat ditutup oleh pimpinan rapat."))
    story.append(Spacer(1, 0.5 * cm))
    chair = Signatory(d.chair_position or "Pimpinan Rapat", d.chair_name or "." * 30,
                      nip=d.chair_nip)
    taker = Signatory(d.minute_taker_position or "Notulis", d.minute_taker_name or "." * 30,
                      nip=d.minute_taker_nip)
    story = keep_with_signature(story, signature_block(city, d.held_on, chair, width, left=taker,
                                                       left_caption="Notulis,",
                                                       right_caption="Pimpinan Rapat,"))
    if d.is_final and d.finalized_at:
        story.append(Spacer(1, 0.2 * cm))
        story.append(para(f"Notulen difinalisasi pada {format_datetime(_local(d.finalized_at))} "
                          f"oleh {d.finalized_by_name}.", "small"))
    if d.addenda:
        story.append(CondPageBreak(3 * cm))
        story.append(Spacer(1, 0.4 * cm))
        story.append(_section("ADDENDUM NOTULEN"))
        for i, a in enumerate(d.addenda, start=1):
            story.append(_numbered(i, f"<i>{esc(format_datetime(_local(a.at)))}, {esc(a.by_name)}:"
                                      f"</i> {esc(a.text)}", markup=True))
    if photos:
        story.append(PageBreak())
        story += title_block("Dokumentasi", subtitle=f"{d.title}, {format_date(d.held_on)}")
        cells: list[Any] = []
        col_w = (width - 0.6 * cm) / 2
        for path, caption in photos:
            # A photo that cannot be read prints as a placeholder box with its caption.
            img = photo(path, col_w - 0.3 * cm, 7.0 * cm)
            text = clip_text(caption or path.name, s["cell_center"], col_w - 0.3 * cm, 4)
            cells.append([img, Paragraph(esc(text), s["cell_center"])])
        if cells:
            grid = [cells[i:i + 2] + ([""] if len(cells[i:i + 2]) == 1 else [])
                    for i in range(0, len(cells), 2)]
            table = Table(grid, colWidths=[col_w + 0.3 * cm] * 2)
            table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), SANS),
                                       ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                       ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                                       ("BOTTOMPADDING", (0, 0), (-1, -1), 10)]))
            story.append(table)
    return story


def _local(at: datetime) -> datetime:
    """Stored times are naive UTC; print them in the office PC's local time."""
    return at.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def _split_table(table: Table, texts: Sequence[str] = ()) -> Table:
    """Tables split between rows; only when a text is long enough to risk a row taller than
    a page may rows split inside a cell too."""
    if any(len(t or "") > 1500 for t in texts):
        table.splitInRow = 1
    return table


def recap_story(r: Any, *, width: float) -> list[Flowable]:
    """Rekap RUKO PARSEL for a period (``r`` is services.meetings.Recap)."""
    story: list[Flowable] = [*title_block(
        "Rekapitulasi RUKO PARSEL",
        subtitle=f"Periode {format_date(r.date_from)} s.d. {format_date(r.date_to)}")]
    story.append(_pairs_table([
        ("Jumlah rapat/kunjungan", f"{r.meetings} ({r.final_meetings} notulen final)"),
        ("Peserta hadir", str(r.attendees_present)),
        ("Permasalahan dicatat", str(r.problems)),
        ("Tindak lanjut", f"{r.actions}: selesai tepat waktu {r.done_on_time}, selesai "
                          f"terlambat {r.done_late}, belum selesai {r.open} (lewat batas "
                          f"{r.overdue}), dibatalkan {r.cancelled}"),
    ], width, 5 * cm, 10.5))
    story.append(_section("Rapat per desa/kelurahan"))
    story.append(data_table(["Desa/Kelurahan", "Jumlah rapat"],
                            [[n, c] for n, c in r.meetings_per_desa] or [["-", 0]],
                            [width - 3.5 * cm, 3.5 * cm], align="lr"))
    story.append(_section("Permasalahan per topik"))
    story.append(data_table(["Topik", "Jumlah"],
                            [[n, c] for n, c in r.problems_per_topic] or [["-", 0]],
                            [width - 3.5 * cm, 3.5 * cm], align="lr"))
    return story
