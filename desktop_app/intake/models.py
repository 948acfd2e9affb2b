"""KULA RAKAT tables: submissions with their survey data, timeline, verifications,
dispositions, attachments, holidays, registration counters and admin-defined categories."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from desktop_app.db.base import Base, TimestampMixin, VersionedMixin, utcnow


class Submission(TimestampMixin, VersionedMixin, Base):
    """One usulan, laporan or aduan ("1 usulan/laporan/aduan, 1 lembar").

    The survey values of every category live in typed, nullable columns on this one table, so
    that ranking a million rows is one indexed SELECT with no joins or per-row parsing.
    """

    __tablename__ = "submissions"
    # The list's filters and sorts at a million records: each filter it offers is followed by
    # its order (received, id), so the first page is read off an index without sorting.
    __table_args__ = (
        Index("ix_submissions_status_category_received", "status", "category", "received_on",
              "id"),
        # status and due date too: the overdue filter (open statuses, due before today), alone
        # or with a desa, counted and paged off these indexes without reading the rows
        Index("ix_submissions_status_received_due", "status", "received_on", "id", "due_date"),
        # and the category: a desa's records sorted by category off this index alone
        Index("ix_submissions_desa_received_due_category", "desa_code", "received_on", "id",
              "status", "due_date", "category"),
        Index("ix_submissions_name_id", "reporter_name", "id"),
        # the order received, with the due date and number beside: a range of dates received
        # is sorted by due date or number off this index alone (the due date and the number
        # follow the date received, so walking their own indexes passes every earlier record)
        Index("ix_submissions_received_due_number", "received_on", "id", "due_date", "number"),
        # Sorting by status or category in the list's order (the value, then the id), so a
        # broad filter is checked per record along it and the walk stops at the page's end
        # (the composite indexes above hold the received date between, not the id).
        Index("ix_submissions_status_id", "status", "id"),
        Index("ix_submissions_category_id", "category", "id"),
        # A ranking's desa filter: a desa's ids of one category read off the index alone.
        Index("ix_submissions_category_desa", "category", "desa_code", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    kind: Mapped[str] = mapped_column(String(10), index=True)
    category: Mapped[str] = mapped_column(String(20))  # indexed with the desa, below
    status: Mapped[str] = mapped_column(String(20), default="diterima")
    received_on: Mapped[date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(20))
    # Reporter (pelapor / pengusul)
    reporter_name: Mapped[str] = mapped_column(String(200))
    reporter_nik: Mapped[str | None] = mapped_column(String(16), index=True)
    reporter_phone: Mapped[str | None] = mapped_column(String(20))
    reporter_address: Mapped[str | None] = mapped_column(Text)
    reporter_desa_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"))
    reporter_rt: Mapped[str | None] = mapped_column(String(3))
    reporter_rw: Mapped[str | None] = mapped_column(String(3))
    subject: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    # Location
    desa_code: Mapped[str] = mapped_column(ForeignKey("regions.code"), index=True)
    rt: Mapped[str | None] = mapped_column(String(3))
    rw: Mapped[str | None] = mapped_column(String(3))
    address: Mapped[str | None] = mapped_column(Text)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    # Handling
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    due_date: Mapped[date | None] = mapped_column(Date, index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("office_units.id"))
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("submissions.id"))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    import_key: Mapped[str | None] = mapped_column(String(64), unique=True)  # re-import guard
    # An import left values empty that verification must complete ("perlu dicek"), and why.
    needs_check: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(),
                                              index=True)
    check_reason: Mapped[str | None] = mapped_column(Text)
    field_enumerator: Mapped[str | None] = mapped_column(String(120))  # who sent it from a phone
    # RTLH survey
    household_head: Mapped[str | None] = mapped_column(String(200))
    nik: Mapped[str | None] = mapped_column(String(16), index=True)
    kk_number: Mapped[str | None] = mapped_column(String(16))
    monthly_income: Mapped[float | None] = mapped_column(Float)
    occupants: Mapped[int | None] = mapped_column(Integer)
    floor_area: Mapped[float | None] = mapped_column(Float)
    land_owned: Mapped[bool | None] = mapped_column(Boolean)
    house_owned: Mapped[bool | None] = mapped_column(Boolean)
    only_house: Mapped[bool | None] = mapped_column(Boolean)
    last_aid_year: Mapped[int | None] = mapped_column(Integer)
    structure_condition: Mapped[str | None] = mapped_column(String(20))
    roof_condition: Mapped[str | None] = mapped_column(String(20))
    wall_condition: Mapped[str | None] = mapped_column(String(20))
    floor_condition: Mapped[str | None] = mapped_column(String(20))
    roof_material: Mapped[str | None] = mapped_column(String(60))
    wall_material: Mapped[str | None] = mapped_column(String(60))
    floor_material: Mapped[str | None] = mapped_column(String(60))
    toilet: Mapped[str | None] = mapped_column(String(60))
    septic_tank: Mapped[bool | None] = mapped_column(Boolean)
    water_source: Mapped[str | None] = mapped_column(String(60))
    electricity: Mapped[str | None] = mapped_column(String(40))
    ventilation_ok: Mapped[bool | None] = mapped_column(Boolean)
    lighting_ok: Mapped[bool | None] = mapped_column(Boolean)
    # Jalan and drainase survey
    road_name: Mapped[str | None] = mapped_column(String(200))
    length_m: Mapped[float | None] = mapped_column(Float)
    width_m: Mapped[float | None] = mapped_column(Float)
    surface: Mapped[str | None] = mapped_column(String(20))
    damage_level: Mapped[str | None] = mapped_column(String(20))
    households_served: Mapped[int | None] = mapped_column(Integer)
    facilities_count: Mapped[int | None] = mapped_column(Integer)
    facilities: Mapped[str | None] = mapped_column(Text)
    estimated_cost: Mapped[float | None] = mapped_column(Float)
    cross_section: Mapped[str | None] = mapped_column(String(60))
    drain_type: Mapped[str | None] = mapped_column(String(40))
    flood_depth_cm: Mapped[float | None] = mapped_column(Float)
    flood_duration_hours: Mapped[float | None] = mapped_column(Float)
    flood_frequency: Mapped[str | None] = mapped_column(String(40))
    households_affected: Mapped[int | None] = mapped_column(Integer)


class StatusChange(Base):
    __tablename__ = "submission_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    user_name: Mapped[str] = mapped_column(String(200))
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")


class Verification(Base):
    __tablename__ = "submission_verifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), index=True)
    verified_on: Mapped[date] = mapped_column(Date)
    verifier_name: Mapped[str] = mapped_column(String(200))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    findings: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Disposition(Base):
    __tablename__ = "submission_dispositions"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("office_units.id"))
    instruction: Mapped[str] = mapped_column(Text)  # the free note ("Catatan")
    # domain.disposition: sifat and the ticked instructions of the checklist, one per line
    nature: Mapped[str] = mapped_column(String(20), default="biasa", server_default="biasa")
    instructions: Mapped[str] = mapped_column(Text, default="", server_default="")
    due_date: Mapped[date | None] = mapped_column(Date)
    by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    by_name: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Attachment(Base):
    __tablename__ = "submission_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(80))  # sha256 + suffix, under lampiran/
    mime: Mapped[str] = mapped_column(String(80))
    size: Mapped[int] = mapped_column(Integer)
    is_photo: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(String(300), default="")
    added_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    added_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class Holiday(VersionedMixin, Base):
    __tablename__ = "holidays"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class RegistrationCounter(Base):
    """The last number given per kind and year; bumped inside the saving transaction."""

    __tablename__ = "registration_counters"

    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class SubmissionCategory(VersionedMixin, Base):
    """An admin-defined category: common data only, like ``lainnya`` (no survey fields).

    The built-in categories (``domain.intake.Category``) are not stored here."""

    __tablename__ = "submission_categories"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    label: Mapped[str] = mapped_column(String(120))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class SubmissionTerm(Base):
    """The search index: one row per distinct word of a submission (``domain/search.py``).

    A typed word matches by prefix with ``term >= w AND term < next(w)``, served by the
    primary key in every database, so searching a million records stays fast without
    database-specific full-text features."""

    __tablename__ = "submission_terms"
    __table_args__ = (Index("ix_submission_terms_submission_term", "submission_id", "term"),)

    term: Mapped[str] = mapped_column(String(40), primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), primary_key=True)


class ImportMapping(Base):
    """What the office confirmed at an import, remembered for the next one: a column header
    read as a field (``kind`` "column"), or a written value read as a choice (``kind``
    "value": ``field``'s value ``source`` becomes ``target`` in ``target_field``; an empty
    ``target_field`` means "leave empty")."""

    __tablename__ = "import_mappings"
    __table_args__ = (Index("ix_import_mappings_source", "kind", "field", "source", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    field: Mapped[str] = mapped_column(String(40), default="")
    source: Mapped[str] = mapped_column(String(200))
    target_field: Mapped[str] = mapped_column(String(40), default="")
    target: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    updated_by: Mapped[str] = mapped_column(String(120), default="")
