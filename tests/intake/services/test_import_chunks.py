"""Short write transactions for import (issue 10, finding 6): the rows are checked outside
any write transaction and saved in chunks, so that another desk can commit while a long import
runs; a cancelled or killed import resumes without duplicates; every check and audit row
stays."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest
from openpyxl import Workbook

from desktop_app.core.domain.progress import Cancelled
from desktop_app.core.services import audit
from desktop_app.intake.services import importing, listing

ROWS = 230


def many_rows_workbook(path, rows: int = ROWS, bad_every: int = 0) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["No", "Jenis", "Kategori", "Nama Pelapor", "Perihal", "Desa", "RT", "Tanggal"])
    first = date(2026, 1, 5)
    for n in range(1, rows + 1):
        desa = "Kampung Entah" if bad_every and n % bad_every == 0 else "Inan"
        ws.append([n, "Aduan", "drainase", f"Warga Nomor {n}", f"Saluran tersumbat {n}", desa,
                   str(n % 9 + 1), (first + timedelta(days=n % 300)).strftime("%d/%m/%Y")])
    wb.save(path)


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(importing, "CHUNK_ROWS", 50, raising=False)


def _second_desk_writes(app_ctx, n: int) -> None:
    """Another desk saves something, waiting at most one second for SQLite's write lock
    (its default would wait 30 s and then fail with DatabaseLockedError)."""
    conn = sqlite3.connect(app_ctx.paths.database, timeout=1.0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO regions (code, name, level, active) VALUES (?, ?, 'desa', 1)",
                     (f"99.99.99.{n:04d}", f"Desa Meja Dua {n}"))
        conn.execute("COMMIT")
    finally:
        conn.close()


def test_another_desk_commits_while_a_long_import_checks_and_writes(app_ctx, verifier,
                                                                    tmp_path, small_chunks):
    if not app_ctx.is_sqlite:
        pytest.skip("SQLite's single write lock is what this is about")
    path = tmp_path / "banyak.xlsx"
    many_rows_workbook(path)
    writes: list[str] = []

    def progress(done: int, total: int, text: str = "") -> None:
        # Called while the rows are checked and between the chunks being saved.
        if (text.startswith("Memeriksa") and done == 200) or \
                (text.startswith("Menyimpan") and done > 0):
            _second_desk_writes(app_ctx, len(writes))
            writes.append(text)

    result = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path,
                                   progress=progress)
    assert result.imported == ROWS
    assert len(writes) == 1 + (ROWS - 1) // 50  # once while checking, between every chunk
    conn = sqlite3.connect(app_ctx.paths.database)
    try:
        assert conn.execute("SELECT count(*) FROM regions WHERE code LIKE '99.%'").fetchone() \
            == (len(writes),)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        conn.close()


def test_a_cancelled_import_keeps_its_chunks_and_resumes_without_duplicates(
        app_ctx, verifier, admin, tmp_path, small_chunks):
    path = tmp_path / "banyak.xlsx"
    many_rows_workbook(path, bad_every=23)  # 10 rows name an unknown desa: refused
    good = ROWS - ROWS // 23

    def cancel_at_third_chunk(done: int, total: int, text: str = "") -> None:
        if text.startswith("Menyimpan") and done == 100:
            raise Cancelled()

    with pytest.raises(Cancelled):
        importing.import_file(app_ctx, verifier, path, error_dir=tmp_path,
                              progress=cancel_at_third_chunk)
    source = listing.SubmissionPageSource(app_ctx, verifier)
    assert source.count(None) == 100  # two whole chunks, nothing of the third
    again = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert (again.imported, again.skipped_existing, again.rejected) == (good - 100, 100,
                                                                         ROWS // 23)
    assert source.count(None) == good
    numbers = [r.number for r in source.fetch(None, "number", False, 0, 1000)]
    assert len(set(numbers)) == good  # numbers without duplicates
    created = audit.list_audit(app_ctx, admin, audit.AuditFilter(entity="submission",
                                                                 action="create"), limit=1000)
    assert len(created) == good  # every saved record audited, in either run
    imports = audit.list_audit(app_ctx, admin, audit.AuditFilter(entity="submission",
                                                                 action="import"))
    assert len(imports) == 1 and "ditolak" in imports[0].summary
    assert audit.verify_chain(app_ctx, admin).ok
