"""One record's audit rows are found through the (entity_id, entity) index on SQLite, without
planner statistics: the conflict message of a refused save names who changed the record and
what, from its newest rows. Before, SQLite read every row of the record kind through the
entity index and sorted them (0.4 s warm, 13 s cold at a million rows), inside the refused
save's transaction."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from desktop_app.core.services import office, versions
from desktop_app.core.services.context import unit_of_work


def test_a_conflict_message_reads_the_records_rows_through_their_index(app_ctx, admin):
    if not app_ctx.is_sqlite:
        pytest.skip("SQLite's planner without statistics is what this is about")
    office.save_unit(app_ctx, admin, None, "Seksi Umum", "Kepala A")
    unit = office.list_units(app_ctx)[0]
    office.save_unit(app_ctx, admin, unit.id, "Seksi Umum dan Kepegawaian", "Kepala A",
                     version=unit.version)
    seen: list[tuple[str, object]] = []

    def keep(_conn, _cursor, statement, parameters, _context, _many):
        if "FROM audit_log" in statement and "entity_id" in statement:
            seen.append((statement, parameters))

    event.listen(app_ctx.engine, "before_cursor_execute", keep)
    try:
        with unit_of_work(app_ctx, write=False) as session:
            error = versions.changed_error(session, "office_unit", unit.id, unit.version,
                                           "Seksi", {"name": "Nama seksi/bidang"})
    finally:
        event.remove(app_ctx.engine, "before_cursor_execute", keep)
    assert "Nama seksi/bidang" in str(error)  # it still finds the change
    assert seen
    with app_ctx.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        for statement, parameters in seen:
            plan = " / ".join(row[3] for row in raw.execute(
                f"EXPLAIN QUERY PLAN {statement}", parameters))
            assert "ix_audit_log_record" in plan, plan
