"""Problems raised in a meeting, optionally linked to a KULA RAKAT submission."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from desktop_app.core.domain.errors import ValidationError
from desktop_app.core.domain.roles import Permission
from desktop_app.core.services import audit, versions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.intake.services import links as submission_links
from desktop_app.meetings.domain import (
    ProblemStatus,
)
from desktop_app.meetings.models import (
    ActionItem,
    MeetingProblem,
    ProblemTopic,
)
from desktop_app.meetings.services.common import (
    assign,
    check_desa,
    editable_child,
    editable_meeting,
    next_position,
    touch,
)
from desktop_app.meetings.services.dto import (
    ProblemInput,
)

# ---- Problems --------------------------------------------------------------------------------


def _clean_problem(session: Session, data: ProblemInput) -> dict[str, Any]:
    errors: dict[str, str] = {}
    if session.get(ProblemTopic, data.topic or "") is None:
        errors["topic"] = "Pilih topik masalah."
    description = (data.description or "").strip()
    if not description:
        errors["description"] = "Uraian masalah wajib diisi."
    try:
        status = ProblemStatus(data.status).value
    except ValueError:
        errors["status"] = "Status masalah tidak dikenal."
        status = ProblemStatus.OPEN.value
    submission_id = data.submission_id
    number = (data.submission_number or "").strip().upper()
    if number:  # typed on the form: resolved here, in the saving transaction
        submission_id = submission_links.id_by_number(session, number)
        if submission_id is None:
            errors["submission_id"] = f"Data KULA RAKAT nomor {number} tidak ditemukan."
    elif submission_id is not None and not submission_links.exists(session, submission_id):
        errors["submission_id"] = "Data KULA RAKAT yang ditautkan tidak ditemukan."
    if errors:
        raise ValidationError(field_errors=errors)
    return {"topic": data.topic, "description": description,
            "desa_code": check_desa(session, data.desa_code),
            "answer": (data.answer or "").strip(), "status": status,
            "submission_id": submission_id}


def add_problem(app: AppContext, actor: Actor, meeting_id: int, data: ProblemInput) -> int:
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        meeting = editable_meeting(session, meeting_id)
        clean = _clean_problem(session, data)
        position = next_position(session, MeetingProblem.position, MeetingProblem.meeting_id,
                                  meeting_id)
        row = MeetingProblem(meeting_id=meeting_id, position=position, **clean)
        session.add(row)
        session.flush()
        touch(meeting)
        audit.record(session, actor, "create", "problem", row.id,
                     after={**clean, "meeting_id": meeting_id},
                     summary=f"Masalah pada rapat {meeting.title}: {clean['description'][:80]}")
        return row.id


PROBLEM_LABELS = {"topic": "Topik", "description": "Uraian masalah", "desa_code": "Desa",
                  "answer": "Tanggapan", "status": "Status", "submission_id": "Usulan terkait"}


def update_problem(app: AppContext, actor: Actor, problem_id: int, data: ProblemInput, *,
                   version: int | None = None) -> None:
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        row, meeting = editable_child(session, MeetingProblem, problem_id,
                                       "Masalah tidak ditemukan.")
        versions.check(session, row, version, entity="problem", what="Masalah rapat ini",
                       labels=PROBLEM_LABELS)
        clean = _clean_problem(session, data)
        before = audit.snapshot(row)
        assign(row, clean)
        session.flush()
        touch(meeting)
        audit.record(session, actor, "update", "problem", row.id, before=before,
                     after=audit.snapshot(row), summary="Ubah masalah rapat")


def delete_problem(app: AppContext, actor: Actor, problem_id: int) -> None:
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        row, _meeting = editable_child(session, MeetingProblem, problem_id,
                                        "Masalah tidak ditemukan.")
        before = audit.snapshot(row)
        session.execute(update(ActionItem).where(ActionItem.problem_id == problem_id)
                        .values(problem_id=None))
        session.delete(row)
        audit.record(session, actor, "delete", "problem", problem_id, before=before,
                     summary="Hapus masalah rapat")
