"""CSV files as offices have them: Excel on an Indonesian Windows saves "CSV" with semicolons
(the comma is the decimal mark) in the Windows code page, and a cell typed with Alt+Enter
spans lines inside its quotes; ODK Central writes UTF-8 with commas. Each must import with
its text as it was written."""

from __future__ import annotations

from desktop_app.intake.services import details, importing, listing
from desktop_app.intake.services.listing import SubmissionFilter

HEADER = ["Nama pelapor", "NIK pelapor", "Perihal", "Uraian", "Desa/Kelurahan", "RT"]


def _write(path, rows, *, delimiter: str, encoding: str) -> None:
    lines = []
    for row in [HEADER, *rows]:
        cells = []
        for cell in row:
            text = str(cell)
            if any(ch in text for ch in (delimiter, '"', "\n")):
                text = '"' + text.replace('"', '""') + '"'
            cells.append(text)
        lines.append(delimiter.join(cells))
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))


def _imported(app_ctx, actor):
    source = listing.SubmissionPageSource(app_ctx, actor)
    return {r.name: details.get_submission(app_ctx, actor, r.id)
            for r in source.fetch(SubmissionFilter(), "number", False, 0, 20)}


def test_excel_csv_with_semicolons_code_page_and_a_cell_over_two_lines(app_ctx, verifier,
                                                                        tmp_path):
    path = tmp_path / "aduan.csv"
    _write(path, [
        ["Ma’ruf", "", "Jalan rusak “parah”", "Lubang besar;\r\nair tergenang", "Inan", "2"],
        ["Siti Aisyah", "", "Drainase tersumbat", "Sampah menumpuk", "Halubau", "1"],
    ], delimiter=";", encoding="cp1252")
    defaults = importing.ImportDefaults(kind="aduan", category="jalan")
    result = importing.import_file(app_ctx, verifier, path, defaults=defaults,
                                   error_dir=tmp_path)
    assert (result.imported, result.rejected) == (2, 0), result.summary()
    by_name = _imported(app_ctx, verifier)
    assert set(by_name) == {"Ma’ruf", "Siti Aisyah"}
    maruf = by_name["Ma’ruf"]
    assert maruf.subject == "Jalan rusak “parah”"
    # The line break typed in the cell stays a line break: the words are not glued together.
    assert maruf.description.splitlines() == ["Lubang besar;", "air tergenang"]


def test_utf8_csv_with_commas_keeps_a_multi_line_cell(app_ctx, verifier, tmp_path):
    path = tmp_path / "laporan.csv"
    _write(path, [["Rusdi", "", "Atap bocor", "Atap bocor\nDinding lapuk, miring", "Inan", "3"]],
           delimiter=",", encoding="utf-8")
    defaults = importing.ImportDefaults(kind="laporan", category="jalan")
    result = importing.import_file(app_ctx, verifier, path, defaults=defaults,
                                   error_dir=tmp_path)
    assert result.imported == 1, result.summary()
    rusdi = _imported(app_ctx, verifier)["Rusdi"]
    assert rusdi.description.splitlines() == ["Atap bocor", "Dinding lapuk, miring"]
