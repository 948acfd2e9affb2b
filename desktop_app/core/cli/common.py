"""Helpers shared by the headless subcommands: opening the app, acting as a user."""

from __future__ import annotations

import argparse
import os
import sys

from desktop_app.core.domain.errors import PermissionDenied
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.paths import DataPaths


def resolve_paths(args: argparse.Namespace) -> DataPaths:
    from desktop_app.paths import default_data_dir

    return DataPaths(args.data_dir or default_data_dir())


def database_url(args: argparse.Namespace) -> str | None:
    return args.database or os.environ.get("RUKO_DATABASE_URL") or None


def open_for_cli(args: argparse.Namespace, *, daily_backup: bool = False) -> AppContext:
    from desktop_app.core.services.bootstrap import open_app

    return open_app(resolve_paths(args), database_url(args), daily_backup=daily_backup)


def read_secret(prompt: str) -> str:
    """One line from standard input (a prompt without echo when it is a terminal)."""
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass(prompt)
    return sys.stdin.readline().rstrip("\n")


def cli_actor(app: AppContext, args: argparse.Namespace) -> Actor:
    """Every command that reads people's data or changes anything acts as the user named by
    --user, logged in with the password from RUKO_PASSWORD or standard input; that user's role
    applies and the audit trail names them. There is no anonymous or all-powerful actor."""
    username = getattr(args, "user", None)
    if not username:
        raise PermissionDenied(
            "Perintah ini memerlukan pengguna: tambahkan --user NAMA (kata sandi dari variabel "
            "RUKO_PASSWORD atau masukan standar)."
        )
    from desktop_app.core.services.auth import login

    password = os.environ.get("RUKO_PASSWORD")
    if password is None:
        password = read_secret(f"Kata sandi {username}: ")
    return login(app, username, password)


def add_user_option(parser: argparse.ArgumentParser) -> None:
    """--user after the subcommand too (``ruko-parsel backup --user admin``); the global option
    before it works for every command."""
    parser.add_argument("--user", default=argparse.SUPPRESS,
                        help="bertindak sebagai pengguna ini (kata sandi dari RUKO_PASSWORD "
                             "atau masukan standar)")
