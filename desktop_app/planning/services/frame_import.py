"""Bappeda's frame from a workbook: the priorities (sheet *Prioritas*: kode, prioritas, sumber,
target) and the pagu indikatif per kecamatan (sheet *Pagu*: kecamatan by name or code, pagu,
keterangan). Every good row is saved (a priority of the same code is updated, so importing
the file twice changes nothing); the bad rows come back with their reason."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop_app.core.domain import parsing
from desktop_app.core.domain.errors import AppError, ValidationError
from desktop_app.core.domain.places import PlaceFinder
from desktop_app.core.domain.roles import Permission
from desktop_app.core.services import regions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.db.lengths import refusal, text_limits
from desktop_app.planning.domain.labels import PriorityKind
from desktop_app.planning.exchange import FRAME_PRIORITY_SPECS, read_frame
from desktop_app.planning.models import PlanningPriority
from desktop_app.planning.services.frame import (
    PriorityInfo,
    check_priority,
    store_ceiling,
    store_priority,
)


@dataclass
class FrameImportResult:
    priorities: int = 0
    ceilings: int = 0
    bad_rows: list[tuple[str, int, str]] = field(default_factory=list)  # sheet, row, reason

    @property
    def text(self) -> str:
        parts = [f"{self.priorities} prioritas dan {self.ceilings} pagu indikatif disimpan"]
        parts += [f"lembar {sheet} baris {row}: {reason}" for sheet, row, reason in
                  self.bad_rows[:20]]
        if len(self.bad_rows) > 20:
            parts.append(f"… dan {len(self.bad_rows) - 20} baris lain ditolak")
        return "; ".join(parts[:1]) + "." + ("\n" + "\n".join(parts[1:]) if parts[1:] else "")


def _key(text: object) -> str:
    return re.sub(r"[^a-z0-9]", "", str(text or "").lower())


def _kind(value: Any) -> str:
    if parsing.is_blank(value):
        return PriorityKind.RKPD.value
    key = _key(value)
    for kind in PriorityKind:
        if key in (_key(kind.value), _key(kind.label)) or key.startswith(_key(kind.value)):
            return kind.value
    raise ValueError(f"sumber '{value}' tidak dikenal (RPJMD, RKPD, provinsi, nasional)")


def import_frame(app: AppContext, actor: Actor, path: Path | str, year: int) -> FrameImportResult:
    require(actor, Permission.PLANNING_FRAME)
    sheets = read_frame(path)
    if not sheets:
        raise ValidationError("Berkas tidak berisi lembar 'Prioritas' atau 'Pagu'.")
    result = FrameImportResult()
    with unit_of_work(app) as session:
        existing = dict(session.execute(select(PlanningPriority.code, PlanningPriority.id)
                                        .where(PlanningPriority.year == year)).all())
        for position, (number, values) in enumerate(sheets.get("Prioritas", []), start=1):
            try:
                code = parsing.to_text(values.get("code"))
                data = PriorityInfo(existing.get(code), year, code,
                                    parsing.to_text(values.get("title")),
                                    _kind(values.get("kind")),
                                    parsing.to_text(values.get("target")), position)
                check_priority(data)
                _fits({"code": data.code.strip(), "title": data.title.strip()}, _PRIORITY)
                existing[code] = store_priority(session, actor, data)
                result.priorities += 1
            except (ValueError, AppError) as exc:
                result.bad_rows.append(("Prioritas", number, _reason(exc)))
        kecamatan = {code: name for code, name in regions.names(session).items()
                     if code.count(".") == 2}
        places = PlaceFinder(kecamatan.items())
        for number, values in sheets.get("Pagu", []):
            try:
                text = parsing.to_text(values.get("region"))
                # "Kec. Paringin Selatan", capitals, misspelt ("Paringin Seltan")
                region = places.find(text, fuzzy=85)
                if region is None:
                    raise ValueError(f"kecamatan '{text}' tidak dikenal")
                if parsing.is_blank(values.get("amount")):
                    raise ValueError("pagu tidak diisi")
                amount = int(round(parsing.to_decimal_number(values.get("amount"))))
                store_ceiling(session, actor, year, region, amount,
                              parsing.to_text(values.get("note")))
                result.ceilings += 1
            except (ValueError, AppError) as exc:
                result.bad_rows.append(("Pagu", number, _reason(exc)))
    return result


_PRIORITY = text_limits(PlanningPriority)
_LABELS = {spec.key: spec.label for spec in FRAME_PRIORITY_SPECS}


def _fits(values: dict[str, Any], limits: tuple[tuple[str, int], ...]) -> None:
    """A text longer than its column refuses the row, naming the column and its limit
    (before the ORM's own check, which would leave the refused row pending in the session)."""
    refused = refusal(values, limits, _LABELS)
    if refused:
        raise ValueError(refused)


def _reason(exc: Exception) -> str:
    if isinstance(exc, AppError):
        fields = getattr(exc, "field_errors", None) or {}
        return "; ".join(fields.values()) or exc.message
    return str(exc)
