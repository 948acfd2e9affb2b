"""Bappeda's frame from a hand-kept workbook: priorities and pagu per kecamatan; good rows
saved, bad rows returned with the reason, a second import changes nothing."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from desktop_app.core.domain.errors import PermissionDenied, ValidationError
from desktop_app.planning.services import frame
from desktop_app.planning.services.frame_import import import_frame
from tests.planning.conftest import KECAMATAN, YEAR


def _book(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Prioritas "  # a trailing space, as typed
    ws.append(["PRIORITAS PEMBANGUNAN KABUPATEN BALANGAN TAHUN 2027"])
    ws.append([])
    ws.append(["No", "Kode Prioritas", "Uraian Prioritas", "Dokumen", "Sasaran"])
    ws.append([1, "P1", "Infrastruktur jalan, jembatan dan drainase", "RPJMD", "80% mantap"])
    ws.append([2, "P3", "Penurunan stunting", "Prioritas nasional", "14%"])
    ws.append([3, "P4", "", "RKPD", ""])  # no title
    ws.append([4, "P5", "Ketahanan pangan", "APBN", ""])  # unknown source
    pagu = wb.create_sheet("Pagu Indikatif")
    pagu.append(["Kecamatan", "Pagu (Rp)", "Keterangan"])
    pagu.append(["Kecamatan Paringin Selatan", "1.500.000.000", "naik dari 2026"])
    pagu.append(["63.11.02", 900_000_000, ""])
    pagu.append(["Kecamatan Antah Berantah", 100, ""])
    pagu.append(["Paringin", "", ""])
    pagu.append(["Jumlah", 2_400_000_000, ""])  # a totals row is skipped
    wb.save(path)
    return path


def test_frame_workbook_keeps_good_rows_and_returns_bad(planned, tmp_path, operator):
    app, admin, ids = planned
    book = _book(tmp_path / "kerangka 2027.xlsx")
    result = import_frame(app, admin, book, YEAR)
    assert (result.priorities, result.ceilings) == (2, 2)
    reasons = {(sheet, row): reason for sheet, row, reason in result.bad_rows}
    assert "Uraian prioritas wajib diisi" in reasons[("Prioritas", 6)]
    assert "APBN" in reasons[("Prioritas", 7)]
    assert "Antah Berantah" in reasons[("Pagu", 4)]
    assert "pagu tidak diisi" in reasons[("Pagu", 5)]
    assert len(result.bad_rows) == 4
    priorities = {p.code: p for p in frame.list_priorities(app, admin, YEAR)}
    assert priorities["P1"].id == ids["P1"]  # updated, not doubled
    assert priorities["P1"].title == "Infrastruktur jalan, jembatan dan drainase"
    assert priorities["P1"].kind == "rpjmd" and priorities["P3"].kind == "nasional"
    assert "P2" in priorities  # a priority not in the file stays
    ceilings = {c.region_code: c.amount for c in frame.list_ceilings(app, admin, YEAR)}
    assert ceilings[KECAMATAN] == 1_500_000_000 and ceilings["63.11.02"] == 900_000_000

    again = import_frame(app, admin, book, YEAR)
    assert (again.priorities, again.ceilings, len(again.bad_rows)) == (2, 2, 4)
    assert len(frame.list_priorities(app, admin, YEAR)) == 3

    with pytest.raises(PermissionDenied):
        import_frame(app, operator, book, YEAR)


def test_a_workbook_without_the_sheets_is_refused(planned, tmp_path):
    app, admin, _ids = planned
    wb = Workbook()
    wb.active.append(["Nama", "Alamat"])
    wb.save(tmp_path / "lain.xlsx")
    with pytest.raises(ValidationError, match="Prioritas"):
        import_frame(app, admin, tmp_path / "lain.xlsx", YEAR)


def test_pagu_as_bappeda_writes_it(planned, tmp_path):
    """"Kec. Paringin Selatan" or misspelt, amounts in miliar ("Rp 1,5 M", "2 miliar"), a
    totals row and the signature under the table."""
    app, admin, _ids = planned
    wb = Workbook()
    pagu = wb.active
    pagu.title = "Pagu"
    pagu.append(["Kecamatan", "Pagu (Rp)", "Keterangan"])
    pagu.append(["Kec. Paringin Selatan", "Rp 1,5 M", ""])
    pagu.append(["Kec Paringin", "2 miliar", ""])
    pagu.append(["Juai Kecamatan", "Rp 900 jt", ""])  # not a kecamatan's name as written
    pagu.append(["Batumandi", "Rp 750.000.000,-", ""])
    pagu.append(["Jumlah", "Rp 4,25 M", ""])
    pagu.append([])
    pagu.append([None, "Paringin, 5 Januari 2026"])
    pagu.append([None, "Kepala Bappeda"])
    path = tmp_path / "pagu.xlsx"
    wb.save(path)
    result = import_frame(app, admin, path, YEAR)
    assert result.ceilings == 3, result.bad_rows
    assert [(sheet, row) for sheet, row, _reason in result.bad_rows] == [("Pagu", 4)]
    named = {c.region_name: c.amount for c in frame.list_ceilings(app, admin, YEAR)}
    assert named["Paringin Selatan"] == 1_500_000_000 and named["Paringin"] == 2_000_000_000
    assert named["Batu Mandi"] == 750_000_000  # written "Batumandi"


@pytest.mark.parametrize(("text", "kecamatan"), [("Paringin Seltan", KECAMATAN),
                                                 ("KECAMATAN PARINGIN SELATAN", KECAMATAN)])
def test_a_kecamatan_misspelt_or_in_capitals_is_found(planned, tmp_path, text, kecamatan):
    app, admin, _ids = planned
    wb = Workbook()
    wb.active.title = "Pagu"
    wb.active.append(["Kecamatan", "Pagu"])
    wb.active.append([text, 1_000_000_000])
    wb.save(tmp_path / "p.xlsx")
    assert import_frame(app, admin, tmp_path / "p.xlsx", YEAR).ceilings == 1
    assert {c.region_code: c.amount for c in frame.list_ceilings(app, admin, YEAR)}[kecamatan] \
        == 1_000_000_000
