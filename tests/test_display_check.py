"""When Qt cannot open a window (no display, missing xcb libraries), the program says why in
the terminal, in Indonesian, with the fix, instead of aborting with exit code 134."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from desktop_app.app import display_check

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="xcb is Linux")


def test_no_display_is_explained_in_the_terminal(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-m", "desktop_app", "--data-dir",
                             str(tmp_path / "data")], env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 2
    assert "Tidak ada layar" in result.stderr and "xvfb-run" in result.stderr


def test_a_missing_xcb_library_is_named_with_the_fix(monkeypatch):
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("DISPLAY", ":99")

    def missing(_path, mode=0):
        raise OSError("libxcb-cursor.so.0: cannot open shared object file: No such file")

    monkeypatch.setattr(display_check.ctypes, "CDLL", missing)
    reason = display_check.problem()
    assert reason is not None
    assert "libxcb-cursor.so.0" in reason and "install-system-deps.sh" in reason


def test_offscreen_and_a_working_display_pass(monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert display_check.problem() is None
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("DISPLAY", ":99")
    assert display_check.problem() is None  # the libraries are installed here
