"""The banner a form shows when its save was refused because another desk changed the record.

Everything typed stays in the form; the banner says who changed what (RecordChangedError's
message) and offers «Muat ulang» (load the stored record and its new version, then re-apply
what you typed) or «Tetap di formulir» (keep the typed values on screen, e.g. to copy them).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.errors import AppError, RecordChangedError
from desktop_app.core.gui import messages


class ConflictBanner(QFrame):
    reload_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *,
                 keep_text: str = "Tetap di formulir") -> None:
        """``keep_text``: the button that only closes the message ("Tutup pesan" on a list
        screen, where nothing was typed)."""
        super().__init__(parent)
        self.setObjectName("conflictBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#conflictBanner { background: #fff4e5; border: 1px solid #e0a040; }")
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.reload_button = QPushButton("Muat ulang")
        self.reload_button.setToolTip("Muat data terbaru yang tersimpan; isian Anda diganti.")
        self.keep_button = QPushButton(keep_text)
        self.keep_button.setToolTip("Tutup pesan ini; isian Anda tetap di formulir."
                                    if keep_text == "Tetap di formulir" else "Tutup pesan ini.")
        self.reload_button.clicked.connect(self._reload)
        self.keep_button.clicked.connect(self.hide)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.reload_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.hide()

    def show_conflict(self, exc: RecordChangedError) -> None:
        self.title.setText(exc.title)
        self.text.setText(exc.message)
        self.show()
        self._make_room()
        self.reload_button.setFocus()

    def show_refusal(self, exc: AppError,
                     otherwise: Callable[[AppError], object] | None = None) -> None:
        """An ``Op``'s failure handler: a conflict on this banner, any other refusal through
        ``otherwise`` (e.g. the form's field errors) or as the usual message box."""
        if isinstance(exc, RecordChangedError):
            self.show_conflict(exc)
        elif otherwise is not None:
            otherwise(exc)
        else:
            messages.show_error(self.window(), exc)

    def _make_room(self) -> None:
        """A small dialog grows to show the whole message (within its screen); a window that
        is tall enough already keeps its size."""
        window = self.window()
        if not isinstance(window, QDialog):
            return
        layout = window.layout()
        if layout is not None:
            layout.activate()
        wanted = window.sizeHint().height()
        if layout is not None and layout.hasHeightForWidth():
            wanted = max(wanted, layout.totalHeightForWidth(window.width()))
        screen = window.screen()
        if screen is not None:
            wanted = min(wanted, screen.availableGeometry().height() - 48)
        if window.height() < wanted:
            window.resize(window.width(), wanted)

    def _reload(self) -> None:
        self.hide()
        self.reload_requested.emit()
