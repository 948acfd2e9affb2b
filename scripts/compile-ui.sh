#!/usr/bin/env bash
# Compile every Qt Designer form in ui/ to desktop_app/core/gui/forms/ui_<name>.py (committed; a test
# checks they are up to date). Run after editing a .ui file.
set -euo pipefail
cd "$(dirname "$0")/.."
UIC="${UIC:-.venv/bin/pyside6-uic}"
for f in ui/*.ui; do
  name=$(basename "$f" .ui)
  "$UIC" "$f" -o "desktop_app/core/gui/forms/ui_${name}.py"
done
