"""The ``ruko-parsel`` command: no arguments opens the GUI; subcommands work headless."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from pathlib import Path

from desktop_app import APP_NAME, __version__

# Each feature's command module has ``register(subparsers)``; a feature adds one line here.
# They are imported only when a subcommand is given: the GUI starts without them (and without
# the SQLAlchemy they bring).
COMMAND_MODULES = [
    "desktop_app.core.cli.commands",
    "desktop_app.intake.cli",
    "desktop_app.meetings.cli",
    "desktop_app.ranking.cli",
    "desktop_app.planning.cli",
]


# argparse's own words (usage, headings, errors) in Indonesian: the command line is a screen
# of the app too. argparse looks its texts up through ``argparse._`` at call time.
_ARGPARSE_TEXTS = {
    "usage: ": "penggunaan: ",
    "positional arguments": "argumen",
    "options": "pilihan",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "%(prog)s: error: %(message)s\n": "%(prog)s: kesalahan: %(message)s\n",
    "the following arguments are required: %s": "argumen berikut wajib diberikan: %s",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "pilihan tidak sah: %(value)r (pilih dari %(choices)s)",
    "invalid %(type)s value: %(value)r": "nilai %(type)s tidak sah: %(value)r",
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
    "expected one argument": "perlu satu nilai",
    "expected at least one argument": "perlu paling sedikit satu nilai",
    "expected at most one argument": "paling banyak satu nilai",
    "ambiguous option: %(option)s could match %(matches)s":
        "pilihan %(option)s tidak jelas: bisa %(matches)s",
    "not allowed with argument %s": "tidak boleh bersama argumen %s",
    "one of the arguments %s is required": "salah satu argumen %s wajib diberikan",
    "ignored explicit argument %r": "argumen %r diabaikan",
    "can't open '%(filename)s': %(error)s": "tidak dapat membuka '%(filename)s': %(error)s",
    "unexpected option string: %s": "pilihan tak terduga: %s",
}


def _indonesian_argparse() -> None:
    def translate(text: str) -> str:
        return _ARGPARSE_TEXTS.get(text, text)

    def translate_plural(one: str, many: str, n: int) -> str:
        if one == "expected %s argument":
            return "perlu %s nilai"
        return translate(one if n == 1 else many)

    argparse._ = translate  # type: ignore[attr-defined]
    argparse.ngettext = translate_plural  # type: ignore[attr-defined]


def _global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="folder data (basis data, cadangan, log); bawaan: folder data pengguna")
    parser.add_argument("--database", default=None,
                        help="URL basis data SQLAlchemy (juga RUKO_DATABASE_URL), mis. "
                             "postgresql+psycopg://user@server/rukoparsel")
    parser.add_argument("--user", default=None,
                        help="bertindak sebagai pengguna ini untuk perintah yang membaca atau "
                             "mengubah data (kata sandi dari RUKO_PASSWORD atau masukan standar)")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}",
                        help="tampilkan versi program lalu keluar")


def build_parser() -> argparse.ArgumentParser:
    _indonesian_argparse()
    parser = argparse.ArgumentParser(
        prog="ruko-parsel",
        description=f"{APP_NAME} {__version__}. Tanpa subperintah: membuka aplikasi (GUI).",
    )
    _global_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    p = sub.add_parser("demo", help="isi basis data kosong dengan data contoh")
    p.add_argument("--if-empty", action="store_true", help="diam saja bila sudah berisi data")
    p.set_defaults(handler=cmd_demo)
    return parser


def cmd_demo(args: argparse.Namespace) -> int:
    from desktop_app.app.demo import DEMO_PASSWORD, fill_demo
    from desktop_app.core.cli.common import open_for_cli
    from desktop_app.core.services import setup

    app = open_for_cli(args)
    if not setup.needs_setup(app):
        if args.if_empty:
            return 0
        print("Basis data sudah berisi data; demo hanya untuk basis data kosong.", file=sys.stderr)
        return 1
    fill_demo(app, progress=print)
    print(f"Data contoh siap. Masuk sebagai 'admin' dengan kata sandi '{DEMO_PASSWORD}'.")
    return 0


def _gui_args(argv: list[str]) -> argparse.Namespace | None:
    """The global options when nothing but them is given (the GUI), else None."""
    _indonesian_argparse()
    parser = argparse.ArgumentParser(prog="ruko-parsel", add_help=False)
    _global_options(parser)
    args, rest = parser.parse_known_args(argv)
    return None if rest else args


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    gui_args = _gui_args(argv)
    if gui_args is not None:
        from desktop_app.app.gui import run_gui
        from desktop_app.paths import DataPaths, default_data_dir

        paths = DataPaths(gui_args.data_dir or default_data_dir())
        url = gui_args.database or os.environ.get("RUKO_DATABASE_URL") or None
        return run_gui(paths, url)
    from desktop_app.core.cli.common import resolve_paths
    from desktop_app.core.domain.errors import AppError

    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:  # e.g. only unknown options: argparse has reported them
        parser.print_help()
        return 2
    from desktop_app.logging_setup import setup_logging

    paths = resolve_paths(args)
    paths.ensure()
    log_file = setup_logging(paths.logs)
    try:
        return int(args.handler(args) or 0)
    except AppError as exc:
        print(f"Gagal: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Dibatalkan.", file=sys.stderr)
        return 130
    except Exception:  # a bug or the environment: the details go to the log, not the screen
        logging.getLogger(__name__).exception("Command %s failed", args.command)
        print(f"Gagal: terjadi kesalahan tak terduga. Rinciannya dicatat di {log_file}.",
              file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
