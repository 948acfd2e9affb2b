"""The pages the main window offers: every feature's ``gui/pages.py``, grouped and ordered; and
every feature's ``gui/audit_fields.py``, registered for the audit page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from desktop_app.core.domain import audit_fields
from desktop_app.core.domain.roles import Permission
from desktop_app.core.gui import pages as core_pages
from desktop_app.core.gui.navigation import PageSpec
from desktop_app.intake.gui import audit_fields as intake_audit
from desktop_app.intake.gui import pages as intake_pages
from desktop_app.meetings.gui import audit_fields as meetings_audit
from desktop_app.meetings.gui import pages as meetings_pages
from desktop_app.planning.gui import audit_fields as planning_audit
from desktop_app.planning.gui import pages as planning_pages
from desktop_app.ranking.gui import audit_fields as ranking_audit
from desktop_app.ranking.gui import pages as ranking_pages

HOME_GROUP = "Beranda"


def _home(app: Any, actor: Any, parent: QWidget | None) -> QWidget:
    from desktop_app.app.home_page import HomePage

    return HomePage(app, actor, parent)


HOME = PageSpec("home", HOME_GROUP, "Pekerjaan Hari Ini", _home, None, 0)
GROUP_ORDER = [HOME_GROUP, intake_pages.GROUP, ranking_pages.GROUP, meetings_pages.GROUP,
               planning_pages.GROUP, core_pages.GROUP]

PAGES: list[PageSpec] = [
    HOME, *intake_pages.PAGES, *ranking_pages.PAGES, *meetings_pages.PAGES,
    *planning_pages.PAGES, *core_pages.PAGES,
]


def register_audit_fields() -> None:
    """Tell the audit page how every feature's fields are named and shown (core's own are
    registered by the page itself). Called when this module is imported: every window that
    can open the audit page imports it first."""
    audit_fields.register(intake_audit.FIELDS, intake_audit.LOOKUPS)
    audit_fields.register(ranking_audit.FIELDS, ranking_audit.LOOKUPS)
    audit_fields.register(meetings_audit.FIELDS, meetings_audit.LOOKUPS)
    audit_fields.register(planning_audit.FIELDS, planning_audit.LOOKUPS)


register_audit_fields()


def visible_pages(can: Callable[[Permission], bool]) -> list[PageSpec]:
    """Pages the actor may open, ordered by group then order. ``can`` is Actor.can."""
    allowed = [p for p in PAGES if p.permission is None or can(p.permission)]

    def key(p: PageSpec) -> tuple[int, int]:
        group = GROUP_ORDER.index(p.group) if p.group in GROUP_ORDER else len(GROUP_ORDER)
        return group, p.order

    return sorted(allowed, key=key)
