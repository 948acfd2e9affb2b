"""The columns an import knows: the common data and every category's survey fields, each with
the header variants offices write."""

from __future__ import annotations

from desktop_app.core.exchange.mapping import ColumnSpec
from desktop_app.intake.domain.submissions import all_detail_fields

COMMON_SPECS = [
    ColumnSpec("kind", "Jenis", ("Jenis Usulan", "Usulan/Laporan/Aduan")),
    ColumnSpec("category", "Kategori", ("Kategori Usulan", "Bidang")),
    ColumnSpec("received_on", "Tanggal diterima", ("Tanggal", "Tgl", "Tanggal Usulan",
                                                   "Tanggal Input")),
    ColumnSpec("channel", "Saluran", ("Sumber", "Media")),
    ColumnSpec("reporter_name", "Nama pelapor", ("Pelapor", "Pengusul", "Nama Pengusul",
                                                 "Nama Pelapor/Pengusul")),
    ColumnSpec("reporter_nik", "NIK pelapor", ("NIK Pengusul",)),
    ColumnSpec("reporter_phone", "No HP", ("No. HP", "Telepon", "No Telp", "WA", "No WA",
                                           "Nomor HP")),
    ColumnSpec("subject", "Perihal", ("Judul", "Usulan", "Permasalahan")),
    ColumnSpec("description", "Uraian", ("Keterangan", "Deskripsi", "Ket", "Ket.", "Catatan")),
    ColumnSpec("desa", "Desa/Kelurahan", ("Desa", "Kelurahan", "Nama Desa", "Desa/Kel", "Kel/Desa",
                                          "Nama Desa/Kel", "Nama Desa/Kelurahan", "Desa Kel",
                                          "Lokasi Desa", "Desa/Kel."), required=True),
    ColumnSpec("rt", "RT", ("RT/RW", "RT / RW", "RT.RW", "No RT")),
    ColumnSpec("rw", "RW", ()),
    ColumnSpec("address", "Alamat", ("Alamat Lokasi", "Lokasi", "Alamat Rumah", "Dusun",
                                     "Alamat/Dusun")),
    ColumnSpec("reporter_address", "Alamat pelapor", ("Alamat Pengusul",)),
    ColumnSpec("latitude", "Lintang", ("Latitude", "Lat")),
    ColumnSpec("longitude", "Bujur", ("Longitude", "Long", "Lng")),
]
DETAIL_SPECS = [
    ColumnSpec(spec.key, spec.label, spec.aliases, False) for spec in all_detail_fields().values()
]
IMPORT_SPECS = COMMON_SPECS + DETAIL_SPECS
