"""An import compares its rows with the database a block of rows at a time (the import keys
and open NIKs of those rows only), instead of reading every record's key and NIK first: at a
million records that read took seconds and a hundred megabytes. The outcome is the same as
before across block boundaries: rows imported before are recognised, a NIK with an open record
(in the database or earlier in the file) is refused naming it, a closed one is not."""

from __future__ import annotations

import pytest
from openpyxl import Workbook
from sqlalchemy import event, update

from desktop_app.core.services.context import unit_of_work
from desktop_app.intake.models import Submission
from desktop_app.intake.services import importing

HEADER = ["No", "Nama KK", "NIK", "Desa", "RT", "Jml Jiwa", "Tanggal"]


def nik(i: int) -> str:
    return f"63110712038{i:05d}"


def sheet(path, numbers: list[int], *, nik_of=nik) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for i in numbers:
        ws.append([i, f"Kepala Keluarga {i}", nik_of(i), "Inan", str(i % 9 + 1), 4,
                   "02/11/2026"])
    wb.save(path)


@pytest.fixture
def small_blocks(monkeypatch):
    monkeypatch.setattr(importing, "BLOCK_ROWS", 7)
    monkeypatch.setattr(importing, "CHUNK_ROWS", 11)


def test_rows_imported_before_are_recognised_in_every_block(app_ctx, admin, tmp_path,
                                                            small_blocks):
    first = tmp_path / "pertama.xlsx"
    sheet(first, list(range(1, 41)))
    assert importing.import_file(app_ctx, admin, first, error_dir=tmp_path).imported == 40
    again = tmp_path / "kedua.xlsx"  # the same 40 rows among 20 new ones, in another file
    sheet(again, list(range(31, 51)) + list(range(1, 31)) + list(range(51, 61)))
    result = importing.import_file(app_ctx, admin, again, error_dir=tmp_path)
    assert (result.imported, result.skipped_existing, result.rejected) == (20, 40, 0)


def test_an_open_nik_is_refused_naming_its_record_or_row_and_a_closed_one_is_not(
        app_ctx, admin, tmp_path, small_blocks):
    first = tmp_path / "pertama.xlsx"
    sheet(first, [1, 2, 3])
    result = importing.import_file(app_ctx, admin, first, error_dir=tmp_path)
    numbers = dict(zip((1, 2, 3), result.numbers, strict=True))
    with unit_of_work(app_ctx) as session:  # the second is finished: its NIK may come again
        session.execute(update(Submission).where(Submission.number == numbers[2])
                        .values(status="selesai"))
    # Other people (other names) with the NIKs of records 1 and 2, and row 30's NIK again
    # twenty rows later, in another block.
    later = tmp_path / "kedua.xlsx"
    sheet(later, list(range(4, 60)),
          nik_of=lambda i: nik({10: 1, 17: 2, 50: 30}.get(i, i)))
    result = importing.import_file(app_ctx, admin, later, error_dir=tmp_path)
    assert result.rejected == 2 and result.imported == 54
    refused = {row: reason for row, _cells, reason in _refused(result)}
    assert refused.keys() == {8, 48}  # the sheet rows of numbers 10 and 50
    assert f"masih diproses ({numbers[1]})" in refused[8]
    assert "masih diproses (baris 28 berkas ini)" in refused[48]


def _refused(result) -> list[tuple[int, list[object], str]]:
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(result.error_workbook)).get_sheet_by_name(
        "Baris ditolak").to_python()
    start = next(i for i, row in enumerate(rows) if row[0] == "Baris asal") + 1
    return [(int(row[0]), row[2:], str(row[1])) for row in rows[start:] if row[0] != ""]


def test_the_database_is_asked_only_about_the_files_rows(app_ctx, admin, tmp_path):
    earlier = tmp_path / "lama.xlsx"
    sheet(earlier, list(range(100, 160)))
    importing.import_file(app_ctx, admin, earlier, error_dir=tmp_path)
    asked: list[str] = []

    def keep(_conn, _cursor, statement, _parameters, _context, _many):
        text = " ".join(statement.split())
        if text.startswith("SELECT") and ("import_key" in text or "submissions.nik" in text):
            asked.append(text)

    event.listen(app_ctx.engine, "before_cursor_execute", keep)
    try:
        path = tmp_path / "baru.xlsx"
        sheet(path, list(range(1, 6)))
        assert importing.import_file(app_ctx, admin, path, error_dir=tmp_path).imported == 5
    finally:
        event.remove(app_ctx.engine, "before_cursor_execute", keep)
    assert asked
    for text in asked:  # every key or NIK looked up is one of the file's, none read whole
        where = text.partition(" WHERE ")[2]
        assert " IN (" in where or "LIMIT" in text, text
