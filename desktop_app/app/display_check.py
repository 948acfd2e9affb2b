"""Before Qt starts: can it show a window here? Qt itself aborts the process (exit 134) when its
platform plugin cannot load, with the reason only in the log; this check says it in the
terminal, in Indonesian, with the fix."""

from __future__ import annotations

import ctypes
import os
import sys
from pathlib import Path

FIX_LIBS = ("Pasang pustaka sistem yang dibutuhkan Qt:\n"
            "    sudo bash scripts/install-system-deps.sh\n"
            "atau:\n"
            "    sudo apt-get install -y libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 "
            "libxcb-keysyms1 libxcb-shape0 libxcb-randr0 libxcb-render-util0 libxcb-image0 "
            "libxcb-xinerama0 libegl1 libgl1 libfontconfig1 libdbus-1-3")
FIX_DISPLAY = ("Jalankan dari desktop (bukan dari SSH tanpa layar), atau dengan layar virtual:\n"
               "    xvfb-run -a make run")


def _xcb_plugin() -> Path | None:
    try:
        import PySide6
    except ImportError:
        return None
    path = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return path if path.exists() else None


def problem() -> str | None:
    """Why Qt's window cannot start here (Indonesian, with the fix), or None."""
    if not sys.platform.startswith("linux"):
        return None
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return None  # offscreen, wayland, vnc…: Qt reports its own problems
    if not platform and os.environ.get("WAYLAND_DISPLAY"):
        return None
    if not os.environ.get("DISPLAY"):
        return "Tidak ada layar (DISPLAY kosong): jendela aplikasi tidak dapat dibuka.\n" \
            + FIX_DISPLAY
    plugin = _xcb_plugin()
    if plugin is None:
        return None
    try:
        ctypes.CDLL(str(plugin), mode=os.RTLD_LAZY)
    except OSError as exc:
        missing = str(exc).split(":")[0]
        return (f"Qt tidak dapat memuat tampilan layar (xcb): pustaka {missing} tidak ada.\n"
                + FIX_LIBS)
    return None


def check_or_explain() -> bool:
    """Print the problem to the terminal and return False when Qt cannot start."""
    reason = problem()
    if reason is None:
        return True
    print(f"Ruko Parsel tidak dapat dibuka.\n{reason}", file=sys.stderr)
    return False
