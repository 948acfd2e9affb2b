"""Foundation subcommands: init, backup, restore, check, audit verify, users add."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop_app.core.cli.common import (
    add_user_option,
    cli_actor,
    database_url,
    open_for_cli,
    read_secret,
    resolve_paths,
)


def cmd_init(args: argparse.Namespace) -> int:
    from desktop_app.core.domain.roles import Role
    from desktop_app.core.services import auth, office, setup

    app = open_for_cli(args)
    if not setup.needs_setup(app):
        print("Basis data sudah berisi pengguna; init tidak diperlukan.")
        return 0
    password = read_secret("Kata sandi admin: ")
    profile = None
    if office.get_profile(app) is None:
        profile = office.OfficeProfileData(
            office_kind=args.office_kind, name=args.office_name,
            region_code="63.11.07" if args.office_kind == "kecamatan" else "63.11")
    setup.first_run(app, auth.UserInput(args.username, args.full_name, Role.ADMIN, password),
                    profile)
    print(f"Basis data siap di {app.database_url}; admin '{args.username}' dibuat.")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from desktop_app.core.services.backups import backup_now

    app = open_for_cli(args)
    target = backup_now(app, cli_actor(app, args), "manual")
    print(f"Cadangan dibuat: {target}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from desktop_app.core.services.backups import inspect_backup, restore

    app = open_for_cli(args)
    actor = cli_actor(app, args)
    summary = inspect_backup(app, actor, Path(args.file))
    print(f"Cadangan diperiksa: skema {summary.revision}, checksum {summary.manifest}"
          + (", akan diperbarui ke skema terbaru" if summary.needs_upgrade else "") + ".")
    safety = restore(app, actor, Path(args.file))
    print(f"Dipulihkan dari {args.file}. Basis data sebelumnya disimpan di {safety}. "
          "Jendela aplikasi lain yang masih terbuka pada basis data ini harus ditutup dan "
          "dibuka kembali.")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    paths = resolve_paths(args)
    if database_url(args) is None and paths.database.exists():
        # Check the file as it is, before start-up would migrate or write to it.
        from desktop_app.core.services.backups import check_file

        problems = check_file(paths.database)
    else:
        from desktop_app.core.services.backups import integrity

        problems = integrity(open_for_cli(args))
    if problems:
        print("Pemeriksaan integritas menemukan masalah:")
        for p in problems:
            print(f"- {p}")
        return 1
    print("Basis data utuh (integrity_check: ok).")
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from desktop_app.core.services.audit import check_chain, verify_chain

    app = open_for_cli(args)
    # A read-only check: without --user it runs like `check`; with it, as that user.
    report = verify_chain(app, cli_actor(app, args)) if args.user else check_chain(app)
    for note in report.notes:
        print(f"Catatan: {note}")
    if report.ok:
        print(f"Jejak audit utuh: {report.rows_checked} baris diperiksa, "
              f"{report.anchors_checked} penanda di luar basis data cocok.")
        return 0
    print(f"Jejak audit RUSAK ({len(report.problems)} masalah dari {report.rows_checked} baris):")
    for p in report.problems:
        print(f"- {p}")
    return 1


def cmd_users_add(args: argparse.Namespace) -> int:
    from desktop_app.core.domain.roles import Role
    from desktop_app.core.services import auth

    app = open_for_cli(args)
    actor = cli_actor(app, args)
    password = read_secret(f"Kata sandi untuk {args.username}: ")
    uid = auth.create_user(app, actor, auth.UserInput(args.username, args.full_name,
                                                      Role(args.role), password, nip=args.nip))
    print(f"Pengguna '{args.username}' dibuat (id {uid}).")
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("init", help="buat basis data dan admin pertama (kata sandi dari stdin)")
    p.add_argument("--username", default="admin")
    p.add_argument("--full-name", default="Administrator")
    p.add_argument("--office-name", default="KECAMATAN PARINGIN SELATAN")
    p.add_argument("--office-kind", choices=["kecamatan", "dinas"], default="kecamatan")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("backup", help="buat cadangan sekarang")
    add_user_option(p)
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", help="pulihkan dari file cadangan (yang lama disimpan)")
    p.add_argument("file", metavar="BERKAS", help="berkas cadangan")
    add_user_option(p)
    p.set_defaults(handler=cmd_restore)

    p = sub.add_parser("check", help="periksa integritas basis data")
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser("audit", help="jejak audit")
    audit_sub = p.add_subparsers(dest="audit_command", metavar="PERINTAH", required=True)
    v = audit_sub.add_parser("verify", help="periksa rantai hash jejak audit")
    add_user_option(v)
    v.set_defaults(handler=cmd_audit_verify)

    p = sub.add_parser("users", help="kelola pengguna")
    users_sub = p.add_subparsers(dest="users_command", metavar="PERINTAH", required=True)
    a = users_sub.add_parser("add", help="tambah pengguna (kata sandi dari stdin)")
    a.add_argument("username", metavar="NAMA_PENGGUNA")
    a.add_argument("--full-name", required=True)
    a.add_argument("--role", choices=["admin", "operator", "verifier", "pimpinan"],
                   default="operator")
    a.add_argument("--nip", default="")
    add_user_option(a)
    a.set_defaults(handler=cmd_users_add)
