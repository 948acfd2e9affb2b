"""Working-day deadlines: the holiday list, the default deadline of each kind, and recomputing
the due dates of open records after either changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desktop_app.core.domain.errors import NotFound, ValidationError
from desktop_app.core.domain.formatting import format_date_long
from desktop_app.core.domain.roles import Permission, Role
from desktop_app.core.services import audit, settings, versions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.core.services.settings import get_setting
from desktop_app.intake.domain.submissions import OPEN_STATUSES, SubmissionKind, add_working_days
from desktop_app.intake.models import Disposition, Holiday, Submission

DEADLINE_KEYS = {
    SubmissionKind.ADUAN: settings.INTAKE_DEADLINE_ADUAN,
    SubmissionKind.LAPORAN: settings.INTAKE_DEADLINE_LAPORAN,
    SubmissionKind.USULAN: settings.INTAKE_DEADLINE_USULAN,
}

# Holidays and deadlines are read once per transaction and kept in ``session.info`` (an import
# saves thousands of submissions in one transaction; its write lock keeps them valid).


def holidays(session: Session) -> list[date]:
    if "intake.holidays" not in session.info:
        session.info["intake.holidays"] = list(session.scalars(select(Holiday.day)))
    days: list[date] = session.info["intake.holidays"]
    return days


def deadline_days(session: Session, kind: SubmissionKind) -> int:
    cache: dict[SubmissionKind, int] = session.info.setdefault("intake.deadlines", {})
    if kind not in cache:
        cache[kind] = int(get_setting(session, DEADLINE_KEYS[kind]))
    return cache[kind]


def due_date(session: Session, kind: SubmissionKind, received_on: date) -> date:
    """The response due date of a record of ``kind`` received on ``received_on``."""
    # An import shares few dates.
    cache: dict[tuple[SubmissionKind, date], date] = session.info.setdefault("intake.due_dates",
                                                                             {})
    key = (kind, received_on)
    if key not in cache:
        cache[key] = add_working_days(received_on, deadline_days(session, kind),
                                      holidays(session))
    return cache[key]


def list_holidays(app: AppContext, year: int | None = None) -> list[tuple[date, str]]:
    return [(h.day, h.name) for h in holiday_rows(app, year)]


@dataclass(frozen=True)
class HolidayInfo:
    day: date
    name: str
    version: int  # as loaded: a change or removal sends it back (changed since: refused)


def holiday_rows(app: AppContext, year: int | None = None) -> list[HolidayInfo]:
    """The holiday list as the settings page shows it, with each day's version."""
    with unit_of_work(app, write=False) as session:
        stmt = select(Holiday).order_by(Holiday.day)
        if year:
            stmt = stmt.where(Holiday.day >= date(year, 1, 1), Holiday.day <= date(year, 12, 31))
        return [HolidayInfo(h.day, h.name, h.version) for h in session.scalars(stmt)]


def _check_holiday(session: Session, row: Holiday | None, day: date,
                   version: int | None) -> None:
    """``version``: the day's version the page showed, 0 when it was not listed then. A day
    added, renamed or removed meanwhile on another desk is refused (RecordChangedError)."""
    versions.check_keyed(session, row, version, entity="holiday", key=day,
                         what=f"Hari libur {format_date_long(day)}", labels=HOLIDAY_LABELS)


HOLIDAY_LABELS = {"name": "Keterangan hari libur"}


def save_holiday(app: AppContext, actor: Actor, day: date, name: str, *,
                 version: int | None = None) -> None:
    """Add a holiday or rename a listed one; ``version`` as in ``_check_holiday``."""
    require(actor, Permission.MANAGE_OFFICE)
    if not name.strip():
        raise ValidationError(field_errors={"name": "Nama hari libur wajib diisi."})
    with unit_of_work(app) as session:
        row = session.get(Holiday, day)
        _check_holiday(session, row, day, version)
        before = {"name": row.name} if row else None
        if row is None:
            row = Holiday(day=day, name=name.strip())
            session.add(row)
        else:
            row.name = name.strip()
        session.flush()
        audit.record(session, actor, "update" if before else "create", "holiday", day,
                     before=before or {}, after={"name": name.strip(), "version": row.version},
                     summary=f"Hari libur {day.isoformat()} {name.strip()}")


def delete_holiday(app: AppContext, actor: Actor, day: date, *,
                   version: int | None = None) -> None:
    require(actor, Permission.MANAGE_OFFICE)
    with unit_of_work(app) as session:
        row = session.get(Holiday, day)
        if row is None:
            raise NotFound("Hari libur tidak ditemukan.")
        _check_holiday(session, row, day, version)
        audit.record(session, actor, "delete", "holiday", day, before={"name": row.name},
                     summary=f"Hapus hari libur {day.isoformat()}")
        session.delete(row)


def recompute_open_due_dates(app: AppContext, actor: Actor) -> int:
    """After the holiday list or deadlines change: recompute due dates of open records that
    have no disposition-specific due date."""
    require(actor, Permission.MANAGE_OFFICE)
    with unit_of_work(app) as session:
        return _recompute_due_dates(session, actor)


def _recompute_due_dates(session: Session, actor: Actor) -> int:
    disposed = select(Disposition.submission_id)
    rows = session.execute(
        select(Submission.id, Submission.kind, Submission.received_on).where(
            Submission.status.in_(OPEN_STATUSES), Submission.id.not_in(disposed))
    ).all()
    for r in rows:
        session.execute(update(Submission).where(Submission.id == r.id).values(
            due_date=due_date(session, SubmissionKind(r.kind), r.received_on)))
    audit.record(session, actor, "update", "submission", "*",
                 summary=f"Hitung ulang tenggat {len(rows)} data terbuka")
    return len(rows)


def national_holidays(years: list[int]) -> list[tuple[date, str]]:
    """Indonesia's public holidays and cuti bersama for ``years``, in Indonesian, from the
    maintained ``holidays`` package (SKB 3 Menteri; future Islamic dates are estimates)."""
    import holidays as calendar_source
    from holidays.constants import GOVERNMENT, PUBLIC

    found = calendar_source.country_holidays("ID", years=years, categories=(PUBLIC, GOVERNMENT),
                                             language="id")
    return sorted((day, name[:200]) for day, name in found.items())


def years_without_holidays(app: AppContext, years: list[int]) -> list[int]:
    """Which of ``years`` have no holiday in the list yet (a cheap check at start-up)."""
    with unit_of_work(app, write=False) as session:
        days = set(session.scalars(select(Holiday.day).where(
            Holiday.day >= date(min(years), 1, 1), Holiday.day <= date(max(years), 12, 31))))
    return [y for y in years if not any(d.year == y for d in days)]


def fill_national_holidays(app: AppContext, actor: Actor, years: list[int]) -> int:
    """Add the national holidays of ``years``; days already listed (an admin's own names and
    local days) stay as they are. Due dates of open records follow. Returns how many were
    added."""
    require(actor, Permission.MANAGE_OFFICE)
    return _fill_national(app, actor, years)


# Start-up maintenance of reference data is recorded under this name. It is no user and no
# fallback: it is passed to nothing but the audit trail (a role is required by the type).
_START_UP = Actor(None, "sistem", "Pemeliharaan saat mulai", Role.OPERATOR)


def fill_national_holidays_at_start(app: AppContext, years: list[int]) -> int:
    """At start, like the reference regions: the fixed national calendar of ``years`` that have
    none yet, added without a user (nothing else can be done this way)."""
    return _fill_national(app, _START_UP, years)


def _fill_national(app: AppContext, actor: Actor, years: list[int]) -> int:
    wanted = national_holidays(years)
    with unit_of_work(app) as session:
        existing = set(session.scalars(select(Holiday.day)))
        added = [(day, name) for day, name in wanted if day not in existing]
        session.add_all(Holiday(day=day, name=name) for day, name in added)
        if added:
            audit.record(session, actor, "create", "holiday", "*",
                         after={"days": [d.isoformat() for d, _ in added]},
                         summary=f"Hari libur nasional {', '.join(map(str, years))}: "
                                 f"{len(added)} hari ditambahkan")
            session.flush()
            _recompute_due_dates(session, actor)
    return len(added)
