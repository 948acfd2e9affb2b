"""REMBUK REMAS tables: the year's frame (priorities, macro problems with indicators, ceilings),
the kamus usulan, proposals with one result row per tier, rembuks, criteria sets, history and
accountability."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from desktop_app.db.base import Base, TimestampMixin, VersionedMixin, utcnow


class PlanningYear(TimestampMixin, VersionedMixin, Base):
    """A planning cycle, named by the RKPD year it plans (Musrenbang 2026 plans RKPD 2027)."""

    __tablename__ = "planning_years"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    theme: Mapped[str] = mapped_column(Text, default="")  # tema RKPD
    note: Mapped[str] = mapped_column(Text, default="")


class PlanningPriority(VersionedMixin, Base):
    """A development priority of the RPJMD/RKPD (or provincial, national) with its target."""

    __tablename__ = "planning_priorities"
    __table_args__ = (UniqueConstraint("year", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(ForeignKey("planning_years.year"), index=True)
    code: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(12), default="rkpd")
    title: Mapped[str] = mapped_column(String(300))
    target: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class MacroProblem(VersionedMixin, Base):
    """One of the region's macro problems presented at the rembuk (kemiskinan, pengangguran…)."""

    __tablename__ = "planning_macro_problems"
    __table_args__ = (UniqueConstraint("year", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(ForeignKey("planning_years.year"), index=True)
    code: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class MacroIndicator(Base):
    """An indicator of a macro problem: its value in a year, the target, for the kabupaten or a
    kecamatan/desa (``region_code``)."""

    __tablename__ = "planning_indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    problem_id: Mapped[int] = mapped_column(
        ForeignKey("planning_macro_problems.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str] = mapped_column(String(40), default="")
    region_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"))
    value_year: Mapped[int] = mapped_column(Integer)
    value: Mapped[float | None] = mapped_column(Float)
    target: Mapped[float | None] = mapped_column(Float)
    higher_is_better: Mapped[bool] = mapped_column(Boolean, default=False)


class PlanningCeiling(VersionedMixin, Base):
    """Pagu indikatif of a region (kecamatan; also desa or kabupaten) for a year, in Rupiah."""

    __tablename__ = "planning_ceilings"

    year: Mapped[int] = mapped_column(ForeignKey("planning_years.year"), primary_key=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"), primary_key=True)
    amount: Mapped[int] = mapped_column(BigInteger)
    note: Mapped[str] = mapped_column(Text, default="")


class CatalogueEntry(TimestampMixin, VersionedMixin, Base):
    """Kamus usulan: a standard proposal with unit price, SKPD and Permendagri 90/2019 codes."""

    __tablename__ = "planning_catalogue"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    work: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str] = mapped_column(String(40))
    unit_price: Mapped[int] = mapped_column(BigInteger)
    agency: Mapped[str] = mapped_column(String(200), default="")
    physical: Mapped[bool] = mapped_column(Boolean, default=True)
    authority: Mapped[str] = mapped_column(String(12), default="kabupaten")
    affair_code: Mapped[str] = mapped_column(String(10), default="")
    program_code: Mapped[str] = mapped_column(String(12), default="")
    activity_code: Mapped[str] = mapped_column(String(16), default="")
    sub_activity_code: Mapped[str] = mapped_column(String(22), default="")
    sub_activity_name: Mapped[str] = mapped_column(String(300), default="")
    output: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class PlanningProposal(TimestampMixin, Base):
    """One usulan Musrenbang with the fields SIPD keeps; ``level`` is the tier it is at now and
    ``planning_tier_results`` holds each tier's own screening, recommendation, volume and cost."""

    __tablename__ = "planning_proposals"
    __table_args__ = (
        UniqueConstraint("year", "kecamatan_code", "seq"),
        Index("ix_planning_proposals_year_level_kec", "year", "level", "kecamatan_code"),
        Index("ix_planning_proposals_year_desa", "year", "desa_code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)  # travels with exports
    # MUS/2027/07/00012: numbered per kecamatan, so the lists of several kecamatan meet in
    # Bappeda's database without renumbering.
    number: Mapped[str] = mapped_column(String(30), unique=True)
    year: Mapped[int] = mapped_column(ForeignKey("planning_years.year"))
    seq: Mapped[int] = mapped_column(Integer)
    level: Mapped[str] = mapped_column(String(12))  # current tier
    returned: Mapped[bool] = mapped_column(Boolean, default=False)  # sent back for revision
    desa_code: Mapped[str] = mapped_column(ForeignKey("regions.code"))
    kecamatan_code: Mapped[str] = mapped_column(String(13))
    rt: Mapped[str] = mapped_column(String(5), default="")
    rw: Mapped[str] = mapped_column(String(5), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    problem: Mapped[str] = mapped_column(Text)
    work: Mapped[str] = mapped_column(String(500))
    proposer_name: Mapped[str] = mapped_column(String(200))
    proposer_level: Mapped[str] = mapped_column(String(12))
    proposer_contact: Mapped[str] = mapped_column(String(100), default="")
    catalogue_id: Mapped[int | None] = mapped_column(ForeignKey("planning_catalogue.id"))
    unit: Mapped[str] = mapped_column(String(40))
    volume: Mapped[float] = mapped_column(Float)
    unit_price: Mapped[int] = mapped_column(BigInteger)
    cost: Mapped[int] = mapped_column(BigInteger)
    agency: Mapped[str] = mapped_column(String(200), default="")  # SKPD tujuan
    first_agency: Mapped[str] = mapped_column(String(200), default="")  # SKPD pertama diusulkan
    affair_code: Mapped[str] = mapped_column(String(10), default="")
    program_code: Mapped[str] = mapped_column(String(12), default="")
    activity_code: Mapped[str] = mapped_column(String(16), default="")
    sub_activity_code: Mapped[str] = mapped_column(String(22), default="")
    sub_activity_name: Mapped[str] = mapped_column(String(300), default="")
    physical: Mapped[bool] = mapped_column(Boolean, default=True)
    authority: Mapped[str] = mapped_column(String(12), default="kabupaten")
    land_status: Mapped[str] = mapped_column(String(12), default="belum_jelas")
    land_note: Mapped[str] = mapped_column(Text, default="")
    coverage: Mapped[str] = mapped_column(String(12), default="rt")
    beneficiaries: Mapped[int | None] = mapped_column(Integer)
    priority_id: Mapped[int | None] = mapped_column(ForeignKey("planning_priorities.id"))
    macro_problem_id: Mapped[int | None] = mapped_column(
        ForeignKey("planning_macro_problems.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(12), default="form")
    submission_id: Mapped[int | None] = mapped_column(ForeignKey("submissions.id"), index=True)
    meeting_problem_id: Mapped[int | None] = mapped_column(ForeignKey("problems.id"),
                                                           index=True)
    import_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    sipd_id: Mapped[str | None] = mapped_column(String(40), index=True)
    realisation: Mapped[str] = mapped_column(String(14), default="belum")
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)


class TierResult(Base):
    """What one tier made of one proposal: the tests, the verdict with its reasons, this tier's
    recommendation, volume and cost, the score, rank and UTAMA/CADANGAN."""

    __tablename__ = "planning_tier_results"
    __table_args__ = (
        UniqueConstraint("proposal_id", "level"),
        Index("ix_planning_tier_results_scope", "year", "level", "region_code", "verdict"),
        Index("ix_planning_tier_results_rank", "year", "level", "region_code", "rank"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("planning_proposals.id", ondelete="CASCADE"))
    level: Mapped[str] = mapped_column(String(12))
    year: Mapped[int] = mapped_column(Integer)
    region_code: Mapped[str] = mapped_column(String(13))  # the rembuk's region at this tier
    verdict: Mapped[str | None] = mapped_column(String(20))
    aligned: Mapped[bool | None] = mapped_column(Boolean)
    priority_id: Mapped[int | None] = mapped_column(ForeignKey("planning_priorities.id"))
    within_ceiling: Mapped[bool | None] = mapped_column(Boolean)
    direct_impact: Mapped[bool | None] = mapped_column(Boolean)
    core_problem: Mapped[bool | None] = mapped_column(Boolean)
    authority_ok: Mapped[bool | None] = mapped_column(Boolean)
    land_ok: Mapped[bool | None] = mapped_column(Boolean)
    reasons: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    redirect_target: Mapped[str] = mapped_column(String(12), default="")
    redirect_detail: Mapped[str] = mapped_column(String(300), default="")
    recommendation: Mapped[str] = mapped_column(Text, default="")
    volume: Mapped[float] = mapped_column(Float)
    unit_price: Mapped[int] = mapped_column(BigInteger)
    cost: Mapped[int] = mapped_column(BigInteger)
    scores_json: Mapped[str] = mapped_column(Text, default="{}")
    score: Mapped[float | None] = mapped_column(Float)
    rank: Mapped[int | None] = mapped_column(Integer)
    priority_tier: Mapped[str | None] = mapped_column(String(10))
    tier_manual: Mapped[bool] = mapped_column(Boolean, default=False)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    decided_by_name: Mapped[str] = mapped_column(String(200), default="")


class ProposalEvent(Base):
    """The history of a proposal: created, screened (each verdict kept), returned, revised,
    forwarded, received, realisation steps."""

    __tablename__ = "planning_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("planning_proposals.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    level: Mapped[str] = mapped_column(String(12), default="")
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text, default="")
    by_name: Mapped[str] = mapped_column(String(200), default="")


class Rembuk(TimestampMixin, VersionedMixin, Base):
    """The Musrenbang/rembuk of one tier and region for a year; its attendance, agenda and
    notulen live in the meeting log (``meeting_id``)."""

    __tablename__ = "planning_rembuks"
    __table_args__ = (UniqueConstraint("year", "level", "region_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(ForeignKey("planning_years.year"))
    level: Mapped[str] = mapped_column(String(12))
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"))
    status: Mapped[str] = mapped_column(String(12), default="berjalan")
    ceiling: Mapped[int | None] = mapped_column(BigInteger)  # the pagu used for the split
    method: Mapped[str] = mapped_column(String(10), default="saw")
    ranked_with_json: Mapped[str] = mapped_column(Text, default="")  # criteria sets used
    ranked_at: Mapped[datetime | None] = mapped_column(DateTime)
    ba_number: Mapped[str] = mapped_column(String(80), default="")
    finalized_at: Mapped[datetime | None] = mapped_column(DateTime)
    finalized_by_name: Mapped[str] = mapped_column(String(200), default="")
    forwarded_at: Mapped[datetime | None] = mapped_column(DateTime)
    forwarded_by_name: Mapped[str] = mapped_column(String(200), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Who acknowledges ("Mengetahui") the berita acara; no name: the office profile's head.
    acknowledger_name: Mapped[str] = mapped_column(String(200), default="")
    acknowledger_position: Mapped[str] = mapped_column(String(200), default="")
    acknowledger_nip: Mapped[str] = mapped_column(String(18), default="")


class Delegate(Base):
    """A delegate the rembuk chose for the next tier's Musrenbang."""

    __tablename__ = "planning_delegates"

    id: Mapped[int] = mapped_column(primary_key=True)
    rembuk_id: Mapped[int] = mapped_column(
        ForeignKey("planning_rembuks.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200), default="")  # jabatan / unsur
    institution: Mapped[str] = mapped_column(String(200), default="")
    nip: Mapped[str] = mapped_column(String(18), default="")


class PlanningCriteriaSet(Base):
    """A versioned criteria set for physical or non-physical proposals; never edited in
    place (saving makes the next version), so every ranking stays reproducible."""

    __tablename__ = "planning_criteria_sets"
    __table_args__ = (UniqueConstraint("kind", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    criteria_json: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_by_name: Mapped[str] = mapped_column(String(200), default="")


class RealisationEntry(Base):
    """A dated accountability step of an accepted proposal: in RKPD, in APBD, progress, done."""

    __tablename__ = "planning_realisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("planning_proposals.id", ondelete="CASCADE"), index=True)
    on_date: Mapped[date] = mapped_column(Date)
    stage: Mapped[str] = mapped_column(String(14))
    progress: Mapped[int | None] = mapped_column(Integer)  # percent
    amount: Mapped[int | None] = mapped_column(BigInteger)  # budgeted or spent, Rupiah
    note: Mapped[str] = mapped_column(Text, default="")
    by_name: Mapped[str] = mapped_column(String(200), default="")
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ProposalPhoto(Base):
    __tablename__ = "planning_photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("planning_proposals.id", ondelete="CASCADE"), index=True)
    stored_name: Mapped[str] = mapped_column(String(80))
    filename: Mapped[str] = mapped_column(String(255))
    caption: Mapped[str] = mapped_column(String(300), default="")
    added_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class PlanningTransfer(Base):
    """A forwarded tier's file imported at the next tier; importing it again changes nothing."""

    __tablename__ = "planning_transfers"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_uid: Mapped[str] = mapped_column(String(36), unique=True)
    file_sha256: Mapped[str] = mapped_column(String(64))
    year: Mapped[int] = mapped_column(Integer)
    level: Mapped[str] = mapped_column(String(12))
    region_code: Mapped[str] = mapped_column(String(13))
    rows: Mapped[int] = mapped_column(Integer)
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    by_name: Mapped[str] = mapped_column(String(200), default="")
