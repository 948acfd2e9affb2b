"""How the audit page names and shows the fields of RUKO PARSEL's records (registered by the
composition root; see core.domain.audit_fields)."""

from __future__ import annotations

from collections.abc import Mapping

from desktop_app.core.domain import audit_fields as af
from desktop_app.meetings.domain import (
    ActionStatus,
    Gender,
    MinutesStatus,
    OwnerKind,
    ProblemStatus,
)
from desktop_app.meetings.services import reference

F = af.AuditField
_REFERENCE = {"meeting_kind": {"label": F("Nama jenis rapat"), "sort_order": F("Urutan")},
              "problem_topic": {"label": F("Nama topik"), "sort_order": F("Urutan")}}

FIELDS: af.FieldMap = {
    "meeting": {
        "kind": af.looked_up("Jenis rapat", "meeting_kind"),
        "title": F("Judul rapat"),
        "held_on": F("Tanggal rapat", af.Kind.DATE),
        "start_time": F("Jam mulai", af.Kind.TIME),
        "end_time": F("Jam selesai", af.Kind.TIME),
        "closing_time": F("Jam ditutup", af.Kind.TIME),
        "place": F("Tempat"),
        "chair_name": F("Pimpinan rapat"),
        "chair_position": F("Jabatan pimpinan rapat"),
        "chair_nip": F("NIP pimpinan rapat"),
        "minute_taker_name": F("Notulis"),
        "minute_taker_position": F("Jabatan notulis"),
        "minute_taker_nip": F("NIP notulis"),
        "letter_number": F("Nomor surat undangan"),
        "letter_date": F("Tanggal surat undangan", af.Kind.DATE),
        "letter_nature": F("Sifat surat"),
        "letter_attachment": F("Lampiran surat"),
        "minutes_status": af.choice("Status notulen", MinutesStatus),
        "finalized_at": F("Difinalkan", af.Kind.DATETIME),
        "finalized_by_id": F("Difinalkan oleh (nomor pengguna)"),
        "finalized_by_name": F("Difinalkan oleh"),
        "discussion": F("Pembukaan/catatan"),
        "prepared_from_id": F("Disiapkan dari rapat (nomor)"),
        "desa": F("Desa yang dibahas", af.Kind.REGION),
        "addendum_id": F("Adendum (nomor)"),
        "text": F("Isi adendum"),
    },
    "action": {
        "what": F("Tindak lanjut"),
        "problem_id": F("Masalah rapat (nomor)"),
        "owner_kind": af.choice("Jenis penanggung jawab", OwnerKind),
        "owner_name": F("Penanggung jawab"),
        "due_date": F("Batas waktu", af.Kind.DATE),
        "status": af.choice("Status", ActionStatus),
        "closing_note": F("Catatan penyelesaian"),
        "done_on": F("Tanggal selesai", af.Kind.DATE),
    },
    "attendee": {
        "position_no": F("Nomor urut"),
        "name": F("Nama peserta"),
        "position": F("Jabatan"),
        "institution": F("Instansi"),
        "phone": F("Nomor HP"),
        "gender": af.choice("Jenis kelamin", Gender),
        "present": F("Hadir", af.Kind.BOOL),
        "from_meeting_id": F("Disalin dari rapat (nomor)"),
    },
    "problem": {
        "position": F("Nomor urut"),
        "topic": af.looked_up("Topik", "problem_topic"),
        "description": F("Uraian masalah"),
        "answer": F("Tanggapan"),
        "status": af.choice("Status", ProblemStatus),
        "submission_id": F("Usulan/laporan/aduan terkait (nomor)"),
    },
    "agenda": {"agenda": F("Susunan acara (judul — pembahasan)", af.Kind.LIST)},
    "agreements": {"agreements": F("Kesepakatan", af.Kind.LIST)},
    "meeting_invitees": {"invitees": F("Undangan", af.Kind.LIST)},
    "meeting_photo": {"stored_name": F("Nama simpan", af.Kind.HIDDEN),
                      "filename": F("Nama berkas"), "caption": F("Keterangan foto"),
                      "added_at": F("Ditambahkan", af.Kind.DATETIME),
                      "added_by": F("Ditambahkan oleh (nomor pengguna)")},
    "meeting_recap": {},
    **_REFERENCE,
}


def _labels(items: list[reference.ListItem]) -> Mapping[str, str]:
    return {i.code: i.label for i in items}


LOOKUPS: af.Lookups = {
    "meeting_kind": lambda app: _labels(reference.list_kinds(app, include_inactive=True)),
    "problem_topic": lambda app: _labels(reference.list_topics(app, include_inactive=True)),
}
