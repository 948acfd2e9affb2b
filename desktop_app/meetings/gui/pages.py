"""The pages of RUKO PARSEL in the main window."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from desktop_app.core.domain.roles import Permission
from desktop_app.core.gui.navigation import PageSpec

GROUP = "RUKO PARSEL"


def _meetings(app: Any, actor: Any, parent: QWidget | None) -> QWidget:
    from desktop_app.meetings.gui.list_page import MeetingListPage

    return MeetingListPage(app, actor, parent)


def _actions(app: Any, actor: Any, parent: QWidget | None) -> QWidget:
    from desktop_app.meetings.gui.actions_page import ActionTrackerPage

    return ActionTrackerPage(app, actor, parent)


def _desa_profile(app: Any, actor: Any, parent: QWidget | None) -> QWidget:
    from desktop_app.meetings.gui.desa_profile_page import DesaProfilePage

    return DesaProfilePage(app, actor, parent)


def _recap(app: Any, actor: Any, parent: QWidget | None) -> QWidget:
    from desktop_app.meetings.gui.recap_page import MeetingRecapPage

    return MeetingRecapPage(app, actor, parent)


def _lists(app: Any, actor: Any, parent: QWidget | None) -> QWidget:
    from desktop_app.meetings.gui.lists_page import MeetingListsPage

    return MeetingListsPage(app, actor, parent)


PAGES = [
    PageSpec("meetings", GROUP, "Rapat Koordinasi", _meetings, Permission.MEETING_VIEW, 10),
    PageSpec("meeting_actions", GROUP, "Tindak Lanjut", _actions, Permission.MEETING_VIEW, 20),
    PageSpec("desa_profile", GROUP, "Profil Desa", _desa_profile, Permission.MEETING_VIEW, 30),
    PageSpec("meeting_recap", GROUP, "Rekap RUKO PARSEL", _recap, Permission.MEETING_VIEW, 40),
    PageSpec("meeting_lists", GROUP, "Jenis Rapat & Topik", _lists, Permission.MANAGE_OFFICE, 90),
]
