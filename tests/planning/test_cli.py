"""``ruko-parsel musrenbang``: export in SIPD's order and import it back, rank a tier, print
the berita acara; changes as a named user with the password from RUKO_PASSWORD."""

from __future__ import annotations

from openpyxl import load_workbook
from pypdf import PdfReader

from desktop_app.app.cli import main
from desktop_app.app.demo import DEMO_PASSWORD


def test_musrenbang_commands(tmp_path, capsys, monkeypatch):
    data = ["--data-dir", str(tmp_path / "data")]
    assert main([*data, "demo"]) == 0
    capsys.readouterr()
    monkeypatch.setenv("RUKO_PASSWORD", DEMO_PASSWORD)
    out = tmp_path / "usulan.xlsx"
    assert main([*data, "musrenbang", "export", "-o", str(out), "--tier", "kecamatan",
                 "--user", "perencana"]) == 0
    assert "18 usulan diekspor" in capsys.readouterr().out
    assert load_workbook(out).sheetnames[0] == "Usulan"

    assert main([*data, "musrenbang", "import", str(out), "--user", "perencana"]) == 0
    assert "0 usulan baru, 0 diperbarui, 18 tidak berubah." in capsys.readouterr().out

    # The kecamatan's result is fixed: ranking it again is refused with a clear message.
    assert main([*data, "musrenbang", "rank", "--user", "perencana"]) == 2
    assert "sudah ditetapkan" in capsys.readouterr().err
    # The kabupaten rembuk is open: its tier can be ranked.
    assert main([*data, "musrenbang", "rank", "--tier", "kabupaten", "--user",
                 "perencana"]) == 0
    assert "4 usulan diperingkat: UTAMA 4" in capsys.readouterr().out  # the demo passed 4

    pdf = tmp_path / "ba.pdf"
    assert main([*data, "musrenbang", "print", "ba", "--tier", "kecamatan", "-o",
                 str(pdf), "--user", "perencana"]) == 0
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(pdf)).pages)
    assert "MUSRENBANG) KECAMATAN PARINGIN SELATAN" in text and "DAFTAR USULAN PRIORITAS" in text
    assert main([*data, "musrenbang", "print", "ba", "--year", "2031", "-o", str(pdf),
                 "--user", "perencana"]) == 2
    assert "belum dicatat" in capsys.readouterr().err

    monkeypatch.setenv("RUKO_PASSWORD", "salah")
    assert main([*data, "musrenbang", "import", str(out), "--user", "perencana"]) == 2
