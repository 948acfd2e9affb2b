"""The meeting editor's *Peserta/Daftar hadir* tab: people added quickly as they arrive (Enter
after each, also on the L/P box), presence ticked in the table, edit, delete, copy."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.errors import AppError, ValidationError
from desktop_app.core.domain.formatting import format_date
from desktop_app.core.gui import messages
from desktop_app.core.gui.operations import MEETINGS, Op
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.meetings.gui.common import AttendeeDialog, gender_combo, row_data
from desktop_app.meetings.gui.editor.tables import editor_table
from desktop_app.meetings.services import attendance, listing
from desktop_app.meetings.services.dto import AttendeeInfo, AttendeeInput, MeetingDetail

HEADERS = ["No", "Hadir", "Nama", "Jabatan", "Instansi/Desa", "No. HP", "L/P"]


class AttendanceTab(QWidget):
    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        self.detail: MeetingDetail | None = None
        quick = QGroupBox("Tambah cepat (peserta yang datang; Enter setelah setiap orang)")
        self.quick_name = QLineEdit(placeholderText="Nama")
        self.quick_position = QLineEdit(placeholderText="Jabatan")
        self.quick_institution = QLineEdit(placeholderText="Instansi/desa")
        self.quick_phone = QLineEdit(placeholderText="No. HP")
        self.quick_gender = gender_combo()
        self.quick_add = QPushButton("Tambah")
        self.quick_error = QLabel()
        self.quick_error.setStyleSheet("color: #b00020;")
        self.quick_error.setWordWrap(True)
        q = QHBoxLayout(quick)
        for w, stretch in ((self.quick_name, 3), (self.quick_position, 2),
                           (self.quick_institution, 2), (self.quick_phone, 2),
                           (self.quick_gender, 1), (self.quick_add, 0)):
            q.addWidget(w, stretch)
        for edit in (self.quick_name, self.quick_position, self.quick_institution,
                     self.quick_phone):
            edit.returnPressed.connect(self.quick_add_attendee)
        self.quick_gender.installEventFilter(self)
        self.quick_add.clicked.connect(lambda: self.quick_add_attendee())
        self.table = editor_table(HEADERS)
        self.table.itemChanged.connect(self._presence_changed)
        self.summary = QLabel()
        self.edit_button = QPushButton("Ubah…")
        self.delete_button = QPushButton("Hapus")
        self.copy_button = QPushButton("Salin peserta dari rapat lain…")
        self.edit_button.clicked.connect(lambda: self.edit_selected())
        self.delete_button.clicked.connect(lambda: self.delete_selected())
        self.copy_button.clicked.connect(lambda: self.copy_from_other())
        self.table.activated.connect(lambda _i: self.edit_selected())
        buttons = QHBoxLayout()
        for b in (self.edit_button, self.delete_button, self.copy_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.summary)
        v = QVBoxLayout(self)
        v.addWidget(quick)
        v.addWidget(self.quick_error)
        v.addWidget(self.table, 1)
        v.addLayout(buttons)
        self.dialog: QDialog | None = None  # the edit/copy dialog open now (for the tests)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # Enter on the L/P box adds the person, as Enter on the text fields does.
        if (obj is self.quick_gender and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.quick_add_attendee()
            return True
        return super().eventFilter(obj, event)

    def show_meeting(self, d: MeetingDetail) -> None:
        self.detail = d
        table = self.table
        table.blockSignals(True)
        table.setRowCount(len(d.attendees))
        for r, a in enumerate(d.attendees):
            values = [str(r + 1), "", a.name, a.position, a.group, a.phone, a.gender or ""]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                flags = item.flags() & ~Qt.ItemFlag.ItemIsEditable
                if c == 1:
                    flags |= Qt.ItemFlag.ItemIsUserCheckable
                    item.setCheckState(Qt.CheckState.Checked if a.present
                                       else Qt.CheckState.Unchecked)
                if c == 0:
                    item.setData(Qt.ItemDataRole.UserRole, a)
                item.setFlags(flags)
                table.setItem(r, c, item)
        table.resizeColumnsToContents()
        table.blockSignals(False)
        count = d.attendance
        self.summary.setText(f"Terdaftar {count.invited} · hadir {count.present} "
                             f"({count.male} L, {count.female} P)")

    def set_state(self, *, editable: bool) -> None:
        for w in (self.quick_name, self.quick_position, self.quick_institution,
                  self.quick_phone, self.quick_gender, self.quick_add, self.edit_button,
                  self.delete_button, self.copy_button):
            w.setEnabled(editable)

    # ---- Actions -----------------------------------------------------------------------------
    def quick_add_attendee(self) -> None:
        if self.detail is None:
            return
        mid = self.detail.id
        data = AttendeeInput(self.quick_name.text(), self.quick_position.text(),
                             self.quick_institution.text(), None, self.quick_phone.text(),
                             self.quick_gender.currentData(), True)

        def refused(exc: AppError) -> None:
            if isinstance(exc, ValidationError):
                self.quick_error.setText(" ".join(exc.field_errors.values()) or exc.message)
            else:
                messages.show_error(self, exc)

        def added(_id: int) -> None:
            self.quick_error.clear()
            for edit in (self.quick_name, self.quick_position, self.quick_phone):
                edit.clear()
            self.quick_name.setFocus()  # institution and gender stay for the next of the group

        Op(self, lambda: attendance.add_attendee(self.app, self.actor, mid, data),
           changes={MEETINGS}).failure(refused).success(added).run()

    def _presence_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != 1:
            return
        first = self.table.item(item.row(), 0)
        info = first.data(Qt.ItemDataRole.UserRole) if first is not None else None
        present = item.checkState() == Qt.CheckState.Checked
        if info is None or info.present == present:
            return
        Op(self, lambda: attendance.set_present(self.app, self.actor, info.id, present),
           changes={MEETINGS}).run()

    def _selected(self) -> AttendeeInfo | None:
        info = row_data(self.table)
        if info is None:
            messages.info(self, "Pilih satu peserta terlebih dahulu.")
        return info  # type: ignore[return-value]

    def edit_selected(self) -> None:
        info = self._selected()
        if info is None or self.detail is None:
            return
        self.dialog = AttendeeDialog(self.app, self.actor, self.detail.id, info, self,
                                     desa=self.detail.desa)
        self.dialog.open()

    def delete_selected(self) -> None:
        info = self._selected()
        if info is not None and messages.confirm(self, f"Hapus peserta {info.name}?"):
            Op(self, lambda: attendance.delete_attendee(self.app, self.actor, info.id),
               changes={MEETINGS}).run()

    def copy_from_other(self) -> None:
        if self.detail is None:
            return
        mid = self.detail.id
        dialog = PickMeetingDialog(self.app, self.actor, mid, self)
        self.dialog = dialog

        def chosen() -> None:
            source = dialog.combo.currentData()
            if source is None:
                return
            Op(self, lambda: attendance.copy_attendees(self.app, self.actor, mid, source),
               changes={MEETINGS}).success(lambda n: messages.info(
                   self, f"{n} peserta disalin; tandai yang hadir.")).run()

        dialog.accepted.connect(chosen)
        dialog.open()


class PickMeetingDialog(QDialog):
    """Choose an earlier meeting (to copy its attendees)."""

    def __init__(self, app: AppContext, actor: Actor, exclude_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Salin peserta dari rapat lain")
        self.combo = QComboBox()
        for row in listing.list_meetings(app, actor, limit=300):
            if row.id != exclude_id:
                self.combo.addItem(f"{format_date(row.held_on)} · {row.title} "
                                   f"({row.present} hadir)", row.id)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Salin")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Batal")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        v = QVBoxLayout(self)
        v.addWidget(QLabel("Rapat sumber daftar peserta:"))
        v.addWidget(self.combo)
        v.addWidget(buttons)
