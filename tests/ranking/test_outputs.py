"""Priority list outputs: the xlsx workbook lets a reader recompute a score by hand, the PDFs
carry the method, weights and every ranked row, and the headless command writes the workbook."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from desktop_app.intake.domain.submissions import Category
from desktop_app.ranking.services import criteria_sets, entries, lists
from desktop_app.ranking.services import printing as ranking_print


def _rows(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_workbook_documents_method_and_scores_recompute_by_hand(demo_app, tmp_path):
    app, admin = demo_app
    info = lists.run_ranking(app, admin, "jalan")
    path = ranking_print.export_list_xlsx(app, admin, info.id, tmp_path / "jalan.xlsx")
    wb = load_workbook(path, read_only=True)
    assert wb.sheetnames == ["Peringkat", "Tidak memenuhi syarat", "Metode"]
    rows = _rows(wb["Peringkat"])
    header_at = next(i for i, r in enumerate(rows) if r and r[0] == "Peringkat")
    header, data = rows[header_at], [r for r in rows[header_at + 1:] if r and r[0] is not None]
    criteria = criteria_sets.get_set(app, admin, info.criteria_set_id).criteria
    assert header[6:] == [c.name for c in criteria]
    assert [r[0] for r in data] == list(range(1, info.ranked_count + 1))
    method = _rows(wb["Metode"])
    at = next(i for i, r in enumerate(method) if r and r[0] == "No")
    table = method[at + 1:at + 1 + len(criteria)]
    weights = [r[4] for r in table]
    directions = [r[3] for r in table]
    assert [r[1] for r in table] == [c.name for c in criteria]
    assert sum(weights) == pytest.approx(1.0)
    # Recompute every SAW score from the sheets alone.
    columns = list(zip(*[r[6:] for r in data], strict=True))
    for row in data:
        score = 0.0
        for j, value in enumerate(row[6:]):
            present = [v for v in columns[j] if v is not None]
            if value is None:
                continue
            if directions[j] == "benefit":
                norm = value / max(present)
            else:
                norm = min(present) / value if value > 0 else 1.0
            score += weights[j] * norm
        assert score == pytest.approx(row[5], abs=1e-9)


def test_priority_list_and_score_sheet_pdfs(demo_app, tmp_path):
    app, admin = demo_app
    draft = lists.run_ranking(app, admin, "rtlh")
    frozen = lists.freeze(app, admin, draft.id, "Daftar Prioritas RTLH 2027")
    pdf = ranking_print.print_priority_list(app, admin, frozen.id, tmp_path / "daftar.pdf")
    reader = PdfReader(str(pdf))
    page = reader.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "DAFTAR PRIORITAS PENANGANAN RUMAH TIDAK LAYAK HUNI" in text
    assert "Simple Additive Weighting" in text and "0,2000" in text  # method and a weight
    for row in entries.list_entries(app, admin, frozen.id):
        assert row.number in text
    assert "Tidak memenuhi syarat" in text and "NIP. 19750312" in text
    first = entries.list_entries(app, admin, frozen.id, limit=1)[0]
    sheet = ranking_print.print_score_sheet(app, admin, frozen.id, first.submission_id,
                                            tmp_path / "nilai.pdf")
    sheet_text = PdfReader(str(sheet)).pages[0].extract_text()
    assert "LEMBAR PENILAIAN PRIORITAS" in sheet_text and first.number in sheet_text
    assert f"{first.score:.4f}".replace(".", ",") in sheet_text


def test_rank_command_with_a_criteria_file(demo_db, cli, tmp_path, capsys):
    crit = tmp_path / "kriteria.json"
    assert cli(demo_db, "criteria", "export", str(crit), "--category", "drainase") == 0
    spec = json.loads(crit.read_text("utf-8"))
    spec["kriteria"] = spec["kriteria"][:2]
    crit.write_text(json.dumps(spec), "utf-8")
    capsys.readouterr()
    out = tmp_path / "drainase.xlsx"
    assert cli(demo_db, "rank", "--category", "drainase", "--method", "topsis",
               "--criteria", str(crit), "-o", str(out)) == 0
    printed = capsys.readouterr().out
    assert "TOPSIS" in printed and "versi 2" in printed
    wb = load_workbook(out, read_only=True)
    rows = _rows(wb["Peringkat"])
    header = next(r for r in rows if r and r[0] == "Peringkat")
    assert header[6:] == [k["nama"] for k in spec["kriteria"]]
    # The file's criteria did not replace the office's default set.
    assert cli(demo_db, "criteria", "export", str(tmp_path / "now.json"), "--category",
               "drainase") == 0
    assert len(json.loads((tmp_path / "now.json").read_text("utf-8"))["kriteria"]) == 6
    bad = tmp_path / "rusak.json"
    bad.write_text("{", "utf-8")
    assert cli(demo_db, "rank", "--category", "rtlh", "--criteria", str(bad), "-o",
               str(tmp_path / "x.xlsx")) == 2
    assert "JSON" in capsys.readouterr().err


@pytest.mark.parametrize("paper", ["A4", "F4"])
def test_priority_list_signatures_never_alone_on_the_last_page(tmp_path, paper):
    """Whatever the number of rows, the last rows go over with the signatures (A4 and F4,
    landscape), and no row is lost."""
    from datetime import date

    from desktop_app.core.reports.base import Signatory, build_pdf, frame_width
    from desktop_app.ranking.domain.criteria import DEFAULT_CRITERIA
    from desktop_app.ranking.reports import priority_list_story
    from desktop_app.ranking.services.rows import RankedRow

    criteria = list(DEFAULT_CRITERIA[Category.RTLH])
    width = frame_width(paper, landscape=True)
    pages_seen = set()
    for n in range(1, 60, 2):
        ranked = [RankedRow(i, i, f"USL/2026/{i:04d}", f"Kepala Keluarga {i}", "Inan", "001/001",
                            1 - i / 100, True, "", "", [1.0] * len(criteria))
                  for i in range(1, n + 1)]
        story = priority_list_story(
            title="DAFTAR PRIORITAS", subtitle_lines=["Uji"], criteria=criteria,
            weights=[c.weight for c in criteria], source_labels={}, method_lines=["Metode."],
            ranked=ranked, ineligible=[], width=width, place="Paringin",
            signatory=Signatory("Camat", "MEGAWATI", "", "197503122000032001"),
            prepared_by=Signatory("Petugas", "PETUGAS"), sign_date=date(2026, 11, 23),
            draft=False)
        path = tmp_path / f"daftar-{n}.pdf"
        build_pdf(path, story, page_size=paper, landscape=True)
        pages = [" ".join(p.extract_text().split()) for p in PdfReader(str(path)).pages]
        pages_seen.add(len(pages))
        assert "MEGAWATI" in pages[-1] and f"USL/2026/{n:04d}" in pages[-1], (paper, n)
        if n > 1:
            assert f"USL/2026/{n - 1:04d}" in pages[-1], (paper, n)
        assert all("MEGAWATI" not in page for page in pages[:-1]), (paper, n)
        text = " ".join(pages)
        assert all(f"USL/2026/{i:04d}" in text for i in range(1, n + 1)), (paper, n)
    assert len(pages_seen) >= 2  # the range crosses page boundaries
