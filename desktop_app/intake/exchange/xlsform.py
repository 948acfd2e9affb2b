"""The field form for ODK Collect and KoboCollect (an XLSForm), made from the same field
registry as the desktop form: choices, required fields, range constraints with Indonesian
messages, the NIK as a 16-digit regex, a GPS point and photos."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from desktop_app.core.domain.formatting import format_number
from desktop_app.intake.domain.submissions import (
    FieldKind,
    FieldSpec,
    SubmissionKind,
    fields_for,
)

SURVEY_COLUMNS = ("type", "name", "label", "hint", "required", "constraint",
                  "constraint_message", "appearance", "calculation")
PHOTOS = ("foto_1", "foto_2", "foto_3")
GPS = "lokasi_gps"
NIK_RULE = r"regex(., '^[0-9]{16}$')"
PHONE_RULE = r"regex(., '^(\+62|62|0)8[0-9]{7,12}$')"
RT_RULE = r"regex(., '^[0-9]{1,3}$')"


def slug(text: object) -> str:
    """A choice's name in the form (XML-safe); the import turns it back into the choice."""
    value = re.sub(r"[^0-9a-z]+", "_", str(text).lower()).strip("_")
    return value or "x"


def _list_name(spec: FieldSpec) -> str:
    return "ya_tidak" if spec.kind is FieldKind.BOOL else f"pilihan_{spec.key}"


def _plain(number: float) -> str:
    """A number as XPath reads it: never in exponent form (1e+09 is not XPath)."""
    return f"{number:.0f}" if float(number).is_integer() else f"{number:f}".rstrip("0")


def _words(number: float) -> str:
    return format_number(number, 0 if float(number).is_integer() else 2)


def _number_rule(spec: FieldSpec) -> tuple[str, str]:
    parts, words = [], []
    if spec.minimum is not None:
        parts.append(f". >= {_plain(spec.minimum)}")
        words.append(f"paling kecil {_words(spec.minimum)}")
    if spec.maximum is not None:
        parts.append(f". <= {_plain(spec.maximum)}")
        words.append(f"paling besar {_words(spec.maximum)}")
    unit = f" {spec.unit}" if spec.unit and spec.unit != "Rp" else ""
    return " and ".join(parts), (f"{spec.label}: {' dan '.join(words)}{unit}." if words else "")


def _field_row(spec: FieldSpec) -> dict[str, str]:
    row = {"name": spec.key, "label": spec.label + (f" ({spec.unit})" if spec.unit else ""),
           "required": "yes" if spec.required else ""}
    if spec.kind in (FieldKind.CHOICE, FieldKind.BOOL):
        row["type"] = f"select_one {_list_name(spec)}"
    elif spec.kind is FieldKind.DIGITS16:
        row.update(type="text", constraint=NIK_RULE, appearance="numbers",
                   constraint_message=f"{spec.label} harus 16 digit angka, tanpa spasi.")
    elif spec.kind is FieldKind.NUMBER:
        row["type"] = "decimal"
    elif spec.kind in (FieldKind.INTEGER, FieldKind.YEAR, FieldKind.MONEY):
        row["type"] = "integer"
    else:
        row["type"] = "text"
    if row["type"] in ("decimal", "integer"):
        row["constraint"], row["constraint_message"] = _number_rule(spec)
    if spec.kind is FieldKind.MONEY:
        row["hint"] = "Rupiah, tanpa titik: 1500000"
    return row


def form_rows(category: str, category_name: str, desa: Sequence[tuple[str, str]],
              ) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """(survey rows, choice rows) of the field form of ``category``."""
    survey: list[dict[str, str]] = [
        {"type": "start", "name": "start"}, {"type": "end", "name": "end"},
        {"type": "today", "name": "today"}, {"type": "deviceid", "name": "deviceid"},
        {"type": "username", "name": "username"},
        {"type": "calculate", "name": "category", "calculation": f"'{category}'"},
        {"type": "begin_group", "name": "penerimaan", "label": "Jenis dan pelapor"},
        {"type": "select_one jenis", "name": "kind", "label": "Jenis", "required": "yes"},
        {"type": "text", "name": "reporter_name", "label": "Nama pelapor/pengusul",
         "required": "yes"},
        {"type": "text", "name": "reporter_nik", "label": "NIK pelapor", "constraint": NIK_RULE,
         "constraint_message": "NIK harus 16 digit angka, tanpa spasi.", "appearance": "numbers"},
        {"type": "text", "name": "reporter_phone", "label": "No. HP/WA", "appearance": "numbers",
         "constraint": PHONE_RULE,
         "constraint_message": "Nomor HP tidak valid; tulis seperti 081234567890."},
        {"type": "end_group", "name": "penerimaan"},
        {"type": "begin_group", "name": "lokasi", "label": "Perihal dan lokasi"},
        {"type": "text", "name": "subject", "label": "Perihal",
         "hint": "Boleh dikosongkan: dibuat dari jenis, kategori dan nama"},
        {"type": "text", "name": "description", "label": "Uraian", "appearance": "multiline"},
        {"type": "select_one desa", "name": "desa", "label": "Desa/Kelurahan", "required": "yes",
         "appearance": "minimal"},
        {"type": "text", "name": "rt", "label": "RT", "constraint": RT_RULE,
         "constraint_message": "RT berupa angka 1-3 digit.", "appearance": "numbers"},
        {"type": "text", "name": "rw", "label": "RW", "constraint": RT_RULE,
         "constraint_message": "RW berupa angka 1-3 digit.", "appearance": "numbers"},
        {"type": "text", "name": "address", "label": "Alamat/dusun"},
        {"type": "geopoint", "name": GPS, "label": "Titik lokasi (GPS)",
         "hint": "Berdiri di depan rumah/lokasi, tunggu akurasi di bawah 10 m"},
        {"type": "end_group", "name": "lokasi"},
    ]
    specs = fields_for(category)
    choices: list[dict[str, str]] = [
        {"list_name": "jenis", "name": k.value, "label": k.label} for k in SubmissionKind]
    choices += [{"list_name": "desa", "name": slug(code), "label": name} for code, name in desa]
    if specs:
        survey.append({"type": "begin_group", "name": "survei",
                       "label": f"Data {category_name}"})
        survey += [_field_row(spec) for spec in specs]
        survey.append({"type": "end_group", "name": "survei"})
        lists: set[str] = set()
        for spec in specs:
            name = _list_name(spec)
            if spec.kind is FieldKind.CHOICE and name not in lists:
                choices += [{"list_name": name, "name": slug(c), "label": c}
                            for c in spec.choices]
            elif spec.kind is FieldKind.BOOL and name not in lists:
                choices += [{"list_name": name, "name": "ya", "label": "Ya"},
                            {"list_name": name, "name": "tidak", "label": "Tidak"}]
            lists.add(name)
    survey.append({"type": "begin_group", "name": "foto", "label": "Foto"})
    survey += [{"type": "image", "name": name, "label": label,
                "parameters": "max-pixels=1600"} for name, label in
               zip(PHOTOS, ("Foto tampak depan", "Foto bagian yang rusak", "Foto lain"),
                   strict=True)]
    survey.append({"type": "end_group", "name": "foto"})
    return survey, choices


def write_xlsform(path: Path | str, category: str, category_name: str,
                  desa: Sequence[tuple[str, str]], office: str, version: str) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    survey, choices = form_rows(category, category_name, desa)
    wb = Workbook()
    sheets: list[tuple[str, Sequence[str], list[dict[str, Any]]]] = [
        ("survey", (*SURVEY_COLUMNS, "parameters"), survey),
        ("choices", ("list_name", "name", "label"), choices),
        ("settings", ("form_title", "form_id", "version", "instance_name", "default_language"),
         [{"form_title": f"KULA RAKAT {category_name} — {office}".strip(" —"),
           "form_id": f"kula_rakat_{slug(category)}", "version": version,
           "instance_name": "concat(${reporter_name}, ' - ', ${desa})",
           "default_language": "Indonesian (id)"}]),
    ]
    for n, (title, columns, rows) in enumerate(sheets):
        ws = wb.active if n == 0 else wb.create_sheet()
        ws.title = title
        ws.append(list(columns))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append([row.get(c, "") or None for c in columns])
        ws.freeze_panes = "A2"
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    wb.save(target)
    return target
