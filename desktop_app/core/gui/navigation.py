"""What a page of the main window is: each feature lists its pages in ``<feature>/gui/pages.py``.

A factory imports its page class inside the function, so pages load only when first opened
(start-up stays fast) while linters and the layer contract still follow the import.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QWidget

from desktop_app.core.domain.roles import Permission

PageFactory = Callable[[Any, Any, QWidget | None], QWidget]  # (app, actor, parent) -> page


@dataclass(frozen=True)
class PageSpec:
    key: str
    group: str
    title: str
    factory: PageFactory
    permission: Permission | None = None
    order: int = 100
