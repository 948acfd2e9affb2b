"""Documentation photos of a meeting (files under lampiran/, named by sha256)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from desktop_app.core.domain.errors import ValidationError
from desktop_app.core.domain.roles import Permission
from desktop_app.core.services import audit, images
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
    # Decoded and re-encoded before anything is stored: a damaged file is refused here.
    data, suffix = images.checked_image(source)
    with unit_of_work(app) as session:
        meeting = editable_meeting(session, meeting_id)
        stored = f"{hashlib.sha256(data).hexdigest()}{suffix}"
        target = photo_path(app, stored)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            partial = target.with_name(target.name + ".part")
            partial.write_bytes(data)
            partial.replace(target)
        row = MeetingPhoto(meeting_id=meeting_id, stored_name=stored, filename=source.name,
                           caption=(caption or "").strip(), added_by=actor.user_id)
        session.add(row)
        session.flush()
        touch(meeting)
        audit.record(session, actor, "create", "meeting_photo", row.id,
                     after={"meeting_id": meeting_id, "file": source.name},
                     summary=f"Foto dokumentasi {source.name} untuk {meeting.title}")
        return row.id


def is_unreadable(app: AppContext, stored_name: str) -> bool:
    """The stored photo is missing or not an image Pillow can decode (damaged on disk, or
    stored before photos were checked)."""
    from desktop_app.core.reports.images import readable_size

    return readable_size(photo_path(app, stored_name)) is None


def delete_photo(app: AppContext, actor: Actor, photo_id: int) -> None:
    """Remove a photo from a draft notulen; from a final one only a photo that cannot be read
    (it prints as an empty box), recorded in the audit trail as such."""
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        row = session.get(MeetingPhoto, photo_id)
        broken = row is not None and is_unreadable(app, row.stored_name)
        meeting = None  # a final notulen stays as it was; only the empty box goes
        if not broken:
            row, meeting = editable_child(session, MeetingPhoto, photo_id,
                                          "Foto tidak ditemukan.")
        before = audit.snapshot(row)
        session.delete(row)
        if meeting is not None:
            touch(meeting)
        audit.record(session, actor, "delete", "meeting_photo", photo_id, before=before,
                     summary=f"Hapus foto {before['filename']}"
                     + (" (berkas rusak/tidak terbaca)" if broken else ""))

