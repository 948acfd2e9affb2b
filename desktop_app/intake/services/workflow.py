"""Moving a submission through its status flow: verification in the field, sending back,
rejecting, closing, disposition to a seksi, and attaching photos and documents."""

from __future__ import annotations

import hashlib
import mimetypes
import shutil
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from desktop_app.core.domain import clock
from desktop_app.core.domain.errors import ValidationError
from desktop_app.core.domain.roles import Permission
from desktop_app.core.models import OfficeUnit
from desktop_app.core.services import audit, images
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.db.base import utcnow
from desktop_app.intake.domain.disposition import (
    DispositionNature,
    clean_instructions,
    join_instructions,
)
from desktop_app.intake.domain.submissions import NOTE_REQUIRED, Status, can_transition
from desktop_app.intake.models import Attachment, Disposition, Verification
from desktop_app.intake.services.records import load, record_status

MAX_ATTACHMENT = 20 * 1024 * 1024


def change_status(app: AppContext, actor: Actor, submission_id: int, target: Status | str,
                  note: str = "") -> None:
    target = Status(target)
    needed = {
        Status.DIVERIFIKASI: Permission.SUBMISSION_VERIFY,
        Status.DIKEMBALIKAN: Permission.SUBMISSION_VERIFY,
        Status.DITOLAK: Permission.SUBMISSION_VERIFY,
    }.get(target, Permission.SUBMISSION_DISPOSE)
    if target is Status.DITERIMA:
        needed = Permission.SUBMISSION_EDIT  # an enumerator re-submits a corrected record
    require(actor, needed)
    if target in NOTE_REQUIRED and not note.strip():
        raise ValidationError(field_errors={"note": f"Alasan wajib diisi untuk status "
                                                    f"{target.label.lower()}."})
    with unit_of_work(app) as session:
        sub = load(session, submission_id)
        current = Status(sub.status)
        if not can_transition(current, target):
            raise ValidationError(
                f"Status {current.label} tidak dapat diubah menjadi {target.label}."
            )
        sub.status = target.value
        if target in (Status.SELESAI, Status.DITOLAK):
            sub.closed_at = utcnow()
        record_status(session, actor, sub, current.value, target.value, note.strip())
        audit.record(session, actor, "status", "submission", sub.id,
                     before={"status": current.value}, after={"status": target.value},
                     summary=f"{sub.number}: {current.label} → {target.label}. {note}".strip())


def verify(app: AppContext, actor: Actor, submission_id: int, findings: str,
           verified_on: date | None = None, verifier_name: str = "") -> None:
    """Record the field check and move the record to 'diverifikasi'."""
    require(actor, Permission.SUBMISSION_VERIFY)
    if not findings.strip():
        raise ValidationError(field_errors={"findings": "Hasil verifikasi lapangan wajib diisi."})
    with unit_of_work(app) as session:
        sub = load(session, submission_id)
        current = Status(sub.status)
        if not can_transition(current, Status.DIVERIFIKASI):
            raise ValidationError(f"Data berstatus {current.label} tidak dapat diverifikasi.")
        ver = Verification(submission_id=sub.id, verified_on=verified_on or clock.today(),
                           verifier_name=verifier_name.strip() or actor.full_name,
                           user_id=actor.user_id, findings=findings.strip())
        session.add(ver)
        sub.status = Status.DIVERIFIKASI.value
        note = f"Verifikasi lapangan: {findings.strip()}"
        if sub.needs_check:  # the field check completes what an import left empty
            note += f" (sebelumnya perlu dicek: {sub.check_reason or '-'})"
            sub.needs_check, sub.check_reason = False, None
        record_status(session, actor, sub, current.value, sub.status, note)
        session.flush()
        audit.record(session, actor, "verify", "submission", sub.id,
                     after={"findings": findings.strip(), "verified_on": ver.verified_on},
                     summary=f"Verifikasi {sub.number}")


def dispose(app: AppContext, actor: Actor, submission_id: int, unit_id: int, instruction: str,
            due_date: date | None = None, *, nature: DispositionNature | str = "biasa",
            instructions: Iterable[str] = ()) -> int:
    """Route the case to a seksi/bidang (lembar disposisi): its sifat, the ticked instructions
    of the checklist and a note; at least one of the two is needed. The lembar is signed by
    the one who disposes."""
    require(actor, Permission.SUBMISSION_DISPOSE)
    errors: dict[str, str] = {}
    try:
        nature = DispositionNature(nature)
    except ValueError:
        errors["nature"] = "Pilih sifat disposisi."
    try:
        ticked = clean_instructions(instructions)
    except ValueError as exc:
        errors["instructions"] = str(exc)
        ticked = []
    if not instruction.strip() and not ticked and "instructions" not in errors:
        errors["instruction"] = "Centang instruksi atau isi catatan disposisi."
    if errors:
        raise ValidationError(field_errors=errors)
    summary = "; ".join([*ticked, instruction.strip()] if instruction.strip() else ticked)
    with unit_of_work(app) as session:
        sub = load(session, submission_id)
        unit = session.get(OfficeUnit, unit_id)
        if unit is None:
            raise ValidationError(field_errors={"unit": "Pilih seksi/bidang tujuan."})
        disp = Disposition(submission_id=sub.id, unit_id=unit.id,
                           instruction=instruction.strip(), due_date=due_date or sub.due_date,
                           nature=DispositionNature(nature).value,
                           instructions=join_instructions(ticked),
                           by_user_id=actor.user_id, by_name=actor.full_name)
        session.add(disp)
        sub.unit_id = unit.id
        if due_date:
            sub.due_date = due_date
        current = Status(sub.status)
        if current is not Status.DITINDAKLANJUTI and can_transition(current,
                                                                   Status.DITINDAKLANJUTI):
            sub.status = Status.DITINDAKLANJUTI.value
            record_status(session, actor, sub, current.value, sub.status,
                          f"Disposisi ke {unit.name}: {summary}")
        session.flush()
        audit.record(session, actor, "dispose", "submission", sub.id,
                     after={"unit": unit.name, "nature": disp.nature,
                            "instructions": ticked, "instruction": instruction.strip(),
                            "due_date": disp.due_date},
                     summary=f"Disposisi {sub.number} ke {unit.name}")
        return disp.id


# ---- Attachments -----------------------------------------------------------------------------


def store_file(app: AppContext, source: Path, data: bytes | None = None,
               suffix: str = "") -> str:
    """Copy a file (or ``data``, a re-encoded photo) into ``lampiran/`` under its sha256 name
    (once); returns the stored name."""
    content = source.read_bytes() if data is None else data
    digest = hashlib.sha256(content).hexdigest()
    stored = f"{digest}{suffix or source.suffix.lower()}"
    target = attachment_path(app, stored)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        partial = target.with_name(target.name + ".part")
        if data is None:
            shutil.copyfile(source, partial)
        else:
            partial.write_bytes(data)
        partial.replace(target)
    return stored


def new_attachment(submission_id: int, source: Path, stored: str, actor: Actor,
                   note: str = "") -> Attachment:
    mime = mimetypes.guess_type(source.name)[0] or "application/octet-stream"
    return Attachment(submission_id=submission_id, filename=source.name, stored_name=stored,
                      mime=mime, size=source.stat().st_size,
                      is_photo=mime.startswith("image/"), note=note, added_by=actor.user_id)


def add_attachment(app: AppContext, actor: Actor, submission_id: int, source: Path,
                   note: str = "") -> int:
    require(actor, Permission.SUBMISSION_EDIT)
    source = Path(source)
    if not source.is_file():
        raise ValidationError(f"Berkas {source.name} tidak ditemukan.")
    if source.stat().st_size > MAX_ATTACHMENT:
        raise ValidationError("Lampiran maksimal 20 MB.")
    if images.is_image_name(source):
        # A photo is decoded and stored re-encoded: a damaged one is refused here, not
        # discovered when the form is printed.
        data, suffix = images.checked_image(source)
        stored = store_file(app, source, data, suffix)
    else:
        stored = store_file(app, source)
    with unit_of_work(app) as session:
        sub = load(session, submission_id)
        att = new_attachment(sub.id, source, stored, actor, note)
        session.add(att)
        session.flush()
        audit.record(session, actor, "create", "attachment", att.id,
                     after={"submission": sub.number, "file": source.name},
                     summary=f"Lampiran {source.name} untuk {sub.number}")
        return att.id


def attachment_path(app: AppContext, stored_name: str) -> Path:
    return app.paths.attachments / stored_name[:2] / stored_name
