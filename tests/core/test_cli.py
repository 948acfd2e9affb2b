"""The headless ``ruko-parsel`` subcommands on a temp folder: init, demo, backup, check, audit."""

from __future__ import annotations

import io
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.app.cli import build_parser, main
from desktop_app.paths import DataPaths


@pytest.fixture
def stdin(monkeypatch):  # type: ignore[no-untyped-def]
    def _set(text: str) -> None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    return _set


def _db(data: Path) -> sqlite3.Connection:
    return sqlite3.connect(DataPaths(data).database)


def test_help_lists_subcommands(capsys):
    with pytest.raises(SystemExit) as exc:
        build_parser().parse_args(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for name in ("init", "demo", "backup", "restore", "check", "audit", "users", "--data-dir",
                 "--database"):
        assert name in out


def test_init_reads_password_from_stdin(tmp_path: Path, stdin, capsys):
    stdin("SandiAdmin2026\n")
    assert main(["--data-dir", str(tmp_path), "init", "--username", "kepala"]) == 0
    conn = _db(tmp_path)
    (username, role, hashed), = conn.execute("SELECT username, role, password_hash FROM users")
    assert (username, role) == ("kepala", "admin") and hashed.startswith("$argon2id$")
    assert conn.execute("SELECT name FROM office_profile").fetchone()[0]
    assert conn.execute("SELECT COUNT(*) FROM regions WHERE level='desa'").fetchone()[0] >= 15
    conn.close()
    stdin("SandiAdmin2026\n")
    assert main(["--data-dir", str(tmp_path), "init"]) == 0  # second time: nothing to do
    assert "sudah" in capsys.readouterr().out


def test_init_rejects_weak_password(tmp_path: Path, stdin, capsys):
    stdin("123\n")
    assert main(["--data-dir", str(tmp_path), "init"]) == 2
    assert "Gagal" in capsys.readouterr().err


def test_demo_backup_check_verify_users_add(tmp_path: Path, stdin, capsys):
    data = ["--data-dir", str(tmp_path)]
    assert main([*data, "demo"]) == 0
    assert "demo12345" in capsys.readouterr().out
    assert main([*data, "demo"]) == 1  # not on a filled database
    assert main([*data, "demo", "--if-empty"]) == 0
    assert main([*data, "backup"]) == 0
    backups = list((tmp_path / "backups").glob("ruko_parsel-*-manual.sqlite3"))
    assert len(backups) == 1
    assert main([*data, "check"]) == 0
    assert "ok" in capsys.readouterr().out
    assert main([*data, "audit", "verify"]) == 0
    stdin("SandiOperator1\n")
    assert main([*data, "users", "add", "petugas", "--full-name", "Petugas Baru"]) == 0
    conn = _db(tmp_path)
    assert conn.execute("SELECT role FROM users WHERE username='petugas'").fetchone() == (
        "operator",)
    conn.close()
    # acting as a named user: an operator may not add users
    stdin("demo12345\nSandiLain123\n")
    code = main([*data, "users", "add", "lain", "--full-name", "Lain", "--user", "operator"])
    assert code == 2
    assert "tidak diizinkan" in capsys.readouterr().err


def test_restore_cli_keeps_previous(tmp_path: Path, stdin, capsys):
    data = ["--data-dir", str(tmp_path)]
    stdin("SandiAdmin2026\n")
    main([*data, "init"])
    main([*data, "backup"])
    saved = next((tmp_path / "backups").glob("*-manual.sqlite3"))
    assert main([*data, "restore", str(saved)]) == 0
    assert list((tmp_path / "backups").glob("*-pra-pulih.sqlite3"))
    assert main([*data, "check"]) == 0


def test_check_reports_corrupt_database(tmp_path: Path, capsys):
    paths = DataPaths(tmp_path)
    paths.ensure()
    assert main(["--data-dir", str(tmp_path), "check"]) == 0
    from desktop_app.db.backup import integrity_check

    raw = bytearray(paths.database.read_bytes())
    assert integrity_check(paths.database) == []
    raw[4096 + 100: 4096 + 400] = b"\x07" * 300  # scribble over a table page
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
