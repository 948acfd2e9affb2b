"""Crash campaign: start a child process that imports, backs up or restores, kill it with
SIGKILL at a random moment, then check what is left.

    .venv/bin/python scripts/crash_campaign.py --runs 50            # 50 runs of each kind
    .venv/bin/python scripts/crash_campaign.py --runs 5 --kinds import --rows 3000

After every kill the data folder is checked: SQLite's ``PRAGMA integrity_check``, the audit
trail (``audit.verify_chain``), the program still opens the database (migrations, start-up),
and the row counts:

* import: every chunk the child reported committed is there, the count is the rows before
  plus whole chunks only (no half-written chunk), no number or import key twice, and importing
  the file again completes it to exactly the file's rows;
* backup: the database is untouched; a backup the child finished is complete and passes
  ``integrity_check``; no backup file is half written under a final name;
* restore: the database is either the state before or the backup's state, never a mixture;
  a restore the child finished left the backup's state.

Prints one line per run and a summary table. Exit status 1 when any check failed.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PASSWORD = "Kampanye-Crash-Parsel-2026!"
KINDS = ("import", "backup", "restore")


# ---- Child side ------------------------------------------------------------------------------


def _say(line: str) -> None:
    print(line, flush=True)


def _open(data_dir: Path):  # type: ignore[no-untyped-def]
    from desktop_app.core.services.bootstrap import open_app
    from desktop_app.paths import DataPaths

    return open_app(DataPaths(data_dir), daily_backup=False)


def _admin(app):  # type: ignore[no-untyped-def]
    from desktop_app.core.services import auth

    return auth.login(app, "admin", PASSWORD)


def child(kind: str, data_dir: Path, source: Path) -> None:
    """The work that gets killed. Reports on stdout what it has committed."""
    app = _open(data_dir)
    actor = _admin(app)
    _say("START")
    if kind == "import":
        from desktop_app.intake.services import importing

        def progress(done: int, total: int, text: str = "") -> None:
            if text.startswith("Menyimpan"):
                _say(f"COMMITTED {done}")  # the chunks before this one are committed

        result = importing.import_file(app, actor, source, progress=progress,
                                       error_dir=data_dir)
        _say(f"DONE {result.imported}")
    elif kind == "backup":
        from desktop_app.core.services import backups

        path = backups.backup_now(app, actor)
        _say(f"DONE {path}")
    elif kind == "restore":
        from desktop_app.core.services import backups

        backups.restore(app, actor, source)
        _say("DONE")
    app.dispose()


# ---- Parent side: the data ---------------------------------------------------------------------


def write_workbook(path: Path, rows: int, offset: int = 0) -> Path:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(["No", "Jenis", "Kategori", "Nama Pelapor", "Perihal", "Desa", "RT", "Tanggal"])
    first = date(2026, 1, 5)
    for i in range(offset + 1, offset + rows + 1):
        ws.append([i, "Aduan", "drainase", f"Warga Kampanye {i}", f"Saluran tersumbat {i}",
                   "Inan", str(i % 9 + 1), (first + timedelta(days=i % 300)).strftime("%d/%m/%Y")])
    wb.save(path)
    return path


def _first_admin(app) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.core.domain.roles import Role
    from desktop_app.core.services import auth

    data = auth.UserInput("admin", "Admin Kampanye", Role.ADMIN, PASSWORD)
    try:
        from desktop_app.core.services import setup  # the first-run set-up, where it exists

        setup.first_run(app, data, None)
    except ImportError:
        from desktop_app.core.services.context import SYSTEM_ACTOR

        auth.create_user_unchecked(app, SYSTEM_ACTOR, data)


def make_template(folder: Path, base_rows: int, rows: int) -> dict[str, Path]:
    """A data folder with an admin, ``base_rows`` imported records and one backup; the
    workbook each import run imports."""
    from desktop_app.core.services import backups
    from desktop_app.intake.services import importing

    data = folder / "template"
    app = _open(data)
    _first_admin(app)
    actor = _admin(app)
    if base_rows:
        importing.import_file(app, actor, write_workbook(folder / "awal.xlsx", base_rows),
                              error_dir=folder)
    backup = backups.backup_now(app, actor)
    app.dispose()
    return {"data": data, "backup": backup,
            "workbook": write_workbook(folder / "impor.xlsx", rows, offset=base_rows)}


@dataclass
class State:
    submissions: int
    audit_rows: int
    duplicates: int


def read_state(database: Path) -> State:
    conn = sqlite3.connect(database)
    try:
        subs = conn.execute("SELECT count(*) FROM submissions").fetchone()[0]
        audit_rows = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        dup = conn.execute(
            "SELECT (SELECT count(*) - count(DISTINCT number) FROM submissions) + "
            "(SELECT count(import_key) - count(DISTINCT import_key) FROM submissions)"
        ).fetchone()[0]
        return State(subs, audit_rows, dup)
    finally:
        conn.close()


def integrity(database: Path) -> bool:
    conn = sqlite3.connect(database)
    try:
        return conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()


def audit_ok(data_dir: Path) -> tuple[bool, str]:
    """The program opens the folder and its audit trail verifies."""
    from desktop_app.core.services import audit

    try:
        app = _open(data_dir)
    except Exception as exc:  # noqa: BLE001 - reported as a failed check
        return False, f"tidak dapat dibuka: {exc}"
    try:
        report = audit.verify_chain(app, _admin(app))
        return bool(report.ok), "" if report.ok else "; ".join(report.problems[:2])
    finally:
        app.dispose()


# ---- Parent side: one run ----------------------------------------------------------------------


@dataclass
class Run:
    kind: str
    killed_at: float = 0.0
    finished: bool = False
    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _start(kind: str, data_dir: Path, source: Path) -> tuple[subprocess.Popen[str], list[str]]:
    proc = subprocess.Popen(
        [sys.executable, __file__, "--child", kind, "--data-dir", str(data_dir),
         "--source", str(source)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    lines: list[str] = []

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line.strip())

    threading.Thread(target=pump, daemon=True).start()
    return proc, lines


def _wait_for(lines: list[str], word: str, proc: subprocess.Popen[str], timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if any(line.startswith(word) for line in lines):
            return True
        if proc.poll() is not None:
            return any(line.startswith(word) for line in lines)
        time.sleep(0.005)
    return False


def calibrate(kind: str, template: dict[str, Path], work: Path) -> float:
    """How long the operation itself takes (from START to exit), unkilled."""
    data = work / f"calib-{kind}"
    shutil.copytree(template["data"], data)
    source = template["workbook"] if kind == "import" else template["backup"]
    proc, lines = _start(kind, data, source)
    _wait_for(lines, "START", proc, 300)
    began = time.monotonic()
    proc.wait(timeout=900)
    took = time.monotonic() - began
    shutil.rmtree(data, ignore_errors=True)
    return took


def one_run(kind: str, template: dict[str, Path], before: State, backup_state: State,
            chunk: int, rows: int, window: float, work: Path, n: int) -> Run:
    data = work / f"{kind}-{n}"
    shutil.copytree(template["data"], data)
    database = data / "ruko_parsel.sqlite3"
    source = template["workbook"] if kind == "import" else template["backup"]
    run = Run(kind)
    proc, lines = _start(kind, data, source)
    if not _wait_for(lines, "START", proc, 300):
        run.problems.append("anak tidak mulai")
        proc.kill()
        return run
    run.killed_at = random.uniform(0, window)
    time.sleep(run.killed_at)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    time.sleep(0.05)  # let the reader thread take the last lines
    run.lines = list(lines)
    run.finished = any(line.startswith("DONE") for line in run.lines)
    if not integrity(database):
        run.problems.append("integrity_check gagal")
    after = read_state(database)
    if after.duplicates:
        run.problems.append(f"{after.duplicates} nomor/kunci ganda")
    if kind == "import":
        committed = max([int(line.split()[1]) for line in run.lines
                         if line.startswith("COMMITTED")] or [0])
        added = after.submissions - before.submissions
        if added < committed:
            run.problems.append(f"hilang: {committed} dilaporkan tersimpan, ada {added}")
        if added % chunk and added != rows:
            run.problems.append(f"impor setengah: {added} baris (bukan kelipatan {chunk})")
        if run.finished and added != rows:
            run.problems.append(f"selesai tetapi {added} dari {rows}")
    elif kind == "backup":
        if after.submissions != before.submissions:
            run.problems.append("basis data berubah oleh cadangan")
        finals = [p for p in (data / "backups").glob("*") if p.is_file()
                  and not p.name.endswith(".part") and p.suffix == ".sqlite3"]
        for path in finals:
            if not integrity(path):
                run.problems.append(f"cadangan rusak dengan nama final: {path.name}")
        done = [line.split(" ", 1)[1] for line in run.lines if line.startswith("DONE ")]
        if done and not (Path(done[0]).is_file() and integrity(Path(done[0]))):
            run.problems.append("cadangan selesai tetapi berkasnya tidak ada atau rusak")
    elif kind == "restore":
        states = {(before.submissions, before.audit_rows),
                  (backup_state.submissions, backup_state.audit_rows)}
        if (after.submissions, after.audit_rows) not in states \
                and after.submissions not in (before.submissions, backup_state.submissions):
            run.problems.append(f"keadaan campuran: {after.submissions} data")
        if run.finished and after.submissions != backup_state.submissions:
            run.problems.append("pemulihan selesai tetapi data bukan isi cadangan")
    ok, why = audit_ok(data)
    if not ok:
        run.problems.append(f"audit: {why}")
    if kind == "import" and not run.problems:
        # Resume: importing the file again completes it, without duplicates.
        from desktop_app.intake.services import importing

        app = _open(data)
        try:
            importing.import_file(app, _admin(app), template["workbook"], error_dir=data)
        finally:
            app.dispose()
        resumed = read_state(database)
        if resumed.submissions != before.submissions + rows or resumed.duplicates:
            run.problems.append(f"lanjutan impor: {resumed.submissions - before.submissions} "
                                f"dari {rows}, ganda {resumed.duplicates}")
    shutil.rmtree(data, ignore_errors=True)
    return run


def campaign(args: argparse.Namespace) -> int:
    from desktop_app.intake.services import importing

    random.seed(args.seed)
    work = Path(tempfile.mkdtemp(prefix="ruko-crash-"))
    print(f"Menyiapkan data ({args.base_rows} data awal, impor {args.rows} baris) di {work}",
          flush=True)
    template = make_template(work, args.base_rows, args.rows)
    before = read_state(template["data"] / "ruko_parsel.sqlite3")
    backup_state = read_state(template["backup"])
    chunk = int(getattr(importing, "CHUNK_ROWS", args.rows))
    summary: list[tuple[str, int, int, int, int, int, float]] = []
    failed = 0
    for kind in args.kinds:
        window = calibrate(kind, template, work) * 1.05
        print(f"\n{kind}: operasi tanpa gangguan {window:.2f} s; {args.runs} kali dibunuh "
              "secara acak di dalamnya", flush=True)
        runs = []
        for n in range(args.runs):
            run = one_run(kind, template, before, backup_state, chunk, args.rows, window,
                          work, n)
            runs.append(run)
            mark = "OK " if not run.problems else "GAGAL"
            print(f"  {kind:8} #{n + 1:3}  dibunuh pada {run.killed_at:6.2f} s  "
                  f"{'selesai sebelum dibunuh' if run.finished else 'terputus':24} {mark} "
                  + "; ".join(run.problems), flush=True)
        bad = sum(1 for r in runs if r.problems)
        failed += bad
        summary.append((kind, len(runs), sum(1 for r in runs if not r.finished),
                        sum(1 for r in runs if r.finished), len(runs) - bad, bad, window))
    print("\nRingkasan kampanye crash (SIGKILL pada saat acak)")
    print(f"{'jenis':8} {'jalan':>6} {'terputus':>9} {'selesai':>8} {'lolos cek':>10} "
          f"{'gagal':>6} {'durasi op':>10}")
    for kind, n, cut, done, ok, bad, window in summary:
        print(f"{kind:8} {n:6} {cut:9} {done:8} {ok:10} {bad:6} {window:9.2f}s")
    print("Cek tiap jalan: PRAGMA integrity_check, audit verify, program membuka basis data, "
          "jumlah baris (tidak ada yang hilang, tidak ada impor setengah, lanjutan impor "
          "tanpa ganda).")
    shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50, help="jalan per jenis (bawaan 50)")
    parser.add_argument("--kinds", type=lambda s: s.split(","), default=list(KINDS))
    parser.add_argument("--rows", type=int, default=5000, help="baris berkas yang diimpor")
    parser.add_argument("--base-rows", type=int, default=5000, help="data sebelum kampanye")
    parser.add_argument("--seed", type=int, default=20261202)
    parser.add_argument("--child", choices=KINDS, help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--source", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.data_dir, args.source)
        return 0
    return campaign(args)


if __name__ == "__main__":
    sys.exit(main())
