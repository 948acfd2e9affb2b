"""GUI entry point: logging, the Qt application, first-run wizard, login, main window."""

from __future__ import annotations

import logging
import os
import sys
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTimer,
    QtMsgType,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from desktop_app import APP_ID, APP_NAME
from desktop_app.logging_setup import setup_logging
from desktop_app.paths import DataPaths

if TYPE_CHECKING:  # the GUI module itself loads without SQLAlchemy (see app.loading)
    from desktop_app.app.loading import AppLoader, Started
    from desktop_app.core.gui.login import LoginDialog
    from desktop_app.core.services.context import Actor

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


def install_qt_translations(qapp: QApplication) -> list[QTranslator]:
    """Qt's own dialogs and buttons (Yes/No, Batal, file and print dialogs, context menus) in
    Indonesian: our resources/translations/qtbase_id.qm (PySide6 ships none; made by
    scripts/qt_translation_id.py), then Qt's own if an installation has one."""
    from desktop_app.paths import resource_path

    installed = []
    folders = [str(resource_path("translations")),
               QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)]
    for name, folder in (("qtbase_id", folders[0]), ("qtbase_id", folders[1]),
                         ("qt_id", folders[1])):
        translator = QTranslator(qapp)
        if translator.load(name, folder) and qapp.installTranslator(translator):
            installed.append(translator)
    if not installed:
        log.warning("No Indonesian translation of Qt found in %s", folders)
    return installed


def run_gui(paths: DataPaths, database_url: str | None = None) -> int:
    """Qt first, the login window next; the database opens behind it (``app.loading``)."""
    paths.ensure()
    log_file = setup_logging(paths.logs)
    from desktop_app.app.display_check import check_or_explain

    if not check_or_explain():  # Qt would abort (exit 134) with the reason only in the log
        log.error("No display or Qt platform plugin; see the message in the terminal")
        return 2
    qInstallMessageHandler(_qt_message_handler)
    qapp = make_qapplication()
    install_qt_translations(qapp)
    from desktop_app.core.gui import messages

    messages.install_excepthook()
    log.info("Starting %s, data in %s, log %s", APP_NAME, paths.data_dir, log_file)
    from desktop_app.app.loading import AppLoader

    loader = AppLoader(paths, database_url)  # started by the session loop
    try:
        return run_session_loop(qapp, loader)
    except _CannotOpen as exc:
        QMessageBox.critical(
            None, "Basis data tidak dapat dibuka",
            f"Basis data tidak dapat dibuka:\n{exc.__cause__}\n\nLihat log di {log_file}.",
        )
        return 1
    finally:
        loader.join()


class _CannotOpen(Exception):
    """The loader failed: the session loop ends and run_gui tells the person why."""


# The login dialog's result when the opened database turns out to have no user yet.
_NEEDS_SETUP = 2
# The office name shown on the login window before the database is open (the last one seen).
_OFFICE_NAME_KEY = "login/office_name"


def run_session_loop(qapp: QApplication, loader: AppLoader) -> int:
    """First run → wizard; then login → main window, again after 'Keluar dari akun'."""
    from desktop_app.core.gui.login import LoginDialog

    started = _wait(loader) if loader.new_database else None
    autologin = os.environ.get("RUKO_AUTOLOGIN", "")
    first_window = True
    while True:
        if started is not None and started.user_count == 0:
            if not _first_run(started):
                return 0
            started = started.read(started.app)
        if autologin:
            # For screenshots and benchmarks only: RUKO_AUTOLOGIN="user:password".
            from desktop_app.core.services import auth

            started = started or _wait(loader)
            username, _, password = autologin.partition(":")
            autologin = ""
            actor = auth.login(started.app, username, password)
        else:
            office_name = started.office_name if started else _last_office_name()
            dialog = LoginDialog(started.app if started else None, office_name)
            if started is None:
                _connect_loader(loader, dialog)
                # Loading starts once the window is up: on its own thread it would compete
                # with Qt's first paint for the interpreter.
                QTimer.singleShot(0, loader.start)
            result = dialog.exec()
            logged_in = dialog.actor
            _dispose(dialog)
            if result == _NEEDS_SETUP:
                started = _wait(loader)
                continue
            if result != QDialog.DialogCode.Accepted or logged_in is None:
                return 0
            actor = logged_in
            started = _wait(loader)
        if not _password_current(started, actor):
            continue
        QSettings().setValue(_OFFICE_NAME_KEY, started.office_name)
        from desktop_app.app.main_window import MainWindow

        window = MainWindow(started.app, actor, started.office_name)
        wants_logout = {"value": False}
        window.logout_requested.connect(partial(wants_logout.update, value=True))
        window.show()
        if first_window:
            first_window = False
            window.start_daily_backup()
        qapp.exec()
        _dispose(window)
        if not wants_logout["value"]:
            return 0


def _dispose(widget: QWidget) -> None:
    """Destroy a finished window now, on the GUI thread. Left to Python's garbage collector
    (windows sit in reference cycles with their jobs), it would be destroyed by whichever
    thread happens to collect: the loader's or a worker's, which Qt does not survive."""
    widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _wait(loader: AppLoader) -> Started:
    try:
        return loader.wait()
    except Exception as exc:
        raise _CannotOpen() from exc


def _connect_loader(loader: AppLoader, dialog: LoginDialog) -> None:
    """Hand the opened database to a login window shown before it was ready."""
    from PySide6.QtCore import Qt

    def loaded(started: Started) -> None:
        if started.user_count == 0:
            dialog.done(_NEEDS_SETUP)
        else:
            dialog.set_app(started.app, started.office_name)

    kind = Qt.ConnectionType.QueuedConnection
    loader.loaded.connect(loaded, kind)
    loader.failed.connect(lambda _exc: dialog.done(_NEEDS_SETUP), kind)
    if loader.is_done():  # finished before the connection was made
        if loader.result is not None:
            loaded(loader.result)
        else:
            dialog.done(_NEEDS_SETUP)


def _first_run(started: Started) -> bool:
    from desktop_app.core.gui.first_run import FirstRunWizard

    return bool(FirstRunWizard(started.app).exec() == QDialog.DialogCode.Accepted)


def _password_current(started: Started, actor: Actor) -> bool:
    """After an admin's reset the user picks a new password first; False when they do not."""
    from desktop_app.core.services import auth

    if not auth.needs_password_change(started.app, actor):
        return True
    from desktop_app.core.gui import messages
    from desktop_app.core.gui.change_password import ChangePasswordDialog

    messages.info(None, "Kata sandi Anda baru diatur ulang oleh admin. "
                        "Ganti dengan kata sandi pilihan Anda sendiri.")
    return bool(ChangePasswordDialog(started.app, actor).exec() == QDialog.DialogCode.Accepted)


def _last_office_name() -> str:
    value = QSettings().value(_OFFICE_NAME_KEY, "")
    return value if isinstance(value, str) else ""
