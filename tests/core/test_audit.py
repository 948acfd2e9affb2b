"""The audit trail: a row with each change, sealed with the installation's key, and every way of
rewriting it from inside the database reported (finding 3 of the safety issue)."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from desktop_app.app.cli import main as cli_main
from desktop_app.core.domain.errors import ConflictError
from desktop_app.core.models import AuditLog
from desktop_app.core.services import audit, audit_chain, backups, office
from desktop_app.core.services.context import unit_of_work
from tests.conftest import ON_POSTGRES


def _make_changes(app, admin):  # type: ignore[no-untyped-def]
    for name in ("Seksi A", "Seksi B", "Seksi C"):
        office.save_unit(app, admin, None, name, "Kepala")
    uid = office.list_units(app)[0].id
    office.save_unit(app, admin, uid, "Seksi A", "Kepala Baru")


def _tamper(app, *statements: str, **params) -> None:  # type: ignore[no-untyped-def]
    """SQL run behind the app's back by someone who also removes the append-only triggers."""
    with app.engine.begin() as conn:
        if ON_POSTGRES:
            conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
        else:
            conn.execute(text("DROP TRIGGER IF EXISTS audit_log_no_update"))
            conn.execute(text("DROP TRIGGER IF EXISTS audit_log_no_delete"))
        for sql in statements:
            conn.execute(text(sql), params)


def _rows(app) -> list[AuditLog]:  # type: ignore[no-untyped-def]
    with unit_of_work(app, write=False) as s:
        rows = list(s.query(AuditLog).order_by(AuditLog.id))
        s.expunge_all()
        return rows


def _rewrite(app, rows, *, keyed: bool) -> None:  # type: ignore[no-untyped-def]
    """Recompute every row's seal from the first one on, as an attacker would: with the key
    (``keyed``) or, lacking it, as the old unkeyed SHA-256 chain."""
    prev = audit_chain.GENESIS_HASH
    statements = []
    for row in rows:
        if keyed:
            audit_chain.seal_row(app.audit_keys, prev, row)
        else:
            row.prev_hash, row.key_id = prev, None
            row.hash = audit_chain.legacy_hash(prev, row)
        statements.append((row.id, row.prev_hash, row.hash, row.key_id, row.summary))
        prev = row.hash
    with app.engine.begin() as conn:
        if ON_POSTGRES:
            conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
        else:
            conn.execute(text("DROP TRIGGER IF EXISTS audit_log_no_update"))
        for rid, prev_hash, hsh, key_id, summary in statements:
            conn.execute(text("UPDATE audit_log SET prev_hash=:p, hash=:h, key_id=:k, "
                              "summary=:s WHERE id=:i"),
                         {"p": prev_hash, "h": hsh, "k": key_id, "s": summary, "i": rid})
        head_mac = app.audit_keys.mac(audit_chain.head_payload(rows[-1].id, prev)) if keyed \
            else None
        conn.execute(text("UPDATE audit_chain_head SET last_id=:i, last_hash=:h, mac=:m"),
                     {"i": rows[-1].id, "h": prev, "m": head_mac})


def _problems(app, admin) -> list[str]:  # type: ignore[no-untyped-def]
    report = audit.verify_chain(app, admin)
    return report.problems


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
    # only what changed is kept (and the record's version, which every update raises)
    assert set(before) <= {"head_name", "updated_at", "version"}
    assert "name" not in after
    assert audit.verify_chain(app_ctx, admin).ok


def test_rows_are_sealed_with_the_installation_key_kept_outside(app_ctx, admin):
    _make_changes(app_ctx, admin)
    key_file = app_ctx.paths.data_dir / "audit.key"
    assert key_file.exists() and (key_file.stat().st_mode & 0o077) == 0  # owner only
    rows = _rows(app_ctx)
    assert {r.key_id for r in rows} == {app_ctx.audit_keys.signing_id}
    assert all(r.hash != audit_chain.legacy_hash(r.prev_hash, r) for r in rows)
    with app_ctx.engine.connect() as conn:  # the key is nowhere in the database
        dump = " ".join(str(v) for table in ("audit_log", "audit_chain_head", "settings",
                                             "database_marker")
                        for row in conn.execute(text(f"SELECT * FROM {table}")) for v in row)
    assert app_ctx.audit_keys.signing.hex() not in dump


def test_failed_change_leaves_no_audit_row(app_ctx, admin):
    office.save_unit(app_ctx, admin, None, "Seksi A")
    count = audit.count_audit(app_ctx, admin, audit.AuditFilter())
    with pytest.raises(ConflictError):
        office.save_unit(app_ctx, admin, None, "seksi a")  # duplicate name
    assert audit.count_audit(app_ctx, admin, audit.AuditFilter()) == count


def test_the_database_refuses_plain_edits_of_the_trail(app_ctx, admin):
    _make_changes(app_ctx, admin)
    for sql in ("UPDATE audit_log SET summary = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError), app_ctx.engine.begin() as conn:
            conn.execute(text(sql))
    assert audit.verify_chain(app_ctx, admin).ok


def test_edited_row_is_reported(app_ctx, admin):
    _make_changes(app_ctx, admin)
    target = _rows(app_ctx)[1].id
    _tamper(app_ctx, "UPDATE audit_log SET summary = 'dipalsukan' WHERE id = :id", id=target)
    assert any(f"#{target}" in p and "diubah" in p for p in _problems(app_ctx, admin))


def test_deleted_middle_row_is_reported(app_ctx, admin):
    _make_changes(app_ctx, admin)
    ids = [r.id for r in _rows(app_ctx)]
    middle = ids[len(ids) // 2]
    _tamper(app_ctx, "DELETE FROM audit_log WHERE id = :id", id=middle)
    nxt = ids[ids.index(middle) + 1]
    assert any(f"#{nxt}" in p and "terputus" in p for p in _problems(app_ctx, admin))


def test_deleted_last_row_is_reported(app_ctx, admin):
    _make_changes(app_ctx, admin)
    last = _rows(app_ctx)[-1].id
    _tamper(app_ctx, "DELETE FROM audit_log WHERE id = :id", id=last)
    assert any("Ujung rantai" in p for p in _problems(app_ctx, admin))


def test_truncated_tail_with_the_head_fixed_is_reported(app_ctx, admin):
    _make_changes(app_ctx, admin)
    rows = _rows(app_ctx)
    keep = rows[-3]
    _tamper(app_ctx, "DELETE FROM audit_log WHERE id > :id",
            "UPDATE audit_chain_head SET last_id = :id, last_hash = :h", id=keep.id, h=keep.hash)
    assert any("Ujung rantai audit diubah" in p for p in _problems(app_ctx, admin))


def test_truncated_tail_with_an_old_valid_head_is_caught_by_an_anchor(app_ctx, admin):
    _make_changes(app_ctx, admin)
    with app_ctx.engine.connect() as conn:
        old_head = tuple(conn.execute(text("SELECT last_id, last_hash, mac FROM "
                                           "audit_chain_head")).one())
    backups.backup_now(app_ctx, admin)  # its manifest and the anchor log record the chain
    office.save_unit(app_ctx, admin, None, "Seksi D")
    # An anchor taken after the backup (every start writes one) ...
    with unit_of_work(app_ctx, write=False) as s:
        audit_chain.write_anchor(app_ctx.paths, audit_chain.current_anchor(s))
    # ... then the newest rows removed and the head put back as a copy of the backup has it.
    _tamper(app_ctx, "DELETE FROM audit_log WHERE id > :id",
            "UPDATE audit_chain_head SET last_id = :id, last_hash = :h, mac = :m",
            id=old_head[0], h=old_head[1], m=old_head[2])
    problems = _problems(app_ctx, admin)
    assert any("terpotong" in p for p in problems), problems


def test_deleted_head_row_is_reported(app_ctx, admin):
    _make_changes(app_ctx, admin)
    _tamper(app_ctx, "DELETE FROM audit_chain_head")
    assert any("Ujung rantai audit hilang" in p for p in _problems(app_ctx, admin))


def test_edited_and_recomputed_chain_without_the_key_is_reported(app_ctx, admin, test_db):
    from tests.conftest import _open

    _make_changes(app_ctx, admin)
    _open(test_db).dispose()  # the next start writes an anchor outside the database
    rows = _rows(app_ctx)
    rows[1].summary = "dipalsukan"
    _rewrite(app_ctx, rows, keyed=False)  # plain SHA-256, as the old chain was
    problems = _problems(app_ctx, admin)
    assert any("dihitung ulang" in p for p in problems), problems


def test_recomputing_all_but_the_newest_rows_breaks_the_keyed_link(app_ctx, admin):
    _make_changes(app_ctx, admin)
    rows = _rows(app_ctx)
    rows[1].summary = "dipalsukan"
    _rewrite(app_ctx, rows[:-1], keyed=False)  # the newest (keyed) row still links to the old
    problems = _problems(app_ctx, admin)
    assert any("terputus" in p for p in problems), problems


def test_recomputed_chain_with_the_key_is_caught_by_an_anchor(app_ctx, admin):
    """Someone who also stole audit.key can reseal rows, but not the anchors outside."""
    _make_changes(app_ctx, admin)
    backups.backup_now(app_ctx, admin)
    rows = _rows(app_ctx)
    rows[1].summary = "dipalsukan"
    _rewrite(app_ctx, rows, keyed=True)
    problems = _problems(app_ctx, admin)
    assert any("dihitung ulang" in p for p in problems), problems


def test_emptied_trail_of_a_database_with_data_is_reported(app_ctx, admin):
    _make_changes(app_ctx, admin)
    _tamper(app_ctx, "DELETE FROM audit_log", "DELETE FROM audit_chain_head")
    report = audit.verify_chain(app_ctx, admin)
    assert report.rows_checked == 0
    assert any("kosong" in p for p in report.problems)


def test_rows_sealed_with_a_key_this_pc_lacks_are_not_called_intact(app_ctx, admin, tmp_path):
    _make_changes(app_ctx, admin)
    key_file = app_ctx.paths.data_dir / "audit.key"
    key_file.write_text("ab" * 32 + "\n")  # another installation's key
    app_ctx._audit_keys = None
    problems = _problems(app_ctx, admin)
    assert any("audit.key" in p for p in problems)


def test_old_unkeyed_rows_keep_verifying_and_are_sealed_by_the_next_row(app_ctx, admin):
    """Migration path: rows written before 0007 keep their SHA-256; the first keyed row links
    to them, so recomputing them afterwards breaks that link."""
    _make_changes(app_ctx, admin)
    rows = _rows(app_ctx)
    _rewrite(app_ctx, rows, keyed=False)  # as an upgraded database has them
    assert audit.verify_chain(app_ctx, admin).ok
    office.save_unit(app_ctx, admin, None, "Seksi D")  # written with the key
    assert audit.verify_chain(app_ctx, admin).ok
    rows[0].summary = "dipalsukan"
    _rewrite(app_ctx, rows, keyed=False)  # recompute the old part only
    problems = _problems(app_ctx, admin)
    assert any("terputus" in p for p in problems), problems


def test_cli_audit_verify_exits_non_zero_on_tampering(app_ctx, admin, test_db, capsys):
    _make_changes(app_ctx, admin)
    assert cli_main([*test_db.cli_args, "audit", "verify"]) == 0
    assert "utuh" in capsys.readouterr().out
    target = _rows(app_ctx)[1].id
    _tamper(app_ctx, "UPDATE audit_log SET after_json = '{}' WHERE id = :id", id=target)
    app_ctx.dispose()
    code = cli_main([*test_db.cli_args, "audit", "verify"])
    out = capsys.readouterr().out
    assert code != 0
    assert "RUSAK" in out and f"#{target}" in out


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
    today = audit.AuditFilter(date_from=datetime(2026, 11, 23).date())
    assert audit.count_audit(app_ctx, admin, today) == total


def test_a_summary_with_control_characters_keeps_the_chain_intact(app_ctx, admin):
    """The database keeps no control characters (they are dropped on the way in): the seal is
    made on the text as stored, so a note pasted with a NUL, a bell or an escape in it (the
    typing robot's) does not make its own row look tampered with."""
    from desktop_app.core.services.context import unit_of_work

    pasted = "Catatan\x00 dengan\x07 bel\x1b dan\r\nbaris \x85C1 \u2028"
    with unit_of_work(app_ctx) as session:
        audit.record(session, admin, "update", "office_unit", "1", summary=pasted,
                     before={"name": "A"}, after={"name": "B\x9f" + pasted})
        audit.record_many(session, admin, [("create", "office_unit", "2", {"name": pasted},
                                            pasted),
                                           ("create", "office_unit", "3\x07", None, pasted)])
    report = audit.verify_chain(app_ctx, admin)
    assert report.ok, report.problems
    stored = [r for r in _rows(app_ctx) if r.entity == "office_unit"]
    assert stored[-1].summary == "Catatan dengan bel dan\nbaris C1 \u2028"
    assert (stored[-1].entity_id, stored[-1].after_json) == ("3", None)
