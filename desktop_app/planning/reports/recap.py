"""Rekap hasil penyaringan of a rembuk: every usulan with the four tests, authority and land,
the verdict and its reason; counts per verdict and per reason (printed landscape)."""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from desktop_app.core.domain.formatting import format_date, format_number
from desktop_app.core.reports.base import Signatory, esc, para, signature_block, title_block
from desktop_app.planning.reports.common import grid
from desktop_app.planning.reports.documents import TierDocument

TEST_HEADERS = ["Sel", "Pagu", "Dmp", "MP", "Kwn", "Lhn"]
LEGEND = ("Sel: selaras dengan prioritas; Pagu: dalam kemampuan keuangan; Dmp: berdampak "
          "langsung pada kesejahteraan/kemiskinan/pengangguran; MP: menjawab masalah pokok desa; "
          "Kwn: kewenangan kabupaten; Lhn: status lahan jelas. Ya / Tdk (tidak); kosong: tidak "
          "dinilai.")


def recap_story(doc: TierDocument, width: float) -> list[Flowable]:
    story: list[Flowable] = title_block(
        "Rekap Hasil Penyaringan Usulan",
        subtitle=f"Musrenbang {doc.region_label} — RKPD {doc.kabupaten} Tahun {doc.year}\n"
                 f"{format_date(doc.held_on)}, {doc.place}")
    c = doc.counts
    story.append(para(
        f"Jumlah usulan dibahas: <b>{c.get('total', 0)}</b>; lolos {c.get('passed', 0)} "
        f"(UTAMA {len(doc.main)}, CADANGAN {len(doc.reserve)}); tidak diakomodir "
        f"{c.get('rejected', 0)}; dialihkan {c.get('redirected', 0)}; perlu perbaikan "
        f"{c.get('revise', 0)}; belum dibahas {c.get('pending', 0)}.", "body_left",
        markup=True))
    if doc.reason_counts:
        story.append(para("Alasan tidak diakomodir: " + "; ".join(
            f"{esc(label)} ({n})" for label, n in doc.reason_counts) + ".", "body_left",
            markup=True))
    story.append(Spacer(1, 0.25 * cm))
    headers = ["No", "Desa/Kel.", "Nomor / usulan", "Biaya (Rp)", *TEST_HEADERS, "Putusan",
               "Prioritas", "Alasan / catatan"]
    widths = [0.75 * cm, 2.1 * cm, 0, 2.0 * cm, *[0.95 * cm] * 6, 2.1 * cm, 1.9 * cm, 5.0 * cm]
    widths[2] = width - sum(widths)
    rows = [[str(i), x.desa, f"{x.number}\n{x.work}", format_number(x.cost), *x.marks,
             x.verdict, x.tier, x.reason] for i, x in enumerate(doc.screen_lines, start=1)]
    story.append(grid(headers, rows, widths, "rllrcccccclll", size=7.5))
    story.append(Spacer(1, 0.15 * cm))
    story.append(para(LEGEND, "small"))
    story.append(KeepTogether([Spacer(1, 0.4 * cm), signature_block(
        doc.city, doc.held_on, Signatory(doc.chair.position, doc.chair.name, "", doc.chair.nip),
        width, right_caption="Pimpinan Sidang")]))
    return story
