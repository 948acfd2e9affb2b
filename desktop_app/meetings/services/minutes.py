"""A meeting's notulen: its data and invitees, agenda and agreements (whole ordered lists),
the lifecycle draft → final, addenda, and the invitation's letter number."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from desktop_app.core.domain import clock
from desktop_app.core.domain.errors import ConflictError, NotFound, ValidationError
from desktop_app.core.domain.roles import Permission
from desktop_app.core.models import Region
from desktop_app.core.services import audit, office, settings, versions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.core.services.settings import get_setting
from desktop_app.db.base import utcnow
from desktop_app.meetings.domain import (
    DEFAULT_PLACE,
    InviteeKind,
    MinutesStatus,
)
from desktop_app.meetings.models import (
    ActionItem,
    ActionUpdate,
    AgendaItem,
    Agreement,
    Attendee,
    Meeting,
    MeetingAddendum,
    MeetingDesa,
    MeetingInvitee,
    MeetingKind,
    MeetingPhoto,
    MeetingProblem,
)
from desktop_app.meetings.services.common import (
    check_desa,
    check_time_order,
    desa_of,
    editable_meeting,
    set_desa,
    touch,
)
from desktop_app.meetings.services.dto import (
    AgendaInput,
    InviteeInput,
    MeetingInput,
)

INVITATION_CODE = settings.MEETINGS_INVITATION_CODE





def _validate_meeting(session: Session, data: MeetingInput) -> dict[str, Any]:
    errors: dict[str, str] = {}
    kind = session.get(MeetingKind, data.kind or "")
    if kind is None:
        errors["kind"] = "Pilih jenis rapat."
    title = (data.title or "").strip()
    if not title:
        errors["title"] = "Judul/acara rapat wajib diisi."
    if not isinstance(data.held_on, date):
        errors["held_on"] = "Tanggal rapat wajib diisi."
    check_time_order(data.start_time, data.end_time, errors)
    if data.closing_time and data.start_time and data.closing_time < data.start_time:
        errors["closing_time"] = "Jam penutupan tidak boleh sebelum jam mulai."
    for key in ("chair_nip", "minute_taker_nip"):
        nip = "".join((getattr(data, key) or "").split())
        if nip and (len(nip) != 18 or not nip.isdigit()):
            errors[key] = "NIP harus 18 digit."
    codes: list[str] = []
    for code in data.desa_codes:
        region = session.get(Region, code)
        if region is None or region.level not in ("desa", "kelurahan"):
            errors["desa_codes"] = f"Desa/kelurahan {code} tidak dikenal."
        elif code not in codes:
            codes.append(code)
    if errors:
        raise ValidationError(field_errors=errors)
    return {
        "kind": data.kind, "title": title, "held_on": data.held_on,
        "start_time": data.start_time, "end_time": data.end_time,
        "place": (data.place or "").strip() or DEFAULT_PLACE,
        "chair_name": data.chair_name.strip(), "chair_position": data.chair_position.strip(),
        "chair_nip": "".join(data.chair_nip.split()),
        "minute_taker_name": data.minute_taker_name.strip(),
        "minute_taker_position": data.minute_taker_position.strip(),
        "minute_taker_nip": "".join(data.minute_taker_nip.split()),
        "letter_number": data.letter_number.strip(), "letter_date": data.letter_date,
        "letter_nature": data.letter_nature.strip() or "Biasa",
        "letter_attachment": data.letter_attachment.strip() or "-",
        "discussion": (data.discussion or "").strip(), "closing_time": data.closing_time,
        "_desa": codes,
    }



# ---- Meetings: create, update, delete ---------------------------------------------------------


def new_meeting(session: Session, actor: Actor, data: MeetingInput, *,
                prepared_from_id: int | None = None) -> Meeting:
    """Add a draft meeting in the caller's unit of work (also for other features, e.g. a
    REMBUK REMAS rembuk held as a meeting of the log)."""
    clean = _validate_meeting(session, data)
    codes = clean.pop("_desa")
    meeting = Meeting(**clean, minutes_status=MinutesStatus.DRAFT.value,
                      created_by_id=actor.user_id, prepared_from_id=prepared_from_id)
    session.add(meeting)
    session.flush()
    set_desa(session, meeting.id, codes)
    audit.record(session, actor, "create", "meeting", meeting.id,
                 after={**audit.snapshot(meeting), "desa": codes},
                 summary=f"Rapat baru: {meeting.title} ({meeting.held_on.isoformat()})")
    return meeting


MEETING_LABELS = {
    "kind": "Jenis rapat", "title": "Judul", "held_on": "Tanggal", "start_time": "Jam mulai",
    "end_time": "Jam selesai", "place": "Tempat", "chair_name": "Pimpinan rapat",
    "chair_position": "Jabatan pimpinan", "chair_nip": "NIP pimpinan",
    "minute_taker_name": "Notulis", "minute_taker_position": "Jabatan notulis",
    "minute_taker_nip": "NIP notulis", "letter_number": "Nomor surat",
    "letter_date": "Tanggal surat", "letter_nature": "Sifat", "letter_attachment": "Lampiran",
    "closing_time": "Jam ditutup", "discussion": "Pembukaan/catatan", "desa": "Desa",
    "minutes_status": "Status notulen", "agenda": "Agenda", "agreements": "Kesepakatan",
    "invitees": "Tujuan undangan",
}
# Parts of a meeting saved as whole lists: their audit rows carry the meeting's new version,
# so a refused save names them too.
MEETING_PARTS = ("agenda", "agreements", "meeting_invitees")


def _touched(session: Session, meeting: Meeting) -> int:
    """``touch`` the meeting and return its new version (for the part's audit row)."""
    touch(meeting)
    session.flush()
    return meeting.version


def check_meeting_version(session: Session, meeting: Meeting, version: int | None) -> None:
    versions.check(session, meeting, version, entity="meeting", parts=MEETING_PARTS,
                   what=f"Rapat «{meeting.title}»", labels=MEETING_LABELS)


def change_meeting(session: Session, actor: Actor, meeting_id: int,
                   data: MeetingInput, version: int | None = None) -> Meeting:
    meeting = editable_meeting(session, meeting_id)
    check_meeting_version(session, meeting, version)
    clean = _validate_meeting(session, data)
    codes = clean.pop("_desa")
    before = {**audit.snapshot(meeting), "desa": desa_of(session, meeting_id)}
    for key, value in clean.items():
        setattr(meeting, key, value)
    set_desa(session, meeting_id, codes)
    session.flush()
    audit.record(session, actor, "update", "meeting", meeting_id, before=before,
                 after={**audit.snapshot(meeting), "desa": sorted(codes)},
                 summary=f"Ubah data rapat {meeting.title}")
    return meeting


def create_meeting(app: AppContext, actor: Actor, data: MeetingInput, *,
                   prepared_from_id: int | None = None) -> int:
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        return new_meeting(session, actor, data, prepared_from_id=prepared_from_id).id


def update_meeting(app: AppContext, actor: Actor, meeting_id: int, data: MeetingInput) -> None:
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        change_meeting(session, actor, meeting_id, data)


def save_meeting(app: AppContext, actor: Actor, meeting_id: int | None, data: MeetingInput,
                 invitees: Sequence[InviteeInput], *, version: int | None = None) -> int:
    """The editor's *Simpan data rapat*: the meeting's data and its invitees in ONE
    transaction (a refused invitee leaves the meeting unchanged too). Returns the id.
    ``version``: the meeting's version the editor loaded; changed since, the save is refused
    (RecordChangedError)."""
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        if meeting_id is None:
            meeting = new_meeting(session, actor, data)
        else:
            meeting = change_meeting(session, actor, meeting_id, data, version)
        replace_invitees(session, actor, meeting, invitees)
        return meeting.id


def delete_meeting(app: AppContext, actor: Actor, meeting_id: int) -> None:
    """Only a draft can be deleted; its own actions go with it."""
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        meeting = editable_meeting(session, meeting_id)
        before = audit.snapshot(meeting)
        own = list(session.scalars(select(ActionItem.id).where(
            ActionItem.meeting_id == meeting_id)))
        if own:
            discussed_later = session.scalar(select(func.count(ActionUpdate.id)).where(
                ActionUpdate.action_id.in_(own),
                or_(ActionUpdate.meeting_id.is_(None), ActionUpdate.meeting_id != meeting_id)))
            if discussed_later:
                raise ConflictError("Tindak lanjut rapat ini sudah dibahas/diperbarui di tempat "
                                    "lain; rapat tidak dapat dihapus.")
            session.execute(delete(ActionUpdate).where(ActionUpdate.action_id.in_(own)))
            session.execute(delete(ActionItem).where(ActionItem.id.in_(own)))
        session.execute(update(ActionUpdate).where(ActionUpdate.meeting_id == meeting_id)
                        .values(meeting_id=None))
        session.execute(update(Meeting).where(Meeting.prepared_from_id == meeting_id)
                        .values(prepared_from_id=None))
        for model in (MeetingDesa, MeetingInvitee, AgendaItem, Attendee, MeetingProblem,
                      Agreement, MeetingAddendum, MeetingPhoto):
            session.execute(delete(model).where(model.meeting_id == meeting_id))
        session.delete(meeting)
        audit.record(session, actor, "delete", "meeting", meeting_id, before=before,
                     summary=f"Hapus rapat (draf) {before['title']}")


# ---- Invitees, agenda, agreements: edited as whole ordered lists ----------------------------


def replace_invitees(session: Session, actor: Actor, meeting: Meeting,
                     invitees: Sequence[InviteeInput]) -> None:
    meeting_id = meeting.id
    before = [i.name for i in session.scalars(select(MeetingInvitee).where(
        MeetingInvitee.meeting_id == meeting_id).order_by(MeetingInvitee.position))]
    session.execute(delete(MeetingInvitee).where(MeetingInvitee.meeting_id == meeting_id))
    names = []
    for pos, inv in enumerate(invitees, start=1):
        name = (inv.name or "").strip()
        if not name:
            continue
        try:
            kind = InviteeKind(inv.kind).value
        except ValueError:
            kind = InviteeKind.OTHER.value
        session.add(MeetingInvitee(meeting_id=meeting_id, position=pos, kind=kind,
                                   name=name, unit_id=inv.unit_id,
                                   desa_code=check_desa(session, inv.desa_code)))
        names.append(name)
    version = _touched(session, meeting)
    audit.record(session, actor, "update", "meeting_invitees", meeting_id,
                 before={"invitees": before}, after={"invitees": names, "version": version},
                 summary=f"Undangan rapat {meeting.title}: {len(names)} tujuan")


def save_invitees(app: AppContext, actor: Actor, meeting_id: int,
                  invitees: Sequence[InviteeInput]) -> None:
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        replace_invitees(session, actor, editable_meeting(session, meeting_id), invitees)


def replace_agenda(session: Session, actor: Actor, meeting: Meeting,
                   items: Sequence[AgendaInput]) -> None:
    meeting_id = meeting.id
    before = [(a.title, a.discussion) for a in session.scalars(select(AgendaItem).where(
        AgendaItem.meeting_id == meeting_id).order_by(AgendaItem.position))]
    after = []
    for item in items:
        title = (item.title or "").strip()
        if not title and (item.discussion or "").strip():
            raise ValidationError(field_errors={"agenda": "Setiap acara perlu judul."})
        if title:
            after.append((title, (item.discussion or "").strip()))
    session.execute(delete(AgendaItem).where(AgendaItem.meeting_id == meeting_id))
    for pos, (title, discussion) in enumerate(after, start=1):
        session.add(AgendaItem(meeting_id=meeting_id, position=pos, title=title,
                               discussion=discussion))
    version = _touched(session, meeting)
    audit.record(session, actor, "update", "agenda", meeting_id,
                 before={"agenda": before}, after={"agenda": after, "version": version},
                 summary=f"Agenda rapat {meeting.title}: {len(after)} acara")


def save_agenda(app: AppContext, actor: Actor, meeting_id: int,
                items: Sequence[AgendaInput], *, version: int | None = None) -> None:
    """The editor's agenda tab; ``version``: the meeting's version it loaded (changed since
    on another desk: refused with RecordChangedError)."""
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        meeting = editable_meeting(session, meeting_id)
        check_meeting_version(session, meeting, version)
        replace_agenda(session, actor, meeting, items)


def replace_agreements(session: Session, actor: Actor, meeting: Meeting,
                       texts: Sequence[str]) -> None:
    """The kesepakatan, numbered 1..n in the given order."""
    meeting_id = meeting.id
    before = [a.text for a in session.scalars(select(Agreement).where(
        Agreement.meeting_id == meeting_id).order_by(Agreement.number))]
    after = [t.strip() for t in texts if (t or "").strip()]
    session.execute(delete(Agreement).where(Agreement.meeting_id == meeting_id))
    for number, text in enumerate(after, start=1):
        session.add(Agreement(meeting_id=meeting_id, number=number, text=text))
    version = _touched(session, meeting)
    audit.record(session, actor, "update", "agreements", meeting_id,
                 before={"agreements": before}, after={"agreements": after,
                                                       "version": version},
                 summary=f"Kesepakatan rapat {meeting.title}: {len(after)} butir")


def save_agreements(app: AppContext, actor: Actor, meeting_id: int,
                    texts: Sequence[str], *, version: int | None = None) -> None:
    """The editor's agreements tab; ``version`` as in ``save_agenda``."""
    require(actor, Permission.MEETING_EDIT)
    with unit_of_work(app) as session:
        meeting = editable_meeting(session, meeting_id)
        check_meeting_version(session, meeting, version)
        replace_agreements(session, actor, meeting, texts)


# ---- Minutes lifecycle -----------------------------------------------------------------------


def finalize(app: AppContext, actor: Actor, meeting_id: int) -> None:
    """Lock the notulen: dated, with who finalised it. Later changes go in as addenda."""
    require(actor, Permission.MEETING_FINALIZE)
    with unit_of_work(app) as session:
        meeting = editable_meeting(session, meeting_id)
        errors: dict[str, str] = {}
        if not meeting.chair_name:
            errors["chair_name"] = "Pimpinan rapat belum diisi."
        if not meeting.minute_taker_name:
            errors["minute_taker_name"] = "Notulis belum diisi."
        present = session.scalar(select(func.count(Attendee.id)).where(
            Attendee.meeting_id == meeting_id, Attendee.present.is_(True))) or 0
        if not present:
            errors["attendees"] = "Belum ada peserta yang tercatat hadir."
        if errors:
            raise ValidationError("Notulen belum dapat difinalisasi:\n" + "\n".join(
                f"- {text}" for text in errors.values()), field_errors=errors)
        before = audit.snapshot(meeting)
        meeting.minutes_status = MinutesStatus.FINAL.value
        meeting.finalized_at = utcnow()
        meeting.finalized_by_id = actor.user_id
        meeting.finalized_by_name = actor.full_name
        if meeting.closing_time is None:
            meeting.closing_time = meeting.end_time
        session.flush()
        audit.record(session, actor, "finalize", "meeting", meeting_id, before=before,
                     after=audit.snapshot(meeting),
                     summary=f"Finalisasi notulen {meeting.title}")


def add_addendum(app: AppContext, actor: Actor, meeting_id: int, text: str) -> int:
    """A dated change to a finalised notulen; the notulen itself stays as it was."""
    require(actor, Permission.MEETING_EDIT)
    text = (text or "").strip()
    if not text:
        raise ValidationError(field_errors={"text": "Isi addendum wajib diisi."})
    with unit_of_work(app) as session:
        meeting = session.execute(select(Meeting).where(Meeting.id == meeting_id)
                                  .with_for_update()).scalar_one_or_none()
        if meeting is None:
            raise NotFound("Rapat tidak ditemukan.")
        if meeting.minutes_status != MinutesStatus.FINAL:
            raise ValidationError("Addendum hanya untuk notulen yang sudah final; selama masih "
                                  "draf, ubah notulennya langsung.")
        row = MeetingAddendum(meeting_id=meeting_id, text=text, by_id=actor.user_id,
                              by_name=actor.full_name)
        session.add(row)
        session.flush()
        audit.record(session, actor, "addendum", "meeting", meeting_id,
                     after={"addendum_id": row.id, "text": text},
                     summary=f"Addendum notulen {meeting.title}")
        return row.id



def letter_number(session: Session, nomor: int | str, when: date) -> str:
    """The invitation's number from the office pattern, e.g. ``000.1.5/17/Kec-PS/2026``."""
    profile = office.load_profile(session)
    pattern = profile.letter_number_pattern if profile else "{kode}/{nomor}/{singkatan}/{tahun}"
    short = (profile.short_name if profile else "") or "Kec"
    return office.format_letter_number(pattern, kode=str(get_setting(session, INVITATION_CODE)),
                                       nomor=nomor, singkatan=short, tahun=when.year,
                                       bulan=when.month)


def next_letter_sequence(app: AppContext, year: int) -> int:
    """The next invitation number of the year: one after the highest found in the meetings'
    letter numbers that follow the office pattern (so *Buat nomor* continues the sequence
    instead of starting again at 1)."""
    import re

    with unit_of_work(app, write=False) as session:
        profile = office.load_profile(session)
        pattern = profile.letter_number_pattern if profile else "{kode}/{nomor}/{singkatan}/{tahun}"
        numbers = list(session.scalars(select(Meeting.letter_number).where(
            Meeting.letter_number != "", Meeting.letter_date >= date(year, 1, 1),
            Meeting.letter_date <= date(year, 12, 31))))
    regex = re.escape(pattern).replace(re.escape("{nomor}"), r"(\d+)")
    regex = re.sub(r"\\\{\w+\\\}", ".*?", regex)
    found = [int(m.group(1)) for n in numbers if (m := re.fullmatch(regex, n.strip()))]
    return max(found, default=0) + 1


def suggest_letter_number(app: AppContext, nomor: int | str, when: date | None = None) -> str:
    with unit_of_work(app, write=False) as session:
        return letter_number(session, nomor, when or clock.today())
