"""The priority list workbook (xlsx): the ranked list in rank order with one column per
criterion, the ineligible apart, and a *Metode* sheet from which any score can be recomputed
by hand. A file format only: rows in, a file out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from desktop_app.core.domain.formatting import format_decimal
from desktop_app.core.domain.progress import Progress
from desktop_app.core.exchange.writer import ColumnFormat, SheetSpec, write_table
from desktop_app.ranking.domain.methods import Criterion, Method


def _method_rows(method: str, method_lines: Sequence[str], criteria: Sequence[Criterion],
                 weights: Sequence[float], source_labels: Mapping[str, str],
                 params: Mapping[str, Sequence[float | None]]) -> list[list[object]]:
    m = len(criteria)
    rows: list[list[object]] = [[line] for line in method_lines]
    rows.append([])
    rows.append(["No", "Kriteria (judul kolom)", "Sumber nilai", "Arah", "Bobot",
                 "Nilai terbesar", "Nilai terkecil", "Skor pilihan"])
    for i, (c, w) in enumerate(zip(criteria, weights, strict=True)):
        rows.append([
            i + 1, c.name, source_labels.get(c.source, c.source), c.direction.value, w,
            params.get("max", [None] * m)[i], params.get("min", [None] * m)[i],
            "; ".join(f"{k} = {format_decimal(v, 4)}"
                      for k, v in (c.choice_scores or {}).items())])
    if Method(method) is Method.SAW:
        rows += [[], ["Contoh hitung ulang (SAW): untuk kriteria benefit, nilai normal = "
                      "nilai ÷ nilai terbesar; untuk cost, nilai terkecil ÷ nilai; skor = "
                      "jumlah bobot × nilai normal. Nilai kosong = 0."]]
    else:
        rows += [[], ["TOPSIS: panjang vektor, solusi ideal positif dan negatif per kriteria:"],
                 ["Kriteria", "Panjang vektor", "Ideal (+)", "Ideal (−)",
                  "Pengisi nilai kosong"]]
        for i, c in enumerate(criteria):
            rows.append([c.name, params["length"][i], params["ideal"][i], params["anti"][i],
                         params["fill"][i]])
    return rows


def write_priority_list(target: Path, *, office_name: str, title: str,
                        subtitle_lines: Sequence[str], method: str,
                        method_lines: Sequence[str], criteria: Sequence[Criterion],
                        weights: Sequence[float], source_labels: Mapping[str, str],
                        params: Mapping[str, Sequence[float | None]], ranked: Sequence[Any],
                        ineligible: Sequence[Any], progress: Progress | None = None) -> Path:
    """``ranked``/``ineligible`` rows carry rank, number, name, desa, rt_rw, score, reason and
    values (one per criterion)."""
    crit_cols = [ColumnFormat(c.name, 16) for c in criteria]
    base = [ColumnFormat("Peringkat", 10), ColumnFormat("Nomor", 16), ColumnFormat("Nama", 28),
            ColumnFormat("Desa/Kelurahan", 20), ColumnFormat("RT/RW", 8)]
    sheet_ranked = SheetSpec(
        "Peringkat", base + [ColumnFormat("Skor", 10, "0.0000")] + crit_cols,
        ([r.rank, r.number, r.name, r.desa, r.rt_rw, r.score, *r.values] for r in ranked),
        title_rows=[office_name, title, *subtitle_lines])
    sheet_out = SheetSpec(
        "Tidak memenuhi syarat", base[1:] + [ColumnFormat("Alasan", 50)] + crit_cols,
        ([r.number, r.name, r.desa, r.rt_rw, r.reason, *r.values] for r in ineligible),
        title_rows=[office_name, "Tidak memenuhi syarat (tidak diperingkat)"])
    sheet_method = SheetSpec(
        "Metode", [ColumnFormat("Metode dan kriteria", 60)] + [ColumnFormat("", 18)] * 7,
        _method_rows(method, method_lines, criteria, weights, source_labels, params),
        title_rows=[office_name, "Cara menghitung skor"], freeze_header=False,
        autofilter=False)
    return write_table(target, [sheet_ranked, sheet_out, sheet_method], progress)
