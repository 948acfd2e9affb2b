"""The headless KULA RAKAT commands do what the GUI does."""

from __future__ import annotations

from pypdf import PdfReader

from tests.intake.factories import office_workbook


def test_import_export_and_print_from_the_command_line(demo_db, cli, tmp_path, capsys):
    sheet = tmp_path / "usulan.xlsx"
    office_workbook(sheet)
    assert cli(demo_db, "import", str(sheet), "--dry-run") == 0
    assert "Diimpor (uji, tidak disimpan): 4" in capsys.readouterr().out
    assert cli(demo_db, "import", str(sheet)) == 0
    out = capsys.readouterr().out
    assert "Diimpor: 4" in out and "Ditolak: 2" in out and "baris-ditolak.xlsx" in out
    assert cli(demo_db, "import", str(sheet)) == 0
    assert "Dilewati karena sudah ada: 4" in capsys.readouterr().out
    assert cli(demo_db, "export", "submissions", "-o", str(tmp_path / "x.xlsx")) == 0
    assert "68 data diekspor" in capsys.readouterr().out
    assert cli(demo_db, "print", "form", "1", "-o", str(tmp_path / "f.pdf")) == 0
    text = PdfReader(str(tmp_path / "f.pdf")).pages[0].extract_text()
    assert "FORMULIR USULAN" in text and "/0001" in text
    assert cli(demo_db, "print", "handover", "admin", "--from", "2020-01-01",
               "-o", str(tmp_path / "ba.pdf")) == 0
    assert cli(demo_db, "import", str(tmp_path / "tidak-ada.xlsx")) == 2
    assert "tidak ditemukan" in capsys.readouterr().err
