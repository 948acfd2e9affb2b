"""One spreadsheet row → one ``SubmissionInput``: kinds, categories and desa named the ways
offices write them, numbers and dates as typed, the key that makes re-imports idempotent."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop_app.core.domain import clock, parsing
from desktop_app.core.domain.errors import ValidationError
from desktop_app.intake.domain.submissions import (
    Category,
    Channel,
    FieldKind,
    SubmissionKind,
    category_label,
    fields_for,
)
from desktop_app.intake.domain.validation import SubmissionInput


@dataclass
class ImportDefaults:
    """What a row takes when the sheet has no column for it."""

    kind: str = SubmissionKind.USULAN.value
    category: str = Category.RTLH.value
    channel: str = Channel.ENUMERATOR.value
    received_on: date = field(default_factory=clock.today)


def norm(text: object) -> str:
    value = str(text or "").lower()
    value = re.sub(r"^(desa|kelurahan|kel\.?|ds\.?)\s+", "", value.strip())
    return re.sub(r"[^a-z0-9]", "", value)


def label_or_value(value: Any, enum_cls: Any) -> str:
    key = norm(value)
    for member in enum_cls:
        label = member.label
        if key in (norm(member.value), norm(label), norm(label.split("(")[0])):
            return str(member.value)
    raise ValueError(f"'{value}' tidak dikenal")


def desa_lookup(regions: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Normalised name (and the code itself) → code, from (code, name) of desa/kelurahan."""
    lookup: dict[str, str] = {}
    for code, name in regions:
        lookup[norm(name)] = code
        lookup[code] = code
    return lookup


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
                if norm(text):
                    codes[norm(text)] = code
        return cls(codes, {code: label for code, label, _builtin in categories})

    @classmethod
    def builtin(cls) -> CategoryLookup:
        return cls.of([(c.value, c.label, True) for c in Category])

    def code(self, value: Any) -> str:
        found = self.codes.get(norm(value))
        if found is None:
            raise ValueError(f"'{value}' tidak dikenal")
        return found


def import_key(values: dict[str, Any]) -> str:
    """The same person, place, date and subject give the same key: importing twice adds none."""
    parts = [values.get("category"), values.get("nik") or values.get("reporter_nik") or "",
             norm(values.get("household_head") or values.get("reporter_name")),
             values.get("desa_code"), values.get("rt") or "", str(values.get("received_on")),
             norm(values.get("subject"))[:60]]
    return hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()


def row_to_input(row: Sequence[Any], mapping: dict[int, str | None], defaults: ImportDefaults,
                 desa: dict[str, str], categories: CategoryLookup | None = None,
                 ) -> SubmissionInput:
    """``categories``: the lookup of the office's categories; None: the built-in ones only.
    Raises ValidationError with every field's reason."""
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

    kind = take("kind", lambda v: label_or_value(v, SubmissionKind), defaults.kind)
    category = take("category", categories.code, defaults.category)
    channel = take("channel", lambda v: label_or_value(v, Channel), defaults.channel)
    received = take("received_on", parsing.to_date, defaults.received_on)
    desa_code = ""
    if "desa" in values:
        desa_code = desa.get(norm(values["desa"]), "")
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
    return SubmissionInput(
        kind=kind, category=category, received_on=received, channel=channel,
        reporter_name=name, subject=subject, desa_code=desa_code,
        description=parsing.to_text(values.get("description")),
        reporter_nik=parsing.to_text(values.get("reporter_nik")), reporter_phone=phone,
        rt=rt, rw=rw, address=parsing.to_text(values.get("address")), details=details,
    )
