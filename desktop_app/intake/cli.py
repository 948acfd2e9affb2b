"""KULA RAKAT subcommands: import (office sheets and field exports), export
submissions|template|xlsform|mapping, print form|receipt|handover."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from desktop_app.core.cli.common import add_user_option, cli_actor, open_for_cli
from desktop_app.core.domain import clock
from desktop_app.core.domain.formatting import format_number


def _progress(done: int, total: int, text: str = "") -> None:
    if total and done == total:
        print(f"  {text or 'selesai'}")


def cmd_import(args: argparse.Namespace) -> int:
    from desktop_app.intake.services.fieldwork import import_field_file, is_field_export
    from desktop_app.intake.services.importing import ImportDefaults, import_file

    app = open_for_cli(args)
    actor = cli_actor(app, args)
    path = Path(args.file)
    if is_field_export(path):
        print(f"{path.name}: hasil formulir lapangan (ODK Central/KoboToolbox)")
        result = import_field_file(app, actor, path, media=args.media, dry_run=args.dry_run,
                                   mapping_path=args.mapping, error_dir=app.paths.exports)
    else:
        defaults = ImportDefaults(kind=args.kind, category=args.category, channel=args.channel,
                                  desa_code=args.desa)
        result = import_file(app, actor, path, defaults=defaults, dry_run=args.dry_run,
                             mapping_path=args.mapping, error_dir=app.paths.exports,
                             sheet=args.sheet)
    n = format_number  # 10.000, as the office writes it
    print(f"Diimpor{' (uji, tidak disimpan)' if args.dry_run else ''}: {n(result.imported)}")
    if result.flagged:
        print(f"  di antaranya perlu dicek (isian dikosongkan): {n(result.flagged)}")
    print(f"Ditolak: {n(result.rejected)}")
    print(f"Dilewati karena sudah ada: {n(result.skipped_existing)}")
    if result.defaulted:
        print(f"  {n(result.defaulted)} baris tanpa desa/kelurahan diberi desa {result.default_desa}")
    if result.other_sheets:
        print("Lembar lain yang juga berisi data (impor dengan --sheet LEMBAR): "
              + ", ".join(result.other_sheets))
    if result.error_workbook:
        print(f"Baris yang ditolak dan yang perlu dicek, dengan alasannya: "
              f"{result.error_workbook}")
    return 0


def cmd_export_template(args: argparse.Namespace) -> int:
    from desktop_app.intake.services.exporting import write_intake_template

    app = open_for_cli(args)
    print(f"Templat impor disimpan di {write_intake_template(app, Path(args.output))}")
    return 0


def cmd_export_xlsform(args: argparse.Namespace) -> int:
    from desktop_app.intake.services.fieldwork import write_xlsform

    app = open_for_cli(args)
    path = write_xlsform(app, cli_actor(app, args), args.category, Path(args.output))
    print(f"Formulir lapangan (XLSForm) disimpan di {path}; unggah ke KoboToolbox atau "
          "ODK Central.")
    return 0


def cmd_export_mapping(args: argparse.Namespace) -> int:
    from desktop_app.intake.services.mappings import export_mappings

    app = open_for_cli(args)
    print(f"Padanan impor disimpan di {export_mappings(app, cli_actor(app, args), args.output)}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from desktop_app.intake.services.exporting import export_submissions
    from desktop_app.intake.services.listing import SubmissionFilter

    app = open_for_cli(args)
    flt = SubmissionFilter(kind=args.kind or "", category=args.category or "",
                           status=args.status or "")
    path, count = export_submissions(app, cli_actor(app, args), flt, Path(args.output))
    print(f"{format_number(count)} data diekspor ke {path}")
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
        print(f"Berita acara ({format_number(count)} data) dicetak ke {out}")
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("import", help="impor usulan/laporan/aduan dari .xlsx/.xls/.ods")
    p.add_argument("file", metavar="BERKAS", help="berkas .xlsx, .xls, .ods, .csv atau .txt (Teks Unicode Excel)")
    p.add_argument("--dry-run", action="store_true", help="periksa saja, tidak menyimpan")
    p.add_argument("--kind", default="usulan", choices=["usulan", "laporan", "aduan"],
                   help="jenis bila berkas tidak punya kolom Jenis")
    p.add_argument("--category", default="rtlh",
                   help="kategori bawaan bila kolom kategori kosong: rtlh, jalan, drainase, "
                        "lainnya, atau kode kategori tambahan")
    p.add_argument("--channel", default="enumerator")
    p.add_argument("--sheet", metavar="LEMBAR",
                   help="lembar yang diimpor (bawaan: lembar pertama yang berisi data)")
    p.add_argument("--desa", metavar="NAMA",
                   help="desa/kelurahan bagi baris tanpa desa (bila tidak diberikan: desa yang "
                        "disebut judul lembar, bila berkas tak punya kolom desa)")
    p.add_argument("--mapping", metavar="FILE.json",
                   help="padanan kolom dan nilai (diekspor dari aplikasi atau kantor lain)")
    p.add_argument("--media", metavar="FILE.zip",
                   help="zip foto dari KoboToolbox/ODK Central untuk hasil lapangan")
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
    t = export_sub.add_parser("template", help="templat impor usulan/laporan/aduan (xlsx)")
    t.add_argument("-o", "--output", required=True)
    t.set_defaults(handler=cmd_export_template)
    x = export_sub.add_parser("xlsform", help="formulir lapangan untuk ODK Collect/KoboCollect")
    x.add_argument("--category", required=True, help="rtlh, jalan, drainase, lainnya, …")
    x.add_argument("-o", "--output", required=True)
    add_user_option(x)
    x.set_defaults(handler=cmd_export_xlsform)
    m = export_sub.add_parser("mapping", help="padanan impor yang diingat (JSON)")
    m.add_argument("-o", "--output", required=True)
    add_user_option(m)
    m.set_defaults(handler=cmd_export_mapping)
    p.datasets = export_sub  # type: ignore[attr-defined]  # cli.meetings adds its data sets

    p = sub.add_parser("print", help="cetak dokumen ke PDF")
    print_sub = p.add_subparsers(dest="document", metavar="DOKUMEN", required=True)
    p.documents = print_sub  # type: ignore[attr-defined]  # cli.meetings adds its documents
    for name, text in (("form", "formulir (satu atau lebih nomor)"),
                       ("receipt", "tanda terima satu nomor")):
        q = print_sub.add_parser(name, help=text)
        q.add_argument("refs", nargs="+", metavar="NOMOR", help="nomor registrasi, mis. ADU/2026/0007")
        q.add_argument("-o", "--output", required=True)
        add_user_option(q)
        q.set_defaults(handler=cmd_print)
    q = print_sub.add_parser("handover", help="berita acara penyerahan hasil input")
    q.add_argument("enumerator", metavar="ENUMERATOR", help="nama pengguna enumerator")
    q.add_argument("--from", dest="date_from", required=True, help="YYYY-MM-DD")
    q.add_argument("--to", dest="date_to", default=clock.today().isoformat())
    q.add_argument("-o", "--output", required=True)
    add_user_option(q)
    q.set_defaults(handler=cmd_print)
