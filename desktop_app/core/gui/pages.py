"""The settings pages of core: office profile, regions and units, users, audit, backups."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from desktop_app.core.domain.roles import Permission
from desktop_app.core.gui.navigation import PageSpec

GROUP = "Pengaturan"


def _office_profile(app: Any, actor: Any, parent: QWidget | None) -> QWidget:
    from desktop_app.core.gui.office_profile_page import OfficeProfilePage

    return OfficeProfilePage(app, actor, parent)


def _regions_units(app: Any, actor: Any, parent: QWidget | None) -> QWidget:
    from desktop_app.core.gui.regions_units_page import RegionsUnitsPage

    return RegionsUnitsPage(app, actor, parent)


def _users(app: Any, actor: Any, parent: QWidget | None) -> QWidget:
    from desktop_app.core.gui.users_page import UsersPage

    return UsersPage(app, actor, parent)


def _audit(app: Any, actor: Any, parent: QWidget | None) -> QWidget:
    from desktop_app.core.gui.audit_page import AuditPage

    return AuditPage(app, actor, parent)


def _backups(app: Any, actor: Any, parent: QWidget | None) -> QWidget:
    from desktop_app.core.gui.backups_page import BackupsPage

    return BackupsPage(app, actor, parent)


PAGES = [
    PageSpec("office_profile", GROUP, "Profil Kantor", _office_profile, Permission.MANAGE_OFFICE,
             10),
    PageSpec("regions_units", GROUP, "Wilayah & Seksi", _regions_units, None, 20),
    PageSpec("users", GROUP, "Pengguna", _users, Permission.MANAGE_USERS, 30),
    PageSpec("audit", GROUP, "Jejak Audit", _audit, Permission.VIEW_AUDIT, 40),
    PageSpec("backups", GROUP, "Cadangan Data", _backups, Permission.MANAGE_BACKUPS, 50),
]
