"""The headless RUKO PARSEL commands print and export what the screens do."""

from __future__ import annotations

from openpyxl import load_workbook
from pypdf import PdfReader


def test_print_and_export_meetings_from_the_command_line(demo_db, cli, tmp_path, capsys):
    capsys.readouterr()
    for doc, expected in (("invitation", "Undangan"), ("attendance", "DAFTAR HADIR"),
                          ("notulen", "NOTULEN RAPAT")):
        out = tmp_path / f"{doc}.pdf"
        assert cli(demo_db, "print", doc, "1", "-o", str(out)) == 0
        text = PdfReader(str(out)).pages[0].extract_text()
        assert expected in text, doc
        assert "Rapat koordinasi pemerintahan desa" in " ".join(text.split())
    assert "Notulen dicetak ke" in capsys.readouterr().out
    assert cli(demo_db, "print", "invitation", "1", "--per-addressee",
               "-o", str(tmp_path / "each.pdf")) == 0
    assert len(PdfReader(str(tmp_path / "each.pdf")).pages) == 4  # 3 desa + 1 seksi

    assert cli(demo_db, "export", "meetings", "-o", str(tmp_path / "m.xlsx")) == 0
    # 8 RUKO PARSEL meetings and the 2 REMBUK REMAS rembuk held as meetings of the log
    assert "10 rapat diekspor" in capsys.readouterr().out
    wb = load_workbook(tmp_path / "m.xlsx")
    assert wb.sheetnames == ["Rapat", "Daftar hadir", "Masalah", "Kesepakatan"]
    rows = list(wb["Kesepakatan"].iter_rows(values_only=True))
    assert any("bimtek SISKEUDES" in str(r[3]) for r in rows[1:])

    assert cli(demo_db, "export", "actions", "--overdue", "-o", str(tmp_path / "a.xlsx")) == 0
    out = capsys.readouterr().out
    overdue = int(out.split()[0])
    assert overdue >= 3
    sheet = load_workbook(tmp_path / "a.xlsx")["Tindak lanjut"]
    body = list(sheet.iter_rows(values_only=True))[4:]  # 2 title rows, blank, header
    assert len(body) == overdue and all(r[8] == "Ya" for r in body)

    assert cli(demo_db, "print", "notulen", "999", "-o", str(tmp_path / "x.pdf")) == 2
    assert "Rapat tidak ditemukan" in capsys.readouterr().err
    # The KULA RAKAT documents are still there beside the meeting ones.
    assert cli(demo_db, "print", "form", "1", "-o", str(tmp_path / "f.pdf")) == 0
