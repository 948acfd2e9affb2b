"""GUI entry point: logging, the Qt application, first-run wizard, login, main window."""

from __future__ import annotations

import logging
import os
import sys
from functools import partial

from PySide6.QtCore import QLocale, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from desktop_app import APP_ID, APP_NAME
from desktop_app.core.services.context import AppContext
from desktop_app.logging_setup import setup_logging
from desktop_app.paths import DataPaths

log = logging.getLogger(__name__)
qt_log = logging.getLogger("qt")

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message_handler(mode: QtMsgType, _context: object, message: str) -> None:
    qt_log.log(_QT_LEVELS.get(mode, logging.WARNING), message)


def make_qapplication(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    qapp = QApplication(argv if argv is not None else sys.argv)
    qapp.setApplicationName(APP_NAME)
    qapp.setOrganizationName("RukoParsel")
    qapp.setOrganizationDomain(APP_ID)
    qapp.setStyle("Fusion")
    QLocale.setDefault(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
    return qapp


def install_qt_translations(qapp: QApplication) -> None:
    """Qt's own dialogs (file pickers, buttons) in Indonesian where Qt ships a translation."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_id", "qt_id"):
        translator = QTranslator(qapp)
        if translator.load(name, path):
            qapp.installTranslator(translator)


def run_gui(paths: DataPaths, database_url: str | None = None) -> int:
    paths.ensure()
    log_file = setup_logging(paths.logs)
    qInstallMessageHandler(_qt_message_handler)
    qapp = make_qapplication()
    install_qt_translations(qapp)
    from desktop_app.core.gui import messages

    messages.install_excepthook()
    log.info("Starting %s, data in %s, log %s", APP_NAME, paths.data_dir, log_file)
    try:
        from desktop_app.core.services.bootstrap import open_app

        app = open_app(paths, database_url)
    except Exception as exc:
        log.exception("Could not open the database")
        QMessageBox.critical(
            None, "Basis data tidak dapat dibuka",
            f"Basis data tidak dapat dibuka:\n{exc}\n\nLihat log di {log_file}.",
        )
        return 1
    return run_session_loop(qapp, app)


def run_session_loop(qapp: QApplication, app: AppContext) -> int:
    """First run → wizard; then login → main window, again after 'Keluar dari akun'."""
    from desktop_app.app.main_window import MainWindow
    from desktop_app.core.gui.login import LoginDialog
    from desktop_app.core.services import auth, office

    if auth.user_count(app) == 0:
        from desktop_app.core.gui.first_run import FirstRunWizard

        if FirstRunWizard(app).exec() != QDialog.DialogCode.Accepted:
            return 0
    autologin = os.environ.get("RUKO_AUTOLOGIN", "")
    while True:
        profile = office.get_profile(app)
        office_name = profile.name if profile else ""
        if autologin:
            # For screenshots and benchmarks only: RUKO_AUTOLOGIN="user:password".
            username, _, password = autologin.partition(":")
            autologin = ""
            actor = auth.login(app, username, password)
        else:
            dialog = LoginDialog(app, office_name)
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.actor is None:
                return 0
            actor = dialog.actor
        if auth.needs_password_change(app, actor):
            from desktop_app.core.gui import messages
            from desktop_app.core.gui.change_password import ChangePasswordDialog

            messages.info(None, "Kata sandi Anda baru diatur ulang oleh admin. "
                                "Ganti dengan kata sandi pilihan Anda sendiri.")
            if ChangePasswordDialog(app, actor).exec() != QDialog.DialogCode.Accepted:
                continue
        window = MainWindow(app, actor, office_name)
        wants_logout = {"value": False}
        window.logout_requested.connect(partial(wants_logout.update, value=True))
        window.show()
        qapp.exec()
        if not wants_logout["value"]:
            return 0
