"""Spreadsheets: a desa's hand-kept workbook (titles, header spellings, numbers as text, a
totals row, bad rows), and the SIPD-layout export that re-imports unchanged, also into
Bappeda's database, and refuses a file changed after export."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from desktop_app.core.domain.errors import ValidationError
from desktop_app.core.domain.roles import Role
from desktop_app.core.services.bootstrap import open_app
from desktop_app.paths import DataPaths
from desktop_app.planning import exchange
from desktop_app.planning.services import transfer, workbook
from desktop_app.planning.services.queries import ProposalFilter, list_proposals
from tests.conftest import make_user
from tests.planning.conftest import INAN, YEAR


def _desa_workbook(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["DAFTAR USULAN HASIL MUSRENBANG DESA INAN TAHUN 2026"])
    ws.append(["Untuk RKPD Kabupaten Balangan Tahun 2027"])
    ws.append([])
    ws.append(["No", "Nama Kegiatan", "Permasalahan", "Lokasi", "RT/RW", "Vol", "Sat",
               "Harga Satuan (Rp)", "Jumlah Biaya", "OPD", "Status Tanah", "Ket"])
    ws.append([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    ws.append([1, "Rabat beton jalan RT 03", "Jalan becek", "Jl. Sekolah", "003/001", "220",
               "m", "Rp 1.250.000", None, "Dinas PUPRPERKIM", "Hibah warga", ""])
    ws.append([2, "Jamban sehat 25 KK", "BAB di sungai", "RT 01", "1/1", 25, "unit",
               6_500_000, 162_500_000, "Dinas PUPRPERKIM", "milik pribadi", ""])
    ws.append([3, "Pelatihan montir", "Pemuda menganggur", "", "", 20, "orang", None,
               "70.000.000", "Disnakertrans", "", "Non fisik"])
    ws.append([4, "Drainase tanpa volume", "Banjir", "", "", None, "m", None, None, "", "", ""])
    ws.append([5, "Jembatan di tanah sengketa?", "Akses", "", "", 1, "unit", "-5", None, "",
               "", ""])
    ws.append([6, "Talud sungai", "Longsor", "", "", 10, "m", "1,5 juta", None, "", "", ""])
    ws.append([7, "Pos ronda", "Keamanan", "", "", 1, "unit", "menyusul", None, "", "", ""])
    ws.append(["JUMLAH", None, None, None, None, None, None, None, 500_000_000])
    wb.save(path)
    return path


def test_desa_workbook_keeps_good_rows_returns_bad_and_reimports_nothing(planned, tmp_path):
    app, admin, _ids = planned
    path = _desa_workbook(tmp_path / "usulan inan.xlsx")
    info = workbook.preview(path)
    assert info.rows == 7 and "work" in info.mapping.values()
    result = workbook.import_workbook(app, admin, path, year=YEAR, desa_code=INAN)
    assert result.created == 4
    reasons = {row_no: reason for row_no, _row, reason in result.bad_rows}
    assert set(reasons) == {9, 10, 12}
    assert "Volume" in reasons[9] and "Harga satuan" in reasons[10]
    assert "bukan angka" in reasons[12]
    rows = {r.work: r for r in list_proposals(app, admin, ProposalFilter(year=YEAR))}
    assert rows["Rabat beton jalan RT 03"].cost == 275_000_000
    assert rows["Rabat beton jalan RT 03"].rt_rw == "3/1"
    assert rows["Pelatihan montir"].cost == 70_000_000 and not rows["Pelatihan montir"].physical
    assert rows["Talud sungai"].cost == 15_000_000  # '1,5 juta' read as Rp1.500.000
    assert rows["Jamban sehat 25 KK"].level == "kecamatan"  # the desa already passed it
    again = workbook.import_workbook(app, admin, path, year=YEAR, desa_code=INAN)
    assert again.created == 0 and again.duplicates == 4
    rejected = workbook.write_rejected(tmp_path / "ditolak.xlsx", result)
    assert load_workbook(rejected).active.max_row >= 5


def _export(app, admin, target):
    return transfer.export_sipd(app, admin, target, transfer.ExportScope(YEAR))


def _comparable(path: Path) -> tuple[list, list]:
    bundle = exchange.read_bundle(path)
    keys = [k for k, *_ in exchange.SIPD_COLUMNS if k not in ("created_on",)]
    tkeys = [k for k, *_ in exchange.TIER_COLUMNS]
    return ([[exchange.canon(p.get(k)) for k in keys] for p in bundle.proposals],
            [[exchange.canon(t.get(k)) for k in tkeys] for t in bundle.tiers])


def test_sipd_export_reimports_unchanged_and_travels_to_bappeda(demo_app, tmp_path):
    app, admin = demo_app
    first, count = _export(app, admin, tmp_path / "usulan.xlsx")
    assert count == 18
    header = [c.value for c in next(load_workbook(first)["Usulan"].iter_rows(max_row=1))]
    assert header[:6] == ["ID Usulan", "Tanggal Usulan", "Pengusul", "Profil Pengusul",
                          "Usulan", "Masalah"]
    same = transfer.import_sipd(app, admin, first)
    assert (same.created, same.updated, same.unchanged, same.bad_rows) == (0, 0, 18, [])

    bappeda = open_app(DataPaths(tmp_path / "bappeda"), daily_backup=False)
    try:
        planner = make_user(bappeda, "perencana", Role.PLANNER, "Perencana Bappeda")
        fresh = transfer.import_sipd(bappeda, planner, first)
        assert fresh.created == 18 and fresh.bad_rows == []
        again = transfer.import_sipd(bappeda, planner, first)
        assert again.already_imported and again.unchanged == 18 and again.created == 0
        second, _ = _export(bappeda, planner, tmp_path / "dari-bappeda.xlsx")
        assert _comparable(second) == _comparable(first)
        at_kab = list_proposals(bappeda, planner, ProposalFilter(year=YEAR, level="kabupaten"))
        assert len(at_kab) == 13 and all(r.number.startswith("MUS/2027/07/") for r in at_kab)
    finally:
        bappeda.dispose()


def test_changed_file_is_refused(demo_app, tmp_path):
    app, admin = demo_app
    path, _ = _export(app, admin, tmp_path / "usulan.xlsx")
    wb = load_workbook(path)
    ws = wb["Usulan"]
    ws.cell(row=2, column=24).value = 1  # an anggaran lowered by hand
    wb.save(path)
    with pytest.raises(ValidationError) as err:
        transfer.import_sipd(app, admin, path)
    assert "telah diubah" in err.value.message


def test_desa_workbook_with_a_cover_and_one_tab_per_rw(planned, tmp_path):
    """The desa's file opens on a cover; its proposals are kept on one tab per RW. The cover
    is passed over, the first RW tab imported, and the other tab named, not silently left."""
    app, admin, _ids = planned
    wb = Workbook()
    cover = wb.active
    cover.title = "SAMPUL"
    cover.append(["BERITA ACARA MUSRENBANG DESA INAN"])
    for tab, work in (("RW 01", "Rabat beton jalan RT 03"), ("RW 02", "Jamban sehat 25 KK")):
        ws = wb.create_sheet(tab)
        ws.append(["No", "Nama Kegiatan", "Permasalahan", "Vol", "Sat", "Harga Satuan (Rp)",
                   "OPD"])
        ws.append([1, work, "Jalan becek", 10, "m", 1_000_000, "Dinas PUPRPERKIM"])
    path = tmp_path / "usulan inan per rw.xlsx"
    wb.save(path)
    info = workbook.preview(path)
    assert (info.sheet, info.sheets, info.rows) == ("RW 01", ["RW 01", "RW 02"], 1)
    first = workbook.import_workbook(app, admin, path, year=YEAR, desa_code=INAN)
    assert first.created == 1 and first.other_sheets == ["RW 02"]
    assert "juga berisi usulan dan diimpor tersendiri: RW 02" in first.text
    second = workbook.import_workbook(app, admin, path, year=YEAR, desa_code=INAN,
                                      sheet="RW 02")
    assert second.created == 1 and second.other_sheets == ["RW 01"]
    works = {r.work for r in list_proposals(app, admin, ProposalFilter(year=YEAR))}
    assert {"Rabat beton jalan RT 03", "Jamban sehat 25 KK"} <= works


def test_desa_workbook_signing_block(planned, tmp_path):
    app, admin, _ids = planned
    wb = Workbook()
    ws = wb.active
    ws.append(["No", "Nama Kegiatan", "Permasalahan", "Lokasi", "RT/RW", "Vol", "Sat",
               "Harga Satuan (Rp)"])
    ws.append([1, "Rabat beton jalan RT 03", "Jalan becek", "Jl. Sekolah", "003/001", 220, "m",
               1_250_000])
    ws.append([])
    ws.append([None, "Inan, 10 Januari 2026", None, None, None, None, "Pimpinan Musyawarah"])
    ws.append([None, "Kepala Desa Inan", None, None, None, None, "Ketua BPD"])
    ws.append([None, "H. MASRANI", None, None, None, None, "ABDUL MUIS"])
    path = tmp_path / "usulan inan.xlsx"
    wb.save(path)
    result = workbook.import_workbook(app, admin, path, year=YEAR, desa_code=INAN)
    assert result.created == 1 and not result.bad_rows
    assert "baris 4–6 (tanda tangan/keterangan)" in result.text


def _du_rkp(path: Path, *, problem: bool) -> Path:
    """The DU-RKP Desa layout (Permendagri 114/2014): a two-row header (Prakiraan Volume over
    Vol/Sat, Sasaran/Manfaat over LK/PR/A-RTM), rows grouped under Bidang and Sub Bidang
    headings, a totals row and the signatures."""
    wb = Workbook()
    ws = wb.active
    ws.append(["DAFTAR USULAN RKP DESA INAN TAHUN 2027"])
    ws.append(["No", "Bidang/Jenis Kegiatan", "Lokasi", "Prakiraan Volume", None, "Biaya (Rp)",
               "Sasaran/Manfaat", None, None, "Pelaksana"] + (["Permasalahan"] if problem else []))
    ws.append([None, None, None, "Vol", "Sat", None, "LK", "PR", "A-RTM", None])
    ws.append(list(range(1, 11 + problem)))
    ws.append(["1", "BIDANG PENYELENGGARAAN PEMERINTAHAN DESA"])  # row 5
    ws.append(["a.", "Sub Bidang Sarana Prasarana Kantor"])
    ws.append([1, "Rehab kantor desa", "Kantor Desa", 1, "unit", "150.000.000", 40, 45, 10,
               "TPK", "Atap bocor"])
    ws.append(["2", "BIDANG PELAKSANAAN PEMBANGUNAN DESA"])  # row 8
    ws.append(["a.", "Sub Bidang Pekerjaan Umum"])
    ws.append([1, "Rabat beton jalan RT 03", "RT 03", 220, "m", "275.000.000", 120, 115, 30,
               "TPK", "Jalan becek"])
    ws.append([2, "Drainase RT 01", "RT 01", 150, "m", "180.000.000", 80, 70, 12, "TPK",
               "Banjir"])
    ws.append(["", "JUMLAH", "", "", "", "605.000.000"])  # row 12
    ws.append([])
    ws.append([None, "Inan, 10 Januari 2026", None, None, None, None, "Ketua BPD"])
    ws.append([None, "Kepala Desa Inan", None, None, None, None, None])
    ws.append([None, "H. MASRANI", None, None, None, None, "ABDUL MUIS"])
    wb.save(path)
    return path


def test_du_rkp_desa_headings_are_not_usulan(planned, tmp_path):
    app, admin, _ids = planned
    path = _du_rkp(tmp_path / "du-rkp inan.xlsx", problem=True)
    info = workbook.preview(path)
    assert info.rows == 3 and not info.missing
    assert {info.headers[i]: k for i, k in info.mapping.items() if k}["Bidang/Jenis Kegiatan"] \
        == "work"
    result = workbook.import_workbook(app, admin, path, year=YEAR, desa_code=INAN)
    assert result.created == 3 and not result.bad_rows
    assert ("baris 5–6, 8–9 (judul kelompok); baris 12 (jumlah/total); baris 14–16 "
            "(tanda tangan/keterangan)") in result.text
    works = {r.work: r.cost for r in list_proposals(app, admin, ProposalFilter(year=YEAR))}
    assert works["Rabat beton jalan RT 03"] == 275_000_000
    assert not [w for w in works if "bidang" in w.lower()]


def test_a_sheet_without_permasalahan_is_refused_whole_with_the_reason(planned, tmp_path):
    """Every usulan must name its problem: instead of refusing each row, the missing column is
    named before anything is read, and the preview lists it."""
    app, admin, _ids = planned
    path = _du_rkp(tmp_path / "du-rkp tanpa masalah.xlsx", problem=False)
    assert workbook.preview(path).missing == ["Permasalahan"]
    with pytest.raises(ValidationError, match="Kolom Permasalahan tidak ditemukan"):
        workbook.import_workbook(app, admin, path, year=YEAR, desa_code=INAN)
    assert not list_proposals(app, admin, ProposalFilter(year=YEAR, text="Rehab kantor"))


def test_a_kecamatan_workbook_names_each_desa_as_offices_write_it(planned, tmp_path):
    """One workbook for the kecamatan, a Desa column written with prefixes, in capitals or
    misspelt: each row goes to its desa (the same matching as the KULA RAKAT import)."""
    app, admin, _ids = planned
    wb = Workbook()
    ws = wb.active
    ws.append(["No", "Desa", "Nama Kegiatan", "Permasalahan", "Vol", "Sat", "Harga Satuan"])
    ws.append([1, "Ds. Inan", "Rabat beton RT 01", "Jalan becek", 100, "m", 1_000_000])
    ws.append([2, "HALUBAU ", "Sumur bor", "Air bersih", 1, "unit", 30_000_000])
    ws.append([3, "Kel. Batu Piring", "Drainase", "Banjir", 50, "m", 2_000_000])
    ws.append([4, "Galumbng", "Jembatan titian", "Akses", 1, "unit", 50_000_000])
    ws.append([5, "Kampung Antah", "Pos ronda", "Keamanan", 1, "unit", 5_000_000])
    path = tmp_path / "usulan kecamatan.xlsx"
    wb.save(path)
    result = workbook.import_workbook(app, admin, path, year=YEAR)
    assert result.created == 4
    assert [(row, "Kampung Antah" in reason) for row, _r, reason in result.bad_rows] == \
        [(6, True)]
    desa = {r.work: r.desa_name for r in list_proposals(app, admin, ProposalFilter(year=YEAR))}
    assert (desa["Rabat beton RT 01"], desa["Sumur bor"], desa["Drainase"],
            desa["Jembatan titian"]) == ("Inan", "Halubau", "Batu Piring", "Galumbang")


def test_formula_errors_unsaved_formulas_and_apostrophes_in_a_desa_workbook(planned,
                                                                            tmp_path):
    from tests.intake.services.test_office_files import _cache

    app, admin, _ids = planned
    wb = Workbook()
    ws = wb.active
    ws.append(["No", "Nama Kegiatan", "Permasalahan", "Vol", "Sat", "Harga Satuan"])
    ws.append([1, "Rabat beton RT 01", "Jalan becek", "'100", "m", "'1.000.000"])  # created
    ws.append([2, "Sumur bor", "Air bersih", 1, "unit", "=Lama!F9"])  # refused: #REF!
    ws.append([3, "Drainase", "Banjir", 50, "m", "=2*1000000"])  # refused: formula, no value
    path = tmp_path / "usulan rumus.xlsx"
    wb.save(path)
    _cache(path, {"F3": ("e", "#REF!")})
    result = workbook.import_workbook(app, admin, path, year=YEAR, desa_code=INAN)
    assert result.created == 1, result.text
    reasons = {row: reason for row, _r, reason in result.bad_rows}
    assert set(reasons) == {3, 4}
    assert "#REF!" in reasons[3] and "Harga" in reasons[3]
    assert "rumus tanpa nilai" in reasons[4]
    assert "rumus tanpa nilai tersimpan (F4)" in result.text and "simpan ulang" in result.text
    work = {r.work: r for r in list_proposals(app, admin, ProposalFilter(year=YEAR))}
    assert work["Rabat beton RT 01"].cost == 100_000_000


def test_a_desa_merged_over_its_rows_or_written_sda_gives_each_row_its_desa(planned, tmp_path):
    """A kecamatan workbook writes each desa once, merged down over its usulan, or 'sda'
    under it: every row takes the desa above, as the KULA RAKAT import reads it."""
    app, admin, _ids = planned
    wb = Workbook()
    ws = wb.active
    ws.append(["No", "Desa", "Nama Kegiatan", "Permasalahan", "Vol", "Sat", "Harga Satuan"])
    ws.append([1, "Inan", "Rabat beton RT 01", "Jalan becek", 100, "m", 1_000_000])  # Inan
    ws.append([2, None, "Sumur bor", "Air bersih", 1, "unit", 30_000_000])  # Inan (merged)
    ws.append([3, "Halubau", "Drainase", "Banjir", 50, "m", 2_000_000])  # Halubau
    ws.append([4, "sda", "Jembatan titian", "Akses", 1, "unit", 50_000_000])  # Halubau (sda)
    ws.merge_cells("B2:B3")
    path = tmp_path / "usulan kecamatan gabung.xlsx"
    wb.save(path)
    result = workbook.import_workbook(app, admin, path, year=YEAR)
    assert (result.created, result.bad_rows) == (4, []), result.text
    desa = {r.work: r.desa_name for r in list_proposals(app, admin, ProposalFilter(year=YEAR))}
    assert desa == {"Rabat beton RT 01": "Inan", "Sumur bor": "Inan", "Drainase": "Halubau",
                    "Jembatan titian": "Halubau"}
