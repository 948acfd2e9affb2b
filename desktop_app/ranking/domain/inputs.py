"""The criterion inputs of one submission as a fixed-width binary record, and the criterion
values and hard-rule flags computed from many records at once with numpy.

Why: reading a million rows through a Python database driver costs a Python object per value
(about 4 s for 16 columns on SQLite, whatever the query); a record per submission, kept in a
cache table (``services/inputs.py``) and read as one concatenated blob per query, costs one
object per query. The record holds every numeric, choice and yes/no field a category declares
(``intake.domain.submissions.fields_for``): numbers as float64 (NaN when empty), choices and
yes/no as one signed byte each (0 empty, 1… the declared choice, -1 a text that is not one of
them; yes/no 1 ya, 2 tidak). Scores and derived values are applied here, exactly as the SQL
expressions of ``services/reading.py`` do (a test compares the two on random data).
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import repeat
from typing import Any

import numpy as np

from desktop_app.intake.domain.submissions import BAD_CONDITION, FieldKind, fields_for
from desktop_app.ranking.domain.criteria import RULES
from desktop_app.ranking.domain.methods import Criterion

FORMAT_VERSION = 1  # bump when the record's encoding changes: every cached record is redone
_NUMERIC = (FieldKind.NUMBER, FieldKind.MONEY, FieldKind.INTEGER, FieldKind.YEAR)
YES, NO = 1, 2
_UNSAFE_WATER = ("Sumur gali tidak terlindungi", "Air sungai/hujan")
_POOR_TOILET = ("Tidak ada jamban", "Jamban bersama/umum")


@dataclass(frozen=True)
class InputLayout:
    """The record of one category: id, a date-received key, numbers, then codes."""

    category: str
    numbers: tuple[str, ...]
    choices: Mapping[str, tuple[str, ...]]  # choice and yes/no fields (yes/no: ("Ya", "Tidak"))
    flags: tuple[str, ...]  # the yes/no fields among ``choices``

    @cached_property
    def codes(self) -> tuple[str, ...]:
        return tuple(self.choices)

    @cached_property
    def columns(self) -> tuple[str, ...]:
        """The submission columns a record is made from, after id and date received."""
        return self.numbers + self.codes

    @cached_property
    def dtype(self) -> np.dtype:
        return np.dtype([("id", "<i8"), ("received", "<f8"),
                         *[(k, "<f8") for k in self.numbers], *[(k, "i1") for k in self.codes]])

    @cached_property
    def fingerprint(self) -> int:
        """Changes when the record's layout does (a field or a choice added, reordered)."""
        text = repr((FORMAT_VERSION, self.category, self.numbers, sorted(self.choices.items()),
                     self.codes))
        return zlib.crc32(text.encode()) & 0x7FFFFFFF

    def has(self, key: str) -> bool:
        return key in self.numbers or key in self.choices


@cache
def layout_for(category: str) -> InputLayout:
    numbers: list[str] = []
    choices: dict[str, tuple[str, ...]] = {}
    flags: list[str] = []
    for spec in fields_for(category):
        if spec.kind in _NUMERIC:
            numbers.append(spec.key)
        elif spec.kind is FieldKind.CHOICE and len(spec.choices) < 127:
            choices[spec.key] = tuple(spec.choices)
        elif spec.kind is FieldKind.BOOL:
            choices[spec.key] = ("Ya", "Tidak")
            flags.append(spec.key)
    return InputLayout(category, tuple(numbers), choices, tuple(flags))


# ---- Encoding rows (raw column values as a database driver returns them) ---------------------


def _floats(column: Sequence[Any]) -> np.ndarray:
    try:
        return np.array(column, dtype=np.float64)  # None → NaN
    except (TypeError, ValueError):  # a stray text in a numeric column: not a number
        out = np.full(len(column), np.nan)
        for i, v in enumerate(column):
            try:
                out[i] = float(v)
            except (TypeError, ValueError):
                pass
        return out


def encode(layout: InputLayout, rows: Sequence[Sequence[Any]]) -> np.ndarray:
    """Rows of (id, received key, *layout.columns) → records (a structured array)."""
    out = np.zeros(len(rows), dtype=layout.dtype)
    if not len(rows):
        return out
    cols = list(zip(*rows, strict=True))
    out["id"] = np.array(cols[0], dtype=np.int64)
    out["received"] = _floats(cols[1])
    for j, key in enumerate(layout.numbers, start=2):
        out[key] = _floats(cols[j])
    start = 2 + len(layout.numbers)
    for j, key in enumerate(layout.codes, start=start):
        # One dict look-up per value in C (map), not a Python expression per value.
        index: dict[Any, int] = ({True: YES, False: NO} if key in layout.flags else
                                 {c: i for i, c in enumerate(layout.choices[key], start=1)})
        index[None] = 0
        out[key] = np.fromiter(map(index.get, cols[j], repeat(-1)), dtype=np.int8,
                               count=len(rows))
    return out


def decode(layout: InputLayout, data: bytes | None) -> np.ndarray:
    return np.frombuffer(data or b"", dtype=layout.dtype)


def by_id(rows: np.ndarray, key: Any = "id") -> np.ndarray:
    """Rows in the order of their ids (skipped when they are already), so that a ranking's
    matrix is the same whichever records came from the cache: numpy's matrix product may
    round a row's score differently by its position."""
    ids = rows[key]
    if len(ids) < 2 or bool((ids[1:] > ids[:-1]).all()):
        return rows
    return rows[np.argsort(ids, kind="stable")]


def split(records: np.ndarray) -> list[bytes]:
    """One bytes per record, for storing."""
    raw, size = records.tobytes(), records.dtype.itemsize
    return [raw[i:i + size] for i in range(0, len(raw), size)]


# ---- Values and flags from records -----------------------------------------------------------


def _code_in(records: np.ndarray, layout: InputLayout, key: str,
             texts: Sequence[str]) -> np.ndarray:
    choices = layout.choices[key]
    wanted = np.zeros(256, dtype=bool)
    wanted[[i for i, c in enumerate(choices, start=1) if c in texts]] = True
    return np.take(wanted, _as_index(records[key]))


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)


def _is(records: np.ndarray, key: str, code: int) -> np.ndarray:
    return np.asarray(records[key] == code)


def failed_criteria(records: np.ndarray, layout: InputLayout, min_area: float) -> np.ndarray:
    """The intake rule ``failed_rtlh_criteria`` counted for every record."""
    r, bad = records, tuple(BAD_CONDITION)
    with np.errstate(invalid="ignore"):
        small = _ratio(r["floor_area"], r["occupants"]) < min_area
    count = (_code_in(r, layout, "structure_condition", bad).astype(np.float64)
             + _code_in(r, layout, "roof_condition", bad)
             + _code_in(r, layout, "wall_condition", bad)
             + _code_in(r, layout, "floor_condition", bad)
             + (_is(r, "ventilation_ok", NO) | _is(r, "lighting_ok", NO))
             + (_code_in(r, layout, "toilet", _POOR_TOILET) | _is(r, "septic_tank", NO))
             + _code_in(r, layout, "water_source", _UNSAFE_WATER) + small)
    return np.asarray(count)


_DERIVED: dict[str, tuple[str, ...]] = {
    "area_per_person": ("floor_area", "occupants"),
    "failed_criteria": ("structure_condition", "roof_condition", "wall_condition",
                        "floor_condition", "ventilation_ok", "lighting_ok", "toilet",
                        "septic_tank", "water_source", "floor_area", "occupants"),
    "cost_per_household": ("estimated_cost", "households_served"),
    "cost_per_household_affected": ("estimated_cost", "households_affected"),
}


def _as_index(codes: np.ndarray) -> np.ndarray:
    """The one-byte codes as indexes 0–255 into a table of 256 (-1 → 255): no copy, one take."""
    return np.ascontiguousarray(codes).view(np.uint8)


def _lookup(codes: np.ndarray, table: Mapping[int, float]) -> np.ndarray:
    lut = np.full(256, np.nan)
    for code, score in table.items():
        lut[code & 0xFF] = score
    return np.take(lut, _as_index(codes))


def criterion_values(records: np.ndarray, layout: InputLayout, criterion: Criterion,
                     min_area: float) -> np.ndarray | None:
    """One criterion's scored values (NaN when missing), or None when this criterion cannot be
    computed from the records (the caller then uses the SQL expressions)."""
    source = criterion.source or criterion.key
    if source in _DERIVED:
        if not all(layout.has(k) for k in _DERIVED[source]):
            return None
        if source == "area_per_person":
            return _ratio(records["floor_area"], records["occupants"])
        if source == "failed_criteria":
            return failed_criteria(records, layout, min_area)
        num, den = _DERIVED[source]
        return _ratio(records[num], records[den])
    if source in layout.numbers:
        return None if criterion.choice_scores else records[source].copy()
    if source in layout.flags:  # as ``reading._bool_case``
        scores = criterion.choice_scores or {"Ya": 1.0, "Tidak": 0.0}
        yes = next((v for k, v in scores.items() if k.lower() == "ya"), 1.0)
        no = next((v for k, v in scores.items() if k.lower() == "tidak"), 0.0)
        return _lookup(records[source], {YES: float(yes), NO: float(no)})
    if source in layout.choices and criterion.choice_scores:
        index = {c: i for i, c in enumerate(layout.choices[source], start=1)}
        if any(k not in index for k in criterion.choice_scores):
            return None  # a score for a text that is not a declared choice
        return _lookup(records[source], {index[k]: float(v)
                                         for k, v in criterion.choice_scores.items()})
    return None


def rule_flags(records: np.ndarray, layout: InputLayout, rule: Mapping[str, Any], *,
               year: int, umk: float) -> np.ndarray | None:
    """Which records fail one hard rule (as ``reading.rule_expr``), or None when it cannot be
    computed from the records."""
    name = rule.get("rule")
    needs = {"aided_recently": "last_aid_year", "income_above_umk": "monthly_income",
             "land_not_owned": "land_owned", "house_not_owned": "house_owned",
             "not_only_house": "only_house"}.get(str(name))
    if needs is None or not layout.has(needs):
        return None
    spec = RULES[str(name)]
    with np.errstate(invalid="ignore"):
        if name == "aided_recently":
            param = float(rule.get("param", spec.default_param or 0))
            return records[needs] > year - param  # NaN (unknown) compares False
        if name == "income_above_umk":
            return records[needs] > float(rule.get("param") or umk)
    return _is(records, needs, NO)
