"""RUKO PARSEL tables: meetings with their desa, invitees, agenda, attendance, problems,
agreements, follow-up actions (and their updates), addenda and documentation photos; the
admin-editable lists of meeting kinds and problem topics."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
)
from sqlalchemy.orm import Mapped, mapped_column

from desktop_app.db.base import Base, TimestampMixin, VersionedMixin, utcnow


class MeetingKind(VersionedMixin, Base):
    __tablename__ = "meeting_kinds"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    label: Mapped[str] = mapped_column(String(120))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ProblemTopic(VersionedMixin, Base):
    __tablename__ = "problem_topics"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    label: Mapped[str] = mapped_column(String(160))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Meeting(TimestampMixin, VersionedMixin, Base):
    """One coordination meeting or desa visit, with its notulen (draft, then final)."""

    __tablename__ = "meetings"
    __table_args__ = (Index("ix_meetings_held_on_id", "held_on", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(ForeignKey("meeting_kinds.code"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    held_on: Mapped[date] = mapped_column(Date)
    start_time: Mapped[time | None] = mapped_column(Time)
    end_time: Mapped[time | None] = mapped_column(Time)
    place: Mapped[str] = mapped_column(String(300))
    chair_name: Mapped[str] = mapped_column(String(200), default="")
    chair_position: Mapped[str] = mapped_column(String(200), default="")
    chair_nip: Mapped[str] = mapped_column(String(18), default="")
    minute_taker_name: Mapped[str] = mapped_column(String(200), default="")
    minute_taker_position: Mapped[str] = mapped_column(String(200), default="")
    minute_taker_nip: Mapped[str] = mapped_column(String(18), default="")
    letter_number: Mapped[str] = mapped_column(String(120), default="")
    letter_date: Mapped[date | None] = mapped_column(Date)
    letter_nature: Mapped[str] = mapped_column(String(40), default="Biasa")  # sifat
    letter_attachment: Mapped[str] = mapped_column(String(80), default="-")  # lampiran
    minutes_status: Mapped[str] = mapped_column(String(10), default="draft", index=True)
    finalized_at: Mapped[datetime | None] = mapped_column(DateTime)
    finalized_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    finalized_by_name: Mapped[str] = mapped_column(String(200), default="")
    closing_time: Mapped[time | None] = mapped_column(Time)
    discussion: Mapped[str] = mapped_column(Text, default="")  # opening / general notes
    prepared_from_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class MeetingDesa(Base):
    __tablename__ = "meeting_desa"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"),
                                            primary_key=True)
    desa_code: Mapped[str] = mapped_column(ForeignKey("regions.code"), primary_key=True,
                                           index=True)


class MeetingInvitee(Base):
    """An addressee of the invitation: a unit, an agency, a desa or anyone else (Yth. …)."""

    __tablename__ = "meeting_invitees"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"),
                                            index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(10), default="other")
    name: Mapped[str] = mapped_column(String(300))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("office_units.id"))
    desa_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"))


class AgendaItem(Base):
    __tablename__ = "agenda_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"),
                                            index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(300))
    discussion: Mapped[str] = mapped_column(Text, default="")


class Attendee(VersionedMixin, Base):
    __tablename__ = "attendees"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"),
                                            index=True)
    position_no: Mapped[int] = mapped_column(Integer, default=0)  # order on the list
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[str] = mapped_column(String(200), default="")  # jabatan
    institution: Mapped[str] = mapped_column(String(200), default="")  # instansi / desa
    desa_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"))
    phone: Mapped[str] = mapped_column(String(20), default="")
    gender: Mapped[str | None] = mapped_column(String(1))  # L | P
    present: Mapped[bool] = mapped_column(Boolean, default=True)


class MeetingProblem(VersionedMixin, Base):
    __tablename__ = "problems"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"),
                                            index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    desa_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"), index=True)
    topic: Mapped[str] = mapped_column(ForeignKey("problem_topics.code"), index=True)
    description: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="terbuka")
    submission_id: Mapped[int | None] = mapped_column(ForeignKey("submissions.id"))


class Agreement(Base):
    __tablename__ = "agreements"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"),
                                            index=True)
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class ActionItem(TimestampMixin, VersionedMixin, Base):
    """A follow-up action (tindak lanjut) agreed in a meeting, tracked until done."""

    __tablename__ = "actions"
    __table_args__ = (Index("ix_actions_status_due", "status", "due_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)  # origin
    problem_id: Mapped[int | None] = mapped_column(ForeignKey("problems.id"))
    what: Mapped[str] = mapped_column(Text)
    owner_kind: Mapped[str] = mapped_column(String(10), default="unit")
    owner_name: Mapped[str] = mapped_column(String(200))
    desa_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"), index=True)
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default="open")
    closing_note: Mapped[str] = mapped_column(Text, default="")
    done_on: Mapped[date | None] = mapped_column(Date)


class ActionUpdate(Base):
    __tablename__ = "action_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"),
                                           index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"), index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    old_status: Mapped[str] = mapped_column(String(12))
    new_status: Mapped[str] = mapped_column(String(12))
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    by_name: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class MeetingAddendum(Base):
    __tablename__ = "meeting_addenda"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"),
                                            index=True)
    text: Mapped[str] = mapped_column(Text)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    by_name: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class MeetingPhoto(Base):
    __tablename__ = "meeting_photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"),
                                            index=True)
    stored_name: Mapped[str] = mapped_column(String(80))  # sha256 + suffix, under lampiran/
    filename: Mapped[str] = mapped_column(String(255))
    caption: Mapped[str] = mapped_column(String(300), default="")
    added_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    added_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
