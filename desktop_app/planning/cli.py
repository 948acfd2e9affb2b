"""``ruko-parsel musrenbang …``: export and import of usulan (SIPD layout, desa workbooks),
ranking a tier, and printing a tier's berita acara, screening recap and desa letters.
Defaults: the latest planning year and the office's own region."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop_app.core.cli.common import add_user_option, cli_actor, open_for_cli
from desktop_app.core.domain.formatting import format_number

TIERS = ["desa", "kecamatan", "kabupaten"]


def _scope(app: Any, args: argparse.Namespace) -> tuple[int, str, str]:
    """(year, tier, region): given, or the latest year and the office's region and tier."""
    from desktop_app.core.services import office, regions
    from desktop_app.planning.services import frame
    from desktop_app.planning.services.common import level_of_region

    year = args.year or frame.default_year(app)
    region = getattr(args, "wilayah", None)
    if not region:
        profile = office.get_profile(app)
        region = (profile.region_code if profile else None) or regions.HOME_KECAMATAN
    tier = getattr(args, "tier", None) or level_of_region(region).value
    if tier == "kabupaten":
        region = ".".join(region.split(".")[:2])
    elif tier == "kecamatan":
        region = ".".join(region.split(".")[:3])
    return int(year), tier, region


def cmd_export(args: argparse.Namespace) -> int:
    from desktop_app.planning.services import transfer

    app = open_for_cli(args)
    actor = cli_actor(app, args)
    year = args.year
    if year is None:
        from desktop_app.planning.services import frame

        year = frame.default_year(app)
    path, count = transfer.export_sipd(app, actor, Path(args.output), transfer.ExportScope(
        int(year), args.tier or "", args.wilayah or ""))
    print(f"{format_number(count)} usulan diekspor ke {path}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from desktop_app.core.exchange.formats import read_sheet
    from desktop_app.planning import exchange
    from desktop_app.planning.services import frame, transfer, workbook

    app = open_for_cli(args)
    actor = cli_actor(app, args)
    path = Path(args.file)
    sheet = read_sheet(path)
    is_bundle = exchange.INFO_SHEET in sheet.sheet_names or any(
        str(v or "").strip() in ("ID Usulan", "UID") for row in sheet.rows[:10] for v in row)
    if is_bundle:
        result = transfer.import_sipd(app, actor, path)
        if result.already_imported:
            print("Berkas ini sudah pernah diimpor; tidak ada perubahan baru.")
        rejected = transfer.write_rejected(path.with_name(path.stem + "-ditolak.xlsx"), result)
    else:
        year = args.year or frame.default_year(app)
        result = workbook.import_workbook(app, actor, path, year=int(year), desa_code=args.desa,
                                          level=args.tier or "kecamatan", sheet=args.sheet)
        rejected = workbook.write_rejected(path.with_name(path.stem + "-ditolak.xlsx"), result)
    print(result.text)
    if rejected is not None:
        print(f"Baris yang ditolak beserta alasannya: {rejected}")
        return 1
    return 0


def cmd_rank(args: argparse.Namespace) -> int:
    from desktop_app.planning.services import rembuk, scoring

    app = open_for_cli(args)
    actor = cli_actor(app, args)
    year, tier, region = _scope(app, args)
    info = rembuk.find_rembuk(app, actor, year, tier, region)
    summary = scoring.rank_rembuk(app, actor, info.id, args.method)
    print(f"{info.title}: {summary.text}")
    return 0


def cmd_print(args: argparse.Namespace) -> int:
    from desktop_app.planning.services import printing, rembuk

    app = open_for_cli(args)
    actor = cli_actor(app, args)
    year, tier, region = _scope(app, args)
    info = rembuk.find_rembuk(app, actor, year, tier, region)
    render = {"ba": printing.print_berita_acara, "rekap": printing.print_recap,
              "surat": printing.print_desa_letters}[args.document]
    path = render(app, actor, info.id, Path(args.output))
    print(f"{info.title}: dicetak ke {path}")
    return 0


def _scope_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--year", type=int, help="tahun rencana (RKPD); bawaan: tahun terbaru")
    p.add_argument("--tier", choices=TIERS, help="tingkat Musrenbang; bawaan: tingkat kantor")
    p.add_argument("--wilayah", help="kode wilayah Kemendagri, mis. 63.11.07; bawaan: "
                                     "wilayah kantor")


def register(sub: Any) -> None:
    group = sub.add_parser("musrenbang", help="REMBUK REMAS: usulan Musrenbang")
    commands = group.add_subparsers(dest="musrenbang_command", metavar="PERINTAH",
                                    required=True)
    p = commands.add_parser("export", help="ekspor usulan (urutan kolom SIPD) ke xlsx")
    p.add_argument("-o", "--output", required=True)
    _scope_options(p)
    add_user_option(p)
    p.set_defaults(handler=cmd_export)

    p = commands.add_parser("import", help="impor berkas ekspor/SIPD atau lembar usulan desa")
    p.add_argument("file", metavar="FILE.xlsx")
    p.add_argument("--year", type=int, help="tahun rencana untuk lembar usulan desa")
    p.add_argument("--desa", help="kode desa lembar usulan desa, mis. 63.11.07.2003")
    p.add_argument("--sheet", metavar="LEMBAR",
                   help="lembar usulan desa yang diimpor (bawaan: lembar pertama berisi usulan)")
    p.add_argument("--tier", choices=["desa", "kecamatan"],
                   help="lembar desa: usulan RT/RW (desa) atau hasil Musrenbang Desa "
                        "(kecamatan, bawaan)")
    add_user_option(p)
    p.set_defaults(handler=cmd_import)

    p = commands.add_parser("rank", help="hitung peringkat dan bagi UTAMA/CADANGAN")
    _scope_options(p)
    p.add_argument("--method", choices=["saw", "topsis"], default="saw")
    add_user_option(p)
    p.set_defaults(handler=cmd_rank)

    p = commands.add_parser("print", help="cetak berita acara, rekap atau surat ke desa")
    p.add_argument("document", choices=["ba", "rekap", "surat"], metavar="DOKUMEN",
                   help="ba (berita acara), rekap, atau surat")
    p.add_argument("-o", "--output", required=True)
    _scope_options(p)
    add_user_option(p)
    p.set_defaults(handler=cmd_print)
