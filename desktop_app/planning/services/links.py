"""Usulan made from KULA RAKAT's frozen priority lists and from problems raised in RUKO PARSEL
meetings, linked both ways: the usulan keeps the submission or problem it came from, and the
KULA RAKAT record's timeline says which usulan Musrenbang it became."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select

from desktop_app.core.domain.errors import AppError, ValidationError
from desktop_app.core.domain.roles import Permission
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.intake.services import details as intake_details
from desktop_app.intake.services import workflow as intake_workflow
from desktop_app.planning.domain.labels import (
    Coverage,
    LandStatus,
    PlanningLevel,
    ProposalSource,
    ProposerLevel,
)
from desktop_app.planning.domain.proposals import ProposalInput, check
from desktop_app.planning.models import CatalogueEntry, PlanningProposal
from desktop_app.planning.services import meeting_link
from desktop_app.planning.services.proposals import SavedProposal, create_in
from desktop_app.ranking.services import entries as ranking_entries
from desktop_app.ranking.services import lists as ranking_lists

# KULA RAKAT's categories and the kamus entry their usulan start from.
CATEGORY_KAMUS = {"rtlh": "RTLH-01", "jalan": "JLN-01", "drainase": "DRN-01"}
FOLLOWED_UP = "ditindaklanjuti"


@dataclass(frozen=True)
class FrozenList:
    id: int
    title: str
    category: str
    ranked: int


@dataclass(frozen=True)
class ListEntry:
    submission_id: int
    rank: int | None
    number: str
    name: str
    desa: str
    score: float | None


def frozen_lists(app: AppContext, actor: Actor) -> list[FrozenList]:
    require(actor, Permission.PLANNING_ENTER)
    return [FrozenList(p.id, p.title, p.category, p.ranked_count)
            for p in ranking_lists.frozen_lists(app, actor)]


def list_entries(app: AppContext, actor: Actor, list_id: int) -> list[ListEntry]:
    require(actor, Permission.PLANNING_ENTER)
    return [ListEntry(r.submission_id, r.rank, r.number, r.name, r.desa, r.score)
            for r in ranking_entries.list_entries(app, actor, list_id, eligible=True)]


@dataclass
class LinkResult:
    created: list[SavedProposal] = field(default_factory=list)
    already: list[str] = field(default_factory=list)  # submission numbers already proposed
    notes: list[str] = field(default_factory=list)  # back-links that could not be written

    @property
    def text(self) -> str:
        parts = [f"{len(self.created)} usulan dibuat"]
        if self.already:
            parts.append(f"{len(self.already)} sudah pernah diusulkan ({', '.join(self.already)})")
        return "; ".join(parts) + "." + ("\n" + "\n".join(self.notes) if self.notes else "")


def _from_submission(d: intake_details.SubmissionDetail, year: int,
                     entry: CatalogueEntry | None) -> ProposalInput:
    volume = d.details.get("length_m") if d.category in ("jalan", "drainase") else 1
    price = entry.unit_price if entry else int(d.details.get("estimated_cost") or 0)
    return ProposalInput(
        year=year, desa_code=d.desa_code, problem=(d.description or d.subject).strip(),
        work=f"{entry.work if entry else d.subject} ({d.number})"[:500],
        proposer_name=d.reporter_name or "Warga", unit=entry.unit if entry else "paket",
        volume=float(volume or 1), unit_price=int(price), rt=d.rt, rw=d.rw,
        address=d.address, latitude=d.latitude, longitude=d.longitude,
        catalogue_id=entry.id if entry else None, agency=entry.agency if entry else "",
        sub_activity_code=entry.sub_activity_code if entry else "",
        sub_activity_name=entry.sub_activity_name if entry else "",
        physical=entry.physical if entry else True,
        authority=entry.authority if entry else "kabupaten",
        land_status=LandStatus.PRIVATE.value if d.category == "rtlh"
        else LandStatus.UNKNOWN.value,
        coverage=Coverage.RT.value, proposer_level=ProposerLevel.WARGA.value,
        note=f"Dari daftar prioritas KULA RAKAT: {d.number} ({d.category_label}).")


def from_priority_list(app: AppContext, actor: Actor, year: int,
                       submission_ids: Sequence[int],
                       level: PlanningLevel | str = PlanningLevel.DESA) -> LinkResult:
    """One usulan per chosen entry of a frozen KULA RAKAT list, costed from the kamus."""
    require(actor, Permission.PLANNING_ENTER)
    subs = [intake_details.get_submission(app, actor, sid) for sid in submission_ids]
    result = LinkResult()
    made: list[tuple[intake_details.SubmissionDetail, SavedProposal]] = []
    with unit_of_work(app) as session:
        kamus = {c.code: c for c in session.scalars(select(CatalogueEntry))}
        taken = set(session.scalars(select(PlanningProposal.submission_id).where(
            PlanningProposal.submission_id.in_(list(submission_ids)),
            PlanningProposal.year == year)))
        for d in subs:
            if d.id in taken:
                result.already.append(d.number)
                continue
            data = _from_submission(d, year, kamus.get(CATEGORY_KAMUS.get(d.category, "")))
            try:
                clean = check(data)
            except ValidationError as exc:
                raise ValidationError(f"{d.number}: " + "; ".join(exc.field_errors.values())) \
                    from exc
            p = create_in(session, actor, clean, level=PlanningLevel(level),
                          source=ProposalSource.KULA_RAKAT, submission_id=d.id)
            saved = SavedProposal(p.id, p.number, p.uid)
            result.created.append(saved)
            made.append((d, saved))
    for d, saved in made:
        try:  # the way back: the KULA RAKAT record says which usulan it became
            intake_workflow.change_status(app, actor, d.id, FOLLOWED_UP,
                                          f"Diusulkan ke Musrenbang sebagai {saved.number}.")
        except AppError as exc:
            result.notes.append(f"{d.number}: status KULA RAKAT tidak diubah ({exc.message})")
    return result


def from_meeting_problem(app: AppContext, actor: Actor, meeting_id: int, problem_id: int,
                         data: ProposalInput,
                         level: PlanningLevel | str = PlanningLevel.DESA) -> SavedProposal:
    """An usulan written from a problem raised in a meeting (the form is pre-filled)."""
    require(actor, Permission.PLANNING_ENTER)
    clean = check(data)
    with unit_of_work(app) as session:
        if meeting_link.problem_in(session, meeting_id, problem_id) is None:
            raise ValidationError("Masalah rapat yang dipilih tidak ditemukan.")
        p = create_in(session, actor, clean, level=PlanningLevel(level),
                      source=ProposalSource.MEETING, meeting_problem_id=problem_id)
        return SavedProposal(p.id, p.number, p.uid)


@dataclass(frozen=True)
class LinkedProposal:
    id: int
    number: str
    year: int
    work: str
    level: str


def proposals_for(app: AppContext, actor: Actor, *, submission_id: int | None = None,
                  problem_id: int | None = None) -> list[LinkedProposal]:
    """The usulan made from a KULA RAKAT record or a meeting problem (for their screens)."""
    require(actor, Permission.PLANNING_VIEW)
    with unit_of_work(app, write=False) as session:
        stmt = select(PlanningProposal)
        if submission_id is not None:
            stmt = stmt.where(PlanningProposal.submission_id == submission_id)
        elif problem_id is not None:
            stmt = stmt.where(PlanningProposal.meeting_problem_id == problem_id)
        else:
            return []
        return [LinkedProposal(p.id, p.number, p.year, p.work, p.level)
                for p in session.scalars(stmt.order_by(PlanningProposal.id))]


def problems_raised(app: AppContext, actor: Actor) -> list[meeting_link.RaisedProblem]:
    require(actor, Permission.PLANNING_ENTER)
    return meeting_link.problems_raised(app, actor)
