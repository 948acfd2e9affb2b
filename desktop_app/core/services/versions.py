"""Optimistic locking: a form saves only over the version of the record it loaded.

Every record a person edits carries ``version`` (db.base.VersionedMixin). The form keeps the
version it showed; the service compares it with the stored one before changing anything
(``check``) and SQLAlchemy's ``UPDATE … WHERE version = …`` catches the remaining race on
PostgreSQL (``stale_error``, raised by the unit of work). The refusal says who changed what and
when, as far as the audit trail tells (the audit rows of an update hold the new version)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.domain.errors import RecordChangedError
from desktop_app.core.domain.formatting import format_datetime
from desktop_app.core.models import AuditLog, User

_NOT_SHOWN = {"version", "updated_at", "created_at", "id"}
_RECENT = 50  # audit rows of the record looked at for the description


def check(session: Session, row: Any, loaded_version: int | None, *, entity: str, what: str,
          labels: Mapping[str, str] | None = None, parts: Sequence[str] = (),
          key: object = None) -> None:
    """Refuse the save unless ``row`` is still at ``loaded_version`` (None: a caller that does
    not know the version, e.g. a command-line change, saves over whatever is there).
    ``parts``: more audit entities recorded under the same id whose ``after`` carries this
    row's version (a meeting's agenda, agreements and invitees); ``key``: the audit id when
    the row has no ``id`` (a reference list's code, a setting's key)."""
    if loaded_version is None or row.version == loaded_version:
        return
    raise changed_error(session, (entity, *parts), row.id if key is None else key,
                        loaded_version, what, labels or {})


def check_keyed(session: Session, row: Any, loaded_version: int | None, *, entity: str,
                what: str, key: object, labels: Mapping[str, str] | None = None) -> None:
    """``check`` for a row kept under a key that a page may show as absent (a holiday, a
    pagu): ``loaded_version`` 0 means it was not there then. Added, changed or removed
    meanwhile on another desk: refused."""
    if loaded_version is None:
        return
    if row is None:
        if loaded_version:
            raise stale_error()  # removed since the page loaded it
        return
    check(session, row, loaded_version, entity=entity, what=what, labels=labels, key=key)


def changed_error(session: Session, entity: str | Sequence[str], entity_id: object,
                  loaded_version: int, what: str,
                  labels: Mapping[str, str]) -> RecordChangedError:
    entities = [entity] if isinstance(entity, str) else list(entity)
    rows = session.scalars(
        select(AuditLog).where(AuditLog.entity.in_(entities),
                               AuditLog.entity_id == str(entity_id))
        .order_by(AuditLog.id.desc()).limit(_RECENT)
    ).all()
    fields: list[str] = []
    newest: AuditLog | None = None
    for row in rows:
        after: dict[str, Any] = json.loads(row.after_json or "{}")
        version = after.get("version")
        if not isinstance(version, int) or version <= loaded_version:
            continue
        newest = newest or row
        fields += [k for k in after if k not in _NOT_SHOWN and k not in fields]
    shown = tuple(labels.get(k, "") for k in fields)
    named = tuple(dict.fromkeys(label for label in shown if label))  # fields of one label once
    by = when = ""
    if newest is not None:
        user = session.get(User, newest.user_id) if newest.user_id is not None else None
        by = f"{user.full_name} ({user.username})" if user else newest.username
        when = format_datetime(newest.at.replace(tzinfo=UTC).astimezone().replace(tzinfo=None))
    parts = [f"{what} ini sudah diubah di meja lain sejak Anda membukanya"]
    if by:
        parts[0] += f", oleh {by} pada {when}"
    parts[0] += "."
    if named:
        extra = " dan isian lain" if "" in shown else ""
        parts.append(f"Yang diubah: {', '.join(named)}{extra}.")
    parts.append("Perubahan Anda belum disimpan. Pilih «Muat ulang» untuk memuat data terbaru, "
                 "lalu isikan kembali perubahan Anda.")
    return RecordChangedError("\n".join(parts), fields=named, changed_by=by, changed_at=when)


def stale_error() -> RecordChangedError:
    """What the unit of work raises when an UPDATE found its version replaced mid-save."""
    return RecordChangedError(
        "Data ini baru saja diubah di meja lain, bersamaan dengan penyimpanan Anda. Perubahan "
        "Anda belum disimpan. Pilih «Muat ulang» untuk memuat data terbaru, lalu isikan kembali "
        "perubahan Anda.")
