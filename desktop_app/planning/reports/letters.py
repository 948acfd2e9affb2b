"""The letter to each desa: the fate of each of its usulan at this tier and why."""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from desktop_app.core.domain import clock
from desktop_app.core.domain.formatting import format_date, format_date_long, format_number
from desktop_app.core.reports.base import (
    Signatory,
    esc,
    letter_header_block,
    para,
    signature_block,
)
from desktop_app.planning.reports.common import grid
from desktop_app.planning.reports.documents import DesaLetter, TierDocument


def letter_story(doc: TierDocument, letter: DesaLetter, width: float) -> list[Flowable]:
    today = clock.today()
    n = len(letter.lines)
    story: list[Flowable] = [
        letter_header_block(letter.number or "-", "Biasa", "1 (satu) lembar",
                            f"Hasil Musrenbang {doc.region_label} Tahun {doc.held_on.year}",
                            f"{doc.city}, {format_date(today)}", width),
        Spacer(1, 0.5 * cm),
        para(f"Yth. {esc(letter.head_title)}<br/>di&nbsp;-<br/>&nbsp;&nbsp;&nbsp;&nbsp;"
             "Tempat", "body_left", markup=True),
        Spacer(1, 0.5 * cm),
        para(f"Dengan hormat, bersama ini kami sampaikan hasil Musyawarah Perencanaan "
             f"Pembangunan (Musrenbang) {esc(doc.region_label)} dalam rangka penyusunan RKPD "
             f"{esc(doc.kabupaten)} Tahun {doc.year}, yang dilaksanakan pada hari "
             f"{format_date_long(doc.held_on)} bertempat di {esc(doc.place)}, atas "
             f"{n} usulan {esc(letter.desa_label)} sebagai berikut:", markup=True),
        Spacer(1, 0.3 * cm),
    ]
    widths = [0.8 * cm, 3.0 * cm, 0, 2.3 * cm, 2.9 * cm, 4.3 * cm]
    widths[2] = width - sum(widths)
    rows = [[str(i), x.number, x.work, format_number(x.cost), x.result, x.reason]
            for i, x in enumerate(letter.lines, start=1)]
    story.append(grid(["No", "Nomor", "Usulan", "Biaya (Rp)", "Hasil", "Alasan / keterangan"],
                      rows, widths, "rllrll", size=8.5))
    story.append(Spacer(1, 0.3 * cm))
    follow = []
    if doc.next_level_label:
        follow.append(f"usulan yang lolos diteruskan ke Musrenbang {doc.next_level_label}; "
                      "usulan CADANGAN dapat menjadi UTAMA bila sisa pagu mencukupi")
    follow += ["usulan yang dialihkan ke APBDes agar dibahas dalam Musyawarah Desa penyusunan "
               "RKPDes", "usulan yang perlu perbaikan agar dilengkapi dan disampaikan kembali "
               "ke kecamatan", "usulan yang tidak diakomodir dapat diajukan kembali pada tahun "
               "berikutnya setelah memenuhi keempat uji penyaringan"]
    story.append(para("Selanjutnya, " + "; ".join(follow) + "."))
    story.append(Spacer(1, 0.2 * cm))
    closing = para("Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima "
                   "kasih.")
    head = Signatory(doc.head.position, doc.head.name or "." * 30, "", doc.head.nip)
    story.append(KeepTogether([closing, Spacer(1, 0.4 * cm),
                               signature_block("", None, head, width)]))
    return story
