"""Priorities and macro problems are saved the same way: a code is unique within its year
(another year may use it), an edit keeps the row and is audited as an update with what
changed, and an edit of a row deleted meanwhile (on another desk) is refused."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from desktop_app.core.domain.errors import ConflictError, NotFound
from desktop_app.core.models import AuditLog
from desktop_app.core.services.context import unit_of_work
from desktop_app.planning.services import frame

YEAR = 2027


def _last_audit(app, entity):  # type: ignore[no-untyped-def]
    with unit_of_work(app, write=False) as session:
        row = session.scalars(select(AuditLog).where(AuditLog.entity == entity)
                              .order_by(AuditLog.id.desc()).limit(1)).one()
        return row.action, json.loads(row.before_json or "null"), json.loads(row.after_json)


@pytest.mark.parametrize("kind", ["priority", "macro"])
def test_codes_unique_per_year_edits_audited_deleted_rows_refused(app_ctx, admin, kind):
    if kind == "priority":
        def save(id_, year, code, title):  # type: ignore[no-untyped-def]
            return frame.save_priority(app_ctx, admin, frame.PriorityInfo(id_, year, code,
                                                                          title))
        delete, entity, word = frame.delete_priority, "planning_priority", "prioritas"
    else:
        def save(id_, year, code, title):  # type: ignore[no-untyped-def]
            return frame.save_macro_problem(app_ctx, admin, frame.MacroProblemInfo(
                id_, year, code, title, indicators=[]))
        delete, entity, word = frame.delete_macro_problem, "planning_macro_problem", "masalah"
    first = save(None, YEAR, "X1", "Kemiskinan ekstrem")
    assert _last_audit(app_ctx, entity)[0] == "create"
    with pytest.raises(ConflictError) as clash:
        save(None, YEAR, " X1 ", "Lain")
    assert clash.value.message == f"Kode {word} X1 sudah dipakai tahun {YEAR}."
    assert save(None, YEAR + 1, "X1", "Tahun berikutnya") != first  # another year may
    assert save(first, YEAR, "X1", "Kemiskinan ekstrem dan stunting") == first
    action, before, after = _last_audit(app_ctx, entity)
    assert action == "update" and before["title"] == "Kemiskinan ekstrem"
    assert "code" not in before  # only what changed
    assert after["title"] == "Kemiskinan ekstrem dan stunting"
    second = save(None, YEAR, "X2", "Pengangguran")
    with pytest.raises(ConflictError):  # renaming onto a code in use
        save(second, YEAR, "X1", "Pengangguran")
    delete(app_ctx, admin, second)
    with pytest.raises(NotFound):
        save(second, YEAR, "X2", "Pengangguran terbuka")
