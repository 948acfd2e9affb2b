"""Printed tables keep words whole: a status like "Ditindaklanjuti" in a narrow column used to
print as "Ditindaklanj" / "uti". The column takes room from columns that can wrap at a space."""

from __future__ import annotations

from datetime import date

from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop_app.app.demo import demo_profile
from desktop_app.core.reports.fonts import SANS, register_fonts
from desktop_app.core.reports.forms import CELL_PADDING, fit_words
from desktop_app.core.services import office
from desktop_app.intake.services import printing, workflow
from desktop_app.intake.services.records import create_submission
from tests.intake.factories import aduan_input
from tests.pdf_text import page_lines


def test_fit_words_widens_the_narrow_column_and_keeps_the_total():
    register_fonts()
    widths = [40.0, 60.0, 150.0]
    rows = [["1", "Ditindaklanjuti", "Jalan desa yang rusak berat di dekat sekolah"]]
    fitted = fit_words(widths, ["No", "Status", "Perihal"], rows, SANS, 8.5)
    assert fitted[1] >= stringWidth("Ditindaklanjuti", SANS, 8.5) + CELL_PADDING
    assert abs(sum(fitted) - sum(widths)) < 0.01
    assert fitted[0] == widths[0]  # a column with room to spare for its words only gives
    # Nothing to give: the widths stay as planned.
    assert fit_words([10.0, 10.0], ["A", "B"], [["Ditindaklanjuti", "Diverifikasi"]],
                     SANS, 8.5) == [10.0, 10.0]


def test_berita_acara_prints_ditindaklanjuti_whole(app_ctx, admin, tmp_path):
    office.save_profile(app_ctx, admin, demo_profile())
    unit = office.save_unit(app_ctx, admin, None, "Seksi Pemerintahan")
    saved = create_submission(app_ctx, admin, aduan_input(received_on=date(2026, 11, 20)))
    workflow.dispose(app_ctx, admin, saved.id, unit, "Tindak lanjuti.")
    path, count = printing.print_handover(app_ctx, admin, admin.user_id, date(2026, 11, 1),
                                          date(2026, 11, 23), tmp_path / "ba.pdf")
    assert count == 1
    words = " ".join(page_lines(path)).split()
    assert "Ditindaklanjuti" in words
    assert not any(w.startswith("Ditindaklanj") and w != "Ditindaklanjuti" for w in words)
