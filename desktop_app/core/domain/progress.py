"""Progress and cancellation of long work, owned here so that every layer speaks the same type.

A long function takes ``progress: Progress`` and calls ``progress(done, total, text)`` now and
then; the caller's progress may raise ``Cancelled`` there to stop it (the GUI's Batal button).
"""

from __future__ import annotations

from typing import Protocol


class Cancelled(Exception):
    """Raised inside long work when the user asked to stop it."""


class Progress(Protocol):
    def __call__(self, done: int, total: int, text: str = "") -> None: ...


def no_progress(done: int, total: int, text: str = "") -> None:
    """The progress of work nobody watches."""
