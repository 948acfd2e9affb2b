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


def test_excel_unicode_text_utf16_with_tabs_as_txt_or_csv(app_ctx, verifier, tmp_path):
    """Excel's *Save as: Unicode Text* writes UTF-16 (little-endian, with its BOM) with tabs
    between cells, named .txt; offices rename it .csv too. Both import with the text as typed."""
    rows = [["Ma’ruf", "", "Jalan rusak “parah”", "Lubang besar\r\nair tergenang", "Inan", "2"],
            ["Sri Rahayu", "", "Drainase tersumbat", "Sampah, plastik", "Halubau", "1"]]
    defaults = importing.ImportDefaults(kind="aduan", category="jalan")
    for name in ("aduan.txt", "aduan-unicode.csv"):
        path = tmp_path / name
        _write(path, rows, delimiter="\t", encoding="utf-16")  # Python writes the BOM first
        assert path.read_bytes()[:2] == b"\xff\xfe"
        result = importing.import_file(app_ctx, verifier, path, defaults=defaults,
                                       error_dir=tmp_path)
        # the .txt: both imported; the same rows as .csv: both already there
        assert result.imported + result.skipped_existing == 2 and result.rejected == 0, \
            result.summary()
    by_name = _imported(app_ctx, verifier)
    assert set(by_name) == {"Ma’ruf", "Sri Rahayu"}
    assert by_name["Ma’ruf"].subject == "Jalan rusak “parah”"
    assert by_name["Ma’ruf"].description.splitlines() == ["Lubang besar", "air tergenang"]
    assert by_name["Sri Rahayu"].description == "Sampah, plastik"


def test_a_sep_line_names_the_separator(app_ctx, verifier, tmp_path):
    """'sep=;' on the first line (written so that Excel opens the file in columns anywhere)
    names the separator: it is not a row, and a comma inside a cell stays in its cell."""
    path = tmp_path / "aduan-sep.csv"
    path.write_bytes("sep=;\r\n".encode("cp1252"))
    with open(path, "ab") as handle:
        lines = [HEADER,
                 ["Rahmat", "", "Jalan rusak, berlubang", "Lubang, genangan", "Inan", "2"],
                 ["Sri", "", "Lampu jalan mati", "Dua tiang, gelap", "Halubau", "1"]]
        handle.write("".join(";".join(row) + "\r\n" for row in lines).encode("cp1252"))
    defaults = importing.ImportDefaults(kind="aduan", category="jalan")
    result = importing.import_file(app_ctx, verifier, path, defaults=defaults,
                                   error_dir=tmp_path)
    assert (result.imported, result.rejected) == (2, 0), result.summary()  # both imported
    by_name = _imported(app_ctx, verifier)
    assert by_name["Rahmat"].subject == "Jalan rusak, berlubang"
    assert by_name["Sri"].description == "Dua tiang, gelap"
