"""Helpers shared by the headless subcommands: opening the app, acting as a user."""

from __future__ import annotations

import argparse
import os
import sys

from desktop_app.core.domain.errors import AuthenticationError
from desktop_app.core.services.context import SYSTEM_ACTOR, Actor, AppContext
from desktop_app.paths import DataPaths


def resolve_paths(args: argparse.Namespace) -> DataPaths:
    from desktop_app.paths import default_data_dir

    return DataPaths(args.data_dir or default_data_dir())


def database_url(args: argparse.Namespace) -> str | None:
    return args.database or os.environ.get("RUKO_DATABASE_URL") or None


def open_for_cli(args: argparse.Namespace, *, daily_backup: bool = False) -> AppContext:
    from desktop_app.core.services.bootstrap import open_app

    return open_app(resolve_paths(args), database_url(args), daily_backup=daily_backup)


def cli_actor(app: AppContext, args: argparse.Namespace) -> Actor:
    """Headless commands act as the user named by --user (password from RUKO_PASSWORD or stdin),
    or as the machine itself (audited as 'sistem') when no user is given."""
    username = getattr(args, "user", None)
    if not username:
        return SYSTEM_ACTOR
    from desktop_app.core.services.auth import login

    password = os.environ.get("RUKO_PASSWORD")
    if password is None:
        password = sys.stdin.readline().rstrip("\n")
    try:
        return login(app, username, password)
    except AuthenticationError:
        raise


def add_user_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--user", help="bertindak sebagai pengguna ini (kata sandi dari "
                                       "RUKO_PASSWORD atau masukan standar)")
