"""One place that shows errors and questions, in Indonesian; tests can switch pop-ups off."""

from __future__ import annotations

import logging
import traceback

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop_app.core.domain.errors import AppError

log = logging.getLogger(__name__)

# Tests set this to a list to collect (title, text) instead of showing modal boxes.
captured: list[tuple[str, str]] | None = None
# Tests set this to a list: every unexpected (non-AppError) error shown to the user is added,
# so a test fails on a bug even when the dialog itself is switched off.
unexpected: list[BaseException] | None = None
# Tests may preset answers to confirm(): popped from the front; True when empty.
confirm_answers: list[bool] = []


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
         details: str = "") -> None:
    if captured is not None:
        captured.append((title, text))
        return
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.exec()


def info(parent: QWidget | None, text: str, title: str = "Informasi") -> None:
    _box(parent, QMessageBox.Icon.Information, title, text)


def warn(parent: QWidget | None, text: str, title: str = "Perhatian") -> None:
    _box(parent, QMessageBox.Icon.Warning, title, text)


def confirm(parent: QWidget | None, text: str, title: str = "Konfirmasi") -> bool:
    if captured is not None:
        captured.append((title, text))
        return confirm_answers.pop(0) if confirm_answers else True
    answer = QMessageBox.question(parent, title, text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


# Tests may preset answers to ask_text(): popped from the front; None means "Batal".
text_answers: list[str | None] = []


def ask_text(parent: QWidget | None, title: str, label: str, default: str = "") -> str | None:
    """One line of text from the user, or None when cancelled."""
    if captured is not None:
        captured.append((title, label))
        return text_answers.pop(0) if text_answers else default
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    text, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, default)
    return text if ok else None


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Expected errors show their Indonesian message; anything else is logged as a bug."""
    if isinstance(exc, AppError):
        _box(parent, QMessageBox.Icon.Warning, exc.title, exc.message)
        return
    if unexpected is not None:
        unexpected.append(exc)
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    log.error("Unexpected error:\n%s", details)
    _box(parent, QMessageBox.Icon.Critical, "Kesalahan tak terduga",
         "Terjadi kesalahan yang tidak terduga. Data yang sudah tersimpan tetap aman.\n"
         "Salin rincian di bawah dan kirimkan ke pengelola aplikasi.", details)


def install_excepthook() -> None:
    import sys

    def _hook(exc_type, exc, tb):  # type: ignore[no-untyped-def]
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        exc.__traceback__ = tb
        parent = QApplication.activeWindow()
        show_error(parent, exc)

    sys.excepthook = _hook
