"""The pages of KULA RAKAT in the main window."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from desktop_app.core.domain.roles import Permission
from desktop_app.core.gui.navigation import PageSpec

GROUP = "KULA RAKAT"


def _list(app: Any, actor: Any, parent: QWidget | None) -> QWidget:
    from desktop_app.intake.gui.list_page import IntakeListPage

    return IntakeListPage(app, actor, parent)


def _settings(app: Any, actor: Any, parent: QWidget | None) -> QWidget:
    from desktop_app.intake.gui.settings_page import IntakeSettingsPage

    return IntakeSettingsPage(app, actor, parent)


PAGES = [
    PageSpec("intake", GROUP, "Usulan, Laporan & Aduan", _list, Permission.SUBMISSION_VIEW, 10),
    PageSpec("intake_settings", GROUP, "Hari Libur, Tenggat & Kategori", _settings,
             Permission.MANAGE_OFFICE, 90),
]
