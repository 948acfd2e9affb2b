"""How the audit page names and shows the fields of core's records (users, office, regions,
settings) and the fields many records share; features declare theirs in their own
``gui/audit_fields.py`` (see core.domain.audit_fields)."""

from __future__ import annotations

from desktop_app.core.domain.audit_fields import (
    COMMON,
    REGIONS,
    AuditField,
    FieldMap,
    Kind,
    Lookups,
    choice,
)
from desktop_app.core.domain.labels import OfficeKind, RegionLevel
from desktop_app.core.domain.roles import Role
from desktop_app.core.services import regions

F = AuditField

FIELDS: FieldMap = {
    COMMON: {
        # Bookkeeping: the row's own number is in the entry's title, the version changes on
        # every save.
        "id": F("Nomor data", Kind.HIDDEN),
        "version": F("Versi", Kind.HIDDEN),
        "uid": F("Kode unik", Kind.HIDDEN),
        "import_key": F("Kunci impor", Kind.HIDDEN),
        "created_at": F("Dibuat", Kind.DATETIME),
        "updated_at": F("Terakhir diubah", Kind.DATETIME),
        "created_by_id": F("Dibuat oleh (nomor pengguna)"),
        "created_by_name": F("Dibuat oleh"),
        "entered_by_id": F("Dicatat oleh (nomor pengguna)"),
        "name": F("Nama"),
        "title": F("Judul"),
        "code": F("Kode"),
        "label": F("Nama tampilan"),
        "note": F("Catatan"),
        "description": F("Uraian"),
        "active": F("Aktif", Kind.BOOL),
        "year": F("Tahun"),
        "desa_code": F("Desa/Kelurahan", Kind.REGION),
        "region_code": F("Wilayah", Kind.REGION),
        "region": F("Wilayah", Kind.REGION),
        "kecamatan_code": F("Kecamatan", Kind.REGION),
        "rt": F("RT"),
        "rw": F("RW"),
        "address": F("Alamat"),
        "latitude": F("Lintang"),
        "longitude": F("Bujur"),
        "phone": F("Telepon"),
        "nip": F("NIP"),
        "status": F("Status"),
        "number": F("Nomor"),
        "unit": F("Satuan"),
        "sort_order": F("Urutan"),
        "meeting_id": F("Rapat (nomor)"),
        "submission_id": F("Usulan/laporan/aduan (nomor)"),
        # Printing, exporting, importing
        "document": F("Dokumen"),
        "file": F("Berkas"),
        "rows": F("Jumlah baris", Kind.NUMBER),
        "count": F("Jumlah", Kind.NUMBER),
        "from": F("Dari tanggal", Kind.DATE),
        "to": F("Sampai tanggal", Kind.DATE),
        "final": F("Versi final", Kind.BOOL),
        "people": F("Jumlah orang", Kind.NUMBER),
        "letters": F("Jumlah surat", Kind.NUMBER),
        "lampiran_rows": F("Baris lampiran", Kind.NUMBER),
        "masked": F("Data pribadi disamarkan", Kind.BOOL),
        "created": F("Data baru", Kind.NUMBER),
        "updated": F("Data diperbarui", Kind.NUMBER),
        "unchanged": F("Data tidak berubah", Kind.NUMBER),
        "rejected": F("Baris ditolak", Kind.NUMBER),
        "skipped": F("Baris dilewati", Kind.NUMBER),
        "duplicates": F("Duplikat", Kind.NUMBER),
    },
    "user": {
        "username": F("Nama pengguna"),
        "full_name": F("Nama lengkap"),
        "role": choice("Peran", Role),
        "position": F("Jabatan"),
        "unit_id": F("Seksi/bidang (nomor)"),
        "failed_logins": F("Gagal masuk berturut-turut", Kind.NUMBER),
        "locked_until": F("Terkunci sampai", Kind.DATETIME),
        "must_change_password": F("Wajib ganti sandi", Kind.BOOL),
        "last_login_at": F("Terakhir masuk", Kind.DATETIME),
    },
    "office_profile": {
        "office_kind": choice("Jenis kantor", OfficeKind),
        "government_line": F("Baris pemerintah (kop)"),
        "name": F("Nama kantor"),
        "short_name": F("Nama singkat"),
        "city": F("Kota/tempat"),
        "postal_code": F("Kode pos"),
        "email": F("Surel"),
        "website": F("Laman"),
        "head_name": F("Nama pimpinan"),
        "head_title": F("Jabatan pimpinan"),
        "head_rank": F("Pangkat pimpinan"),
        "head_nip": F("NIP pimpinan"),
        "region_code": F("Wilayah kantor", Kind.REGION),
        "paper_size": F("Ukuran kertas"),
        "letter_number_pattern": F("Pola nomor surat"),
        "logo_changed": F("Logo diganti", Kind.BOOL),
    },
    "office_unit": {
        "name": F("Nama seksi/bidang"),
        "head_name": F("Nama kepala"),
    },
    "region": {
        "level": choice("Tingkat", RegionLevel),
        "parent_code": F("Wilayah induk", Kind.REGION),
    },
    "setting": {
        "value": F("Nilai"),
    },
}

LOOKUPS: Lookups = {REGIONS: regions.region_names}
