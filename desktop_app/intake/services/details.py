"""One submission as the record view and the printouts show it: data (personal data masked
for roles that may not see it), RTLH findings, timeline, dispositions, attachments."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.domain import clock
from desktop_app.core.domain.formatting import mask_digits
from desktop_app.core.domain.roles import Permission
from desktop_app.core.models import OfficeUnit, User
from desktop_app.core.services import regions, settings
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.core.services.settings import get_setting
from desktop_app.intake.domain.disposition import DispositionNature, split_instructions
from desktop_app.intake.domain.submissions import (
    Category,
    Status,
    area_per_person,
    category_label,
    failed_rtlh_criteria,
    fields_for,
)
from desktop_app.intake.domain.validation import PERSONAL_FIELDS, SubmissionInput
from desktop_app.intake.models import (
    Attachment,
    Disposition,
    StatusChange,
    Submission,
    Verification,
)
from desktop_app.intake.services.categories import custom_labels
from desktop_app.intake.services.records import load

MIN_AREA = settings.RTLH_MIN_AREA


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    who: str
    text: str


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    filename: str
    stored_name: str
    is_photo: bool
    note: str


@dataclass(frozen=True)
class DispositionInfo:
    id: int
    unit: str
    instruction: str
    due_date: date | None
    by_name: str
    at: datetime
    nature: str = "biasa"  # domain.disposition.DispositionNature
    instructions: tuple[str, ...] = ()  # the ticked instructions of the checklist
    by_user_id: int | None = None

    @property
    def nature_label(self) -> str:
        return DispositionNature.label_of(self.nature)


@dataclass
class SubmissionDetail:
    id: int
    number: str
    kind: str
    category: str
    status: str
    received_on: date
    channel: str
    reporter_name: str
    reporter_nik: str
    reporter_phone: str
    reporter_address: str
    reporter_desa_code: str | None
    reporter_rt: str
    reporter_rw: str
    subject: str
    description: str
    desa_code: str
    desa_name: str
    kecamatan_name: str
    rt: str
    rw: str
    address: str
    latitude: float | None
    longitude: float | None
    due_date: date | None
    entered_by: str
    unit_name: str
    duplicate_of: str
    details: dict[str, Any]
    area_per_person: float | None
    failed_criteria: list[str]
    timeline: list[TimelineEntry]
    dispositions: list[DispositionInfo]
    attachments: list[AttachmentInfo]
    verifications: list[tuple[date, str, str]]
    masked: bool
    category_label: str = ""  # built-in or admin-defined label
    needs_check: bool = False  # an import left values empty ("perlu dicek")
    check_reason: str = ""
    field_enumerator: str = ""  # who sent it from ODK Collect / KoboCollect
    version: int = 1  # what an edit form sends back (optimistic locking)

    @property
    def is_overdue(self) -> bool:
        return bool(self.due_date and self.due_date < clock.today()
                    and Status(self.status).is_open)

    def to_input(self) -> SubmissionInput:
        return SubmissionInput(
            kind=self.kind, category=self.category, received_on=self.received_on,
            channel=self.channel, reporter_name=self.reporter_name, subject=self.subject,
            desa_code=self.desa_code, description=self.description,
            reporter_nik=self.reporter_nik, reporter_phone=self.reporter_phone,
            reporter_address=self.reporter_address, reporter_desa_code=self.reporter_desa_code,
            reporter_rt=self.reporter_rt, reporter_rw=self.reporter_rw, rt=self.rt, rw=self.rw,
            address=self.address, latitude=self.latitude, longitude=self.longitude,
            details=dict(self.details),
        )


def _mask(value: str | None, may_see: bool) -> str:
    return (value or "") if may_see else mask_digits(value)


@dataclass
class DetailPrefetch:
    """What load_detail needs for many submissions at once, read in a few bulk queries
    (batch printing a thousand forms would otherwise run thousands of small queries)."""

    units: dict[int, str]
    users: dict[int, str]
    min_area: float
    changes: dict[int, list[Any]]
    dispositions: dict[int, list[Any]]
    attachments: dict[int, list[Any]]
    verifications: dict[int, list[Any]]
    numbers: dict[int, str]
    categories: dict[str, str] = field(default_factory=dict)  # admin-defined code → label

    @classmethod
    def load(cls, session: Session, subs: list[Submission]) -> DetailPrefetch:
        ids = [s.id for s in subs]

        def grouped(model: Any, order: Any) -> dict[int, list[Any]]:
            out: dict[int, list[Any]] = {}
            for row in session.scalars(select(model).where(model.submission_id.in_(ids))
                                       .order_by(*order)):
                out.setdefault(row.submission_id, []).append(row)
            return out

        dup_ids = [s.duplicate_of_id for s in subs if s.duplicate_of_id]
        return cls(
            units=dict(session.execute(select(OfficeUnit.id, OfficeUnit.name)).all()),
            users=dict(session.execute(select(User.id, User.full_name)).all()),
            min_area=float(get_setting(session, MIN_AREA)),
            changes=grouped(StatusChange, (StatusChange.at, StatusChange.id)),
            dispositions=grouped(Disposition, (Disposition.at, Disposition.id)),
            attachments=grouped(Attachment, (Attachment.id,)),
            verifications=grouped(Verification, (Verification.id,)),
            numbers=dict(session.execute(select(Submission.id, Submission.number).where(
                Submission.id.in_(dup_ids))).all()) if dup_ids else {},
            categories=custom_labels(session),
        )


def _details(sub: Submission, may_see: bool, own_nik: bool = False) -> dict[str, Any]:
    details: dict[str, Any] = {}
    for spec in fields_for(sub.category):
        value = getattr(sub, spec.key)
        if spec.key in PERSONAL_FIELDS:
            # The household head who is also the one signing: the same number as section A.
            same_person = own_nik and spec.key == "nik" and value == sub.reporter_nik
            value = _mask(value, may_see or same_person)
        elif spec.key == "monthly_income" and not may_see and value is not None:
            value = None  # income is personal data too
        details[spec.key] = value
    return details


def load_detail(session: Session, actor: Actor, sub: Submission,
                names: dict[str, str] | None = None,
                pre: DetailPrefetch | None = None, *,
                signer_nik: bool = False) -> SubmissionDetail:
    """``signer_nik``: for the formulir the pelapor/pengusul signs, whose own NIK is not
    masked (every other personal value stays masked for roles that may not see it)."""
    if pre is None:
        pre = DetailPrefetch.load(session, [sub])
    may_see = actor.can(Permission.VIEW_PERSONAL_DATA)
    names = names if names is not None else regions.names(session)
    raw_values = {spec.key: getattr(sub, spec.key) for spec in fields_for(sub.category)}
    timeline = [
        TimelineEntry(c.at, c.user_name,
                      (f"{(c.from_status or '').capitalize()} → " if c.from_status else "")
                      + c.to_status.capitalize() + (f": {c.note}" if c.note else ""))
        for c in pre.changes.get(sub.id, [])
    ]
    units = pre.units
    dispositions = [
        DispositionInfo(d.id, units.get(d.unit_id, ""), d.instruction, d.due_date, d.by_name,
                        d.at, d.nature, tuple(split_instructions(d.instructions)), d.by_user_id)
        for d in pre.dispositions.get(sub.id, [])
    ]
    attachments = [
        AttachmentInfo(a.id, a.filename, a.stored_name, a.is_photo, a.note)
        for a in pre.attachments.get(sub.id, [])
    ]
    verifications = [(v.verified_on, v.verifier_name, v.findings)
                     for v in pre.verifications.get(sub.id, [])]
    entered_name = pre.users.get(sub.entered_by_id, "") if sub.entered_by_id else ""
    duplicate_number = pre.numbers.get(sub.duplicate_of_id, "") if sub.duplicate_of_id else ""
    kecamatan = sub.desa_code.rsplit(".", 1)[0]
    return SubmissionDetail(
        id=sub.id, number=sub.number, kind=sub.kind, category=sub.category, status=sub.status,
        received_on=sub.received_on, channel=sub.channel, reporter_name=sub.reporter_name,
        reporter_nik=_mask(sub.reporter_nik, may_see or signer_nik), reporter_phone=sub.reporter_phone or "",
        reporter_address=sub.reporter_address or "", reporter_desa_code=sub.reporter_desa_code,
        reporter_rt=sub.reporter_rt or "", reporter_rw=sub.reporter_rw or "",
        subject=sub.subject, description=sub.description or "", desa_code=sub.desa_code,
        desa_name=names.get(sub.desa_code, sub.desa_code),
        kecamatan_name=names.get(kecamatan, kecamatan), rt=sub.rt or "", rw=sub.rw or "",
        address=sub.address or "", latitude=sub.latitude, longitude=sub.longitude,
        due_date=sub.due_date, entered_by=entered_name,
        unit_name=units.get(sub.unit_id, "") if sub.unit_id else "",
        duplicate_of=duplicate_number, details=_details(sub, may_see, signer_nik),
        area_per_person=area_per_person(sub.floor_area, sub.occupants),
        failed_criteria=failed_rtlh_criteria(raw_values, pre.min_area)
        if sub.category == Category.RTLH.value else [],
        timeline=timeline, dispositions=dispositions, attachments=attachments,
        verifications=verifications, masked=not may_see,
        category_label=category_label(sub.category, pre.categories),
        needs_check=bool(sub.needs_check), check_reason=sub.check_reason or "",
        field_enumerator=sub.field_enumerator or "", version=sub.version,
    )


def get_submission(app: AppContext, actor: Actor, submission_id: int) -> SubmissionDetail:
    require(actor, Permission.SUBMISSION_VIEW)
    with unit_of_work(app, write=False) as session:
        return load_detail(session, actor, load(session, submission_id))
