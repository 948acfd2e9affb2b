"""The faster import (issue 14) keeps every outcome: a file imported whole before is not read
again, one with refused rows is; chunks are saved (on PostgreSQL on a second thread while the
next rows are checked), and a failure there stops the import without losing what was saved; the plain bulk
insert stores what a Core INSERT stores; control characters never reach the database."""

from __future__ import annotations

import gc
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from desktop_app.core.domain.progress import Cancelled
from desktop_app.core.services import audit, context
from desktop_app.db.engine import bulk_insert
from desktop_app.intake.models import StatusChange, Submission
from desktop_app.intake.services import importing, listing, records
from tests.intake.services.test_import_chunks import ROWS, many_rows_workbook


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(importing, "CHUNK_ROWS", 50, raising=False)


def _no_reading(monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("the file was read again")

    monkeypatch.setattr(importing, "read_submissions_sheet", refuse)


def test_a_file_imported_whole_is_not_read_again(app_ctx, verifier, admin, tmp_path,
                                                  monkeypatch):
    path = tmp_path / "aduan.xlsx"
    many_rows_workbook(path, rows=40)
    first = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert (first.imported, first.rejected) == (40, 0)
    _no_reading(monkeypatch)
    again = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert (again.imported, again.rejected, again.skipped_existing) == (0, 0, 40)
    assert "sudah diimpor utuh" in again.summary() and "verifikator" in again.summary()
    assert listing.SubmissionPageSource(app_ctx, verifier).count(None) == 40
    imports = audit.list_audit(app_ctx, admin, audit.AuditFilter(entity="submission",
                                                                 action="import"))
    assert len(imports) == 2 and "sudah diimpor utuh" in imports[0].summary
    assert audit.verify_chain(app_ctx, admin).ok
    # The same through the import screen's path (preview, then import_rows): no row is checked.
    monkeypatch.undo()
    prev = importing.preview(app_ctx, path)
    monkeypatch.setattr(importing, "_check_rows", lambda *a, **k: pytest.fail("checked"))
    screen = importing.import_rows(app_ctx, verifier, prev, prev.suggestion.mapping,
                                   importing.ImportDefaults())
    assert (screen.imported, screen.skipped_existing) == (0, 40)


def test_a_changed_file_or_other_defaults_are_read_again(app_ctx, verifier, tmp_path):
    path = tmp_path / "aduan.xlsx"
    many_rows_workbook(path, rows=30)
    importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    wb = Workbook()
    wb.active.append(["Nama Pelapor", "Perihal", "Desa", "Tanggal"])
    wb.active.append(["Warga Baru", "Jalan berlubang", "Inan", "02/11/2026"])
    wb.save(path)  # same name, other bytes
    drainage = importing.ImportDefaults(kind="aduan", category="drainase")
    changed = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path,
                                    defaults=drainage)
    assert (changed.imported, changed.already) == (1, ""), changed.summary()
    other = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path,
                                  defaults=importing.ImportDefaults(kind="aduan",
                                                                    category="jalan"))
    assert other.already == "" and other.imported == 1  # another category: another record
    same = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path,
                                 defaults=drainage)
    assert same.already and same.skipped_existing == 1


def test_a_file_with_refused_rows_is_read_again_and_rows_that_now_pass_go_in(
        app_ctx, verifier, admin, tmp_path):
    path = tmp_path / "aduan.xlsx"
    many_rows_workbook(path, rows=46, bad_every=23)  # 2 rows name "Kampung Entah"
    first = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert (first.imported, first.rejected) == (44, 2)
    again = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert (again.already, again.imported, again.skipped_existing, again.rejected) == (
        "", 0, 44, 2)


def test_a_failure_while_saving_a_chunk_stops_the_import_and_keeps_the_saved_chunks(
        app_ctx, verifier, admin, tmp_path, small_chunks, monkeypatch):
    path = tmp_path / "aduan.xlsx"
    many_rows_workbook(path)
    calls = []
    real = importing.save_many

    def fail_third(session, actor, items, extra=None):
        calls.append(len(items))
        if len(calls) == 3:
            raise OSError("disk penuh")
        return real(session, actor, items, extra)

    monkeypatch.setattr(importing, "save_many", fail_third)
    with pytest.raises(OSError, match="disk penuh"):
        importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    source = listing.SubmissionPageSource(app_ctx, verifier)
    assert source.count(None) == 100  # two whole chunks; the third rolled back
    monkeypatch.setattr(importing, "save_many", real)
    again = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert (again.imported, again.skipped_existing) == (ROWS - 100, 100)
    numbers = [r.number for r in source.fetch(None, "number", False, 0, 1000)]
    assert len(set(numbers)) == ROWS
    assert audit.verify_chain(app_ctx, admin).ok


def test_the_cycle_collector_is_paused_while_importing_and_resumed_after(
        app_ctx, verifier, tmp_path, small_chunks):
    path = tmp_path / "aduan.xlsx"
    many_rows_workbook(path)
    seen = []

    def progress(done: int, total: int, text: str = "") -> None:
        seen.append(gc.isenabled())
        if text.startswith("Menyimpan") and done == 150:
            raise Cancelled()

    assert gc.isenabled()
    prev = importing.preview(app_ctx, path)
    assert gc.isenabled()
    with pytest.raises(Cancelled):
        importing.import_rows(app_ctx, verifier, prev, prev.suggestion.mapping,
                              importing.ImportDefaults(), error_dir=tmp_path, progress=progress)
    assert seen and not any(seen)  # paused while checking and saving
    assert gc.isenabled()  # and resumed, after a cancelled import too
    result = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert result.imported == ROWS - 150 and gc.isenabled()
    gc.disable()
    try:  # a caller that paused it keeps it paused
        importing.import_file(app_ctx, verifier, tmp_path / "aduan.xlsx", error_dir=tmp_path)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_bulk_insert_stores_what_a_core_insert_stores(app_ctx):
    now = datetime(2026, 11, 23, 1, 30, 5, 120)
    row = {"number": "ADU/2026/9001", "kind": "aduan", "category": "drainase",
           "received_on": date(2026, 11, 2), "channel": "loket", "reporter_name": "Ani",
           "subject": "Saluran", "desa_code": "63.11.07.2003", "status": "diterima",
           "needs_check": True, "created_at": now, "updated_at": now, "latitude": -2.5}
    with context.unit_of_work(app_ctx) as session:
        bulk_insert(session.connection(), records.SUBMISSIONS_TABLE, [row])
        with pytest.raises(ValueError, match="default"):
            bulk_insert(session.connection(), StatusChange.__table__, [{"submission_id": 1}])
    with context.unit_of_work(app_ctx, write=False) as session:
        sub = session.scalars(select(Submission)).one()
        assert (sub.received_on, sub.created_at, sub.needs_check, sub.latitude) == (
            date(2026, 11, 2), now, True, -2.5)
        assert (sub.version, sub.description) == (1, "")  # the columns' own defaults


def test_bulk_insert_by_columns_stores_what_one_core_insert_per_row_stores(app_ctx):
    """Rows naming every column (picked a column at a time) or not (a missing key is NULL),
    one moment object shared by every row (converted once), and equal moments written in
    different zones (kept apart): as a Core INSERT per row stores them."""
    shared = datetime(2026, 11, 23, 1, 30, 5, 120)
    wita = timezone(timedelta(hours=8))
    full = [{"submission_id": 0, "at": shared, "user_name": f"Petugas {n}", "note": f"c{n}",
             "from_status": None, "to_status": "diterima"} for n in range(5)]
    full += [{"submission_id": 0, "at": datetime(2026, 11, 23, 9, 30, tzinfo=wita),
              "user_name": "Wita", "note": "", "from_status": "diterima",
              "to_status": "diverifikasi"},
             {"submission_id": 0, "at": datetime(2026, 11, 23, 1, 30, tzinfo=UTC),
              "user_name": "Utc", "note": "x", "from_status": "diterima",
              "to_status": "diverifikasi"}]
    partial = [{"submission_id": 0, "at": shared, "user_name": "Tanpa status lama",
                "to_status": "ditolak", "note": ""},
               {"submission_id": 0, "at": shared, "user_name": "Ber\x07catatan",
                "to_status": "x", "note": "y", "from_status": "diterima"}]
    table = StatusChange.__table__
    with context.unit_of_work(app_ctx) as session:
        bulk_insert(session.connection(), records.SUBMISSIONS_TABLE, [{
            "number": "ADU/2026/9003", "kind": "aduan", "category": "drainase",
            "received_on": date(2026, 11, 2), "channel": "loket", "reporter_name": "Ani",
            "subject": "Saluran", "desa_code": "63.11.07.2003", "status": "diterima",
            "created_at": shared, "updated_at": shared}])
        sid = session.scalar(select(Submission.id))
        for rows in (full, partial):
            for row in rows:
                row["submission_id"] = sid
            bulk_insert(session.connection(), table, rows)
            for row in rows:
                session.execute(table.insert().values(
                    **{k: v.replace("\x07", "") if isinstance(v, str) else v
                       for k, v in row.items()}))
    with context.unit_of_work(app_ctx, write=False) as session:
        stored = [tuple(r)[1:] for r in session.execute(select(table).order_by(table.c.id))]
    bulk_full, core_full = stored[:7], stored[7:14]
    bulk_partial, core_partial = stored[14:16], stored[16:]
    assert bulk_full == core_full and bulk_partial == core_partial
    # SQLite keeps each zone's clock time apart (a conversion looked up by equality would not);
    # PostgreSQL stores the instant, the same for both
    assert len({r[1] for r in bulk_full}) == (3 if app_ctx.is_sqlite else 2)
    assert bulk_partial[0][4] is None  # the status missing from a row that names others


def test_control_characters_never_reach_the_database_in_a_bulk_insert(app_ctx):
    # A workbook cannot even hold most of them; a field export's CSV can, and the engine
    # strips them from every statement, the fast bulk path included.
    with context.unit_of_work(app_ctx) as session:
        bulk_insert(session.connection(), records.SUBMISSIONS_TABLE, [
            {"number": "ADU/2026/9002", "kind": "aduan", "category": "drainase",
             "received_on": date(2026, 11, 2), "channel": "loket",
             "reporter_name": "Bel\x07l", "subject": "O\x00k", "desa_code": "63.11.07.2003",
             "status": "diterima", "created_at": datetime(2026, 11, 23),
             "updated_at": datetime(2026, 11, 23)}])
    with context.unit_of_work(app_ctx, write=False) as session:
        assert tuple(session.execute(select(Submission.reporter_name, Submission.subject).where(
            Submission.number == "ADU/2026/9002")).one()) == ("Bell", "Ok")
