"""Finding a desa, kelurahan or kecamatan by the name an office wrote: case, spaces and
punctuation aside, without its prefix ("Desa Inan", "Ds. Inan", "Kel. Batu Piring",
"Kec. Paringin Selatan"), and, when asked, misspelt ("Galumbng")."""

from __future__ import annotations

import re
from collections.abc import Iterable

_NOT_WORD = re.compile(r"[^0-9a-z]+")
PLACE_PREFIXES = ("desa ", "ds ", "kelurahan ", "kel ", "kampung ", "kecamatan ", "kec ")


def words_key(value: object) -> str:
    """How a written value is compared: lower case, words of letters and digits, one space."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(_NOT_WORD.sub(" ", str(value or "").lower()).split())


def place_key(name: object) -> str:
    """``words_key`` without the kind of place written before the name."""
    key = words_key(name)
    for prefix in PLACE_PREFIXES:
        if key.startswith(prefix):
            return key[len(prefix):].strip()
    return key


class PlaceFinder:
    """The code of a place among ``places`` (code, name) by a written name."""

    def __init__(self, places: Iterable[tuple[str, str]]) -> None:
        self.names = dict(places)
        self.keys = {place_key(name): code for code, name in self.names.items()}

    def find(self, written: object, fuzzy: float | None = None) -> str | None:
        """The code; with ``fuzzy``, also the closest name scoring at least that (0-100)."""
        text = str(written or "").strip()
        if text in self.names:
            return text  # its code
        key = place_key(text)
        found = self.keys.get(key)
        if found is None and fuzzy is not None and len(key) >= 4:
            from rapidfuzz import fuzz, process

            best = process.extractOne(key, list(self.keys), scorer=fuzz.ratio,
                                      score_cutoff=fuzzy)
            found = self.keys[best[0]] if best else None
        return found
