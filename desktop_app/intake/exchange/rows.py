"""One spreadsheet row → one ``SubmissionInput``: kinds, categories and desa named the ways
offices write them, numbers and dates as typed, the key that makes re-imports idempotent."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from desktop_app.core.domain import clock, parsing
from desktop_app.core.domain.errors import ValidationError
from desktop_app.core.domain.identity import check_nik
from desktop_app.core.exchange.formats.grid import CellError
from desktop_app.intake.domain.submissions import (
    Category,
    Channel,
    FieldKind,
    FieldSpec,
    SubmissionKind,
    category_label,
    fields_for,
)
from desktop_app.intake.domain.validation import SubmissionInput, clean_rt
from desktop_app.intake.exchange.columns import IMPORT_SPECS
from desktop_app.intake.exchange.values import Target, ValueMap, ValueMatcher, field_key


@dataclass
class ImportDefaults:
    """What a row takes when the sheet has no column for it."""

    kind: str = SubmissionKind.USULAN.value
    category: str = Category.RTLH.value
    channel: str = Channel.ENUMERATOR.value
    received_on: date = field(default_factory=clock.today)
    # The desa of a row whose sheet has no desa column or leaves the cell empty (a desa's own
    # sheet names it in its title only); None: such a row is refused.
    desa_code: str | None = None


_LABELS = {spec.key: spec.label for spec in IMPORT_SPECS}
# A formula error in one of these leaves the row unusable (it is refused, with the reason).
_ERROR_REFUSES = frozenset({"desa", "nik", "reporter_name", "household_head", "subject",
                            "category"})
_PLACE_PREFIX = re.compile(r"^(desa|kelurahan|kel\.?|ds\.?)\s+")
_NOT_ALNUM = re.compile(r"[^a-z0-9]")


def norm(text: object) -> str:
    value = str(text or "").lower().strip()
    return _NOT_ALNUM.sub("", _PLACE_PREFIX.sub("", value))


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


def input_key(data: SubmissionInput) -> str:
    """The key ``import_key`` gives the values ``data`` has once validated, worked out before
    the checks (each part as validation leaves it: an RT or a NIK it would empty counts as
    empty): a re-import skips the rows it knows without checking them again."""
    try:
        rt = clean_rt(data.rt)
    except ValueError:
        rt = None
    fields = {spec.key for spec in fields_for(data.category)}
    head = data.details.get("household_head") if "household_head" in fields else None
    return import_key({
        "category": data.category,
        "nik": _checked_nik(data.details.get("nik"), coerced=True) if "nik" in fields
        else None,
        "reporter_nik": _checked_nik(data.reporter_nik, coerced=False),
        "household_head": str(head).strip() if head is not None else None,
        "reporter_name": (data.reporter_name or "").strip(), "desa_code": data.desa_code,
        "rt": rt, "received_on": data.received_on, "subject": (data.subject or "").strip()})


def input_nik(data: SubmissionInput) -> str | None:
    """The NIK (of the household head) ``data`` will have once validated, worked out before
    the checks as ``input_key`` does: the import looks its open records up beforehand."""
    if not any(spec.key == "nik" for spec in fields_for(data.category)):
        return None
    return _checked_nik(data.details.get("nik"), coerced=True)


def _checked_nik(value: Any, *, coerced: bool) -> str | None:
    """A NIK as validation keeps it (``coerced``: a survey field, read as digits first), or
    None where validation empties it."""
    if parsing.is_blank(value):
        return None
    digits = str(value)
    if coerced:
        try:
            digits = parsing.to_digits_id(value, 16)
        except ValueError:
            return None
    found = check_nik(digits)
    return found.value if found.ok else None


def row_to_input(row: Sequence[Any], mapping: Mapping[int, str | None],
                 defaults: ImportDefaults, matcher: ValueMatcher, values: ValueMap,
                 categories: CategoryLookup | None = None,
                 ) -> tuple[SubmissionInput, list[str]]:
    """One row → the submission and the reasons it needs a check (values left empty). Raises
    ValidationError for what makes the row unusable (unknown desa or category, a NIK that is
    not one): the row is refused with that reason. For many rows, use one ``RowReader``."""
    return RowReader(mapping, defaults, matcher, values, categories).convert(row)


_MISSING = object()
_DIGITS, _MAPPED, _AS_WRITTEN = range(3)  # how a detail cell is read


class RowReader:
    """``row_to_input`` for the rows of one import: what depends on a written value alone (its
    choice, its date, its RT/RW) is worked out once per distinct value, since a sheet repeats
    its few hundred values over thousands of rows."""

    def __init__(self, mapping: Mapping[int, str | None], defaults: ImportDefaults,
                 matcher: ValueMatcher, values: ValueMap,
                 categories: CategoryLookup | None = None) -> None:
        self.columns = [(index, key) for index, key in mapping.items() if key]
        self.defaults, self.matcher, self.values = defaults, matcher, values
        self.categories = categories if categories is not None else CategoryLookup.builtin()
        self._mapped: dict[tuple[str, type, Any], tuple[Target | None, str | None]] = {}
        self._dates: dict[tuple[type, Any], date | None] = {}
        self._specs: dict[str, dict[str, FieldSpec]] = {}
        self._plans: dict[str, list[tuple[str, FieldSpec, int]]] = {}
        self.defaulted = 0  # rows that took the default desa
        self.grouped = 0  # rows that took their group heading's desa

    def mapped(self, field: str, raw: Any, checks: list[str]) -> Target | None:
        """The choice a written value stands for (as written, or as decided in the
        value-mapping step); None with a check when neither knows it (desa: no check, the
        caller refuses the row)."""
        try:
            memo = (field, raw.__class__, raw)
            hit = self._mapped.get(memo)
        except TypeError:
            memo, hit = None, None
        if hit is None:
            found = self.matcher.exact(field, raw)
            if found is None:
                found = self.values.get((field, field_key(field, raw)))
            check = None
            if found is None and field != "desa":
                check = (f"{self.matcher.labels.get(field, field)}: "
                         f"{parsing.quoted(raw)} tidak dikenal, dikosongkan")
            hit = (found, check)
            if memo is not None:
                self._mapped[memo] = hit
        if hit[1] is not None:
            checks.append(hit[1])
        return hit[0]

    def _date(self, raw: Any) -> date | None:
        found = self._dates.get((raw.__class__, raw), _MISSING)
        if found is _MISSING:
            try:
                found = parsing.to_date(raw)
            except ValueError:
                found = None
            self._dates[(raw.__class__, raw)] = found
        return found  # type: ignore[return-value]

    def specs(self, category: str) -> dict[str, FieldSpec]:
        found = self._specs.get(category)
        if found is None:
            found = self._specs[category] = {spec.key: spec for spec in fields_for(category)}
        return found

    def _plan(self, category: str) -> list[tuple[str, FieldSpec, int]]:
        """The category's fields with how a cell of each is read (worked out once)."""
        found = self._plans.get(category)
        if found is None:
            found = self._plans[category] = [
                (key, spec, _DIGITS if spec.kind is FieldKind.DIGITS16
                 else _MAPPED if self.matcher.mappable(key) else _AS_WRITTEN)
                for key, spec in self.specs(category).items()]
        return found

    def convert(self, row: Sequence[Any], group_desa: str | None = None,
                ) -> tuple[SubmissionInput, list[str]]:
        """``group_desa``: the desa the row's group heading names, for a row without one."""
        cells: dict[str, Any] = {}
        width = len(row)
        errors: list[tuple[str, CellError]] = []
        for index, key in self.columns:
            if index < width:
                value = row[index]
                if value.__class__ is CellError:
                    errors.append((key, value))
                elif value is not None and not (isinstance(value, str) and not value.strip()):
                    cells[key] = value
        defaults, categories = self.defaults, self.categories
        hard: dict[str, str] = {}
        checks: list[str] = []
        for key, error in errors:  # a formula's error, or a formula saved without its value
            if key in _ERROR_REFUSES:
                hard[key] = f"{_LABELS.get(key, key)}: {error.reason}"
            else:
                checks.append(f"{_LABELS.get(key, key)}: {error.reason}; dikosongkan")

        def code(field: str, default: str) -> str:
            if field not in cells:
                return default
            found = self.mapped(field, cells[field], checks)
            return str(found.value) if found is not None else default

        kind = code("kind", defaults.kind)
        channel = code("channel", defaults.channel)
        category = defaults.category
        if "category" in cells:
            try:
                category = categories.code(cells["category"])
            except ValueError as exc:
                hard["category"] = f"Kategori {exc}"
        received = defaults.received_on
        if "received_on" in cells:
            found_date = self._date(cells["received_on"])
            if found_date is None:
                checks.append(f"Tanggal diterima {parsing.quoted(cells['received_on'])} "
                              f"tidak terbaca; dipakai {defaults.received_on:%d/%m/%Y}")
            else:
                received = found_date
        desa_code = ""
        if "desa" in cells:
            found = self.mapped("desa", cells["desa"], checks)
            if found is None:
                hard["desa"] = f"Desa/kelurahan {parsing.quoted(cells['desa'])} tidak dikenal"
            else:
                desa_code = str(found.value)
        elif group_desa:
            desa_code = group_desa
            self.grouped += 1
        elif defaults.desa_code:
            desa_code = defaults.desa_code
            self.defaulted += 1
        rt, rw = split_rt_rw(parsing.to_text(cells.get("rt")),
                             parsing.to_text(cells.get("rw")))
        phone = parsing.to_text(cells.get("reporter_phone"))
        if phone:
            try:
                phone = parsing.to_phone(cells["reporter_phone"])
            except ValueError as exc:
                checks.append(f"No HP: {exc}; dikosongkan")
                phone = ""
        details = self._details(cells, category, hard, checks)
        head = parsing.to_text(cells.get("household_head"))
        name = parsing.to_text(cells.get("reporter_name")) or head
        subject = parsing.to_text(cells.get("subject"))
        if not subject:
            what = category_label(category, categories.labels).split(" (")[0]
            subject = f"{SubmissionKind(kind).label} {what} {head or name}".strip()
        if hard:
            raise ValidationError(field_errors=hard)
        return SubmissionInput(
            kind=kind, category=category, received_on=received, channel=channel,
            reporter_name=name, subject=subject, desa_code=desa_code,
            description=parsing.to_text(cells.get("description")),
            reporter_nik=parsing.to_text(cells.get("reporter_nik")), reporter_phone=phone,
            reporter_address=parsing.to_text(cells.get("reporter_address")),
            rt=rt, rw=rw, address=parsing.to_text(cells.get("address")),
            latitude=_coordinate(cells.get("latitude"), checks),
            longitude=_coordinate(cells.get("longitude"), checks), details=details,
        ), checks

    def _details(self, cells: dict[str, Any], category: str, hard: dict[str, str],
                 checks: list[str]) -> dict[str, Any]:
        details: dict[str, Any] = {}
        specs = self.specs(category)
        for key, spec, how in self._plan(category):
            raw = cells.get(key)
            if raw is None:
                continue
            if how == _DIGITS:
                try:
                    details[key] = parsing.to_digits_id(raw, 16, spec.label)
                except ValueError as exc:
                    if key == "nik":
                        hard[key] = str(exc)
                    else:
                        checks.append(f"{exc}; dikosongkan")
            elif how == _MAPPED:
                found = self.mapped(key, raw, checks)
                if found is None:
                    continue
                if found.field == key:
                    details[key] = found.value
                elif found.field in specs:  # a material written under its condition
                    details.setdefault(found.field, found.value)
                    checks.append(f"{spec.label}: tertulis {parsing.quoted(raw)} "
                                  f"({found.label}); kondisinya belum dinilai")
            else:
                details[key] = raw
        return details


@lru_cache(maxsize=4096)
def split_rt_rw(rt: str, rw: str) -> tuple[str, str]:
    """'003/001' written in one RT/RW column → ('003', '001'); 'RT 3' → '3'."""
    if "/" in rt and not rw:
        rt, rw = (part.strip() for part in rt.split("/", 1))
    return (re.sub(r"^(rt|rw)\.?\s*", "", rt, flags=re.I),
            re.sub(r"^(rt|rw)\.?\s*", "", rw, flags=re.I))


def _coordinate(value: Any, checks: list[str]) -> float | None:
    if parsing.is_blank(value):
        return None
    try:
        return float(str(value).replace(",", "."))
    except ValueError:
        checks.append(f"Koordinat '{value}' bukan angka; dikosongkan")
        return None
