"""The app's one notion of "today" and "now", so that tests can set it.

Code never calls ``date.today()`` or ``datetime.now()`` itself; it asks this module. Tests fix
the clock (``set_now``) and so never depend on the day they run.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

_fixed: datetime | None = None  # local wall-clock time, naive


def set_now(at: datetime | None) -> None:
    """Fix the clock at a local, naive ``at``; ``None`` lets it run again."""
    global _fixed
    _fixed = at


@contextmanager
def frozen(at: datetime) -> Iterator[None]:
    previous = _fixed
    set_now(at)
    try:
        yield
    finally:
        set_now(previous)


def now() -> datetime:
    """Local wall-clock time, naive (what the office's clock shows)."""
    return _fixed if _fixed is not None else datetime.now()


def utcnow() -> datetime:
    """UTC time, naive: what timestamps in the database hold."""
    if _fixed is not None:
        return _fixed.astimezone(UTC).replace(tzinfo=None)
    return datetime.now(UTC).replace(tzinfo=None)


def today() -> date:
    return now().date()
