"""Small RUKO PARSEL dialogs and helpers shared by the meeting editor and the pages:
people, problems, follow-up actions and their progress. Widgets hold plain data only."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, QTime
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop_app.core.domain import clock
from desktop_app.core.domain.errors import AppError, RecordChangedError, ValidationError
from desktop_app.core.domain.formatting import format_cell
from desktop_app.core.gui import messages
from desktop_app.core.gui.conflict import ConflictBanner
from desktop_app.core.gui.fields import DiscardGuard, FieldErrors, OneTabDateEdit
from desktop_app.core.gui.operations import ACTIONS, MEETINGS, Op, notify
from desktop_app.core.services import office, regions
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.meetings.domain import ActionStatus, Gender, OwnerKind, ProblemStatus
from desktop_app.meetings.services import actions, attendance, dto, problems, reference

OVERDUE_COLOR = QColor("#FDE2E1")
DONE_COLOR = QColor("#E3F4E1")


def qdate(d: date | None) -> QDate:
    d = d or clock.today()
    return QDate(d.year, d.month, d.day)


def pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def qtime(t: time | None, default: time = time(9, 0)) -> QTime:
    t = t or default
    return QTime(t.hour, t.minute)


def pytime(q: QTime) -> time:
    return time(q.hour(), q.minute())


def date_edit(d: date | None = None) -> QDateEdit:
    return OneTabDateEdit(qdate(d))


def choose(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)


def desa_combo(app: AppContext, first: str = "— tanpa desa —",
               preferred: list[tuple[str, str]] | None = None) -> QComboBox:
    """Desa/kelurahan of the home kecamatan; the meeting's own desa first when given."""
    combo = QComboBox()
    combo.addItem(first, None)
    seen = set()
    for code, name in preferred or []:
        combo.addItem(f"{name} (desa rapat)", code)
        seen.add(code)
    for d in regions.list_desa(app, None):
        if d.code not in seen:
            combo.addItem(d.label, d.code)
    return combo


def set_table(table: QTableWidget, headers: list[str], rows: list[list[object]],
              data: list[object] | None = None,
              colors: list[QColor | None] | None = None) -> None:
    """Fill a read-only QTableWidget; ``data`` is kept per row (UserRole on column 0)."""
    from PySide6.QtCore import Qt

    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem(format_cell(value))
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if colors and colors[r] is not None:
                item.setBackground(colors[r])
            if c == 0 and data is not None:
                item.setData(Qt.ItemDataRole.UserRole, data[r])
            table.setItem(r, c, item)


def row_data(table: QTableWidget) -> object | None:
    from PySide6.QtCore import Qt

    row = table.currentRow()
    item = table.item(row, 0) if row >= 0 else None
    return item.data(Qt.ItemDataRole.UserRole) if item is not None else None


class FormDialog(DiscardGuard, QDialog):
    """A form with Simpan/Batal and errors next to the fields; ``submit`` does the work and
    may raise AppError (the dialog stays open with the input kept). It runs as an ``Op`` that
    announces ``changes``, so every open screen showing them refreshes itself."""

    changes: frozenset[str] = frozenset({MEETINGS})

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.form = QFormLayout(self)
        self.errors = FieldErrors()
        # Refused because another desk changed the record: the typed values stay; «Muat
        # ulang» closes the dialog and refreshes the screens behind (open it again there).
        self.conflict = ConflictBanner(self)
        self.conflict.reload_requested.connect(self._reload_elsewhere)
        self.form.addRow(self.conflict)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.save_button.setText("&Simpan")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("&Batal")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.form.addRow(self.errors.general)
        self.form.addRow(self.buttons)

    def submit(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def _reload_elsewhere(self) -> None:
        notify(self.changes)
        self.reject()

    def _refused(self, exc: AppError) -> None:
        if isinstance(exc, RecordChangedError):
            self.conflict.show_conflict(exc)
        elif isinstance(exc, ValidationError):
            self.errors.show(exc.field_errors, exc.message)
        else:
            messages.show_error(self, exc)

    def save(self) -> None:
        self.errors.clear()
        (Op(self, self.submit, changes=self.changes).failure(self._refused)
         .success(lambda _result: self.accept()).run())


class AttendeeDialog(FormDialog):
    def __init__(self, app: AppContext, actor: Actor, meeting_id: int,
                 attendee: dto.AttendeeInfo | None = None, parent: QWidget | None = None,
                 desa: list[tuple[str, str]] | None = None) -> None:
        super().__init__("Ubah peserta" if attendee else "Tambah peserta", parent)
        self.app, self.actor, self.meeting_id, self.attendee = app, actor, meeting_id, attendee
        self.name = QLineEdit()
        self.position = QLineEdit()
        self.institution = QLineEdit()
        self.desa = desa_combo(app, preferred=desa)
        self.phone = QLineEdit()
        self.gender = gender_combo()
        self.present = QCheckBox("Hadir")
        self.present.setChecked(True)
        for label, key, widget in (("Nama", "name", self.name), ("Jabatan", "position",
                                                                  self.position),
                                   ("Instansi", "institution", self.institution),
                                   ("Desa/Kelurahan", "desa_code", self.desa),
                                   ("No. HP", "phone", self.phone),
                                   ("Jenis kelamin", "gender", self.gender)):
            self.errors.add_row(self.form, label, key, widget)
        self.form.addRow("", self.present)
        if attendee is not None:
            self.name.setText(attendee.name)
            self.position.setText(attendee.position)
            self.institution.setText(attendee.institution)
            choose(self.desa, attendee.desa_code)
            self.phone.setText(attendee.phone)
            choose(self.gender, attendee.gender)
            self.present.setChecked(attendee.present)
        self.finish_layout()

    def value(self) -> dto.AttendeeInput:
        return dto.AttendeeInput(self.name.text(), self.position.text(), self.institution.text(),
                                 self.desa.currentData(), self.phone.text(),
                                 self.gender.currentData(), self.present.isChecked())

    def submit(self) -> None:
        if self.attendee is None:
            attendance.add_attendee(self.app, self.actor, self.meeting_id, self.value())
        else:
            attendance.update_attendee(self.app, self.actor, self.attendee.id, self.value(),
                                       version=self.attendee.version)


def gender_combo() -> QComboBox:
    combo = QComboBox()
    combo.addItem("-", None)
    for g in Gender:
        combo.addItem(g.label, g.value)
    return combo


class ProblemDialog(FormDialog):
    def __init__(self, app: AppContext, actor: Actor, meeting_id: int,
                 desa: list[tuple[str, str]], problem: dto.ProblemInfo | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("Ubah masalah" if problem else "Tambah masalah", parent)
        self.app, self.actor, self.meeting_id, self.problem = app, actor, meeting_id, problem
        self.desa = desa_combo(app, preferred=desa)
        if len(desa) == 1:
            choose(self.desa, desa[0][0])
        self.topic = QComboBox()
        for t in reference.list_topics(app):
            self.topic.addItem(t.label, t.code)
        self.description = QPlainTextEdit()
        self.answer = QPlainTextEdit()
        for edit in (self.description, self.answer):
            edit.setMinimumHeight(90)
        self.status = QComboBox()
        for s in ProblemStatus:
            self.status.addItem(s.label, s.value)
        self.submission = QLineEdit()
        self.submission.setPlaceholderText("Nomor KULA RAKAT, mis. ADU/2026/0007 (opsional)")
        for label, key, widget in (("Desa/Kelurahan", "desa_code", self.desa),
                                   ("Topik", "topic", self.topic),
                                   ("Permasalahan", "description", self.description),
                                   ("Tanggapan kecamatan", "answer", self.answer),
                                   ("Status", "status", self.status),
                                   ("Tautan KULA RAKAT", "submission_id", self.submission)):
            self.errors.add_row(self.form, label, key, widget)
        if problem is not None:
            choose(self.desa, problem.desa_code)
            choose(self.topic, problem.topic)
            self.description.setPlainText(problem.description)
            self.answer.setPlainText(problem.answer)
            choose(self.status, problem.status)
            self.submission.setText(problem.submission_number)
        self.finish_layout()

    def value(self) -> dto.ProblemInput:
        return dto.ProblemInput(self.topic.currentData(), self.description.toPlainText(),
                                self.desa.currentData(), self.answer.toPlainText(),
                                self.status.currentData(), None, self.submission.text())

    def submit(self) -> None:
        if self.problem is None:
            problems.add_problem(self.app, self.actor, self.meeting_id, self.value())
        else:
            problems.update_problem(self.app, self.actor, self.problem.id, self.value(),
                                    version=self.problem.version)


class ActionDialog(FormDialog):
    """A follow-up action as agreed in the meeting (what, who, desa, due date, status)."""

    changes = frozenset({MEETINGS, ACTIONS})

    def __init__(self, app: AppContext, actor: Actor, meeting_id: int,
                 desa: list[tuple[str, str]], action: dto.ActionRow | None = None,
                 problems: list[dto.ProblemInfo] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("Ubah tindak lanjut" if action else "Tambah tindak lanjut", parent)
        self.app, self.actor, self.meeting_id, self.action = app, actor, meeting_id, action
        self.what = QPlainTextEdit()
        self.what.setMinimumHeight(70)
        self.owner_kind = QComboBox()
        for k in OwnerKind:
            self.owner_kind.addItem(k.label, k.value)
        self.owner = QComboBox()
        self.owner.setEditable(True)
        for u in office.list_units(app):
            self.owner.addItem(u.name)
        for _code, name in desa:
            self.owner.addItem(f"Desa {name}")
        self.owner.setCurrentText("")
        self.desa = desa_combo(app, preferred=desa)
        if len(desa) == 1:
            choose(self.desa, desa[0][0])
        self.use_due = QCheckBox("Ada batas waktu")
        self.use_due.setChecked(True)
        self.due = date_edit(clock.today())
        self.status = QComboBox()
        for s in ActionStatus:
            self.status.addItem(s.label, s.value)
        self.problem = QComboBox()
        self.problem.addItem("— tidak terkait masalah tertentu —", None)
        for p in problems or []:
            self.problem.addItem(f"{p.position}. {p.description[:60]}", p.id)
        self.note = QLineEdit()
        for label, key, widget in (("Tindak lanjut", "what", self.what),
                                   ("Jenis penanggung jawab", "owner_kind", self.owner_kind),
                                   ("Penanggung jawab", "owner_name", self.owner),
                                   ("Desa/Kelurahan", "desa_code", self.desa),
                                   ("Batas waktu", "due_date", self.due),
                                   ("", "use_due", self.use_due),
                                   ("Status", "status", self.status),
                                   ("Masalah terkait", "problem_id", self.problem),
                                   ("Catatan penutupan", "closing_note", self.note)):
            self.errors.add_row(self.form, label, key, widget)
        self.use_due.toggled.connect(self.due.setEnabled)
        if action is not None:
            self.what.setPlainText(action.what)
            choose(self.owner_kind, action.owner_kind)
            self.owner.setCurrentText(action.owner_name)
            choose(self.desa, action.desa_code)
            self.use_due.setChecked(action.due_date is not None)
            self.due.setDate(qdate(action.due_date))
            choose(self.status, action.status)
            choose(self.problem, action.problem_id)
            self.note.setText(action.closing_note)
        self.finish_layout()

    def value(self) -> dto.ActionInput:
        return dto.ActionInput(
            self.what.toPlainText(), self.owner.currentText(), self.owner_kind.currentData(),
            self.desa.currentData(), pydate(self.due.date()) if self.use_due.isChecked()
            else None, self.status.currentData(), self.note.text(), self.problem.currentData())

    def submit(self) -> None:
        if self.action is None:
            actions.add_action(self.app, self.actor, self.meeting_id, self.value())
        else:
            actions.update_action(self.app, self.actor, self.action.id, self.value(),
                                  version=self.action.version)


class ActionUpdateDialog(FormDialog):
    """Record the progress of an action: in a meeting (``meeting_id``) or from the tracker."""

    changes = frozenset({MEETINGS, ACTIONS})

    def __init__(self, app: AppContext, actor: Actor, action: dto.ActionRow,
                 meeting_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__("Catat perkembangan tindak lanjut", parent)
        self.app, self.actor, self.action, self.meeting_id = app, actor, action, meeting_id
        info = QLabel(f"<b>{_esc(action.what)}</b><br/>Penanggung jawab: "
                      f"{_esc(action.owner_name)} · status sekarang: {action.status_label}")
        info.setWordWrap(True)
        self.form.addRow(info)
        self.status = QComboBox()
        for s in ActionStatus:
            self.status.addItem(s.label, s.value)
        choose(self.status, action.status)
        self.note = QPlainTextEdit()
        self.note.setMinimumHeight(80)
        self.errors.add_row(self.form, "Status baru", "status", self.status)
        self.errors.add_row(self.form, "Catatan", "note", self.note)
        self.finish_layout()

    def submit(self) -> None:
        actions.record_action_update(self.app, self.actor, self.action.id,
                                 self.status.currentData(), self.note.toPlainText(),
                                 meeting_id=self.meeting_id)


def _esc(text: object) -> str:
    return str(text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


esc = _esc
