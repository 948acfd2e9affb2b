"""The export sheet and the import template: their columns, and one record → one row."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from desktop_app.core.domain.formatting import mask_digits
from desktop_app.core.exchange.writer import (
    DATE_FORMAT,
    RUPIAH_FORMAT,
    ColumnFormat,
    SheetSpec,
    TemplateColumn,
    write_table,
)
from desktop_app.intake.domain.submissions import (
    Channel,
    FieldKind,
    FieldSpec,
    SubmissionKind,
    all_detail_fields,
)

EXPORT_COMMON = [
    ("number", "Nomor", 16), ("kind", "Jenis", 9), ("category", "Kategori", 24),
    ("status", "Status", 14), ("received_on", "Tanggal diterima", 13),
    ("channel", "Saluran", 14), ("reporter_name", "Nama pelapor", 24),
    ("reporter_nik", "NIK pelapor", 19), ("reporter_phone", "No HP", 15),
    ("subject", "Perihal", 36), ("description", "Uraian", 40), ("desa", "Desa/Kelurahan", 18),
    ("rt", "RT", 5), ("rw", "RW", 5), ("address", "Alamat", 24), ("due_date", "Tenggat", 12),
    ("reporter_address", "Alamat pelapor", 24), ("latitude", "Lintang", 11),
    ("longitude", "Bujur", 11), ("check_reason", "Perlu dicek", 30),
]
EXPORT_KEYS = [key for key, _h, _w in EXPORT_COMMON if key != "desa"] + ["desa_code"]
MASKED_DETAILS = ("nik", "kk_number")


def detail_specs() -> list[FieldSpec]:
    return list(all_detail_fields().values())


def export_columns() -> list[ColumnFormat]:
    columns = [ColumnFormat(h, w, DATE_FORMAT if k in ("received_on", "due_date") else
                            ("@" if k == "reporter_nik" else None)) for k, h, w in EXPORT_COMMON]
    columns += [ColumnFormat(s.label + (f" ({s.unit})" if s.unit and s.unit != "Rp" else ""), 16,
                             RUPIAH_FORMAT if s.kind is FieldKind.MONEY else
                             ("@" if s.kind is FieldKind.DIGITS16 else None))
                for s in detail_specs()]
    return columns


def read_keys() -> list[str]:
    """The record's columns an export line is made of, in the order ``line_maker`` reads them."""
    return EXPORT_KEYS + [spec.key for spec in detail_specs()]


def _yes_no(value: Any) -> Any:
    return None if value is None else ("Ya" if value else "Tidak")


def _nothing(_value: Any) -> None:
    return None


def line_maker(desa_names: Mapping[str, str], category_names: Mapping[str, str],
               may_see: bool) -> Callable[[Sequence[Any]], list[Any]]:
    """Turns a record's values (``read_keys()`` order) into an export row; personal data
    masked unless ``may_see``, income left out then. What each column does is decided once,
    so a hundred thousand rows cost one list comprehension each."""
    at = {key: i for i, key in enumerate(read_keys())}
    plan: list[tuple[int, Callable[[Any], Any] | None]] = []
    for key, _h, _w in EXPORT_COMMON:
        if key == "desa":
            plan.append((at["desa_code"], lambda v: desa_names.get(v, v)))
        elif key == "category":
            plan.append((at["category"], lambda v: category_names.get(v, v)))
        else:
            plan.append((at[key], mask_digits if key == "reporter_nik" and not may_see
                         else None))
    for spec in detail_specs():
        change: Callable[[Any], Any] | None = None
        if not may_see and spec.key in MASKED_DETAILS:
            change = mask_digits
        elif not may_see and spec.key == "monthly_income":
            change = _nothing
        elif spec.kind is FieldKind.BOOL:
            change = _yes_no
        plan.append((at[spec.key], change))

    def line(values: Sequence[Any]) -> list[Any]:
        return [values[i] if change is None else change(values[i]) for i, change in plan]

    return line


TEMPLATE_TITLE = "Templat Impor KULA RAKAT"
TEMPLATE_INSTRUCTIONS = [
    "Isi lembar 'Data' (lembar pertama): satu baris untuk satu usulan, laporan atau aduan.",
    "Kolom Desa/Kelurahan wajib; pilih dari daftar. Jenis dan Kategori boleh dikosongkan bila "
    "dipilih saat impor.",
    "NIK dan Nomor KK diketik sebagai teks 16 digit (kolomnya sudah berformat teks).",
    "Angka boleh ditulis seperti 1.500.000 atau Rp 1.500.000.",
    "Kolom data RTLH, jalan dan drainase diisi sesuai kategorinya; kolom lain dibiarkan kosong.",
    "Mengimpor berkas yang sama dua kali tidak menambah data ganda.",
]


def template_columns(desa_names: Sequence[str], category_labels: Sequence[str],
                     ) -> list[TemplateColumn]:
    columns = [
        TemplateColumn("Jenis", 10, choices=[k.label for k in SubmissionKind]),
        TemplateColumn("Kategori", 18, choices=list(category_labels)),
        TemplateColumn("Tanggal diterima", 14, note="format 23/11/2026"),
        TemplateColumn("Saluran", 16, choices=[c.label for c in Channel]),
        TemplateColumn("Nama pelapor", 24),
        TemplateColumn("NIK pelapor", 20, text=True),
        TemplateColumn("No HP", 16, text=True),
        TemplateColumn("Perihal", 30),
        TemplateColumn("Uraian", 36),
        TemplateColumn("Desa/Kelurahan", 18, choices=list(desa_names)),
        TemplateColumn("RT", 6, text=True),
        TemplateColumn("RW", 6, text=True),
        TemplateColumn("Alamat", 24),
    ]
    for spec in detail_specs():
        choices: list[str] | None = list(spec.choices) if spec.choices else None
        if spec.kind is FieldKind.BOOL:
            choices = ["Ya", "Tidak"]
        columns.append(TemplateColumn(spec.label, 18, text=spec.kind is FieldKind.DIGITS16,
                                      choices=choices,
                                      note=f"satuan {spec.unit}" if spec.unit else ""))
    return columns


SMALL_REPORT_ROWS = 50_000  # a report this long is written in memory (faster), longer streamed


def write_import_report(path: Path | str, headers: Sequence[str],
                        refused: Sequence[tuple[int, Sequence[Any], str]],
                        flagged: Sequence[tuple[int, Sequence[Any], str, str]]) -> Path:
    """What an import did not take as it was: the refused rows (sheet "Baris ditolak", first)
    and the imported ones left with empty values to check (sheet "Perlu dicek"), each with the
    source row number, the reason and the row as it was read."""
    original = [ColumnFormat(str(h or f"Kolom {i + 1}"), 16) for i, h in enumerate(headers)]
    sheets = []
    if refused:
        sheets.append(SheetSpec(
            "Baris ditolak", [ColumnFormat("Baris asal", 10), ColumnFormat("Alasan", 60)]
            + original, ([n, reason, *row] for n, row, reason in refused), title_rows=[
                "Baris yang TIDAK diimpor. Perbaiki sesuai kolom 'Alasan', lalu impor ulang "
                "berkas ini (baris yang sudah masuk tidak akan tercatat dua kali)."]))
    if flagged:
        sheets.append(SheetSpec(
            "Perlu dicek", [ColumnFormat("Baris asal", 10), ColumnFormat("Nomor", 16),
                            ColumnFormat("Yang perlu dicek", 60)] + original,
            ([n, number, reason, *row] for n, row, reason, number in flagged), title_rows=[
                "Baris yang SUDAH diimpor, tetapi sebagian isiannya dikosongkan. Lengkapi saat "
                "verifikasi (daftar: filter 'Perlu dicek')."]))
    return write_table(path, sheets, small=len(refused) + len(flagged) <= SMALL_REPORT_ROWS)
