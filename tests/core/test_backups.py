"""Backups: online copy + integrity check, retention, restore keeping the replaced file."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desktop_app.core.services import backups, office, settings
from desktop_app.core.services.context import unit_of_work
from desktop_app.db import backup


def _make_db(path: Path, rows: int = 50) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    conn.executemany("INSERT INTO t (v) VALUES (?)", [(f"baris {i}" * 20,) for i in range(rows)])
    conn.commit()
    conn.close()
    return path


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


def test_backup_now_writes_audited_file_and_list(app_ctx, admin):
    path = backups.backup_now(app_ctx, admin)
    assert path.exists() and backup.integrity_check(path) == []
    listed = backups.list_backups(app_ctx, admin)
    assert [b.path for b in listed] == [path]
    assert listed[0].reason == "manual" and listed[0].size > 0
    from desktop_app.core.services.audit import AuditFilter, list_audit

    assert list_audit(app_ctx, admin, AuditFilter(action="backup"))


def test_restore_keeps_copy_of_replaced_database(app_ctx, admin):
    office.save_unit(app_ctx, admin, None, "Seksi Sebelum")
    saved = backups.backup_now(app_ctx, admin)
    office.save_unit(app_ctx, admin, None, "Seksi Sesudah")
    safety = backups.restore(app_ctx, admin, saved)
    assert safety.exists() and "pra-pulih" in safety.name
    names = {u.name for u in office.list_units(app_ctx)}
    assert names == {"Seksi Sebelum"}
    conn = sqlite3.connect(safety)
    assert {r[0] for r in conn.execute("SELECT name FROM office_units")} == {
        "Seksi Sebelum", "Seksi Sesudah"}
    conn.close()


def test_restore_refuses_broken_backup(app_ctx, admin, tmp_path: Path):
    bad = tmp_path / "ruko_parsel-20260101-000000-manual.sqlite3"
    bad.write_bytes(b"bukan basis data" * 100)
    office.save_unit(app_ctx, admin, None, "Seksi Tetap")
    with pytest.raises(RuntimeError):
        backups.restore(app_ctx, admin, bad)
    assert [u.name for u in office.list_units(app_ctx)] == ["Seksi Tetap"]


def test_daily_backup_once_per_day(app_ctx, admin):
    first = backups.daily_backup_if_due(app_ctx)
    assert first is not None and first.exists()
    assert backups.daily_backup_if_due(app_ctx) is None


def test_retention_settings_are_used(app_ctx, admin):
    settings.set_setting(app_ctx, admin, "backup.keep_daily", 1)
    settings.set_setting(app_ctx, admin, "backup.keep_weekly", 0)
    settings.set_setting(app_ctx, admin, "backup.keep_monthly", 0)
    for i in range(3):
        _touch(app_ctx.paths.backups, datetime(2026, 1, 1) + timedelta(days=i))
    backups.backup_now(app_ctx, admin)
    assert len(backup.list_backups(app_ctx.paths.backups)) == 1
    with unit_of_work(app_ctx, write=False):
        pass


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
