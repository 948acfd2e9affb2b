"""The audit trail: one hash-chained row per change, written in the change's own transaction."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from desktop_app.core.domain.parsing import clean_text
from desktop_app.core.domain.roles import Permission
from desktop_app.core.models import AuditChainHead, AuditLog
from desktop_app.core.services import audit_chain
from desktop_app.core.services.audit_chain import GENESIS_HASH, ChainReport
from desktop_app.core.services.audit_key import AuditKeys
from desktop_app.core.services.context import (
    AUDIT_KEYS,
    Actor,
    AppContext,
    require,
    unit_of_work,
)
from desktop_app.db.base import utcnow
from desktop_app.db.engine import bulk_insert

__all__ = ["GENESIS_HASH", "ChainReport", "record", "record_many", "verify_chain"]
# Columns never copied into the trail: secrets and large blobs.
_NEVER_AUDITED = {"password_hash", "logo", "content", "thumbnail"}


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return f"<{len(value)} byte>"
    if hasattr(value, "value"):  # enums
        return value.value
    return str(value)


# One encoder for every row (``json.dumps`` with options builds a new one per call).
_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, default=_json_default)


def to_json(data: Mapping[str, Any] | None) -> str | None:
    if data is None:
        return None
    return _ENCODER.encode(data)


def snapshot(obj: Any, *, exclude: set[str] | None = None) -> dict[str, Any]:
    """Plain dict of an ORM object's column values, for the before/after of an audit row."""
    skip = _NEVER_AUDITED | (exclude or set())
    mapper = inspect(obj).mapper
    return {
        attr.key: getattr(obj, attr.key)
        for attr in mapper.column_attrs
        if attr.key not in skip
    }


def _keys(session: Session) -> AuditKeys:
    keys = session.info.get(AUDIT_KEYS)
    if not isinstance(keys, AuditKeys):
        raise RuntimeError("audit rows are written inside a unit of work (it carries the key)")
    return keys


def _chain_head(session: Session) -> AuditChainHead:
    """The chain head, read (and locked) once per transaction; many records in one transaction
    (an import) reuse it from ``session.info``."""
    head = session.info.get("audit.head")
    if head is None or head not in session:
        head = session.execute(
            select(AuditChainHead).where(AuditChainHead.id == 1).with_for_update()
        ).scalar_one_or_none()
        if head is None:
            head = AuditChainHead(id=1, last_id=0, last_hash=GENESIS_HASH)
            session.add(head)
        session.info["audit.head"] = head
    return head


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: object = "",
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    summary: str = "",
) -> AuditLog:
    """Append one audit row inside the caller's transaction (never commits on its own)."""
    head = _chain_head(session)
    if before is not None and after is not None:
        # Keep only what changed, so the trail reads as a diff.
        before_c = json.loads(to_json(before) or "{}")
        after_c = json.loads(to_json(after) or "{}")
        changed = {k for k in set(before_c) | set(after_c) if before_c.get(k) != after_c.get(k)}
        before = {k: before_c.get(k) for k in sorted(changed)}
        after = {k: after_c.get(k) for k in sorted(changed)}
    row = AuditLog(
        at=utcnow(),
        user_id=actor.user_id,
        username=actor.username,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        summary=summary,
        before_json=to_json(before),
        after_json=to_json(after),
    )
    keys = _keys(session)
    audit_chain.seal_row(keys, head.last_hash, row)
    session.add(row)
    session.flush()
    head.last_id = row.id
    head.last_hash = row.hash
    audit_chain.seal_head(keys, head)
    return row


def record_many(session: Session, actor: Actor,
                entries: Sequence[tuple[str, str, object, Mapping[str, Any] | None, str]]) -> int:
    """Append many audit rows (action, entity, entity_id, after, summary) in one bulk insert,
    chained exactly as ``record`` chains them; for imports of thousands of records."""
    if not entries:
        return 0
    head = _chain_head(session)
    keys = _keys(session)
    prev = head.last_hash
    now = utcnow()
    # Plain dicts, not ORM objects (an import writes a hundred thousand of them), sealed as
    # ``audit_chain.seal_row`` seals a row: its texts as stored (without control characters),
    # over the same payload; what is the same for every row is worked out once.
    at, user_id, key_id = now.isoformat(timespec="microseconds"), actor.user_id, keys.signing_id
    user = str(user_id if user_id is not None else "")
    username = clean_text(actor.username)
    rows = []
    for action, entity, entity_id, after, summary in entries:
        entity_text = clean_text(str(entity_id))
        if isinstance(summary, str):
            summary = clean_text(summary)
        after_json = to_json(after)
        if after_json is not None:
            after_json = clean_text(after_json)
        sealed = keys.mac(audit_chain.payload(prev, at, user, username, action, entity,
                                              entity_text, summary or "", "",
                                              after_json or "")) or ""
        rows.append({"at": now, "user_id": user_id, "username": username, "action": action,
                     "entity": entity, "entity_id": entity_text, "summary": summary,
                     "before_json": None, "after_json": after_json, "prev_hash": prev,
                     "key_id": key_id, "hash": sealed})
        prev = sealed
    bulk_insert(session.connection(), AuditLog.__table__, rows)
    head.last_id = int(session.scalar(select(func.max(AuditLog.id))) or 0)
    head.last_hash = prev
    audit_chain.seal_head(keys, head)
    return len(rows)


def check_chain(app: AppContext) -> ChainReport:
    """Walk the whole trail against its seals and the anchors kept outside the database.

    A read-only check, like ``ruko-parsel check``: it reveals row numbers, not their content,
    so the command line runs it without a user (anyone who can open the file can read the
    trail anyway)."""
    from desktop_app.core.services.backups import manifests

    anchors = audit_chain.read_anchors(app.paths, manifests(app))
    with unit_of_work(app, write=False) as session:
        return audit_chain.verify(session, app.audit_keys, anchors)


def verify_chain(app: AppContext, actor: Actor) -> ChainReport:
    """``check_chain`` for a user of the app (Jejak Audit › Periksa keutuhan)."""
    require(actor, Permission.VIEW_AUDIT)
    return check_chain(app)


@dataclass(frozen=True)
class AuditFilter:
    text: str = ""
    username: str = ""
    entity: str = ""
    action: str = ""
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    username: str
    action: str
    entity: str
    entity_id: str
    summary: str
    before_json: str | None
    after_json: str | None


def _filtered(stmt: Any, flt: AuditFilter) -> Any:
    if flt.text:
        like = f"%{flt.text}%"
        stmt = stmt.where(
            AuditLog.summary.ilike(like) | AuditLog.entity_id.ilike(like)
            | AuditLog.after_json.ilike(like)
        )
    if flt.username:
        stmt = stmt.where(AuditLog.username == flt.username)
    if flt.entity:
        stmt = stmt.where(AuditLog.entity == flt.entity)
    if flt.action:
        stmt = stmt.where(AuditLog.action == flt.action)
    if flt.date_from:
        stmt = stmt.where(AuditLog.at >= datetime.combine(flt.date_from, datetime.min.time()))
    if flt.date_to:
        stmt = stmt.where(AuditLog.at <= datetime.combine(flt.date_to, datetime.max.time()))
    return stmt


AUDIT_SORT_COLUMNS = {
    "id": AuditLog.id,
    "at": AuditLog.at,
    "username": AuditLog.username,
    "action": AuditLog.action,
    "entity": AuditLog.entity,
}


# The audit page counts up to this many matching rows and then shows "lebih dari 10.000", as
# the submissions list does: a trail of a million rows filtered by a common word is counted in
# milliseconds instead of read to its end.
AUDIT_COUNT_LIMIT = 10_000


def count_audit(app: AppContext, actor: Actor, flt: AuditFilter, cap: int | None = None) -> int:
    """How many audit rows the filter finds; with ``cap``, counted up to ``cap`` + 1 only."""
    require(actor, Permission.VIEW_AUDIT)
    with unit_of_work(app, write=False) as session:
        if cap is None:
            return int(session.scalar(_filtered(select(func.count(AuditLog.id)), flt)) or 0)
        first = _filtered(select(AuditLog.id), flt).limit(cap + 1).subquery()
        return int(session.scalar(select(func.count()).select_from(first)) or 0)


def list_audit(
    app: AppContext,
    actor: Actor,
    flt: AuditFilter,
    *,
    sort: str = "id",
    descending: bool = True,
    offset: int = 0,
    limit: int = 100,
) -> list[AuditRow]:
    require(actor, Permission.VIEW_AUDIT)
    column = AUDIT_SORT_COLUMNS.get(sort, AuditLog.id)
    order = [column.desc() if descending else column.asc(), AuditLog.id.desc()]
    with unit_of_work(app, write=False) as session:
        stmt = _filtered(select(AuditLog), flt).order_by(*order).offset(offset).limit(limit)
        return [
            AuditRow(
                r.id, r.at, r.username, r.action, r.entity, r.entity_id, r.summary,
                r.before_json, r.after_json,
            )
            for r in session.execute(stmt).scalars()
        ]


def distinct_values(app: AppContext, actor: Actor, column: str) -> list[str]:
    """Values for the filter drop-downs (usernames, entities, actions)."""
    require(actor, Permission.VIEW_AUDIT)
    col = {"username": AuditLog.username, "entity": AuditLog.entity, "action": AuditLog.action}[
        column
    ]
    with unit_of_work(app, write=False) as session:
        return [v for v in session.scalars(select(col).distinct().order_by(col)) if v]
