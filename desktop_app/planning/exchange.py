"""REMBUK REMAS spreadsheets (rows in, rows out): the usulan workbook in SIPD's column order
with the tier results beside it (also the file a kecamatan sends to Bappeda), and the column
names of the desa workbooks offices keep."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.core.exchange.formats import read_sheet
from desktop_app.core.exchange.formats.grid import RawSheet
from desktop_app.core.exchange.mapping import ColumnSpec, suggest_mapping
from desktop_app.core.exchange.reader import find_header_row, iter_data_rows
from desktop_app.core.exchange.writer import ColumnFormat, SheetSpec, write_table

FORMAT = "rembuk-remas/1"
USULAN_SHEET, TIERS_SHEET, INFO_SHEET = "Usulan", "Hasil Tingkat", "Info"
PRIORITY_SHEET = "Prioritas"

# SIPD's usulan export order first (public mirrors of SIPD's Excel export), then what Ruko
# Parsel needs to rebuild the record exactly. (key, header, width, aliases)
SIPD_COLUMNS: list[tuple[str, str, float, tuple[str, ...]]] = [
    ("sipd_id", "ID Usulan", 14, ("Id", "ID", "No Usulan")),
    ("created_on", "Tanggal Usulan", 12, ("Tanggal", "Tgl Usulan")),
    ("proposer_name", "Pengusul", 24, ("Nama Pengusul",)),
    ("proposer_profile", "Profil Pengusul", 18, ("Profil",)),
    ("work", "Usulan", 40, ("Detail Gagasan", "Gagasan", "Usulan Kegiatan")),
    ("problem", "Masalah", 40, ("Permasalahan",)),
    ("address", "Alamat", 26, ("Alamat Lokasi", "Lokasi")),
    ("coordinates", "Koordinat", 20, ("Lat Long", "Koordinat Lokasi")),
    ("kabupaten", "Kabupaten/Kota", 18, ("Kabupaten",)),
    ("kecamatan", "Kecamatan", 18, ()),
    ("desa", "Kelurahan/Desa", 18, ("Desa/Kelurahan", "Desa", "Kelurahan")),
    ("stage", "Tahap Usulan", 20, ("Tahap", "Putaran")),
    ("first_agency", "SKPD Tujuan Awal", 24, ("SKPD Awal",)),
    ("agency", "SKPD Tujuan Akhir", 24, ("SKPD Tujuan", "SKPD Akhir", "SKPD")),
    ("status", "Status", 16, ()),
    ("note", "Catatan", 30, ("Keterangan",)),
    ("rec_partner", "Rekomendasi Mitra", 20, ()),
    ("rec_desa", "Rekomendasi Kelurahan/Desa", 24, ("Rekomendasi Desa", "Rekomendasi Kelurahan")),
    ("rec_kecamatan", "Rekomendasi Kecamatan", 24, ("Rekomendasi Camat",)),
    ("rec_agency", "Rekomendasi SKPD", 20, ()),
    ("rec_tapd", "Rekomendasi TAPD", 24, ("Rekomendasi Kabupaten",)),
    ("volume", "Volume", 10, ("Vol",)),
    ("unit", "Satuan", 10, ()),
    ("cost", "Anggaran", 16, ("Anggaran Usulan", "Pagu", "Biaya")),
    ("spending", "Jenis Belanja", 18, ()),
    ("sub_activity", "Sub Kegiatan", 40, ("Nama Sub Kegiatan",)),
    ("year", "Tahun Rencana", 10, ("Tahun Anggaran", "Tahun")),
    ("desa_code", "Kode Desa", 15, ("Kode Wilayah",)),
    ("rt", "RT", 6, ()),
    ("rw", "RW", 6, ()),
    ("unit_price", "Harga Satuan", 14, ()),
    ("physical", "Fisik", 8, ("Fisik/Non Fisik",)),
    ("authority", "Kewenangan", 12, ()),
    ("land_status", "Status Lahan", 14, ()),
    ("land_note", "Keterangan Lahan", 20, ()),
    ("coverage", "Cakupan", 10, ()),
    ("beneficiaries", "Penerima Manfaat", 10, ()),
    ("proposer_contact", "Kontak Pengusul", 16, ()),
    ("level", "Tingkat", 12, ()),
    ("number", "Nomor Ruko Parsel", 16, ()),
    ("uid", "UID", 38, ()),
]
# One row per proposal and tier: each tier's own screening, volume, cost and priority.
TIER_COLUMNS: list[tuple[str, str, float]] = [
    ("uid", "UID", 38), ("level", "Tingkat", 12), ("region_code", "Kode Wilayah", 14),
    ("verdict", "Putusan", 16), ("aligned", "Selaras", 8), ("priority_code", "Prioritas Daerah", 10),
    ("within_ceiling", "Dalam Pagu", 8), ("direct_impact", "Berdampak", 8),
    ("core_problem", "Masalah Pokok", 8), ("authority_ok", "Kewenangan", 8),
    ("land_ok", "Lahan", 8), ("reasons", "Alasan", 24), ("note", "Catatan", 30),
    ("redirect_target", "Dialihkan Ke", 12), ("redirect_detail", "Keterangan Pengalihan", 20),
    ("recommendation", "Rekomendasi", 24), ("volume", "Volume", 10),
    ("unit_price", "Harga Satuan", 14), ("cost", "Biaya", 14), ("scores", "Nilai", 30),
    ("score", "Skor", 10), ("rank", "Peringkat", 8), ("priority_tier", "UTAMA/CADANGAN", 12),
    ("tier_manual", "Dipindah Manual", 8), ("decided_by", "Diputuskan Oleh", 20),
]

# The year's priorities the tier results refer to by code (created where missing).
PRIORITY_COLUMNS: list[tuple[str, str, float]] = [
    ("code", "Kode", 8), ("kind", "Sumber", 12), ("title", "Prioritas", 60),
    ("target", "Sasaran", 40),
]


@dataclass
class Bundle:
    meta: dict[str, str] = field(default_factory=dict)
    proposals: list[dict[str, Any]] = field(default_factory=list)
    tiers: list[dict[str, Any]] = field(default_factory=list)
    priorities: list[dict[str, Any]] = field(default_factory=list)


def canon(value: Any) -> str:
    """One spelling per value whether it went through Excel or not (checksums, comparisons)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float):
        number = float(value)
        return str(int(number)) if number.is_integer() else repr(round(number, 6))
    return str(value).strip()


def checksum(bundle: Bundle) -> str:
    payload = json.dumps(
        [[[canon(row.get(k)) for k, *_ in columns] for row in rows] for columns, rows in (
            (SIPD_COLUMNS, bundle.proposals), (TIER_COLUMNS, bundle.tiers),
            (PRIORITY_COLUMNS, bundle.priorities))],
        ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def write_bundle(path: Path | str, bundle: Bundle, paper: str = "A4") -> Path:
    meta = {**bundle.meta, "format": FORMAT, "rows": str(len(bundle.proposals)),
            "checksum": checksum(bundle)}
    sheets = [
        SheetSpec(USULAN_SHEET, [ColumnFormat(h, w) for _k, h, w, _a in SIPD_COLUMNS],
                  ([p.get(k) for k, *_ in SIPD_COLUMNS] for p in bundle.proposals),
                  paper=paper, landscape=True),
        SheetSpec(TIERS_SHEET, [ColumnFormat(h, w) for _k, h, w in TIER_COLUMNS],
                  ([t.get(k) for k, *_ in TIER_COLUMNS] for t in bundle.tiers), paper=paper,
                  landscape=True),
        SheetSpec(PRIORITY_SHEET, [ColumnFormat(h, w) for _k, h, w in PRIORITY_COLUMNS],
                  ([r.get(k) for k, *_ in PRIORITY_COLUMNS] for r in bundle.priorities),
                  paper=paper),
        SheetSpec(INFO_SHEET, [ColumnFormat("Kunci", 18), ColumnFormat("Nilai", 70)],
                  sorted(meta.items()), autofilter=False, paper=paper),
    ]
    return write_table(path, sheets)


def _specs(columns: Iterable[tuple[Any, ...]]) -> list[ColumnSpec]:
    return [ColumnSpec(c[0], c[1], c[3] if len(c) > 3 else ()) for c in columns]


def _read_table(raw: RawSheet, columns: Sequence[tuple[Any, ...]]) -> list[dict[str, Any]]:
    specs = _specs(columns)
    header = find_header_row(raw.rows, specs)
    mapping = suggest_mapping(header.headers, specs).mapping
    out = []
    for row_no, row in iter_data_rows(raw.rows, header):
        values = {key: row[i] for i, key in mapping.items() if key and i < len(row)}
        values["_row"] = row_no
        out.append(values)
    return out


def read_bundle(path: Path | str) -> Bundle:
    """An exported workbook (or SIPD's own export, which has only the usulan sheet)."""
    first = read_sheet(path)
    names = first.sheet_names
    usulan = first if first.name == USULAN_SHEET or USULAN_SHEET not in names \
        else read_sheet(path, USULAN_SHEET)
    bundle = Bundle(proposals=_read_table(usulan, SIPD_COLUMNS))
    if TIERS_SHEET in names:
        bundle.tiers = _read_table(read_sheet(path, TIERS_SHEET), TIER_COLUMNS)
    if PRIORITY_SHEET in names:
        bundle.priorities = _read_table(read_sheet(path, PRIORITY_SHEET), PRIORITY_COLUMNS)
    if INFO_SHEET in names:
        for row in read_sheet(path, INFO_SHEET).rows[1:]:
            if row and row[0] is not None:
                bundle.meta[str(row[0]).strip()] = canon(row[1] if len(row) > 1 else "")
    return bundle


# ---- Desa workbooks --------------------------------------------------------------------------

DESA_SPECS = [
    ColumnSpec("work", "Usulan Kegiatan", ("Usulan", "Kegiatan", "Nama Kegiatan",
                                          "Jenis Kegiatan", "Detail Gagasan", "Gagasan",
                                          "Uraian Kegiatan", "Nama Usulan", "Bidang/Jenis Kegiatan",
                                          "Bidang/Kegiatan", "Nama/Jenis Kegiatan",
                                          "Kegiatan/Usulan", "Usulan/Gagasan",
                                          "Jenis Kegiatan/Usulan"), required=True),
    ColumnSpec("problem", "Permasalahan", ("Masalah", "Masalah/Potensi", "Permasalahan/Potensi",
                                          "Latar Belakang"), required=True),
    ColumnSpec("desa", "Desa/Kelurahan", ("Desa", "Kelurahan", "Nama Desa")),
    ColumnSpec("rt", "RT", ("RT/RW", "No RT")),
    ColumnSpec("rw", "RW", ()),
    ColumnSpec("address", "Lokasi", ("Alamat", "Alamat Lokasi", "Lokasi Kegiatan", "Dusun")),
    ColumnSpec("volume", "Volume", ("Vol", "Jumlah", "Volume Usulan")),
    ColumnSpec("unit", "Satuan", ("Sat", "Satuan Volume")),
    ColumnSpec("unit_price", "Harga Satuan", ("Harga", "Harga Satuan (Rp)", "HSP")),
    ColumnSpec("cost", "Perkiraan Biaya", ("Biaya", "Jumlah Biaya", "Anggaran", "Pagu",
                                          "Total Biaya", "Perkiraan Biaya (Rp)", "Nilai")),
    ColumnSpec("agency", "SKPD Tujuan", ("SKPD", "OPD", "Dinas", "Perangkat Daerah",
                                        "OPD Pelaksana", "SKPD Pelaksana")),
    ColumnSpec("proposer_name", "Pengusul", ("Nama Pengusul", "Diusulkan Oleh", "Usulan Dari")),
    ColumnSpec("rank", "Prioritas", ("Ranking", "Peringkat", "No Prioritas", "Urutan")),
    ColumnSpec("physical", "Fisik/Non Fisik", ("Jenis Usulan", "Fisik", "Sifat")),
    ColumnSpec("land_status", "Status Lahan", ("Status Tanah", "Lahan", "Kepemilikan Lahan")),
    ColumnSpec("kamus", "Kode Kamus", ("Kamus", "Kamus Usulan")),
    ColumnSpec("sub_activity_code", "Kode Sub Kegiatan", ("Kode Sub Giat",)),
    ColumnSpec("latitude", "Lintang", ("Latitude", "Lat")),
    ColumnSpec("longitude", "Bujur", ("Longitude", "Long", "Lng")),
    ColumnSpec("coordinates", "Koordinat", ("Titik Koordinat",)),
    ColumnSpec("beneficiaries", "Penerima Manfaat", ("Jumlah Penerima Manfaat", "Sasaran",
                                                     "Jumlah Sasaran")),
    ColumnSpec("note", "Keterangan", ("Catatan", "Ket")),
]


# ---- Kerangka Perencanaan workbook (Bappeda's priorities and pagu indikatif) ------------------

FRAME_PRIORITY_SPECS = [
    ColumnSpec("code", "Kode", ("Kode Prioritas", "No Prioritas"), required=True),
    ColumnSpec("title", "Prioritas", ("Prioritas Pembangunan", "Uraian", "Uraian Prioritas",
                                      "Nama Prioritas"), required=True),
    ColumnSpec("kind", "Sumber", ("Dokumen", "Sumber Prioritas", "Jenis")),
    ColumnSpec("target", "Target", ("Sasaran", "Target/Sasaran", "Indikator Sasaran")),
]
FRAME_CEILING_SPECS = [
    ColumnSpec("region", "Kecamatan", ("Wilayah", "Kode Wilayah", "Kode Kecamatan",
                                       "Nama Kecamatan"), required=True),
    ColumnSpec("amount", "Pagu Indikatif", ("Pagu", "Pagu (Rp)", "Jumlah Pagu", "Nilai Pagu"),
               required=True),
    ColumnSpec("note", "Keterangan", ("Catatan",)),
]
FRAME_SHEETS = {"Prioritas": FRAME_PRIORITY_SPECS, "Pagu": FRAME_CEILING_SPECS}


def read_frame(path: Path | str) -> dict[str, list[tuple[int, dict[str, Any]]]]:
    """The rows of the sheets *Prioritas* and *Pagu* (either may be missing; at least one is
    there): sheet → [(row number as seen in Excel, {key: value})]."""
    names = {_sheet_key(n): n for n in read_sheet(path, 0).sheet_names}
    out: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for sheet, specs in FRAME_SHEETS.items():
        name = names.get(_sheet_key(sheet)) or next(
            (n for k, n in names.items() if k.startswith(_sheet_key(sheet))), None)
        if name is None:
            continue
        raw = read_sheet(path, name)
        header = find_header_row(raw.rows, specs)
        mapping = suggest_mapping(header.headers, specs).mapping
        out[sheet] = [(number, {key: row[i] if i < len(row) else None
                                for i, key in mapping.items() if key})
                      for number, row in iter_data_rows(raw.rows, header)]
    return out


def _sheet_key(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())
