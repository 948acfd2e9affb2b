"""The committed form modules are exactly what pyside6-uic makes of ui/*.ui today."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UI_FILES = sorted((ROOT / "ui").glob("*.ui"))
VERSION_LINE = "Created by: Qt User Interface Compiler version"


def _uic() -> str | None:
    local = Path(sys.executable).with_name("pyside6-uic")
    return str(local) if local.exists() else shutil.which("pyside6-uic")


def _normal(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines() if VERSION_LINE not in line]


def test_there_are_forms():
    assert UI_FILES, "ui/*.ui expected"


@pytest.mark.parametrize("ui", UI_FILES, ids=lambda p: p.name)
def test_compiled_form_is_up_to_date(ui: Path, tmp_path: Path):
    uic = _uic()
    if uic is None:
        pytest.skip("pyside6-uic not available")
    out = tmp_path / f"ui_{ui.stem}.py"
    subprocess.run([uic, str(ui), "-o", str(out)], check=True, timeout=60)
    committed = ROOT / "desktop_app" / "core" / "gui" / "forms" / f"ui_{ui.stem}.py"
    assert committed.exists(), f"run scripts/compile-ui.sh: {committed.name} missing"
    assert _normal(out.read_text(encoding="utf-8")) == _normal(
        committed.read_text(encoding="utf-8")
    ), f"{committed.name} is stale: run scripts/compile-ui.sh"
