"""A desa's own sheet: the desa is named in the title ("DATA USULAN RTLH DESA INAN") or the tab,
not in a column. Its rows take that desa (the clerk sees it and may change it); a row with its
own desa keeps it; without a title desa and without a column, rows are refused as before."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from desktop_app.core.domain.errors import AppError, ValidationError
from desktop_app.intake.services import details, importing, listing
from desktop_app.intake.services.listing import SubmissionFilter

HEADER = ["No", "Nama KK", "NIK", "RT", "Jml Jiwa"]
ROWS = [[1, "Abdul Hamid", "6311071203800001", "2", 5],
        [2, "Siti Aisyah", "6311074506850002", "3", 4]]


def _sheet(path, title: str | None, tab: str = "Sheet1", with_desa: list | None = None):
    wb = Workbook()
    ws = wb.active
    ws.title = tab
    if title:
        ws.append([title])
        ws.append(["KECAMATAN PARINGIN SELATAN KABUPATEN BALANGAN"])
        ws.append([])
    ws.append(HEADER + (["Desa"] if with_desa else []))
    for row, desa in zip(ROWS, with_desa or [None] * len(ROWS), strict=True):
        ws.append(row + ([desa] if with_desa else []))
    wb.save(path)


def _desa_by_name(app_ctx, actor):
    source = listing.SubmissionPageSource(app_ctx, actor)
    return {r.name: details.get_submission(app_ctx, actor, r.id).desa_name
            for r in source.fetch(SubmissionFilter(), "number", False, 0, 20)}


def test_the_desa_named_in_the_title_is_given_to_every_row(app_ctx, verifier, tmp_path):
    path = tmp_path / "rtlh-inan.xlsx"
    _sheet(path, "DATA USULAN RTLH DESA INAN TAHUN 2027")
    prev = importing.preview(app_ctx, path)
    assert prev.title_desa is not None and prev.title_desa[1] == "Inan"
    result = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert (result.imported, result.rejected, result.defaulted) == (2, 0, 2), result.summary()
    assert "2 baris tanpa desa/kelurahan diberi desa Inan" in result.summary()
    assert _desa_by_name(app_ctx, verifier) == {"Abdul Hamid": "Inan", "Siti Aisyah": "Inan"}


def test_a_tab_named_after_the_desa_and_a_desa_typed_on_the_command_line(app_ctx, verifier,
                                                                          tmp_path):
    tab = tmp_path / "per-tab.xlsx"
    _sheet(tab, None, tab="HALUBAU")
    assert importing.preview(app_ctx, tab).title_desa[1] == "Halubau"
    typed = tmp_path / "typed.xlsx"
    _sheet(typed, "DATA USULAN RTLH TAHUN 2027")  # no desa anywhere
    assert importing.preview(app_ctx, typed).title_desa is None
    result = importing.import_file(app_ctx, verifier, typed, error_dir=tmp_path,
                                   defaults=importing.ImportDefaults(desa_code="batu piring"))
    assert result.imported == 2, result.summary()
    assert set(_desa_by_name(app_ctx, verifier).values()) == {"Batu Piring"}
    with pytest.raises(ValidationError, match="Kampung Antah"):
        importing.import_file(app_ctx, verifier, typed, error_dir=tmp_path,
                              defaults=importing.ImportDefaults(desa_code="Kampung Antah"))


def test_a_row_keeps_its_own_desa_and_an_empty_one_takes_the_given_desa(app_ctx, verifier,
                                                                        tmp_path):
    path = tmp_path / "campur.xlsx"
    _sheet(path, None, with_desa=["Halubau", None])
    prev = importing.preview(app_ctx, path)
    defaults = importing.ImportDefaults(desa_code=prev.matcher.exact("desa", "Inan").value)
    result = importing.import_rows(app_ctx, verifier, prev, prev.suggestion.mapping, defaults,
                                   error_dir=tmp_path)
    assert (result.imported, result.defaulted) == (2, 1), result.summary()
    assert _desa_by_name(app_ctx, verifier) == {"Abdul Hamid": "Halubau", "Siti Aisyah": "Inan"}


def test_without_a_desa_anywhere_the_rows_are_refused_with_the_reason(app_ctx, verifier,
                                                                       tmp_path):
    path = tmp_path / "tanpa-desa.xlsx"
    _sheet(path, "DATA USULAN RTLH KECAMATAN PARINGIN SELATAN")
    result = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert (result.imported, result.rejected) == (0, 2)


def _tabs(path, tabs: dict[str, list]) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    cover = wb.create_sheet("REKAP")
    cover.append(["REKAPITULASI USULAN RTLH PER DESA"])
    cover.append(["Desa", "Jumlah"])
    for tab, rows in tabs.items():
        cover.append([tab, len(rows)])
        ws = wb.create_sheet(tab)
        ws.append([f"DATA USULAN RTLH DESA {tab}"])
        ws.append(HEADER)
        for row in rows:
            ws.append(row)
    wb.save(path)


def test_one_tab_per_desa_each_tab_imported_with_its_desa(app_ctx, verifier, tmp_path):
    path = tmp_path / "rtlh-per-desa.xlsx"
    _tabs(path, {"INAN": ROWS[:1], "HALUBAU": ROWS[1:]})
    first = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert first.imported == 1 and first.other_sheets == ["HALUBAU"], first.summary()
    assert "Lembar lain di berkas ini juga berisi data dan diimpor tersendiri: HALUBAU" in \
        first.summary()
    second = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path,
                                   sheet="HALUBAU")
    assert second.imported == 1 and not second.already, second.summary()
    assert _desa_by_name(app_ctx, verifier) == {"Abdul Hamid": "Inan",
                                                "Siti Aisyah": "Halubau"}
    # Each tab again: recognised whole, nothing added.
    for sheet in (None, "HALUBAU"):
        again = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path,
                                      sheet=sheet)
        assert again.already and again.imported == 0, again.summary()
    with pytest.raises(AppError, match="Lembar .BINJAI. tidak ada"):
        importing.import_file(app_ctx, verifier, path, error_dir=tmp_path, sheet="BINJAI")
