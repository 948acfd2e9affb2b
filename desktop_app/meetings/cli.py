"""RUKO PARSEL subcommands: ``print invitation|attendance|notulen MEETING_ID`` and
``export meetings|actions``. They join the ``print`` and ``export`` commands that
``cli.intake`` creates (it is registered first)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from desktop_app.core.cli.common import add_user_option, cli_actor, open_for_cli
from desktop_app.core.domain.formatting import format_number


def cmd_print(args: argparse.Namespace) -> int:
    from desktop_app.meetings.services import printing

    app = open_for_cli(args)
    actor = cli_actor(app, args)
    out = Path(args.output)
    if args.document == "invitation":
        printing.print_invitation(app, actor, args.meeting_id, out,
                                  per_addressee=args.per_addressee)
        print(f"Surat undangan dicetak ke {out}")
    elif args.document == "attendance":
        printing.print_attendance(app, actor, args.meeting_id, out,
                                  blank_rows=args.blank_rows)
        print(f"Daftar hadir dicetak ke {out}")
    else:
        printing.print_notulen(app, actor, args.meeting_id, out)
        print(f"Notulen dicetak ke {out}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from desktop_app.meetings.services import export
    from desktop_app.meetings.services.listing import MeetingFilter
    from desktop_app.meetings.services.tracker import ActionFilter

    app = open_for_cli(args)
    actor = cli_actor(app, args)
    date_from = date.fromisoformat(args.date_from) if args.date_from else None
    date_to = date.fromisoformat(args.date_to) if args.date_to else None
    if args.what == "meetings":
        path, count = export.export_meetings(
            app, actor, Path(args.output), MeetingFilter(date_from=date_from, date_to=date_to))
        print(f"{format_number(count)} rapat diekspor ke {path}")
    else:
        flt = ActionFilter(status=args.status or "", overdue_only=args.overdue,
                           desa_code=args.desa or "", date_from=date_from, date_to=date_to)
        path, count = export.export_actions(app, actor, Path(args.output), flt)
        print(f"{format_number(count)} tindak lanjut diekspor ke {path}")
    return 0


def register(sub: Any) -> None:
    documents = sub.choices["print"].documents
    for name, text in (("invitation", "surat undangan rapat"),
                       ("attendance", "daftar hadir rapat"),
                       ("notulen", "notulen rapat")):
        q = documents.add_parser(name, help=text)
        q.add_argument("meeting_id", type=int, metavar="MEETING_ID", help="nomor (ID) rapat")
        q.add_argument("-o", "--output", required=True)
        if name == "invitation":
            q.add_argument("--per-addressee", action="store_true",
                           help="satu surat untuk setiap tujuan undangan")
        if name == "attendance":
            q.add_argument("--blank-rows", type=int, default=None,
                           help="baris kosong untuk tamu tak terdaftar")
        add_user_option(q)
        q.set_defaults(handler=cmd_print)

    datasets = sub.choices["export"].datasets
    for name, text in (("meetings", "log rapat: rapat, daftar hadir, masalah, kesepakatan"),
                       ("actions", "tindak lanjut rapat")):
        e = datasets.add_parser(name, help=text)
        e.add_argument("-o", "--output", required=True)
        e.add_argument("--from", dest="date_from", help="tanggal rapat dari (YYYY-MM-DD)")
        e.add_argument("--to", dest="date_to", help="tanggal rapat sampai (YYYY-MM-DD)")
        if name == "actions":
            e.add_argument("--status", choices=["open", "in_progress", "done", "cancelled",
                                                "open_all"])
            e.add_argument("--overdue", action="store_true", help="hanya yang lewat batas")
            e.add_argument("--desa", help="kode desa, mis. 63.11.07.2003")
        add_user_option(e)
        e.set_defaults(handler=cmd_export)
