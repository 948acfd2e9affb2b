"""The page of the priority ranking in the main window."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from desktop_app.core.domain.roles import Permission
from desktop_app.core.gui.navigation import PageSpec

GROUP = "Peringkat Prioritas"


def _ranking(app: Any, actor: Any, parent: QWidget | None) -> QWidget:
    from desktop_app.ranking.gui.page import RankingPage

    return RankingPage(app, actor, parent)


PAGES = [
    PageSpec("ranking", GROUP, "Peringkat Prioritas", _ranking, Permission.RANKING_RUN, 10),
]
