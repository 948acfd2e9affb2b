"""Office master data: the office profile (kop surat) and office units (seksi/bidang)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.core.domain.errors import ConflictError, NotFound, ValidationError
from desktop_app.core.domain.identity import check_nip
from desktop_app.core.domain.labels import OfficeKind
from desktop_app.core.domain.roles import Permission
from desktop_app.core.models import OfficeProfile, OfficeUnit
from desktop_app.core.services import audit, versions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work

OFFICE_KINDS = dict(OfficeKind.choices())
PAPER_SIZES = ("A4", "F4")


@dataclass
class OfficeProfileData:
    office_kind: str = "kecamatan"
    government_line: str = "PEMERINTAH KABUPATEN BALANGAN"
    name: str = ""
    short_name: str = ""
    address: str = ""
    city: str = "Paringin"
    postal_code: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    head_name: str = ""
    head_title: str = ""
    head_rank: str = ""
    head_nip: str = ""
    region_code: str | None = None
    paper_size: str = "A4"
    letter_number_pattern: str = "{kode}/{nomor}/{singkatan}/{tahun}"
    logo: bytes | None = None
    version: int | None = None  # as loaded; a profile changed since is not overwritten


_PROFILE_FIELDS = [f.name for f in fields(OfficeProfileData) if f.name != "version"]
PROFILE_LABELS = {
    "office_kind": "Jenis kantor", "government_line": "Baris pemerintah", "name": "Nama kantor",
    "short_name": "Singkatan", "address": "Alamat", "city": "Kota", "postal_code": "Kode pos",
    "phone": "Telepon", "email": "Email", "website": "Situs web", "head_name": "Nama pimpinan",
    "head_title": "Jabatan pimpinan", "head_rank": "Pangkat/golongan", "head_nip": "NIP pimpinan",
    "region_code": "Wilayah", "paper_size": "Ukuran kertas",
    "letter_number_pattern": "Pola nomor surat", "logo_changed": "Logo"}


def validate_profile(data: OfficeProfileData) -> None:
    errors: dict[str, str] = {}
    if data.office_kind not in OFFICE_KINDS:
        errors["office_kind"] = "Jenis kantor harus kecamatan atau dinas."
    if not data.name.strip():
        errors["name"] = "Nama kantor wajib diisi."
    if data.paper_size not in PAPER_SIZES:
        errors["paper_size"] = "Ukuran kertas harus A4 atau F4."
    nip = check_nip(data.head_nip)
    if not nip.ok:
        errors["head_nip"] = nip.error or ""
    if data.email and "@" not in data.email:
        errors["email"] = "Alamat email tidak valid."
    if "{nomor}" not in data.letter_number_pattern:
        errors["letter_number_pattern"] = "Pola nomor surat harus memuat {nomor}."
    if errors:
        raise ValidationError(field_errors=errors)


def load_profile(session: Session) -> OfficeProfileData | None:
    """The office profile, read in the caller's unit of work (a printout reads it with the rest)."""
    row = session.scalar(select(OfficeProfile).order_by(OfficeProfile.id).limit(1))
    if row is None:
        return None
    return OfficeProfileData(**{name: getattr(row, name) for name in _PROFILE_FIELDS},
                             version=row.version)


def get_profile(app: AppContext) -> OfficeProfileData | None:
    with unit_of_work(app, write=False) as session:
        return load_profile(session)


def write_profile(session: Session, actor: Actor, data: OfficeProfileData) -> None:
    """Validate and save the profile in the caller's transaction (permission checked there)."""
    validate_profile(data)
    data.head_nip = check_nip(data.head_nip).value
    row = session.scalar(select(OfficeProfile).order_by(OfficeProfile.id).limit(1))
    if row is not None:
        versions.check(session, row, data.version, entity="office_profile",
                       what="Profil kantor", labels=PROFILE_LABELS)
    before = audit.snapshot(row) if row else None
    if row is None:
        row = OfficeProfile(name=data.name)
        session.add(row)
    for name in _PROFILE_FIELDS:
        setattr(row, name, getattr(data, name))
    session.flush()
    after = audit.snapshot(row)
    after["logo_changed"] = bool(before is None or data.logo is not None)
    audit.record(session, actor, "update" if before else "create", "office_profile", row.id,
                 before=before or {}, after=after, summary="Profil kantor")


def save_profile(app: AppContext, actor: Actor, data: OfficeProfileData) -> None:
    require(actor, Permission.MANAGE_OFFICE)
    with unit_of_work(app) as session:
        write_profile(session, actor, data)


def format_letter_number(pattern: str, *, kode: str, nomor: int | str, singkatan: str,
                         tahun: int, bulan: int | None = None) -> str:
    """Fill the office pattern, e.g. ``000.7.1/15/Kec-PS/2026``."""
    roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
    return pattern.format(
        kode=kode, nomor=nomor, singkatan=singkatan, tahun=tahun,
        bulan=roman[(bulan or 1) - 1],
    )


# ---- Office units (seksi / bidang) -----------------------------------------------------------


@dataclass(frozen=True)
class UnitInfo:
    id: int
    name: str
    head_name: str
    active: bool
    version: int = 1  # as loaded; the dialog sends it back (a unit changed since is refused)


UNIT_LABELS = {"name": "Nama seksi/bidang", "head_name": "Kepala", "active": "Aktif"}


def list_units(app: AppContext, *, include_inactive: bool = False) -> list[UnitInfo]:
    with unit_of_work(app, write=False) as session:
        stmt = select(OfficeUnit).order_by(OfficeUnit.name)
        if not include_inactive:
            stmt = stmt.where(OfficeUnit.active.is_(True))
        return [UnitInfo(u.id, u.name, u.head_name, u.active, u.version)
                for u in session.scalars(stmt)]


def get_unit(app: AppContext, unit_id: int) -> UnitInfo:
    """One unit as stored now (a dialog's «Muat ulang»)."""
    with unit_of_work(app, write=False) as session:
        u = session.get(OfficeUnit, unit_id)
        if u is None:
            raise NotFound("Seksi/bidang tidak ditemukan.")
        return UnitInfo(u.id, u.name, u.head_name, u.active, u.version)


def save_unit(app: AppContext, actor: Actor, unit_id: int | None, name: str,
              head_name: str = "", active: bool = True, *, version: int | None = None) -> int:
    """Add (``unit_id`` None) or change a unit; ``version``: the one the dialog loaded (changed
    since by another desk: refused with RecordChangedError)."""
    require(actor, Permission.MANAGE_OFFICE)
    if not name.strip():
        raise ValidationError(field_errors={"name": "Nama seksi/bidang wajib diisi."})
    with unit_of_work(app) as session:
        clash = session.scalar(
            select(OfficeUnit.id).where(func.lower(OfficeUnit.name) == name.strip().lower())
        )
        if clash and clash != unit_id:
            raise ConflictError(f"Seksi/bidang '{name}' sudah ada.")
        if unit_id is None:
            unit = OfficeUnit(name=name.strip(), head_name=head_name.strip(), active=active)
            session.add(unit)
            session.flush()
            audit.record(session, actor, "create", "office_unit", unit.id,
                         after=audit.snapshot(unit), summary=f"Seksi/bidang {unit.name}")
            return unit.id
        existing = session.get(OfficeUnit, unit_id)
        if existing is None:
            raise NotFound("Seksi/bidang tidak ditemukan.")
        versions.check(session, existing, version, entity="office_unit",
                       what=f"Seksi/bidang «{existing.name}»", labels=UNIT_LABELS)
        before = audit.snapshot(existing)
        existing.name, existing.head_name = name.strip(), head_name.strip()
        existing.active = active
        session.flush()
        audit.record(session, actor, "update", "office_unit", existing.id, before=before,
                     after=audit.snapshot(existing), summary=f"Seksi/bidang {existing.name}")
        return existing.id


def profile_as_dict(data: OfficeProfileData) -> dict[str, object]:
    out = asdict(data)
    out.pop("logo", None)
    return out
