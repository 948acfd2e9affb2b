"""Matching an office spreadsheet's column headers to the fields the app knows."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    label: str
    aliases: Sequence[str] = field(default_factory=tuple)
    required: bool = False


@lru_cache(maxsize=4096)
def _normalised(text: str) -> str:
    value = text.lower().replace("\n", " ")
    value = re.sub(r"\(.*?\)", " ", value)  # units: "Luas (m2)"
    value = value.replace("nomor", "no").replace("no.", "no ")
    return re.sub(r"[^a-z0-9]", "", value)


def normalise_header(text: object) -> str:
    return _normalised(str(text or ""))


# Short forms offices write in headers ("TGL USULAN", "JML JIWA", "NM KK", "PJG JALAN"), read
# as the whole word when a header is matched to a field. Only unambiguous ones: "Kel" stays (it
# is "kelurahan" in "Desa/Kel" but "keluarga" in "Kepala Kel.").
ABBREVIATIONS = {
    "tgl": "tanggal", "tggl": "tanggal", "jml": "jumlah", "jmlh": "jumlah", "jlh": "jumlah",
    "nm": "nama", "almt": "alamat", "ds": "desa", "kec": "kecamatan", "kab": "kabupaten",
    "thn": "tahun", "bln": "bulan", "pjg": "panjang", "lbr": "lebar", "kond": "kondisi",
    "sbr": "sumber", "pendptn": "pendapatan", "penghsl": "penghasilan", "nomor": "no",
}


@lru_cache(maxsize=4096)
def _expanded(text: str) -> str:
    """``normalise_header`` with the short forms written out: the second name a header is
    looked up by (remembered headers stay keyed by ``normalise_header``)."""
    value = re.sub(r"\(.*?\)", " ", text.lower())
    return "".join(ABBREVIATIONS.get(word, word) for word in re.findall(r"[a-z0-9]+", value))


def _lookup(names: dict[str, str], header: object) -> str | None:
    text = str(header or "")
    return names.get(_normalised(text)) or names.get(_expanded(text))


@dataclass(frozen=True)
class MappingSuggestion:
    mapping: dict[int, str | None]  # column index → field key (None: ignored)
    confidence: dict[int, float]  # 0..100

    def missing_required(self, specs: Sequence[ColumnSpec]) -> list[ColumnSpec]:
        mapped = {k for k in self.mapping.values() if k}
        return [s for s in specs if s.required and s.key not in mapped]


def header_score(cells: Sequence[object], specs: Sequence[ColumnSpec]) -> int:
    """How many cells of a row name a known field exactly (after normalising)."""
    names = _exact_names(specs)
    return sum(1 for c in cells if _lookup(names, c))


def _exact_names(specs: Sequence[ColumnSpec]) -> dict[str, str]:
    names: dict[str, str] = {}
    for spec in specs:
        for name in (spec.label, spec.key, *spec.aliases):
            names.setdefault(normalise_header(name), spec.key)
            names.setdefault(_expanded(name), spec.key)
    return names


def suggest_mapping(headers: Sequence[object], specs: Sequence[ColumnSpec],
                    threshold: float = 82) -> MappingSuggestion:
    """Exact (normalised) names first, then fuzzy matches above ``threshold``; one field per column."""
    from rapidfuzz import fuzz, process

    names = _exact_names(specs)
    mapping: dict[int, str | None] = {}
    confidence: dict[int, float] = {}
    used: set[str] = set()
    for i, header in enumerate(headers):
        key = _lookup(names, header)
        if key and key not in used:
            mapping[i], confidence[i] = key, 100.0
            used.add(key)
    choices = list(names)
    for i, header in enumerate(headers):
        if i in mapping:
            continue
        norm = _expanded(str(header or ""))
        mapping[i], confidence[i] = None, 0.0
        if not norm:
            continue
        for name, score, _ in process.extract(norm, choices, scorer=fuzz.ratio, limit=5):
            key = names[name]
            if score >= threshold and key not in used:
                mapping[i], confidence[i] = key, float(score)
                used.add(key)
                break
    return MappingSuggestion(mapping, confidence)
