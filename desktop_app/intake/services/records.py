"""Registering and changing one submission: numbers, due dates, the first timeline entry,
search terms and audit in the saving transaction; bulk saving for imports; duplicates."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any, cast

from sqlalchemy import Table, func, or_, select
from sqlalchemy.orm import Session

from desktop_app.core.domain.errors import NotFound, ValidationError
from desktop_app.core.domain.roles import Permission
from desktop_app.core.services import audit, regions, versions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.db.base import utcnow
from desktop_app.db.engine import bulk_insert
from desktop_app.db.hints import unindexed
from desktop_app.intake.domain.submissions import (
    OPEN_STATUSES,
    Status,
    SubmissionKind,
    all_detail_fields,
    registration_number,
)
from desktop_app.intake.domain.validation import (
    HIDDEN_FIELDS,
    PERSONAL_FIELDS,
    SubmissionInput,
    clean_rt,
    validate,
)
from desktop_app.intake.models import RegistrationCounter, StatusChange, Submission
from desktop_app.intake.services import calendar
from desktop_app.intake.services.categories import active_codes
from desktop_app.intake.services.search import index_terms, values_for_index

DUPLICATE_NAME_SCORE = 88  # rapidfuzz token ratio above which two names count as similar
DETAIL_FIELDS = all_detail_fields()


@dataclass(frozen=True)
class SavedSubmission:
    id: int
    number: str
    due_date: date | None
    warnings: tuple[str, ...]
    version: int = 1


def load(session: Session, submission_id: int) -> Submission:
    sub = session.get(Submission, submission_id)
    if sub is None:
        raise NotFound("Data usulan/laporan/aduan tidak ditemukan.")
    return sub


def record_status(session: Session, actor: Actor, sub: Submission, old: str | None,
                  new: str, note: str) -> None:
    session.add(StatusChange(submission_id=sub.id, user_id=actor.user_id,
                             user_name=actor.full_name, from_status=old, to_status=new,
                             note=note))


def _ensure_counter(session: Session, kind: str, year: int) -> None:
    """Create the kind's counter for the year unless it exists, without a race: two desks
    saving the first record of a new year at once both succeed (INSERT … ON CONFLICT DO
    NOTHING), then each takes the row lock in turn."""
    from sqlalchemy.dialects import postgresql, sqlite

    dialect_insert: Any = (postgresql.insert if session.get_bind().dialect.name == "postgresql"
                           else sqlite.insert)
    session.execute(dialect_insert(RegistrationCounter)
                    .values(kind=kind, year=year, last_number=0).on_conflict_do_nothing())


def next_number(session: Session, kind: SubmissionKind, year: int) -> str:
    return next_numbers(session, kind, year, 1)[0]


def next_numbers(session: Session, kind: SubmissionKind, year: int, count: int) -> list[str]:
    """The next ``count`` registration numbers of ``kind`` and ``year``, in order."""
    # The counter row is updated inside the saving transaction (a write lock on SQLite and a
    # row lock on PostgreSQL), so two desks never get the same number and none is reused.
    counters = session.info.setdefault("intake.counters", {})
    counter = counters.get((kind.value, year))
    if counter is None:
        _ensure_counter(session, kind.value, year)
        counter = session.execute(
            select(RegistrationCounter).where(RegistrationCounter.kind == kind.value,
                                              RegistrationCounter.year == year).with_for_update()
        ).scalar_one()
        counters[(kind.value, year)] = counter
    first = counter.last_number + 1
    counter.last_number += count
    return [registration_number(kind, year, sequence)
            for sequence in range(first, first + count)]


def _check_desa(session: Session, code: str) -> None:
    if code not in regions.names(session):
        raise ValidationError(field_errors={"desa_code": "Desa/kelurahan tidak dikenal."})


# ---- One record ------------------------------------------------------------------------------


def create_submission(app: AppContext, actor: Actor, data: SubmissionInput, *,
                      duplicate_of: int | None = None) -> SavedSubmission:
    require(actor, Permission.SUBMISSION_CREATE)
    data = replace(data, kept=frozenset())  # a new record has no stored value to keep
    with unit_of_work(app) as session:
        clean, warnings = validate(data, active_codes(session))
        return _create(session, actor, clean, warnings, duplicate_of)


def _create(session: Session, actor: Actor, clean: dict[str, Any], warnings: list[str],
            duplicate_of: int | None) -> SavedSubmission:
    _check_desa(session, clean["desa_code"])
    kind = SubmissionKind(clean["kind"])
    number = next_number(session, kind, clean["received_on"].year)
    due = calendar.due_date(session, kind, clean["received_on"])
    sub = Submission(number=number, status=Status.DITERIMA.value, due_date=due,
                     entered_by_id=actor.user_id, **clean)
    original = None
    if duplicate_of is not None:
        original = session.get(Submission, duplicate_of)
        if original is None:
            raise NotFound("Data asal duplikat tidak ditemukan.")
        sub.duplicate_of_id = original.id
        sub.status = Status.DITOLAK.value
    session.add(sub)
    session.flush()
    index_terms(session, [(sub.id, values_for_index(sub))], replace=False)
    record_status(session, actor, sub, None, Status.DITERIMA.value, "")
    if original is not None:
        record_status(session, actor, sub, Status.DITERIMA.value, Status.DITOLAK.value,
                      f"Duplikat dari {original.number}")
    audit.record(session, actor, "create", "submission", sub.id,
                 after=audit.snapshot(sub, exclude=set(PERSONAL_FIELDS)),
                 summary=f"{kind.label} {number}: {sub.subject}")
    return SavedSubmission(sub.id, number, due, tuple(warnings))


def field_labels() -> dict[str, str]:
    """Indonesian names of a submission's stored fields (for a conflict message)."""
    from desktop_app.intake.exchange.columns import IMPORT_SPECS

    return {spec.key: spec.label for spec in IMPORT_SPECS} | {
        "desa_code": "Desa/Kelurahan", "status": "Status", "due_date": "Batas waktu"}


def update_submission(app: AppContext, actor: Actor, submission_id: int,
                      data: SubmissionInput, *, version: int | None = None) -> SavedSubmission:
    """``version``: the one the form loaded; a record changed since is refused
    (RecordChangedError) instead of being overwritten."""
    require(actor, Permission.SUBMISSION_EDIT)
    with unit_of_work(app) as session:
        sub = load(session, submission_id)
        versions.check(session, sub, version, entity="submission",
                       what=f"Data {sub.number}", labels=field_labels())
        if not Status(sub.status).is_open:
            raise ValidationError(f"Data {sub.number} sudah {sub.status}; tidak dapat diubah.")
        # A category deactivated since stays valid for the records already in it.
        clean, warnings = validate(data, active_codes(session) | {sub.category})
        before = audit.snapshot(sub, exclude=set(PERSONAL_FIELDS))
        clean.pop("kind", None)  # the number carries the kind: it never changes
        for key, value in clean.items():
            setattr(sub, key, value)
        kept = data.kept & set(HIDDEN_FIELDS) if data.category == sub.category else set()
        for spec_key in DETAIL_FIELDS:
            if spec_key not in clean and spec_key not in kept:
                setattr(sub, spec_key, None)  # category changed: drop the old survey values
        session.flush()
        index_terms(session, [(sub.id, values_for_index(sub))])
        audit.record(session, actor, "update", "submission", sub.id, before=before,
                     after=audit.snapshot(sub, exclude=set(PERSONAL_FIELDS)),
                     summary=f"Ubah {sub.number}")
        return SavedSubmission(sub.id, sub.number, sub.due_date, tuple(warnings), sub.version)


# ---- Many records at once (imports) ----------------------------------------------------------


# The plain table (a Core INSERT), not the ORM entity: see save_many.
SUBMISSIONS_TABLE = cast(Table, Submission.__table__)


def _last_id(session: Session) -> int | None:
    """The largest submission id before a bulk insert, on SQLite (see ``_new_ids``)."""
    if session.get_bind().dialect.name != "sqlite":
        return None
    return int(session.scalar(select(func.max(Submission.id))) or 0)


def _new_ids(session: Session, before: int | None, numbers: list[str]) -> list[int]:
    """The ids of the records just inserted (one executemany), in the order of ``numbers``.
    On SQLite the transaction holds the database's only write lock and each new row takes
    the largest rowid yet plus one: the rows above ``before`` are exactly ours, in insertion
    order, when they are as many as ours and their ids run without a gap (checked, with the
    first and last numbers; anything else is looked up by number). On PostgreSQL a sequence
    promises no such run: looked up by number."""
    if before is not None:
        count, low, high = session.execute(select(
            func.count(), func.min(Submission.id), func.max(Submission.id)).where(
            Submission.id > before)).one()
        if count == len(numbers) and high - low + 1 == count:
            ends = dict(session.execute(select(Submission.id, Submission.number).where(
                Submission.id.in_([low, high]))).all())
            if ends[low] == numbers[0] and ends[high] == numbers[-1]:
                return list(range(low, high + 1))
    found: dict[str, int] = {}
    for start in range(0, len(numbers), 900):  # SQLite's bound-parameter limit
        found.update(session.execute(select(Submission.number, Submission.id).where(
            Submission.number.in_(numbers[start:start + 900]))).all())
    return [found[number] for number in numbers]


def save_many(session: Session, actor: Actor, items: list[tuple[dict[str, Any], str | None]],
              extra: list[dict[str, Any]] | None = None) -> list[SavedSubmission]:
    """Save many validated submissions (``clean`` values, import key) in the caller's unit of
    work with bulk inserts: numbers, due dates, first timeline entry, search terms and one audit
    row each, as ``create_submission`` does one by one. ``extra``: more column values per item
    (e.g. who entered it in the field). The caller checked the permission."""
    if not items:
        return []
    known = regions.names(session)
    for code in {clean["desa_code"] for clean, _key in items}:
        if code not in known:
            raise ValidationError(field_errors={"desa_code": "Desa/kelurahan tidak dikenal."})
    kinds: dict[str, SubmissionKind] = {}
    by_counter: dict[tuple[SubmissionKind, int], list[int]] = {}  # positions, in order
    for n, (clean, _key) in enumerate(items):
        kind = kinds.get(clean["kind"]) or kinds.setdefault(clean["kind"],
                                                             SubmissionKind(clean["kind"]))
        by_counter.setdefault((kind, clean["received_on"].year), []).append(n)
    numbers = [""] * len(items)
    for (kind, year), positions in by_counter.items():
        for n, number in zip(positions, next_numbers(session, kind, year, len(positions)),
                             strict=True):
            numbers[n] = number
    now = utcnow()
    user, received = actor.user_id, Status.DITERIMA.value
    rows: list[dict[str, Any]] = []
    for n, (clean, key) in enumerate(items):
        row = {"created_at": now, "updated_at": now, "entered_by_id": user, **clean}
        if extra:
            row.update(extra[n])
        row["number"], row["status"], row["import_key"] = numbers[n], received, key
        row["due_date"] = calendar.due_date(session, kinds[clean["kind"]], clean["received_on"])
        rows.append(row)
    # One plain executemany (the ORM's bulk insert leaves out None values, so rows with
    # different empty fields, an import's soft faults, would each become a statement), then the
    # new ids.
    conn = session.connection()
    before = _last_id(session)
    bulk_insert(conn, SUBMISSIONS_TABLE, rows)  # categories differ in fields: missing is NULL
    ids = _new_ids(session, before, numbers)
    index_terms(session, list(zip(ids, rows, strict=True)), replace=False)
    bulk_insert(conn, StatusChange.__table__, [
        {"submission_id": sid, "at": now, "user_id": actor.user_id,
         "user_name": actor.full_name, "from_status": None,
         "to_status": Status.DITERIMA.value, "note": ""} for sid in ids])
    unaudited = frozenset(PERSONAL_FIELDS) | {"id"}  # every other key of a row is a column
    # Empty columns are left out of each audit row: a record is created with them empty.
    audit.record_many(session, actor, [
        ("create", "submission", sid,
         {c: v for c, v in row.items() if v is not None and c not in unaudited} | {"id": sid},
         f"{kinds[row['kind']].label} {row['number']}: {row['subject']}")
        for sid, row in zip(ids, rows, strict=True)])
    return [SavedSubmission(sid, row["number"], row["due_date"], ())
            for sid, row in zip(ids, rows, strict=True)]


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
        rt = clean_rt(data.rt)
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
            # The two NIK indexes drive the query; without planner statistics SQLite would
            # walk every open record of the category by the status index instead.
            stmt = select(Submission).where(
                or_(Submission.nik == nik, Submission.reporter_nik == nik),
                unindexed(Submission.category) == data.category,
                unindexed(Submission.status).in_(OPEN_STATUSES),
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
