"""Time the ranking engine alone (SAW and TOPSIS) on 100,000 and 1,000,000 items × 8 criteria."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from desktop_app.ranking.domain.methods import Criterion, Direction, rank_saw, rank_topsis  # noqa: E402

CRITERIA = [
    Criterion(f"c{j}", f"Kriteria {j}", Direction.BENEFIT if j % 3 else Direction.COST, j + 1)
    for j in range(8)
]


def main() -> None:
    rng = np.random.default_rng(7)
    for n in (100_000, 1_000_000):
        values = rng.integers(1, 5, size=(n, 8)).astype(float)
        values[rng.random((n, 8)) < 0.01] = np.nan
        ids = np.arange(1, n + 1)
        income = rng.integers(300_000, 4_000_000, size=n)
        received = rng.integers(0, 365, size=n)
        for fn in (rank_saw, rank_topsis):
            start = time.perf_counter()
            fn(ids, values, CRITERIA, tie_keys=[income, received])
            print(f"{fn.__name__:12s} {n:>9,} items: {time.perf_counter() - start:.3f} s")


if __name__ == "__main__":
    main()
