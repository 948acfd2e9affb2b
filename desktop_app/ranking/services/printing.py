"""Printing and exporting priority lists (use cases): the landscape PDF list, one submission's
score sheet, and the xlsx workbook (layout in ``ranking/exchange.py``). Each reads everything
in one transaction, writes the file outside it, and records the print or export in the audit
trail."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from desktop_app.core.domain import clock
from desktop_app.core.domain.errors import ValidationError
from desktop_app.core.domain.formatting import format_datetime
from desktop_app.core.domain.progress import Progress
from desktop_app.core.domain.roles import Permission
from desktop_app.core.services import audit, office, regions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.db.base import utcnow
from desktop_app.ranking.domain.criteria import sources_for
from desktop_app.ranking.domain.lists import LIST_TITLES, method_text
from desktop_app.ranking.domain.methods import Criterion
from desktop_app.ranking.services.criteria_sets import CriteriaSetInfo, load_set
from desktop_app.ranking.services.entries import read_entries
from desktop_app.ranking.services.explanation import Explanation, explain_in
from desktop_app.ranking.services.lists import PriorityListInfo, list_params, load_list
from desktop_app.ranking.services.rows import RankedRow


@dataclass
class _ListData:
    """What a printout of one list needs, read in one transaction."""

    info: PriorityListInfo
    criteria_set: CriteriaSetInfo
    profile: Any  # core OfficeProfileData
    names: dict[str, str]
    ranked: list[RankedRow]
    ineligible: list[RankedRow]

    @property
    def criteria(self) -> list[Criterion]:
        return self.criteria_set.criteria

    @property
    def title(self) -> str:
        return LIST_TITLES.get(self.info.category, "DAFTAR PRIORITAS")

    @property
    def source_labels(self) -> dict[str, str]:
        return {k: v.label for k, v in sources_for(self.info.category).items()}

    def subtitles(self) -> list[str]:
        info = self.info
        lines = [info.title] if info.title else []
        lines.append(f"Cakupan: {info.scope.describe(self.names)}; metode {info.method_label}; "
                     f"{info.criteria_label}")
        if info.frozen_at:
            lines.append(f"Dibekukan {format_datetime(info.frozen_at)} oleh "
                         f"{info.created_by_name} (daftar no. {info.number})")
        if info.approved_at:
            lines.append(f"Disetujui {format_datetime(info.approved_at)} oleh "
                         f"{info.approved_by_name}")
        return lines


def _profile(session: Session) -> Any:
    profile = office.load_profile(session)
    if profile is None:
        raise ValidationError("Profil kantor belum diisi; isi dahulu di Pengaturan.")
    return profile


def _read_list(session: Session, list_id: int, *, entries: bool = True) -> _ListData:
    info = load_list(session, list_id)
    cs = load_set(session, info.criteria_set_id)
    ranked = read_entries(session, info, cs, eligible=True) if entries else []
    ineligible = read_entries(session, info, cs, eligible=False) if entries else []
    return _ListData(info, cs, _profile(session), dict(regions.names(session)), ranked,
                     ineligible)


def _audit(app: AppContext, actor: Actor, action: str, list_id: int, after: dict[str, Any],
           summary: str) -> None:
    with unit_of_work(app) as session:
        audit.record(session, actor, action, "priority_list", list_id, after=after,
                     summary=summary)


def print_priority_list(app: AppContext, actor: Actor, list_id: int, target: Path,
                        progress: Progress | None = None) -> Path:
    require(actor, Permission.RANKING_RUN)
    from desktop_app.core.reports.base import (
        Signatory,
        build_pdf,
        frame_width,
        letterhead_from_profile,
    )
    from desktop_app.ranking.reports import priority_list_story

    if progress:
        progress(0, 3, "Membaca daftar…")
    with unit_of_work(app, write=False) as session:
        data = _read_list(session, list_id)
    info, profile = data.info, data.profile
    if progress:
        progress(1, 3, "Menyusun PDF…")
    story = priority_list_story(
        title=data.title, subtitle_lines=data.subtitles(), criteria=data.criteria,
        weights=info.weights, source_labels=data.source_labels,
        method_lines=method_text(info.method), ranked=data.ranked, ineligible=data.ineligible,
        width=frame_width(profile.paper_size, landscape=True), place=profile.city,
        signatory=Signatory(profile.head_title, profile.head_name, profile.head_rank,
                            profile.head_nip),
        prepared_by=Signatory("Petugas penyusun", actor.full_name if info.is_draft
                              else info.created_by_name),
        sign_date=(info.approved_at or info.frozen_at or utcnow()).date(),
        draft=info.is_draft)
    build_pdf(target, story, page_size=profile.paper_size, landscape=True,
              letterhead=letterhead_from_profile(profile), title=info.title or "Daftar prioritas",
              author=profile.name)
    _audit(app, actor, "print", list_id, {"file": Path(target).name, "rows": len(data.ranked)},
           f"Cetak daftar prioritas {info.category}")
    if progress:
        progress(3, 3, "Selesai")
    return Path(target)


def print_score_sheet(app: AppContext, actor: Actor, list_id: int, submission_id: int,
                      target: Path, progress: Progress | None = None) -> Path:
    require(actor, Permission.RANKING_RUN)
    from desktop_app.core.reports.base import (
        Signatory,
        build_pdf,
        frame_width,
        letterhead_from_profile,
    )
    from desktop_app.ranking.reports import score_sheet_story

    with unit_of_work(app, write=False) as session:
        data = _read_list(session, list_id, entries=False)
        explanation: Explanation = explain_in(session, data.info, data.criteria_set, submission_id)
    info, profile = data.info, data.profile
    label = f"{info.title or info.status_label} ({info.method_label}, {info.criteria_label}; " \
            f"cakupan {info.scope.describe(data.names)})"
    story = score_sheet_story(
        explanation=explanation, criteria=data.criteria, list_label=label,
        method_lines=method_text(info.method), desa=explanation.desa,
        width=frame_width(profile.paper_size), place=profile.city,
        signatory=Signatory(profile.head_title, profile.head_name, profile.head_rank,
                            profile.head_nip), when=clock.today())
    build_pdf(target, story, page_size=profile.paper_size,
              letterhead=letterhead_from_profile(profile), title="Lembar penilaian prioritas",
              author=profile.name)
    _audit(app, actor, "print", list_id,
           {"submission_id": submission_id, "file": Path(target).name},
           f"Cetak lembar penilaian {explanation.number}")
    return Path(target)


def export_list_xlsx(app: AppContext, actor: Actor, list_id: int, target: Path,
                     progress: Progress | None = None) -> Path:
    """Ranked list in rank order, one column per criterion (value as scored), the ineligible
    apart, and a 'Metode' sheet with the method, each criterion's direction, weight and the
    normalisation numbers, so that a reader can recompute any score by hand."""
    require(actor, Permission.RANKING_RUN)
    require(actor, Permission.DATA_EXPORT)
    from desktop_app.ranking.exchange import write_priority_list

    if progress:
        progress(0, 3, "Membaca daftar…")
    with unit_of_work(app, write=False) as session:
        data = _read_list(session, list_id)
        params = list_params(session, list_id)
    info = data.info
    if progress:
        progress(1, 3, "Menulis xlsx…")
    write_priority_list(
        target, office_name=data.profile.name, title=data.title,
        subtitle_lines=data.subtitles(), method=info.method,
        method_lines=method_text(info.method), criteria=data.criteria, weights=info.weights,
        source_labels=data.source_labels, params=params, ranked=data.ranked,
        ineligible=data.ineligible)
    _audit(app, actor, "export", list_id,
           {"file": Path(target).name, "rows": len(data.ranked) + len(data.ineligible)},
           f"Ekspor daftar prioritas {info.category} ke xlsx")
    if progress:
        progress(3, 3, "Selesai")
    return Path(target)
