"""Backups: online copy + integrity check + manifest, retention, and a restore that checks the
file before it touches anything and stops every other copy of the app from writing."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desktop_app.core.domain.errors import BackupRejected, DatabaseReplacedError, PermissionDenied
from desktop_app.core.services import backups, office, settings
from desktop_app.db import backup
from tests.conftest import ON_POSTGRES, sqlite_only


def _make_db(path: Path, rows: int = 50) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    conn.executemany("INSERT INTO t (v) VALUES (?)", [(f"baris {i}" * 20,) for i in range(rows)])
    conn.commit()
    conn.close()
    return path


def _units(app) -> set[str]:  # type: ignore[no-untyped-def]
    return {u.name for u in office.list_units(app)}


def test_backup_file_copies_and_checks(tmp_path: Path):
    src = _make_db(tmp_path / "src.sqlite3", 2000)
    calls: list[tuple[int, int]] = []
    target = backup.backup_file(src, tmp_path / "b" / "copy.sqlite3", lambda d, t, text="": calls.append((d, t)))
    assert target.exists() and not target.with_suffix(".sqlite3.part").exists()
    assert backup.integrity_check(target) == []
    conn = sqlite3.connect(target)
    assert conn.execute("SELECT COUNT(*) FROM t").fetchone()[0] == 2000
    conn.close()
    assert calls and calls[-1][0] == calls[-1][1]


def test_integrity_check_reports_broken_file(tmp_path: Path):
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    assert backup.integrity_check(bad) != []


def _touch(folder: Path, when: datetime, reason: str = "harian") -> Path:
    path = folder / backup.backup_name(reason, when)
    path.write_bytes(b"x")
    return path


def test_retention_keeps_7_daily_4_weekly_12_monthly(tmp_path: Path):
    start = datetime(2026, 11, 24, 8, 0)
    days = [start - timedelta(days=i) for i in range(400)]
    for d in days:  # one backup a day for more than a year, two on the newest day
        _touch(tmp_path, d)
    _touch(tmp_path, start + timedelta(hours=2), "manual")
    kept_special = _touch(tmp_path, start - timedelta(days=500), "pra-pulih")
    backup.apply_retention(tmp_path, 7, 4, 12)
    kept = {b.made_at for b in backup.list_backups(tmp_path)}
    expected: set[datetime] = {start + timedelta(hours=2)}  # newest of the newest day
    expected |= {d for d in days[1:7]}  # six earlier days
    weeks: dict[tuple[int, int], datetime] = {}
    months: dict[tuple[int, int], datetime] = {}
    for d in [start + timedelta(hours=2)] + days:
        weeks.setdefault(tuple(d.isocalendar()[:2]), d)
        months.setdefault((d.year, d.month), d)
    expected |= set(list(weeks.values())[:4]) | set(list(months.values())[:12])
    expected.add(kept_special and start - timedelta(days=500))
    assert kept == expected
    assert 7 <= len(kept) <= 7 + 4 + 12 + 1


def test_pre_restore_copies_are_pruned_to_the_newest_few(tmp_path: Path):
    """Finding 9: 'pra-pulih' copies were never pruned."""
    start = datetime(2026, 11, 1, 8, 0)
    made = [_touch(tmp_path, start + timedelta(days=i), "pra-pulih") for i in range(8)]
    for path in made:
        backup.manifest_path(path).write_text("{}")
    migration = _touch(tmp_path, start - timedelta(days=400), "pra-migrasi")
    backup.apply_retention(tmp_path, 7, 4, 12, keep_pre_restore=5)
    left = sorted(p for p in tmp_path.iterdir() if p.suffix == ".sqlite3")
    assert left == sorted([migration, *made[3:]])
    assert not backup.manifest_path(made[0]).exists()  # a manifest goes with its backup


def test_backup_now_writes_audited_file_manifest_and_anchor(app_ctx, admin):
    office.save_unit(app_ctx, admin, None, "Seksi A")
    path = backups.backup_now(app_ctx, admin)
    assert path.exists() and path.suffix == (".dump" if ON_POSTGRES else ".sqlite3")
    if not ON_POSTGRES:
        assert backup.integrity_check(path) == []
    listed = backups.list_backups(app_ctx, admin)
    assert [b.path for b in listed] == [path]
    assert listed[0].reason == "manual" and listed[0].size > 0
    manifest = json.loads(backup.manifest_path(path).read_text("utf-8"))
    assert manifest["sha256"] == backup.sha256_file(path) and manifest["size"] == path.stat().st_size
    assert manifest["schema_revision"] and manifest["audit"]["count"] >= 2
    anchors = (app_ctx.paths.logs / "audit-anchors.jsonl").read_text("utf-8").splitlines()
    assert json.loads(anchors[-1])["head_hash"] == manifest["audit"]["head_hash"]
    from desktop_app.core.services.audit import AuditFilter, list_audit

    assert list_audit(app_ctx, admin, AuditFilter(action="backup"))


def test_restore_keeps_copy_of_replaced_database(app_ctx, admin):
    office.save_unit(app_ctx, admin, None, "Seksi Sebelum")
    saved = backups.backup_now(app_ctx, admin)
    office.save_unit(app_ctx, admin, None, "Seksi Sesudah")
    safety = backups.restore(app_ctx, admin, saved)
    assert safety.exists() and "pra-pulih" in safety.name
    assert backup.manifest_path(safety).exists()
    assert _units(app_ctx) == {"Seksi Sebelum"}
    office.save_unit(app_ctx, admin, None, "Seksi Baru")  # the restoring window goes on
    assert _units(app_ctx) == {"Seksi Sebelum", "Seksi Baru"}
    from desktop_app.core.services.audit import verify_chain

    report = verify_chain(app_ctx, admin)
    assert report.ok, report.problems
    if not ON_POSTGRES:
        conn = sqlite3.connect(safety)
        assert {r[0] for r in conn.execute("SELECT name FROM office_units")} == {
            "Seksi Sebelum", "Seksi Sesudah"}
        conn.close()


def test_restore_needs_the_backup_permission(app_ctx, admin, operator):
    saved = backups.backup_now(app_ctx, admin)
    with pytest.raises(PermissionDenied):
        backups.restore(app_ctx, operator, saved)


def _foreign_sqlite(path: Path) -> Path:
    return _make_db(path, 10)


def _ruko_copy(app_ctx, admin, tmp_path: Path, name: str, change) -> Path:  # type: ignore[no-untyped-def]
    saved = backups.backup_now(app_ctx, admin)
    target = tmp_path / name
    target.write_bytes(saved.read_bytes())
    conn = sqlite3.connect(target)
    change(conn)
    conn.commit()
    conn.close()
    return target


def _truncated(app_ctx, admin, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    saved = backups.backup_now(app_ctx, admin)
    target = tmp_path / "terpotong.sqlite3"
    raw = saved.read_bytes()
    target.write_bytes(raw[: len(raw) // 2])
    return target


@sqlite_only
@pytest.mark.parametrize("kind", ["empty", "text", "foreign", "truncated", "newer", "no_version",
                                  "checksum", "live"])
def test_restore_refuses_a_bad_candidate_and_changes_nothing(app_ctx, admin, tmp_path, kind):
    """Finding 1: a bad file was accepted or half-applied; the next start showed the wizard."""
    office.save_unit(app_ctx, admin, None, "Seksi Tetap")
    if kind == "empty":
        candidate = tmp_path / "kosong.sqlite3"
        candidate.write_bytes(b"")
    elif kind == "text":
        candidate = tmp_path / "ruko_parsel-20260101-000000-manual.sqlite3"
        candidate.write_bytes(b"bukan basis data" * 100)
    elif kind == "foreign":
        candidate = _foreign_sqlite(tmp_path / "lain.sqlite3")
    elif kind == "truncated":
        candidate = _truncated(app_ctx, admin, tmp_path)
    elif kind == "newer":
        candidate = _ruko_copy(app_ctx, admin, tmp_path, "baru.sqlite3", lambda c: c.execute(
            "UPDATE alembic_version SET version_num = '0999_masa_depan'"))
    elif kind == "no_version":
        candidate = _ruko_copy(app_ctx, admin, tmp_path, "tanpa.sqlite3",
                               lambda c: c.execute("DROP TABLE alembic_version"))
    elif kind == "checksum":
        saved = backups.backup_now(app_ctx, admin)
        conn = sqlite3.connect(saved)  # still a sound database, but not the one backed up
        conn.execute("UPDATE office_units SET name = 'Seksi Palsu'")
        conn.commit()
        conn.close()
        candidate = saved
    else:
        candidate = app_ctx.paths.database
    before = sorted(p.name for p in app_ctx.paths.backups.iterdir())
    with pytest.raises(BackupRejected) as err:
        backups.restore(app_ctx, admin, candidate)
    message = err.value.message
    assert "tidak" in message and not any(w in message.lower() for w in (
        "error", "file is not", "malformed", "no such", "traceback"))
    assert _units(app_ctx) == {"Seksi Tetap"}
    office.save_unit(app_ctx, admin, None, "Seksi Lanjut")  # the office goes on working
    assert sorted(p.name for p in app_ctx.paths.backups.iterdir()) == before
    assert not list(app_ctx.paths.data_dir.glob("*.part"))


@sqlite_only
def test_restore_of_an_older_schema_upgrades_it(app_ctx, admin, tmp_path):
    from alembic import command

    from desktop_app.db import migrate
    from desktop_app.db.engine import make_engine, sqlite_url

    old = tmp_path / "ruko_parsel-20250101-080000-manual.sqlite3"
    engine = make_engine(sqlite_url(old))
    cfg = migrate.alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0006_search")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO office_units (name, head_name, active, created_at, "
                             "updated_at) VALUES ('Seksi Lama', '', 1, '2025-01-01', '2025-01-01')")
    engine.dispose()
    summary = backups.inspect_backup(app_ctx, admin, old)
    assert summary.needs_upgrade and summary.revision == "0006_search"
    assert summary.manifest == "tidak ada"
    backups.restore(app_ctx, admin, old)
    assert _units(app_ctx) == {"Seksi Lama"}
    office.save_unit(app_ctx, admin, None, "Seksi Baru")
    assert migrate.current_heads(app_ctx.engine) == migrate.file_heads()


def test_other_copies_of_the_app_cannot_write_after_a_restore(app_ctx, admin, test_db):
    """Finding 1: a restore while another copy was open lost every later save of that copy."""
    from tests.conftest import _open

    other = _open(test_db)  # a second window (its own connections, like another process)
    try:
        office.save_unit(other, admin, None, "Seksi Sebelum")
        saved = backups.backup_now(app_ctx, admin)
        office.save_unit(other, admin, None, "Seksi Hilang")
        backups.restore(app_ctx, admin, saved)
        with pytest.raises(DatabaseReplacedError) as err:
            office.save_unit(other, admin, None, "Seksi Dari Jendela Lama")
        assert "buka kembali" in err.value.message
        assert _units(app_ctx) == {"Seksi Sebelum"}
        assert _units(other) == {"Seksi Sebelum"}  # it reads the restored data
        other.dispose()
        reopened = _open(test_db)  # reopening makes it a writer again
        office.save_unit(reopened, admin, None, "Seksi Sesudah Dibuka Ulang")
        reopened.dispose()
        assert _units(app_ctx) == {"Seksi Sebelum", "Seksi Sesudah Dibuka Ulang"}
    finally:
        other.dispose()


@sqlite_only
def test_restore_is_refused_while_another_desk_writes(app_ctx, admin, monkeypatch):
    office.save_unit(app_ctx, admin, None, "Seksi Tetap")
    saved = backups.backup_now(app_ctx, admin)
    monkeypatch.setattr(backup, "RESTORE_LOCK_WAIT", 0.2)
    writer = sqlite3.connect(app_ctx.paths.database, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO office_units (name, head_name, active, created_at, updated_at)"
                       " VALUES ('Seksi Sedang Disimpan', '', 1, '2026-11-23', '2026-11-23')")
        with pytest.raises(BackupRejected) as err:
            backups.restore(app_ctx, admin, saved)
        assert "penyimpanan berlangsung" in err.value.message
        writer.execute("COMMIT")
    finally:
        writer.close()
    assert _units(app_ctx) == {"Seksi Tetap", "Seksi Sedang Disimpan"}
    office.save_unit(app_ctx, admin, None, "Seksi Lanjut")  # nothing was retired


@sqlite_only
def test_a_failed_copy_puts_the_live_database_back(app_ctx, admin, monkeypatch):
    office.save_unit(app_ctx, admin, None, "Seksi Tetap")
    saved = backups.backup_now(app_ctx, admin)

    def broken(_staging: Path, _database: Path) -> None:
        raise OSError("disk penuh")

    monkeypatch.setattr(backup, "copy_into_live", broken)
    with pytest.raises(OSError):
        backups.restore(app_ctx, admin, saved)
    office.save_unit(app_ctx, admin, None, "Seksi Lanjut")  # still the live generation
    assert _units(app_ctx) == {"Seksi Tetap", "Seksi Lanjut"}


def test_daily_backup_once_per_day(app_ctx, admin):
    first = backups.daily_backup_if_due(app_ctx)
    if ON_POSTGRES:  # a shared server is backed up by its administrator or on demand
        assert first is None
        return
    assert first is not None and first.exists() and backup.manifest_path(first).exists()
    assert backups.daily_backup_if_due(app_ctx) is None


def test_retention_settings_are_used(app_ctx, admin):
    settings.set_setting(app_ctx, admin, "backup.keep_daily", 1)
    settings.set_setting(app_ctx, admin, "backup.keep_weekly", 0)
    settings.set_setting(app_ctx, admin, "backup.keep_monthly", 0)
    old = [_touch(app_ctx.paths.backups, datetime(2026, 1, 1) + timedelta(days=i))
           for i in range(3)]
    newest = backups.backup_now(app_ctx, admin)
    assert [b.path for b in backup.list_backups(app_ctx.paths.backups)] == [newest]
    assert not any(p.exists() for p in old)


def test_killed_backups_leave_no_part_files(app_ctx, admin):
    """Finding 9: a backup killed mid-copy left its *.part file forever."""
    stale = app_ctx.paths.backups / "ruko_parsel-20261120-080000-manual.sqlite3.part"
    stale.write_bytes(b"\0" * 4096)
    stale_restore = app_ctx.paths.data_dir / "pemulihan-0123456789ab.sqlite3.part"
    stale_restore.write_bytes(b"\0" * 4096)
    hour_ago = time.time() - 3600
    for path in (stale, stale_restore):
        os.utime(path, (hour_ago, hour_ago))
    fresh = app_ctx.paths.backups / "ruko_parsel-20261123-092959-manual.sqlite3.part"
    fresh.write_bytes(b"\0")  # another process is writing it right now
    backups.backup_now(app_ctx, admin)
    assert not stale.exists() and not stale_restore.exists()
    assert fresh.exists()


def test_cancelled_backup_leaves_no_partial_file(tmp_path: Path):
    src = _make_db(tmp_path / "src.sqlite3", 3000)

    class Stop(Exception):
        pass

    def progress(done: int, total: int, text: str = "") -> None:
        raise Stop()

    with pytest.raises(Stop):
        backup.backup_file(src, tmp_path / "b" / "copy.sqlite3", progress)
    assert list((tmp_path / "b").iterdir()) == []


def test_backup_is_a_snapshot_that_never_restarts_while_the_app_writes(tmp_path: Path,
                                                                       monkeypatch):
    """The office keeps working during the daily backup: writes from another connection
    between the copy's steps neither restart it (SQLite's backup would start over after each
    one, and never finish on a busy day) nor end up half in the copy."""
    src = tmp_path / "src.sqlite3"
    writer = sqlite3.connect(src, isolation_level=None)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    writer.executemany("INSERT INTO t (v) VALUES (?)", [("x" * 300,) for _ in range(3000)])
    monkeypatch.setattr(backup, "STEP_PAGES", 10)
    steps: list[int] = []

    def progress(done: int, total: int, text: str = "") -> None:
        if total:
            steps.append(done)
            assert len(steps) < 1000, "the copy keeps starting over"
            writer.execute("INSERT INTO t (v) VALUES ('ditulis selama pencadangan')")

    target = backup.backup_file(src, tmp_path / "b" / "copy.sqlite3", progress)
    assert steps == sorted(steps) and steps[-1] > 10 * 10  # went forward, in many steps
    copy = sqlite3.connect(target)
    assert copy.execute("SELECT COUNT(*) FROM t").fetchone()[0] == 3000  # the snapshot
    copy.close()
    assert writer.execute("SELECT COUNT(*) FROM t").fetchone()[0] == 3000 + len(steps)
    writer.close()
