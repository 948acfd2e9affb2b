"""Text columns' lengths (``String(n)``): what PostgreSQL enforces and SQLite does not, checked
by the program itself so that an over-long text gets a clear message on both, before the
database raises its own error. Imports write with bulk Core inserts that skip the ORM's check
(``engine._check_text_lengths``): they check each row with ``over_long``."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any, cast

from sqlalchemy import String, Table


@cache
def text_limits(table: Table | type) -> tuple[tuple[str, int], ...]:
    """(column, length) of every text column of ``table`` (or a model's table) that has a
    length; worked out once per table."""
    columns = cast(Table, getattr(table, "__table__", table)).columns
    return tuple((column.key, int(column.type.length)) for column in columns
                 if isinstance(column.type, String) and column.type.length)


def too_long(length: int, written: int, label: str = "") -> str:
    """'Judul rapat terlalu panjang: paling banyak 300 karakter (tertulis 679).' (without a
    label: 'Terlalu panjang: …'): a message box lists it without its field beside it."""
    if label:
        return reason(label, length, written) + "."
    return f"Terlalu panjang: paling banyak {length} karakter (tertulis {written})."


def over_long(values: Mapping[str, Any],
              limits: tuple[tuple[str, int], ...]) -> list[tuple[str, int, int]]:
    """(column, length, written) of each text in ``values`` longer than its column."""
    found = []
    for key, length in limits:
        value = values.get(key)
        if value.__class__ is str and len(value) > length:
            found.append((key, length, len(value)))
    return found


def reason(label: str, length: int, written: int) -> str:
    """An import row's reason: '<Kolom> terlalu panjang: paling banyak N karakter (tertulis M)'."""
    return f"{label} terlalu panjang: paling banyak {length} karakter (tertulis {written})"


def refusal(values: Mapping[str, Any], limits: tuple[tuple[str, int], ...],
            labels: Mapping[str, str]) -> str:
    """Every over-long text of ``values`` as one row's reason ('' when all fit)."""
    return "; ".join(reason(labels.get(key, key), length, written)
                     for key, length, written in over_long(values, limits))
