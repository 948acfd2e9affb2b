"""Start-up, each run a fresh Python process, beside a bare PySide6 window started the same way.

    .venv/bin/python bench/startup.py [N] [--runs 7] [--platform offscreen]

N (default 1,000,000) is the number of submissions in the "first start of the day" database;
``bench/startup.py 20000 --runs 3`` is a quick run. Cases, interleaved run by run so that each
sees the same load:

* bare: ``QApplication`` + an empty ``QMainWindow`` shown (the baseline);
* login window: the real ``ruko-parsel`` command (``app.cli.main``, no subcommand) until the login window
  is shown and its event loop runs, on a demo database whose daily backup is already made;
* first start of the day: the same on the N-submission database with no backup made today (it
  is deleted before every run), so the daily backup is due;
* main window after "Masuk": the person types for a moment (the run waits until the app has
  loaded behind the login window), then the time from the click to the main window shown with
  its first page;
* main window, login typed instantly: process start to the main window when "Masuk" is pressed
  the moment the login window appears (the worst case: nothing loads while a person types).

Then one run on the N-submission database waits until the daily backup has finished behind the
main window and reports how long it took (beside ``sqlite3``'s backup of the same file in one
step, the bare library) and the longest pause of the window's event loop meanwhile.

Times run from just before the parent spawns the process to the moment the child's window is
up (both read CLOCK_MONOTONIC via ``time.perf_counter``), so interpreter start and every import
are included.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

PASSWORD = "parseldemo26"  # the demo password (app.demo.DEMO_PASSWORD)


# -- children: one start-up each -------------------------------------------------------------
def child_bare() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    qapp = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QLabel("Ruko Parsel"))
    window.resize(1024, 700)
    window.show()

    def ready() -> None:
        print(f"READY {time.perf_counter():.6f}", flush=True)
        window.close()

    QTimer.singleShot(0, ready)
    qapp.exec()


def child_app(data_dir: Path, mode: str) -> None:
    """The real GUI path; an event filter reports the windows as they are shown and plays
    the person at the keyboard."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QDialogButtonBox

    from desktop_app.app.cli import main as ruko_parsel
    from desktop_app.app.gui import make_qapplication
    from desktop_app.paths import DataPaths

    qapp = make_qapplication(sys.argv[:1])
    state: dict[str, float] = {}

    def stamp(key: str) -> None:
        state[key] = time.perf_counter()
        print(f"{key.upper()} {state[key]:.6f}", flush=True)

    def on_login(dialog) -> None:  # type: ignore[no-untyped-def]
        stamp("login")
        if mode == "login":
            dialog.reject()
            return
        dialog.form.usernameEdit.setText("admin")
        dialog.form.passwordEdit.setText(PASSWORD)
        ok = dialog.form.buttonBox.button(QDialogButtonBox.StandardButton.Ok)

        def press_when_loaded() -> None:
            if mode != "instant" and not getattr(dialog, "is_ready", lambda: True)():
                QTimer.singleShot(10, press_when_loaded)
                return
            stamp("click")
            ok.click()

        press_when_loaded()

    def on_main(window) -> None:  # type: ignore[no-untyped-def]
        assert window.isVisible() and window.stack.currentWidget() is not None
        stamp("main")
        if mode != "backup":
            window.close()
            return
        backups = DataPaths(data_dir).backups
        last = [time.perf_counter()]
        longest = [0.0]

        def tick() -> None:
            now = time.perf_counter()
            longest[0] = max(longest[0], now - last[0])
            last[0] = now
            done = [p for p in backups.glob("*harian*.sqlite3") if p.stat().st_size]
            if done:
                stamp("backup")
                print(f"STALL {longest[0]:.6f}", flush=True)
                window.close()
                return
            QTimer.singleShot(20, tick)

        tick()

    class Watcher(QObject):
        def eventFilter(self, obj, event):  # type: ignore[no-untyped-def]
            if event.type() == QEvent.Type.Show and hasattr(obj, "isWindow") and obj.isWindow():
                name = type(obj).__name__
                if name == "LoginDialog" and "login" not in state:
                    QTimer.singleShot(0, lambda: on_login(obj))
                elif name == "MainWindow" and "main" not in state:
                    QTimer.singleShot(0, lambda: on_main(obj))
            return False

    watcher = Watcher()
    qapp.installEventFilter(watcher)
    ruko_parsel(["--data-dir", str(data_dir)])  # the `ruko-parsel` command, no subcommand


# -- parent: databases and timing ------------------------------------------------------------
def prepare_demo(data_dir: Path) -> None:
    from desktop_app.app.demo import fill_demo
    from desktop_app.core.services import backups
    from desktop_app.core.services.bootstrap import open_app
    from desktop_app.paths import DataPaths

    app = open_app(DataPaths(data_dir), daily_backup=False)
    try:
        fill_demo(app)
        backups.daily_backup_if_due(app)  # today's backup exists, as on any later start
    finally:
        app.dispose()


def prepare_large(data_dir: Path, rows: int) -> None:
    from intake_list import fill

    from desktop_app.app.demo import fill_demo
    from desktop_app.core.services.bootstrap import open_app
    from desktop_app.paths import DataPaths

    app = open_app(DataPaths(data_dir), daily_backup=False)
    try:
        fill_demo(app)
        fill(app, rows)
    finally:
        app.dispose()


def spawn(args: list[str], platform: str) -> tuple[float, dict[str, float]]:
    env = dict(os.environ, QT_QPA_PLATFORM=platform)
    for name in ("RUKO_DATABASE_URL", "RUKO_AUTOLOGIN", "RUKO_DATA_DIR"):
        env.pop(name, None)
    started = time.perf_counter()
    out = subprocess.run([sys.executable, __file__, *args], env=env, capture_output=True,
                         text=True, timeout=600, cwd=ROOT)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-3000:])
    marks = {}
    for line in out.stdout.splitlines():
        key, _, value = line.partition(" ")
        if key.isupper() and value:
            marks[key.lower()] = float(value)
    return started, marks


def forget_todays_backup(data_dir: Path) -> None:
    for path in (data_dir / "backups").glob("*harian*"):
        path.unlink()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", nargs="?", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--platform", default="offscreen")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, folder = args.child
        child_bare() if mode == "bare" else child_app(Path(folder), mode)
        return 0

    import sqlite3
    import tempfile

    from benchkit import Series, alternate, compare, load_average, timed

    with tempfile.TemporaryDirectory(prefix="ruko-bench-start-") as tmp:
        demo, large = Path(tmp) / "demo", Path(tmp) / "large"
        prepare_demo(demo)
        t0 = time.perf_counter()
        prepare_large(large, args.rows)
        size = (large / "ruko_parsel.sqlite3").stat().st_size / 1e6
        print(f"first-start database: {args.rows:,} submissions, {size:,.0f} MB "
              f"(built in {time.perf_counter() - t0:.0f} s)", flush=True)

        after_click = Series("click → main window")

        def run(mode: str, folder: Path, mark: str = "login") -> float:
            if folder == large:
                forget_todays_backup(folder)
            started, marks = spawn(["--child", mode, str(folder)], args.platform)
            if mode == "typed":
                after_click.add(marks["main"] - marks["click"])
            return marks[mark] - started

        series = alternate({
            "bare PySide6 window": lambda: run("bare", demo, "ready"),
            "login window": lambda: run("login", demo),
            "login window, backup due": lambda: run("login", large),
            "main window, login typed instantly": lambda: run("instant", demo, "main"),
            "after typing": lambda: run("typed", demo, "main"),
        }, args.runs)
        bare = series["bare PySide6 window"]
        print(f"\nStart-up ({args.platform}), medians of {args.runs} fresh processes:")
        ok = compare("cold start to the first window (login)", series["login window"], bare,
                     goal_ratio=2.5, goal_seconds=0.6)
        ok &= compare(f"first start of the day, {args.rows:,} submissions, {size:,.0f} MB",
                      series["login window, backup due"], bare, goal_ratio=2.5)
        compare("to the main window, login typed instantly",
                series["main window, login typed instantly"], bare)
        print(f"    after typing: click on Masuk → main window with its first page "
              f"{after_click.describe()}", flush=True)

        forget_todays_backup(large)
        started, marks = spawn(["--child", "backup", str(large)], args.platform)
        in_background = marks["backup"] - marks["main"]
        load = load_average()
        copy = Path(tmp) / "bare-copy.sqlite3"

        def bare_backup() -> None:
            src = sqlite3.connect(large / "ruko_parsel.sqlite3")
            dst = sqlite3.connect(copy)
            src.backup(dst)
            dst.close()
            src.close()

        bare_copy = timed(bare_backup)
        print(f"daily backup behind the main window: done {in_background:.1f} s after the "
              f"window showed (sqlite3 backup of the same file alone: {bare_copy:.1f} s); "
              f"longest pause of the window's event loop meanwhile {marks['stall'] * 1000:.0f} ms;"
              f" load {load:.1f}", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
