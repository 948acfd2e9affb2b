"""Plain data the planning printouts are made from; the services fill them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time


@dataclass(frozen=True)
class Person:
    name: str
    position: str = ""
    institution: str = ""
    gender: str | None = None
    nip: str = ""


@dataclass(frozen=True)
class PriorityLine:
    rank: int | None
    desa: str
    work: str
    location: str
    volume: str
    cost: int
    agency: str
    note: str = ""


@dataclass(frozen=True)
class ScreenLine:
    number: str
    desa: str
    work: str
    cost: int
    marks: tuple[str, ...]  # ✓ / ✗ / '' for the six tests, in TESTS order
    verdict: str
    tier: str
    reason: str


@dataclass(frozen=True)
class FateLine:
    number: str
    work: str
    cost: int
    result: str  # 'Lolos – UTAMA (peringkat 3)', 'Tidak diakomodir', …
    reason: str


@dataclass
class TierDocument:
    """Everything the BA, its lampiran, the recap and the letters of one rembuk need."""

    level: str  # 'kecamatan'
    level_label: str  # 'Kecamatan'
    region_name: str  # 'Paringin Selatan'
    region_label: str  # 'Kecamatan Paringin Selatan'
    kabupaten: str  # 'Kabupaten Balangan'
    year: int  # RKPD year
    number: str
    held_on: date
    start_time: time | None
    end_time: time | None
    zone: str
    place: str
    chair: Person
    minute_taker: Person
    head: Person  # who acknowledges (Mengetahui): the rembuk's choice, else the office head
    city: str
    next_level_label: str  # 'Kabupaten' ('' at the top tier)
    attendees: list[Person] = field(default_factory=list)
    delegates: list[Person] = field(default_factory=list)
    main: list[PriorityLine] = field(default_factory=list)
    reserve: list[PriorityLine] = field(default_factory=list)
    unranked: list[PriorityLine] = field(default_factory=list)  # passed, no ceiling to split
    ceiling: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    screen_lines: list[ScreenLine] = field(default_factory=list)
    reason_counts: list[tuple[str, int]] = field(default_factory=list)
    agreements: list[str] = field(default_factory=list)
    final: bool = False

    @property
    def main_total(self) -> int:
        return sum(line.cost for line in self.main)

    @property
    def reserve_total(self) -> int:
        return sum(line.cost for line in self.reserve)

    @property
    def remaining(self) -> int | None:
        return None if self.ceiling is None else self.ceiling - self.main_total


@dataclass
class DesaLetter:
    desa_label: str  # 'Desa Inan'
    head_title: str  # 'Kepala Desa Inan'
    number: str
    lines: list[FateLine]
