"""The ``ruko-parsel`` command: no arguments opens the GUI; subcommands work headless."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from desktop_app import APP_NAME, __version__

# Each module has ``register(subparsers)``; feature modules add one line here.
COMMAND_MODULES = [
    "desktop_app.core.cli.commands",
    "desktop_app.intake.cli",
    "desktop_app.meetings.cli",
    "desktop_app.ranking.cli",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ruko-parsel",
        description=f"{APP_NAME} {__version__}. Tanpa subperintah: membuka aplikasi (GUI).",
    )
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="folder data (basis data, cadangan, log); bawaan: folder data pengguna")
    parser.add_argument("--database", default=None,
                        help="URL basis data SQLAlchemy (juga RUKO_DATABASE_URL), mis. "
                             "postgresql+psycopg://user@server/rukoparsel")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def resolve_paths(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from desktop_app.paths import DataPaths, default_data_dir

    return DataPaths(args.data_dir or default_data_dir())


def database_url(args: argparse.Namespace) -> str | None:
    return args.database or os.environ.get("RUKO_DATABASE_URL") or None


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from desktop_app.app.gui import run_gui

        return run_gui(resolve_paths(args), database_url(args))
    from desktop_app.core.domain.errors import AppError
    from desktop_app.logging_setup import setup_logging

    paths = resolve_paths(args)
    paths.ensure()
    setup_logging(paths.logs)
    try:
        return int(args.handler(args) or 0)
    except AppError as exc:
        print(f"Gagal: {exc.message}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
