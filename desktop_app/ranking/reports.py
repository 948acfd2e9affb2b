"""Priority list (landscape) and the score sheet of one submission."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Spacer

from desktop_app.core.domain.formatting import format_number
from desktop_app.core.reports.base import (
    Signatory,
    data_table,
    esc,
    field_table,
    keep_with_signature,
    para,
    signature_block,
    title_block,
)
from desktop_app.ranking.domain.criteria import MONEY_SOURCES, format_value
from desktop_app.ranking.domain.methods import Criterion, Direction


def format_cell(criterion: Criterion, value: float | None) -> str:
    """Compact form for the list table: a choice as its score, money without the 'Rp'."""
    if value is None:
        return "-"
    if criterion.choice_scores or float(value).is_integer():
        return format_number(value, 0)
    return format_number(value, 2)


def direction_label(direction: Direction) -> str:
    return "Benefit" if direction is Direction.BENEFIT else "Cost"


def criteria_table(criteria: Sequence[Criterion], weights: Sequence[float], width: float,
                   source_labels: dict[str, str]) -> Flowable:
    rows = []
    for i, (c, w) in enumerate(zip(criteria, weights, strict=True), start=1):
        scores = ", ".join(f"{k} = {format_number(v, 0)}" for k, v in
                           (c.choice_scores or {}).items())
        rows.append([f"C{i}", c.name, source_labels.get(c.source, c.source), direction_label(
            c.direction), format_number(w, 4), scores or "-"])
    return data_table(["Kode", "Kriteria", "Sumber nilai", "Arah", "Bobot", "Skor pilihan"], rows,
                      [1 * cm, 5 * cm, 5 * cm, 2 * cm, 1.8 * cm, width - 14.8 * cm],
                      align="clcccl")


def priority_list_story(*, title: str, subtitle_lines: Sequence[str], criteria: Sequence[Criterion],
                        weights: Sequence[float], source_labels: dict[str, str],
                        method_lines: Sequence[str], ranked: Sequence[Any],
                        ineligible: Sequence[Any], width: float, place: str,
                        signatory: Signatory, prepared_by: Signatory | None,
                        sign_date: date | None, draft: bool) -> list[Flowable]:
    story: list[Flowable] = title_block(title)
    for line in subtitle_lines:
        story.append(para(line, "subtitle"))
    if draft:
        story.append(para("<b>DRAF: belum dibekukan, dapat berubah</b>", "subtitle",
                          markup=True))
    story.append(Spacer(1, 0.3 * cm))
    story.append(para("Kriteria dan bobot", "heading"))
    story.append(criteria_table(criteria, weights, width, source_labels))
    story.append(Spacer(1, 0.2 * cm))
    for line in method_lines:
        story.append(para(f"• {esc(line)}", "small", markup=True))
    story.append(Spacer(1, 0.3 * cm))
    story.append(para(f"Daftar peringkat ({format_number(len(ranked))} data)", "heading"))
    fixed = [1.1 * cm, 2.6 * cm, 3.8 * cm, 2.6 * cm, 1.4 * cm, 1.4 * cm]
    rest = max(width - sum(fixed), 2 * cm)
    # Money columns need room for "1.200.000"; the others share what is left.
    share = [2.2 if (c.source or c.key) in MONEY_SOURCES else 1.0 for c in criteria]
    widths = [rest * x / sum(share) for x in share] if criteria else []
    headers = ["Rank", "Nomor", "Nama", "Desa/Kel.", "RT/RW", "Skor"] + \
        [f"C{i}" for i in range(1, len(criteria) + 1)]
    rows = [[r.rank, r.number, r.name, r.desa, r.rt_rw or "-",
             format_number(r.score, 4)] +
            [format_cell(c, v) for c, v in zip(criteria, r.values, strict=False)]
            for r in ranked]
    story.append(para("Kolom C1, C2, … berisi nilai tiap kriteria sesuai tabel di atas "
                      "(pilihan ditulis sebagai skornya, uang dalam rupiah).", "small"))
    story.append(data_table(headers, rows, fixed + widths,
                            align="clllcr" + "r" * len(criteria), zebra=True))
    if ineligible:
        story.append(Spacer(1, 0.3 * cm))
        story.append(para(f"Tidak memenuhi syarat ({format_number(len(ineligible))} data), tidak diperingkat",
                          "heading"))
        story.append(data_table(
            ["No", "Nomor", "Nama", "Desa/Kel.", "RT/RW", "Alasan"],
            [[i, r.number, r.name, r.desa, r.rt_rw or "-", r.reason]
             for i, r in enumerate(ineligible, start=1)],
            [1 * cm, 2.6 * cm, 4.5 * cm, 3 * cm, 1.5 * cm, width - 12.6 * cm], align="cllccl"))
    story.append(Spacer(1, 0.5 * cm))
    # The signatures go over with the last rows of the table: never alone on a page.
    return keep_with_signature(story, signature_block(
        place, sign_date, signatory, width, left=prepared_by, left_caption="Disusun oleh,",
        right_caption="Mengetahui/Menyetujui,"))


def score_sheet_story(*, explanation: Any, criteria: Sequence[Criterion],
                      list_label: str, method_lines: Sequence[str], desa: str, width: float,
                      place: str, signatory: Signatory, when: date) -> list[Flowable]:
    e = explanation
    story: list[Flowable] = title_block("Lembar Penilaian Prioritas", e.number)
    rank_text = f"{format_number(e.rank)} dari {format_number(e.ranked_count)}" if e.rank else "tidak diperingkat"
    story.append(field_table([
        ("Nomor registrasi", e.number), ("Nama", e.name), ("Desa/Kelurahan", desa),
        ("Daftar", list_label), ("Peringkat", rank_text),
        ("Skor", format_number(e.score, 4) if e.score is not None else "-"),
        ("Syarat", "Memenuhi syarat" if e.eligible else f"Tidak memenuhi: {e.reason}"),
    ], width))
    story.append(Spacer(1, 0.3 * cm))
    by_key = {c.key: c for c in criteria}
    rows = []
    for i, part in enumerate(e.contributions, start=1):
        c = by_key[part.key]
        rows.append([i, part.name, direction_label(part.direction), format_value(c, part.value),
                     format_number(part.normalised, 4),
                     format_number(part.weight, 4),
                     format_number(part.contribution, 4)])
    if e.distances is not None:
        d_plus, d_minus = e.distances
        total = d_plus + d_minus
        rows += [["", "D+ (jarak ke ideal positif)", "", "", "", "", format_number(d_plus, 4)],
                 ["", "D- (jarak ke ideal negatif)", "", "", "", "", format_number(d_minus, 4)],
                 ["", "Skor = D- ÷ (D+ + D-)", "", "", "", "",
                  format_number(d_minus / total if total > 0 else 0.0, 4)]]
    else:
        total = sum(p.contribution for p in e.contributions)
        rows.append(["", "Jumlah", "", "", "", "", format_number(total, 4)])
    story.append(data_table(["No", "Kriteria", "Arah", "Nilai", "Nilai normal", "Bobot",
                             "Bobot × normal"], rows,
                            [1 * cm, width - 13 * cm, 1.8 * cm, 4 * cm, 2.1 * cm, 1.8 * cm,
                             2.3 * cm], align="clcrrrr"))
    if e.missing:
        story.append(Spacer(1, 0.2 * cm))
        story.append(para("Nilai kosong: " + ", ".join(e.missing) + ".", "small"))
    story.append(Spacer(1, 0.2 * cm))
    for line in method_lines:
        story.append(para(f"• {esc(line)}", "small", markup=True))
    story.append(Spacer(1, 0.5 * cm))
    return keep_with_signature(story, signature_block(place, when, signatory, width))
