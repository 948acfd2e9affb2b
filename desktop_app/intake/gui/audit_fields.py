"""How the audit page names and shows the fields of KULA RAKAT's records (registered by the
composition root; see core.domain.audit_fields)."""

from __future__ import annotations

from desktop_app.core.domain.audit_fields import (
    AuditField,
    FieldMap,
    Kind,
    Lookups,
    choice,
    looked_up,
)
from desktop_app.intake.domain.disposition import DispositionNature
from desktop_app.intake.domain.submissions import (
    Channel,
    FieldKind,
    Status,
    SubmissionKind,
    all_detail_fields,
)
from desktop_app.intake.domain.validation import HIDDEN_FIELDS
from desktop_app.intake.services import categories

F = AuditField
_KINDS = {FieldKind.NUMBER: Kind.NUMBER, FieldKind.INTEGER: Kind.NUMBER,
          FieldKind.MONEY: Kind.RUPIAH, FieldKind.BOOL: Kind.BOOL}


def _survey_fields() -> dict[str, AuditField]:
    """The category forms' fields, with the labels and units the forms show."""
    return {key: F(spec.label, _KINDS.get(spec.kind, Kind.TEXT),
                   unit="" if spec.kind is FieldKind.MONEY else spec.unit,
                   personal=key in HIDDEN_FIELDS)
            for key, spec in all_detail_fields().items()}


SUBMISSION: dict[str, AuditField] = {
    **_survey_fields(),
    "number": F("Nomor registrasi"),
    "kind": choice("Jenis", SubmissionKind),
    "category": looked_up("Kategori", "intake_category"),
    "status": choice("Status", Status),
    "received_on": F("Tanggal diterima", Kind.DATE),
    "channel": choice("Saluran", Channel),
    "reporter_name": F("Nama pelapor"),
    "reporter_nik": F("NIK pelapor", personal=True),
    "reporter_phone": F("Nomor HP pelapor"),
    "reporter_address": F("Alamat pelapor"),
    "reporter_desa_code": F("Desa pelapor", Kind.REGION),
    "reporter_rt": F("RT pelapor"),
    "reporter_rw": F("RW pelapor"),
    "subject": F("Perihal"),
    "description": F("Uraian"),
    "address": F("Alamat lokasi"),
    "road_name": F("Nama jalan/saluran"),
    "due_date": F("Batas waktu", Kind.DATE),
    "unit_id": F("Seksi/bidang tujuan (nomor)"),
    "unit": F("Seksi/bidang tujuan"),
    "duplicate_of_id": F("Duplikat dari (nomor)"),
    "closed_at": F("Ditutup", Kind.DATETIME),
    "needs_check": F("Perlu diperiksa", Kind.BOOL),
    "check_reason": F("Alasan pemeriksaan"),
    "field_enumerator": F("Enumerator"),
    "verified_on": F("Tanggal verifikasi", Kind.DATE),
    "findings": F("Hasil verifikasi"),
    "instruction": F("Isi disposisi"),
    "instructions": F("Instruksi disposisi", Kind.LIST),
    "nature": choice("Sifat disposisi", DispositionNature),
    "flagged": F("Ditandai untuk diperiksa", Kind.NUMBER),
    "imported": F("Data diimpor", Kind.NUMBER),
    "file_sha256": F("Sidik berkas impor (SHA-256)"),
    "defaults": F("Isian bawaan impor", Kind.HIDDEN),  # codes, for recognising the file again
}

FIELDS: FieldMap = {
    "submission": SUBMISSION,
    "attachment": {
        "submission": F("Usulan/laporan/aduan"),
    },
    "holiday": {
        "days": F("Tanggal", Kind.LIST),
        "name": F("Nama hari libur"),
    },
    "category": {
        "label": F("Nama kategori"),
    },
    "import_mapping": {},
}

LOOKUPS: Lookups = {"intake_category": categories.category_labels}
