"""The admin-editable lists of RUKO PARSEL: meeting kinds and problem topics."""

from __future__ import annotations

from sqlalchemy import func, select

from desktop_app.core.domain.errors import ConflictError, NotFound, ValidationError
from desktop_app.core.domain.roles import Permission
from desktop_app.core.services import audit, versions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.meetings.domain import (
    slug,
)
from desktop_app.meetings.models import (
    MeetingKind,
    ProblemTopic,
)
from desktop_app.meetings.services.dto import (
    ListItem,
)

# ---- Meeting kinds and problem topics (admin-editable lists) ---------------------------------


def list_kinds(app: AppContext, *, include_inactive: bool = False) -> list[ListItem]:
    with unit_of_work(app, write=False) as session:
        stmt = select(MeetingKind).order_by(MeetingKind.sort_order, MeetingKind.label)
        if not include_inactive:
            stmt = stmt.where(MeetingKind.active.is_(True))
        return [ListItem(k.code, k.label, k.active, k.sort_order, k.version)
                for k in session.scalars(stmt)]


def list_topics(app: AppContext, *, include_inactive: bool = False) -> list[ListItem]:
    with unit_of_work(app, write=False) as session:
        stmt = select(ProblemTopic).order_by(ProblemTopic.sort_order, ProblemTopic.label)
        if not include_inactive:
            stmt = stmt.where(ProblemTopic.active.is_(True))
        return [ListItem(t.code, t.label, t.active, t.sort_order, t.version)
                for t in session.scalars(stmt)]


ITEM_LABELS = {"label": "Nama", "active": "Aktif"}


def _save_list_item(app: AppContext, actor: Actor, model: type, entity: str, noun: str,
                    code: str | None, label: str, active: bool,
                    version: int | None = None) -> str:
    """Add (``code`` None) or change an item; ``version``: the one the page showed (changed
    since on another desk: refused with RecordChangedError)."""
    require(actor, Permission.MANAGE_OFFICE)
    label = (label or "").strip()
    if not label:
        raise ValidationError(field_errors={"label": f"Nama {noun} wajib diisi."})
    with unit_of_work(app) as session:
        clash = session.scalar(select(model.code).where(  # type: ignore[attr-defined]
            func.lower(model.label) == label.lower()))  # type: ignore[attr-defined]
        if clash and clash != code:
            raise ConflictError(f"{noun.capitalize()} '{label}' sudah ada.")
        if code is None:
            new_code = slug(label)
            base, n = new_code, 2
            while session.get(model, new_code) is not None:
                new_code = f"{base[:36]}_{n}"
                n += 1
            last = session.scalar(select(func.max(model.sort_order))) or 0  # type: ignore
            row = model(code=new_code, label=label, active=active, sort_order=last + 1)
            session.add(row)
            session.flush()
            audit.record(session, actor, "create", entity, new_code, after=audit.snapshot(row),
                         summary=f"{noun.capitalize()} baru: {label}")
            return new_code
        row = session.get(model, code)
        if row is None:
            raise NotFound(f"{noun.capitalize()} tidak ditemukan.")
        versions.check(session, row, version, entity=entity, key=code, labels=ITEM_LABELS,
                       what=f"{noun.capitalize()} «{row.label}»")
        before = audit.snapshot(row)
        row.label, row.active = label, active
        session.flush()
        audit.record(session, actor, "update", entity, code, before=before,
                     after=audit.snapshot(row), summary=f"Ubah {noun}: {label}")
        return code


def save_kind(app: AppContext, actor: Actor, code: str | None, label: str,
              active: bool = True, *, version: int | None = None) -> str:
    return _save_list_item(app, actor, MeetingKind, "meeting_kind", "jenis rapat", code, label,
                           active, version)


def save_topic(app: AppContext, actor: Actor, code: str | None, label: str,
               active: bool = True, *, version: int | None = None) -> str:
    return _save_list_item(app, actor, ProblemTopic, "problem_topic", "topik masalah", code,
                           label, active, version)

