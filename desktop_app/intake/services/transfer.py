"""KULA RAKAT spreadsheets: the import template, importing filled templates and the
workbooks offices already keep, and exporting a filtered list."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop_app.core.domain import clock, parsing
from desktop_app.core.domain.errors import ValidationError
from desktop_app.core.domain.progress import Progress
from desktop_app.core.domain.roles import Permission
from desktop_app.core.exchange.mapping import ColumnSpec, MappingSuggestion, suggest_mapping
from desktop_app.core.exchange.reader import (
    HeaderInfo,
    SkippedRow,
    find_header_row,
    iter_data_rows,
    read_sheet,
)
from desktop_app.core.models import Region
from desktop_app.core.services import audit, regions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.intake.domain.submissions import (
    OPEN_STATUSES,
    Category,
    Channel,
    FieldKind,
    SubmissionKind,
    all_detail_fields,
    category_label,
    fields_for,
)
from desktop_app.intake.models import Submission
from desktop_app.intake.services import submissions as intake

COMMON_SPECS = [
    ColumnSpec("kind", "Jenis", ("Jenis Usulan", "Usulan/Laporan/Aduan")),
    ColumnSpec("category", "Kategori", ("Kategori Usulan", "Bidang")),
    ColumnSpec("received_on", "Tanggal diterima", ("Tanggal", "Tgl", "Tanggal Usulan",
                                                   "Tanggal Input")),
    ColumnSpec("channel", "Saluran", ("Sumber", "Media")),
    ColumnSpec("reporter_name", "Nama pelapor", ("Pelapor", "Pengusul", "Nama Pengusul",
                                                 "Nama Pelapor/Pengusul")),
    ColumnSpec("reporter_nik", "NIK pelapor", ("NIK Pengusul",)),
    ColumnSpec("reporter_phone", "No HP", ("No. HP", "Telepon", "No Telp", "WA", "No WA",
                                           "Nomor HP")),
    ColumnSpec("subject", "Perihal", ("Judul", "Usulan", "Permasalahan")),
    ColumnSpec("description", "Uraian", ("Keterangan", "Deskripsi")),
    ColumnSpec("desa", "Desa/Kelurahan", ("Desa", "Kelurahan", "Nama Desa"), required=True),
    ColumnSpec("rt", "RT", ("RT/RW",)),
    ColumnSpec("rw", "RW", ()),
    ColumnSpec("address", "Alamat", ("Alamat Lokasi", "Lokasi")),
]
DETAIL_SPECS = [
    ColumnSpec(spec.key, spec.label, spec.aliases, False) for spec in all_detail_fields().values()
]
IMPORT_SPECS = COMMON_SPECS + DETAIL_SPECS


@dataclass
class ImportDefaults:
    kind: str = SubmissionKind.USULAN.value
    category: str = Category.RTLH.value
    channel: str = Channel.ENUMERATOR.value
    received_on: date = field(default_factory=date.today)


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


def _desa_lookup(app: AppContext) -> dict[str, str]:
    with unit_of_work(app, write=False) as session:
        rows = session.execute(select(Region.code, Region.name).where(
            Region.level.in_(["desa", "kelurahan"]))).all()
    lookup: dict[str, str] = {}
    for code, name in rows:
        lookup[_norm(name)] = code
        lookup[code] = code
    return lookup


def _norm(text: object) -> str:
    value = str(text or "").lower()
    value = re.sub(r"^(desa|kelurahan|kel\.?|ds\.?)\s+", "", value.strip())
    return re.sub(r"[^a-z0-9]", "", value)


def _label_or_value(value: Any, enum_cls: Any) -> str:
    key = _norm(value)
    for member in enum_cls:
        label = member.label
        if key in (_norm(member.value), _norm(label), _norm(label.split("(")[0])):
            return str(member.value)
    raise ValueError(f"'{value}' tidak dikenal")


@dataclass(frozen=True)
class CategoryLookup:
    """The categories a spreadsheet may name: ``codes`` maps a normalised code or label (also
    without its "(…)" part) to the code; ``labels`` maps a code to its label."""

    codes: dict[str, str]
    labels: dict[str, str]

    @classmethod
    def of(cls, categories: Sequence[tuple[str, str, bool]]) -> CategoryLookup:
        codes: dict[str, str] = {"rumah": Category.RTLH.value,
                                 "rumahtidaklayakhuni": Category.RTLH.value}
        for code, label, _builtin in reversed(categories):  # built-in ones win a clash
            for text in (code, label, label.split("(")[0]):
                if _norm(text):
                    codes[_norm(text)] = code
        return cls(codes, {code: label for code, label, _builtin in categories})

    @classmethod
    def builtin(cls) -> CategoryLookup:
        return cls.of([(c.value, c.label, True) for c in Category])

    @classmethod
    def load(cls, app: AppContext) -> CategoryLookup:
        """Built-in and active admin-defined categories."""
        return cls.of(intake.list_categories(app))

    def code(self, value: Any) -> str:
        found = self.codes.get(_norm(value))
        if found is None:
            raise ValueError(f"'{value}' tidak dikenal")
        return found


def _import_key(values: dict[str, Any]) -> str:
    parts = [values.get("category"), values.get("nik") or values.get("reporter_nik") or "",
             _norm(values.get("household_head") or values.get("reporter_name")),
             values.get("desa_code"), values.get("rt") or "", str(values.get("received_on")),
             _norm(values.get("subject"))[:60]]
    return hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()


def _row_to_input(row: Sequence[Any], mapping: dict[int, str | None], defaults: ImportDefaults,
                  desa: dict[str, str], categories: CategoryLookup | None = None,
                  ) -> intake.SubmissionInput:
    """``categories``: CategoryLookup.load(app); None allows the built-in categories only."""
    if categories is None:
        categories = CategoryLookup.builtin()
    values: dict[str, Any] = {}
    for index, key in mapping.items():
        if key and index < len(row) and not parsing.is_blank(row[index]):
            values[key] = row[index]
    errors: dict[str, str] = {}

    def take(key: str, convert: Callable[[Any], Any], default: Any) -> Any:
        if key not in values:
            return default
        try:
            return convert(values[key])
        except ValueError as exc:
            errors[key] = f"{key}: {exc}"
            return default

    kind = take("kind", lambda v: _label_or_value(v, SubmissionKind), defaults.kind)
    category = take("category", categories.code, defaults.category)
    channel = take("channel", lambda v: _label_or_value(v, Channel), defaults.channel)
    received = take("received_on", parsing.to_date, defaults.received_on)
    desa_code = ""
    if "desa" in values:
        desa_code = desa.get(_norm(values["desa"]), "")
        if not desa_code:
            errors["desa"] = f"Desa/kelurahan '{values['desa']}' tidak dikenal"
    rt, rw = parsing.to_text(values.get("rt")), parsing.to_text(values.get("rw"))
    if "/" in rt and not rw:
        rt, rw = (part.strip() for part in rt.split("/", 1))
    phone = parsing.to_text(values.get("reporter_phone"))
    if phone:
        try:
            phone = parsing.to_phone(values["reporter_phone"])
        except ValueError as exc:
            errors["reporter_phone"] = str(exc)
    details: dict[str, Any] = {}
    for spec in fields_for(category):
        if spec.key not in values:
            continue
        raw = values[spec.key]
        if spec.kind is FieldKind.DIGITS16:
            try:
                raw = parsing.to_digits_id(raw, 16, spec.label)
            except ValueError as exc:
                errors[spec.key] = str(exc)
                continue
        details[spec.key] = raw
    head = parsing.to_text(values.get("household_head"))
    name = parsing.to_text(values.get("reporter_name")) or head
    subject = parsing.to_text(values.get("subject"))
    if not subject:
        what = category_label(category, categories.labels).split(" (")[0]
        subject = f"{SubmissionKind(kind).label} {what} {head or name}".strip()
    if errors:
        raise ValidationError(field_errors=errors)
    return intake.SubmissionInput(
        kind=kind, category=category, received_on=received, channel=channel,
        reporter_name=name, subject=subject, desa_code=desa_code,
        description=parsing.to_text(values.get("description")),
        reporter_nik=parsing.to_text(values.get("reporter_nik")), reporter_phone=phone,
        rt=rt, rw=rw, address=parsing.to_text(values.get("address")), details=details,
    )


def import_rows(app: AppContext, actor: Actor, prev: ImportPreview,
                mapping: dict[int, str | None], defaults: ImportDefaults, *,
                dry_run: bool = False, error_dir: Path | None = None,
                progress: Progress | None = None) -> ImportResult:
    """Import every good row in one transaction; bad rows go to an error workbook with their
    reason; rows imported before (same import key) are skipped, so re-importing adds nothing."""
    require(actor, Permission.DATA_IMPORT)
    require(actor, Permission.SUBMISSION_CREATE)
    from desktop_app.core.exchange.writer import write_error_workbook

    result = ImportResult(dry_run=dry_run)
    desa = _desa_lookup(app)
    categories = CategoryLookup.load(app)
    allowed = set(categories.labels)
    data_rows = list(iter_data_rows(prev.rows, prev.header, result.skipped_rows))
    bad: list[tuple[int, Sequence[Any], str]] = []
    total = len(data_rows)
    with unit_of_work(app) as session:
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
                data = _row_to_input(row, mapping, defaults, desa, categories)
                clean, _warnings = intake.validate(data, allowed)
            except ValidationError as exc:
                bad.append((row_no, row, "; ".join(exc.field_errors.values()) or exc.message))
                continue
            key = _import_key(clean)
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
        if progress is not None:
            progress(total, total, f"Menyimpan {len(pending)} data…")
        for start in range(0, len(pending), 2000):
            saved = intake.create_many(app, session, actor, pending[start:start + 2000])
            result.numbers += [s.number for s in saved]
        result.imported = len(result.numbers)
        result.rejected = len(bad)
        if not dry_run:
            audit.record(session, actor, "import", "submission", prev.path.name,
                         after={"imported": result.imported, "rejected": result.rejected,
                                "skipped": result.skipped_existing},
                         summary=f"Impor {prev.path.name}: {result.summary()}")
        else:
            session.rollback()
            session.begin()  # unit_of_work commits an empty transaction
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


# ---- Export ----------------------------------------------------------------------------------

EXPORT_COMMON = [
    ("number", "Nomor", 16), ("kind", "Jenis", 9), ("category", "Kategori", 24),
    ("status", "Status", 14), ("received_on", "Tanggal diterima", 13),
    ("channel", "Saluran", 14), ("reporter_name", "Nama pelapor", 24),
    ("reporter_nik", "NIK pelapor", 19), ("reporter_phone", "No HP", 15),
    ("subject", "Perihal", 36), ("description", "Uraian", 40), ("desa", "Desa/Kelurahan", 18),
    ("rt", "RT", 5), ("rw", "RW", 5), ("address", "Alamat", 24), ("due_date", "Tenggat", 12),
]


def export_submissions(app: AppContext, actor: Actor, flt: intake.SubmissionFilter | None,
                       target: Path | str, progress: Progress | None = None) -> tuple[Path, int]:
    """The filtered list as xlsx, one column per field; personal data masked for roles that may
    not see it; every export is written to the audit trail."""
    require(actor, Permission.DATA_EXPORT)
    from desktop_app.core.domain.formatting import mask_digits
    from desktop_app.core.exchange.writer import (
        DATE_FORMAT,
        RUPIAH_FORMAT,
        ColumnFormat,
        SheetSpec,
        write_table,
    )

    may_see = actor.can(Permission.VIEW_PERSONAL_DATA)
    details = list(all_detail_fields().values())
    columns = [ColumnFormat(h, w, DATE_FORMAT if k in ("received_on", "due_date") else
                            ("@" if k == "reporter_nik" else None)) for k, h, w in EXPORT_COMMON]
    columns += [ColumnFormat(s.label + (f" ({s.unit})" if s.unit and s.unit != "Rp" else ""), 16,
                             RUPIAH_FORMAT if s.kind is FieldKind.MONEY else
                             ("@" if s.kind is FieldKind.DIGITS16 else None)) for s in details]
    ids = intake.filtered_ids(app, actor, flt)
    names = dict(app_region_names(app))
    category_names = intake.category_labels(app)  # the label, also of admin-defined ones
    count = 0

    def rows():  # type: ignore[no-untyped-def]
        nonlocal count
        with unit_of_work(app, write=False) as session:
            for start in range(0, len(ids), 2000):
                chunk = ids[start:start + 2000]
                subs = {s.id: s for s in session.scalars(
                    select(Submission).where(Submission.id.in_(chunk)))}
                for sid in chunk:
                    s = subs[sid]
                    line: list[Any] = []
                    for key, _h, _w in EXPORT_COMMON:
                        if key == "desa":
                            value = names.get(s.desa_code, s.desa_code)
                        elif key == "category":
                            value = category_names.get(s.category, s.category)
                        else:
                            value = getattr(s, key)
                        if key == "reporter_nik" and not may_see:
                            value = mask_digits(value)
                        line.append(value)
                    for spec in details:
                        value = getattr(s, spec.key)
                        if not may_see and spec.key in ("nik", "kk_number"):
                            value = mask_digits(value)
                        elif not may_see and spec.key == "monthly_income":
                            value = None
                        elif spec.kind is FieldKind.BOOL and value is not None:
                            value = "Ya" if value else "Tidak"
                        line.append(value)
                    count += 1
                    if progress is not None and count % 500 == 0:
                        progress(count, len(ids), f"Menulis {count} dari {len(ids)} baris…")
                    yield line

    from desktop_app.core.services.office import get_profile

    profile = get_profile(app)
    title = [f"Daftar Usulan, Laporan dan Aduan — {profile.name if profile else ''}",
             f"Diekspor {clock.today():%d/%m/%Y} oleh {actor.full_name}"
             + ("" if may_see else " (data pribadi disamarkan)")]
    path = write_table(target, [SheetSpec("Data", columns, rows(), title_rows=title)])
    with unit_of_work(app) as session:
        audit.record(session, actor, "export", "submission", "*",
                     after={"rows": count, "file": Path(target).name, "masked": not may_see},
                     summary=f"Ekspor {count} data ke {Path(target).name}")
    return path, count


def app_region_names(app: AppContext) -> dict[str, str]:
    with unit_of_work(app, write=False) as session:
        return regions.names(session)


def write_intake_template(app: AppContext, target: Path | str) -> Path:
    from desktop_app.core.exchange.writer import TemplateColumn, write_template

    desa_names = [name for _code, name in sorted(_desa_names(app))]
    columns = [
        TemplateColumn("Jenis", 10, choices=[k.label for k in SubmissionKind]),
        TemplateColumn("Kategori", 18, choices=[label for _code, label, _builtin
                                                in intake.list_categories(app)]),
        TemplateColumn("Tanggal diterima", 14, note="format 23/11/2026"),
        TemplateColumn("Saluran", 16, choices=[c.label for c in Channel]),
        TemplateColumn("Nama pelapor", 24),
        TemplateColumn("NIK pelapor", 20, text=True),
        TemplateColumn("No HP", 16, text=True),
        TemplateColumn("Perihal", 30),
        TemplateColumn("Uraian", 36),
        TemplateColumn("Desa/Kelurahan", 18, choices=desa_names),
        TemplateColumn("RT", 6, text=True),
        TemplateColumn("RW", 6, text=True),
        TemplateColumn("Alamat", 24),
    ]
    for spec in all_detail_fields().values():
        choices: list[str] | None = list(spec.choices) if spec.choices else None
        if spec.kind is FieldKind.BOOL:
            choices = ["Ya", "Tidak"]
        columns.append(TemplateColumn(spec.label, 18, text=spec.kind is FieldKind.DIGITS16,
                                      choices=choices,
                                      note=f"satuan {spec.unit}" if spec.unit else ""))
    return write_template(target, "Templat Impor KULA RAKAT", columns, [
        "Satu baris untuk satu usulan, laporan atau aduan.",
        "Kolom Desa/Kelurahan wajib; pilih dari daftar. Jenis dan Kategori boleh dikosongkan bila "
        "dipilih saat impor.",
        "NIK dan Nomor KK diketik sebagai teks 16 digit (kolomnya sudah berformat teks).",
        "Angka boleh ditulis seperti 1.500.000 atau Rp 1.500.000.",
        "Kolom data RTLH, jalan dan drainase diisi sesuai kategorinya; kolom lain dibiarkan kosong.",
        "Mengimpor berkas yang sama dua kali tidak menambah data ganda.",
    ])


def _desa_names(app: AppContext) -> list[tuple[str, str]]:
    with unit_of_work(app, write=False) as session:
        return list(session.execute(select(Region.code, Region.name).where(
            Region.level.in_(["desa", "kelurahan"]))).all())
