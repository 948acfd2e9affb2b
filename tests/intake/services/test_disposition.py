"""A disposition carries its sifat and the ticked instructions of the usual checklist; without
either a ticked instruction or a note it is refused; the lembar is signed by the one who
disposed it, not by the head of the office."""

from __future__ import annotations

import pytest

from desktop_app.app.demo import demo_profile
from desktop_app.core.domain.errors import ValidationError
from desktop_app.core.services import office
from desktop_app.intake.domain.disposition import INSTRUCTIONS, clean_instructions
from desktop_app.intake.services import details, printing, workflow
from desktop_app.intake.services.records import create_submission
from tests.intake.factories import aduan_input
from tests.pdf_text import page_lines


def test_checklist_keeps_the_form_order_and_refuses_strangers():
    assert clean_instructions(["Untuk diarsipkan", " Untuk diketahui "]) == [
        "Untuk diketahui", "Untuk diarsipkan"]
    with pytest.raises(ValueError, match="tidak dikenal"):
        clean_instructions(["Untuk dimakan"])
    assert len(set(INSTRUCTIONS)) == len(INSTRUCTIONS)


def test_dispose_needs_a_tick_or_a_note_and_a_known_nature(app_ctx, admin, verifier):
    unit = office.save_unit(app_ctx, admin, None, "Seksi Pemerintahan")
    saved = create_submission(app_ctx, admin, aduan_input())
    with pytest.raises(ValidationError) as err:
        workflow.dispose(app_ctx, verifier, saved.id, unit, "  ")
    assert "instruction" in err.value.field_errors
    with pytest.raises(ValidationError) as err:
        workflow.dispose(app_ctx, verifier, saved.id, unit, "x", nature="kilat")
    assert "nature" in err.value.field_errors
    workflow.dispose(app_ctx, verifier, saved.id, unit, "", nature="sangat_segera",
                     instructions=["Untuk diproses sesuai ketentuan"])
    last = details.get_submission(app_ctx, verifier, saved.id).dispositions[-1]
    assert (last.nature_label, last.instructions, last.instruction) == (
        "Sangat Segera", ("Untuk diproses sesuai ketentuan",), "")


def test_the_sheet_is_signed_by_who_disposed_it(app_ctx, admin, verifier, tmp_path):
    office.save_profile(app_ctx, admin, demo_profile())
    unit = office.save_unit(app_ctx, admin, None, "Seksi Pemerintahan")
    saved = create_submission(app_ctx, admin, aduan_input())
    workflow.dispose(app_ctx, verifier, saved.id, unit, "Cek ke lokasi.", nature="rahasia",
                     instructions=["Untuk diketahui"])
    lines = page_lines(printing.print_disposition(app_ctx, verifier, saved.id,
                                                  tmp_path / "d.pdf"))
    text = "\n".join(lines)
    assert verifier.full_name in text  # the verifier fixture has no NIP nor jabatan
    assert "Verifikator" in text  # his role stands for the jabatan
    assert demo_profile().head_name not in text
    assert "Rahasia" in text and "Cek ke lokasi." in text
