"""What the ranked table and the printouts get for each entry of a list, and the table's
filter."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EntryFilter:
    eligible: bool | None = True
    desa_code: str = ""
    kecamatan_code: str = ""
    rt: str = ""
    text: str = ""


@dataclass(frozen=True)
class RankedRow:
    submission_id: int
    rank: int | None
    number: str
    name: str
    desa: str
    rt_rw: str
    score: float | None
    eligible: bool
    reason: str
    missing: str  # keys of the criteria without a value, comma-separated
    values: list[float | None]  # one per criterion of the list's set, as scored
