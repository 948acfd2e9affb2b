"""Documentation photos of a meeting (files under lampiran/, named by sha256)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from desktop_app.core.domain.errors import ValidationError
from desktop_app.core.domain.roles import Permission
from desktop_app.core.services import audit
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.meetings.models import (
    MeetingPhoto,
)
from desktop_app.meetings.services.common import (
    editable_child,
    editable_meeting,
    touch,
)

# ---- Photos ----------------------------------------------------------------------------------


def photo_path(app: AppContext, stored_name: str) -> Path:
    return app.paths.attachments / stored_name[:2] / stored_name


def add_photo(app: AppContext, actor: Actor, meeting_id: int, source: Path,
              caption: str = "") -> int:
    require(actor, Permission.MEETING_EDIT)
    source = Path(source)
    if not source.is_file():
        raise ValidationError(f"Berkas {source.name} tidak ditemukan.")
    if source.suffix.lower() not in (".jpg", ".jpeg", ".png"):
        raise ValidationError("Foto dokumentasi harus berkas JPG atau PNG.")
    if source.stat().st_size > 20 * 1024 * 1024:
        raise ValidationError("Foto maksimal 20 MB.")
    with unit_of_work(app) as session:
        meeting = editable_meeting(session, meeting_id)
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
        stored = f"{digest}{source.suffix.lower()}"
        target = photo_path(app, stored)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            shutil.copyfile(source, target)
        row = MeetingPhoto(meeting_id=meeting_id, stored_name=stored, filename=source.name,
                           caption=(caption or "").strip(), added_by=actor.user_id)
        session.add(row)
        session.flush()
        touch(meeting)
        audit.record(session, actor, "create", "meeting_photo", row.id,
                     after={"meeting_id": meeting_id, "file": source.name},
                     summary=f"Foto dokumentasi {source.name} untuk {meeting.title}")
        return row.id


def delete_photo(app: AppContext, actor: Actor, photo_id: int) -> None:
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        row, _meeting = editable_child(session, MeetingPhoto, photo_id,
                                        "Foto tidak ditemukan.")
        before = audit.snapshot(row)
        session.delete(row)
        audit.record(session, actor, "delete", "meeting_photo", photo_id, before=before,
                     summary=f"Hapus foto {before['filename']}")

