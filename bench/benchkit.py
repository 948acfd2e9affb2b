"""What every benchmark shares: runs ours and the baseline alternately, keeps every time, and
prints medians, min–max, the ratio and the machine's load average while measuring.

The machine is shared and busy, so absolute seconds move from run to run; the ratio of our
median to the baseline's median, measured in the same run and interleaved so both see the same
load, is the figure to judge.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field


def load_average() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:  # not on every platform
        return float("nan")


@dataclass
class Series:
    """The times of one case, with the load average seen around each run."""

    label: str
    times: list[float] = field(default_factory=list)
    loads: list[float] = field(default_factory=list)

    def add(self, seconds: float) -> None:
        self.times.append(seconds)
        self.loads.append(load_average())

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    def spread(self) -> str:
        return f"{min(self.times):.3f}–{max(self.times):.3f}"

    def describe(self) -> str:
        return f"{self.median:.3f} s ({self.spread()})"


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def alternate(cases: dict[str, Callable[[], float]], runs: int,
              warmup: bool = True) -> dict[str, Series]:
    """Run every case ``runs`` times, round-robin (ours, baseline, ours, …). Each callable
    returns the seconds it measured (so it may leave set-up out)."""
    if warmup:
        for fn in cases.values():
            fn()
    series = {label: Series(label) for label in cases}
    for _ in range(runs):
        for label, fn in cases.items():
            series[label].add(fn())
    return series


def loads_of(*series: Series) -> str:
    loads = [x for s in series for x in s.loads]
    return f"load {min(loads):.1f}–{max(loads):.1f}" if loads else "load ?"


def compare(title: str, ours: Series, baseline: Series, *, goal_ratio: float | None = None,
            goal_seconds: float | None = None) -> bool:
    """Print one row of the speed table; True when the goals given are met."""
    ratio = ours.median / baseline.median if baseline.median else float("inf")
    goals = []
    ok = True
    if goal_ratio is not None:
        goals.append(f"ratio ≤ {goal_ratio:g}")
        ok = ok and ratio <= goal_ratio
    if goal_seconds is not None:
        goals.append(f"≤ {goal_seconds:g} s")
        ok = ok and ours.median <= goal_seconds
    verdict = f"  [goal {', '.join(goals)}: {'met' if ok else 'NOT met'}]" if goals else ""
    print(f"{title}\n    ours     {ours.label:<34} {ours.describe()}\n"
          f"    baseline {baseline.label:<34} {baseline.describe()}\n"
          f"    ratio {ratio:.2f}   runs {len(ours.times)}   {loads_of(ours, baseline)}{verdict}",
          flush=True)
    return ok


def single(title: str, ours: Series, *, goal_seconds: float | None = None) -> bool:
    """A row without a library baseline (e.g. a list query against its goal)."""
    ok = goal_seconds is None or ours.median <= goal_seconds
    verdict = (f"  [goal ≤ {goal_seconds:g} s: {'met' if ok else 'NOT met'}]"
               if goal_seconds is not None else "")
    print(f"{title:<58} {ours.describe()}   {loads_of(ours)}{verdict}", flush=True)
    return ok
