"""KULA RAKAT subcommands: import, export submissions, print form|receipt|handover."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from desktop_app.core.cli.common import add_user_option, cli_actor, open_for_cli
from desktop_app.core.domain import clock


def _progress(done: int, total: int, text: str = "") -> None:
    if total and done == total:
        print(f"  {text or 'selesai'}")


def cmd_import(args: argparse.Namespace) -> int:
    from desktop_app.intake.services.importing import ImportDefaults, import_file

    app = open_for_cli(args)
    defaults = ImportDefaults(kind=args.kind, category=args.category, channel=args.channel)
    result = import_file(app, cli_actor(app, args), Path(args.file), defaults=defaults,
                         dry_run=args.dry_run, error_dir=app.paths.exports)
    print(f"Diimpor{' (uji, tidak disimpan)' if args.dry_run else ''}: {result.imported}")
    print(f"Ditolak: {result.rejected}")
    print(f"Dilewati karena sudah ada: {result.skipped_existing}")
    if result.error_workbook:
        print(f"Baris yang ditolak dan alasannya: {result.error_workbook}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from desktop_app.intake.services.exporting import export_submissions
    from desktop_app.intake.services.listing import SubmissionFilter

    app = open_for_cli(args)
    flt = SubmissionFilter(kind=args.kind or "", category=args.category or "",
                           status=args.status or "")
    path, count = export_submissions(app, cli_actor(app, args), flt, Path(args.output))
    print(f"{count} data diekspor ke {path}")
    return 0


def _resolve_ids(app: Any, actor: Any, numbers: list[str]) -> list[int]:
    from desktop_app.intake.services.links import resolve_refs

    return resolve_refs(app, actor, numbers)


def cmd_print(args: argparse.Namespace) -> int:
    from desktop_app.intake.services import printing as intake_print

    app = open_for_cli(args)
    actor = cli_actor(app, args)
    out = Path(args.output)
    if args.document == "form":
        ids = _resolve_ids(app, actor, args.refs)
        intake_print.print_forms(app, actor, ids, out)
        print(f"{len(ids)} formulir dicetak ke {out}")
    elif args.document == "receipt":
        (sid,) = _resolve_ids(app, actor, args.refs[:1])
        intake_print.print_receipt(app, actor, sid, out)
        print(f"Tanda terima dicetak ke {out}")
    else:
        from desktop_app.core.services.auth import find_user_id

        uid = find_user_id(app, args.enumerator)
        if uid is None:
            print(f"Pengguna {args.enumerator} tidak ditemukan.")
            return 2
        _path, count = intake_print.print_handover(
            app, actor, uid, date.fromisoformat(args.date_from), date.fromisoformat(args.date_to),
            out)
        print(f"Berita acara ({count} data) dicetak ke {out}")
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("import", help="impor usulan/laporan/aduan dari .xlsx/.xls/.ods")
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="periksa saja, tidak menyimpan")
    p.add_argument("--kind", default="usulan", choices=["usulan", "laporan", "aduan"],
                   help="jenis bila berkas tidak punya kolom Jenis")
    p.add_argument("--category", default="rtlh",
                   help="kategori bawaan bila kolom kategori kosong: rtlh, jalan, drainase, "
                        "lainnya, atau kode kategori tambahan")
    p.add_argument("--channel", default="enumerator")
    add_user_option(p)
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("export", help="ekspor data ke xlsx")
    export_sub = p.add_subparsers(dest="what", metavar="DATA", required=True)
    e = export_sub.add_parser("submissions", help="usulan, laporan dan aduan")
    e.add_argument("-o", "--output", required=True)
    e.add_argument("--kind")
    e.add_argument("--category")
    e.add_argument("--status")
    add_user_option(e)
    e.set_defaults(handler=cmd_export)
    p.datasets = export_sub  # type: ignore[attr-defined]  # cli.meetings adds its data sets

    p = sub.add_parser("print", help="cetak dokumen ke PDF")
    print_sub = p.add_subparsers(dest="document", metavar="DOKUMEN", required=True)
    p.documents = print_sub  # type: ignore[attr-defined]  # cli.meetings adds its documents
    for name, text in (("form", "formulir (satu atau lebih nomor)"),
                       ("receipt", "tanda terima satu nomor")):
        q = print_sub.add_parser(name, help=text)
        q.add_argument("refs", nargs="+", help="nomor registrasi, mis. ADU/2026/0007")
        q.add_argument("-o", "--output", required=True)
        add_user_option(q)
        q.set_defaults(handler=cmd_print)
    q = print_sub.add_parser("handover", help="berita acara penyerahan hasil input")
    q.add_argument("enumerator", help="nama pengguna enumerator")
    q.add_argument("--from", dest="date_from", required=True, help="YYYY-MM-DD")
    q.add_argument("--to", dest="date_to", default=clock.today().isoformat())
    q.add_argument("-o", "--output", required=True)
    add_user_option(q)
    q.set_defaults(handler=cmd_print)
