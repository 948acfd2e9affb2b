"""Pausing Python's cycle collector for work that makes millions of short-lived objects and no
garbage cycles (a PDF of a thousand forms, an import of ten thousand rows): the collector
would find nothing to free but walk every live object again and again."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """The cycle collector paused for the block and resumed after (objects still die by
    reference counting; cycles made meanwhile are freed at the next collection). Nested or
    overlapping blocks on other threads are fine: only the block that paused it resumes it,
    and a resumed collector only means that block runs a little slower."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
