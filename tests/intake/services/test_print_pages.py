"""The printed formulir stay the same page for page while the way they are drawn changes:
the text of every page of a batch (demo records plus hostile ones: a description running over
a page, long names and addresses that wrap, a photo, masked personal data) is compared with the
text the platypus-built printout gave (tests/intake/fixtures/formulir_pages.txt), read by
position (tests/pdf_text.py), so drawing the same text in another order or once per PDF
compares equal.

After an intended change of the printout, regenerate the file with
``RUKO_WRITE_PRINT_FIXTURE=1 .venv/bin/python -m pytest tests/intake/services/test_print_pages.py``
and look at the diff and at the rendered pages before committing it."""

from __future__ import annotations

import os
from pathlib import Path

from desktop_app.core.domain.roles import Role
from desktop_app.core.services import office
from desktop_app.core.services.context import Actor
from desktop_app.intake.services import listing, printing, records, workflow
from tests.intake.factories import aduan_input, pju_input, rtlh_input
from tests.pdf_text import page_lines

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "formulir_pages.txt"
LONG = ("Rumah panggung kayu ulin berdiri di atas rawa; tiang utama lapuk dan miring ke arah "
        "sungai, atap seng bocor di tiga tempat sehingga air hujan masuk ke kamar tidur anak. ")


def _photo(tmp_path: Path) -> Path:
    from PIL import Image

    path = tmp_path / "rumah.png"
    Image.new("RGB", (320, 240), (150, 90, 40)).save(path)
    return path


def _hostile_records(app, admin, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    long = records.create_submission(app, admin, rtlh_input(
        reporter_name="Hj. Siti Rahmah binti Muhammad Abdurrahman Al-Banjari Paringin Selatan",
        reporter_address="Jl. Ahmad Yani Km. 2,5 Gang Keluarga Nomor 17 RT 004 RW 002, "
                         "di belakang langgar Al-Ikhlas, dekat jembatan besi",
        subject="Usulan bedah rumah: " + "sangat mendesak, " * 6,
        description=LONG * 30))
    workflow.verify(app, admin, long.id, "Benar, rumah miring; " + LONG * 3)
    workflow.add_attachment(app, admin, long.id, _photo(tmp_path))
    records.create_submission(app, admin, aduan_input(description="Saluran <penuh> & meluap"))
    records.create_submission(app, admin, pju_input("lainnya", description="Tiga lampu padam."))


def test_formulir_pages_keep_their_text(demo_app, tmp_path: Path):
    app, admin = demo_app
    _hostile_records(app, admin, tmp_path)
    ids = listing.filtered_ids(app, admin, None)
    operator = Actor(None, "operator", "Operator", Role.OPERATOR)  # personal data masked
    pages = page_lines(printing.print_forms(app, admin, ids, tmp_path / "admin.pdf"))
    pages += page_lines(printing.print_forms(app, operator, ids[-5:], tmp_path / "op.pdf"))
    text = "\n\f\n".join(pages)
    if os.environ.get("RUKO_WRITE_PRINT_FIXTURE"):
        FIXTURE.write_text(text, encoding="utf-8")
    expected = FIXTURE.read_text(encoding="utf-8").split("\n\f\n")
    assert len(pages) == len(expected)
    for n, (got, want) in enumerate(zip(pages, expected, strict=True), start=1):
        assert got == want, f"page {n} differs"
    assert office.get_profile(app) is not None
