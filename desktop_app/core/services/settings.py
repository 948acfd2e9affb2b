"""Office-wide settings: declared here once with type, default and label; stored in the database."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from desktop_app.core.domain.errors import ValidationError
from desktop_app.core.domain.roles import Permission
from desktop_app.core.models import Setting
from desktop_app.core.services import audit
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work


@dataclass(frozen=True)
class SettingSpec:
    key: str
    kind: type
    default: Any
    label: str
    minimum: float | None = None
    maximum: float | None = None


# Feature modules append their settings with ``declare()`` at import time of their service.
SETTINGS: dict[str, SettingSpec] = {}


def declare(spec: SettingSpec) -> SettingSpec:
    SETTINGS[spec.key] = spec
    return spec


declare(SettingSpec("backup.keep_daily", int, 7, "Simpan cadangan harian (jumlah)", 1, 60))
declare(SettingSpec("backup.keep_weekly", int, 4, "Simpan cadangan mingguan (jumlah)", 0, 52))
declare(SettingSpec("backup.keep_monthly", int, 12, "Simpan cadangan bulanan (jumlah)", 0, 120))


def _parse(spec: SettingSpec, text: str) -> Any:
    if spec.kind is bool:
        return text.strip().lower() in {"1", "true", "ya", "yes"}
    if spec.kind is int:
        return int(text)
    if spec.kind is float:
        return float(text)
    return text


def get_setting(app: AppContext, key: str) -> Any:
    spec = SETTINGS[key]
    with unit_of_work(app, write=False) as session:
        row = session.get(Setting, key)
        if row is None:
            return spec.default
        try:
            return _parse(spec, row.value)
        except ValueError:
            return spec.default


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


def set_setting(app: AppContext, actor: Actor, key: str, value: Any) -> None:
    require(actor, Permission.MANAGE_OFFICE)
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
    with unit_of_work(app) as session:
        row = session.get(Setting, key)
        before = {"value": row.value} if row else None
        if row is None:
            row = Setting(key=key, value=str(typed))
            session.add(row)
        else:
            row.value = str(typed)
        audit.record(session, actor, "update", "setting", key, before=before or {"value": None},
                     after={"value": str(typed)}, summary=f"Pengaturan {spec.label}")
