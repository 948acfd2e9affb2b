"""Enumerators in the field: the XLSForm of a category for ODK Collect / KoboCollect, and
importing what ODK Central or KoboToolbox export for it (CSV or xlsx, the media zip with the
photos) through the same checks and value mapping as an office sheet, idempotent by the
submission's instance id, each record marked with the enumerator who sent it."""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop_app.core.domain import clock
from desktop_app.core.domain.errors import ValidationError
from desktop_app.core.domain.progress import Progress
from desktop_app.core.domain.roles import Permission
from desktop_app.core.exchange.formats import read_sheet
from desktop_app.core.exchange.formats.grid import SpreadsheetError
from desktop_app.core.exchange.formats.text import read_csv
from desktop_app.core.exchange.mapping import suggest_mapping
from desktop_app.core.exchange.reader import HeaderInfo
from desktop_app.core.models import Region, User
from desktop_app.core.services import office
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.intake.domain.submissions import Channel, category_label
from desktop_app.intake.exchange import mapping_file, odk, xlsform
from desktop_app.intake.exchange.columns import IMPORT_SPECS
from desktop_app.intake.exchange.rows import ImportDefaults
from desktop_app.intake.exchange.values import ValueMap, ValueMatcher
from desktop_app.intake.services.categories import categories, custom_labels
from desktop_app.intake.services.importing import ImportPreview, ImportResult, import_rows
from desktop_app.intake.services.mappings import remembered_values

FIELD_SUFFIXES = (".csv", ".xlsx", ".xls", ".zip")


def _desa(session: Any) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in session.execute(select(Region.code, Region.name).where(
        Region.level.in_(["desa", "kelurahan"])).order_by(Region.code))]


def write_xlsform(app: AppContext, actor: Actor, category: str, target: Path | str) -> Path:
    """The field form of ``category`` as an XLSForm workbook, to upload to KoboToolbox or ODK
    Central."""
    require(actor, Permission.SUBMISSION_VIEW)
    with unit_of_work(app, write=False) as session:
        codes = {code for code, _l, _b in categories(session)}
        if category not in codes:
            raise ValidationError(f"Kategori {category} tidak dikenal; pilih salah satu: "
                                  + ", ".join(sorted(codes)) + ".")
        name = category_label(category, custom_labels(session)).split(" (")[0]
        desa = _desa(session)
        profile = office.load_profile(session)
    return xlsform.write_xlsform(target, category, name, desa,
                                 profile.name.title() if profile else "",
                                 clock.now().strftime("%Y%m%d%H"))


def _rows_of(path: Path, work: Path | None) -> tuple[list[list[Any]], list[Path]]:
    """The export's rows, and the files of a zip (ODK Central's zip: CSV plus media/)."""
    suffix = path.suffix.lower()
    if suffix == ".zip":
        if work is None:
            raise ValidationError("Berkas zip perlu folder kerja.")
        files = _unzip(path, work)
        tables = [f for f in files if f.suffix.lower() in (".csv", ".xlsx")
                  and "media" not in f.parts]
        if not tables:
            raise SpreadsheetError(f"{path.name} tidak berisi CSV atau xlsx hasil formulir.")
        rows, _ = _rows_of(tables[0], None)
        return rows, files
    if suffix == ".csv":
        return read_csv(path), []
    return read_sheet(path).rows, []


def _unzip(path: Path, work: Path) -> list[Path]:
    try:
        with zipfile.ZipFile(path) as archive:
            out = []
            for info in archive.infolist():
                name = Path(info.filename)
                if info.is_dir() or name.is_absolute() or ".." in name.parts:
                    continue  # never write outside the work folder
                target = work / name
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(info) as src, open(target, "wb") as dst:
                    shutil.copyfileobj(src, dst)
                out.append(target)
            return out
    except zipfile.BadZipFile as exc:
        raise SpreadsheetError(f"{path.name} bukan berkas zip yang utuh.") from exc


def is_field_export(path: Path | str) -> bool:
    """An ODK Central or KoboToolbox export (by its columns: instance id, submitter)."""
    path = Path(path)
    if path.suffix.lower() == ".zip":
        return True
    if path.suffix.lower() not in FIELD_SUFFIXES or not path.exists():
        return False
    try:
        rows, _ = _rows_of(path, None)
    except SpreadsheetError:
        return False
    return bool(rows) and odk.is_field_export(rows[0])


@dataclass
class FieldImport:
    """A field export read and ready for the value-mapping step and the import."""

    preview: ImportPreview
    export: odk.FieldExport
    photos: list[list[Path]]
    users: dict[str, int]
    missing_photos: int = 0
    work: Path | None = field(default=None, repr=False)

    def close(self) -> None:
        if self.work is not None:
            shutil.rmtree(self.work, ignore_errors=True)
            self.work = None


def read_field_export(app: AppContext, path: Path | str, media: Path | str | None = None, *,
                      mapping_path: Path | str | None = None,
                      progress: Progress | None = None) -> FieldImport:
    path = Path(path)
    if progress is not None:
        progress(0, 0, f"Membaca {path.name}…")
    work = Path(tempfile.mkdtemp(prefix="ruko-lapangan-"))
    try:
        rows, files = _rows_of(path, work)
        if media is not None:
            files += _unzip(Path(media), work / "media-zip")
        if not rows or not odk.is_field_export(rows[0]):
            raise SpreadsheetError(
                f"{path.name} bukan ekspor ODK Central/KoboToolbox (tidak ada kolom instanceID "
                "atau _uuid). Untuk lembar kerja kantor gunakan Impor Excel….")
        extra_values: ValueMap = {}
        if mapping_path is not None:
            _columns, extra_values = mapping_file.load(mapping_path)
        with unit_of_work(app, write=False) as session:
            desa = _desa(session)
            matcher = ValueMatcher(desa, {**remembered_values(session), **extra_values})
            users: dict[str, int] = {}
            for uid, username, full_name in session.execute(
                    select(User.id, User.username, User.full_name)):
                users[username.casefold()] = uid
                users.setdefault(full_name.casefold(), uid)
        export = odk.normalise(rows, desa)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    photos, missing = [], 0
    for names in export.photos:
        found = [odk.find_media(files, name) for name in names]
        missing += sum(1 for f in found if f is None)
        photos.append([f for f in found if f is not None])
    table = [export.headers, *export.rows]
    header = HeaderInfo(0, export.headers, 1)
    prev = ImportPreview(path, header, suggest_mapping(export.headers, IMPORT_SPECS), table,
                         export.rows[:5], matcher)
    return FieldImport(prev, export, photos, users, missing, work)


def import_field(app: AppContext, actor: Actor, found: FieldImport,
                 values: ValueMap | None = None, *, dry_run: bool = False,
                 error_dir: Path | None = None, progress: Progress | None = None) -> ImportResult:
    """Import the field export: one record per instance (a second import of the same export
    adds nothing), the enumerator who sent it, its photos attached."""
    keys = [f"odk:{uuid}" if uuid else None for uuid in found.export.instance_ids]
    extra: list[dict[str, Any]] = []
    for name in found.export.enumerators:
        entry: dict[str, Any] = {"field_enumerator": name or None}
        uid = found.users.get(name.casefold()) if name else None
        if uid is not None:
            entry["entered_by_id"] = uid
        extra.append(entry)
    defaults = ImportDefaults(channel=Channel.ENUMERATOR.value)
    try:
        return import_rows(app, actor, found.preview, found.preview.suggestion.mapping,
                           defaults, values, dry_run=dry_run, error_dir=error_dir,
                           progress=progress, keys=keys, extra=extra, photos=found.photos)
    finally:
        found.close()


def import_field_file(app: AppContext, actor: Actor, path: Path | str, *,
                      media: Path | str | None = None, dry_run: bool = False,
                      mapping_path: Path | str | None = None, error_dir: Path | None = None,
                      progress: Progress | None = None) -> ImportResult:
    require(actor, Permission.DATA_IMPORT)
    found = read_field_export(app, path, media, mapping_path=mapping_path, progress=progress)
    return import_field(app, actor, found, dry_run=dry_run, error_dir=error_dir,
                        progress=progress)
