"""Every lookup by NIK is driven by a NIK index on SQLite, without planner statistics (an
office's database is never analysed): the form's duplicate check and an import's check of each
chunk. Before, SQLite walked every open record (of the category) through the status index and
read each one's NIK: a check took longer the more records were open (about 40 ms a chunk at
50,000 records, a second at a million), on every save of the form."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from desktop_app.intake.services import importing, records
from tests.intake.factories import rtlh_input
from tests.intake.services.test_import_outcome import office_workbook

NIK_INDEXES = ("ix_submissions_nik", "ix_submissions_reporter_nik")


@pytest.fixture
def nik_queries(app_ctx):
    """The SELECTs that look submissions up by NIK, with their parameters, as they run."""
    if not app_ctx.is_sqlite:
        pytest.skip("SQLite's planner without statistics is what this is about")
    seen: list[tuple[str, object]] = []

    def keep(_conn, _cursor, statement, parameters, _context, _many):
        text = " ".join(statement.split())
        where = text.partition(" WHERE ")[2]
        if text.startswith("SELECT") and ("nik =" in where or "nik IN" in where):
            seen.append((statement, parameters))

    event.listen(app_ctx.engine, "before_cursor_execute", keep)
    yield seen
    event.remove(app_ctx.engine, "before_cursor_execute", keep)


def _plans(app_ctx, queries) -> list[str]:
    with app_ctx.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        return [" / ".join(row[3] for row in raw.execute(f"EXPLAIN QUERY PLAN {statement}",
                                                           parameters))
                for statement, parameters in queries]


def test_the_duplicate_check_finds_a_nik_through_the_nik_indexes(app_ctx, operator,
                                                                 nik_queries):
    records.create_submission(app_ctx, operator, rtlh_input())
    assert records.find_duplicates(app_ctx, operator, rtlh_input())  # it still finds it
    plans = _plans(app_ctx, nik_queries)
    assert plans
    for plan in plans:
        assert all(index in plan for index in NIK_INDEXES), plan
        assert "status" not in plan, plan


def test_an_import_checks_each_chunks_niks_through_the_nik_index(app_ctx, admin, tmp_path,
                                                                 nik_queries, monkeypatch):
    monkeypatch.setattr(importing, "CHUNK_ROWS", 50)
    path = tmp_path / "usulan.xlsx"
    office_workbook(path)
    result = importing.import_file(app_ctx, admin, path, error_dir=tmp_path)
    assert result.imported > 100
    plans = _plans(app_ctx, nik_queries)
    assert len(plans) >= 2  # one per chunk
    for plan in plans:
        assert "ix_submissions_nik" in plan, plan
        assert "status" not in plan, plan
