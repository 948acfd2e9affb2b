"""Main window: navigation on the left, the chosen page on the right, built on first use."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from desktop_app import APP_NAME, __version__
from desktop_app.app.navigation import PageSpec, visible_pages
from desktop_app.core.gui import messages
from desktop_app.core.gui.windows import fit_to_screen
from desktop_app.core.services.context import Actor, AppContext

if TYPE_CHECKING:
    from desktop_app.core.gui.daily_backup import DailyBackup

log = logging.getLogger(__name__)
PAGE_KEY_ROLE = Qt.ItemDataRole.UserRole + 1


class MainWindow(QMainWindow):
    logout_requested = Signal()

    def __init__(self, app: AppContext, actor: Actor, office_name: str = "") -> None:
        super().__init__()
        self.app = app
        self.actor = actor
        self.setWindowTitle(f"{APP_NAME} — {office_name}" if office_name else APP_NAME)
        fit_to_screen(self, 1280, 800)
        self._specs: dict[str, PageSpec] = {}
        self._pages: dict[str, QWidget] = {}
        self.daily_backup: DailyBackup | None = None

        self.nav = QTreeWidget()
        self.nav.setHeaderHidden(True)
        self.nav.setMinimumWidth(180)
        self.nav.setMaximumWidth(320)
        self.nav.setIndentation(12)
        self.stack = QStackedWidget()
        # A page wider or taller than a small screen scrolls instead of pushing the window
        # past the screen's edge.
        page_area = QScrollArea()
        page_area.setWidgetResizable(True)
        page_area.setFrameShape(QFrame.Shape.NoFrame)
        page_area.setWidget(self.stack)
        splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(page_area)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 1040])
        self.setCentralWidget(splitter)
        self._build_navigation()
        self._build_menus()
        user_label = QLabel(f"  {actor.full_name} ({actor.role.label})  ")
        self.statusBar().addPermanentWidget(user_label)
        self.statusBar().showMessage(office_name)
        self.nav.currentItemChanged.connect(self._on_nav)
        self._restore_state()
        first = self._first_page_item()
        if first is not None:
            self.nav.setCurrentItem(first)

    # -- navigation ----------------------------------------------------------------------------
    def _build_navigation(self) -> None:
        groups: dict[str, QTreeWidgetItem] = {}
        bold = QFont()
        bold.setBold(True)
        for spec in visible_pages(self.actor.can):
            group = groups.get(spec.group)
            if group is None:
                group = QTreeWidgetItem([spec.group])
                group.setFont(0, bold)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.nav.addTopLevelItem(group)
                groups[spec.group] = group
            item = QTreeWidgetItem([spec.title])
            item.setData(0, PAGE_KEY_ROLE, spec.key)
            group.addChild(item)
            self._specs[spec.key] = spec
        self.nav.expandAll()

    def _first_page_item(self) -> QTreeWidgetItem | None:
        for i in range(self.nav.topLevelItemCount()):
            group = self.nav.topLevelItem(i)
            if group is not None and group.childCount():
                return group.child(0)
        return None

    def page_keys(self) -> list[str]:
        return list(self._specs)

    def _on_nav(self, current: QTreeWidgetItem | None, _prev: QTreeWidgetItem | None) -> None:
        if current is None:
            return
        key = current.data(0, PAGE_KEY_ROLE)
        if key:
            self.show_page(key)

    def show_page(self, key: str) -> QWidget:
        """Build the page on first use (keeps start-up fast), then bring it to the front."""
        page = self._pages.get(key)
        if page is None:
            spec = self._specs[key]
            page = spec.factory(self.app, self.actor, self)
            self._pages[key] = page
            self.stack.addWidget(page)
        elif hasattr(page, "refresh"):
            try:
                page.refresh()
            except Exception as exc:  # noqa: BLE001 - shown to the user, the page stays
                messages.show_error(self, exc)
        self.stack.setCurrentWidget(page)
        self._select_nav(key)
        return page

    def _select_nav(self, key: str) -> None:
        current = self.nav.currentItem()
        if current is not None and current.data(0, PAGE_KEY_ROLE) == key:
            return
        for i in range(self.nav.topLevelItemCount()):
            group = self.nav.topLevelItem(i)
            for j in range(group.childCount() if group else 0):
                child = group.child(j) if group else None
                if child is not None and child.data(0, PAGE_KEY_ROLE) == key:
                    self.nav.blockSignals(True)
                    self.nav.setCurrentItem(child)
                    self.nav.blockSignals(False)
                    return

    def page(self, key: str) -> QWidget | None:
        return self._pages.get(key)

    # -- menus ---------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&Berkas")
        if "backups" in self._specs:
            backup_action = QAction("Cadangkan sekarang", self)
            backup_action.triggered.connect(self._backup_now)
            file_menu.addAction(backup_action)
            file_menu.addSeparator()
        quit_action = QAction("&Keluar", self)
        quit_action.setShortcut("Ctrl+Q")
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        account = self.menuBar().addMenu("&Akun")
        change = QAction("Ganti kata sandi…", self)
        change.triggered.connect(self._change_password)
        account.addAction(change)
        logout = QAction("Keluar dari akun", self)
        logout.triggered.connect(self._logout)
        account.addAction(logout)
        help_menu = self.menuBar().addMenu("Ban&tuan")
        about = QAction("Tentang Ruko Parsel", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def start_daily_backup(self) -> bool:
        """Make today's automatic backup behind this window if it is due (``run_gui`` calls
        it once the window shows); True when it started."""
        from desktop_app.core.gui.daily_backup import DailyBackup

        self.daily_backup = DailyBackup(self, self.app)
        return self.daily_backup.start()

    def _backup_now(self) -> None:
        page = self.show_page("backups")
        if hasattr(page, "backup_now"):
            page.backup_now()

    def _change_password(self) -> None:
        from desktop_app.core.gui.change_password import ChangePasswordDialog

        ChangePasswordDialog(self.app, self.actor, self).exec()

    def _logout(self) -> None:
        self.logout_requested.emit()
        self.close()

    def _about(self) -> None:
        messages.info(
            self,
            f"{APP_NAME} {__version__}\n\nRumah Koordinasi Paringin Selatan, KULA RAKAT dan "
            "REMBUK REMAS dalam satu aplikasi kantor.\nBasis data: "
            f"{self.app.database_url}\nFolder data: {self.app.paths.data_dir}",
            "Tentang",
        )

    # -- window state --------------------------------------------------------------------------
    def _restore_state(self) -> None:
        settings = QSettings()
        geometry = settings.value("main_window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)  # Qt keeps a restored window on the screen

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.daily_backup is not None:
            self.daily_backup.stop()  # the half-made copy is removed; the next start redoes it
        QSettings().setValue("main_window/geometry", self.saveGeometry())
        super().closeEvent(event)
