"""Spreadsheets out: the filtered list (masked per role, audited) and the import template."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from desktop_app.core.domain import clock
from desktop_app.core.domain.formatting import format_number
from desktop_app.core.domain.progress import Progress
from desktop_app.core.domain.roles import Permission
from desktop_app.core.models import Region
from desktop_app.core.services import audit, office, regions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.intake.exchange.sheets import (
    TEMPLATE_INSTRUCTIONS,
    TEMPLATE_TITLE,
    export_columns,
    line_maker,
    read_keys,
    template_columns,
)
from desktop_app.intake.models import Submission
from desktop_app.intake.services.categories import categories
from desktop_app.intake.services.listing import SubmissionFilter, select_in

CHUNK = 2000


def export_submissions(app: AppContext, actor: Actor, flt: SubmissionFilter | None,
                       target: Path | str, progress: Progress | None = None) -> tuple[Path, int]:
    """The filtered list as xlsx, one column per field; personal data masked for roles that may
    not see it. Everything is read in one read transaction while the file is written; the
    audit row is written after the file exists."""
    require(actor, Permission.DATA_EXPORT)
    from desktop_app.core.exchange.writer import SheetSpec, write_table

    may_see = actor.can(Permission.VIEW_PERSONAL_DATA)
    columns = [getattr(Submission, key) for key in read_keys()]
    count = 0
    with unit_of_work(app, write=False) as session:
        stmt = select_in(session, actor, flt, columns)
        matching = stmt.with_only_columns(Submission.id).order_by(None)
        total = int(session.scalar(select(func.count()).select_from(matching.subquery())) or 0)
        names = regions.names(session)
        category_names = {code: label for code, label, _b in categories(session, True)}
        profile = office.load_profile(session)
        line = line_maker(names, category_names, may_see)

        def rows() -> Iterator[list[Any]]:
            """One streamed SELECT in the list's order, read in chunks as the file is
            written."""
            nonlocal count
            result = session.execute(stmt.execution_options(yield_per=CHUNK))
            for values in result:
                count += 1
                if progress is not None and count % 500 == 0:
                    progress(count, total, f"Menulis {format_number(count)} dari {format_number(total)} baris…")
                yield line(values)

        title = [f"Daftar Usulan, Laporan dan Aduan — {profile.name if profile else ''}",
                 f"Diekspor {clock.today():%d/%m/%Y} oleh {actor.full_name}"
                 + ("" if may_see else " (data pribadi disamarkan)")]
        path = write_table(target, [SheetSpec("Data", export_columns(), rows(),
                                              title_rows=title)])
    with unit_of_work(app) as session:
        audit.record(session, actor, "export", "submission", "*",
                     after={"rows": count, "file": Path(target).name, "masked": not may_see},
                     summary=f"Ekspor {count} data ke {Path(target).name}")
    return path, count


def write_intake_template(app: AppContext, target: Path | str) -> Path:
    """The import template: drop-downs for desa, category and every choice field."""
    from desktop_app.core.exchange.writer import write_template

    with unit_of_work(app, write=False) as session:
        desa = list(session.scalars(select(Region.name).where(
            Region.level.in_(["desa", "kelurahan"])).order_by(Region.code)))
        labels = [label for _code, label, _builtin in categories(session)]
    return write_template(target, TEMPLATE_TITLE, template_columns(desa, labels),
                          TEMPLATE_INSTRUCTIONS)
