"""An RTLH workbook as offices keep it (title rows, a column-number row, merged desa cells,
their own words for choices, materials under "kondisi", desa in capitals, with prefixes,
misspelt or "sda"), imported as a careful clerk would: each row's expected outcome is written
beside it. Then the value-mapping step: decisions are remembered, exported as JSON and used
by the command line on another database."""

from __future__ import annotations

from openpyxl import Workbook, load_workbook

from desktop_app.intake.services import details, importing, listing, mappings, workflow
from desktop_app.intake.services.listing import SubmissionFilter

HEADER = ["No", "NAMA KK", "NIK", "DESA/KEL", "RT", "PENGHASILAN/BULAN", "JML JIWA",
          "LUAS LANTAI (M2)", "KONDISI ATAP", "KONDISI DINDING", "KONDISI LANTAI", "WC/JAMBAN",
          "SUMBER AIR MINUM", "LISTRIK", "STATUS TANAH", "KET"]
# (row, expected): "ok" imported as is, "cek" imported and flagged, "tolak" refused.
ROWS = [
    ([1, "Abdul Hamid", "6311071203800001", "INAN ", "002", "Rp 1.200.000", 6, 36, "RB", "RS",
      "Tanah", "Numpang", "PDAM", "PLN", "Milik sendiri", None],
     "cek"),  # floor written as its material: floor_material Tanah, its condition to assess
    ([2, "Siti Aisyah", "'6311074506850002", None, "Rt.3", "750 rb", "4 jiwa", "28",
      "Rusak Berat", "papan", "semen", "Tidak ada", "Sungai", "Numpang", "numpang", None],
     "cek"),  # desa from the merged cell above; walls and floor written as materials
    ([3, "Rusdi", 6311070101700000.0, None, "1", "900.000", 3, 30, "Baik", "Baik", "Baik",
      "Jamban sendiri dengan septic tank", "PDAM", "PLN", "Ya", None],
     "tolak"),  # NIK typed as a number: Excel kept 15 digits, the last became 0
    ([4, "Mariani", "6311074404600005", "Desa Halubau", "1", "satu juta", 3, 30, "RR", "Baik",
      "Baik", "WC umum", "sumur", "pln", "ya", "janda"],
     "cek"),  # income not a number, "sumur" not one water source: both left empty
    ([5, "Jumberi", "6311070202650004", "Kel. Batu Piring", "4", "1,5 jt", 5, 42, "rusak brat",
      "rusak sedang", "Layak", "Septic tank", "Sumur bor", "PLN", "SHM", None],
     "ok"),  # "rusak brat" is a typo of rusak berat, close enough
    ([6, "Halimah", "6311076107700006", "Galumbng", "3", "600000", 2, 24, "Layak", "Layak",
      "Layak", "Jamban sendiri dengan septic tank", "PDAM", "PLN", "Ya", None],
     "ok"),  # desa misspelt
    ([7, "Yusran", None, "BINJAI", "1", "800000", 3, 30, "RB", "RB", "RB", "Tidak ada",
      "Sungai", "Tidak ada", "Tidak", None],
     "tolak"),  # no NIK: an RTLH record is unusable without one
    ([8, "Abdul Hamid (lagi)", "6311071203800001", "Inan", "2", "1200000", 6, 36, "RB", "RB",
      "RB", "Numpang", "PDAM", "PLN", "Ya", "ganda"],
     "tolak"),  # the same NIK as row 1 of this file
    ([9, "Fahrul", "6311070303900009", "sda", "5", "1000000", 0, 30, "RS", "RS", "RS",
      "Numpang", "PDAM", "PLN", "Ya", None],
     "cek"),  # desa "sda" = Inan (row above); 0 occupants is not possible: left empty
    ([10, "Kamariah", "6311074808800010", "Kampung Antah", "1", "700000", 3, 30, "RB", "RB",
      "RB", "Numpang", "PDAM", "PLN", "Ya", None],
     "tolak"),  # no such desa in the office's regions
]


def office_sheet(path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "RTLH 2027"
    ws["A1"] = "DATA CALON PENERIMA BANTUAN RUMAH TIDAK LAYAK HUNI"
    ws.merge_cells("A1:P1")
    ws["A2"] = "KECAMATAN PARINGIN SELATAN — TAHUN 2027"
    ws.append([])
    ws.append(HEADER)
    ws.append(list(range(1, len(HEADER) + 1)))
    for row, _expected in ROWS:
        ws.append(row)
    ws.merge_cells("D6:D8")  # INAN written once for rows 1-3
    ws.append([])
    ws.append(["JUMLAH", None, None, None, None, None, 29])
    wb.save(path)


def test_office_sheet_imports_as_a_clerk_would(app_ctx, verifier, tmp_path):
    path = tmp_path / "rtlh_2027.xlsx"
    office_sheet(path)
    result = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    expected = [e for _r, e in ROWS]
    assert result.imported == expected.count("ok") + expected.count("cek")
    assert (result.rejected, result.flagged) == (expected.count("tolak"), expected.count("cek"))
    assert [s.reason for s in result.skipped_rows] == ["baris jumlah/total"]

    rows = listing.list_rows(app_ctx, verifier, SubmissionFilter(), "number")
    by_name = {r.name: details.get_submission(app_ctx, verifier, r.id) for r in rows}
    names = [row[1] for row, e in ROWS if e != "tolak"]
    assert sorted(by_name) == sorted(names)
    for (row, outcome) in ROWS:
        if outcome != "tolak":
            assert by_name[row[1]].needs_check == (outcome == "cek"), row[1]
    hamid = by_name["Abdul Hamid"].details
    assert (hamid["roof_condition"], hamid["wall_condition"]) == ("Rusak berat", "Rusak sedang")
    assert (hamid["floor_condition"], hamid["floor_material"]) == (None, "Tanah")
    assert (hamid["toilet"], hamid["water_source"]) == ("Jamban bersama/umum", "PDAM/perpipaan")
    assert (hamid["electricity"], hamid["land_owned"]) == ("PLN meteran sendiri", True)
    assert "Kondisi lantai" in by_name["Abdul Hamid"].check_reason
    siti = by_name["Siti Aisyah"]
    assert siti.desa_name == "Inan" and siti.rt == "003"
    assert siti.details["monthly_income"] == 750_000 and siti.details["occupants"] == 4
    assert (siti.details["wall_material"], siti.details["floor_material"]) == \
        ("Kayu/papan", "Semen/bata")
    assert (siti.details["toilet"], siti.details["water_source"], siti.details["electricity"]) \
        == ("Tidak ada jamban", "Air sungai/hujan", "PLN menumpang")
    assert siti.details["land_owned"] is False
    mariani = by_name["Mariani"]
    assert mariani.desa_name == "Halubau" and mariani.details["monthly_income"] is None
    assert mariani.details["water_source"] is None
    assert "Penghasilan" in mariani.check_reason and "'sumur' tidak dikenal" in \
        mariani.check_reason
    assert by_name["Jumberi"].desa_name == "Batu Piring"
    assert by_name["Jumberi"].details["roof_condition"] == "Rusak berat"
    assert by_name["Jumberi"].details["monthly_income"] == 1_500_000
    assert by_name["Halimah"].desa_name == "Galumbang"
    assert by_name["Fahrul"].desa_name == "Inan" and by_name["Fahrul"].details["occupants"] \
        is None

    # The workbook a clerk opens: refused rows first with their reason, then those to check.
    wb = load_workbook(result.error_workbook)
    assert wb.sheetnames == ["Baris ditolak", "Perlu dicek"]
    refused = {r[2]: r[1] for r in wb["Baris ditolak"].iter_rows(min_row=4, values_only=True)}
    assert set(refused) == {row[0] for row, e in ROWS if e == "tolak"}
    assert "kehilangan digit" in refused[3]
    assert "wajib" in refused[7] or "NIK" in refused[7]
    assert "sudah terdaftar" in refused[8] and "baris 6" in refused[8]
    assert "tidak dikenal" in refused[10]
    flagged = list(wb["Perlu dicek"].iter_rows(min_row=4, values_only=True))
    assert {r[3] for r in flagged} == {row[0] for row, e in ROWS if e == "cek"}
    assert all(r[1].startswith("USL/2026/") and r[2] for r in flagged)

    again = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert (again.imported, again.skipped_existing) == (0, result.imported)

    # The list shows what to check; the field verification completes it and clears the flag.
    assert len(listing.list_rows(app_ctx, verifier, SubmissionFilter(needs_check=True))) == \
        expected.count("cek")
    hamid_id = by_name["Abdul Hamid"].id
    workflow.verify(app_ctx, verifier, hamid_id, "Lantai tanah, kondisi rusak berat")
    checked = details.get_submission(app_ctx, verifier, hamid_id)
    assert not checked.needs_check and "sebelumnya perlu dicek" in checked.timeline[-1].text


def test_value_mapping_step_is_remembered_and_travels_as_json(app_ctx, verifier, admin,
                                                             tmp_path, capsys, make_database,
                                                             cli):
    path = tmp_path / "rtlh_2027.xlsx"
    office_sheet(path)
    prev = importing.preview(app_ctx, path)
    mapping = prev.suggestion.mapping
    assert mapping[HEADER.index("DESA/KEL")] == "desa"
    questions = {(q.field, q.raw): q for q in prev.questions(mapping)}
    rb = questions[("roof_condition", "RB")]
    assert (rb.suggestion.target.value, rb.suggestion.how) == ("Rusak berat", "sinonim")
    assert rb.count == 4 and rb.rows == [6, 12, 13, 15]
    tanah = questions[("floor_condition", "Tanah")].suggestion.target
    assert (tanah.field, tanah.value) == ("floor_material", "Tanah")
    galumbang = questions[("desa", "Galumbng")].suggestion
    assert galumbang.target.label == "Galumbang" and galumbang.how.startswith("mirip")
    assert questions[("water_source", "sumur")].suggestion.target is None
    assert ("roof_condition", "Layak") not in questions  # a choice as written is not asked

    # The clerk confirms the suggestions and answers "sumur" herself.
    values = {(q.field, q.key): q.suggestion.target for q in questions.values()}
    sumur = next(o for o in prev.matcher.options("water_source")
                 if o.value == "Sumur gali terlindungi")
    values[("water_source", "sumur")] = sumur
    result = importing.import_rows(app_ctx, verifier, prev, mapping, importing.ImportDefaults(),
                                   values, error_dir=tmp_path)
    mariani = next(r for r in listing.list_rows(app_ctx, verifier, SubmissionFilter())
                   if r.name == "Mariani")
    assert details.get_submission(app_ctx, verifier, mariani.id).details["water_source"] == \
        "Sumur gali terlindungi"
    assert result.imported == 6

    # Next time the office's answer is offered as remembered.
    again = importing.preview(app_ctx, path)
    sumur_again = {(q.field, q.raw): q for q in again.questions(mapping)}[("water_source",
                                                                          "sumur")]
    assert sumur_again.suggestion.how == "diingat"
    assert sumur_again.suggestion.target.value == "Sumur gali terlindungi"

    # Exported as JSON, it does the same on another office's database from the command line.
    exported = mappings.export_mappings(app_ctx, admin, tmp_path / "padanan.json")
    other = make_database("demo", tmp_path / "other")
    assert cli(other, "import", str(path), "--mapping", str(exported)) == 0
    out = capsys.readouterr().out
    assert "Diimpor: 6" in out and "Ditolak: 4" in out
