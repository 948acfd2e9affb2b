"""Priority ranking tables: versioned criteria sets, and priority lists with their entries.

A criteria set never changes once used: editing one saves a new version. A priority list is
either the working ranking of one user ("draft", replaced by the next run; its ranking is one
blob in ``working_rankings``) or a frozen list ("frozen", then "approved") whose entries keep
a snapshot of every value they were ranked on.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from desktop_app.db.base import Base, VersionedMixin, utcnow


class CriteriaSet(Base):
    __tablename__ = "criteria_sets"
    __table_args__ = (UniqueConstraint("category", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    category: Mapped[str] = mapped_column(String(20), index=True)
    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)  # the version used by default
    eligibility_json: Mapped[str] = mapped_column(Text, default="[]")  # hard rules, JSON list
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_by_name: Mapped[str] = mapped_column(String(200), default="")


class CriterionRow(Base):
    __tablename__ = "criteria"

    id: Mapped[int] = mapped_column(primary_key=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("criteria_sets.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(60))
    direction: Mapped[str] = mapped_column(String(10))
    weight: Mapped[float] = mapped_column(Float)
    choice_scores_json: Mapped[str | None] = mapped_column(Text)


class PriorityList(VersionedMixin, Base):
    __tablename__ = "priority_lists"

    id: Mapped[int] = mapped_column(primary_key=True)
    category: Mapped[str] = mapped_column(String(20), index=True)
    status: Mapped[str] = mapped_column(String(12), index=True)  # domain.lists.ListStatus
    # "Daftar no. N": frozen lists are numbered 1, 2, … in the order they were frozen; a
    # working (draft) list has no number.
    number: Mapped[int | None] = mapped_column(Integer, unique=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    method: Mapped[str] = mapped_column(String(10))
    criteria_set_id: Mapped[int] = mapped_column(ForeignKey("criteria_sets.id"))
    scope_json: Mapped[str] = mapped_column(Text, default="{}")  # year, kecamatan, desa ranked
    params_json: Mapped[str] = mapped_column(Text, default="{}")  # normalisation parameters
    weights_json: Mapped[str] = mapped_column(Text, default="[]")  # normalised weights used
    ranked_count: Mapped[int] = mapped_column(Integer, default=0)
    ineligible_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_by_name: Mapped[str] = mapped_column(String(200), default="")
    frozen_at: Mapped[datetime | None] = mapped_column(DateTime)
    approved_at: Mapped[datetime | None] = mapped_column(DateTime)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_by_name: Mapped[str] = mapped_column(String(200), default="")
    approval_note: Mapped[str] = mapped_column(Text, default="")


class PriorityEntry(Base):
    """One ranked (or ineligible) submission in a list; frozen lists keep a full snapshot."""

    __tablename__ = "priority_entries"
    __table_args__ = (
        Index("ix_priority_entries_list_rank", "list_id", "eligible", "rank"),
        Index("ix_priority_entries_list_desa", "list_id", "desa_code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("priority_lists.id", ondelete="CASCADE"))
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), index=True)
    rank: Mapped[int | None] = mapped_column(Integer)  # None when ineligible
    score: Mapped[float | None] = mapped_column(Float)
    eligible: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(Text, default="")  # why ineligible
    missing: Mapped[str] = mapped_column(String(300), default="")  # criteria keys with no value
    number: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    desa_code: Mapped[str] = mapped_column(String(13))
    rt: Mapped[str | None] = mapped_column(String(3))
    rw: Mapped[str | None] = mapped_column(String(3))
    values_json: Mapped[str | None] = mapped_column(Text)  # frozen lists: scored values


class WorkingRanking(Base):
    """A working (draft) list's ranking as one blob of numpy arrays (``domain/working.py``):
    kept in milliseconds however many rows, paged in memory; frozen lists use entries."""

    __tablename__ = "working_rankings"

    list_id: Mapped[int] = mapped_column(
        ForeignKey("priority_lists.id", ondelete="CASCADE"), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class RankingInput(Base):
    """A cache of one submission's criterion inputs as a fixed-width record
    (``domain/inputs.py``), so that a ranking reads a million of them as one blob per query.

    Never trusted beyond what triggers on ``submissions`` allow: any insert, update or delete
    of a submission deletes its record (``services/inputs.py`` creates the triggers and checks
    they exist before reading), and a record made with another layout is ignored. Missing
    records are computed from the submission itself and stored after the ranking."""

    __tablename__ = "ranking_inputs"

    submission_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    layout: Mapped[int] = mapped_column(Integer)  # InputLayout.fingerprint
    data: Mapped[bytes] = mapped_column(LargeBinary)
