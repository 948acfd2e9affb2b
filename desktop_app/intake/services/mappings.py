"""What the office confirmed at earlier imports (which header is which field, which written
value is which choice), remembered in ``import_mappings`` and offered again; as a JSON file
too."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from desktop_app.core.domain.roles import Permission
from desktop_app.core.exchange.mapping import normalise_header
from desktop_app.core.services import audit
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.intake.exchange import mapping_file
from desktop_app.intake.exchange.values import Target, ValueMap
from desktop_app.intake.models import ImportMapping

COLUMN, VALUE = "column", "value"


def remembered_columns(session: Session) -> dict[str, str | None]:
    """Normalised header → field key (None: the office chose to ignore that column)."""
    rows = session.scalars(select(ImportMapping).where(ImportMapping.kind == COLUMN))
    return {r.source: (r.target or None) for r in rows}


def remembered_values(session: Session) -> ValueMap:
    rows = session.scalars(select(ImportMapping).where(ImportMapping.kind == VALUE))
    return {(r.field, r.source): (Target(r.target_field, json.loads(r.target), _label(r))
                                  if r.target_field else None) for r in rows}


def _label(row: ImportMapping) -> str:
    value = json.loads(row.target)
    return "Ya" if value is True else "Tidak" if value is False else str(value)


def remember(session: Session, actor: Actor, headers: list[str],
             columns: dict[int, str | None], values: ValueMap) -> int:
    """Store the choices of this import (the newest wins); returns how many were stored."""
    wanted: dict[tuple[str, str, str], tuple[str, str]] = {}
    for index, key in columns.items():
        header = normalise_header(headers[index]) if index < len(headers) else ""
        if header:
            wanted[(COLUMN, "", header)] = ("", key or "")
    for (field, source), target in values.items():
        wanted[(VALUE, field, source[:200])] = (
            (target.field, json.dumps(target.value)) if target is not None else ("", "null"))
    if not wanted:
        return 0
    existing = {(r.kind, r.field, r.source): r for r in session.scalars(select(ImportMapping))}
    for (kind, field, source), (target_field, stored) in wanted.items():
        row = existing.get((kind, field, source))
        if row is None:
            session.add(ImportMapping(kind=kind, field=field, source=source,
                                      target_field=target_field, target=stored,
                                      updated_by=actor.full_name))
        elif (row.target_field, row.target) != (target_field, stored):
            row.target_field, row.target, row.updated_by = target_field, stored, actor.full_name
    return len(wanted)


def export_mappings(app: AppContext, actor: Actor, target: Path | str) -> Path:
    require(actor, Permission.DATA_IMPORT)
    with unit_of_work(app, write=False) as session:
        columns = remembered_columns(session)
        values = remembered_values(session)
    return mapping_file.dump(columns, values, target)


def import_mappings(app: AppContext, actor: Actor, path: Path | str) -> int:
    """Take an office's mapping file as the remembered choices (the file wins a clash)."""
    require(actor, Permission.DATA_IMPORT)
    columns, values = mapping_file.load(path)
    with unit_of_work(app) as session:
        count = remember(session, actor, list(columns), dict(enumerate(columns.values())),
                         values)
        audit.record(session, actor, "import", "import_mapping", Path(path).name,
                     after={"count": count}, summary=f"Padanan impor dari {Path(path).name}")
    return count


def forget_all(app: AppContext, actor: Actor) -> None:
    require(actor, Permission.MANAGE_OFFICE)
    with unit_of_work(app) as session:
        session.execute(delete(ImportMapping))
        audit.record(session, actor, "delete", "import_mapping", "*",
                     summary="Hapus semua padanan impor yang diingat")
