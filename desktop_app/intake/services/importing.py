"""Importing filled templates and the workbooks offices already keep: every good row is saved
in one transaction, bad rows come back in a workbook with their reason, rows imported before
are skipped (re-importing adds nothing)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.domain.errors import ValidationError
from desktop_app.core.domain.progress import Progress
from desktop_app.core.domain.roles import Permission
from desktop_app.core.exchange.mapping import MappingSuggestion, suggest_mapping
from desktop_app.core.exchange.reader import (
    HeaderInfo,
    SkippedRow,
    find_header_row,
    iter_data_rows,
    read_sheet,
)
from desktop_app.core.models import Region
from desktop_app.core.services import audit
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.intake.domain.submissions import OPEN_STATUSES
from desktop_app.intake.domain.validation import validate
from desktop_app.intake.exchange.columns import IMPORT_SPECS
from desktop_app.intake.exchange.rows import (
    CategoryLookup,
    ImportDefaults,
    desa_lookup,
    import_key,
    row_to_input,
)
from desktop_app.intake.models import Submission
from desktop_app.intake.services.categories import categories
from desktop_app.intake.services.records import save_many

__all__ = ["ImportDefaults", "ImportPreview", "ImportResult", "import_file", "import_rows",
           "preview"]


@dataclass
class ImportPreview:
    path: Path
    header: HeaderInfo
    suggestion: MappingSuggestion
    rows: list[list[Any]]
    sample: list[list[Any]]


@dataclass
class ImportResult:
    imported: int = 0
    rejected: int = 0
    skipped_existing: int = 0
    skipped_rows: list[SkippedRow] = field(default_factory=list)
    error_workbook: Path | None = None
    numbers: list[str] = field(default_factory=list)
    dry_run: bool = False

    def summary(self) -> str:
        text = (f"{self.imported} baris {'dapat ' if self.dry_run else ''}diimpor, "
                f"{self.rejected} ditolak, {self.skipped_existing} dilewati karena sudah ada")
        if self.error_workbook:
            text += f". Baris yang ditolak beserta alasannya: {self.error_workbook}"
        return text


def preview(path: Path | str) -> ImportPreview:
    sheet = read_sheet(path)
    header = find_header_row(sheet.rows, IMPORT_SPECS)
    suggestion = suggest_mapping(header.headers, IMPORT_SPECS)
    sample = [row for _n, row in iter_data_rows(sheet.rows[: header.data_start + 8], header)]
    return ImportPreview(Path(path), header, suggestion, sheet.rows, sample[:5])


def desa_of_office(session: Session) -> dict[str, str]:
    rows = session.execute(select(Region.code, Region.name).where(
        Region.level.in_(["desa", "kelurahan"]))).all()
    return desa_lookup((r[0], r[1]) for r in rows)


def import_rows(app: AppContext, actor: Actor, prev: ImportPreview,
                mapping: dict[int, str | None], defaults: ImportDefaults, *,
                dry_run: bool = False, error_dir: Path | None = None,
                progress: Progress | None = None) -> ImportResult:
    """Import every good row in one transaction; bad rows go to an error workbook with their
    reason; rows imported before (same import key) are skipped, so re-importing adds nothing.
    A dry run checks every row the same way and saves nothing."""
    require(actor, Permission.DATA_IMPORT)
    require(actor, Permission.SUBMISSION_CREATE)
    from desktop_app.core.exchange.writer import write_error_workbook

    result = ImportResult(dry_run=dry_run)
    data_rows = list(iter_data_rows(prev.rows, prev.header, result.skipped_rows))
    bad: list[tuple[int, Sequence[Any], str]] = []
    total = len(data_rows)
    with unit_of_work(app, write=not dry_run) as session:
        desa = desa_of_office(session)
        lookup = CategoryLookup.of(categories(session))
        allowed = set(lookup.labels)
        existing_keys = set(session.scalars(select(Submission.import_key).where(
            Submission.import_key.is_not(None))))
        open_niks = {(n, c): num for n, c, num in session.execute(
            select(Submission.nik, Submission.category, Submission.number).where(
                Submission.nik.is_not(None), Submission.status.in_(OPEN_STATUSES))).all()}
        pending: list[tuple[dict[str, Any], str]] = []
        for done, (row_no, row) in enumerate(data_rows, start=1):
            if progress is not None and done % 100 == 0:
                progress(done, total, f"Memeriksa baris {done} dari {total}…")
            try:
                clean, _warnings = validate(row_to_input(row, mapping, defaults, desa, lookup),
                                            allowed)
            except ValidationError as exc:
                bad.append((row_no, row, "; ".join(exc.field_errors.values()) or exc.message))
                continue
            key = import_key(clean)
            if key in existing_keys:
                result.skipped_existing += 1
                continue
            nik = clean.get("nik")
            if nik and (nik, clean["category"]) in open_niks:
                bad.append((row_no, row, "NIK sudah terdaftar pada data yang masih diproses "
                                         f"({open_niks[(nik, clean['category'])]})"))
                continue
            pending.append((clean, key))
            existing_keys.add(key)
            if nik:
                open_niks[(nik, clean["category"])] = f"baris {row_no} berkas ini"
        result.rejected = len(bad)
        if dry_run:
            result.imported = len(pending)
        else:
            if progress is not None:
                progress(total, total, f"Menyimpan {len(pending)} data…")
            for start in range(0, len(pending), 2000):
                saved = save_many(session, actor, pending[start:start + 2000])
                result.numbers += [s.number for s in saved]
            result.imported = len(result.numbers)
            audit.record(session, actor, "import", "submission", prev.path.name,
                         after={"imported": result.imported, "rejected": result.rejected,
                                "skipped": result.skipped_existing},
                         summary=f"Impor {prev.path.name}: {result.summary()}")
    if bad:
        folder = error_dir or prev.path.parent
        target = folder / f"{prev.path.stem}-baris-ditolak.xlsx"
        write_error_workbook(target, prev.header.headers, bad)
        result.error_workbook = target
    if progress is not None:
        progress(total, total, "Selesai")
    return result


def import_file(app: AppContext, actor: Actor, path: Path | str, *,
                defaults: ImportDefaults | None = None, dry_run: bool = False,
                error_dir: Path | None = None, progress: Progress | None = None) -> ImportResult:
    prev = preview(path)
    return import_rows(app, actor, prev, prev.suggestion.mapping, defaults or ImportDefaults(),
                       dry_run=dry_run, error_dir=error_dir, progress=progress)
