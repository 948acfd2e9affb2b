"""Where the app finds its bundled resources and keeps its data, logs and backups."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _base_dir() -> Path:
    # Inside a PyInstaller bundle the resources are unpacked next to sys._MEIPASS.
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base:
        return Path(frozen_base)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """Path of a file under ``resources/``, in a source checkout and in a frozen bundle."""
    return _base_dir().joinpath("resources", *parts)


def default_data_dir() -> Path:
    """The per-user data folder (e.g. %LOCALAPPDATA%\\RukoParsel on Windows)."""
    override = os.environ.get("RUKO_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("RukoParsel", appauthor=False))


class DataPaths:
    """The folders one installation uses, all below one data directory."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)

    @property
    def database(self) -> Path:
        return self.data_dir / "ruko_parsel.sqlite3"

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"

    @property
    def logs(self) -> Path:
        return self.data_dir / "logs"

    @property
    def attachments(self) -> Path:
        return self.data_dir / "lampiran"

    @property
    def exports(self) -> Path:
        return self.data_dir / "ekspor"

    @property
    def print_temp(self) -> Path:
        """Printouts made for the preview: they hold NIKs, so only the owner may read them."""
        return self.data_dir / "cetak"

    def ensure(self) -> None:
        for folder in (self.data_dir, self.backups, self.logs, self.attachments, self.exports):
            folder.mkdir(parents=True, exist_ok=True)
        self.print_temp.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.print_temp.chmod(0o700)
