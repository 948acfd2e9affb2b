"""Importing filled templates and the workbooks offices already keep: columns matched by their
header (and the office's earlier choices), written values mapped to choices, every usable row
saved in one transaction; a row is refused only for what makes it unusable, any other faulty
value is left empty and the record flagged "perlu dicek" with the reason; rows imported before
are skipped (re-importing adds nothing)."""

from __future__ import annotations

import bisect
import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.domain.cycles import without_cycle_collection
from desktop_app.core.domain.errors import ValidationError
from desktop_app.core.domain.formatting import format_datetime, format_number
from desktop_app.core.domain.progress import Progress
from desktop_app.core.domain.roles import Permission
from desktop_app.core.exchange.formats.grid import uncached_text
from desktop_app.core.exchange.mapping import (
    MappingSuggestion,
    normalise_header,
    suggest_mapping,
)
from desktop_app.core.exchange.reader import HeaderInfo, SkippedRow, iter_data_rows, skipped_text
from desktop_app.core.models import AuditLog, Region
from desktop_app.core.services import audit
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.db.hints import unindexed
from desktop_app.db.lengths import over_long, reason, text_limits
from desktop_app.intake.domain.submissions import OPEN_STATUSES
from desktop_app.intake.domain.validation import HARD_FIELDS, validate_partial
from desktop_app.intake.exchange import mapping_file
from desktop_app.intake.exchange.columns import IMPORT_SPECS
from desktop_app.intake.exchange.rows import (
    CategoryLookup,
    ImportDefaults,
    RowReader,
    import_key,
    input_key,
    input_nik,
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
from desktop_app.intake.services.records import SUBMISSIONS_TABLE, SavedSubmission, save_many
from desktop_app.intake.services.workflow import new_attachment, store_file

__all__ = ["ImportDefaults", "ImportPreview", "ImportResult", "import_file", "import_rows",
           "preview"]


# What numbers a group beside its heading: "A", "B.", "II", "3."
_GROUP_LABEL = re.compile(r"[A-Za-z]\.?|[IVXivx]{1,4}\.?|\d{1,2}\.?")


@dataclass
class ImportPreview:
    path: Path
    header: HeaderInfo
    suggestion: MappingSuggestion
    rows: Sequence[Sequence[Any]]
    sample: Sequence[Sequence[Any]]
    matcher: ValueMatcher
    found: SheetFound | None = None
    file_sha256: str | None = None  # of the file's bytes (see ``imported_whole``)
    _data: list[tuple[int, Sequence[Any]]] | None = None
    skipped: list[SkippedRow] = field(default_factory=list)
    # The desa the sheet's title rows (or its tab) name: (code, name), offered as the desa of
    # rows without one.
    title_desa: tuple[str, str] | None = None
    chosen_sheet: str | None = None  # the sheet a person chose (None: the first with data)
    # data row number → the desa its group heading names ("A. DESA INAN" above a group)
    group_desa: dict[int, str] = field(default_factory=dict)

    @property
    def other_sheets(self) -> list[str]:
        """The file's other sheets that hold submissions too (one tab per desa or year)."""
        if self.found is None:
            return []
        return [name for name in self.found.sheets if name != self.found.sheet]

    def data_rows(self) -> list[tuple[int, Sequence[Any]]]:
        if self._data is None:
            self._data = list(iter_data_rows(self.rows, self.header, self.skipped,
                                             self._group_heading))
            starts = [(s.row_number, s.group) for s in self.skipped if s.group]
            if starts:
                at = [n for n, _code in starts]
                self.group_desa = {row_no: starts[i - 1][1] for row_no, _row in self._data
                                   if (i := bisect.bisect(at, row_no))}
        return self._data

    def _group_heading(self, cells: list[str]) -> str | None:
        """The desa code a group heading names ("A. DESA INAN", "Kelurahan Batu Piring", or
        "B" beside "HALUBAU"); None for any other short row."""
        texts = [c for c in cells if not _GROUP_LABEL.fullmatch(c)]
        if len(texts) != 1 or any(ch.isdigit() for ch in texts[0]):
            return None
        named = self.matcher.desa_named_in(texts)
        if named is not None:
            return named[0]
        found = self.matcher.exact("desa", texts[0])
        return str(found.value) if found is not None else None

    @without_cycle_collection()
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
    already: str = ""  # the same file was imported whole before: when and by whom
    default_desa: str = ""  # the desa given to rows without one (its name)
    other_sheets: list[str] = field(default_factory=list)  # not imported by this import
    defaulted: int = 0  # how many rows took it
    grouped: int = 0  # rows without a desa that took their group heading's desa
    uncached: list[str] = field(default_factory=list)  # formula cells saved without a value

    def summary(self) -> str:
        n = format_number  # 10.000, as the office writes it
        if self.already:
            return (f"Berkas yang sama sudah diimpor utuh {self.already}; "
                    f"{n(self.skipped_existing)} data dilewati karena sudah ada, tidak ada yang "
                    "ditambahkan")
        text = (f"{n(self.imported)} baris {'dapat ' if self.dry_run else ''}diimpor"
                + (f" ({n(self.flagged)} di antaranya perlu dicek)" if self.flagged else "")
                + f", {n(self.rejected)} ditolak, {n(self.skipped_existing)} dilewati karena "
                  "sudah ada")
        if self.skipped_rows:
            text += f". Bukan data, dilewati: {skipped_text(self.skipped_rows)}"
        if self.grouped:
            text += (f". {n(self.grouped)} baris tanpa desa/kelurahan diberi desa dari judul "
                     "kelompoknya")
        if self.defaulted:
            text += (f". {n(self.defaulted)} baris tanpa desa/kelurahan diberi desa "
                     f"{self.default_desa}")
        if self.uncached:
            text += ". " + uncached_text(self.uncached)
        if self.other_sheets:
            text += (". Lembar lain di berkas ini juga berisi data dan diimpor tersendiri: "
                     + ", ".join(self.other_sheets))
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


# Reading, checking and saving thousands of rows makes millions of objects and no garbage
# cycles: the cycle collector is paused meanwhile (a tenth of an import's CPU time).
@without_cycle_collection()
def preview(app: AppContext, path: Path | str, *, mapping_path: Path | str | None = None,
            progress: Progress | None = None, sha: str | None = None,
            sheet: str | None = None) -> ImportPreview:
    """Read the sheet, find its header row, match the columns (the office's earlier choices
    first, then a mapping file's, then header names) and prepare the value matcher.
    ``sha``: the file's sha256 when the caller has it already."""
    sha = sha or file_sha256(path)
    found = read_submissions_sheet(path, IMPORT_SPECS, progress, sheet)
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
    title = [cell for row in found.rows[:header.row_index] for cell in row
             if isinstance(cell, str)]
    return ImportPreview(Path(path), header, suggestion, found.rows, sample[:5], matcher, found,
                         sha, title_desa=matcher.desa_named_in(title, found.sheet),
                         chosen_sheet=sheet)


def file_sha256(path: Path | str) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None  # the reader says what is wrong with the file


def _defaults_text(defaults: ImportDefaults, sheet: str | None = None) -> str:
    """What else decides how a file's bytes are read: its defaults and a sheet chosen."""
    return (f"{defaults.kind}|{defaults.category}|{defaults.channel}|"
            f"{defaults.received_on.isoformat()}"
            + (f"|desa={defaults.desa_code}" if defaults.desa_code else "")
            + (f"|lembar={sheet}" if sheet is not None else ""))


def imported_whole(session: Session, sha: str | None, defaults: ImportDefaults,
                   sheet: str | None = None) -> tuple[int, str] | None:
    """(records, when and by whom) when a file of exactly these bytes was imported before
    with the same defaults and every one of its rows went in (none refused): all of them are
    in the database, so importing it again would skip every row; the file is not read again.
    A file with refused rows is read again (a row may pass now)."""
    if not sha:
        return None
    earlier = session.execute(
        select(AuditLog.after_json, AuditLog.at, AuditLog.username)
        .where(AuditLog.action == "import", AuditLog.entity == "submission",
               AuditLog.after_json.contains(sha))
        .order_by(AuditLog.id.desc()).limit(20)).all()
    for after_json, at, username in earlier:
        after = json.loads(after_json or "{}")
        if after.get("file_sha256") == sha and after.get("rejected") == 0 \
                and after.get("defaults") == _defaults_text(defaults, sheet):
            records = int(after.get("imported", 0)) + int(after.get("skipped", 0))
            when = at.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)  # stored as UTC
            return records, f"pada {format_datetime(when)} oleh {username}"
    return None


def _skip_whole(app: AppContext, actor: Actor, path: Path, sha: str | None,
                defaults: ImportDefaults, dry_run: bool,
                sheet: str | None = None) -> ImportResult | None:
    """The result of importing again a file imported whole before (see ``imported_whole``),
    recorded in the audit trail like any import; None when it was not. Only a file found
    takes the write lock (for its audit row): every other import starts with a read."""
    if not sha:
        return None
    with unit_of_work(app, write=False) as session:
        found = imported_whole(session, sha, defaults, sheet)
    if found is None:
        return None
    result = ImportResult(skipped_existing=found[0], dry_run=dry_run, already=found[1])
    if not dry_run:
        with unit_of_work(app) as session:
            audit.record(session, actor, "import", "submission", path.name,
                         after={"imported": 0, "rejected": 0, "flagged": 0,
                                "skipped": result.skipped_existing, "file_sha256": sha,
                                "defaults": _defaults_text(defaults, sheet)},
                         summary=f"Impor {path.name}: {result.summary()}")
    return result


@dataclass
class _Lookups:
    """What the check compares the rows with: the categories, and the import keys and open
    NIKs (number by NIK and category) of the database, asked for a block of rows at a time
    (``ask``: one short read each), with those of the file's rows checked so far. A database
    is not read whole before an import: at a million records its open NIKs alone took 1.6 s
    to read, its import keys a hundred megabytes."""

    app: AppContext
    categories: CategoryLookup
    any_keys: bool  # the database holds imported records (else no key is asked)
    keys: set[str] = field(default_factory=set)
    open_niks: dict[tuple[str, str], str] = field(default_factory=dict)
    _asked_keys: set[str] = field(default_factory=set)
    _asked_niks: set[str] = field(default_factory=set)

    def ask(self, keys: Iterable[str | None], niks: Iterable[str | None]) -> None:
        """Add to ``keys`` and ``open_niks`` those of the database among these."""
        new_keys = [k for k in set(keys) if k and k not in self._asked_keys] \
            if self.any_keys else []
        new_niks = [n for n in set(niks) if n and n not in self._asked_niks]
        if not new_keys and not new_niks:
            return
        with unit_of_work(self.app, write=False) as session:
            for part in _parts(new_keys):
                self.keys.update(k for k in session.scalars(select(Submission.import_key).where(
                    Submission.import_key.in_(part))) if k is not None)
            for part in _parts(new_niks):
                for nik, category, number in session.execute(
                        select(Submission.nik, Submission.category, Submission.number).where(
                            # the NIKs drive the query (not the status index, see below)
                            Submission.nik.in_(part),
                            unindexed(Submission.status).in_(OPEN_STATUSES))):
                    if nik is not None:
                        self.open_niks.setdefault((nik, category), number)
        self._asked_keys.update(new_keys)
        self._asked_niks.update(new_niks)


def _parts(values: list[str], size: int = 900) -> Iterator[list[str]]:
    """``values`` a few hundred at a time (SQLite's bound-parameter limit)."""
    for start in range(0, len(values), size):
        yield values[start:start + size]


def _lookups(app: AppContext) -> _Lookups:
    with unit_of_work(app, write=False) as session:
        any_keys = session.scalar(select(Submission.id).where(
            Submission.import_key.is_not(None)).limit(1)) is not None
        return _Lookups(app, CategoryLookup.of(categories(session)), any_keys)


BLOCK_ROWS = 500  # rows converted, then looked up in the database together, then checked


CHUNK_ROWS = 2000  # rows written per write transaction: another desk waits one chunk at most


@dataclass
class _Checked:
    """What the read-only check of the rows found: rows to save (with their extra column
    values, origin and data-row index) and refused rows with their reasons."""

    pending: list[tuple[dict[str, Any], str]] = field(default_factory=list)
    more: list[dict[str, Any]] = field(default_factory=list)
    origin: list[tuple[int, Sequence[Any], str]] = field(default_factory=list)
    indices: list[int] = field(default_factory=list)
    bad: list[tuple[int, Sequence[Any], str]] = field(default_factory=list)


def _check_rows(prev: ImportPreview, mapping: dict[int, str | None], defaults: ImportDefaults,
                values: ValueMap, found: _Lookups, result: ImportResult,
                keys: Sequence[str | None] | None, extra: Sequence[dict[str, Any]] | None,
                progress: Progress | None, out: _Checked,
                writer: _ChunkWriter | None = None) -> None:
    """Every row converted and validated against what the database held when the import
    began (no transaction is open meanwhile); ``writer`` is handed each whole chunk of rows
    to save as soon as it is checked."""
    data_rows = prev.data_rows()
    total = len(data_rows)
    allowed = set(found.categories.labels)
    reader = RowReader(mapping, defaults, prev.matcher, values, found.categories)
    # Rows known before the import are recognised before their checks (a re-import checks
    # nothing again); into a database without imported rows, only a repeat within the file
    # can be known, and the key after the checks finds it.
    for start in range(0, total, BLOCK_ROWS):
        block: list[tuple[int, int, Sequence[Any], Any, list[str], str | None, str | None]] = []
        for n in range(start, min(start + BLOCK_ROWS, total)):
            row_no, row = data_rows[n]
            if progress is not None and n % 200 == 0:
                progress(n, total, f"Memeriksa baris {format_number(n)} dari "
                                   f"{format_number(total)}…")
            given = keys[n] if keys is not None else None
            try:
                data, checks = reader.convert(row, prev.group_desa.get(row_no))
            except ValidationError as exc:
                block.append((n, row_no, row, exc, [], given, None))
                continue
            early = given or (input_key(data) if found.any_keys else None)
            block.append((n, row_no, row, data, checks, given, early))
        found.ask([entry[6] for entry in block],
                  [input_nik(entry[3]) for entry in block
                   if not isinstance(entry[3], ValidationError)])
        for n, row_no, row, data, checks, given, early in block:
            try:
                if isinstance(data, ValidationError):
                    raise data
                if early is not None and early in found.keys:  # imported before: not checked
                    result.skipped_existing += 1
                    continue
                clean, _warnings, more_checks = validate_partial(data, allowed)
            except ValidationError as exc:
                out.bad.append((row_no, row,
                                "; ".join(exc.field_errors.values()) or exc.message))
                continue
            checks += more_checks
            key = given or import_key(clean)
            nik = clean.get("nik")
            found.ask([key], [nik])  # asked already, unless the checks changed them
            if key in found.keys:
                result.skipped_existing += 1
                continue
            refused = _fit_lengths(clean, checks)  # after the key: input_key sees the same text
            if refused:
                out.bad.append((row_no, row, refused))
                continue
            if nik and (nik, clean["category"]) in found.open_niks:
                out.bad.append((row_no, row, "NIK sudah terdaftar pada data yang masih diproses "
                                             f"({found.open_niks[(nik, clean['category'])]})"))
                continue
            reason = "; ".join(checks)
            out.pending.append((clean, key))
            out.more.append({"needs_check": bool(checks), "check_reason": reason or None,
                             **(extra[n] if extra is not None else {})})
            out.origin.append((row_no, row, reason))
            out.indices.append(n)
            found.keys.add(key)
            if nik:
                found.open_niks[(nik, clean["category"])] = f"baris {row_no} berkas ini"
            if writer is not None and len(out.pending) % CHUNK_ROWS == 0:
                writer.save_checked(progress)
    if reader.defaulted and defaults.desa_code:
        result.defaulted = reader.defaulted
        result.default_desa = prev.matcher.desa_name(defaults.desa_code)
    result.grouped = reader.grouped


_LABELS = {spec.key: spec.label for spec in IMPORT_SPECS} | {"desa_code": "Desa/Kelurahan"}
_LIMITS = text_limits(SUBMISSIONS_TABLE)  # the text columns' lengths, worked out once


def _fit_lengths(clean: dict[str, Any], checks: list[str]) -> str:
    """Texts longer than their column (PostgreSQL refuses them, SQLite would keep them): one
    of ``HARD_FIELDS`` refuses the row (the reason is returned); any other is left empty with
    its reason in ``checks``, like every other faulty optional value."""
    hard = []
    for key, length, written in over_long(clean, _LIMITS):
        text = reason(_LABELS.get(key, key), length, written)
        if key in HARD_FIELDS:
            hard.append(text)
        else:
            clean[key] = None
            checks.append(f"{text}; dikosongkan")
    return "; ".join(hard)


def _written_meanwhile(session: Session, rows: Sequence[tuple[dict[str, Any], str]]
                       ) -> tuple[set[str], dict[tuple[str, str], str]]:
    """Import keys and open NIKs of ``rows`` that another desk saved since the rows were
    checked (or an earlier run of this import, killed after some chunks)."""
    keys = {k for k in session.scalars(select(Submission.import_key).where(
        Submission.import_key.in_([key for _clean, key in rows])))}
    niks = [clean["nik"] for clean, _key in rows if clean.get("nik")]
    open_niks: dict[tuple[str, str], str] = {}
    if niks:
        open_niks = {(n, c): num for n, c, num in session.execute(
            select(Submission.nik, Submission.category, Submission.number).where(
                # the NIKs drive the query: without planner statistics SQLite would walk
                # every open record by the status index instead (a second per chunk at 1M)
                Submission.nik.in_(niks), unindexed(Submission.status).in_(OPEN_STATUSES)
            )).all()
            if n is not None}
    return {k for k in keys if k is not None}, open_niks


class _SameThread:
    """An executor that runs each task at once, on the caller's thread."""

    def submit(self, fn: Any, *args: Any) -> Future[None]:
        done: Future[None] = Future()
        try:
            done.set_result(fn(*args))
        except BaseException as exc:  # raised by ``wait``, as the thread's would be
            done.set_exception(exc)
        return done

    def shutdown(self, wait: bool = True) -> None:
        pass


class _ChunkWriter:
    """Saves the checked rows CHUNK_ROWS at a time, each chunk in its own short write
    transaction. On PostgreSQL a chunk is saved on a second thread while the next rows are
    checked (the server's work runs beside the checking); on SQLite, whose work runs inside
    this process and holds the interpreter lock for part of it, on the same thread: measured,
    that is a tenth quicker on two cores. One chunk is in flight at most: other desks write
    between chunks, Batal stops between chunks (what was saved stays, and importing the file
    again skips it)."""

    def __init__(self, app: AppContext, actor: Actor, checked: _Checked,
                 photos: Sequence[Sequence[Path]] | None) -> None:
        self.app, self.actor, self.checked, self.photos = app, actor, checked, photos
        self.numbers: dict[int, str] = {}  # position in checked.pending → the record's number
        self.skipped = 0  # rows another desk (or an earlier run) saved since they were checked
        self.refused: list[tuple[int, Sequence[Any], str]] = []
        self.start = 0  # the first checked row not handed to the writing thread yet
        self._pool: ThreadPoolExecutor | _SameThread = (
            _SameThread() if app.is_sqlite else
            ThreadPoolExecutor(1, thread_name_prefix="impor-simpan"))
        self._running: Future[None] | None = None

    def save_checked(self, progress: Progress | None, *, final: bool = False) -> None:
        """Hand the next whole chunk (every remaining row when ``final``) to the writing
        thread, after the chunk before it is saved."""
        total = len(self.checked.pending)
        while total - self.start >= CHUNK_ROWS or (final and total > self.start):
            self.wait()
            if progress is not None:  # between two chunks: nothing is being written
                progress(self.start, len(self.checked.pending),
                         f"Menyimpan {format_number(self.start)} dari "
                         f"{format_number(len(self.checked.pending))} data…")
            positions = range(self.start, min(self.start + CHUNK_ROWS, total))
            self.start = positions.stop
            self._running = self._pool.submit(self._write, positions)

    def wait(self) -> None:
        """Wait for the chunk in flight; its failure is raised here."""
        running, self._running = self._running, None
        if running is not None:
            running.result()

    def close(self) -> None:
        try:
            self.wait()
        finally:
            self._pool.shutdown(wait=True)

    def _write(self, positions: range) -> None:
        checked = self.checked
        with unit_of_work(self.app) as session:
            keys, open_niks = _written_meanwhile(session, [checked.pending[i]
                                                           for i in positions])
            keep = []
            for i in positions:
                clean, key = checked.pending[i]
                nik_key = (clean.get("nik"), clean["category"])
                if key in keys:
                    self.skipped += 1
                elif nik_key in open_niks:
                    row_no, row, _reason = checked.origin[i]
                    self.refused.append((row_no, row, "NIK sudah terdaftar pada data yang "
                                                      f"masih diproses ({open_niks[nik_key]})"))
                else:
                    keep.append(i)
            saved = save_many(session, self.actor, [checked.pending[i] for i in keep],
                              [checked.more[i] for i in keep]) if keep else []
            if self.photos is not None:
                _attach(self.app, session, self.actor, saved,
                        [self.photos[checked.indices[i]] for i in keep])
        for i, record in zip(keep, saved, strict=True):
            self.numbers[i] = record.number


@without_cycle_collection()
def import_rows(app: AppContext, actor: Actor, prev: ImportPreview,
                mapping: dict[int, str | None], defaults: ImportDefaults,
                values: ValueMap | None = None, *, dry_run: bool = False,
                error_dir: Path | None = None, progress: Progress | None = None,
                keys: Sequence[str | None] | None = None,
                extra: Sequence[dict[str, Any]] | None = None,
                photos: Sequence[Sequence[Path]] | None = None) -> ImportResult:
    """Import every usable row and remember the choices made; refused rows and flagged ones
    go to a workbook with their reasons; rows imported before are skipped. The rows are
    checked outside any write transaction and saved in chunks of CHUNK_ROWS, each in a short
    transaction of its own, so that other desks keep working during a long import.
    ``values``: the decisions of the value-mapping step (None: take every sure suggestion).
    ``keys``/``extra``/``photos``: per data row, an import key, more column values and photo
    files to attach (field imports)."""
    require(actor, Permission.DATA_IMPORT)
    require(actor, Permission.SUBMISSION_CREATE)
    if keys is None:  # a field import (keys given) is idempotent by instance id instead
        whole = _skip_whole(app, actor, prev.path, prev.file_sha256, defaults, dry_run,
                            prev.chosen_sheet)
        if whole is not None:
            return whole
    result = ImportResult(dry_run=dry_run, other_sheets=prev.other_sheets,
                          uncached=list(prev.found.uncached) if prev.found else [])
    total = len(prev.data_rows())
    result.skipped_rows = list(prev.skipped)
    if values is None:
        values = decisions_from(prev.questions(mapping))
    found = _lookups(app)
    checked = _Checked()
    writer = None if dry_run else _ChunkWriter(app, actor, checked, photos)
    try:
        _check_rows(prev, mapping, defaults, values, found, result, keys, extra, progress,
                    checked, writer)
        if writer is not None:
            writer.save_checked(progress, final=True)
    finally:
        if writer is not None:
            writer.close()
    numbers = [""] * len(checked.pending)
    if writer is not None:
        numbers = [writer.numbers.get(i, "") for i in range(len(checked.pending))]
        result.skipped_existing += writer.skipped
        checked.bad = sorted(checked.bad + writer.refused, key=lambda bad: bad[0])
    result.numbers = [n for n in numbers if n]
    result.imported = len(checked.pending) if dry_run else len(result.numbers)
    result.rejected = len(checked.bad)
    flagged = [(row_no, row, reason, number) for (row_no, row, reason), number
               in zip(checked.origin, numbers, strict=True)
               if reason and (number or dry_run)]
    result.flagged = len(flagged)
    if not dry_run:
        with unit_of_work(app) as session:
            remember(session, actor, prev.header.headers, mapping, values)
            audit.record(session, actor, "import", "submission", prev.path.name,
                         after={"imported": result.imported, "rejected": result.rejected,
                                "flagged": result.flagged, "skipped": result.skipped_existing,
                                "file_sha256": prev.file_sha256,
                                "defaults": _defaults_text(defaults, prev.chosen_sheet)},
                         summary=f"Impor {prev.path.name}: {result.summary()}")
    if checked.bad or flagged:
        folder = error_dir or prev.path.parent
        name = "baris-ditolak" if checked.bad else "perlu-dicek"
        result.error_workbook = write_import_report(
            folder / f"{prev.path.stem}-{name}.xlsx", prev.header.headers, checked.bad,
            flagged)
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
                progress: Progress | None = None, sheet: str | None = None) -> ImportResult:
    """Headless import: the suggested columns and every sure value match (remembered, a
    synonym, a close match, or from ``mapping_path``); ``sheet``: which sheet (default: the
    first that holds submissions)."""
    defaults = defaults or ImportDefaults()
    sha = file_sha256(path)
    if mapping_path is None:  # a mapping file may read the same bytes differently
        whole = _skip_whole(app, actor, Path(path), sha, defaults, dry_run, sheet)
        if whole is not None:
            return whole
    prev = preview(app, path, mapping_path=mapping_path, progress=progress, sha=sha,
                   sheet=sheet)
    if mapping_path is not None:
        prev.file_sha256 = None
    if defaults.desa_code is None and prev.title_desa is not None \
            and "desa" not in prev.suggestion.mapping.values():
        defaults = replace(defaults, desa_code=prev.title_desa[0])  # a desa's own sheet
    elif defaults.desa_code is not None and defaults.desa_code not in dict(prev.matcher.desa):
        found = prev.matcher.exact("desa", defaults.desa_code)  # a name, as typed on the CLI
        if found is None:
            raise ValidationError(field_errors={"desa_code": (
                f"Desa/kelurahan '{defaults.desa_code}' tidak dikenal.")})
        defaults = replace(defaults, desa_code=str(found.value))
    return import_rows(app, actor, prev, prev.suggestion.mapping, defaults,
                       dry_run=dry_run, error_dir=error_dir, progress=progress)
