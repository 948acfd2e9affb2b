"""Exports of the field form from ODK Central (CSV, or its zip with the media folder) and
KoboToolbox (xlsx or CSV, and its media zip): recognised by their columns, turned into plain
rows with the app's field names, each with its instance id, enumerator and photo files."""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

from desktop_app.intake.domain.submissions import Category, FieldKind, all_detail_fields
from desktop_app.intake.exchange.xlsform import GPS, PHOTOS, form_rows, slug

INSTANCE_COLUMNS = ("instanceid", "_uuid", "key")
ENUMERATOR_COLUMNS = ("submittername", "_submitted_by", "username")
DATE_COLUMNS = ("today", "submissiondate", "_submission_time", "start")


def last_segment(header: object) -> str:
    """'survei-roof_condition', 'survei/roof_condition', 'meta-instanceID' → the field name."""
    return re.split(r"[/\-:]", str(header or "").strip())[-1]


def _label_key(text: str) -> str:
    return " ".join(text.lower().split())


@lru_cache(maxsize=1)
def _names_by_label() -> dict[str, str]:
    """The field form's question labels → their names, for every built-in category: a
    KoboToolbox export "with labels" (its default) heads its columns with the labels."""
    out: dict[str, str] = {}
    for category in Category:
        survey, _choices = form_rows(category.value, category.label, ())
        for row in survey:
            if row.get("label") and not row["type"].endswith("_group"):
                out.setdefault(_label_key(row["label"]), row["name"])
    return out


def field_name(header: object, known: Container[str] = ()) -> str:
    """The form's field name a column stands for: its last path segment ('survei/nik',
    'survei-nik'), or the question whose label it is, with or without its groups' labels
    before it ('Jenis dan pelapor/Nama pelapor/pengusul')."""
    name = last_segment(header)
    if name in known:
        return name
    text = str(header or "").strip()
    labels = _names_by_label()
    for start in [0, *(m.end() for m in re.finditer(r"[/\-]", text))]:
        found = labels.get(_label_key(text[start:]))
        if found is not None:
            return found
    return name


def is_field_export(headers: Sequence[object]) -> bool:
    names = {last_segment(h).lower() for h in headers}
    return bool(names & {"instanceid", "_uuid"}) or ("key" in names and "submissiondate" in names)


@dataclass
class FieldExport:
    headers: list[str]  # the app's field names (import spec keys)
    rows: list[list[Any]]
    instance_ids: list[str]
    enumerators: list[str]
    photos: list[list[str]] = field(default_factory=list)  # file names per row


def _choice_names(desa: Sequence[tuple[str, str]]) -> dict[str, dict[str, Any]]:
    """Per field: the form's choice name → the app's value (choices travel as names)."""
    out: dict[str, dict[str, Any]] = {"desa": {slug(code): code for code, _n in desa}}
    for key, spec in all_detail_fields().items():
        if spec.kind is FieldKind.CHOICE:
            out[key] = {slug(c): c for c in spec.choices}
        elif spec.kind is FieldKind.BOOL:
            out[key] = {"ya": "Ya", "tidak": "Tidak"}
    return out


def _gps(value: object) -> tuple[Any, Any]:
    parts = str(value or "").split()
    if len(parts) >= 2:
        return parts[0], parts[1]
    return None, None


def normalise(rows: Sequence[Sequence[Any]], desa: Sequence[tuple[str, str]]) -> FieldExport:
    """``rows``: the export's header row first, then one row per submission."""
    specs = all_detail_fields()
    wanted = {"kind", "category", "reporter_name", "reporter_nik", "reporter_phone", "subject",
              "description", "desa", "rt", "rw", "address", *specs}
    header = [str(h or "") for h in rows[0]]
    known = wanted | {GPS, *PHOTOS}
    names = [field_name(h, known) for h in header]
    lower = [n.lower() for n in names]
    gps_label = next(label for label, name in _names_by_label().items() if name == GPS)

    def column(candidates: Sequence[str]) -> int | None:
        for wanted in candidates:
            if wanted in lower:
                return lower.index(wanted)
        return None

    instance = column(INSTANCE_COLUMNS)
    enumerator = column(ENUMERATOR_COLUMNS)
    when = [lower.index(c) for c in DATE_COLUMNS if c in lower]

    def part(i: int, h: str, which: str) -> bool:  # 'survei-lokasi_gps-Latitude', Kobo's split
        text = _label_key(h)
        return (GPS in text or gps_label in text) and text.endswith(which) and names[i] != GPS

    lat = next((i for i, h in enumerate(header) if part(i, h, "latitude")), None)
    lon = next((i for i, h in enumerate(header) if part(i, h, "longitude")), None)
    gps = names.index(GPS) if GPS in names else None
    photos = [i for i, n in enumerate(names) if n in PHOTOS]
    fields = [(i, n) for i, n in enumerate(names) if n in wanted]
    translate = _choice_names(desa)
    out = FieldExport([n for _i, n in fields] + ["received_on", "latitude", "longitude"],
                      [], [], [])
    for row in rows[1:]:
        if not any(v not in (None, "") for v in row):
            continue
        cells = list(row) + [None] * (len(header) - len(row))
        values = []
        for i, name in fields:
            value = cells[i]
            if name in translate and isinstance(value, str):
                value = translate[name].get(value.strip(), value)
            values.append(value)
        day = next((cells[i] for i in when if cells[i] not in (None, "")), None)
        if isinstance(day, str):
            day = day[:10]  # 2026-11-20T09:12:03.000+08:00 → the date
        glat, glon = (cells[lat], cells[lon]) if lat is not None and lon is not None \
            else _gps(cells[gps] if gps is not None else None)
        out.rows.append(values + [day, glat, glon])
        uuid = str(cells[instance] or "") if instance is not None else ""
        out.instance_ids.append(uuid.removeprefix("uuid:"))
        out.enumerators.append(str(cells[enumerator] or "") if enumerator is not None else "")
        out.photos.append([PurePosixPath(str(cells[i])).name for i in photos if cells[i]])
    return out


def find_media(files: Sequence[Path], name: str) -> Path | None:
    """The photo file of that name among the media zip's files (any folder)."""
    for path in files:
        if path.name == name:
            return path
    return None
