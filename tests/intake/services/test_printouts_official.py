"""KULA RAKAT's official documents (formulir, tanda terima, lembar disposisi, berita acara)
carry no 'Dicetak dengan Ruko Parsel' footer."""

from __future__ import annotations

from pypdf import PdfReader

from desktop_app.app.demo import demo_profile
from desktop_app.core.services import office
from desktop_app.intake.services import printing, workflow
from desktop_app.intake.services.records import create_submission
from tests.intake.factories import aduan_input


def _text(path):
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_official_documents_have_no_printed_by_footer(app_ctx, admin, tmp_path):
    office.save_profile(app_ctx, admin, demo_profile())
    unit = office.save_unit(app_ctx, admin, None, "Seksi Pemerintahan")
    saved = create_submission(app_ctx, admin, aduan_input())
    workflow.dispose(app_ctx, admin, saved.id, unit, "Tindak lanjuti.")
    outputs = [
        printing.print_forms(app_ctx, admin, [saved.id], tmp_path / "f.pdf"),
        printing.print_receipt(app_ctx, admin, saved.id, tmp_path / "r.pdf"),
        printing.print_disposition(app_ctx, admin, saved.id, tmp_path / "d.pdf"),
    ]
    for path in outputs:
        text = _text(path)
        assert "Halaman 1" in text and "Dicetak dengan" not in text, path.name
