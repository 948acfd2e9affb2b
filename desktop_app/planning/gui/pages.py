"""The pages of REMBUK REMAS in the main window."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from desktop_app.core.domain.roles import Permission
from desktop_app.core.gui.navigation import PageSpec

GROUP = "REMBUK REMAS"


def _proposals(app: Any, actor: Any, parent: QWidget | None) -> QWidget:
    from desktop_app.planning.gui.proposals_page import ProposalsPage

    return ProposalsPage(app, actor, parent)


def _rembuk(app: Any, actor: Any, parent: QWidget | None) -> QWidget:
    from desktop_app.planning.gui.rembuk_page import RembukPage

    return RembukPage(app, actor, parent)


def _frame(app: Any, actor: Any, parent: QWidget | None) -> QWidget:
    from desktop_app.planning.gui.frame_page import FramePage

    return FramePage(app, actor, parent)


def _accountability(app: Any, actor: Any, parent: QWidget | None) -> QWidget:
    from desktop_app.planning.gui.accountability_page import AccountabilityPage

    return AccountabilityPage(app, actor, parent)


PAGES = [
    PageSpec("planning_proposals", GROUP, "Usulan Musrenbang", _proposals,
             Permission.PLANNING_VIEW, 10),
    PageSpec("planning_rembuk", GROUP, "Rembuk & Penyaringan", _rembuk,
             Permission.PLANNING_VIEW, 20),
    PageSpec("planning_accountability", GROUP, "Akuntabilitas", _accountability,
             Permission.PLANNING_VIEW, 30),
    PageSpec("planning_frame", GROUP, "Kerangka Perencanaan", _frame,
             Permission.PLANNING_VIEW, 40),
]
