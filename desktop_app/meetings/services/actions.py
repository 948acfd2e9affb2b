"""Follow-up actions agreed in a meeting and their progress (in a later meeting or from the tracker)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.core.domain import clock
from desktop_app.core.domain.errors import ConflictError, NotFound, ValidationError
from desktop_app.core.domain.roles import Permission
from desktop_app.core.services import audit, versions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.meetings.domain import (
    ActionStatus,
    OwnerKind,
)
from desktop_app.meetings.models import (
    ActionItem,
    ActionUpdate,
    MeetingProblem,
)
from desktop_app.meetings.services.common import (
    assign,
    check_desa,
    editable_child,
    editable_meeting,
    touch,
    update_info,
)
from desktop_app.meetings.services.dto import (
    ActionInput,
    ActionUpdateInfo,
)

# ---- Follow-up actions -----------------------------------------------------------------------


def _clean_action(session: Session, data: ActionInput, meeting_id: int) -> dict[str, Any]:
    errors: dict[str, str] = {}
    what = (data.what or "").strip()
    if not what:
        errors["what"] = "Uraian tindak lanjut wajib diisi."
    owner = (data.owner_name or "").strip()
    if not owner:
        errors["owner_name"] = "Penanggung jawab wajib diisi."
    try:
        owner_kind = OwnerKind(data.owner_kind).value
    except ValueError:
        errors["owner_kind"] = "Jenis penanggung jawab tidak dikenal."
        owner_kind = OwnerKind.UNIT.value
    try:
        status = ActionStatus(data.status).value
    except ValueError:
        errors["status"] = "Status tindak lanjut tidak dikenal."
        status = ActionStatus.OPEN.value
    if data.problem_id is not None:
        problem = session.get(MeetingProblem, data.problem_id)
        if problem is None or problem.meeting_id != meeting_id:
            errors["problem_id"] = "Masalah yang ditautkan bukan dari rapat ini."
    if errors:
        raise ValidationError(field_errors=errors)
    return {"what": what, "owner_name": owner, "owner_kind": owner_kind,
            "desa_code": check_desa(session, data.desa_code), "due_date": data.due_date,
            "status": status, "closing_note": (data.closing_note or "").strip(),
            "problem_id": data.problem_id}


def add_action(app: AppContext, actor: Actor, meeting_id: int, data: ActionInput) -> int:
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        meeting = editable_meeting(session, meeting_id)
        clean = _clean_action(session, data, meeting_id)
        if clean["status"] == ActionStatus.DONE:
            clean["done_on"] = meeting.held_on
        row = ActionItem(meeting_id=meeting_id, **clean)
        session.add(row)
        session.flush()
        touch(meeting)
        audit.record(session, actor, "create", "action", row.id, after=audit.snapshot(row),
                     summary=f"Tindak lanjut: {row.what[:80]} ({row.owner_name})")
        return row.id


ACTION_LABELS = {"what": "Tindak lanjut", "owner_kind": "Jenis penanggung jawab",
                 "owner_name": "Penanggung jawab", "desa_code": "Desa", "due_date": "Tenggat",
                 "status": "Status", "closing_note": "Catatan", "problem_id": "Masalah",
                 "done_on": "Tanggal selesai"}


def update_action(app: AppContext, actor: Actor, action_id: int, data: ActionInput, *,
                  version: int | None = None) -> None:
    """Edit an action as agreed (only while its meeting's notulen is a draft); ``version``
    as the dialog loaded it (changed since: RecordChangedError)."""
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        row, meeting = editable_child(session, ActionItem, action_id,
                                       "Tindak lanjut tidak ditemukan.")
        versions.check(session, row, version, entity="action",
                       what="Tindak lanjut ini", labels=ACTION_LABELS)
        clean = _clean_action(session, data, row.meeting_id)
        before = audit.snapshot(row)
        if clean["status"] == ActionStatus.DONE and row.status != ActionStatus.DONE:
            clean["done_on"] = clock.today()
        elif clean["status"] != ActionStatus.DONE:
            clean["done_on"] = None
        assign(row, clean)
        session.flush()
        touch(meeting)
        audit.record(session, actor, "update", "action", row.id, before=before,
                     after=audit.snapshot(row), summary=f"Ubah tindak lanjut: {row.what[:80]}")


def delete_action(app: AppContext, actor: Actor, action_id: int) -> None:
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        row, _meeting = editable_child(session, ActionItem, action_id,
                                        "Tindak lanjut tidak ditemukan.")
        if session.scalar(select(func.count(ActionUpdate.id)).where(
                ActionUpdate.action_id == action_id)):
            raise ConflictError("Tindak lanjut ini sudah punya riwayat pembaruan; ubah statusnya "
                                "menjadi dibatalkan.")
        before = audit.snapshot(row)
        session.delete(row)
        audit.record(session, actor, "delete", "action", action_id, before=before,
                     summary=f"Hapus tindak lanjut: {before['what'][:80]}")


def record_action_update(app: AppContext, actor: Actor, action_id: int, new_status: str,
                         note: str = "", *, meeting_id: int | None = None,
                         done_on: date | None = None) -> int:
    """The progress of an action: discussed in a (draft) meeting, or from the tracker.
    Closing it (done or cancelled) needs a note."""
    require(actor, Permission.ACTION_UPDATE)
    try:
        status = ActionStatus(new_status)
    except ValueError:
        raise ValidationError(field_errors={"status": "Status tindak lanjut tidak dikenal."}) \
            from None
    note = (note or "").strip()
    if not status.is_open and not note:
        raise ValidationError(field_errors={
            "note": "Catatan penutupan wajib diisi untuk tindak lanjut yang selesai/dibatalkan."})
    with unit_of_work(app) as session:
        row = session.execute(select(ActionItem).where(ActionItem.id == action_id)
                              .with_for_update()).scalar_one_or_none()
        if row is None:
            raise NotFound("Tindak lanjut tidak ditemukan.")
        when = done_on or clock.today()
        if meeting_id is not None:
            meeting = editable_meeting(session, meeting_id)
            when = done_on or meeting.held_on
        before = audit.snapshot(row)
        update_row = ActionUpdate(action_id=row.id, meeting_id=meeting_id, note=note,
                                  old_status=row.status, new_status=status.value,
                                  by_id=actor.user_id, by_name=actor.full_name)
        session.add(update_row)
        row.status = status.value
        if status is ActionStatus.DONE:
            row.done_on = row.done_on if before["status"] == ActionStatus.DONE else when
        else:
            row.done_on = None
        if not status.is_open:
            row.closing_note = note
        session.flush()
        audit.record(session, actor, "update", "action", row.id, before=before,
                     after=audit.snapshot(row),
                     summary=f"Perkembangan tindak lanjut: {status.label}"
                     + (f" (dibahas pada rapat #{meeting_id})" if meeting_id else ""))
        return update_row.id


def action_history(app: AppContext, actor: Actor, action_id: int) -> list[ActionUpdateInfo]:
    require(actor, Permission.MEETING_VIEW)
    with unit_of_work(app, write=False) as session:
        row = session.get(ActionItem, action_id)
        if row is None:
            raise NotFound("Tindak lanjut tidak ditemukan.")
        return [update_info(u, row) for u in session.scalars(
            select(ActionUpdate).where(ActionUpdate.action_id == action_id)
            .order_by(ActionUpdate.at, ActionUpdate.id))]


