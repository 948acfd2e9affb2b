"""KULA RAKAT use cases: register, check, find duplicates, move through the status flow,
verify, dispose, list with SQL paging, mask personal data, and the admin-defined categories."""

from __future__ import annotations

import hashlib
import mimetypes
import re
import shutil
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import and_, exists, func, inspect, or_, select, update
from sqlalchemy.orm import Session

from desktop_app.core.domain import clock
from desktop_app.core.domain.errors import ConflictError, NotFound, ValidationError
from desktop_app.core.domain.formatting import mask_digits
from desktop_app.core.domain.identity import check_kk, check_nik, check_phone
from desktop_app.core.domain.roles import Permission
from desktop_app.core.models import OfficeUnit, Region, User
from desktop_app.core.services import audit, regions, settings
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.core.services.settings import get_setting, read_setting
from desktop_app.db.base import utcnow
from desktop_app.db.engine import positional_insert_sql
from desktop_app.intake.domain.search import (
    INDEXED_FIELDS,
    prefix_upper_bound,
    query_words,
    terms_for,
)
from desktop_app.intake.domain.submissions import (
    NOTE_REQUIRED,
    OPEN_STATUSES,
    Category,
    Channel,
    FieldKind,
    Status,
    SubmissionKind,
    add_working_days,
    all_detail_fields,
    area_per_person,
    can_transition,
    category_label,
    coerce_field,
    failed_rtlh_criteria,
    fields_for,
    is_builtin_category,
    registration_number,
)
from desktop_app.intake.models import (
    Attachment,
    Disposition,
    Holiday,
    RegistrationCounter,
    StatusChange,
    Submission,
    SubmissionCategory,
    SubmissionTerm,
    Verification,
)

DEADLINE_KEYS = {
    SubmissionKind.ADUAN: settings.INTAKE_DEADLINE_ADUAN,
    SubmissionKind.LAPORAN: settings.INTAKE_DEADLINE_LAPORAN,
    SubmissionKind.USULAN: settings.INTAKE_DEADLINE_USULAN,
}
MIN_AREA = settings.RTLH_MIN_AREA
DUPLICATE_NAME_SCORE = 88  # rapidfuzz token ratio above which two names count as similar

DETAIL_FIELDS = all_detail_fields()
PERSONAL_FIELDS = ("nik", "kk_number", "reporter_nik")


@dataclass
class SubmissionInput:
    kind: str
    category: str
    received_on: date
    channel: str
    reporter_name: str
    subject: str
    desa_code: str
    description: str = ""
    reporter_nik: str = ""
    reporter_phone: str = ""
    reporter_address: str = ""
    reporter_desa_code: str | None = None
    reporter_rt: str = ""
    reporter_rw: str = ""
    rt: str = ""
    rw: str = ""
    address: str = ""
    latitude: float | None = None
    longitude: float | None = None
    details: dict[str, Any] = field(default_factory=dict)  # category fields, by key


@dataclass(frozen=True)
class SavedSubmission:
    id: int
    number: str
    due_date: date | None
    warnings: tuple[str, ...]


def _rt(value: str) -> str | None:
    text = (value or "").strip()
    if not text:
        return None
    if not text.isdigit() or len(text) > 3:
        raise ValueError("harus angka 1-3 digit")
    return f"{int(text):03d}"


def validate(data: SubmissionInput, categories: Collection[str] | None = None,
             ) -> tuple[dict[str, Any], list[str]]:
    """Check everything; return the cleaned column values and warnings, or raise
    ValidationError with every field's message at once (the form keeps what was typed).

    ``categories``: the category codes that may be chosen, e.g. ``active_category_codes(app)``;
    None allows the built-in categories only."""
    errors: dict[str, str] = {}
    warnings: list[str] = []
    clean: dict[str, Any] = {}
    try:
        clean["kind"] = SubmissionKind(data.kind).value
    except ValueError:
        errors["kind"] = "Pilih jenis: usulan, laporan atau aduan."
    allowed = categories if categories is not None else Category._value2member_map_
    category = str(data.category or "")
    if category in allowed:
        clean["category"] = category
    else:
        errors["category"] = "Pilih kategori."
        category = Category.LAINNYA.value
    try:
        clean["channel"] = Channel(data.channel).value
    except ValueError:
        errors["channel"] = "Pilih saluran penerimaan."
    if not isinstance(data.received_on, date):
        errors["received_on"] = "Tanggal diterima wajib diisi."
    elif data.received_on > clock.today():
        errors["received_on"] = "Tanggal diterima tidak boleh di masa depan."
    clean["received_on"] = data.received_on
    for key, label in (("reporter_name", "Nama pelapor/pengusul"), ("subject", "Perihal")):
        value = (getattr(data, key) or "").strip()
        if not value:
            errors[key] = f"{label} wajib diisi."
        clean[key] = value
    if not (data.desa_code or "").strip():
        errors["desa_code"] = "Pilih desa/kelurahan lokasi."
    clean["desa_code"] = data.desa_code
    clean["reporter_desa_code"] = data.reporter_desa_code or None
    clean["description"] = (data.description or "").strip()
    clean["reporter_address"] = (data.reporter_address or "").strip() or None
    clean["address"] = (data.address or "").strip() or None
    if data.reporter_nik.strip():
        nik = check_nik(data.reporter_nik)
        if nik.error:
            errors["reporter_nik"] = nik.error
        warnings.extend(nik.warnings)
        clean["reporter_nik"] = nik.value
    else:
        clean["reporter_nik"] = None
    phone = check_phone(data.reporter_phone)
    if phone.error:
        errors["reporter_phone"] = phone.error
    clean["reporter_phone"] = phone.value or None
    for key in ("reporter_rt", "reporter_rw", "rt", "rw"):
        try:
            clean[key] = _rt(getattr(data, key))
        except ValueError as exc:
            errors[key] = f"{key.replace('reporter_', '').upper()} {exc}."
    for key, lo, hi in (("latitude", -11.5, 6.5), ("longitude", 94.0, 141.5)):
        value = getattr(data, key)
        if value is not None and not lo <= value <= hi:
            errors[key] = "Koordinat di luar wilayah Indonesia."
        clean[key] = value
    for spec in fields_for(category):
        raw = data.details.get(spec.key)
        try:
            value = coerce_field(spec, raw)
        except ValueError as exc:
            errors[spec.key] = f"{spec.label}: {exc}."
            continue
        if value is None and spec.required:
            errors[spec.key] = f"{spec.label} wajib diisi."
        if spec.key == "nik" and value:
            result = check_nik(value)
            if result.error:
                errors["nik"] = result.error
            warnings.extend(w for w in result.warnings if w not in warnings)
        if spec.key == "kk_number" and value:
            result = check_kk(value)
            if result.error:
                errors["kk_number"] = result.error
            warnings.extend(w for w in result.warnings if w not in warnings)
        clean[spec.key] = value
    if category == Category.RTLH.value and clean.get("last_aid_year"):
        if clean["last_aid_year"] > clock.today().year:
            errors["last_aid_year"] = "Tahun bantuan tidak boleh di masa depan."
    if errors:
        raise ValidationError(field_errors=errors)
    return clean, warnings


# ---- Duplicates ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DuplicateCandidate:
    id: int
    number: str
    name: str
    desa: str
    rt: str
    status: str
    reason: str


def find_duplicates(app: AppContext, actor: Actor, data: SubmissionInput,
                    exclude_id: int | None = None) -> list[DuplicateCandidate]:
    """Same NIK with an open submission in the same category, or a similar name at the same
    desa and RT: shown before saving so the user can link instead of entering twice."""
    require(actor, Permission.SUBMISSION_VIEW)
    from rapidfuzz import fuzz

    nik = "".join(ch for ch in str(data.details.get("nik") or data.reporter_nik or "")
                  if ch.isdigit())
    name = (data.details.get("household_head") or data.reporter_name or "").strip()
    try:
        rt = _rt(data.rt)
    except ValueError:
        rt = None
    found: dict[int, DuplicateCandidate] = {}
    with unit_of_work(app, write=False) as session:
        names = regions.names(session)

        def add(row: Submission, reason: str) -> None:
            if row.id != exclude_id and row.id not in found:
                found[row.id] = DuplicateCandidate(
                    row.id, row.number, row.household_head or row.reporter_name,
                    names.get(row.desa_code, row.desa_code), row.rt or "", row.status, reason)

        if len(nik) == 16:
            stmt = select(Submission).where(
                or_(Submission.nik == nik, Submission.reporter_nik == nik),
                Submission.category == data.category,
                Submission.status.in_(OPEN_STATUSES),
            ).limit(20)
            for row in session.scalars(stmt):
                add(row, "NIK sama, masih dalam proses pada kategori yang sama")
        if name and data.desa_code:
            stmt = select(Submission).where(
                Submission.desa_code == data.desa_code,
                Submission.category == data.category,
            )
            if rt:
                stmt = stmt.where(Submission.rt == rt)
            for row in session.scalars(stmt.limit(2000)):
                other = row.household_head or row.reporter_name
                score = fuzz.token_sort_ratio(name.lower(), other.lower())
                if score >= DUPLICATE_NAME_SCORE:
                    add(row, f"Nama mirip ({score:.0f}%) di desa dan RT yang sama")
    return list(found.values())


# ---- Create, update --------------------------------------------------------------------------


# Values read once per transaction and kept in ``session.info`` (an import saves thousands of
# submissions in one transaction; the write lock it holds keeps them valid until commit).


def _region_codes(session: Session) -> set[str]:
    if "intake.regions" not in session.info:
        session.info["intake.regions"] = set(session.scalars(select(Region.code)))
    return session.info["intake.regions"]


def _holidays(session: Session) -> list[date]:
    if "intake.holidays" not in session.info:
        session.info["intake.holidays"] = list(session.scalars(select(Holiday.day)))
    return session.info["intake.holidays"]


def _deadline_days(session: Session, kind: SubmissionKind) -> int:
    cache = session.info.setdefault("intake.deadlines", {})
    if kind not in cache:
        cache[kind] = int(get_setting(session, DEADLINE_KEYS[kind]))
    return cache[kind]


def _next_number(session: Session, kind: SubmissionKind, year: int) -> str:
    # The counter row is updated inside the saving transaction (a write lock on SQLite and a
    # row lock on PostgreSQL), so two desks never get the same number and none is reused.
    counters = session.info.setdefault("intake.counters", {})
    counter = counters.get((kind.value, year))
    if counter is None:
        counter = session.execute(
            select(RegistrationCounter).where(RegistrationCounter.kind == kind.value,
                                              RegistrationCounter.year == year).with_for_update()
        ).scalar_one_or_none()
        if counter is None:
            counter = RegistrationCounter(kind=kind.value, year=year, last_number=0)
            session.add(counter)
        counters[(kind.value, year)] = counter
    counter.last_number += 1
    return registration_number(kind, year, counter.last_number)


def _record_status(session: Session, actor: Actor, sub: Submission, old: str | None,
                   new: str, note: str) -> None:
    session.add(StatusChange(submission_id=sub.id, user_id=actor.user_id,
                             user_name=actor.full_name, from_status=old, to_status=new,
                             note=note))


def create_submission(app: AppContext, actor: Actor, data: SubmissionInput, *,
                      duplicate_of: int | None = None, import_key: str | None = None,
                      session: Session | None = None,
                      categories: Collection[str] | None = None) -> SavedSubmission:
    """``categories``: the active category codes when the caller already read them (an import
    of many rows in one ``session``); otherwise they are read in the saving transaction."""
    require(actor, Permission.SUBMISSION_CREATE)
    if session is not None:
        clean, warnings = validate(
            data, categories if categories is not None else _active_codes(session))
        return _create(app, session, actor, clean, warnings, duplicate_of, import_key)
    with unit_of_work(app) as own:
        clean, warnings = validate(data, _active_codes(own))
        return _create(app, own, actor, clean, warnings, duplicate_of, import_key)


def _create(app: AppContext, session: Session, actor: Actor, clean: dict[str, Any],
            warnings: list[str], duplicate_of: int | None,
            import_key: str | None) -> SavedSubmission:
    if clean["desa_code"] not in _region_codes(session):
        raise ValidationError(field_errors={"desa_code": "Desa/kelurahan tidak dikenal."})
    kind = SubmissionKind(clean["kind"])
    number = _next_number(session, kind, clean["received_on"].year)
    due = add_working_days(clean["received_on"], _deadline_days(session, kind),
                           _holidays(session))
    sub = Submission(number=number, status=Status.DITERIMA.value, due_date=due,
                     entered_by_id=actor.user_id, import_key=import_key, **clean)
    if duplicate_of is not None:
        original = session.get(Submission, duplicate_of)
        if original is None:
            raise NotFound("Data asal duplikat tidak ditemukan.")
        sub.duplicate_of_id = original.id
        sub.status = Status.DITOLAK.value
    session.add(sub)
    session.flush()
    index_terms(session, [(sub.id, _values_for_index(sub))], replace=False)
    _record_status(session, actor, sub, None, Status.DITERIMA.value, "")
    if duplicate_of is not None:
        _record_status(session, actor, sub, Status.DITERIMA.value, Status.DITOLAK.value,
                       f"Duplikat dari {original.number}")
    audit.record(session, actor, "create", "submission", sub.id,
                 after=audit.snapshot(sub, exclude=set(PERSONAL_FIELDS)),
                 summary=f"{kind.label} {number}: {sub.subject}")
    return SavedSubmission(sub.id, number, due, tuple(warnings))


def create_many(app: AppContext, session: Session, actor: Actor,
                items: list[tuple[dict[str, Any], str | None]]) -> list[SavedSubmission]:
    """Save many validated submissions (``clean`` values, import key) in the caller's
    transaction with bulk inserts: numbers, due dates, first timeline entry and one audit row
    each, as ``create_submission`` does one by one. For imports."""
    require(actor, Permission.SUBMISSION_CREATE)
    from sqlalchemy import insert

    regions = _region_codes(session)
    rows: list[dict[str, Any]] = []
    due_dates: dict[tuple[date, int], date] = {}  # rows of one import share few dates
    for clean, key in items:
        if clean["desa_code"] not in regions:
            raise ValidationError(field_errors={"desa_code": "Desa/kelurahan tidak dikenal."})
        kind = SubmissionKind(clean["kind"])
        number = _next_number(session, kind, clean["received_on"].year)
        days = _deadline_days(session, kind)
        due = due_dates.get((clean["received_on"], days))
        if due is None:
            due = add_working_days(clean["received_on"], days, _holidays(session))
            due_dates[(clean["received_on"], days)] = due
        rows.append({**clean, "number": number, "status": Status.DITERIMA.value,
                     "due_date": due, "entered_by_id": actor.user_id, "import_key": key})
    if not rows:
        return []
    now = utcnow()
    for row in rows:
        row.setdefault("created_at", now)
        row.setdefault("updated_at", now)
    ids = list(session.scalars(
        insert(Submission).returning(Submission.id, sort_by_parameter_order=True), rows))
    index_terms(session, list(zip(ids, rows, strict=True)), replace=False)
    session.execute(insert(StatusChange), [
        {"submission_id": sid, "at": now, "user_id": actor.user_id,
         "user_name": actor.full_name, "from_status": None,
         "to_status": Status.DITERIMA.value, "note": ""} for sid in ids])
    columns = [a.key for a in inspect(Submission).column_attrs
               if a.key not in PERSONAL_FIELDS]
    audit.record_many(session, actor, [
        ("create", "submission", sid, {c: row.get(c) for c in columns if c != "id"} | {"id": sid},
         f"{SubmissionKind(row['kind']).label} {row['number']}: {row['subject']}")
        for sid, row in zip(ids, rows, strict=True)])
    return [SavedSubmission(sid, row["number"], row["due_date"], ())
            for sid, row in zip(ids, rows, strict=True)]


def update_submission(app: AppContext, actor: Actor, submission_id: int,
                      data: SubmissionInput) -> SavedSubmission:
    require(actor, Permission.SUBMISSION_EDIT)
    with unit_of_work(app) as session:
        sub = _get(session, submission_id)
        if not Status(sub.status).is_open:
            raise ValidationError(f"Data {sub.number} sudah {sub.status}; tidak dapat diubah.")
        # A category deactivated since stays valid for the records already in it.
        clean, warnings = validate(data, _active_codes(session) | {sub.category})
        before = audit.snapshot(sub, exclude=set(PERSONAL_FIELDS))
        clean.pop("kind", None)  # the number carries the kind: it never changes
        for key, value in clean.items():
            setattr(sub, key, value)
        for spec_key in DETAIL_FIELDS:
            if spec_key not in clean:
                setattr(sub, spec_key, None)  # category changed: drop the old survey values
        session.flush()
        index_terms(session, [(sub.id, _values_for_index(sub))])
        audit.record(session, actor, "update", "submission", sub.id, before=before,
                     after=audit.snapshot(sub, exclude=set(PERSONAL_FIELDS)),
                     summary=f"Ubah {sub.number}")
        return SavedSubmission(sub.id, sub.number, sub.due_date, tuple(warnings))


def _get(session: Session, submission_id: int) -> Submission:
    sub = session.get(Submission, submission_id)
    if sub is None:
        raise NotFound("Data usulan/laporan/aduan tidak ditemukan.")
    return sub


# ---- Status flow, verification, disposition --------------------------------------------------


def change_status(app: AppContext, actor: Actor, submission_id: int, target: Status | str,
                  note: str = "") -> None:
    target = Status(target)
    needed = {
        Status.DIVERIFIKASI: Permission.SUBMISSION_VERIFY,
        Status.DIKEMBALIKAN: Permission.SUBMISSION_VERIFY,
        Status.DITOLAK: Permission.SUBMISSION_VERIFY,
    }.get(target, Permission.SUBMISSION_DISPOSE)
    if target is Status.DITERIMA:
        needed = Permission.SUBMISSION_EDIT  # an enumerator re-submits a corrected record
    require(actor, needed)
    if target in NOTE_REQUIRED and not note.strip():
        raise ValidationError(field_errors={"note": f"Alasan wajib diisi untuk status "
                                                    f"{target.label.lower()}."})
    with unit_of_work(app) as session:
        sub = _get(session, submission_id)
        current = Status(sub.status)
        if not can_transition(current, target):
            raise ValidationError(
                f"Status {current.label} tidak dapat diubah menjadi {target.label}."
            )
        sub.status = target.value
        if target in (Status.SELESAI, Status.DITOLAK):
            sub.closed_at = utcnow()
        _record_status(session, actor, sub, current.value, target.value, note.strip())
        audit.record(session, actor, "status", "submission", sub.id,
                     before={"status": current.value}, after={"status": target.value},
                     summary=f"{sub.number}: {current.label} → {target.label}. {note}".strip())


def verify(app: AppContext, actor: Actor, submission_id: int, findings: str,
           verified_on: date | None = None, verifier_name: str = "") -> None:
    """Record the field check and move the record to 'diverifikasi'."""
    require(actor, Permission.SUBMISSION_VERIFY)
    if not findings.strip():
        raise ValidationError(field_errors={"findings": "Hasil verifikasi lapangan wajib diisi."})
    with unit_of_work(app) as session:
        sub = _get(session, submission_id)
        current = Status(sub.status)
        if not can_transition(current, Status.DIVERIFIKASI):
            raise ValidationError(f"Data berstatus {current.label} tidak dapat diverifikasi.")
        ver = Verification(submission_id=sub.id, verified_on=verified_on or clock.today(),
                           verifier_name=verifier_name.strip() or actor.full_name,
                           user_id=actor.user_id, findings=findings.strip())
        session.add(ver)
        sub.status = Status.DIVERIFIKASI.value
        _record_status(session, actor, sub, current.value, sub.status,
                       f"Verifikasi lapangan: {findings.strip()}")
        session.flush()
        audit.record(session, actor, "verify", "submission", sub.id,
                     after={"findings": findings.strip(), "verified_on": ver.verified_on},
                     summary=f"Verifikasi {sub.number}")


def dispose(app: AppContext, actor: Actor, submission_id: int, unit_id: int, instruction: str,
            due_date: date | None = None) -> int:
    """Route the case to a seksi/bidang with an instruction (lembar disposisi)."""
    require(actor, Permission.SUBMISSION_DISPOSE)
    if not instruction.strip():
        raise ValidationError(field_errors={"instruction": "Isi disposisi wajib diisi."})
    with unit_of_work(app) as session:
        sub = _get(session, submission_id)
        unit = session.get(OfficeUnit, unit_id)
        if unit is None:
            raise ValidationError(field_errors={"unit": "Pilih seksi/bidang tujuan."})
        disp = Disposition(submission_id=sub.id, unit_id=unit.id,
                           instruction=instruction.strip(), due_date=due_date or sub.due_date,
                           by_user_id=actor.user_id, by_name=actor.full_name)
        session.add(disp)
        sub.unit_id = unit.id
        if due_date:
            sub.due_date = due_date
        current = Status(sub.status)
        if current is not Status.DITINDAKLANJUTI and can_transition(current,
                                                                   Status.DITINDAKLANJUTI):
            sub.status = Status.DITINDAKLANJUTI.value
            _record_status(session, actor, sub, current.value, sub.status,
                           f"Disposisi ke {unit.name}: {instruction.strip()}")
        session.flush()
        audit.record(session, actor, "dispose", "submission", sub.id,
                     after={"unit": unit.name, "instruction": instruction.strip(),
                            "due_date": disp.due_date},
                     summary=f"Disposisi {sub.number} ke {unit.name}")
        return disp.id


# ---- Attachments -----------------------------------------------------------------------------


def add_attachment(app: AppContext, actor: Actor, submission_id: int, source: Path,
                   note: str = "") -> int:
    require(actor, Permission.SUBMISSION_EDIT)
    source = Path(source)
    if not source.is_file():
        raise ValidationError(f"Berkas {source.name} tidak ditemukan.")
    if source.stat().st_size > 20 * 1024 * 1024:
        raise ValidationError("Lampiran maksimal 20 MB.")
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    stored = f"{digest}{source.suffix.lower()}"
    target = app.paths.attachments / stored[:2] / stored
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        shutil.copyfile(source, target)
    mime = mimetypes.guess_type(source.name)[0] or "application/octet-stream"
    with unit_of_work(app) as session:
        sub = _get(session, submission_id)
        att = Attachment(submission_id=sub.id, filename=source.name, stored_name=stored,
                         mime=mime, size=source.stat().st_size,
                         is_photo=mime.startswith("image/"), note=note, added_by=actor.user_id)
        session.add(att)
        session.flush()
        audit.record(session, actor, "create", "attachment", att.id,
                     after={"submission": sub.number, "file": source.name},
                     summary=f"Lampiran {source.name} untuk {sub.number}")
        return att.id


def attachment_path(app: AppContext, stored_name: str) -> Path:
    return app.paths.attachments / stored_name[:2] / stored_name


# ---- Reading ---------------------------------------------------------------------------------


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
    def load(cls, session: Session, app: AppContext, subs: list[Submission]) -> DetailPrefetch:
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
            min_area=float(read_setting(app, MIN_AREA)),
            changes=grouped(StatusChange, (StatusChange.at, StatusChange.id)),
            dispositions=grouped(Disposition, (Disposition.at, Disposition.id)),
            attachments=grouped(Attachment, (Attachment.id,)),
            verifications=grouped(Verification, (Verification.id,)),
            numbers=dict(session.execute(select(Submission.id, Submission.number).where(
                Submission.id.in_(dup_ids))).all()) if dup_ids else {},
            categories=_custom_labels(session),
        )


def load_detail(session: Session, app: AppContext, actor: Actor, sub: Submission,
                names: dict[str, str] | None = None,
                pre: DetailPrefetch | None = None) -> SubmissionDetail:
    if pre is None:
        pre = DetailPrefetch.load(session, app, [sub])
    may_see = actor.can(Permission.VIEW_PERSONAL_DATA)
    names = names if names is not None else regions.names(session)
    details: dict[str, Any] = {}
    for spec in fields_for(sub.category):
        value = getattr(sub, spec.key)
        if spec.key in PERSONAL_FIELDS:
            value = _mask(value, may_see)
        elif spec.key == "monthly_income" and not may_see and value is not None:
            value = None  # income is personal data too
        details[spec.key] = value
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
                        d.at)
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
        reporter_nik=_mask(sub.reporter_nik, may_see), reporter_phone=sub.reporter_phone or "",
        reporter_address=sub.reporter_address or "", reporter_desa_code=sub.reporter_desa_code,
        reporter_rt=sub.reporter_rt or "", reporter_rw=sub.reporter_rw or "",
        subject=sub.subject, description=sub.description or "", desa_code=sub.desa_code,
        desa_name=names.get(sub.desa_code, sub.desa_code),
        kecamatan_name=names.get(kecamatan, kecamatan), rt=sub.rt or "", rw=sub.rw or "",
        address=sub.address or "", latitude=sub.latitude, longitude=sub.longitude,
        due_date=sub.due_date, entered_by=entered_name,
        unit_name=units.get(sub.unit_id, "") if sub.unit_id else "",
        duplicate_of=duplicate_number, details=details,
        area_per_person=area_per_person(sub.floor_area, sub.occupants),
        failed_criteria=failed_rtlh_criteria(raw_values, pre.min_area)
        if sub.category == Category.RTLH.value else [],
        timeline=timeline, dispositions=dispositions, attachments=attachments,
        verifications=verifications, masked=not may_see,
        category_label=category_label(sub.category, pre.categories),
    )


def get_submission(app: AppContext, actor: Actor, submission_id: int) -> SubmissionDetail:
    require(actor, Permission.SUBMISSION_VIEW)
    with unit_of_work(app, write=False) as session:
        return load_detail(session, app, actor, _get(session, submission_id))


# ---- The list: filter, sort and page in SQL --------------------------------------------------


@dataclass(frozen=True)
class SubmissionFilter:
    text: str = ""
    kind: str = ""
    category: str = ""
    status: str = ""
    desa_code: str = ""
    date_from: date | None = None
    date_to: date | None = None
    overdue_only: bool = False
    entered_by_id: int | None = None
    ids: tuple[int, ...] | None = None


@dataclass(frozen=True)
class SubmissionRow:
    id: int
    number: str
    kind: str
    category: str
    status: str
    received_on: date
    name: str
    nik: str
    desa: str
    rt_rw: str
    subject: str
    due_date: date | None
    entered_by: str
    overdue: bool
    category_name: str = ""  # the label of an admin-defined category

    @property
    def kind_label(self) -> str:
        return SubmissionKind(self.kind).label

    @property
    def category_label(self) -> str:
        return self.category_name or category_label(self.category)

    @property
    def status_label(self) -> str:
        return Status(self.status).label


def _term_range(word: str) -> Any:
    return and_(SubmissionTerm.term >= word, SubmissionTerm.term < prefix_upper_bound(word))


def _text_filter(stmt: Any, text: str, session: Session | None) -> Any:
    """Every typed word must begin a word of the record (search index, ``domain/search.py``).
    The rarest word drives the query (its matches are few); the others are checked per match."""
    words = query_words(text)[:8]
    if not words:
        return stmt
    if session is not None and len(words) > 1:
        def estimate(word: str) -> int:
            capped = select(SubmissionTerm.submission_id).where(_term_range(word)).limit(20_001)
            return int(session.scalar(select(func.count()).select_from(capped.subquery())) or 0)

        words.sort(key=estimate)
    first, rest = words[0], words[1:]
    stmt = stmt.where(Submission.id.in_(
        select(SubmissionTerm.submission_id).where(_term_range(first))))
    for word in rest:
        stmt = stmt.where(exists().where(SubmissionTerm.submission_id == Submission.id,
                                         _term_range(word)))
    return stmt


def index_terms(session: Session, items: list[tuple[int, dict[str, Any]]],
                replace: bool = True) -> None:
    """(Re)write the search terms of submissions (id, column values)."""
    from sqlalchemy import delete

    if not items:
        return
    if replace:
        session.execute(delete(SubmissionTerm).where(
            SubmissionTerm.submission_id.in_([sid for sid, _ in items])))
    rows = [(term, sid) for sid, values in items for term in terms_for(values)]
    if rows:
        # Plain DBAPI executemany: an import writes a hundred thousand terms.
        conn = session.connection()
        conn.exec_driver_sql(
            positional_insert_sql(conn, "submission_terms", ("term", "submission_id")), rows)


def _values_for_index(sub: Submission) -> dict[str, Any]:
    return {name: getattr(sub, name) for name in INDEXED_FIELDS}


SORT_COLUMNS = {
    "number": Submission.number,
    "received_on": Submission.received_on,
    "kind": Submission.kind,
    "category": Submission.category,
    "status": Submission.status,
    "name": Submission.reporter_name,
    "desa": Submission.desa_code,
    "due_date": Submission.due_date,
}


def apply_filter(stmt: Any, flt: SubmissionFilter | None,
                 session: Session | None = None) -> Any:
    if flt is None:
        return stmt
    if flt.text.strip():
        stmt = _text_filter(stmt, flt.text, session)
    if flt.kind:
        stmt = stmt.where(Submission.kind == flt.kind)
    if flt.category:
        stmt = stmt.where(Submission.category == flt.category)
    if flt.status:
        stmt = stmt.where(Submission.status == flt.status)
    if flt.desa_code:
        stmt = stmt.where(Submission.desa_code == flt.desa_code)
    if flt.date_from:
        stmt = stmt.where(Submission.received_on >= flt.date_from)
    if flt.date_to:
        stmt = stmt.where(Submission.received_on <= flt.date_to)
    if flt.overdue_only:
        stmt = stmt.where(and_(Submission.due_date < clock.today(),
                               Submission.status.in_(OPEN_STATUSES)))
    if flt.entered_by_id:
        stmt = stmt.where(Submission.entered_by_id == flt.entered_by_id)
    if flt.ids is not None:
        stmt = stmt.where(Submission.id.in_(flt.ids))
    return stmt


class SubmissionPageSource:
    """PageSource for the submissions table (gui.table_model.PagedQueryModel)."""

    def __init__(self, app: AppContext, actor: Actor) -> None:
        require(actor, Permission.SUBMISSION_VIEW)
        self.app, self.actor = app, actor
        self._names: dict[str, str] | None = None
        self._users: dict[int, str] | None = None
        self._categories: dict[str, str] = {}

    def count(self, flt: SubmissionFilter | None) -> int:
        with unit_of_work(self.app, write=False) as session:
            return int(session.scalar(apply_filter(select(func.count(Submission.id)), flt,
                                                   session)) or 0)

    def fetch(self, flt: SubmissionFilter | None, sort: str, descending: bool, offset: int,
              limit: int) -> list[SubmissionRow]:
        column = SORT_COLUMNS.get(sort, Submission.received_on)
        order = [column.desc() if descending else column.asc(),
                 Submission.id.desc() if descending else Submission.id.asc()]
        cols = (Submission.id, Submission.number, Submission.kind, Submission.category,
                Submission.status, Submission.received_on, Submission.reporter_name,
                Submission.household_head, Submission.nik, Submission.reporter_nik,
                Submission.desa_code, Submission.rt, Submission.rw, Submission.subject,
                Submission.due_date, Submission.entered_by_id)
        with unit_of_work(self.app, write=False) as session:
            if self._names is None:
                self._names = regions.names(session)
                self._users = dict(session.execute(select(User.id, User.full_name)).all())
            self._categories = _custom_labels(session)  # tiny; renamed ones show at once
            stmt = apply_filter(select(*cols), flt, session).order_by(*order).offset(offset)
            stmt = stmt.limit(limit)
            rows = session.execute(stmt).all()
        return [self._row(r) for r in rows]

    def _row(self, r: Any) -> SubmissionRow:
        may_see = self.actor.can(Permission.VIEW_PERSONAL_DATA)
        today = clock.today()
        nik = r.nik or r.reporter_nik or ""
        return SubmissionRow(
            id=r.id, number=r.number, kind=r.kind, category=r.category, status=r.status,
            received_on=r.received_on, name=r.household_head or r.reporter_name,
            nik=nik if may_see else mask_digits(nik),
            desa=(self._names or {}).get(r.desa_code, r.desa_code),
            rt_rw="/".join(x for x in (r.rt, r.rw) if x), subject=r.subject,
            due_date=r.due_date, entered_by=(self._users or {}).get(r.entered_by_id, ""),
            overdue=bool(r.due_date and r.due_date < today and r.status in OPEN_STATUSES),
            category_name=self._categories.get(r.category, ""),
        )


def filtered_ids(app: AppContext, actor: Actor, flt: SubmissionFilter | None,
                 sort: str = "received_on", descending: bool = False,
                 limit: int | None = None) -> list[int]:
    require(actor, Permission.SUBMISSION_VIEW)
    column = SORT_COLUMNS.get(sort, Submission.received_on)
    with unit_of_work(app, write=False) as session:
        stmt = apply_filter(select(Submission.id), flt, session).order_by(
            column.desc() if descending else column.asc(), Submission.id)
        if limit:
            stmt = stmt.limit(limit)
        return list(session.scalars(stmt))


# ---- Holidays --------------------------------------------------------------------------------


def list_holidays(app: AppContext, year: int | None = None) -> list[tuple[date, str]]:
    with unit_of_work(app, write=False) as session:
        stmt = select(Holiday).order_by(Holiday.day)
        if year:
            stmt = stmt.where(Holiday.day >= date(year, 1, 1), Holiday.day <= date(year, 12, 31))
        return [(h.day, h.name) for h in session.scalars(stmt)]


def save_holiday(app: AppContext, actor: Actor, day: date, name: str) -> None:
    require(actor, Permission.MANAGE_OFFICE)
    if not name.strip():
        raise ValidationError(field_errors={"name": "Nama hari libur wajib diisi."})
    with unit_of_work(app) as session:
        row = session.get(Holiday, day)
        before = {"name": row.name} if row else None
        if row is None:
            session.add(Holiday(day=day, name=name.strip()))
        else:
            row.name = name.strip()
        audit.record(session, actor, "update" if before else "create", "holiday", day,
                     before=before or {}, after={"name": name.strip()},
                     summary=f"Hari libur {day.isoformat()} {name.strip()}")


def delete_holiday(app: AppContext, actor: Actor, day: date) -> None:
    require(actor, Permission.MANAGE_OFFICE)
    with unit_of_work(app) as session:
        row = session.get(Holiday, day)
        if row is None:
            raise NotFound("Hari libur tidak ditemukan.")
        audit.record(session, actor, "delete", "holiday", day, before={"name": row.name},
                     summary=f"Hapus hari libur {day.isoformat()}")
        session.delete(row)


# ---- Admin-defined categories ----------------------------------------------------------------
# They behave like ``lainnya``: common data only, no survey fields. The built-in ones are
# ``domain.intake.Category`` and are never stored.

CATEGORY_CODE_LENGTH = 20


@dataclass(frozen=True)
class CustomCategory:
    code: str
    label: str
    active: bool


def _custom_labels(session: Session) -> dict[str, str]:
    """Code → label of every admin-defined category, inactive ones included (for display)."""
    return dict(session.execute(select(SubmissionCategory.code, SubmissionCategory.label)).all())


def _active_codes(session: Session) -> set[str]:
    codes = set(Category._value2member_map_)
    codes.update(session.scalars(select(SubmissionCategory.code).where(
        SubmissionCategory.active.is_(True))))
    return codes


def list_categories(app: AppContext, include_inactive: bool = False,
                    ) -> list[tuple[str, str, bool]]:
    """(code, label, builtin) of every category that may be chosen: the built-in ones first,
    then the admin-defined ones by label (inactive ones too with ``include_inactive``)."""
    out = [(c.value, c.label, True) for c in Category]
    out += [(c.code, c.label, False) for c in list_custom_categories(app)
            if include_inactive or c.active]
    return out


def list_custom_categories(app: AppContext) -> list[CustomCategory]:
    """The admin-defined categories, active and inactive, by label."""
    with unit_of_work(app, write=False) as session:
        rows = session.scalars(select(SubmissionCategory))
        found = [CustomCategory(r.code, r.label, bool(r.active)) for r in rows]
    return sorted(found, key=lambda c: (c.label.casefold(), c.code))


def active_category_codes(app: AppContext) -> set[str]:
    with unit_of_work(app, write=False) as session:
        return _active_codes(session)


def category_labels(app: AppContext) -> dict[str, str]:
    """Code → label of every category, built-in and admin-defined (inactive ones included)."""
    with unit_of_work(app, write=False) as session:
        extra = _custom_labels(session)
    return {**{c.value: c.label for c in Category}, **extra}


def category_code(label: str, taken: Collection[str] = ()) -> str:
    """A code made from a label: lowercase ASCII words joined by ``_``, at most 20 characters,
    never a built-in code nor one in ``taken`` (a number is added)."""
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_") or "kategori"

    def fit(text: str, length: int) -> str:  # cut at a word boundary when one is near
        if len(text) <= length:
            return text
        cut = text[:length + 1].rfind("_")
        return text[:cut] if cut >= length // 2 else text[:length].rstrip("_")

    code, n = fit(base, CATEGORY_CODE_LENGTH), 1
    while is_builtin_category(code) or code in taken:
        n += 1
        suffix = f"_{n}"
        code = fit(base, CATEGORY_CODE_LENGTH - len(suffix)) + suffix
    return code


def _label_key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def save_category(app: AppContext, actor: Actor, code: str | None, label: str,
                  active: bool = True) -> str:
    """Add (``code`` None: the code is made from the label) or change an admin-defined
    category; returns its code. Deactivating hides it from new submissions only."""
    require(actor, Permission.MANAGE_OFFICE)
    label = " ".join((label or "").split())
    if not label:
        raise ValidationError(field_errors={"label": "Nama kategori wajib diisi."})
    if len(label) > 120:
        raise ValidationError(field_errors={"label": "Nama kategori paling panjang 120 huruf."})
    if code is not None and is_builtin_category(code):
        raise ConflictError("Kategori bawaan tidak dapat diubah.")
    with unit_of_work(app) as session:
        rows = list(session.scalars(select(SubmissionCategory)))
        key = _label_key(label)  # as spreadsheet imports compare them
        builtin = {_label_key(text) for c in Category
                   for text in (c.value, c.label, c.label.split("(")[0])}
        if key in builtin or any(_label_key(r.label) == key and r.code != code for r in rows):
            raise ValidationError(field_errors={
                "label": f"Kategori dengan nama \"{label}\" sudah ada."})
        if code is None:
            row = SubmissionCategory(code=category_code(label, {r.code for r in rows}),
                                     label=label, active=active)
            session.add(row)
            before: dict[str, Any] = {}
        else:
            found = next((r for r in rows if r.code == code), None)
            if found is None:
                raise NotFound("Kategori tidak ditemukan.")
            row = found
            before = {"label": row.label, "active": bool(row.active)}
            row.label, row.active = label, active
        session.flush()
        after = {"label": row.label, "active": bool(row.active)}
        if before == after:
            return row.code
        if not before:
            summary = f"Tambah kategori {label} ({row.code})"
        elif before["active"] != active and before["label"] == label:
            summary = f"{'Aktifkan' if active else 'Nonaktifkan'} kategori {label}"
        else:
            summary = f"Ubah kategori {row.code}: {label}"
        audit.record(session, actor, "update" if before else "create", "category", row.code,
                     before=before, after=after, summary=summary)
        return row.code


def recompute_open_due_dates(app: AppContext, actor: Actor) -> int:
    """After the holiday list or deadlines change: recompute due dates of open records that
    have no disposition-specific due date."""
    require(actor, Permission.MANAGE_OFFICE)
    with unit_of_work(app) as session:
        holidays = _holidays(session)
        days = {k: _deadline_days(session, k) for k in SubmissionKind}
        disposed = select(Disposition.submission_id)
        rows = session.execute(
            select(Submission.id, Submission.kind, Submission.received_on).where(
                Submission.status.in_(OPEN_STATUSES), Submission.id.not_in(disposed))
        ).all()
        for r in rows:
            session.execute(update(Submission).where(Submission.id == r.id).values(
                due_date=add_working_days(r.received_on, days[SubmissionKind(r.kind)], holidays)))
        audit.record(session, actor, "update", "submission", "*",
                     summary=f"Hitung ulang tenggat {len(rows)} data terbuka")
        return len(rows)


def input_field_names() -> list[str]:
    return [f.name for f in fields(SubmissionInput)]


def detail_kind(key: str) -> FieldKind | None:
    spec = DETAIL_FIELDS.get(key)
    return spec.kind if spec else None
