"""Priority ranking subcommands: rank (to xlsx), criteria export|import."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.core.cli.common import add_user_option, cli_actor, open_for_cli


def cmd_rank(args: argparse.Namespace) -> int:
    from desktop_app.ranking.domain.lists import RankScope
    from desktop_app.ranking.services import criteria_sets, lists
    from desktop_app.ranking.services import printing as ranking_print

    app = open_for_cli(args)
    actor = cli_actor(app, args)
    set_id = None
    if args.criteria:
        info = criteria_sets.import_criteria(app, actor, Path(args.criteria).read_text("utf-8"),
                                       args.category, activate=False)
        set_id = info.id
        print(f"Kriteria dari {args.criteria}: {info.label} (tidak menjadi bawaan)")
    scope = RankScope(year=args.year, kecamatan_code=args.kecamatan or "",
                              desa_code=args.desa or "")
    result = lists.run_ranking(app, actor, args.category, args.method, set_id, scope)
    ranking_print.export_list_xlsx(app, actor, result.id, Path(args.output))
    print(f"Diperingkat: {result.ranked_count}; tidak memenuhi syarat: "
          f"{result.ineligible_count}; metode {result.method_label}; {result.criteria_label}")
    print(f"Ditulis: {args.output}")
    return 0


def cmd_criteria(args: argparse.Namespace) -> int:
    from desktop_app.ranking.services import criteria_sets

    app = open_for_cli(args)
    actor = cli_actor(app, args)
    if args.action == "export":
        info = criteria_sets.active_set(app, actor, args.category)
        Path(args.file).write_text(criteria_sets.export_criteria(app, actor, info.id), "utf-8")
        print(f"{info.label} ditulis ke {args.file}")
    else:
        info = criteria_sets.import_criteria(app, actor, Path(args.file).read_text("utf-8"),
                                       args.category)
        print(f"Diimpor sebagai {info.label} dan dipakai sebagai bawaan.")
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("rank", help="peringkat prioritas usulan terverifikasi ke berkas xlsx")
    p.add_argument("--category", required=True, choices=["rtlh", "jalan", "drainase"])
    p.add_argument("--method", default="saw", choices=["saw", "topsis"])
    p.add_argument("--criteria", help="berkas kriteria JSON (bawaan: kriteria aktif)")
    p.add_argument("--year", type=int, help="hanya usulan yang diterima pada tahun ini")
    p.add_argument("--kecamatan", help="kode kecamatan, mis. 63.11.07")
    p.add_argument("--desa", help="kode desa/kelurahan")
    p.add_argument("-o", "--output", required=True, help="berkas .xlsx yang ditulis")
    add_user_option(p)
    p.set_defaults(handler=cmd_rank)

    c = sub.add_parser("criteria", help="ekspor/impor kriteria peringkat (JSON)")
    c.add_argument("action", choices=["export", "import"], metavar="TINDAKAN",
                   help="export (ke berkas) atau import (dari berkas)")
    c.add_argument("file", metavar="BERKAS", help="berkas .json")
    c.add_argument("--category", choices=["rtlh", "jalan", "drainase"],
                   help="kategori (wajib untuk export)")
    add_user_option(c)
    c.set_defaults(handler=cmd_criteria)
