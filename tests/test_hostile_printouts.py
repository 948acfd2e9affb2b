"""What the typing robot types can be printed: a KULA RAKAT record, a meeting's notulen and a
REMBUK REMAS berita acara holding its texts (mixed scripts, quotes, SQL, a formula, emoji,
right-to-left text, control characters, 20,000 characters on many lines, words longer than a
line) print without error, Indonesian/Latin text intact and long words kept inside the page."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, time

import pytest
from pypdf import PdfReader

from desktop_app.core.services import audit
from desktop_app.intake.services import printing as intake_printing
from desktop_app.intake.services.records import create_submission
from desktop_app.meetings.services import minutes
from desktop_app.meetings.services import printing as meeting_printing
from desktop_app.meetings.services.dto import MeetingInput
from desktop_app.planning.services import printing as planning_printing
from desktop_app.planning.services import rembuk
from tests.intake.factories import aduan_input
from tests.monkey import HOSTILE_SHORT, LINE_VARIANTS, TEXT_VARIANTS

LINE = LINE_VARIANTS[0]  # 600 characters
TEXT = TEXT_VARIANTS[0]  # 20,000 characters
LONG_WORD = "Paringinselatanpanjangsekalitanpaspasi"


def _text(path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(str(path)).pages).split())


def _png(pdf, tmp_path) -> None:
    """The first page as an image (the test's output folder keeps it to look at)."""
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(pdf),
                        str(tmp_path / pdf.stem)], check=True, timeout=60)


def _assert_printed(pdf, tmp_path) -> None:
    text = _text(pdf)
    # Latin, Cyrillic and Greek as typed; the control characters were dropped on the way in
    # (CJK, Arabic, Hebrew and emoji have no glyph in the office fonts: not asked for).
    assert "Jl. Łódź-Ñandú" in text and "Москва Ελλάδα O'Brien" in text
    assert "'; DROP TABLE usulan;-- =SUM(A1)" in text and "nulbeltab" in text
    _png(pdf, tmp_path)


def test_a_kula_rakat_form_with_hostile_texts(demo_app, tmp_path):
    app, admin = demo_app
    saved = create_submission(app, admin, aduan_input(
        reporter_name=LINE[:200], subject=LINE[:300], description=TEXT, address=LINE,
        reporter_address=HOSTILE_SHORT, reporter_phone="0812-5111-2233"))
    pdf = intake_printing.print_forms(app, admin, [saved.id], tmp_path / "formulir.pdf")
    _assert_printed(pdf, tmp_path)
    assert audit.check_chain(app).ok


def test_a_notulen_with_hostile_texts(demo_app, tmp_path):
    app, admin = demo_app
    mid = minutes.create_meeting(app, admin, MeetingInput(
        kind="rakor", title=LINE[:300], held_on=date(2026, 11, 23), start_time=time(9, 0),
        end_time=time(12, 0), place=LINE[:300], chair_name=LINE[:200],
        desa_codes=["63.11.07.2003"], discussion=TEXT))
    pdf = meeting_printing.print_notulen(app, admin, mid, tmp_path / "notulen.pdf")
    _assert_printed(pdf, tmp_path)
    assert audit.check_chain(app).ok


def test_a_berita_acara_with_hostile_texts(demo_app, tmp_path):
    app, admin = demo_app
    info = next(r for r in rembuk.list_rembuks(app, admin) if r.level == "kabupaten")
    rembuk.save_delegates(app, admin, info.id,
                          [rembuk.DelegateInfo(LINE[:200], HOSTILE_SHORT, LINE[:200])],
                          acknowledger=(LINE[:200], LINE[:200], ""), version=info.version)
    pdf = planning_printing.print_berita_acara(app, admin, info.id, tmp_path / "ba.pdf")
    _assert_printed(pdf, tmp_path)
    assert "Mengetahui" in _text(pdf)
    assert audit.check_chain(app).ok


@pytest.fixture(autouse=True)
def _keep_images(tmp_path, request):
    yield
    if request.config.getoption("verbose") > 1:
        print(f"PNG in {tmp_path}")
