"""Enums whose members carry their Indonesian label: one declaration, no separate label dict.

    class ActionStatus(LabeledEnum):
        OPEN = "open", "Belum dikerjakan"

``ActionStatus.OPEN == "open"``, ``ActionStatus.OPEN.label == "Belum dikerjakan"``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Self


class LabeledEnum(StrEnum):
    _label_: str

    def __new__(cls, value: str, label: str = "") -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member._label_ = label or value.capitalize()
        return member

    @property
    def label(self) -> str:
        return self._label_

    @classmethod
    def label_of(cls, value: Any, default: str | None = None) -> str:
        """The label of a stored value; ``default`` (else the value itself) when unknown."""
        try:
            return cls(value).label
        except ValueError:
            return str(value) if default is None else default

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """(value, label) pairs in declaration order, for pick lists."""
        return [(m.value, m.label) for m in cls]


class RegionLevel(LabeledEnum):
    """The levels of the Kemendagri region list."""

    PROVINSI = "provinsi", "Provinsi"
    KABUPATEN = "kabupaten", "Kabupaten"
    KECAMATAN = "kecamatan", "Kecamatan"
    DESA = "desa", "Desa"
    KELURAHAN = "kelurahan", "Kelurahan"


class OfficeKind(LabeledEnum):
    KECAMATAN = "kecamatan", "Kantor Kecamatan"
    DINAS = "dinas", "Dinas / Badan (Perangkat Daerah)"
