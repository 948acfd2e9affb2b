"""Cold start to a shown, usable main window: empty database vs. 100,000 submissions-sized rows.

    .venv/bin/python bench/startup.py [--runs 7] [--rows 100000]

Each run is a fresh Python process (``--child``) that follows the real start-up path: logging,
QApplication, ``services.bootstrap.open_app`` (migration check, reference regions, daily backup
check), then ``MainWindow`` for an admin, shown, with events processed. The login dialog is left
out (it waits for a person). Elapsed time runs from just before the parent spawns the process to
the moment the child's window is up (both read CLOCK_MONOTONIC via ``time.perf_counter``), so
interpreter start and every import are included. Qt uses the offscreen platform unless
``--platform`` says otherwise (e.g. ``xcb`` under xvfb-run).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 0.6
MAX_RATIO = 1.2


# -- child: one start-up ---------------------------------------------------------------------
def child(data_dir: Path) -> None:
    from desktop_app.app.gui import install_qt_translations, make_qapplication
    from desktop_app.logging_setup import setup_logging
    from desktop_app.paths import DataPaths

    paths = DataPaths(data_dir)
    paths.ensure()
    setup_logging(paths.logs)
    qapp = make_qapplication(sys.argv[:1])
    install_qt_translations(qapp)
    from desktop_app.core.services.bootstrap import open_app

    app = open_app(paths)
    from desktop_app.app.main_window import MainWindow
    from desktop_app.core.domain.roles import Role
    from desktop_app.core.services import office
    from desktop_app.core.services.context import Actor

    profile = office.get_profile(app)
    actor = Actor(1, "admin", "Admin", Role.ADMIN)
    window = MainWindow(app, actor, profile.name if profile else "")
    window.show()
    qapp.processEvents()
    ready = time.perf_counter()
    assert window.isVisible() and window.stack.currentWidget() is not None
    print(f"READY {ready:.6f}", flush=True)
    window.close()
    app.dispose()


# -- parent: databases and timing ------------------------------------------------------------
def _prepare(data_dir: Path, rows: int) -> str:
    """A demo database (office, users, units); with ``rows`` bulk rows. Returns what was filled."""
    from desktop_app.app.demo import fill_demo
    from desktop_app.core.services import backups
    from desktop_app.core.services.bootstrap import open_app
    from desktop_app.paths import DataPaths

    app = open_app(DataPaths(data_dir), daily_backup=False)
    try:
        fill_demo(app)
        what = "no extra rows"
        if rows:
            what = _fill_submissions(app, rows) or _fill_audit(app, rows)
        backups.daily_backup_if_due(app)  # today's backup exists, as on any normal start
        return what
    finally:
        app.dispose()


def _fill_submissions(app, rows: int) -> str | None:  # type: ignore[no-untyped-def]
    """Bulk rows in the intake table when that feature exists (generic values per column)."""
    try:
        import importlib

        module = importlib.import_module("desktop_app.intake.models")
    except ImportError:
        return None
    from datetime import date, datetime
    from decimal import Decimal
    from enum import Enum

    from sqlalchemy import Boolean, Date, DateTime, Integer, Numeric, String, Text, insert
    from sqlalchemy import Enum as SAEnum

    from desktop_app.db.base import Base

    table = next((t for t in Base.metadata.sorted_tables if t.name in {"submissions",
                                                                        "submission"}), None)
    if table is None:
        return None
    del module
    desa = "63.11.07.2003"

    def value(col, i):  # type: ignore[no-untyped-def]
        if col.foreign_keys:
            target = next(iter(col.foreign_keys)).target_fullname
            if target.startswith("regions."):
                return desa
            if target.startswith(("users.", "office_units.")):
                return 1
            return None
        t = col.type
        if isinstance(t, SAEnum):
            enum_class = getattr(t, "enum_class", None)
            if enum_class is not None and issubclass(enum_class, Enum):
                return list(enum_class)[i % len(enum_class)]
            return t.enums[i % len(t.enums)]
        if isinstance(t, Boolean):
            return False
        if isinstance(t, DateTime):
            return datetime(2026, 1, 1 + i % 28, 8, i % 60)
        if isinstance(t, Date):
            return date(2026, 1 + i % 12, 1 + i % 28)
        if isinstance(t, Numeric):
            return Decimal(i % 1000)
        if isinstance(t, Integer):
            return i % 97
        if isinstance(t, String | Text):
            length = getattr(t, "length", None) or 60
            if col.unique:
                return f"{i:0{min(length, 16)}d}"[-length:]
            return (f"Data contoh {i} Paringin Selatan " * 4)[: min(length, 120)]
        return None

    cols = [c for c in table.columns if not (c.primary_key and c.autoincrement in (True, "auto")
                                             and isinstance(c.type, Integer))]
    try:
        with app.engine.begin() as conn:
            for start in range(0, rows, 5000):
                batch = []
                for i in range(start, min(rows, start + 5000)):
                    row = {c.name: value(c, i) for c in cols}
                    batch.append({k: v for k, v in row.items() if v is not None})
                conn.execute(insert(table), batch)
    except Exception as exc:  # noqa: BLE001 - the model may need more than generic values
        print(f"(intake rows could not be generated: {exc}; using audit rows)", file=sys.stderr)
        return None
    return f"{rows:,} rows in {table.name}"


def _fill_audit(app, rows: int) -> str:  # type: ignore[no-untyped-def]
    """Audit rows of about a submission's width (~1 KB of JSON each)."""
    import json
    from datetime import datetime, timedelta

    from sqlalchemy import insert

    from desktop_app.core.models import AuditLog

    body = json.dumps({"reporter": "Yusuf Hidayat", "nik": "6311070101900001",
                       "kk_number": "6311070101900002", "desa_code": "63.11.07.2003",
                       "rt": "003", "rw": "001", "category": "rtlh",
                       "description": "Rumah tidak layak huni, atap bocor, dinding papan lapuk "
                                      "dan lantai tanah; penghuni 5 orang. " * 6})
    start = datetime(2025, 1, 1)
    with app.engine.begin() as conn:
        for first in range(0, rows, 5000):
            conn.execute(insert(AuditLog), [
                {"at": start + timedelta(minutes=i), "user_id": 1, "username": "operator",
                 "action": "create", "entity": "submission", "entity_id": str(i),
                 "summary": f"Usulan baru #{i}", "before_json": None, "after_json": body,
                 "prev_hash": "0" * 64, "hash": f"{i:064d}"}
                for i in range(first, min(rows, first + 5000))
            ])
    return f"{rows:,} audit rows (~1 KB each; no intake model yet)"


def _run_once(data_dir: Path, platform: str) -> float:
    import os
    import subprocess

    env = dict(os.environ, QT_QPA_PLATFORM=platform, PYTHONDONTWRITEBYTECODE="0")
    env.pop("RUKO_DATABASE_URL", None)
    started = time.perf_counter()
    out = subprocess.run([sys.executable, __file__, "--child", str(data_dir)], env=env,
                         capture_output=True, text=True, timeout=120, cwd=ROOT)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    line = next(x for x in out.stdout.splitlines() if x.startswith("READY "))
    return float(line.split()[1]) - started


def measure(label: str, data_dir: Path, runs: int, platform: str) -> float:
    import statistics

    _run_once(data_dir, platform)  # warm the OS file cache and .pyc files, not measured
    times = [_run_once(data_dir, platform) for _ in range(runs)]
    median = statistics.median(times)
    shown = ", ".join(f"{t:.3f}" for t in times)
    print(f"{label:<8} median {median:.3f} s   runs: {shown}")
    return median


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--platform", default="offscreen")
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    import tempfile

    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="ruko-bench-") as tmp:
        empty_dir, large_dir = Path(tmp) / "empty", Path(tmp) / "large"
        _prepare(empty_dir, 0)
        t0 = time.perf_counter()
        what = _prepare(large_dir, args.rows)
        size = (large_dir / "ruko_parsel.sqlite3").stat().st_size / 1e6
        print(f"Large database: {what}, {size:.0f} MB (built in {time.perf_counter() - t0:.1f} s)")
        empty = measure("empty", empty_dir, args.runs, args.platform)
        large = measure("large", large_dir, args.runs, args.platform)
    ratio = large / empty
    ok = empty < TARGET_SECONDS and ratio <= MAX_RATIO
    print(f"large/empty = {ratio:.2f}  (targets: empty < {TARGET_SECONDS} s, ratio <= "
          f"{MAX_RATIO})  {'OK' if ok else 'NOT MET'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
