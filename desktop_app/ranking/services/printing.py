"""Printing and exporting priority lists: the landscape PDF list, one submission's score sheet,
and the xlsx workbook with a sheet that documents the method (so any score can be recomputed
by hand). Every print and export is written to the audit trail."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.domain import clock
from desktop_app.core.domain.errors import ValidationError
from desktop_app.core.domain.formatting import format_datetime
from desktop_app.core.domain.progress import Progress
from desktop_app.core.domain.roles import Permission
from desktop_app.core.services import audit, office, regions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.db.base import utcnow
from desktop_app.intake.domain.submissions import Category
from desktop_app.ranking.domain.criteria import sources_for
from desktop_app.ranking.services import ranking

CATEGORY_TITLES = {
    "rtlh": "DAFTAR PRIORITAS PENANGANAN RUMAH TIDAK LAYAK HUNI (RTLH)",
    "jalan": "DAFTAR PRIORITAS PENANGANAN JALAN LINGKUNGAN",
    "drainase": "DAFTAR PRIORITAS PENANGANAN DRAINASE",
}


def _profile(app: AppContext):  # type: ignore[no-untyped-def]
    profile = office.get_profile(app)
    if profile is None:
        raise ValidationError("Profil kantor belum diisi; isi dahulu di Pengaturan.")
    return profile


def _subtitles(info: ranking.PriorityListInfo, names: dict[str, str]) -> list[str]:
    lines = []
    if info.title:
        lines.append(info.title)
    lines.append(f"Cakupan: {info.scope.describe(names)}; metode {info.method_label}; "
                 f"{info.criteria_label}")
    if info.frozen_at:
        lines.append(f"Dibekukan {format_datetime(info.frozen_at)} oleh {info.created_by_name} "
                     f"(daftar no. {info.id})")
    if info.approved_at:
        lines.append(f"Disetujui {format_datetime(info.approved_at)} oleh "
                     f"{info.approved_by_name}")
    return lines


def print_priority_list(app: AppContext, actor: Actor, list_id: int, target: Path,
                        progress: Progress | None = None) -> Path:
    from desktop_app.core.reports.base import (
        Signatory,
        build_pdf,
        frame_width,
        letterhead_from_profile,
    )
    from desktop_app.ranking.reports import priority_list_story

    info = ranking.get_list(app, actor, list_id)
    cs = ranking.get_set(app, actor, info.criteria_set_id)
    profile = _profile(app)
    names = regions.region_names(app)
    if progress:
        progress(0, 3, "Membaca daftar…")
    ranked = ranking.list_entries(app, actor, list_id, eligible=True)
    ineligible = ranking.list_entries(app, actor, list_id, eligible=False)
    if progress:
        progress(1, 3, "Menyusun PDF…")
    width = frame_width(profile.paper_size, landscape=True)
    labels = {k: v.label for k, v in sources_for(info.category).items()}
    story = priority_list_story(
        title=CATEGORY_TITLES.get(info.category, "DAFTAR PRIORITAS"),
        subtitle_lines=_subtitles(info, names), criteria=cs.criteria, weights=info.weights,
        source_labels=labels, method_lines=ranking.method_text(info.method), ranked=ranked,
        ineligible=ineligible, width=width, place=profile.city,
        signatory=Signatory(profile.head_title, profile.head_name, profile.head_rank,
                            profile.head_nip),
        prepared_by=Signatory("Petugas penyusun", actor.full_name if info.status == "draft"
                              else info.created_by_name),
        sign_date=(info.approved_at or info.frozen_at or utcnow()).date(),
        draft=info.status == "draft")
    build_pdf(target, story, page_size=profile.paper_size, landscape=True,
              letterhead=letterhead_from_profile(profile), title=info.title or "Daftar prioritas",
              author=profile.name)
    with unit_of_work(app) as session:
        audit.record(session, actor, "print", "priority_list", list_id,
                     after={"file": Path(target).name, "rows": len(ranked)},
                     summary=f"Cetak daftar prioritas {info.category}")
    if progress:
        progress(3, 3, "Selesai")
    return Path(target)


def print_score_sheet(app: AppContext, actor: Actor, list_id: int, submission_id: int,
                      target: Path) -> Path:
    from desktop_app.core.reports.base import (
        Signatory,
        build_pdf,
        frame_width,
        letterhead_from_profile,
    )
    from desktop_app.ranking.reports import score_sheet_story

    info = ranking.get_list(app, actor, list_id)
    cs = ranking.get_set(app, actor, info.criteria_set_id)
    explanation = ranking.explain(app, actor, list_id, submission_id)
    profile = _profile(app)
    names = regions.region_names(app)
    row = next((r for r in ranking.RankedPageSource(app, actor, list_id).fetch(
        ranking.EntryFilter(eligible=None, text=explanation.number), "rank", False, 0, 5)
        if r.submission_id == submission_id), None)
    label = f"{info.title or info.status_label} ({info.method_label}, {info.criteria_label}; " \
            f"cakupan {info.scope.describe(names)})"
    story = score_sheet_story(
        explanation=explanation, criteria=cs.criteria, list_label=label,
        method_lines=ranking.method_text(info.method), desa=row.desa if row else "",
        width=frame_width(profile.paper_size), place=profile.city,
        signatory=Signatory(profile.head_title, profile.head_name, profile.head_rank,
                            profile.head_nip), when=clock.today())
    build_pdf(target, story, page_size=profile.paper_size,
              letterhead=letterhead_from_profile(profile), title="Lembar penilaian prioritas",
              author=profile.name)
    with unit_of_work(app) as session:
        audit.record(session, actor, "print", "priority_list", list_id,
                     after={"submission_id": submission_id, "file": Path(target).name},
                     summary=f"Cetak lembar penilaian {explanation.number}")
    return Path(target)


def export_list_xlsx(app: AppContext, actor: Actor, list_id: int, target: Path,
                     progress: Progress | None = None) -> Path:
    """Ranked list in rank order, one column per criterion (value as scored), the ineligible
    apart, and a 'Metode' sheet with the method, each criterion's direction, weight and the
    normalisation numbers, so that a reader can recompute any score by hand."""
    require(actor, Permission.DATA_EXPORT)
    from desktop_app.core.exchange.writer import ColumnFormat, SheetSpec, write_table

    info = ranking.get_list(app, actor, list_id)
    cs = ranking.get_set(app, actor, info.criteria_set_id)
    profile = _profile(app)
    names = regions.region_names(app)
    if progress:
        progress(0, 3, "Membaca daftar…")
    ranked = ranking.list_entries(app, actor, list_id, eligible=True)
    ineligible = ranking.list_entries(app, actor, list_id, eligible=False)
    params = ranking.list_params(app, actor, list_id)
    crit_cols = [ColumnFormat(c.name, 16) for c in cs.criteria]
    base = [ColumnFormat("Peringkat", 10), ColumnFormat("Nomor", 16), ColumnFormat("Nama", 28),
            ColumnFormat("Desa/Kelurahan", 20), ColumnFormat("RT/RW", 8)]
    title_rows = [profile.name, CATEGORY_TITLES.get(info.category, "DAFTAR PRIORITAS"),
                  *_subtitles(info, names)]
    sheet_ranked = SheetSpec(
        "Peringkat", base + [ColumnFormat("Skor", 10, "0.0000")] + crit_cols,
        ([r.rank, r.number, r.name, r.desa, r.rt_rw, r.score, *r.values] for r in ranked),
        title_rows=title_rows)
    sheet_out = SheetSpec(
        "Tidak memenuhi syarat", base[1:] + [ColumnFormat("Alasan", 50)] + crit_cols,
        ([r.number, r.name, r.desa, r.rt_rw, r.reason, *r.values] for r in ineligible),
        title_rows=[profile.name, "Tidak memenuhi syarat (tidak diperingkat)"])
    labels = {k: v.label for k, v in sources_for(info.category).items()}
    method_rows: list[list[object]] = [[line] for line in ranking.method_text(info.method)]
    method_rows.append([])
    method_rows.append(["No", "Kriteria (judul kolom)", "Sumber nilai", "Arah", "Bobot",
                        "Nilai terbesar", "Nilai terkecil", "Skor pilihan"])
    for i, (c, w) in enumerate(zip(cs.criteria, info.weights, strict=True)):
        method_rows.append([
            i + 1, c.name, labels.get(c.source, c.source),
            "benefit" if c.direction.value == "benefit" else "cost", w,
            params.get("max", [None] * len(cs.criteria))[i],
            params.get("min", [None] * len(cs.criteria))[i],
            "; ".join(f"{k} = {v:g}" for k, v in (c.choice_scores or {}).items())])
    if info.method == "saw":
        method_rows += [[], ["Contoh hitung ulang (SAW): untuk kriteria benefit, nilai normal = "
                             "nilai ÷ nilai terbesar; untuk cost, nilai terkecil ÷ nilai; skor = "
                             "jumlah bobot × nilai normal. Nilai kosong = 0."]]
    else:
        method_rows += [[], ["TOPSIS: panjang vektor, solusi ideal positif dan negatif per "
                             "kriteria:"], ["Kriteria", "Panjang vektor", "Ideal (+)",
                                            "Ideal (−)", "Pengisi nilai kosong"]]
        for i, c in enumerate(cs.criteria):
            method_rows.append([c.name, params["length"][i], params["ideal"][i],
                                params["anti"][i], params["fill"][i]])
    sheet_method = SheetSpec("Metode", [ColumnFormat("Metode dan kriteria", 60)] +
                             [ColumnFormat("", 18) for _ in range(7)], method_rows,
                             title_rows=[profile.name, "Cara menghitung skor"],
                             freeze_header=False, autofilter=False)
    if progress:
        progress(1, 3, "Menulis xlsx…")
    write_table(target, [sheet_ranked, sheet_out, sheet_method])
    with unit_of_work(app) as session:
        audit.record(session, actor, "export", "priority_list", list_id,
                     after={"file": Path(target).name, "rows": len(ranked) + len(ineligible)},
                     summary=f"Ekspor daftar prioritas {info.category} ke xlsx")
    if progress:
        progress(3, 3, "Selesai")
    return Path(target)


def category_label(category: str) -> str:
    return Category(category).label
