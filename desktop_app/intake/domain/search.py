"""Words for the submissions search index: what a user may type to find a record.

Each submission is indexed by the words of its number, names, subject, road/channel name,
description and NIK. A query matches when every typed word is the beginning of one of the
record's words ("rus" finds "Rusdi"; "0007" finds ADU/2026/0007). Plain Python so that the
service, the import and the migration that fills the index for older databases agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

TERM_MAX = 40  # longer words are cut; a 16-digit NIK fits
DESCRIPTION_WORDS = 60  # enough to find a record by what it is about, without bloating the index
_WORD = re.compile(r"[0-9a-zà-ɏ]+", re.IGNORECASE)

# Fields indexed, in order; description is capped at DESCRIPTION_WORDS distinct words.
INDEXED_FIELDS = ("number", "reporter_name", "household_head", "subject", "road_name", "nik",
                  "reporter_nik", "kk_number", "description")
# Personal numbers (NIK, No. KK) are indexed under PERSONAL_MARK + digits, apart from the
# other words: only a role that may see them searches there, so an operator cannot recover
# a NIK digit by digit with prefix searches.
PERSONAL_INDEXED = frozenset({"nik", "reporter_nik", "kk_number"})
PERSONAL_MARK = "#"


def words(text: str | None) -> list[str]:
    if not text:
        return []
    return [w.lower()[:TERM_MAX] for w in _WORD.findall(text)]


_PLAIN_FIELDS = tuple(k for k in INDEXED_FIELDS
                      if k != "description" and k not in PERSONAL_INDEXED)


def terms_for(values: dict[str, object]) -> set[str]:
    """The distinct index terms of one submission (``values``: column name → value)."""
    # The plain fields' texts are read in one pass (a space never joins two words).
    plain = " ".join([str(v) for k in _PLAIN_FIELDS if (v := values.get(k)) is not None])
    out = {w for w in words(plain) if len(w) >= 2 or w.isdigit()}
    description = values.get("description")
    if description is not None:
        found = list(dict.fromkeys(words(str(description))))[:DESCRIPTION_WORDS]
        out.update(w for w in found if len(w) >= 2 or w.isdigit())
    for key in PERSONAL_INDEXED:
        value = values.get(key)
        if value is not None:
            out.update(personal_term(w) for w in words(str(value)) if w)
    return out


def personal_term(word: str) -> str:
    """The index term of a word of a personal number (a NIK or a No. KK)."""
    return PERSONAL_MARK + word[:TERM_MAX - 1]


def query_words(text: str) -> list[str]:
    """Distinct words of what the user typed, longest first (the most selective usually)."""
    unique = list(dict.fromkeys(words(text)))
    return sorted(unique, key=len, reverse=True)


def prefix_upper_bound(word: str) -> str:
    """The smallest string greater than every string starting with ``word`` (for a range scan:
    ``term >= word AND term < bound``, which every database serves from the term index)."""
    return word[:-1] + chr(ord(word[-1]) + 1)


def chunked(items: Iterable[object], size: int) -> Iterable[list[object]]:
    batch: list[object] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
