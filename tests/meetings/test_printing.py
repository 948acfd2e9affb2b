"""RUKO PARSEL printouts: the notulen of a big meeting flows over pages and keeps every
agreement in full; invitation and attendance list carry what an office expects."""

from __future__ import annotations

import re
from datetime import date, time
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.app.demo import demo_profile
from desktop_app.core.domain.errors import ConflictError, PermissionDenied
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

INAN = "63.11.07.2003"
HALUBAU = "63.11.07.2007"


FOOTER = re.compile(r"Halaman \d+ dari \d+|Dicetak dengan Ruko Parsel, \d\d/\d\d/\d{4}")


def _text(path: Path) -> str:
    """The text of every page without the page footers, so a paragraph that continues on the
    next page reads as one."""
    reader = PdfReader(str(path))
    return "\n".join(FOOTER.sub(" ", page.extract_text()) for page in reader.pages)


def _flat(text: str) -> str:
    """PDF text with line breaks and hyphenless wraps joined, spaces collapsed."""
    return re.sub(r"\s+", " ", text).strip()


LONG_AGREEMENTS = [
    f"Kesepakatan {n}: " + " ".join(
        f"Pemerintah desa dan kecamatan bersama-sama menindaklanjuti permasalahan butir {n} "
        f"bagian {k} dengan menyusun jadwal kerja, menyiapkan data pendukung, dan melaporkan "
        f"perkembangannya pada rapat koordinasi berikutnya di Ruko Parsel." for k in range(1, 7))
    + f" Akhir kesepakatan {n}."
    for n in range(1, 9)
]


@pytest.fixture
def big_meeting(app_ctx, admin) -> int:
    office.save_profile(app_ctx, admin, demo_profile())
    mid = minutes.create_meeting(app_ctx, admin, MeetingInput(
        kind="rakor", title="Rapat koordinasi pemerintahan desa", held_on=date(2026, 11, 23),
        start_time=time(9, 0), end_time=time(12, 30), chair_name="MEGAWATI, S.Pd, M.Pd",
        chair_position="Camat Paringin Selatan", chair_nip="197503122000032004",
        minute_taker_name="Muhammad Syahrani, S.T", minute_taker_position="Kasi Pemerintahan",
        letter_number="000.1.5/117/Kec-PS/2026", letter_date=date(2026, 11, 18),
        desa_codes=[INAN, HALUBAU],
        discussion="Rapat dibuka oleh Camat.\n\n" + "Pembahasan panjang. " * 80))
    minutes.save_invitees(app_ctx, admin, mid, [InviteeInput("Kepala Desa Inan", "desa"),
                                            InviteeInput("Kepala Desa Halubau", "desa")])
    minutes.save_agenda(app_ctx, admin, mid, [
        AgendaInput("Pembukaan"), AgendaInput("Paparan desa", "Uraian paparan. " * 120),
        AgendaInput("Penutup")])
    for i in range(60):
        attendance.add_attendee(app_ctx, admin, mid, AttendeeInput(
            f"Peserta Nomor {i + 1}", "Perangkat desa", "Desa Inan" if i % 2 else
            "Desa Halubau", phone=f"08125{i:06d}", gender="P" if i % 3 == 0 else "L",
            present=i < 55))
    problems.add_problem(app_ctx, admin, mid, ProblemInput(
        "administrasi", "Laporan keuangan terlambat. " * 40, INAN, "Pendampingan. " * 40))
    minutes.save_agreements(app_ctx, admin, mid, LONG_AGREEMENTS)
    for n in range(12):
        actions.add_action(app_ctx, admin, mid, ActionInput(
            f"Tindak lanjut nomor {n + 1} " + "dengan uraian yang panjang " * (n + 1),
            "Seksi Pemerintahan", desa_code=INAN, due_date=date(2026, 12, 10)))
    return mid


def test_notulen_paginates_and_keeps_every_agreement_in_full(app_ctx, admin, big_meeting,
                                                             tmp_path):
    target = printing.print_notulen(app_ctx, admin, big_meeting, tmp_path / "n.pdf")
    reader = PdfReader(str(target))
    assert len(reader.pages) >= 4
    text = _flat(_text(target))
    for agreement in LONG_AGREEMENTS:
        assert _flat(agreement) in text
    assert "Senin, 23 November 2026" in text
    assert "55 orang (36 laki-laki, 19 perempuan)" in text  # 60 listed, 55 present
    assert "Desa Halubau 28" in text and "Desa Inan 27" in text
    assert "Pukul 09.00 s.d. 12.30 WITA" in text
    assert "Tindak lanjut nomor 12" in text
    assert "Rapat ditutup oleh pimpinan rapat pada pukul 12.30 WITA" in text
    assert "(DRAF)" in text and "Muhammad Syahrani, S.T" in text
    pages = [_flat(p.extract_text()) for p in reader.pages]
    assert all(f"Halaman {i} dari {len(pages)}" in p for i, p in enumerate(pages, start=1))
    assert all(FOOTER.search(p) for p in pages)
    # Headers repeat where the actions table continues on a new page.
    assert sum("Penanggung jawab" in p for p in pages) >= 1


def test_final_notulen_has_addendum_and_no_draft_mark(app_ctx, admin, big_meeting, tmp_path):
    minutes.finalize(app_ctx, admin, big_meeting)
    minutes.add_addendum(app_ctx, admin, big_meeting, "Ralat: peserta nomor 7 hadir.")
    text = _flat(_text(printing.print_notulen(app_ctx, admin, big_meeting,
                                                   tmp_path / "f.pdf")))
    assert "(DRAF)" not in text
    assert "ADDENDUM NOTULEN" in text and "Ralat: peserta nomor 7 hadir." in text
    assert "Notulen difinalisasi pada" in text


def test_invitation_letter_and_per_addressee_letters(app_ctx, admin, big_meeting, tmp_path):
    one = printing.print_invitation(app_ctx, admin, big_meeting, tmp_path / "u.pdf")
    text = _flat(_text(one))
    for expected in ("Nomor : 000.1.5/117/Kec-PS/2026", "Sifat : Biasa", "Perihal : Undangan",
                     "Paringin, 18 November 2026", "Yth.", "Kepala Desa Inan",
                     "Kepala Desa Halubau", "Hari/Tanggal : Senin, 23 November 2026",
                     "Waktu : Pukul 09.00 s.d. 12.30 WITA",
                     "Tempat : Ruko Parsel, Kantor Kecamatan Paringin Selatan",
                     "Acara : Rapat koordinasi pemerintahan desa", "MEGAWATI, S.Pd, M.Pd",
                     "NIP. 19750312 200003 2 004", "Camat Paringin Selatan"):
        assert expected in text, expected
    many = printing.print_invitation(app_ctx, admin, big_meeting, tmp_path / "m.pdf",
                                          per_addressee=True)
    pages = [_flat(p.extract_text()) for p in PdfReader(str(many)).pages]
    assert len(pages) == 2
    assert "Yth. Kepala Desa Inan" in pages[0] and "Kepala Desa Halubau" not in pages[0]
    assert "Yth. Kepala Desa Halubau" in pages[1]


def test_invitation_with_distribution_list(app_ctx, admin, big_meeting, tmp_path):
    minutes.save_invitees(app_ctx, admin, big_meeting, [
        InviteeInput(f"Kepala Desa Nomor {i}", "desa") for i in range(1, 17)])
    path = printing.print_invitation(app_ctx, admin, big_meeting, tmp_path / "d.pdf")
    pages = [_flat(p.extract_text()) for p in PdfReader(str(path)).pages]
    assert "(daftar terlampir)" in pages[0] and "Lampiran : 1 (satu) lembar" in pages[0]
    assert "DAFTAR UNDANGAN" in pages[1] and "Kepala Desa Nomor 16" in pages[1]


def test_invitation_number_from_office_pattern_when_missing(app_ctx, admin, tmp_path):
    office.save_profile(app_ctx, admin, demo_profile())
    mid = minutes.create_meeting(app_ctx, admin, MeetingInput(
        kind="kunjungan", title="Kunjungan Desa Inan", held_on=date(2026, 12, 2),
        desa_codes=[INAN]))
    assert minutes.suggest_letter_number(app_ctx, 17, date(2026, 12, 1)) == "000.1.5/17/Kec-PS/2026"
    text = _flat(_text(printing.print_invitation(app_ctx, admin, mid, tmp_path / "x.pdf")))
    assert "/Kec-PS/2026" in text and "Yth. Kepala Desa Inan" in text


def test_attendance_list_alternates_numbers_and_adds_blank_rows(app_ctx, admin, big_meeting,
                                                                tmp_path):
    path = printing.print_attendance(app_ctx, admin, big_meeting, tmp_path / "h.pdf",
                                          blank_rows=5)
    text = _flat(_text(path))
    for expected in ("DAFTAR HADIR", "Pada hari Senin tanggal 23 November 2026", "No", "Nama",
                     "Jabatan / Instansi", "No. HP", "Tanda Tangan", "Peserta Nomor 60",
                     "08125000059", "65."):
        assert expected in text, expected
    assert "66." not in text
    assert len(PdfReader(str(path)).pages) >= 3
    # Numbers in the signature column alternate: odd on the left, even on the right.
    page = PdfReader(str(path)).pages[0]
    xs: dict[int, float] = {}

    def visit(txt, cm, tm, font, size):  # type: ignore[no-untyped-def]
        match = re.fullmatch(r"(\d+)\. …+", txt.strip())
        if match:
            xs[int(match.group(1))] = tm[4]

    page.extract_text(visitor_text=visit)
    assert xs, "signature numbers not found"
    odd = [x for n, x in xs.items() if n % 2]
    even = [x for n, x in xs.items() if not n % 2]
    assert odd and even and max(odd) + 40 < min(even)


def test_f4_paper_from_the_office_profile(app_ctx, admin, big_meeting, tmp_path):
    profile = office.get_profile(app_ctx)
    profile.paper_size = "F4"
    office.save_profile(app_ctx, admin, profile)
    path = printing.print_notulen(app_ctx, admin, big_meeting, tmp_path / "f4.pdf")
    box = PdfReader(str(path)).pages[0].mediabox
    assert round(float(box.height) / 72 * 25.4) == 330


def test_printing_is_audited(app_ctx, admin, big_meeting, tmp_path):
    from sqlalchemy import select

    from desktop_app.core.models import AuditLog
    from desktop_app.core.services.context import unit_of_work

    printing.print_attendance(app_ctx, admin, big_meeting, tmp_path / "a.pdf")
    with unit_of_work(app_ctx, write=False) as session:
        row = session.scalars(select(AuditLog).order_by(AuditLog.id.desc())).first()
        assert (row.action, row.entity, row.entity_id) == ("print", "meeting", str(big_meeting))
        assert "daftar hadir" in row.summary


def test_documentation_photos_on_the_last_page(app_ctx, admin, big_meeting, tmp_path):
    from PIL import Image

    photo = tmp_path / "rapat.png"
    Image.new("RGB", (640, 480), (40, 120, 180)).save(photo)
    photos.add_photo(app_ctx, admin, big_meeting, photo, "Suasana rapat di Ruko Parsel")
    path = printing.print_notulen(app_ctx, admin, big_meeting, tmp_path / "p.pdf")
    reader = PdfReader(str(path))
    last = _flat(reader.pages[-1].extract_text())
    assert "DOKUMENTASI" in last and "Suasana rapat di Ruko Parsel" in last
    assert reader.pages[-1].images, "the photo is drawn on the last page"
    assert "DOKUMENTASI" not in _flat(reader.pages[-2].extract_text())
    minutes.finalize(app_ctx, admin, big_meeting)
    with pytest.raises(ConflictError):
        photos.add_photo(app_ctx, admin, big_meeting, photo, "Terlambat")


def test_exports_are_audited_and_need_the_export_permission(app_ctx, admin, operator,
                                                           big_meeting, tmp_path):
    from openpyxl import load_workbook

    from desktop_app.meetings.services import export

    path, count = export.export_meetings(app_ctx, admin, tmp_path / "m.xlsx")
    assert count == 1
    rows = list(load_workbook(path)["Daftar hadir"].iter_rows(values_only=True))
    assert rows[1][8] == "08125000000" and len(rows) == 61
    with pytest.raises(PermissionDenied):  # operators may not export
        export.export_actions(app_ctx, operator, tmp_path / "a.xlsx")
    _path, n = export.export_actions(app_ctx, admin, tmp_path / "a.xlsx")
    assert n == 12
    recap = export.export_recap(app_ctx, admin, date(2026, 11, 1), date(2026, 11, 30),
                                     tmp_path / "r.xlsx")
    summary = list(load_workbook(recap)["Ringkasan"].iter_rows(values_only=True))
    assert ["Jumlah rapat/kunjungan", 1] in [list(r) for r in summary]
    from sqlalchemy import select

    from desktop_app.core.models import AuditLog
    from desktop_app.core.services.context import unit_of_work

    with unit_of_work(app_ctx, write=False) as session:
        exports = [(r.entity, r.action) for r in session.scalars(
            select(AuditLog).where(AuditLog.action == "export").order_by(AuditLog.id))]
    assert exports == [("meeting", "export"), ("action", "export"),
                       ("meeting_recap", "export")]


@pytest.mark.parametrize(("paper", "first", "last"), [("A4", 10, 26), ("F4", 17, 33)])
def test_signatures_never_alone_and_list_numbers_embedded(app_ctx, admin, tmp_path, paper,
                                                          first, last):
    """Daftar hadir and notulen on A4 and F4: however many people came, the last rows (or the
    closing lines) stand with the signature on its page; every font is embedded."""
    profile = demo_profile()
    profile.paper_size = paper
    office.save_profile(app_ctx, admin, profile)
    mid = minutes.create_meeting(app_ctx, admin, MeetingInput(
        kind="rakor", title="Rapat koordinasi", held_on=date(2026, 11, 23),
        start_time=time(9, 0), end_time=time(12, 0), chair_name="MEGAWATI, S.Pd, M.Pd",
        minute_taker_name="Nurul Hidayah", desa_codes=[INAN]))
    minutes.save_agenda(app_ctx, admin, mid, [AgendaInput("Pembukaan"), AgendaInput("Penutup")])
    pages_seen = set()
    for n in range(1, first):
        attendance.add_attendee(app_ctx, admin, mid, AttendeeInput(f"Peserta Nomor {n}"))
    for people in range(first, last):
        attendance.add_attendee(app_ctx, admin, mid, AttendeeInput(f"Peserta Nomor {people}"))
        target = printing.print_attendance(app_ctx, admin, mid, tmp_path / f"h{people}.pdf",
                                           blank_rows=0)
        pages = [" ".join(p.extract_text().split()) for p in PdfReader(str(target)).pages]
        pages_seen.add(len(pages))
        assert "MEGAWATI" in pages[-1] and f"Peserta Nomor {people}" in pages[-1], people
        assert not any("MEGAWATI" in page for page in pages[:-1])
    assert len(pages_seen) == 2, pages_seen  # the sizes tried cross a page boundary
    minutes.save_agreements(app_ctx, admin, mid, [f"Kesepakatan nomor {n} " * 12
                                                  for n in range(1, 30)])
    target = printing.print_notulen(app_ctx, admin, mid, tmp_path / "n.pdf")
    reader = PdfReader(str(target))
    last = " ".join(reader.pages[-1].extract_text().split())
    assert "Rapat ditutup" in last and "MEGAWATI" in last
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Pada hari ini Senin tanggal dua puluh tiga bulan November tahun dua ribu dua puluh " \
           "enam, bertempat di" in text
    assert "Dicetak dengan" not in text
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            assert "Helvetica" not in str(ref.get_object()["/BaseFont"])
