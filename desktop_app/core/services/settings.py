"""Office-wide settings: every one declared here, once, with type, default and label.

Stored in the ``settings`` table; a feature reads one with ``get_setting(session, SPEC)``
inside its own unit of work (or ``read_setting(app, SPEC)`` outside one).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.domain.errors import ValidationError
from desktop_app.core.domain.roles import Permission
from desktop_app.core.models import Setting
from desktop_app.core.services import audit, versions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work


@dataclass(frozen=True)
class SettingSpec:
    key: str
    kind: type
    default: Any
    label: str
    minimum: float | None = None
    maximum: float | None = None


# ---- The catalogue: every setting of every feature ------------------------------------------

BACKUP_KEEP_DAILY = SettingSpec("backup.keep_daily", int, 7, "Simpan cadangan harian (jumlah)",
                                1, 60)
BACKUP_KEEP_WEEKLY = SettingSpec("backup.keep_weekly", int, 4,
                                 "Simpan cadangan mingguan (jumlah)", 0, 52)
BACKUP_KEEP_MONTHLY = SettingSpec("backup.keep_monthly", int, 12,
                                  "Simpan cadangan bulanan (jumlah)", 0, 120)
BACKUP_KEEP_PRE_RESTORE = SettingSpec("backup.keep_pre_restore", int, 5,
                                      "Simpan salinan sebelum pemulihan (jumlah)", 1, 50)
INTAKE_DEADLINE_ADUAN = SettingSpec("intake.deadline_aduan", int, 5,
                                    "Tenggat aduan (hari kerja)", 1, 120)
INTAKE_DEADLINE_LAPORAN = SettingSpec("intake.deadline_laporan", int, 5,
                                      "Tenggat laporan (hari kerja)", 1, 120)
INTAKE_DEADLINE_USULAN = SettingSpec("intake.deadline_usulan", int, 60,
                                     "Tenggat usulan (hari kerja, perlu cek lapangan)", 1, 250)
RTLH_MIN_AREA = SettingSpec("rtlh.min_area_per_person", float, 9.0,
                            "Ambang luas lantai per orang RTLH (m²)", 4, 20)
RANKING_UMK = SettingSpec("ranking.umk_monthly", float, 3_600_000.0,
                          "UMK Kabupaten Balangan untuk syarat RTLH (Rp/bulan)", 0, 100_000_000)
MEETINGS_TIME_ZONE = SettingSpec("meetings.time_zone", str, "WITA",
                                 "Zona waktu pada undangan dan notulen (WIB/WITA/WIT)")
MEETINGS_BLANK_ROWS = SettingSpec("meetings.blank_attendance_rows", int, 10,
                                  "Baris kosong daftar hadir untuk tamu tak terdaftar", 0, 60)
# Permendagri 83/2022 replaced the old codes (005 = undangan under Permendagri 78/2012);
# undangan rapat now file under 000.1.5 (Umum › Ketatausahaan dan Kerumahtanggaan).
MEETINGS_INVITATION_CODE = SettingSpec("meetings.invitation_code", str, "000.1.5",
                                       "Kode klasifikasi surat undangan rapat")
PLANNING_LETTER_CODE = SettingSpec("planning.letter_code", str, "000.7.1",
                                   "Kode klasifikasi surat Musrenbang (Permendagri 83/2022)")

SETTINGS: dict[str, SettingSpec] = {spec.key: spec for spec in (
    BACKUP_KEEP_DAILY, BACKUP_KEEP_WEEKLY, BACKUP_KEEP_MONTHLY, BACKUP_KEEP_PRE_RESTORE,
    INTAKE_DEADLINE_ADUAN, INTAKE_DEADLINE_LAPORAN, INTAKE_DEADLINE_USULAN, RTLH_MIN_AREA,
    RANKING_UMK,
    MEETINGS_TIME_ZONE, MEETINGS_BLANK_ROWS, MEETINGS_INVITATION_CODE,
    PLANNING_LETTER_CODE,
)}


def _parse(spec: SettingSpec, text: str) -> Any:
    if spec.kind is bool:
        return text.strip().lower() in {"1", "true", "ya", "yes"}
    if spec.kind is int:
        return int(text)
    if spec.kind is float:
        return float(text)
    return text


def _spec(key: str | SettingSpec) -> SettingSpec:
    return key if isinstance(key, SettingSpec) else SETTINGS[key]


def get_setting(session: Session, key: str | SettingSpec) -> Any:
    """A setting's value inside the caller's unit of work (its default when not stored)."""
    spec = _spec(key)
    row = session.get(Setting, spec.key)
    if row is None:
        return spec.default
    try:
        return _parse(spec, row.value)
    except ValueError:
        return spec.default


def read_setting(app: AppContext, key: str | SettingSpec) -> Any:
    """A setting's value, in a read transaction of its own."""
    with unit_of_work(app, write=False) as session:
        return get_setting(session, key)


def all_settings(app: AppContext) -> dict[str, Any]:
    with unit_of_work(app, write=False) as session:
        stored = {r.key: r.value for r in session.scalars(select(Setting))}
    values: dict[str, Any] = {}
    for key, spec in SETTINGS.items():
        try:
            values[key] = _parse(spec, stored[key]) if key in stored else spec.default
        except ValueError:
            values[key] = spec.default
    return values


def setting_versions(app: AppContext) -> dict[str, int]:
    """Each stored setting's version (a version per row: two admins changing different
    settings do not conflict); a setting not stored yet is 0. A settings page loads them with
    the values and sends back those of the values it changes."""
    with unit_of_work(app, write=False) as session:
        stored = dict(session.execute(select(Setting.key, Setting.version)).all())
    return {key: stored.get(key, 0) for key in SETTINGS}


def _typed(key: str, value: Any) -> tuple[SettingSpec, Any]:
    spec = SETTINGS.get(key)
    if spec is None:
        raise ValidationError(f"Pengaturan '{key}' tidak dikenal.")
    try:
        typed = spec.kind(value) if spec.kind is not bool else bool(value)
    except (TypeError, ValueError) as exc:
        raise ValidationError(field_errors={key: f"{spec.label}: nilai tidak valid."}) from exc
    if isinstance(typed, int | float) and not isinstance(typed, bool):
        if (spec.minimum is not None and typed < spec.minimum) or (
            spec.maximum is not None and typed > spec.maximum
        ):
            raise ValidationError(
                field_errors={key: f"{spec.label} harus antara {spec.minimum} dan {spec.maximum}."}
            )
    return spec, typed


def save_settings(app: AppContext, actor: Actor, values: Mapping[str, Any],
                  loaded: Mapping[str, int] | None = None) -> None:
    """Store several settings in one transaction (all or none). ``loaded``: the version of
    each setting the page showed (``setting_versions``; 0: not stored then); one changed
    since on another desk refuses the whole save with RecordChangedError."""
    require(actor, Permission.MANAGE_OFFICE)
    checked = {key: _typed(key, value) for key, value in values.items()}
    with unit_of_work(app) as session:
        for key, (spec, typed) in checked.items():
            row = session.get(Setting, key)
            version = None if loaded is None else loaded.get(key)
            if version is not None and (row.version if row else 0) != version:
                if row is None:  # never deleted; kept for completeness
                    raise versions.stale_error()
                versions.check(session, row, version, entity="setting", key=key,
                               what=f"Pengaturan «{spec.label}»",
                               labels={"value": spec.label})
            before = {"value": row.value} if row else None
            if row is None:
                row = Setting(key=key, value=str(typed))
                session.add(row)
            else:
                row.value = str(typed)
            session.flush()
            audit.record(session, actor, "update", "setting", key,
                         before=before or {"value": None},
                         after={"value": str(typed), "version": row.version},
                         summary=f"Pengaturan {spec.label}")


def set_setting(app: AppContext, actor: Actor, key: str, value: Any, *,
                version: int | None = None) -> None:
    """One setting; ``version`` as in ``save_settings`` (None: saved over what is stored)."""
    save_settings(app, actor, {key: value}, None if version is None else {key: version})
