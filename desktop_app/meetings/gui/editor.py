"""The meeting editor: one dialog with tabs for the meeting's data, agenda, attendance,
problems, agreements, follow-up actions and addenda; printing and finalising."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain import clock
from desktop_app.core.domain.errors import AppError, ValidationError
from desktop_app.core.domain.formatting import format_date, format_date_long
from desktop_app.core.domain.roles import Permission
from desktop_app.core.gui import messages, pdf
from desktop_app.core.gui.fields import FieldErrors, format_datetime
from desktop_app.core.gui.worker import run_job
from desktop_app.core.services import office, regions
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.meetings.domain import DEFAULT_PLACE, InviteeKind
from desktop_app.meetings.gui.common import (
    DONE_COLOR,
    OVERDUE_COLOR,
    ActionDialog,
    ActionUpdateDialog,
    AttendeeDialog,
    ProblemDialog,
    choose,
    date_edit,
    gender_combo,
    pydate,
    pytime,
    qdate,
    qtime,
    row_data,
    set_table,
)
from desktop_app.meetings.services import (
    actions,
    attendance,
    dto,
    follow_up,
    listing,
    minutes,
    photos,
    printing,
    problems,
    reading,
    reference,
)

TABS = ["Data rapat", "Agenda", "Peserta/Daftar hadir", "Masalah", "Kesepakatan",
        "Tindak lanjut", "Addendum"]

COLUMN_WIDTHS = {"No": 40, "Desa": 110, "Topik": 190, "Permasalahan": 300, "Tanggapan": 260,
                 "Tindak lanjut": 330, "Penanggung jawab": 190, "Batas waktu": 130,
                 "Rapat asal": 240, "Status": 120}


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(True)
    return table


class OrderedTextEditor(QWidget):
    """An ordered list of items (agenda or agreements): a list on the left, the selected
    item's title and text on the right, with add / delete / move buttons and one Save."""

    def __init__(self, with_title: bool, body_label: str, on_save: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.with_title = with_title
        self.items: list[list[str]] = []  # [title, body]
        self.list = QListWidget()
        self.title = QLineEdit()
        self.body = QPlainTextEdit()
        self.add_button = QPushButton("Tambah")
        self.delete_button = QPushButton("Hapus")
        self.up_button = QPushButton("Naik")
        self.down_button = QPushButton("Turun")
        self.save_button = QPushButton("Simpan")
        self.save_button.setDefault(False)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        row = QHBoxLayout()
        for b in (self.add_button, self.delete_button, self.up_button, self.down_button):
            row.addWidget(b)
        left.addLayout(row)
        right = QFormLayout()
        if with_title:
            right.addRow("Judul acara", self.title)
        right.addRow(body_label, self.body)
        right.addRow("", self.save_button)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addLayout(right, 3)
        self._loading = False
        self.list.currentRowChanged.connect(self._show)
        self.title.textEdited.connect(self._edited)
        self.body.textChanged.connect(self._edited)
        self.add_button.clicked.connect(lambda: self.add())
        self.delete_button.clicked.connect(self.delete)
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.save_button.clicked.connect(on_save)

    def set_items(self, items: list[tuple[str, str]]) -> None:
        self.items = [[t, b] for t, b in items]
        self._refresh(0 if self.items else -1)

    def _label(self, i: int) -> str:
        title, body = self.items[i]
        text = title if self.with_title else body
        text = " ".join(text.split())
        return f"{i + 1}. {text[:90]}{'…' if len(text) > 90 else ''}"

    def _refresh(self, select: int) -> None:
        self._loading = True
        self.list.clear()
        for i in range(len(self.items)):
            self.list.addItem(self._label(i))
        self._loading = False
        self.list.setCurrentRow(select)
        self._show(select)

    def _show(self, row: int) -> None:
        self._loading = True
        valid = 0 <= row < len(self.items)
        self.title.setText(self.items[row][0] if valid else "")
        self.body.setPlainText(self.items[row][1] if valid else "")
        self.title.setEnabled(valid and self.isEnabled())
        self.body.setEnabled(valid and self.isEnabled())
        self._loading = False

    def _edited(self, *_: Any) -> None:
        row = self.list.currentRow()
        if self._loading or not 0 <= row < len(self.items):
            return
        self.items[row] = [self.title.text(), self.body.toPlainText()]
        item = self.list.item(row)
        if item is not None:
            item.setText(self._label(row))

    def add(self, title: str = "", body: str = "") -> None:
        self.items.append([title, body])
        self._refresh(len(self.items) - 1)
        (self.title if self.with_title else self.body).setFocus()

    def delete(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.items):
            del self.items[row]
            self._refresh(min(row, len(self.items) - 1))

    def move(self, step: int) -> None:
        row = self.list.currentRow()
        other = row + step
        if 0 <= row < len(self.items) and 0 <= other < len(self.items):
            self.items[row], self.items[other] = self.items[other], self.items[row]
            self._refresh(other)


class MeetingEditorDialog(QDialog):
    def __init__(self, app: AppContext, actor: Actor, meeting_id: int | None = None,
                 parent: QWidget | None = None, *, initial_tab: int = 0,
                 template: dto.MeetingInput | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor, self.meeting_id = app, actor, meeting_id
        self.detail: dto.MeetingDetail | None = None
        self.changed = False
        self._job: Any = None
        self.setWindowTitle("Rapat Koordinasi")
        self._fit_to_screen()
        self.can_edit = actor.can(Permission.MEETING_EDIT)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)  # a long "FINAL" line must not widen the dialog
        self.status_label.setMinimumWidth(120)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_data_tab(), TABS[0])
        self.tabs.addTab(self._build_agenda_tab(), TABS[1])
        self.tabs.addTab(self._build_attendance_tab(), TABS[2])
        self.tabs.addTab(self._build_problem_tab(), TABS[3])
        self.tabs.addTab(self._build_agreement_tab(), TABS[4])
        self.tabs.addTab(self._build_action_tab(), TABS[5])
        self.tabs.addTab(self._build_addendum_tab(), TABS[6])

        self.invitation_button = QPushButton("Cetak Undangan")
        menu = QMenu(self.invitation_button)
        menu.addAction("Satu surat (tujuan dalam surat/daftar terlampir)",
                       lambda: self.print_invitation(False))
        menu.addAction("Satu surat untuk setiap tujuan", lambda: self.print_invitation(True))
        self.invitation_button.setMenu(menu)
        self.attendance_button = QPushButton("Cetak Daftar Hadir")
        self.notulen_button = QPushButton("Cetak Notulen")
        self.finalize_button = QPushButton("Finalisasi")
        self.close_button = QPushButton("Tutup")
        self.attendance_button.clicked.connect(self.print_attendance)
        self.notulen_button.clicked.connect(self.print_notulen)
        self.finalize_button.clicked.connect(self.finalize)
        self.close_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        for b in (self.invitation_button, self.attendance_button, self.notulen_button,
                  self.finalize_button, self.close_button):
            bottom.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        if meeting_id is None:
            self._fill_data(template)
        self.reload()
        self.tabs.setCurrentIndex(initial_tab)
        self._saved_input = self.data_input()
        self.quick_gender.installEventFilter(self)
        (self.title if initial_tab == 0 else self.tabs).setFocus()

    def _fit_to_screen(self) -> None:
        """1100 × 760 where there is room; within the screen at 1024 × 768 (the tabs scroll)."""
        screen = (self.parentWidget().screen() if self.parentWidget() is not None
                  else QGuiApplication.primaryScreen())
        room = screen.availableGeometry() if screen is not None else None
        width, height = 1100, 760
        if room is not None:
            width, height = min(width, room.width() - 24), min(height, room.height() - 48)
        self.resize(width, height)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.matches(QKeySequence.StandardKey.Save):
            self.save_current_tab()
            return
        super().keyPressEvent(event)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # Enter on the L/P box adds the person, as Enter on the other quick-add fields does.
        if (obj is self.quick_gender and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):  # type: ignore
            self.quick_add_attendee()
            return True
        return super().eventFilter(obj, event)

    def save_current_tab(self) -> None:
        """Ctrl+S: save what the current tab edits."""
        tab = self.tabs.currentIndex()
        if tab == 0 and self.save_data_button.isEnabled():
            self.save_data()
        elif tab == 1 and self.agenda.isEnabled():
            self.save_agenda()
        elif tab == 4 and self.agreements.isEnabled():
            self.save_agreements()

    def _unsaved(self) -> bool:
        if not (self.can_edit and self.save_data_button.isEnabled()):
            return False
        if self.data_input() != self._saved_input:
            return True
        d = self.detail
        if d is None:
            return False
        agenda = [(a.title, a.discussion) for a in d.agenda]
        return ([tuple(i) for i in self.agenda.items] != agenda
                or [b for _t, b in self.agreements.items] != [a.text for a in d.agreements])

    def reject(self) -> None:
        """Escape / Tutup: typed changes are not thrown away without asking."""
        if self._unsaved() and not messages.confirm(
                self, "Ada perubahan yang belum disimpan. Tutup tanpa menyimpan?"):
            return
        super().reject()

    # ---- Building ----------------------------------------------------------------------------
    def _build_data_tab(self) -> QWidget:
        self.errors = FieldErrors()
        self.kind = QComboBox()
        for k in reference.list_kinds(self.app):
            self.kind.addItem(k.label, k.code)
        self.title = QLineEdit()
        self.held_on = date_edit()
        self.start_time = QTimeEdit(qtime(time(9, 0)))
        self.end_time = QTimeEdit(qtime(time(12, 0)))
        self.closing_set = QCheckBox("Jam penutupan")
        self.closing_time = QTimeEdit(qtime(time(12, 0)))
        for t in (self.start_time, self.end_time, self.closing_time):
            t.setDisplayFormat("HH.mm")
        self.closing_time.setEnabled(False)
        self.closing_set.toggled.connect(self.closing_time.setEnabled)
        self.place = QLineEdit(DEFAULT_PLACE)
        self.chair_name, self.chair_position, self.chair_nip = QLineEdit(), QLineEdit(), \
            QLineEdit()
        self.taker_name, self.taker_position, self.taker_nip = QLineEdit(), QLineEdit(), \
            QLineEdit()
        self.letter_number = QLineEdit()
        self.letter_seq = QSpinBox()
        self.letter_seq.setRange(1, 99999)
        self.letter_button = QPushButton("Buat nomor dari pola kantor")
        self.letter_button.clicked.connect(self._make_letter_number)
        self.letter_date = date_edit()
        self.letter_nature = QLineEdit("Biasa")
        self.letter_attachment = QLineEdit("-")
        self.desa_list = QListWidget()
        self.desa_list.setMaximumHeight(130)
        for d in regions.list_desa(self.app, None):
            item = QListWidgetItem(d.label)
            item.setData(Qt.ItemDataRole.UserRole, d.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.desa_list.addItem(item)
        self.invitees = QPlainTextEdit()
        self.invitees.setPlaceholderText("Satu tujuan per baris, mis. Kepala Desa Inan")
        self.invitees.setMaximumHeight(110)
        self.invitees_from_desa = QPushButton("Isi dari desa terpilih")
        self.invitees_from_desa.clicked.connect(self._invitees_from_desa)
        self.discussion = QPlainTextEdit()
        self.discussion.setPlaceholderText("Pembukaan dan catatan umum jalannya rapat")
        self.discussion.setMaximumHeight(110)
        self.save_data_button = QPushButton("Simpan data rapat")
        self.save_data_button.clicked.connect(self.save_data)

        times = QHBoxLayout()
        for w in (QLabel("Mulai"), self.start_time, QLabel("Selesai"), self.end_time,
                  self.closing_set, self.closing_time):
            times.addWidget(w)
        times.addStretch(1)
        times.setContentsMargins(0, 0, 0, 0)
        times_box = QWidget()
        times_box.setLayout(times)
        letter = QHBoxLayout()
        for w in (self.letter_number, QLabel("No. urut"), self.letter_seq, self.letter_button):
            letter.addWidget(w)
        letter.setContentsMargins(0, 0, 0, 0)
        letter_box = QWidget()
        letter_box.setLayout(letter)
        letter_meta = QHBoxLayout()
        for w in (QLabel("Tanggal"), self.letter_date, QLabel("Sifat"), self.letter_nature,
                  QLabel("Lampiran"), self.letter_attachment):
            letter_meta.addWidget(w)
        letter_meta.setContentsMargins(0, 0, 0, 0)
        letter_meta_box = QWidget()
        letter_meta_box.setLayout(letter_meta)

        form = QFormLayout()
        self.errors.add_row(form, "Jenis rapat", "kind", self.kind)
        self.errors.add_row(form, "Judul/acara", "title", self.title)
        self.errors.add_row(form, "Tanggal", "held_on", self.held_on)
        self.errors.add_row(form, "Waktu", "end_time", times_box)
        self.errors.add_row(form, "Tempat", "place", self.place)
        self.errors.add_row(form, "Pimpinan rapat", "chair_name", self.chair_name)
        self.errors.add_row(form, "Jabatan pimpinan", "chair_position", self.chair_position)
        self.errors.add_row(form, "NIP pimpinan", "chair_nip", self.chair_nip)
        self.errors.add_row(form, "Notulis", "minute_taker_name", self.taker_name)
        self.errors.add_row(form, "Jabatan notulis", "minute_taker_position",
                            self.taker_position)
        self.errors.add_row(form, "NIP notulis", "minute_taker_nip", self.taker_nip)
        self.errors.add_row(form, "Desa/Kelurahan", "desa_codes", self.desa_list)
        invitees_box = QWidget()
        inv = QVBoxLayout(invitees_box)
        inv.setContentsMargins(0, 0, 0, 0)
        inv.addWidget(self.invitees)
        inv.addWidget(self.invitees_from_desa, 0, Qt.AlignmentFlag.AlignLeft)
        form.addRow("Undangan (Yth.)", invitees_box)
        self.errors.add_row(form, "Nomor surat undangan", "letter_number", letter_box)
        form.addRow("", letter_meta_box)
        form.addRow("Pembukaan/catatan umum", self.discussion)
        form.addRow(self.errors.general)
        form.addRow("", self.save_data_button)

        photos = QGroupBox("Foto dokumentasi (dicetak di halaman terakhir notulen)")
        self.photo_list = QListWidget()
        self.photo_list.setMaximumHeight(80)
        self.photo_caption = QLineEdit()
        self.photo_caption.setPlaceholderText("Keterangan foto")
        self.photo_add = QPushButton("Tambah foto…")
        self.photo_delete = QPushButton("Hapus foto")
        self.photo_add.clicked.connect(self.add_photo)
        self.photo_delete.clicked.connect(self.delete_photo)
        pl = QHBoxLayout(photos)
        pl.addWidget(self.photo_list, 2)
        pcol = QVBoxLayout()
        pcol.addWidget(self.photo_caption)
        pcol.addWidget(self.photo_add)
        pcol.addWidget(self.photo_delete)
        pl.addLayout(pcol, 1)

        inner = QWidget()
        v = QVBoxLayout(inner)
        v.addLayout(form)
        v.addWidget(photos)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        return scroll

    def _build_agenda_tab(self) -> QWidget:
        self.agenda = OrderedTextEditor(True, "Pembahasan", self.save_agenda)
        return self.agenda

    def _build_attendance_tab(self) -> QWidget:
        page = QWidget()
        quick = QGroupBox("Tambah cepat (peserta yang datang)")
        self.quick_name = QLineEdit()
        self.quick_name.setPlaceholderText("Nama")
        self.quick_position = QLineEdit()
        self.quick_position.setPlaceholderText("Jabatan")
        self.quick_institution = QLineEdit()
        self.quick_institution.setPlaceholderText("Instansi/desa")
        self.quick_phone = QLineEdit()
        self.quick_phone.setPlaceholderText("No. HP")
        self.quick_gender = gender_combo()
        self.quick_add = QPushButton("Tambah")
        self.quick_error = QLabel(styleSheet="color: #b00020;")
        q = QHBoxLayout(quick)
        for w, stretch in ((self.quick_name, 3), (self.quick_position, 2),
                           (self.quick_institution, 2), (self.quick_phone, 2),
                           (self.quick_gender, 1), (self.quick_add, 0)):
            q.addWidget(w, stretch)
        for edit in (self.quick_name, self.quick_position, self.quick_institution,
                     self.quick_phone):
            edit.returnPressed.connect(self.quick_add_attendee)
        self.quick_add.clicked.connect(self.quick_add_attendee)
        self.attendee_table = _table(["No", "Hadir", "Nama", "Jabatan", "Instansi/Desa",
                                      "No. HP", "L/P"])
        self.attendee_table.itemChanged.connect(self._presence_changed)
        self.attendance_summary = QLabel()
        self.attendee_edit = QPushButton("Ubah…")
        self.attendee_delete = QPushButton("Hapus")
        self.attendee_copy = QPushButton("Salin peserta dari rapat lain…")
        self.attendee_edit.clicked.connect(self.edit_attendee)
        self.attendee_delete.clicked.connect(self.delete_attendee)
        self.attendee_copy.clicked.connect(lambda: self.copy_attendees())
        buttons = QHBoxLayout()
        for b in (self.attendee_edit, self.attendee_delete, self.attendee_copy):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.attendance_summary)
        v = QVBoxLayout(page)
        v.addWidget(quick)
        v.addWidget(self.quick_error)
        v.addWidget(self.attendee_table, 1)
        v.addLayout(buttons)
        return page

    def _build_problem_tab(self) -> QWidget:
        page = QWidget()
        self.problem_table = _table(["No", "Desa", "Topik", "Permasalahan", "Tanggapan",
                                     "Status"])
        self.problem_add = QPushButton("Tambah…")
        self.problem_edit = QPushButton("Ubah…")
        self.problem_delete = QPushButton("Hapus")
        self.problem_action = QPushButton("Buat tindak lanjut…")
        self.problem_add.clicked.connect(self.add_problem)
        self.problem_edit.clicked.connect(self.edit_problem)
        self.problem_delete.clicked.connect(self.delete_problem)
        self.problem_action.clicked.connect(self.action_from_problem)
        self.problem_table.doubleClicked.connect(lambda _i: self.edit_problem())
        buttons = QHBoxLayout()
        for b in (self.problem_add, self.problem_edit, self.problem_delete,
                  self.problem_action):
            buttons.addWidget(b)
        buttons.addStretch(1)
        v = QVBoxLayout(page)
        v.addWidget(self.problem_table, 1)
        v.addLayout(buttons)
        return page

    def _build_agreement_tab(self) -> QWidget:
        self.agreements = OrderedTextEditor(False, "Bunyi kesepakatan", self.save_agreements)
        return self.agreements

    def _build_action_tab(self) -> QWidget:
        page = QWidget()
        own = QGroupBox("Tindak lanjut yang disepakati pada rapat ini")
        self.action_table = _table(["No", "Tindak lanjut", "Penanggung jawab", "Desa",
                                    "Batas waktu", "Status"])
        self.action_add = QPushButton("Tambah…")
        self.action_edit = QPushButton("Ubah…")
        self.action_delete = QPushButton("Hapus")
        self.action_add.clicked.connect(lambda: self.add_action())
        self.action_edit.clicked.connect(self.edit_action)
        self.action_delete.clicked.connect(self.delete_action)
        self.action_table.doubleClicked.connect(lambda _i: self.edit_action())
        ob = QHBoxLayout()
        for b in (self.action_add, self.action_edit, self.action_delete):
            ob.addWidget(b)
        ob.addStretch(1)
        ov = QVBoxLayout(own)
        ov.addWidget(self.action_table, 1)
        ov.addLayout(ob)
        carried = QGroupBox("Tindak lanjut terbuka dari rapat sebelumnya (desa rapat ini) — "
                            "untuk dibahas")
        self.carried_table = _table(["Rapat asal", "Tindak lanjut", "Penanggung jawab", "Desa",
                                     "Batas waktu", "Status"])
        self.carried_update = QPushButton("Catat perkembangan…")
        self.carried_update.clicked.connect(self.update_carried)
        self.carried_table.doubleClicked.connect(lambda _i: self.update_carried())
        cb = QHBoxLayout()
        cb.addWidget(self.carried_update)
        cb.addStretch(1)
        cv = QVBoxLayout(carried)
        cv.addWidget(self.carried_table, 1)
        cv.addLayout(cb)
        v = QVBoxLayout(page)
        v.addWidget(own, 1)
        v.addWidget(carried, 1)
        return page

    def _build_addendum_tab(self) -> QWidget:
        page = QWidget()
        self.addendum_hint = QLabel()
        self.addendum_hint.setWordWrap(True)
        self.addendum_list = QListWidget()
        self.addendum_list.setWordWrap(True)
        self.addendum_text = QPlainTextEdit()
        self.addendum_text.setPlaceholderText("Isi addendum (perubahan/ralat notulen final)")
        self.addendum_text.setMaximumHeight(120)
        self.addendum_add = QPushButton("Tambah addendum")
        self.addendum_add.clicked.connect(self.add_addendum)
        v = QVBoxLayout(page)
        v.addWidget(self.addendum_hint)
        v.addWidget(self.addendum_list, 1)
        v.addWidget(self.addendum_text)
        v.addWidget(self.addendum_add, 0, Qt.AlignmentFlag.AlignRight)
        return page

    # ---- Loading -----------------------------------------------------------------------------
    def reload(self) -> None:
        if self.meeting_id is None:
            self.detail = None
            self._apply_state()
            return
        try:
            self.detail = reading.get_meeting(self.app, self.actor, self.meeting_id)
        except AppError as exc:
            messages.show_error(self, exc)
            return
        d = self.detail
        self.setWindowTitle(f"Rapat Koordinasi — {d.title}")
        self._fill_data(d.to_input())
        self.invitees.setPlainText("\n".join(i.name for i in d.invitees))
        self.agenda.set_items([(a.title, a.discussion) for a in d.agenda])
        self.agreements.set_items([("", a.text) for a in d.agreements])
        self._fill_attendees()
        set_table(self.problem_table, ["No", "Desa", "Topik", "Permasalahan", "Tanggapan",
                                       "Status"],
                  [[p.position, p.desa_name, p.topic_label, p.description, p.answer,
                    p.status_label] for p in d.problems], data=list(d.problems))
        set_table(self.action_table, ["No", "Tindak lanjut", "Penanggung jawab", "Desa",
                                      "Batas waktu", "Status"],
                  [[i, a.what, a.owner_name, a.desa_name, format_date(a.due_date),
                    a.status_label] for i, a in enumerate(d.actions, start=1)],
                  data=list(d.actions),
                  colors=[OVERDUE_COLOR if a.overdue else None for a in d.actions])
        carried = follow_up.carried_actions(self.app, self.actor, d.id)
        self.carried = carried
        set_table(self.carried_table, ["Rapat asal", "Tindak lanjut", "Penanggung jawab",
                                       "Desa", "Batas waktu", "Status"],
                  [[f"{format_date(a.meeting_date)} · {a.meeting_title}", a.what,
                    a.owner_name, a.desa_name, format_date(a.due_date), a.status_label]
                   for a in carried], data=list(carried),
                  colors=[OVERDUE_COLOR if a.overdue else DONE_COLOR if not a.is_open
                          else None for a in carried])
        for table in (self.problem_table, self.action_table, self.carried_table):
            header = table.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            for col in range(table.columnCount()):
                name = table.horizontalHeaderItem(col).text()
                table.setColumnWidth(col, COLUMN_WIDTHS.get(name, 150))
            table.resizeRowsToContents()
        self.addendum_list.clear()
        for a in d.addenda:
            self.addendum_list.addItem(f"{format_datetime(a.at)} · {a.by_name}\n{a.text}")
        self.photo_list.clear()
        for p in d.photos:
            item = QListWidgetItem(f"{p.caption or p.filename} ({p.filename})")
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            self.photo_list.addItem(item)
        self._saved_input = self.data_input()
        self._apply_state()

    def _fill_data(self, data: dto.MeetingInput | None) -> None:
        if data is None:
            return
        choose(self.kind, data.kind)
        self.title.setText(data.title)
        self.held_on.setDate(qdate(data.held_on))
        self.start_time.setTime(qtime(data.start_time))
        self.end_time.setTime(qtime(data.end_time, time(12, 0)))
        self.closing_set.setChecked(data.closing_time is not None)
        self.closing_time.setTime(qtime(data.closing_time, time(12, 0)))
        self.place.setText(data.place)
        self.chair_name.setText(data.chair_name)
        self.chair_position.setText(data.chair_position)
        self.chair_nip.setText(data.chair_nip)
        self.taker_name.setText(data.minute_taker_name)
        self.taker_position.setText(data.minute_taker_position)
        self.taker_nip.setText(data.minute_taker_nip)
        self.letter_number.setText(data.letter_number)
        self.letter_date.setDate(qdate(data.letter_date))
        self.letter_nature.setText(data.letter_nature)
        self.letter_attachment.setText(data.letter_attachment)
        self.discussion.setPlainText(data.discussion)
        for i in range(self.desa_list.count()):
            item = self.desa_list.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in data.desa_codes
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _fill_attendees(self) -> None:
        assert self.detail is not None
        table = self.attendee_table
        table.blockSignals(True)
        rows = self.detail.attendees
        table.setRowCount(len(rows))
        for r, a in enumerate(rows):
            values = [str(r + 1), "", a.name, a.position,
                      a.institution or (f"Desa {a.desa_name}" if a.desa_name else ""), a.phone,
                      a.gender or ""]
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
        count = self.detail.attendance
        self.attendance_summary.setText(
            f"Terdaftar {count.invited} · hadir {count.present} "
            f"({count.male} L, {count.female} P)")

    def _apply_state(self) -> None:
        d = self.detail
        saved = d is not None
        final = bool(d and d.is_final)
        editable = saved and not final and self.can_edit
        if d is None:
            self.status_label.setText("Rapat baru: isi data rapat lalu simpan.")
        elif final:
            self.status_label.setText(
                f"<b>Notulen FINAL</b> — difinalisasi {format_datetime(d.finalized_at)} oleh "
                f"{d.finalized_by_name}. Perubahan hanya melalui addendum.")
        else:
            self.status_label.setText(f"Draf · {format_date_long(d.held_on)}")
        for i in range(1, self.tabs.count()):
            self.tabs.setTabEnabled(i, saved)
        data_widgets = [self.kind, self.title, self.held_on, self.start_time, self.end_time,
                        self.closing_set, self.place, self.chair_name, self.chair_position,
                        self.chair_nip, self.taker_name, self.taker_position, self.taker_nip,
                        self.letter_number, self.letter_seq, self.letter_button,
                        self.letter_date, self.letter_nature, self.letter_attachment,
                        self.desa_list, self.invitees, self.invitees_from_desa,
                        self.discussion, self.save_data_button]
        for w in data_widgets:
            w.setEnabled((editable or not saved) and self.can_edit)
        self.closing_time.setEnabled(self.closing_set.isChecked() and self.closing_set.isEnabled())
        for w in (self.agenda, self.agreements, self.quick_name, self.quick_position,
                  self.quick_institution, self.quick_phone, self.quick_gender, self.quick_add,
                  self.attendee_edit, self.attendee_delete, self.attendee_copy,
                  self.problem_add, self.problem_edit, self.problem_delete,
                  self.problem_action, self.action_add, self.action_edit, self.action_delete,
                  self.photo_add, self.photo_delete, self.photo_caption):
            w.setEnabled(editable)
        self.attendee_table.setEnabled(saved)
        self.carried_update.setEnabled(editable and self.actor.can(Permission.ACTION_UPDATE))
        self.addendum_add.setEnabled(final and self.can_edit)
        self.addendum_text.setEnabled(final and self.can_edit)
        self.addendum_hint.setText(
            "Notulen sudah final. Perubahan dicatat sebagai addendum bertanggal dan tercatat di "
            "jejak audit." if final else
            "Addendum dipakai setelah notulen difinalisasi. Selama masih draf, ubah isi "
            "notulen langsung pada tab lainnya.")
        for b in (self.invitation_button, self.attendance_button, self.notulen_button):
            b.setEnabled(saved)
        self.finalize_button.setEnabled(saved and not final
                                        and self.actor.can(Permission.MEETING_FINALIZE))

    # ---- Data tab ------------------------------------------------------------------------------
    def _desa_codes(self) -> list[str]:
        return [self.desa_list.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.desa_list.count())
                if self.desa_list.item(i).checkState() == Qt.CheckState.Checked]

    def set_desa(self, codes: list[str]) -> None:
        for i in range(self.desa_list.count()):
            item = self.desa_list.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole)
                               in codes else Qt.CheckState.Unchecked)

    def data_input(self) -> dto.MeetingInput:
        return dto.MeetingInput(
            kind=self.kind.currentData(), title=self.title.text(),
            held_on=pydate(self.held_on.date()), start_time=pytime(self.start_time.time()),
            end_time=pytime(self.end_time.time()), place=self.place.text(),
            chair_name=self.chair_name.text(), chair_position=self.chair_position.text(),
            chair_nip=self.chair_nip.text(), minute_taker_name=self.taker_name.text(),
            minute_taker_position=self.taker_position.text(),
            minute_taker_nip=self.taker_nip.text(), letter_number=self.letter_number.text(),
            letter_date=pydate(self.letter_date.date()),
            letter_nature=self.letter_nature.text(),
            letter_attachment=self.letter_attachment.text(),
            discussion=self.discussion.toPlainText(),
            closing_time=pytime(self.closing_time.time()) if self.closing_set.isChecked()
            else None,
            desa_codes=self._desa_codes())

    def _invitee_inputs(self) -> list[dto.InviteeInput]:
        out = []
        desa_by_name = {self.desa_list.item(i).text().split(" ", 1)[-1]:
                        self.desa_list.item(i).data(Qt.ItemDataRole.UserRole)
                        for i in range(self.desa_list.count())}
        for line in self.invitees.toPlainText().splitlines():
            name = line.strip()
            if not name:
                continue
            code = next((c for n, c in desa_by_name.items() if name.endswith(f" {n}")), None)
            kind = InviteeKind.DESA.value if code else (
                InviteeKind.UNIT.value if name.lower().startswith(("kasi", "seksi", "sekcam"))
                else InviteeKind.AGENCY.value if name.lower().startswith(("kepala dinas",
                                                                          "dinas", "kepala"))
                else InviteeKind.OTHER.value)
            out.append(dto.InviteeInput(name, kind, desa_code=code))
        return out

    def _invitees_from_desa(self) -> None:
        lines = [line for line in self.invitees.toPlainText().splitlines() if line.strip()]
        for i in range(self.desa_list.count()):
            item = self.desa_list.item(i)
            if item.checkState() != Qt.CheckState.Checked:
                continue
            label = item.text()
            text = ("Lurah " + label[5:]) if label.startswith("Kel. ") else \
                f"Kepala {label}"
            if text not in lines:
                lines.append(text)
        self.invitees.setPlainText("\n".join(lines))

    def _make_letter_number(self) -> None:
        self.letter_number.setText(minutes.suggest_letter_number(
            self.app, self.letter_seq.value(), pydate(self.letter_date.date())))

    def save_data(self) -> bool:
        self.errors.clear()
        try:
            self.meeting_id = minutes.save_meeting(self.app, self.actor, self.meeting_id,
                                                   self.data_input(), self._invitee_inputs())
        except ValidationError as exc:
            self.errors.show(exc.field_errors, exc.message)
            return False
        except AppError as exc:
            messages.show_error(self, exc)
            return False
        self.changed = True
        self.reload()
        return True

    # ---- Agenda, agreements --------------------------------------------------------------------
    def _exec_and_reload(self, dialog: QDialog) -> None:
        """Show an edit dialog; when it saved something, reload the meeting."""
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.changed = True
            self.reload()

    def _run(self, fn: Callable[[], Any]) -> bool:
        try:
            fn()
        except AppError as exc:
            messages.show_error(self, exc)
            return False
        self.changed = True
        self.reload()
        return True

    def save_agenda(self) -> None:
        assert self.meeting_id is not None
        items = [dto.AgendaInput(t, b) for t, b in self.agenda.items]
        self._run(lambda: minutes.save_agenda(self.app, self.actor, self.meeting_id, items))

    def save_agreements(self) -> None:
        assert self.meeting_id is not None
        texts = [b for _t, b in self.agreements.items]
        self._run(lambda: minutes.save_agreements(self.app, self.actor, self.meeting_id, texts))

    # ---- Attendance ----------------------------------------------------------------------------
    def quick_add_attendee(self) -> None:
        assert self.meeting_id is not None
        data = dto.AttendeeInput(self.quick_name.text(), self.quick_position.text(),
                                 self.quick_institution.text(), None, self.quick_phone.text(),
                                 self.quick_gender.currentData(), True)
        try:
            attendance.add_attendee(self.app, self.actor, self.meeting_id, data)
        except ValidationError as exc:
            self.quick_error.setText(" ".join(exc.field_errors.values()) or exc.message)
            return
        except AppError as exc:
            messages.show_error(self, exc)
            return
        self.quick_error.clear()
        for edit in (self.quick_name, self.quick_position, self.quick_phone):
            edit.clear()
        self.quick_name.setFocus()  # institution and gender stay for the next of the group
        self.changed = True
        self.reload()

    def _presence_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != 1:
            return
        info = self.attendee_table.item(item.row(), 0).data(Qt.ItemDataRole.UserRole)
        present = item.checkState() == Qt.CheckState.Checked
        if info is None or info.present == present:
            return
        self._run(lambda: attendance.set_present(self.app, self.actor, info.id, present))

    def _selected_attendee(self) -> dto.AttendeeInfo | None:
        info = row_data(self.attendee_table)
        if info is None:
            messages.info(self, "Pilih satu peserta terlebih dahulu.")
        return info  # type: ignore[return-value]

    def edit_attendee(self) -> None:
        info = self._selected_attendee()
        if info is None or self.detail is None:
            return
        dialog = AttendeeDialog(self.app, self.actor, self.detail.id, info, self,
                                desa=self.detail.desa)
        self._exec_and_reload(dialog)

    def delete_attendee(self) -> None:
        info = self._selected_attendee()
        if info is not None and messages.confirm(self, f"Hapus peserta {info.name}?"):
            self._run(lambda: attendance.delete_attendee(self.app, self.actor, info.id))

    def copy_attendees(self, from_meeting_id: int | None = None) -> None:
        assert self.meeting_id is not None
        if from_meeting_id is None:
            dialog = PickMeetingDialog(self.app, self.actor, self.meeting_id, self)
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.combo.currentData() is None:
                return
            from_meeting_id = dialog.combo.currentData()
        result: list[int] = []
        if self._run(lambda: result.append(attendance.copy_attendees(
                self.app, self.actor, self.meeting_id, from_meeting_id))):
            messages.info(self, f"{result[0]} peserta disalin; tandai yang hadir.")

    # ---- Problems, actions ---------------------------------------------------------------------
    def add_problem(self) -> None:
        assert self.detail is not None
        dialog = ProblemDialog(self.app, self.actor, self.detail.id, self.detail.desa,
                               parent=self)
        self._exec_and_reload(dialog)

    def edit_problem(self) -> None:
        info = row_data(self.problem_table)
        if info is None or self.detail is None:
            return
        dialog = ProblemDialog(self.app, self.actor, self.detail.id, self.detail.desa,
                               info, self)  # type: ignore[arg-type]
        self._exec_and_reload(dialog)

    def delete_problem(self) -> None:
        info = row_data(self.problem_table)
        if info is not None and messages.confirm(self, "Hapus masalah ini?"):
            self._run(lambda: problems.delete_problem(self.app, self.actor, info.id))  # type: ignore

    def action_from_problem(self) -> None:
        info = row_data(self.problem_table)
        if info is None:
            messages.info(self, "Pilih satu masalah terlebih dahulu.")
            return
        self.add_action(info)  # type: ignore[arg-type]

    def add_action(self, problem: dto.ProblemInfo | None = None) -> None:
        assert self.detail is not None
        dialog = ActionDialog(self.app, self.actor, self.detail.id, self.detail.desa,
                              problems=self.detail.problems, parent=self)
        if problem is not None:
            choose(dialog.problem, problem.id)
            choose(dialog.desa, problem.desa_code)
        self._exec_and_reload(dialog)

    def edit_action(self) -> None:
        info = row_data(self.action_table)
        if info is None or self.detail is None:
            return
        dialog = ActionDialog(self.app, self.actor, self.detail.id, self.detail.desa,
                              info, self.detail.problems, self)  # type: ignore[arg-type]
        self._exec_and_reload(dialog)

    def delete_action(self) -> None:
        info = row_data(self.action_table)
        if info is not None and messages.confirm(self, "Hapus tindak lanjut ini?"):
            self._run(lambda: actions.delete_action(self.app, self.actor, info.id))  # type: ignore

    def update_carried(self) -> None:
        info = row_data(self.carried_table)
        if info is None:
            messages.info(self, "Pilih satu tindak lanjut terlebih dahulu.")
            return
        dialog = ActionUpdateDialog(self.app, self.actor, info, self.meeting_id,  # type: ignore
                                    self)
        self._exec_and_reload(dialog)

    # ---- Addenda, photos -----------------------------------------------------------------------
    def add_addendum(self) -> None:
        assert self.meeting_id is not None
        text = self.addendum_text.toPlainText()
        if self._run(lambda: minutes.add_addendum(self.app, self.actor, self.meeting_id, text)):
            self.addendum_text.clear()

    def add_photo(self) -> None:
        assert self.meeting_id is not None
        path = pdf.ask_open_path(self, "Pilih foto dokumentasi", "Foto (*.jpg *.jpeg *.png)")
        if path is None:
            return
        caption = self.photo_caption.text()
        if self._run(lambda: photos.add_photo(self.app, self.actor, self.meeting_id, Path(path),
                                           caption)):
            self.photo_caption.clear()

    def delete_photo(self) -> None:
        item = self.photo_list.currentItem()
        if item is not None and messages.confirm(self, "Hapus foto ini?"):
            photo_id = item.data(Qt.ItemDataRole.UserRole)
            self._run(lambda: photos.delete_photo(self.app, self.actor, photo_id))

    # ---- Finalise, print -----------------------------------------------------------------------
    def finalize(self) -> None:
        assert self.meeting_id is not None
        if not messages.confirm(self, "Finalisasi notulen? Setelah final, notulen terkunci dan "
                                      "perubahan hanya dapat dicatat sebagai addendum."):
            return
        if self._run(lambda: minutes.finalize(self.app, self.actor, self.meeting_id)):
            messages.info(self, "Notulen sudah final dan terkunci.")

    def _print(self, stem: str, fn: Callable[[Path], Path]) -> None:
        target = pdf.temp_pdf_path(self.app.paths.print_temp, stem)
        self._job = run_job(self, "Membuat PDF…", lambda _progress: fn(target),
                            on_success=lambda path: pdf.open_file(path))

    def print_invitation(self, per_addressee: bool = False) -> None:
        mid = self.meeting_id
        assert mid is not None
        self._print(f"undangan-rapat-{mid}", lambda t: printing.print_invitation(
            self.app, self.actor, mid, t, per_addressee=per_addressee))

    def print_attendance(self) -> None:
        mid = self.meeting_id
        assert mid is not None
        self._print(f"daftar-hadir-{mid}", lambda t: printing.print_attendance(
            self.app, self.actor, mid, t))

    def print_notulen(self) -> None:
        mid = self.meeting_id
        assert mid is not None
        self._print(f"notulen-{mid}", lambda t: printing.print_notulen(
            self.app, self.actor, mid, t))


class PickMeetingDialog(QDialog):
    """Choose an earlier meeting (to copy its attendees)."""

    def __init__(self, app: AppContext, actor: Actor, exclude_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QDialogButtonBox

        self.setWindowTitle("Salin peserta dari rapat lain")
        self.combo = QComboBox()
        for row in listing.list_meetings(app, actor, limit=300):
            if row.id != exclude_id:
                self.combo.addItem(f"{format_date(row.held_on)} · {row.title} "
                                   f"({row.present} hadir)", row.id)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Salin")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Batal")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        v = QVBoxLayout(self)
        v.addWidget(QLabel("Rapat sumber daftar peserta:"))
        v.addWidget(self.combo)
        v.addWidget(buttons)


def new_meeting_template(app: AppContext, held_on: date | None = None) -> dto.MeetingInput:
    """Defaults for a new meeting: chaired by the office head, at the Ruko Parsel room."""
    profile = office.get_profile(app)
    return dto.MeetingInput(
        kind="rakor", title="", held_on=held_on or clock.today(), start_time=time(9, 0),
        end_time=time(12, 0),
        chair_name=profile.head_name if profile else "",
        chair_position=profile.head_title if profile else "",
        chair_nip=profile.head_nip if profile else "")
