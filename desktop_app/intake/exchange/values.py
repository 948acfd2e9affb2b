"""The value-mapping step of an import: for every choice column, the values a sheet holds that
are not a choice as written, each with a suggested match (what the office confirmed before,
then the built-in synonyms, then a fuzzy match), and the decisions applied to the rows."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from desktop_app.core.domain.places import place_key
from desktop_app.intake.domain.submissions import FieldKind, all_detail_fields
from desktop_app.intake.domain.vocabulary import (
    BOOL_SYNONYMS,
    CHOICES_OF_CODES,
    MATERIAL_OF_CONDITION,
    SYNONYMS,
    value_key,
)

FUZZY_SCORE = 80  # rapidfuzz ratio from which a written value is suggested as a choice
AUTO_SCORE = 88  # without a person to confirm (command line), fuzzy matches from here apply
_TITLE_PLACE = re.compile(r"\b(?:desa|kelurahan|kel|ds) ")  # in a value_key'd title


@dataclass(frozen=True)
class Target:
    """What a written value becomes: ``value`` in ``field`` (a condition column may fill the
    material field), shown as ``label``."""

    field: str
    value: Any
    label: str


@dataclass(frozen=True)
class Suggestion:
    target: Target | None
    how: str = ""  # "diingat", "sinonim", "mirip 91%"
    score: float = 0.0


@dataclass
class ValueQuestion:
    """One distinct value of a column that is not a choice as written."""

    field: str
    field_label: str
    raw: str
    key: str
    count: int
    suggestion: Suggestion
    rows: list[int]  # the first few sheet rows that hold it


ValueMap = dict[tuple[str, str], Target | None]  # (field, value_key) → target; None: leave empty


desa_key = place_key  # a desa's name without "Desa", "Ds.", "Kel." before it


def field_key(field: str, raw: object) -> str:
    """The key a written value of ``field`` is remembered and decided by."""
    return desa_key(raw) if field == "desa" else value_key(raw)


class ValueMatcher:
    """Knows every mappable field's options and what the office confirmed before."""

    def __init__(self, desa: Iterable[tuple[str, str]] = (),
                 remembered: Mapping[tuple[str, str], Target | None] | None = None) -> None:
        self.remembered = dict(remembered or {})
        self.desa = list(desa)
        self._desa_keys = {desa_key(name): code for code, name in self.desa}
        self._desa_names = dict(self.desa)
        self.specs = all_detail_fields()
        self.labels = {"kind": "Jenis", "channel": "Saluran", "desa": "Desa/Kelurahan"}
        self.labels.update({k: s.label for k, s in self.specs.items()})
        self._exact: dict[tuple[str, object], Target | None] = {}

    def desa_name(self, code: str) -> str:
        return self._desa_names.get(code, code)

    def desa_named_in(self, texts: Iterable[object], sheet_name: str = "",
                      ) -> tuple[str, str] | None:
        """(code, name) of the one desa that a sheet's title rows name ('DATA RTLH DESA INAN
        TAHUN 2027') or, failing that, its tab is named after; None when none or several."""
        names = sorted(self._desa_keys.items(), key=lambda kv: -len(kv[0]))  # longest first
        found: set[str] = set()
        for text in texts:
            key = value_key(text) + " "
            for place in _TITLE_PLACE.finditer(key):
                rest = key[place.end():]
                found.update(next(([code] for name, code in names
                                   if rest.startswith(name + " ")), []))
        if not found and sheet_name:
            code = self._desa_keys.get(desa_key(sheet_name))
            if code is not None:
                found.add(code)
        if len(found) != 1:
            return None
        code = found.pop()
        return code, self._desa_names[code]

    def mappable(self, field: str) -> bool:
        spec = self.specs.get(field)
        return field in ("kind", "channel", "desa") or (
            spec is not None and spec.kind in (FieldKind.CHOICE, FieldKind.BOOL))

    def options(self, field: str) -> list[Target]:
        """What a person may pick for a value of ``field``."""
        if field == "desa":
            return [Target("desa", code, name) for code, name in self.desa]
        if field in CHOICES_OF_CODES:
            return [Target(field, code, label) for code, label in CHOICES_OF_CODES[field]]
        spec = self.specs[field]
        if spec.kind is FieldKind.BOOL:
            return [Target(field, True, "Ya"), Target(field, False, "Tidak")]
        out = [Target(field, c, c) for c in spec.choices]
        if field in MATERIAL_OF_CONDITION:
            material, choices, _words = MATERIAL_OF_CONDITION[field]
            label = self.specs[material].label
            out += [Target(material, c, f"{label}: {c}") for c in choices]
        return out

    def exact(self, field: str, raw: object) -> Target | None:
        """The target when the value is a choice as written (case and spaces aside); answers
        are kept, since a sheet repeats its few values thousands of times."""
        memo = (field, raw)
        if memo not in self._exact:
            self._exact[memo] = self._exact_of(field, raw)
        return self._exact[memo]

    def _exact_of(self, field: str, raw: object) -> Target | None:
        key = desa_key(raw) if field == "desa" else value_key(raw)
        if field == "desa":
            code = self._desa_keys.get(key) or (str(raw).strip()
                                                if str(raw).strip() in self._desa_names else None)
            return Target("desa", code, self._desa_names[code]) if code else None
        for option in self.options(field):
            if option.field == field and key in (value_key(option.value), value_key(option.label)):
                return option
        return None

    def suggest(self, field: str, raw: object) -> Suggestion:
        key = field_key(field, raw)
        if (field, key) in self.remembered:
            return Suggestion(self.remembered[(field, key)], "diingat", 100.0)
        words = BOOL_SYNONYMS if self.specs.get(field) is not None and \
            self.specs[field].kind is FieldKind.BOOL else SYNONYMS.get(field, {})
        if key in words:
            return Suggestion(self._target(field, field, words[key]), "sinonim", 100.0)
        if field in MATERIAL_OF_CONDITION:
            material, _choices, materials = MATERIAL_OF_CONDITION[field]
            if key in materials:
                return Suggestion(self._target(field, material, materials[key]), "bahan", 100.0)
        return self._fuzzy(field, key)

    def _target(self, field: str, target_field: str, value: Any) -> Target:
        for option in self.options(field):
            if option.field == target_field and option.value == value:
                return option
        return Target(target_field, value, str(value))

    def _fuzzy(self, field: str, key: str) -> Suggestion:
        from rapidfuzz import fuzz, process

        if not key:
            return Suggestion(None)
        if field == "desa":
            choices = {k: code for k, code in self._desa_keys.items()}
            found = process.extractOne(desa_key(key), list(choices), scorer=fuzz.ratio)
            if found and found[1] >= FUZZY_SCORE:
                code = choices[found[0]]
                return Suggestion(Target("desa", code, self._desa_names[code]),
                                  f"mirip {found[1]:.0f}%", float(found[1]))
            return Suggestion(None)
        options = [o for o in self.options(field) if o.field == field]
        keys = {value_key(o.label): o for o in options}
        found = process.extractOne(key, list(keys), scorer=fuzz.ratio)
        if found and found[1] >= FUZZY_SCORE:
            return Suggestion(keys[found[0]], f"mirip {found[1]:.0f}%", float(found[1]))
        return Suggestion(None)


def scan_values(rows: Iterable[tuple[int, Sequence[Any]]], mapping: Mapping[int, str | None],
                matcher: ValueMatcher) -> list[ValueQuestion]:
    """The distinct values of every mapped choice column that are not a choice as written,
    most frequent first, each with its suggestion."""
    columns = [(i, key) for i, key in mapping.items() if key and matcher.mappable(key)]
    seen: dict[tuple[str, str], ValueQuestion] = {}
    known: set[tuple[str, str]] = set()
    keys: dict[tuple[str, type, object], tuple[str, str]] = {}  # a sheet repeats its values
    for row_no, row in rows:
        width = len(row)
        for index, field in columns:
            if index >= width:
                continue
            raw = row[index]
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                continue
            memo = (field, raw.__class__, raw)
            key = keys.get(memo)
            if key is None:
                key = keys[memo] = (field, field_key(field, raw))
            if key in known:
                continue
            question = seen.get(key)
            if question is None:
                if matcher.exact(field, raw) is not None:
                    known.add(key)
                    continue
                question = seen[key] = ValueQuestion(
                    field, matcher.labels.get(field, field), str(raw).strip(), key[1], 0,
                    matcher.suggest(field, raw), [])
            question.count += 1
            if len(question.rows) < 5:
                question.rows.append(row_no)
    # What needs a person's eye first: no suggestion, then close spellings, then the sure ones.
    def order(q: ValueQuestion) -> tuple[int, str, int, str]:
        sure = q.suggestion.target is not None and q.suggestion.score >= 100
        return (0 if q.suggestion.target is None else 2 if sure else 1, q.field_label,
                -q.count, q.raw)

    return sorted(seen.values(), key=order)


def decisions_from(questions: Iterable[ValueQuestion], *, min_score: float = AUTO_SCORE,
                   ) -> ValueMap:
    """Without a person: take every suggestion that is remembered, a synonym or a close match."""
    return {(q.field, q.key): q.suggestion.target for q in questions
            if q.suggestion.target is not None and q.suggestion.score >= min_score}
