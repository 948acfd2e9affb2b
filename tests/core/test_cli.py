"""The headless ``ruko-parsel`` subcommands: init, demo, backup, check, audit, users add; every
command that reads people's data or changes anything acts as a named, logged-in user."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from desktop_app.app.cli import build_parser, main
from desktop_app.app.demo import DEMO_PASSWORD
from desktop_app.db.engine import sqlite_url
from tests.conftest import ON_POSTGRES, sqlite_only


@pytest.fixture
def stdin(monkeypatch):  # type: ignore[no-untyped-def]
    def _set(text: str) -> None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    return _set


def _query(db, sql: str) -> list[tuple]:  # type: ignore[no-untyped-def]
    engine = create_engine(db.url or sqlite_url(db.paths.database))
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]
    finally:
        engine.dispose()


def test_help_lists_subcommands(capsys):
    with pytest.raises(SystemExit) as exc:
        build_parser().parse_args(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for name in ("init", "demo", "backup", "restore", "check", "audit", "users", "--data-dir",
                 "--database", "--user"):
        assert name in out


def test_init_reads_password_from_stdin(test_db, stdin, capsys):
    stdin("SandiAdmin2026\n")
    assert main([*test_db.cli_args, "init", "--username", "kepala"]) == 0
    (username, role, hashed), = _query(test_db, "SELECT username, role, password_hash FROM users")
    assert (username, role) == ("kepala", "admin") and hashed.startswith("$argon2id$")
    assert _query(test_db, "SELECT name FROM office_profile")[0][0]
    assert _query(test_db, "SELECT COUNT(*) FROM regions WHERE level='desa'")[0][0] >= 15
    # the first admin is recorded as having created their own account: no 'sistem' actor
    assert {r[0] for r in _query(test_db, "SELECT username FROM audit_log")} == {"kepala"}
    stdin("SandiAdmin2026\n")
    assert main([*test_db.cli_args, "init"]) == 0  # second time: nothing to do
    assert "sudah" in capsys.readouterr().out
    assert len(_query(test_db, "SELECT id FROM users")) == 1


@pytest.mark.parametrize("password", ["123", "password1", "rahasia123", "balangan2026"])
def test_init_rejects_short_and_common_passwords(test_db, stdin, capsys, password):
    stdin(password + "\n")
    assert main([*test_db.cli_args, "init"]) == 2
    err = capsys.readouterr().err
    assert "Gagal" in err and ("minimal 10" in err or "umum" in err)
    assert _query(test_db, "SELECT COUNT(*) FROM users")[0][0] == 0


def test_demo_backup_check_verify_users_add(test_db, cli, stdin, capsys):
    data = test_db.cli_args
    assert main([*data, "demo"]) == 0
    assert DEMO_PASSWORD in capsys.readouterr().out
    assert main([*data, "demo"]) == 1  # not on a filled database
    assert main([*data, "demo", "--if-empty"]) == 0
    assert cli(test_db, "backup") == 0
    suffix = "dump" if ON_POSTGRES else "sqlite3"
    assert len(list((test_db.paths.backups).glob(f"ruko_parsel-*-manual.{suffix}"))) == 1
    assert main([*data, "check"]) == 0  # read-only checks need no user
    assert "ok" in capsys.readouterr().out or ON_POSTGRES
    assert main([*data, "audit", "verify"]) == 0
    stdin("SandiOperator1\n")
    assert cli(test_db, "users", "add", "petugas", "--full-name", "Petugas Baru") == 0
    assert _query(test_db, "SELECT role FROM users WHERE username='petugas'") == [("operator",)]
    # acting as a named user: an operator may not add users
    stdin("SandiLain123\n")
    code = cli(test_db, "users", "add", "lain", "--full-name", "Lain", user="operator")
    assert code == 2
    assert "tidak diizinkan" in capsys.readouterr().err
    # the --user option may also follow the subcommand
    stdin(f"{DEMO_PASSWORD}\nSandiLain123\n")
    assert main([*data, "users", "add", "lain", "--full-name", "Lain", "--user", "admin"]) == 0


@pytest.mark.parametrize("args", [
    ["users", "add", "kuasa", "--full-name", "Kuasa", "--role", "admin"],
    ["backup"],
    ["export", "submissions", "-o", "x.xlsx"],
    ["print", "form", "1", "-o", "x.pdf"],
])
def test_no_command_changes_or_reads_data_without_a_user(demo_db, stdin, capsys, args):
    """Finding 4: without --user the command line used to act as an all-powerful 'sistem'."""
    users_before = _query(demo_db, "SELECT COUNT(*) FROM users")
    stdin("SandiKuasa2026\n")
    assert main([*demo_db.cli_args, *args]) == 2
    assert "--user" in capsys.readouterr().err
    assert _query(demo_db, "SELECT COUNT(*) FROM users") == users_before
    assert not list(demo_db.paths.backups.glob("ruko_parsel-*"))


def test_wrong_password_is_refused_and_counted(demo_db, cli, capsys):
    assert cli(demo_db, "backup", password="bukan-sandinya") == 2
    assert "salah" in capsys.readouterr().err
    assert _query(demo_db, "SELECT failed_logins FROM users WHERE username='admin'") == [(1,)]


@sqlite_only
def test_restore_cli_keeps_previous(test_db, cli, stdin, capsys):
    stdin("SandiAdmin2026\n")
    assert main([*test_db.cli_args, "init"]) == 0
    assert cli(test_db, "backup", password="SandiAdmin2026") == 0
    saved = next(test_db.paths.backups.glob("*-manual.sqlite3"))
    assert cli(test_db, "restore", str(saved), password="SandiAdmin2026") == 0
    assert list(test_db.paths.backups.glob("*-pra-pulih.sqlite3"))
    assert main([*test_db.cli_args, "check"]) == 0


@pytest.mark.expect_unexpected_errors
def test_unexpected_errors_are_a_message_not_a_traceback(test_db, capsys, monkeypatch):
    from desktop_app.core.services import setup

    def broken(_app):  # type: ignore[no-untyped-def]
        raise RuntimeError("internal detail")

    monkeypatch.setattr(setup, "needs_setup", broken)
    assert main([*test_db.cli_args, "init"]) == 3
    err = capsys.readouterr().err
    assert "tak terduga" in err and "Traceback" not in err and "internal detail" not in err
    log = (test_db.paths.logs / "ruko_parsel.log")
    assert log.exists()


@sqlite_only
def test_check_reports_corrupt_database(tmp_path: Path, capsys):
    from desktop_app.paths import DataPaths

    paths = DataPaths(tmp_path)
    paths.ensure()
    assert main(["--data-dir", str(tmp_path), "check"]) == 0
    from desktop_app.db.backup import integrity_check

    raw = bytearray(paths.database.read_bytes())
    assert integrity_check(paths.database) == []
    # Scribble over every table and index page after the schema page: one page alone may be
    # one that opening the program frees or rebuilds, which would hide the damage.
    for page in range(4096, len(raw) - 4096, 4096):
        raw[page + 100: page + 400] = b"\x07" * 300
    paths.database.write_bytes(bytes(raw))
    for suffix in ("-wal", "-shm"):
        Path(str(paths.database) + suffix).unlink(missing_ok=True)
    assert integrity_check(paths.database) != []
    capsys.readouterr()
    assert main(["--data-dir", str(tmp_path), "check"]) == 1
    assert "masalah" in capsys.readouterr().out


def test_console_script_help_runs_headless(tmp_path: Path):
    exe = Path(sys.executable).with_name("ruko-parsel")
    if not exe.exists():
        pytest.skip("console script not installed in this environment")
    out = subprocess.run([str(exe), "--help"], capture_output=True, text=True, timeout=60,
                         env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert out.returncode == 0 and "audit" in out.stdout
