"""Berita Acara Musrenbang of a tier ("Pada hari ini … bertempat di …", MENYEPAKATI KESATU …,
delegates, signatures) with Lampiran I (daftar hadir) and Lampiran II (daftar usulan
prioritas UTAMA and CADANGAN against the ceiling)."""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desktop_app.core.domain.formatting import (
    format_number,
    format_rupiah,
    format_time,
    pada_hari_tanggal,
    terbilang,
)
from desktop_app.core.reports.base import (
    Signatory,
    esc,
    para,
    signature_block,
    styles,
    title_block,
)
from desktop_app.core.reports.fonts import SERIF
from desktop_app.planning.reports.common import grid, lampiran_heading, ordinal
from desktop_app.planning.reports.documents import Person, PriorityLine, TierDocument

RESERVE_NOTE = (
    "Usulan CADANGAN dapat dipindahkan menjadi UTAMA hanya apabila sisa pagu indikatif "
    "mencukupi biayanya, atau apabila ada usulan UTAMA yang batal atau tidak dapat "
    "dilaksanakan."
)


def _sign(p: Person) -> Signatory:
    return Signatory(p.position or "", p.name or "." * 30, "", p.nip)


def _agreement(label: str, text: str, width: float) -> Table:
    s = styles()
    table = Table([[Paragraph(f"<b>{label}</b>", s["body_left"]), ":",
                    Paragraph(text, s["body"])]],
                  colWidths=[2.4 * cm, 0.4 * cm, width - 2.8 * cm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    return table


def _agreements(doc: TierDocument) -> list[str]:
    c = doc.counts
    passed = len(doc.main) + len(doc.reserve) + len(doc.unranked)
    out = []
    if doc.ceiling is not None:
        out.append(
            f"Daftar usulan prioritas {esc(doc.region_label)} untuk RKPD Tahun {doc.year} "
            f"sebanyak {passed} usulan, terdiri atas <b>{len(doc.main)} usulan UTAMA</b> "
            f"senilai {format_rupiah(doc.main_total)} dalam pagu indikatif "
            f"{format_rupiah(doc.ceiling)} dan <b>{len(doc.reserve)} usulan CADANGAN</b> "
            f"senilai {format_rupiah(doc.reserve_total)}, sebagaimana tercantum dalam "
            "Lampiran II Berita Acara ini.")
    else:
        out.append(f"Daftar usulan prioritas {esc(doc.region_label)} untuk RKPD Tahun "
                   f"{doc.year} sebanyak {passed} usulan menurut peringkat, sebagaimana "
                   "tercantum dalam Lampiran II Berita Acara ini.")
    others = [f"{c.get(k, 0)} usulan {label}" for k, label in (
        ("rejected", "tidak diakomodir"), ("redirected", "dialihkan"),
        ("revise", "dikembalikan untuk perbaikan")) if c.get(k)]
    if others:
        out.append("Sebanyak " + ", ".join(others) + " beserta alasannya dicatat dalam rekap "
                   "hasil penyaringan dan disampaikan secara tertulis kepada desa/kelurahan "
                   "pengusul.")
    if doc.ceiling is not None:
        out.append(f"{RESERVE_NOTE} Sisa pagu indikatif saat ini "
                   f"{format_rupiah(doc.remaining)}.")
    if doc.delegates and doc.next_level_label:
        names = "; ".join(f"{i}. {esc(d.name)}" + (f" ({esc(d.position)})" if d.position else "")
                          for i, d in enumerate(doc.delegates, start=1))
        out.append(f"Menetapkan delegasi untuk mengikuti Musrenbang {doc.next_level_label}: "
                   f"{names}.")
    out += [esc(text) for text in doc.agreements]
    return out


def ba_story(doc: TierDocument, width: float) -> list[Flowable]:
    present = [a for a in doc.attendees]
    when = pada_hari_tanggal(doc.held_on)
    hours = f", pukul {format_time(doc.start_time)} {doc.zone} s.d. selesai" \
        if doc.start_time else ""
    story: list[Flowable] = title_block(
        "Berita Acara", doc.number or "-",
        f"MUSYAWARAH PERENCANAAN PEMBANGUNAN (MUSRENBANG) {doc.region_label.upper()}\n"
        f"DALAM RANGKA PENYUSUNAN RKPD {doc.kabupaten.upper()} TAHUN {doc.year}")
    if not doc.final:
        story.insert(0, para("<b>DRAF — hasil belum ditetapkan</b>", "center", markup=True))
    story.append(para(
        f"{when}{hours}, bertempat di {esc(doc.place)}, telah diselenggarakan Musyawarah "
        f"Perencanaan Pembangunan (Musrenbang) {esc(doc.region_label)} dalam rangka penyusunan "
        f"Rencana Kerja Pemerintah Daerah (RKPD) {esc(doc.kabupaten)} Tahun {doc.year}, "
        f"dipimpin oleh {esc(doc.chair.name)}"
        + (f" ({esc(doc.chair.position)})" if doc.chair.position else "")
        + f", dan dihadiri oleh {len(present)} ({terbilang(len(present))}) orang peserta "
          "sebagaimana tercantum dalam daftar hadir (Lampiran I).", markup=True))
    story.append(Spacer(1, 0.25 * cm))
    story.append(para(
        "Setelah mendengarkan paparan data, prioritas pembangunan dan permasalahan makro "
        "daerah serta menyaring usulan dengan empat uji (selaras dengan prioritas, sesuai "
        "kemampuan keuangan, berdampak langsung pada kesejahteraan, menjawab masalah pokok "
        f"desa), peserta Musrenbang {esc(doc.region_label)} "
        "<b>MENYEPAKATI</b>:", markup=True))
    story.append(Spacer(1, 0.2 * cm))
    for i, text in enumerate(_agreements(doc)):
        story.append(_agreement(ordinal(i), text, width))
    # The delegates sign beside their names before the closing; they, the closing and the
    # signatures (the office head's "Mengetahui" too) stay together, so the signatures end
    # the BA and never stand alone on a page.
    tail: list[Flowable] = []
    if doc.delegates:
        rows = [[str(i), d.name, d.position, d.institution,
                 f"{i}. ......................"] for i, d in enumerate(doc.delegates, start=1)]
        tail += [Spacer(1, 0.3 * cm), para("<b>Perwakilan peserta / delegasi:</b>", "body_left",
                                           markup=True), Spacer(1, 0.1 * cm),
                 grid(["No", "Nama", "Unsur", "Instansi/desa", "Tanda tangan"], rows,
                      [0.9 * cm, 4.3 * cm, 3.6 * cm, 3.8 * cm, width - 12.6 * cm], "lllll",
                      size=9)]
    closing = para("Demikian Berita Acara ini dibuat dengan sebenarnya untuk dipergunakan "
                   "sebagaimana mestinya.")
    signs = signature_block(doc.city, doc.held_on, _sign(doc.chair), width,
                            left=_sign(doc.minute_taker), left_caption="Notulis",
                            right_caption="Pimpinan Sidang")
    ending = [*tail, Spacer(1, 0.3 * cm), closing, Spacer(1, 0.4 * cm), signs]
    if doc.head.name and doc.head.name != doc.chair.name:
        acknowledged = signature_block("", None, _sign(doc.head), width,
                                       right_caption="Mengetahui,")
        # in line with the chair's signature above it (a one-column block is indented)
        acknowledged.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        ending += [Spacer(1, 0.3 * cm), acknowledged]
    story.append(KeepTogether(ending))
    story += attendance_lampiran(doc, width)
    story += priority_lampiran(doc, width)
    return story


def attendance_lampiran(doc: TierDocument, width: float, blank_rows: int = 3) -> list[Flowable]:
    rows = []
    for i, a in enumerate(doc.attendees, start=1):
        sign = f"{i}. ........" if i % 2 else f"      {i}. ........"
        rows.append([str(i), a.name, a.position, a.institution, a.gender or "", sign])
    for j in range(len(doc.attendees) + 1, len(doc.attendees) + 1 + blank_rows):
        rows.append([str(j), "", "", "", "", f"{j}. ........"])
    return [PageBreak(), lampiran_heading("I", doc, width), Spacer(1, 0.4 * cm),
            para("DAFTAR HADIR PESERTA MUSRENBANG", "title"),
            para(f"{doc.region_label.upper()} — RKPD TAHUN {doc.year}", "subtitle"),
            Spacer(1, 0.3 * cm),
            grid(["No", "Nama", "Jabatan", "Instansi/desa", "L/P", "Tanda tangan"], rows,
                 [0.9 * cm, 4.6 * cm, 3.6 * cm, 3.6 * cm, 0.9 * cm, width - 13.6 * cm],
                 "lllllc", size=9)]


def _lines(lines: list[PriorityLine]) -> list[list[str]]:
    return [[str(i), str(x.rank or ""), x.desa, x.work, x.location, x.volume,
             format_number(x.cost), x.agency] for i, x in enumerate(lines, start=1)]


def priority_lampiran(doc: TierDocument, width: float) -> list[Flowable]:
    headers = ["No", "Prk", "Desa/Kel.", "Usulan kegiatan", "Lokasi", "Volume", "Biaya (Rp)",
               "SKPD"]
    widths = [0.7 * cm, 0.7 * cm, 1.9 * cm, 0, 2.0 * cm, 2.2 * cm, 2.1 * cm, 2.3 * cm]
    widths[3] = width - sum(widths)
    story: list[Flowable] = [PageBreak(), lampiran_heading("II", doc, width),
                             Spacer(1, 0.4 * cm),
                             para("DAFTAR USULAN PRIORITAS", "title"),
                             para(f"{doc.region_label.upper()} — RKPD TAHUN {doc.year}",
                                  "subtitle"), Spacer(1, 0.3 * cm)]
    sections = [("A. USULAN PRIORITAS UTAMA", doc.main, "Jumlah UTAMA"),
                ("B. USULAN CADANGAN", doc.reserve, "Jumlah CADANGAN")]
    if doc.unranked or doc.ceiling is None:
        sections = [("USULAN PRIORITAS (menurut peringkat)", doc.main + doc.reserve
                     + doc.unranked, "Jumlah")]
    for title, lines, total_label in sections:
        story.append(para(f"<b>{title}</b>", "body_left", markup=True))
        story.append(Spacer(1, 0.1 * cm))
        rows = _lines(lines) or [["", "", "", "Tidak ada usulan.", "", "", "", ""]]
        rows.append(["", "", "", total_label, "", "", format_number(sum(x.cost for x in lines)),
                     ""])
        story.append(grid(headers, rows, widths, "rrllllrl", bold_rows=[len(rows) - 1]))
        story.append(Spacer(1, 0.35 * cm))
    summary = []
    signature = [Spacer(1, 0.3 * cm), signature_block(
        doc.city, doc.held_on, _sign(doc.chair), width, right_caption="Pimpinan Sidang")]
    if doc.ceiling is not None:
        summary = [("Pagu indikatif", doc.ceiling), ("Jumlah usulan UTAMA", doc.main_total),
                   ("Sisa pagu indikatif", doc.remaining or 0),
                   ("Jumlah usulan CADANGAN", doc.reserve_total)]
        table = Table([[k, ":", format_rupiah(v)] for k, v in summary],
                      colWidths=[5.5 * cm, 0.4 * cm, 5 * cm], hAlign="LEFT")
        table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), SERIF),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
        signature = [table, Spacer(1, 0.2 * cm),
                     para(f"<i>Catatan:</i> {RESERVE_NOTE}", "small", markup=True), *signature]
    # The totals, the note and the signature stay together: never a signature alone.
    story.append(KeepTogether(signature))
    return story
