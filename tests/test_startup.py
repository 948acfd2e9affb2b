"""Start-up: the login window before the database and its libraries load, the database opened
behind it, the daily backup behind the main window (never before the first window)."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from desktop_app.core.gui import messages
from desktop_app.db import backup
from tests.conftest import TEST_DATABASE_URL, TEST_PASSWORD

ROOT = Path(__file__).resolve().parents[1]
sqlite_only = pytest.mark.skipif(bool(TEST_DATABASE_URL), reason="SQLite files and backups")


@pytest.fixture(autouse=True)
def no_popups() -> Iterator[list[tuple[str, str]]]:
    messages.captured = []
    yield messages.captured
    messages.captured = None


def test_the_gui_command_reaches_the_login_window_without_the_database_libraries():
    """What `ruko-parsel` (no subcommand) imports before its first window: Qt and little else.
    SQLAlchemy, the models, reportlab and openpyxl load behind the login window."""
    code = (
        "import sys\n"
        "from desktop_app.app import cli\n"
        "assert cli._gui_args([]) is not None and cli._gui_args(['users', 'add']) is None\n"
        "import desktop_app.app.gui, desktop_app.app.loading, desktop_app.core.gui.login\n"
        "heavy = ('sqlalchemy', 'alembic', 'reportlab', 'openpyxl', 'python_calamine', 'numpy')\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in heavy\n"
        "                or (m.startswith('desktop_app.') and m.endswith('.models')))\n"
        "print('LOADED:' + ','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "LOADED:", result.stdout


def _ok(dialog):  # type: ignore[no-untyped-def]
    return dialog.form.buttonBox.button(QDialogButtonBox.StandardButton.Ok)


def test_login_typed_before_the_database_is_open_finishes_when_it_is(qtbot, app_ctx, admin):
    from desktop_app.core.gui.login import LoginDialog

    dialog = LoginDialog(None, "KECAMATAN UJI")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.is_ready()
    qtbot.keyClicks(dialog.form.usernameEdit, "admin")
    qtbot.keyClicks(dialog.form.passwordEdit, TEST_PASSWORD)
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.form.errorLabel.text() == "Menyiapkan basis data…"
    assert not _ok(dialog).isEnabled() and dialog.actor is None
    dialog.set_app(app_ctx, "KECAMATAN PARINGIN SELATAN")
    assert dialog.actor is not None and dialog.actor.user_id == admin.user_id
    assert dialog.form.officeLabel.text() == "KECAMATAN PARINGIN SELATAN"


def _drive(qtbot, steps: list[Callable[[], bool]]) -> QTimer:  # type: ignore[no-untyped-def]
    """Play the person while ``run_session_loop`` sits in its modal loops: each step runs
    (every 20 ms) until it returns True, then the next one."""
    timer = QTimer()
    timer.setInterval(20)

    def tick() -> None:
        if steps and steps[0]():
            steps.pop(0)
        if not steps:
            timer.stop()

    timer.timeout.connect(tick)
    timer.start()
    return timer


def _top(name: str):  # type: ignore[no-untyped-def]
    return next((w for w in QApplication.topLevelWidgets()
                 if type(w).__name__ == name and w.isVisible()), None)


@sqlite_only
def test_real_start_login_then_main_window_then_the_daily_backup(qtbot, qapp, app_ctx, admin):
    from desktop_app.app.gui import run_session_loop
    from desktop_app.app.loading import AppLoader
    from desktop_app.core.services import backups

    paths = app_ctx.paths
    app_ctx.dispose()
    assert backups.daily_backup_due(app_ctx)
    loader = AppLoader(paths)
    seen: dict[str, object] = {}

    class OnShow(QObject):
        def eventFilter(self, obj, event):  # type: ignore[no-untyped-def]
            if event.type() == QEvent.Type.Show and type(obj).__name__ == "LoginDialog":
                # The window is up before the database is opened (loading starts after it).
                seen["ready_when_shown"] = obj.is_ready()
                seen["backup_files_at_login"] = sorted(p.name for p in paths.backups.iterdir())
            return False

    on_show = OnShow()
    qapp.installEventFilter(on_show)

    def login_shown() -> bool:
        dialog = _top("LoginDialog")
        if dialog is None:
            return False
        qtbot.keyClicks(dialog.form.usernameEdit, "admin")
        qtbot.keyClicks(dialog.form.passwordEdit, TEST_PASSWORD)
        qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
        return True

    def main_window_backs_up() -> bool:
        window = _top("MainWindow")
        if window is None:
            return False
        seen.setdefault("status", window.daily_backup.label.text())
        if window.daily_backup.is_running():
            return False
        seen["backups"] = sorted(p.name for p in paths.backups.iterdir())
        seen["message"] = window.statusBar().currentMessage()
        window.close()
        return True

    timer = _drive(qtbot, [login_shown, main_window_backs_up])
    assert run_session_loop(qapp, loader) == 0
    timer.stop()
    qapp.removeEventFilter(on_show)
    assert seen["ready_when_shown"] is False
    assert seen["backup_files_at_login"] == []
    assert str(seen["status"]).startswith("Mencadangkan data harian")
    made = [name for name in seen["backups"]  # type: ignore[union-attr]
            if "harian" in name and not name.endswith(".json")]  # the manifest beside it
    assert len(made) == 1 and not made[0].endswith(".part"), seen["backups"]
    assert backup.integrity_check(paths.backups / made[0]) == []
    assert seen["message"] == "Cadangan harian selesai dan diperiksa."
    assert not backups.daily_backup_due(loader.wait().app)
    loader.wait().app.dispose()


@sqlite_only
def test_a_new_database_opens_the_first_run_wizard(qtbot, qapp, tmp_path):
    from desktop_app.app.gui import run_session_loop
    from desktop_app.app.loading import AppLoader
    from desktop_app.paths import DataPaths

    paths = DataPaths(tmp_path / "baru")
    paths.ensure()
    loader = AppLoader(paths)
    assert loader.new_database
    seen: list[str] = []

    def wizard_shown() -> bool:
        wizard = _top("FirstRunWizard")
        if wizard is None:
            assert _top("LoginDialog") is None  # no login without a user to log in
            return False
        seen.append(type(wizard).__name__)
        wizard.reject()
        return True

    timer = _drive(qtbot, [wizard_shown])
    assert run_session_loop(qapp, loader) == 0
    timer.stop()
    assert seen == ["FirstRunWizard"]
    assert paths.database.exists()
    loader.wait().app.dispose()


@sqlite_only
def test_closing_the_window_stops_the_daily_backup_and_leaves_no_partial_copy(
        qtbot, app_ctx, admin, monkeypatch):
    from desktop_app.app.main_window import MainWindow
    from desktop_app.core.services import backups

    with app_ctx.engine.begin() as conn:  # a few hundred pages, copied one page per step
        conn.exec_driver_sql("CREATE TABLE ballast (v TEXT)")
        conn.exec_driver_sql("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                             "WHERE i < 3000) INSERT INTO ballast SELECT printf('%0500d', i) "
                             "FROM n")
    monkeypatch.setattr(backup, "STEP_PAGES", 1)
    copy = backup.backup_file

    def slow_copy(source, target, progress):  # type: ignore[no-untyped-def]
        def slowly(done: int, total: int, text: str = "") -> None:
            progress(done, total, text)
            time.sleep(0.005)  # a big file: each step takes a moment

        return copy(source, target, slowly)

    monkeypatch.setattr(backup, "backup_file", slow_copy)
    window = MainWindow(app_ctx, admin, "KECAMATAN UJI")
    qtbot.addWidget(window)
    window.show()
    assert window.start_daily_backup()
    qtbot.waitUntil(lambda: "%" in window.daily_backup.label.text(), timeout=10_000)
    assert window.daily_backup.is_running()
    window.close()
    assert not window.daily_backup.is_running()
    assert list(app_ctx.paths.backups.iterdir()) == []
    assert backups.daily_backup_due(app_ctx)  # made again at the next start

