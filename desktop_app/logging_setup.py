"""Rotating log file in the app's log folder; Qt messages join it from gui.app."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path


def setup_logging(log_dir: Path, level: int = logging.INFO) -> Path:
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "ruko_parsel.log"
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_ruko", False)]:
        if Path(getattr(old, "baseFilename", "")) == path.resolve():
            return path
        root.removeHandler(old)  # another data folder in the same process (tests, tools)
        old.close()
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler._ruko = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    return path
