"""The layer rule: domain, db, services, exchange and reports never import Qt (PySide6)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "desktop_app"
FEATURES = ["core", "intake", "ranking", "meetings", "planning"]
# Below the GUI: every feature's domain, models, services, exchange and reports, and db/.
QT_FREE_LAYERS = ["db"] + [f"{feature}/{layer}" for feature in FEATURES
                           for layer in ("domain", "models", "services", "exchange", "reports")]


def _imported_modules(tree: ast.AST) -> list[str]:
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "import_module":
            # importlib.import_module("PySide6...") with a literal name
            if node.args and isinstance(node.args[0], ast.Constant):
                names.append(str(node.args[0].value))
    return names


def _layer_files() -> list[Path]:
    files: list[Path] = []
    for layer in QT_FREE_LAYERS:
        folder = PACKAGE / layer
        if folder.exists():
            files.extend(sorted(folder.rglob("*.py")))
        elif folder.with_suffix(".py").exists():
            files.append(folder.with_suffix(".py"))
    return files


def test_core_layers_exist():
    for feature in FEATURES:
        for layer in ("domain", "services"):
            path = PACKAGE / feature / layer
            assert (path / "__init__.py").exists() or path.with_suffix(".py").exists(), path


@pytest.mark.parametrize("path", _layer_files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_layer_file_does_not_import_qt(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    offenders = [m for m in _imported_modules(tree) if m.split(".")[0] in {"PySide6", "shiboken6"}]
    assert not offenders, f"{path.relative_to(ROOT)} imports {offenders}"


def test_ast_check_detects_qt_import():
    """The checker itself must see both import forms (otherwise the test above proves nothing)."""
    tree = ast.parse("import PySide6.QtCore\nfrom PySide6.QtWidgets import QWidget\n")
    assert _imported_modules(tree) == ["PySide6.QtCore", "PySide6.QtWidgets"]


def test_importing_services_does_not_load_qt():
    """At run time too: importing every service module leaves PySide6 out of sys.modules."""
    modules = sorted(
        "desktop_app." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts)
        for p in _layer_files()
        if "migrations" not in p.parts and p.name != "__init__.py"
    )
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print('QT:' + ','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "QT:\n" in result.stdout or result.stdout.strip() == "QT:", result.stdout


def test_only_the_clock_reads_the_system_date():
    """Tests fix the clock; code that reads the system date itself would escape them."""
    pattern = ("date.today()", "datetime.now(", "datetime.utcnow(", "QDate.currentDate(",
               "QDateTime.currentDateTime(")
    offenders = [
        str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py")
        if p.name != "clock.py" and "migrations" not in p.parts
        and any(s in p.read_text(encoding="utf-8") for s in pattern)
    ]
    assert offenders == []
