"""Printing never breaks: a record whose every text field holds 5,000 characters prints (fixed
cells cut with '…', free text flowing over pages), alone and in a batch, and a broken photo
prints as a placeholder box instead of stopping the form."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from desktop_app.app.demo import demo_profile
from desktop_app.core.services import office
from desktop_app.intake.services import printing, workflow
from desktop_app.intake.services.records import create_submission
from tests.intake.factories import aduan_input, rtlh_input

# Free texts hold 5,000 characters; a text with a column length (a name, a title) holds as
# many as its column takes: a longer one is refused on both databases (tests/test_text_lengths.py).


def long_text(n: int = 5000, seed: str = "Panjang") -> str:
    """Words of varying length and one unbroken run of 300 letters: both must stay inside
    their cell."""
    words = [f"{seed}{i % 97}" for i in range(n // 9)]
    text = " ".join(words)
    return (text[: n // 2] + " " + "x" * 300 + " " + text)[:n]


def _long_record(app_ctx, admin, make=aduan_input):
    long = long_text()
    saved = create_submission(app_ctx, admin, make(
        reporter_name=long_text(200, "Nama"), reporter_address=long, address=long,
        subject=long_text(300, "Perihal"), description=long,
        reporter_phone="0812-5111-2233"))
    return saved.id


def _pages(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(str(path)).pages]


def test_every_intake_printout_of_a_record_with_5000_character_fields(app_ctx, admin,
                                                                      tmp_path):
    office.save_profile(app_ctx, admin, demo_profile())
    unit = office.save_unit(app_ctx, admin, None, "Seksi Pemerintahan")
    sid = _long_record(app_ctx, admin)
    rtlh = _long_record(app_ctx, admin, rtlh_input)
    short = create_submission(app_ctx, admin, aduan_input()).id
    workflow.verify(app_ctx, admin, sid, long_text(5000, "Temuan"), date(2026, 11, 21),
                    long_text(200, "Verifikator"))
    workflow.dispose(app_ctx, admin, sid, unit, long_text(5000, "Instruksi"))

    batch = printing.print_forms(app_ctx, admin, [short, sid, rtlh, short], tmp_path / "f.pdf")
    pages = _pages(batch)
    assert sum("Halaman 1 dari" in p for p in pages) == 4, "each form its own document"
    joined = "\n".join(pages)
    assert "…" in joined, "a name too long for its cell is cut with an ellipsis"
    assert "Siti Aisyah" in joined, "the short records of the batch print too"
    # The description flows: its last words are on the printout.
    assert long_text().split()[-1] in joined

    for path in (printing.print_receipt(app_ctx, admin, sid, tmp_path / "r.pdf"),
                 printing.print_disposition(app_ctx, admin, sid, tmp_path / "d.pdf")):
        pages = _pages(path)
        # the receipt's cells take a 200-character name whole; the disposition cuts
        assert pages and ("…" in "\n".join(pages)) == (path.name == "d.pdf"), path.name


def test_handover_with_long_names_prints(app_ctx, admin, tmp_path):
    office.save_profile(app_ctx, admin, demo_profile())
    _long_record(app_ctx, admin)
    path, _count = printing.print_handover(app_ctx, admin, admin.user_id, date(2026, 11, 1),
                                   date(2026, 11, 30), tmp_path / "h.pdf")
    assert "…" in "\n".join(_pages(path))


def test_a_broken_photo_prints_as_a_placeholder(app_ctx, admin, tmp_path):
    from PIL import Image

    office.save_profile(app_ctx, admin, demo_profile())
    sid = create_submission(app_ctx, admin, aduan_input()).id
    good = tmp_path / "baik.png"
    Image.new("RGB", (320, 240), (40, 120, 180)).save(good)
    workflow.add_attachment(app_ctx, admin, sid, good)
    # A photo damaged on disk afterwards (or stored before photos were checked).
    second = tmp_path / "rusak.jpg"
    Image.new("RGB", (320, 240), (200, 20, 20)).save(second)
    before = set(app_ctx.paths.attachments.rglob("*.*"))
    workflow.add_attachment(app_ctx, admin, sid, second)
    (stored,) = set(app_ctx.paths.attachments.rglob("*.*")) - before
    stored.write_bytes(bytes(range(256)) * 40)
    path = printing.print_forms(app_ctx, admin, [sid], tmp_path / "f.pdf")
    text = "\n".join(_pages(path))
    assert "Foto tidak dapat dibaca" in text
    assert PdfReader(str(path)).pages[0].images, "the good photo is still drawn"


def test_a_file_that_is_not_an_image_is_refused_as_a_photo(app_ctx, admin, tmp_path):

    from desktop_app.core.domain.errors import ValidationError

    sid = create_submission(app_ctx, admin, aduan_input()).id
    junk = tmp_path / "foto.jpg"
    junk.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(ValidationError, match="tidak dapat dibaca sebagai gambar"):
        workflow.add_attachment(app_ctx, admin, sid, junk)
    pdf = tmp_path / "surat.pdf"
    pdf.write_bytes(b"%PDF-1.4 not checked: only photos are decoded")
    assert workflow.add_attachment(app_ctx, admin, sid, pdf)
