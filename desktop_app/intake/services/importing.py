"""Importing filled templates and the workbooks offices already keep: columns matched by their
header (and the office's earlier choices), written values mapped to choices, every usable row
saved in one transaction; a row is refused only for what makes it unusable, any other faulty
value is left empty and the record flagged "perlu dicek" with the reason; rows imported before
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
from desktop_app.core.exchange.mapping import (
    MappingSuggestion,
    normalise_header,
    suggest_mapping,
)
from desktop_app.core.exchange.reader import HeaderInfo, SkippedRow, iter_data_rows
from desktop_app.core.models import Region
from desktop_app.core.services import audit
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.intake.domain.submissions import OPEN_STATUSES
from desktop_app.intake.domain.validation import validate_partial
from desktop_app.intake.exchange import mapping_file
from desktop_app.intake.exchange.columns import IMPORT_SPECS
from desktop_app.intake.exchange.rows import (
    CategoryLookup,
    ImportDefaults,
    import_key,
    row_to_input,
)
from desktop_app.intake.exchange.sheets import write_import_report
from desktop_app.intake.exchange.values import (
    ValueMap,
    ValueMatcher,
    ValueQuestion,
    decisions_from,
    scan_values,
)
from desktop_app.intake.exchange.workbooks import SheetFound, read_submissions_sheet
from desktop_app.intake.models import Submission
from desktop_app.intake.services.categories import categories
from desktop_app.intake.services.mappings import remember, remembered_columns, remembered_values
from desktop_app.intake.services.records import SavedSubmission, save_many
from desktop_app.intake.services.workflow import new_attachment, store_file

__all__ = ["ImportDefaults", "ImportPreview", "ImportResult", "import_file", "import_rows",
           "preview"]


@dataclass
class ImportPreview:
    path: Path
    header: HeaderInfo
    suggestion: MappingSuggestion
    rows: Sequence[Sequence[Any]]
    sample: Sequence[Sequence[Any]]
    matcher: ValueMatcher
    found: SheetFound | None = None
    _data: list[tuple[int, Sequence[Any]]] | None = None
    skipped: list[SkippedRow] = field(default_factory=list)

    def data_rows(self) -> list[tuple[int, Sequence[Any]]]:
        if self._data is None:
            self._data = list(iter_data_rows(self.rows, self.header, self.skipped))
        return self._data

    def questions(self, mapping: dict[int, str | None]) -> list[ValueQuestion]:
        """The value-mapping step: unknown values of every mapped choice column."""
        return scan_values(self.data_rows(), mapping, self.matcher)


@dataclass
class ImportResult:
    imported: int = 0
    rejected: int = 0
    flagged: int = 0
    skipped_existing: int = 0
    skipped_rows: list[SkippedRow] = field(default_factory=list)
    error_workbook: Path | None = None
    numbers: list[str] = field(default_factory=list)
    dry_run: bool = False

    def summary(self) -> str:
        text = (f"{self.imported} baris {'dapat ' if self.dry_run else ''}diimpor"
                + (f" ({self.flagged} di antaranya perlu dicek)" if self.flagged else "")
                + f", {self.rejected} ditolak, {self.skipped_existing} dilewati karena sudah ada")
        if self.error_workbook:
            text += f". Rincian baris yang ditolak dan yang perlu dicek: {self.error_workbook}"
        return text


def _desa(session: Session) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in session.execute(select(Region.code, Region.name).where(
        Region.level.in_(["desa", "kelurahan"])).order_by(Region.code))]


def _with_remembered(suggestion: MappingSuggestion, headers: Sequence[str],
                     columns: dict[str, str | None]) -> MappingSuggestion:
    mapping, confidence = dict(suggestion.mapping), dict(suggestion.confidence)
    for index, header in enumerate(headers):
        key = normalise_header(header)
        if key and key in columns:
            chosen = columns[key]
            for other, used in mapping.items():
                if chosen and used == chosen and other != index:
                    mapping[other], confidence[other] = None, 0.0
            mapping[index], confidence[index] = chosen, 100.0
    return MappingSuggestion(mapping, confidence)


def preview(app: AppContext, path: Path | str, *, mapping_path: Path | str | None = None,
            progress: Progress | None = None) -> ImportPreview:
    """Read the sheet, find its header row, match the columns (the office's earlier choices
    first, then a mapping file's, then header names) and prepare the value matcher."""
    found = read_submissions_sheet(path, IMPORT_SPECS, progress)
    columns: dict[str, str | None] = {}
    extra_values: ValueMap = {}
    if mapping_path is not None:
        columns, extra_values = mapping_file.load(mapping_path)
    with unit_of_work(app, write=False) as session:
        columns = {**remembered_columns(session), **columns}
        matcher = ValueMatcher(_desa(session), {**remembered_values(session), **extra_values})
    header = found.header
    suggestion = _with_remembered(suggest_mapping(header.headers, IMPORT_SPECS),
                                  header.headers, columns)
    sample = [row for _n, row in iter_data_rows(found.rows[: header.data_start + 8], header)]
    return ImportPreview(Path(path), header, suggestion, found.rows, sample[:5], matcher, found)


@dataclass
class _Lookups:
    categories: CategoryLookup
    keys: set[str]
    open_niks: dict[tuple[str, str], str]


def _lookups(session: Session) -> _Lookups:
    keys = {k for k in session.scalars(select(Submission.import_key).where(
        Submission.import_key.is_not(None))) if k is not None}
    open_niks: dict[tuple[str, str], str] = {(n, c): num for n, c, num in session.execute(
        select(Submission.nik, Submission.category, Submission.number).where(
            Submission.nik.is_not(None), Submission.status.in_(OPEN_STATUSES))).all()
        if n is not None}
    return _Lookups(CategoryLookup.of(categories(session)), keys, open_niks)


def import_rows(app: AppContext, actor: Actor, prev: ImportPreview,
                mapping: dict[int, str | None], defaults: ImportDefaults,
                values: ValueMap | None = None, *, dry_run: bool = False,
                error_dir: Path | None = None, progress: Progress | None = None,
                keys: Sequence[str | None] | None = None,
                extra: Sequence[dict[str, Any]] | None = None,
                photos: Sequence[Sequence[Path]] | None = None) -> ImportResult:
    """Import every usable row in one transaction and remember the choices made; refused rows
    and flagged ones go to a workbook with their reasons; rows imported before are skipped.
    ``values``: the decisions of the value-mapping step (None: take every sure suggestion).
    ``keys``/``extra``/``photos``: per data row, an import key, more column values and photo
    files to attach (field imports)."""
    require(actor, Permission.DATA_IMPORT)
    require(actor, Permission.SUBMISSION_CREATE)
    result = ImportResult(dry_run=dry_run)
    data_rows = prev.data_rows()
    result.skipped_rows = list(prev.skipped)
    if values is None:
        values = decisions_from(prev.questions(mapping))
    bad: list[tuple[int, Sequence[Any], str]] = []
    flagged: list[tuple[int, Sequence[Any], str, str]] = []
    total = len(data_rows)
    with unit_of_work(app, write=not dry_run) as session:
        found = _lookups(session)
        allowed = set(found.categories.labels)
        pending: list[tuple[dict[str, Any], str | None]] = []
        more: list[dict[str, Any]] = []
        origin: list[tuple[int, Sequence[Any], str]] = []
        indices: list[int] = []
        for n, (row_no, row) in enumerate(data_rows):
            if progress is not None and n % 200 == 0:
                progress(n, total, f"Memeriksa baris {n} dari {total}…")
            try:
                data, checks = row_to_input(row, mapping, defaults, prev.matcher, values,
                                            found.categories)
                clean, _warnings, more_checks = validate_partial(data, allowed)
            except ValidationError as exc:
                bad.append((row_no, row, "; ".join(exc.field_errors.values()) or exc.message))
                continue
            checks += more_checks
            key = (keys[n] if keys is not None else None) or import_key(clean)
            if key in found.keys:
                result.skipped_existing += 1
                continue
            nik = clean.get("nik")
            if nik and (nik, clean["category"]) in found.open_niks:
                bad.append((row_no, row, "NIK sudah terdaftar pada data yang masih diproses "
                                         f"({found.open_niks[(nik, clean['category'])]})"))
                continue
            reason = "; ".join(checks)
            pending.append((clean, key))
            more.append({"needs_check": bool(checks), "check_reason": reason or None,
                         **(extra[n] if extra is not None else {})})
            origin.append((row_no, row, reason))
            indices.append(n)
            found.keys.add(key)
            if nik:
                found.open_niks[(nik, clean["category"])] = f"baris {row_no} berkas ini"
        result.rejected = len(bad)
        result.flagged = sum(1 for m in more if m["needs_check"])
        if dry_run:
            result.imported = len(pending)
        else:
            if progress is not None:
                progress(total, total, f"Menyimpan {len(pending)} data…")
            for start in range(0, len(pending), 2000):
                saved = save_many(session, actor, pending[start:start + 2000],
                                  more[start:start + 2000])
                result.numbers += [s.number for s in saved]
                if photos is not None:
                    _attach(app, session, actor, saved,
                            [photos[i] for i in indices[start:start + 2000]])
            result.imported = len(result.numbers)
            remember(session, actor, prev.header.headers, mapping, values)
            audit.record(session, actor, "import", "submission", prev.path.name,
                         after={"imported": result.imported, "rejected": result.rejected,
                                "flagged": result.flagged, "skipped": result.skipped_existing},
                         summary=f"Impor {prev.path.name}: {result.summary()}")
    numbers = result.numbers or [""] * len(origin)
    flagged = [(row_no, row, reason, number) for (row_no, row, reason), number
               in zip(origin, numbers, strict=True) if reason]
    if bad or flagged:
        folder = error_dir or prev.path.parent
        name = "baris-ditolak" if bad else "perlu-dicek"
        result.error_workbook = write_import_report(
            folder / f"{prev.path.stem}-{name}.xlsx", prev.header.headers, bad, flagged)
    if progress is not None:
        progress(total, total, "Selesai")
    return result


def _attach(app: AppContext, session: Session, actor: Actor, saved: Sequence[SavedSubmission],
            files: Sequence[Sequence[Path]]) -> None:
    for record, paths in zip(saved, files, strict=True):
        for path in paths:
            session.add(new_attachment(record.id, path, store_file(app, path), actor,
                                       "Foto dari formulir lapangan"))


def import_file(app: AppContext, actor: Actor, path: Path | str, *,
                defaults: ImportDefaults | None = None, dry_run: bool = False,
                mapping_path: Path | str | None = None, error_dir: Path | None = None,
                progress: Progress | None = None) -> ImportResult:
    """Headless import: the suggested columns and every sure value match (remembered, a
    synonym, a close match, or from ``mapping_path``)."""
    prev = preview(app, path, mapping_path=mapping_path, progress=progress)
    return import_rows(app, actor, prev, prev.suggestion.mapping, defaults or ImportDefaults(),
                       dry_run=dry_run, error_dir=error_dir, progress=progress)
