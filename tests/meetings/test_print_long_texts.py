"""Printing never breaks: a meeting whose every text field holds 5,000 characters prints its
undangan (one letter and one per addressee), daftar hadir, notulen and berita acara; a photo
that is not an image is refused when attached, one broken on disk prints as a placeholder
and can be taken off a final notulen."""

from __future__ import annotations

from datetime import date, time

import pytest
from pypdf import PdfReader

from desktop_app.app.demo import demo_profile
from desktop_app.core.domain.errors import ConflictError, ValidationError
from desktop_app.core.services import office
from desktop_app.meetings.services import actions, attendance, minutes, photos, printing, problems
from desktop_app.meetings.services.dto import (
    ActionInput,
    AgendaInput,
    AttendeeInput,
    InviteeInput,
    MeetingInput,
    ProblemInput,
)
from tests.intake.services.test_print_long_texts import long_text

# Free texts hold 5,000 characters; a text with a column length (a name, a title) holds as
# many as its column takes: a longer one is refused on both databases (tests/test_text_lengths.py).

INAN = "63.11.07.2003"


@pytest.fixture
def long_meeting(app_ctx, admin) -> int:
    office.save_profile(app_ctx, admin, demo_profile())
    mid = minutes.create_meeting(app_ctx, admin, MeetingInput(
        kind="rakor", title=long_text(300, "Judul"), held_on=date(2026, 11, 23),
        start_time=time(9, 0), end_time=time(12, 30), place=long_text(300, "Tempat"),
        chair_name=long_text(200, "Pimpinan"), chair_position=long_text(200, "Jabatan"),
        chair_nip="197503122000032004", minute_taker_name=long_text(200, "Notulis"),
        minute_taker_position=long_text(200, "Kasi"), letter_number=long_text(120, "No"),
        letter_date=date(2026, 11, 18), letter_nature=long_text(40, "Sifat"),
        letter_attachment=long_text(80, "Lampiran"), desa_codes=[INAN],
        discussion=long_text(5000, "Bahas")))
    minutes.save_invitees(app_ctx, admin, mid, [InviteeInput(long_text(300, f"Undangan{i}"))
                                            for i in range(6)])
    minutes.save_agenda(app_ctx, admin, mid, [
        AgendaInput(long_text(300, f"Acara{i}"), long_text(5000, "Uraian")) for i in range(3)])
    for i in range(4):
        attendance.add_attendee(app_ctx, admin, mid, AttendeeInput(
            long_text(200, f"Peserta{i}"), long_text(200, "Jabatan"),
            long_text(200, "Instansi"), phone="0812-5111-2233", gender="L"))
    problems.add_problem(app_ctx, admin, mid, ProblemInput(
        "administrasi", long_text(5000, "Masalah"), INAN, long_text(5000, "Tanggapan")))
    minutes.save_agreements(app_ctx, admin, mid, [long_text(5000, "Sepakat")] * 2)
    actions.add_action(app_ctx, admin, mid, ActionInput(
        long_text(5000, "Tindak"), long_text(200, "Penanggung"), desa_code=INAN,
        due_date=date(2026, 12, 10)))
    return mid


def _text(path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)


def test_every_meeting_printout_with_5000_character_fields(app_ctx, admin, long_meeting,
                                                           tmp_path):
    outputs = [
        printing.print_invitation(app_ctx, admin, long_meeting, tmp_path / "u.pdf"),
        printing.print_invitation(app_ctx, admin, long_meeting, tmp_path / "u1.pdf",
                                  per_addressee=True),
        printing.print_attendance(app_ctx, admin, long_meeting, tmp_path / "a.pdf"),
        printing.print_notulen(app_ctx, admin, long_meeting, tmp_path / "n.pdf"),
    ]
    minutes.finalize(app_ctx, admin, long_meeting)
    minutes.add_addendum(app_ctx, admin, long_meeting, long_text(5000, "Ralat"))
    outputs.append(printing.print_notulen(app_ctx, admin, long_meeting, tmp_path / "f.pdf"))
    for path in outputs:
        text = _text(path)
        assert "Halaman 1 dari" in text and "…" in text, path.name
    # Free text flows in full: the last words of the discussion are printed.
    assert long_text(5000, "Bahas").split()[-1] in _text(outputs[-1])


def test_a_photo_that_is_not_an_image_is_refused(app_ctx, admin, long_meeting, tmp_path):
    junk = tmp_path / "foto.jpg"
    junk.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(ValidationError, match="tidak dapat dibaca sebagai gambar"):
        photos.add_photo(app_ctx, admin, long_meeting, junk, "Rusak")


def _broken_photo(app_ctx, admin, mid, tmp_path) -> int:
    from PIL import Image

    good = tmp_path / "rapat.png"
    Image.new("RGB", (640, 480), (40, 120, 180)).save(good)
    pid = photos.add_photo(app_ctx, admin, mid, good, "Suasana rapat")
    # Damaged on disk afterwards (or stored before photos were checked).
    for stored in app_ctx.paths.attachments.rglob("*.png"):
        stored.write_bytes(bytes(range(256)) * 64)
    return pid


def test_a_broken_stored_photo_prints_as_a_placeholder_and_leaves_a_final_notulen(
        app_ctx, admin, long_meeting, tmp_path):
    pid = _broken_photo(app_ctx, admin, long_meeting, tmp_path)
    text = _text(printing.print_notulen(app_ctx, admin, long_meeting, tmp_path / "n.pdf"))
    assert "Foto tidak dapat dibaca" in text and "Suasana rapat" in text
    minutes.finalize(app_ctx, admin, long_meeting)
    assert "Foto tidak dapat dibaca" in _text(
        printing.print_notulen(app_ctx, admin, long_meeting, tmp_path / "f.pdf"))
    photos.delete_photo(app_ctx, admin, pid)
    text = _text(printing.print_notulen(app_ctx, admin, long_meeting, tmp_path / "g.pdf"))
    assert "Foto tidak dapat dibaca" not in text and "DOKUMENTASI" not in text


def test_a_good_photo_stays_on_a_final_notulen(app_ctx, admin, long_meeting, tmp_path):
    from PIL import Image

    good = tmp_path / "rapat.jpg"
    Image.new("RGB", (640, 480), (40, 120, 180)).save(good)
    pid = photos.add_photo(app_ctx, admin, long_meeting, good, "Suasana rapat")
    minutes.finalize(app_ctx, admin, long_meeting)
    with pytest.raises(ConflictError):
        photos.delete_photo(app_ctx, admin, pid)


def test_a_broken_photo_is_removed_from_a_final_notulen_in_the_editor(qtbot, app_ctx, admin,
                                                                       long_meeting, tmp_path):
    from PySide6.QtCore import Qt

    from desktop_app.core.gui import messages
    from desktop_app.meetings.gui.editor import MeetingEditorDialog
    from desktop_app.meetings.services import reading

    pid = _broken_photo(app_ctx, admin, long_meeting, tmp_path)
    minutes.finalize(app_ctx, admin, long_meeting)
    messages.captured = []
    ed = MeetingEditorDialog(app_ctx, admin, long_meeting)
    qtbot.addWidget(ed)
    ed.show()
    assert ed.detail.is_final and not ed.data.save_button.isEnabled()
    item = ed.data.photo_list.item(0)
    assert "berkas rusak" in item.text()
    assert ed.data.photo_delete.isEnabled()
    rect = ed.data.photo_list.visualItemRect(item)
    qtbot.mouseClick(ed.data.photo_list.viewport(), Qt.MouseButton.LeftButton,
                     pos=rect.center())
    messages.confirm_answers[:] = [True]
    qtbot.mouseClick(ed.data.photo_delete, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not reading.get_meeting(app_ctx, admin, long_meeting).photos)
    assert ed.data.photo_list.count() == 0
    assert not [t for title, t in messages.captured if title == "Kesalahan tak terduga"]
    _ = pid
    messages.captured = None
