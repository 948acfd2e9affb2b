"""Form helpers shared by the foundation pages and dialogs: errors next to fields, dates."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.formatting import format_number

ERROR_STYLE = "color: #b00020;"
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember"]


def _focus_target(widget: QWidget) -> QWidget:
    """``widget``, or for a row of several (radio buttons) its first that takes focus."""
    if widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
        return widget
    for child in widget.findChildren(QWidget):
        if child.focusPolicy() != Qt.FocusPolicy.NoFocus:
            return child
    return widget


class FieldErrors:
    """Each field gets a red label under it; ``show(field_errors)`` fills them, input stays."""

    def __init__(self) -> None:
        self.labels: dict[str, QLabel] = {}
        self.general = QLabel()
        self.general.setStyleSheet(ERROR_STYLE)
        self.general.setWordWrap(True)
        self.general.hide()

    def wrap(self, key: str, widget: QWidget) -> QWidget:
        """Return a widget holding ``widget`` with its (hidden) error label below."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        label = QLabel()
        label.setObjectName(f"error_{key}")
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.hide()
        layout.addWidget(label)
        self.labels[key] = label
        return box

    def add_row(self, form: QFormLayout, label: str, key: str, widget: QWidget) -> None:
        """A form row; an '&' in ``label`` (Alt+letter) moves the focus to ``widget`` itself,
        not to the box that also holds its error line (a box takes no focus)."""
        box = self.wrap(key, widget)
        form.addRow(label, box)
        text = form.labelForField(box)
        if isinstance(text, QLabel):
            text.setBuddy(_focus_target(widget))

    def clear(self) -> None:
        for label in self.labels.values():
            label.clear()
            label.hide()
        self.general.clear()
        self.general.hide()

    def show(self, field_errors: dict[str, str], message: str = "") -> None:
        self.clear()
        rest: list[str] = []
        for key, text in field_errors.items():
            label = self.labels.get(key)
            if label is None:
                rest.append(text)
                continue
            label.setText(text)
            label.show()
        if message and not field_errors:
            rest.append(message)
        if rest:
            self.general.setText("\n".join(rest))
            self.general.show()

    def text(self, key: str) -> str:
        label = self.labels.get(key)
        return label.text() if label is not None and not label.isHidden() else ""


def local_time(value: datetime | None) -> datetime | None:
    """Stored times are naive UTC; show them in the computer's local time (WITA in Balangan)."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def format_datetime(value: datetime | None, *, utc: bool = True) -> str:
    if value is None:
        return ""
    shown = local_time(value) if utc else value
    assert shown is not None
    return f"{shown.day} {MONTHS[shown.month - 1][:3]} {shown.year} {shown:%H:%M:%S}"


def format_size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{format_number(size / 1024)} KB"
    return f"{format_number(size / (1024 * 1024), 1)} MB"


INDONESIAN = QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)


class DecimalSpinBox(QDoubleSpinBox):
    """A decimal number field that shows the Indonesian comma (7,2; 1.500.000) on any PC, and
    takes "7.2" as typed too: a lone dot becomes the decimal comma unless the field shows
    thousands (where "1.500" is fifteen hundred, as Indonesians write it)."""

    def __init__(self, parent: QWidget | None = None, **properties: Any) -> None:
        super().__init__(parent)
        self.setLocale(INDONESIAN)
        for name, value in properties.items():
            getattr(self, "set" + name[0].upper() + name[1:])(value)

    def _as_comma(self, text: str) -> str:
        if self.decimals() > 0 and "," not in text and text.count(".") == 1 \
                and not self.isGroupSeparatorShown():
            return text.replace(".", ",")
        return text

    def validate(self, text: str, pos: int) -> Any:
        return super().validate(self._as_comma(text), pos)

    def valueFromText(self, text: str) -> float:
        return super().valueFromText(self._as_comma(text))


EARLIEST_DATE, LATEST_DATE = QDate(1900, 1, 1), QDate(2100, 12, 31)  # as the services allow


class OneTabDateEdit(QDateEdit):
    """The app's date field: dd/mm/yyyy with a calendar, within the years the services accept
    (1900–2100: a year typed as 9999 cannot be picked), and Tab leaves it at once (Qt's moves
    through day, month and year first); typing dd/mm/yyyy still fills the sections one after
    the other."""

    def __init__(self, value: QDate | date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd/MM/yyyy")
        self.setDateRange(EARLIEST_DATE, LATEST_DATE)
        if isinstance(value, date):
            value = QDate(value.year, value.month, value.day)
        if value is not None:
            self.setDate(value)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002 - Qt's name
        return QWidget.focusNextPrevChild(self, next)


def confirm_discard(dialog: QWidget, dirty: bool) -> bool:
    """Escape or Batal on a filled form: ask before throwing the input away."""
    from desktop_app.core.gui import messages

    return not dirty or messages.confirm(
        dialog, "Isian belum disimpan. Tutup dan buang isian ini?", "Buang isian?")


def form_state(dialog: QWidget) -> list[object]:
    """What the user can have typed or chosen in ``dialog``: the value of every input widget
    in it, in a fixed order (to compare with the state when the dialog opened)."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        QTableWidget,
        QTextEdit,
    )

    state: list[object] = []
    for w in dialog.findChildren(QWidget):
        if isinstance(w, QLineEdit) and not isinstance(w.parent(), QAbstractSpinBox | QComboBox):
            state.append(w.text())
        elif isinstance(w, QPlainTextEdit):
            state.append(w.toPlainText())
        elif isinstance(w, QTextEdit):
            state.append(w.toPlainText())
        elif isinstance(w, QComboBox):
            state.append((w.currentIndex(), w.currentText()))
        elif isinstance(w, QAbstractSpinBox):
            state.append(w.text())
        elif isinstance(w, QAbstractButton) and w.isCheckable():
            state.append(w.isChecked())
        elif isinstance(w, QTableWidget):
            state.append([[(w.item(r, c).text() if w.item(r, c) else "")
                           for c in range(w.columnCount())] for r in range(w.rowCount())])
    return state


class DiscardGuard:
    """Mixin for a QDialog in which the user types: Escape, Batal or the window's close button
    on a changed form asks before the input is thrown away. What the form showed when it first
    appeared is the baseline; ``arm_discard_guard()`` takes a new one (after a reload)."""

    _opened_state: list[object] | None = None

    def arm_discard_guard(self) -> None:
        self._opened_state = form_state(self)  # type: ignore[arg-type]

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)  # type: ignore[misc]
        if self._opened_state is None:
            self.arm_discard_guard()

    def reject(self) -> None:
        dirty = self._opened_state is not None and form_state(self) != self._opened_state  # type: ignore[arg-type]
        if not confirm_discard(self, dirty):  # type: ignore[arg-type]
            return
        super().reject()  # type: ignore[misc]
