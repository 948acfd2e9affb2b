"""A working (draft) ranking as a few numpy arrays: who is ranked in which order with what
score, which values were missing, who failed which hard rule. Stored as one blob and paged in
memory, so a million rows are kept in milliseconds (a frozen list is stored row by row).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from desktop_app.ranking.domain.methods import RankingResult


@dataclass
class WorkingList:
    ranked_ids: np.ndarray  # int64, in rank order
    scores: np.ndarray  # float64, in rank order
    missing: np.ndarray  # uint8 (n, ceil(m / 8)): packed "value missing" per criterion
    ineligible_ids: np.ndarray  # int64, ordered by date received then id
    failed: np.ndarray  # uint8 (k, ceil(r / 8)): packed "fails rule" per hard rule
    criteria_count: int
    rule_count: int
    # id → position, built once: a table indexed by id when the ids are dense (as a
    # database's are), else the ids sorted with their positions
    _index: tuple[np.ndarray, np.ndarray | None] | None = field(default=None, repr=False)

    @classmethod
    def build(cls, result: RankingResult, ineligible_ids: Any, failed_flags: Any,
              rule_count: int) -> WorkingList:
        order = result.order
        values = result.values[order]
        m = values.shape[1] if values.ndim == 2 else 0
        ineligible_ids = np.asarray(ineligible_ids, dtype=np.int64)
        flags = np.asarray(failed_flags, dtype=bool).reshape(len(ineligible_ids), rule_count)
        return cls(np.ascontiguousarray(result.ids[order], dtype=np.int64),
                   np.ascontiguousarray(result.scores[order], dtype=np.float64),
                   np.packbits(np.isnan(values), axis=1) if m else
                   np.zeros((len(order), 0), dtype=np.uint8),
                   ineligible_ids,
                   np.packbits(flags, axis=1) if rule_count else
                   np.zeros((len(flags), 0), dtype=np.uint8), m, rule_count)

    # -- storage ---------------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        np.savez(out, ranked_ids=self.ranked_ids, scores=self.scores, missing=self.missing,
                 ineligible_ids=self.ineligible_ids, failed=self.failed,
                 counts=np.array([self.criteria_count, self.rule_count], dtype=np.int64))
        return out.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> WorkingList:
        with np.load(io.BytesIO(data), allow_pickle=False) as z:
            m, r = (int(x) for x in z["counts"])
            return cls(z["ranked_ids"], z["scores"], z["missing"], z["ineligible_ids"],
                       z["failed"], m, r)

    # -- positions: 0 … n-1 the ranked ones in rank order, n … n+k-1 the ineligible -------------
    @property
    def ranked_count(self) -> int:
        return len(self.ranked_ids)

    @property
    def size(self) -> int:
        return len(self.ranked_ids) + len(self.ineligible_ids)

    def all_ids(self) -> np.ndarray:
        return np.concatenate([self.ranked_ids, self.ineligible_ids])

    def positions(self, eligible: bool | None) -> np.ndarray:
        return np.arange(*self.position_range(eligible))

    def _id_index(self) -> tuple[np.ndarray, np.ndarray | None]:
        if self._index is None:
            parts = [a for a in (self.ranked_ids, self.ineligible_ids) if len(a)]
            top = max((int(a.max()) for a in parts), default=-1)
            low = min((int(a.min()) for a in parts), default=-1)
            if parts and low >= 0 and top < 4 * self.size + 1024:
                # positions fit 32 bits: half the memory to fill, and filled part by part
                # (no million-id concatenation); written last to first so the first one wins
                table = np.full(top + 1, -1, dtype=np.int32 if self.size < 2**31 else np.int64)
                n = self.ranked_count
                table[self.ineligible_ids[::-1]] = np.arange(self.size - 1, n - 1, -1)
                table[self.ranked_ids[::-1]] = np.arange(n - 1, -1, -1)
                self._index = (table, None)
            else:
                every = self.all_ids()
                order = np.argsort(every, kind="stable")
                self._index = (every[order], order)
        return self._index

    def lookup(self, ids: Any) -> np.ndarray:
        """The position of each id, -1 where the id is not in the list."""
        ids = np.asarray(ids, dtype=np.int64)
        out = np.full(len(ids), -1, dtype=np.int64)
        if not self.size or not len(ids):
            return out
        keys, order = self._id_index()
        if order is None:  # keys is the table of positions by id
            inside = (ids >= 0) & (ids < len(keys))
            out[inside] = keys[ids[inside]]
            return out
        at = np.minimum(np.searchsorted(keys, ids), len(keys) - 1)
        hit = keys[at] == ids
        out[hit] = order[at[hit]]
        return out

    def positions_in_order(self, ids: Any) -> np.ndarray:
        """Positions of the given ids that are in the list, in the order of ``ids``."""
        found = self.lookup(ids)
        return found[found >= 0]

    def position_range(self, eligible: bool | None) -> tuple[int, int]:
        """The positions ``positions(eligible)`` gives, as first and past-the-last."""
        n = self.ranked_count
        if eligible is True:
            return 0, n
        if eligible is False:
            return n, self.size
        return 0, self.size

    def positions_of(self, ids: Any) -> np.ndarray:
        """Positions of the given ids that are in the list, in position order."""
        return np.sort(self.positions_in_order(ids))

    def id_at(self, pos: int) -> int:
        n = self.ranked_count
        return int(self.ranked_ids[pos] if pos < n else self.ineligible_ids[pos - n])

    def rank_at(self, pos: int) -> int | None:
        return pos + 1 if pos < self.ranked_count else None

    def score_at(self, pos: int) -> float | None:
        return float(self.scores[pos]) if pos < self.ranked_count else None

    def missing_at(self, pos: int) -> list[int]:
        """Indexes of the criteria without a value (ranked rows only)."""
        if pos >= self.ranked_count or not self.criteria_count:
            return []
        bits = np.unpackbits(self.missing[pos], count=self.criteria_count)
        return [int(j) for j in np.flatnonzero(bits)]

    def failed_at(self, pos: int) -> list[int]:
        """Indexes of the hard rules an ineligible row fails."""
        if pos < self.ranked_count or not self.rule_count:
            return []
        bits = np.unpackbits(self.failed[pos - self.ranked_count], count=self.rule_count)
        return [int(j) for j in np.flatnonzero(bits)]

    def with_missing(self) -> np.ndarray:
        """Positions of ranked rows with at least one missing value."""
        if not self.criteria_count:
            return np.zeros(0, dtype=np.int64)
        return np.flatnonzero(self.missing.any(axis=1))
