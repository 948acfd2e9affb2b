"""RUKO PARSEL spreadsheets: the sheet layouts of the meeting log, the follow-up tracker and
the period recap (rows in, sheets out). Every cell a person reads is a label, never an internal
code; the records are duck-typed (exchange does not import services)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from desktop_app.core.domain.formatting import format_time, mask_digits
from desktop_app.core.exchange.writer import DATE_FORMAT, ColumnFormat, SheetSpec
from desktop_app.meetings.domain import Gender, OwnerKind

C = ColumnFormat


def meeting_log_sheets(meetings: Sequence[Any], attendees: Sequence[Any],
                       problems: Sequence[Any], agreements: Sequence[Any], *,
                       title_rows: Sequence[str], paper: str = "A4",
                       mask_phones: bool = False) -> list[SheetSpec]:
    """Sheets Rapat, Daftar hadir, Masalah and Kesepakatan. ``meetings`` carry id, held_on,
    start_time, end_time, kind_label, title, desa, place, chair_name, minute_taker_name,
    present, letter_number, status_label, finalized_by_name; the children carry their meeting's
    id, date and title beside their own fields."""
    return [
        SheetSpec("Rapat", [
            C("ID", 6), C("Tanggal", 12, DATE_FORMAT), C("Mulai", 8), C("Selesai", 8),
            C("Jenis", 24), C("Judul/acara", 45), C("Desa/Kelurahan", 30), C("Tempat", 30),
            C("Pimpinan rapat", 24), C("Notulis", 24), C("Hadir", 8),
            C("Nomor undangan", 22), C("Status notulen", 14), C("Difinalisasi oleh", 20)],
            [[m.id, m.held_on, format_time(m.start_time), format_time(m.end_time),
              m.kind_label, m.title, m.desa, m.place, m.chair_name, m.minute_taker_name,
              m.present, m.letter_number, m.status_label, m.finalized_by_name]
             for m in meetings], title_rows=list(title_rows), paper=paper),
        SheetSpec("Daftar hadir", [
            C("ID rapat", 8), C("Tanggal", 12, DATE_FORMAT), C("Rapat", 40), C("No", 5),
            C("Nama", 28), C("Jabatan", 22), C("Instansi/Desa", 26), C("Desa", 18),
            C("No. HP", 16, "@"), C("Jenis kelamin", 13), C("Kehadiran", 12)],
            [[a.meeting_id, a.held_on, a.meeting_title, a.position_no, a.name, a.position,
              a.institution, a.desa_name, mask_digits(a.phone, 4) if mask_phones else a.phone,
              Gender.label_of(a.gender) if a.gender else "",
              "Hadir" if a.present else "Tidak hadir"] for a in attendees], paper=paper),
        SheetSpec("Masalah", [
            C("ID rapat", 8), C("Tanggal", 12, DATE_FORMAT), C("Desa", 18), C("Topik", 30),
            C("Uraian", 60), C("Tanggapan", 60), C("Status", 18), C("Data KULA RAKAT", 16)],
            [[p.meeting_id, p.held_on, p.desa_name, p.topic_label, p.description, p.answer,
              p.status_label, p.submission_number] for p in problems], paper=paper),
        SheetSpec("Kesepakatan", [
            C("ID rapat", 8), C("Tanggal", 12, DATE_FORMAT), C("No", 5), C("Kesepakatan", 100)],
            [[a.meeting_id, a.held_on, a.number, a.text] for a in agreements], paper=paper),
    ]


def action_sheets(actions: Sequence[Any], *, title_rows: Sequence[str],
                  paper: str = "A4") -> list[SheetSpec]:
    """The follow-up tracker (``services.dto.ActionRow``-like records)."""
    return [SheetSpec("Tindak lanjut", [
        C("ID", 6), C("Tanggal rapat", 12, DATE_FORMAT), C("Rapat", 40), C("Tindak lanjut", 60),
        C("Penanggung jawab", 28), C("Desa", 18), C("Batas waktu", 12, DATE_FORMAT),
        C("Status", 18), C("Lewat batas", 10), C("Tanggal selesai", 12, DATE_FORMAT),
        C("Catatan penutupan", 40), C("Jenis penanggung jawab", 18)],
        [[r.id, r.meeting_date, r.meeting_title, r.what, r.owner_name, r.desa_name, r.due_date,
          r.status_label, "Ya" if r.overdue else "", r.done_on, r.closing_note,
          OwnerKind.label_of(r.owner_kind)] for r in actions],
        title_rows=list(title_rows), paper=paper)]


def recap_sheets(r: Any, *, title_rows: Sequence[str], date_from: date, date_to: date,
                 paper: str = "A4") -> list[SheetSpec]:
    """The period recap (``services.recap.Recap``-like)."""
    summary = [
        ["Jumlah rapat/kunjungan", r.meetings], ["Notulen final", r.final_meetings],
        ["Peserta hadir", r.attendees_present], ["Permasalahan dicatat", r.problems],
        ["Tindak lanjut", r.actions], ["Selesai tepat waktu", r.done_on_time],
        ["Selesai terlambat", r.done_late], ["Belum selesai", r.open],
        ["  di antaranya lewat batas waktu", r.overdue], ["Dibatalkan", r.cancelled],
        ["Persentase selesai (%)", round(r.completion_rate, 1)],
    ]
    title = [*title_rows, f"Periode {date_from:%d/%m/%Y} s.d. {date_to:%d/%m/%Y}"]
    return [
        SheetSpec("Ringkasan", [C("Uraian", 36), C("Jumlah", 12)], summary, title_rows=title,
                  autofilter=False, paper=paper),
        SheetSpec("Rapat per desa", [C("Desa/Kelurahan", 30), C("Jumlah rapat", 14)],
                  [list(x) for x in r.meetings_per_desa], paper=paper),
        SheetSpec("Rapat per jenis", [C("Jenis rapat", 30), C("Jumlah", 12)],
                  [list(x) for x in r.meetings_per_kind], paper=paper),
        SheetSpec("Masalah per topik", [C("Topik", 44), C("Jumlah", 12)],
                  [list(x) for x in r.problems_per_topic], paper=paper),
    ]
