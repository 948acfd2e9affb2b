"""What the audit page calls each field of a changed record and how it shows its values.

Every feature declares its own fields (``<feature>/gui/audit_fields.py``: a mapping of record
kind → field → ``AuditField``); the composition root registers them when the program starts
(``app/navigation.py``), as it collects the features' pages. Core never imports a feature: it
only keeps the register and shows a value the way the field asks. A field nobody declared still
reads as Indonesian (``readable_label``), never as the internal name."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any

from desktop_app.core.domain.formatting import (
    format_date_long,
    format_decimal,
    format_number,
    format_rupiah,
    format_time,
    mask_digits,
)
from desktop_app.core.domain.labels import LabeledEnum

EMPTY = "—"


class Kind(StrEnum):
    TEXT = "text"  # shown as written (names, numbers of letters, codes, years)
    NUMBER = "number"  # a count or amount: 1.234; 7,2
    RUPIAH = "rupiah"  # Rp1.500.000
    DATE = "date"  # Senin, 23 November 2026
    DATETIME = "datetime"  # in local time, as the audit page's own "Waktu" column
    TIME = "time"  # 09.00
    BOOL = "bool"  # Ya / Tidak
    CHOICE = "choice"  # a code: its label (from a LabeledEnum, or a list kept in the database)
    CHOICES = "choices"  # several codes of one LabeledEnum, comma-separated or a list
    REGION = "region"  # a region code (or a list of them): its name and the code
    LIST = "list"  # a list: one numbered line each
    HIDDEN = "hidden"  # bookkeeping (row version, internal keys): not shown at all


@dataclass(frozen=True)
class AuditField:
    label: str
    kind: Kind = Kind.TEXT
    choices: type[LabeledEnum] | None = None
    unit: str = ""  # after a NUMBER: "m", "m²", "KK"
    # For a CHOICE whose labels the office keeps in the database (meeting kinds, categories):
    # the name of a registered lookup (``register_lookup``).
    lookup: str = ""
    # A value only its feature can read (a criteria list, scores per criterion): the feature's
    # own function; if it fails on an odd old value, the value is shown plainly. With
    # ``lookup`` set it also receives that lookup's code → label map (region names).
    render: Callable[..., str] | None = None
    # NIK, No. KK, income: for roles that may not see personal data a text is masked as the
    # rest of the program masks it (the region digits stay), anything else is hidden.
    personal: bool = False


def choice(label: str, enum: type[LabeledEnum]) -> AuditField:
    return AuditField(label, Kind.CHOICE, enum)


def choices(label: str, enum: type[LabeledEnum]) -> AuditField:
    return AuditField(label, Kind.CHOICES, enum)


def looked_up(label: str, lookup: str) -> AuditField:
    return AuditField(label, Kind.CHOICE, lookup=lookup)


# Record kind → field → how it is shown. COMMON holds fields many records share.
COMMON = "*"
FieldMap = Mapping[str, Mapping[str, AuditField]]
REGIONS = "region"  # the lookup Kind.REGION reads: region code → name
_REGISTER: dict[str, dict[str, AuditField]] = {}
# name → a function of the application context giving code → label; the audit page calls it
# at most once per refresh (it reads the database).
Lookups = Mapping[str, Callable[[Any], Mapping[str, str]]]
_LOOKUPS: dict[str, Callable[[Any], Mapping[str, str]]] = {}


def register(fields: FieldMap, lookups: Lookups | None = None) -> None:
    """Add a feature's declarations (registering the same again is harmless)."""
    for entity, by_name in fields.items():
        _REGISTER.setdefault(entity, {}).update(by_name)
    _LOOKUPS.update(lookups or {})


def lookups() -> Lookups:
    return dict(_LOOKUPS)


def registered() -> dict[str, dict[str, AuditField]]:
    """Every declaration (a copy), for the tests that look for undeclared fields."""
    return {entity: dict(by_name) for entity, by_name in _REGISTER.items()}


def field_of(entity: str, name: str) -> AuditField | None:
    found = _REGISTER.get(entity, {}).get(name)
    return found if found is not None else _REGISTER.get(COMMON, {}).get(name)


# The words internal names are made of, for a field nobody declared: "due_date" → "Tanggal
# jatuh tempo" (Indonesian puts the head first, so the words are read back to front).
_WORDS = {
    "name": "nama", "date": "tanggal", "code": "kode", "number": "nomor", "note": "catatan",
    "status": "status", "id": "nomor", "due": "jatuh tempo", "year": "tahun", "count": "jumlah",
    "amount": "nilai", "cost": "biaya", "price": "harga", "unit": "satuan", "title": "judul",
    "text": "teks", "file": "berkas", "at": "waktu", "on": "tanggal", "by": "oleh",
    "created": "dibuat", "updated": "diubah", "phone": "telepon", "address": "alamat",
    "level": "tingkat", "kind": "jenis", "type": "jenis", "place": "tempat", "time": "jam",
    "description": "uraian", "reason": "alasan", "reasons": "alasan", "region": "wilayah",
    "desa": "desa", "user": "pengguna", "position": "jabatan", "active": "aktif",
    "total": "jumlah", "kecamatan": "kecamatan", "value": "nilai", "label": "label", "start": "mulai", "end": "selesai",
    "last": "terakhir", "first": "pertama", "new": "baru", "old": "lama", "rows": "baris",
}


def readable_label(name: str) -> str:
    """An undeclared field in Indonesian when its words are known, else "Isian lain"."""
    words = [w for w in name.lower().split("_") if w]
    if not words or any(w not in _WORDS for w in words):
        return "Isian lain"
    text = " ".join(_WORDS[w] for w in reversed(words))
    return text[0].upper() + text[1:]


def label_of(entity: str, name: str) -> str:
    spec = field_of(entity, name)
    return spec.label if spec is not None else readable_label(name)


def is_shown(entity: str, name: str) -> bool:
    spec = field_of(entity, name)
    return spec is None or spec.kind is not Kind.HIDDEN


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _as_datetime(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def _as_number(value: Any) -> float | int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return value
    try:
        number = float(str(value))
    except ValueError:
        return None
    return int(number) if number.is_integer() else number


def _number_text(value: float | int) -> str:
    return format_number(value) if float(value).is_integer() else format_decimal(value)


def _list_text(items: list[Any], item: Callable[[Any], str]) -> str:
    if not items:
        return "(kosong)"
    return "\n".join(f"{i}. {item(x)}" for i, x in enumerate(items, start=1))


def _plain(value: Any) -> str:
    """A value of an undeclared field: booleans, ISO dates and lists made readable."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, list | tuple):
        return _list_text(list(value), lambda x: " — ".join(_plain(p) for p in x)
                          if isinstance(x, list | tuple) else _plain(x))
    if isinstance(value, dict):
        return "\n".join(f"{label_of(COMMON, str(k))}: {_plain(v)}" for k, v in value.items())
    if isinstance(value, str) and len(value) == 10 and value[4:5] == "-" == value[7:8]:
        day = _as_date(value)
        if day is not None:
            return format_date_long(day)
    return str(value)


def _choice_text(enum: type[LabeledEnum] | None, value: Any) -> str:
    return enum.label_of(value) if enum is not None else str(value)


def show(entity: str, name: str, value: Any, *, may_see_personal: bool,
         moment: Callable[[datetime], str] | None = None,
         lookup: Callable[[str], Mapping[str, str]] | None = None) -> str:
    """``value`` of ``entity.name`` as a person reads it. ``moment`` formats a stored (UTC)
    timestamp in local time; ``lookup(name)`` gives the code → label map of a registered
    lookup (regions, meeting kinds…)."""
    spec = field_of(entity, name)
    kind = spec.kind if spec is not None else None
    if spec is None or value is None or value == "":
        return _plain(value)
    if spec.personal and not may_see_personal:
        return mask_digits(str(value)) if kind is Kind.TEXT else "(disembunyikan)"
    if spec.render is not None:
        try:
            if spec.lookup:
                return spec.render(value, lookup(spec.lookup) if lookup is not None else {})
            return spec.render(value)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError):
            return _plain(value)
    if kind is Kind.TEXT:
        return _plain(value)
    if kind is Kind.BOOL:
        return "Ya" if value else "Tidak"
    if kind in (Kind.NUMBER, Kind.RUPIAH):
        number = _as_number(value)
        if number is None:
            return _plain(value)
        if kind is Kind.RUPIAH:
            return format_rupiah(number)
        return f"{_number_text(number)} {spec.unit}".strip()
    if kind is Kind.DATE:
        day = _as_date(value)
        return format_date_long(day) if day is not None else _plain(value)
    if kind is Kind.DATETIME:
        at = _as_datetime(value)
        if at is None:
            return _plain(value)
        return moment(at) if moment is not None else f"{format_date_long(at.date())} " \
                                                      f"{format_time(at)}"
    if kind is Kind.TIME:
        try:
            return format_time(time.fromisoformat(str(value)))
        except ValueError:
            return _plain(value)
    if kind is Kind.CHOICE and spec.lookup:
        labels = lookup(spec.lookup) if lookup is not None else {}
        return labels.get(str(value), _plain(value))
    if kind is Kind.CHOICE:
        return _choice_text(spec.choices, value)
    if kind is Kind.CHOICES:
        codes = value if isinstance(value, list) else [c for c in str(value).split(",") if c]
        return "; ".join(_choice_text(spec.choices, c.strip()) for c in codes) or EMPTY
    if kind is Kind.REGION:
        return _region_text(value, lookup(REGIONS) if lookup is not None else {})
    if kind is Kind.LIST:
        items = value if isinstance(value, list) else _json_list(value)
        return _plain(items)
    return _plain(value)


def _region_text(value: Any, names: Mapping[str, str]) -> str:
    codes = value if isinstance(value, list) else [value]
    named = []
    for code in codes:
        name = names.get(str(code))
        named.append(f"{name} ({code})" if name else str(code))
    return _list_text(named, str) if isinstance(value, list) else named[0]


def _json_list(value: Any) -> list[Any]:
    try:
        loaded = json.loads(str(value))
    except ValueError:
        return [value]
    return loaded if isinstance(loaded, list) else [loaded]
