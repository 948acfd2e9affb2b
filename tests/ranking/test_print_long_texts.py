"""Printing never breaks: a priority list whose title, a record's names and subject hold 5,000
characters prints, with the fixed cells cut with '…'."""

from __future__ import annotations

from pypdf import PdfReader

from desktop_app.intake.services import workflow
from desktop_app.intake.services.records import create_submission
from desktop_app.ranking.services import entries, lists
from desktop_app.ranking.services import printing as ranking_print
from tests.intake.factories import rtlh_input
from tests.intake.services.test_print_long_texts import long_text

# Free texts hold 5,000 characters; a text with a column length (a name, a title) holds as
# many as its column takes: a longer one is refused on both databases (tests/test_text_lengths.py).


def test_priority_list_and_score_sheet_with_5000_character_texts(demo_app, tmp_path):
    app, admin = demo_app
    saved = create_submission(app, admin, rtlh_input(
        reporter_name=long_text(200, "Pelapor"), subject=long_text(300, "Perihal"),
        reporter_address=long_text(5000, "Alamat"),
        details={"household_head": long_text(200, "Kepala"), "nik": "6311071203809991"}))
    workflow.verify(app, admin, saved.id, long_text(5000, "Temuan"))  # ranked once verified
    draft = lists.run_ranking(app, admin, "rtlh")
    frozen = lists.freeze(app, admin, draft.id, long_text(200, "Judul"))
    pdf = ranking_print.print_priority_list(app, admin, frozen.id, tmp_path / "daftar.pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert "…" in text and saved.number in text
    row = next(r for r in entries.list_entries(app, admin, frozen.id, limit=1000)
               if r.number == saved.number)
    sheet = ranking_print.print_score_sheet(app, admin, frozen.id, row.submission_id,
                                            tmp_path / "nilai.pdf")
    assert saved.number in "\n".join(p.extract_text() for p in PdfReader(str(sheet)).pages)
