"""The hash-chained audit trail: rows written with each change, tampering reported."""

from __future__ import annotations

import json

from sqlalchemy import text

from desktop_app.app.cli import main as cli_main
from desktop_app.core.services import audit, office
from desktop_app.core.services.context import unit_of_work


def _make_changes(app, admin):  # type: ignore[no-untyped-def]
    for name in ("Seksi A", "Seksi B", "Seksi C"):
        office.save_unit(app, admin, None, name, "Kepala")
    uid = office.list_units(app)[0].id
    office.save_unit(app, admin, uid, "Seksi A", "Kepala Baru")


def _exec(app, sql: str, **params) -> None:  # type: ignore[no-untyped-def]
    with app.engine.begin() as conn:
        conn.execute(text(sql), params)


def test_change_writes_audit_row_with_before_and_after(app_ctx, admin):
    _make_changes(app_ctx, admin)
    rows = audit.list_audit(app_ctx, admin, audit.AuditFilter(entity="office_unit",
                                                               action="update"))
    assert len(rows) == 1
    row = rows[0]
    assert row.username == "admin"
    before = json.loads(row.before_json or "{}")
    after = json.loads(row.after_json or "{}")
    assert before["head_name"] == "Kepala" and after["head_name"] == "Kepala Baru"
    assert set(before) <= {"head_name", "updated_at"}  # only what changed is kept
    assert "name" not in after
    assert audit.verify_chain(app_ctx, admin).ok


def test_failed_change_leaves_no_audit_row(app_ctx, admin):
    office.save_unit(app_ctx, admin, None, "Seksi A")
    count = audit.count_audit(app_ctx, admin, audit.AuditFilter())
    try:
        office.save_unit(app_ctx, admin, None, "seksi a")  # duplicate name
    except Exception:  # noqa: BLE001
        pass
    assert audit.count_audit(app_ctx, admin, audit.AuditFilter()) == count


def test_edited_row_is_reported(app_ctx, admin):
    _make_changes(app_ctx, admin)
    assert audit.verify_chain(app_ctx, admin).ok
    target = audit.list_audit(app_ctx, admin, audit.AuditFilter(entity="office_unit"),
                              descending=False)[1].id
    _exec(app_ctx, "UPDATE audit_log SET summary = 'dipalsukan' WHERE id = :id", id=target)
    report = audit.verify_chain(app_ctx, admin)
    assert not report.ok
    assert any(f"#{target}" in p and "diubah" in p for p in report.problems)


def test_deleted_middle_row_is_reported(app_ctx, admin):
    _make_changes(app_ctx, admin)
    ids = [r.id for r in audit.list_audit(app_ctx, admin, audit.AuditFilter(), descending=False)]
    middle = ids[len(ids) // 2]
    _exec(app_ctx, "DELETE FROM audit_log WHERE id = :id", id=middle)
    report = audit.verify_chain(app_ctx, admin)
    assert not report.ok
    nxt = ids[ids.index(middle) + 1]
    assert any(f"#{nxt}" in p and "terputus" in p for p in report.problems)


def test_deleted_last_row_is_reported(app_ctx, admin):
    _make_changes(app_ctx, admin)
    last = audit.list_audit(app_ctx, admin, audit.AuditFilter(), limit=1)[0].id
    _exec(app_ctx, "DELETE FROM audit_log WHERE id = :id", id=last)
    report = audit.verify_chain(app_ctx, admin)
    assert any("Ujung rantai" in p for p in report.problems)


def test_cli_audit_verify_exits_non_zero_on_tampering(app_ctx, admin, capsys):
    _make_changes(app_ctx, admin)
    data_dir = str(app_ctx.paths.data_dir)
    assert cli_main(["--data-dir", data_dir, "audit", "verify"]) == 0
    assert "utuh" in capsys.readouterr().out
    _exec(app_ctx, "UPDATE audit_log SET after_json = '{}' WHERE id = 2")
    app_ctx.dispose()
    code = cli_main(["--data-dir", data_dir, "audit", "verify"])
    out = capsys.readouterr().out
    assert code != 0
    assert "RUSAK" in out and "#2" in out


def test_audit_filters(app_ctx, admin):
    _make_changes(app_ctx, admin)
    flt = audit.AuditFilter(text="Seksi B")
    rows = audit.list_audit(app_ctx, admin, flt)
    assert rows and all("Seksi B" in r.summary or "Seksi B" in (r.after_json or "")
                        for r in rows)
    assert audit.count_audit(app_ctx, admin, flt) == len(rows)
    assert "office_unit" in audit.distinct_values(app_ctx, admin, "entity")
    assert audit.count_audit(app_ctx, admin, audit.AuditFilter(username="nobody")) == 0
    with unit_of_work(app_ctx, write=False) as s:
        total = s.execute(text("SELECT COUNT(*) FROM audit_log")).scalar()
    page = audit.list_audit(app_ctx, admin, audit.AuditFilter(), offset=1, limit=2)
    assert len(page) == 2 and total >= 3
