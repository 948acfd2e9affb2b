"""Core tables: users, office profile, regions, office units, settings and the audit trail."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from desktop_app.db.base import Base, TimestampMixin, VersionedMixin, utcnow


class User(TimestampMixin, VersionedMixin, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(255))
    nip: Mapped[str | None] = mapped_column(String(18))
    position: Mapped[str | None] = mapped_column(String(200))  # jabatan
    desa_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"))  # enumerator's desa
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("office_units.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)


class OfficeProfile(TimestampMixin, VersionedMixin, Base):
    """The one office this database belongs to: its kop surat, head and paper settings."""

    __tablename__ = "office_profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    office_kind: Mapped[str] = mapped_column(String(20), default="kecamatan")  # kecamatan | dinas
    government_line: Mapped[str] = mapped_column(String(200), default="PEMERINTAH KABUPATEN BALANGAN")
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(40), default="")  # for letter numbers: Kec-PS
    address: Mapped[str] = mapped_column(Text, default="")
    city: Mapped[str] = mapped_column(String(100), default="Paringin")
    postal_code: Mapped[str] = mapped_column(String(10), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    website: Mapped[str] = mapped_column(String(120), default="")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary)
    head_name: Mapped[str] = mapped_column(String(200), default="")
    head_title: Mapped[str] = mapped_column(String(200), default="")  # Camat Paringin Selatan
    head_rank: Mapped[str] = mapped_column(String(120), default="")  # pangkat/golongan
    head_nip: Mapped[str] = mapped_column(String(18), default="")
    region_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"))
    paper_size: Mapped[str] = mapped_column(String(4), default="A4")  # A4 | F4
    letter_number_pattern: Mapped[str] = mapped_column(
        String(120), default="{kode}/{nomor}/{singkatan}/{tahun}"
    )


class Region(Base):
    """Kemendagri administrative regions: provinsi, kabupaten, kecamatan, desa/kelurahan."""

    __tablename__ = "regions"

    code: Mapped[str] = mapped_column(String(13), primary_key=True)  # 63.11.07.2002
    name: Mapped[str] = mapped_column(String(120))
    level: Mapped[str] = mapped_column(String(12))  # provinsi|kabupaten|kecamatan|desa|kelurahan
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class OfficeUnit(TimestampMixin, VersionedMixin, Base):
    """A seksi or bidang of the office, where cases and action items are sent."""

    __tablename__ = "office_units"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    head_name: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Setting(VersionedMixin, Base):
    """Office-wide settings stored as text; declared with types and defaults in services.settings."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class AuditLog(Base):
    """One change made through a service, hash-chained to the previous row."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(Integer)  # no FK: the log outlives users
    username: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(20), index=True)  # create|update|delete|export|...
    entity: Mapped[str] = mapped_column(String(60), index=True)
    entity_id: Mapped[str] = mapped_column(String(60), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    before_json: Mapped[str | None] = mapped_column(Text)
    after_json: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # Which installation key signed the row (HMAC-SHA256); NULL for rows written before the
    # chain was keyed (plain SHA-256). See core.services.audit_chain.
    key_id: Mapped[str | None] = mapped_column(String(16))

    # The audit page's user filter and sort, and its list of user names (a trail of a million
    # rows was read whole for them: 0.4 s, now 0.07 s); one record's rows (the changes named
    # in a conflict message, `versions.changed_error`: every row of the record kind was read,
    # 0.4 s warm and 13 s cold at a million rows, inside the refused save's transaction).
    __table_args__ = (Index("ix_audit_log_username_id", "username", "id"),
                      Index("ix_audit_log_record", "entity_id", "entity"))


class AuditChainHead(Base):
    """A single row holding the newest audit hash; updating it serialises concurrent writers."""

    __tablename__ = "audit_chain_head"
    id: Mapped[int] = mapped_column(primary_key=True)
    last_id: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64))
    mac: Mapped[str | None] = mapped_column(String(64))  # keyed seal of (last_id, last_hash)


class DatabaseMarker(Base):
    """One row: which database this is and which copy of it is live.

    ``database_id`` stays the same in every backup of the database; ``generation`` gets a new
    value at every restore, and a write transaction of a process that opened another
    generation is refused (``db.engine.check_generation``), so a desk still open on the
    replaced data cannot write into the restored one.
    """

    __tablename__ = "database_marker"
    id: Mapped[int] = mapped_column(primary_key=True)
    database_id: Mapped[str] = mapped_column(String(36))
    generation: Mapped[str] = mapped_column(String(64))
