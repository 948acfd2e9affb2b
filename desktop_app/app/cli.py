"""The ``ruko-parsel`` command: no arguments opens the GUI; subcommands work headless."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop_app import APP_NAME, __version__
from desktop_app.core.cli import commands as core_commands
from desktop_app.core.cli.common import database_url, open_for_cli, resolve_paths
from desktop_app.intake import cli as intake_cli
from desktop_app.meetings import cli as meetings_cli
from desktop_app.ranking import cli as ranking_cli

# Each feature's command module has ``register(subparsers)``; a feature adds one line here.
COMMAND_MODULES = [core_commands, intake_cli, meetings_cli, ranking_cli]


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
    for module in COMMAND_MODULES:
        module.register(sub)
    p = sub.add_parser("demo", help="isi basis data kosong dengan data contoh")
    p.add_argument("--if-empty", action="store_true", help="diam saja bila sudah berisi data")
    p.set_defaults(handler=cmd_demo)
    return parser


def cmd_demo(args: argparse.Namespace) -> int:
    from desktop_app.app.demo import DEMO_PASSWORD, fill_demo
    from desktop_app.core.services import auth

    app = open_for_cli(args)
    if auth.user_count(app) > 0:
        if args.if_empty:
            return 0
        print("Basis data sudah berisi data; demo hanya untuk basis data kosong.", file=sys.stderr)
        return 1
    fill_demo(app, progress=print)
    print(f"Data contoh siap. Masuk sebagai 'admin' dengan kata sandi '{DEMO_PASSWORD}'.")
    return 0


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
