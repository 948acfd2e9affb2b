"""The meeting editor: a thin shell around one widget per tab (data, agenda, attendance,
problems, agreements, follow-up actions, addenda), with printing and finalising. It refreshes
itself whenever an operation changes a meeting or an action."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain import clock
from desktop_app.core.domain.errors import AppError, RecordChangedError, ValidationError
from desktop_app.core.domain.formatting import format_date_long
from desktop_app.core.domain.roles import Permission
from desktop_app.core.gui import messages
from desktop_app.core.gui.conflict import ConflictBanner
from desktop_app.core.gui.fields import format_datetime
from desktop_app.core.gui.operations import ACTIONS, MEETING_LISTS, MEETINGS, Op, watch_changes
from desktop_app.core.gui.printing import print_preview
from desktop_app.core.services import office
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.meetings.gui.editor.actions_tab import ActionsTab
from desktop_app.meetings.gui.editor.addendum_tab import AddendumTab
from desktop_app.meetings.gui.editor.attendance_tab import AttendanceTab
from desktop_app.meetings.gui.editor.data_tab import MeetingDataTab
from desktop_app.meetings.gui.editor.ordered_tab import AgendaTab, AgreementsTab
from desktop_app.meetings.gui.editor.problems_tab import ProblemsTab
from desktop_app.meetings.services import follow_up, minutes, printing
from desktop_app.meetings.services.dto import MeetingDetail, MeetingInput

TABS = ["&Data rapat", "A&genda", "&Peserta/Daftar hadir", "&Masalah", "&Kesepakatan",
        "&Tindak lanjut", "Adde&ndum"]
DATA, AGENDA, ATTENDANCE, PROBLEMS, AGREEMENTS, ACTIONS_TAB, ADDENDA = range(7)


class MeetingEditorDialog(QDialog):
    def __init__(self, app: AppContext, actor: Actor, meeting_id: int | None = None,
                 parent: QWidget | None = None, *, initial_tab: int = DATA,
                 template: MeetingInput | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor, self.meeting_id = app, actor, meeting_id
        self.detail: MeetingDetail | None = None
        self.can_edit = actor.can(Permission.MEETING_EDIT)
        self.setWindowTitle("Rapat Koordinasi")
        self.data = MeetingDataTab(app, actor)
        self.agenda = AgendaTab(app, actor)
        self.attendance = AttendanceTab(app, actor)
        self.problems = ProblemsTab(app, actor)
        self.agreements = AgreementsTab(app, actor)
        self.follow_ups = ActionsTab(app, actor)
        self.addenda = AddendumTab(app, actor)
        self.tabs = QTabWidget()
        tabs: tuple[QWidget, ...] = (self.data, self.agenda, self.attendance, self.problems,
                                     self.agreements, self.follow_ups, self.addenda)
        for widget, label in zip(tabs, TABS, strict=True):
            self.tabs.addTab(widget, label)
        self.data.save_button.clicked.connect(lambda: self.save_data())

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)  # a long "FINAL" line must not widen the dialog
        self.status_label.setMinimumWidth(120)
        self.invitation_button = QPushButton("Cetak &Undangan")
        menu = QMenu(self.invitation_button)
        self.invitation_one = menu.addAction("Satu surat (tujuan dalam surat/daftar terlampir)")
        self.invitation_each = menu.addAction("Satu surat untuk setiap tujuan")
        self.invitation_one.triggered.connect(lambda: self.print_invitation(False))
        self.invitation_each.triggered.connect(lambda: self.print_invitation(True))
        self.invitation_button.setMenu(menu)
        self.attendance_button = QPushButton("Cetak Daftar &Hadir")
        self.notulen_button = QPushButton("Cetak N&otulen")
        self.finalize_button = QPushButton("&Finalisasi")
        self.close_button = QPushButton("Tutup")
        self.attendance_button.clicked.connect(lambda: self.print_attendance())
        self.notulen_button.clicked.connect(lambda: self.print_notulen())
        self.finalize_button.clicked.connect(lambda: self.finalize())
        self.close_button.clicked.connect(self.reject)
        for b in (self.invitation_button, self.attendance_button, self.notulen_button,
                  self.finalize_button, self.close_button):
            b.setAutoDefault(False)  # Enter in a field never presses a button by surprise
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        for b in (self.invitation_button, self.attendance_button, self.notulen_button,
                  self.finalize_button, self.close_button):
            bottom.addWidget(b)
        self.conflict = ConflictBanner(self)  # a save refused: another desk changed it first
        self.conflict.reload_requested.connect(self.reload)
        self.agenda.conflicted.connect(self.conflict.show_conflict)
        self.agreements.conflicted.connect(self.conflict.show_conflict)
        layout = QVBoxLayout(self)
        layout.addWidget(self.conflict)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self._fit_to_screen()
        if meeting_id is None and template is not None:
            self.data.fill(template)
        self.reload()
        self._saved_input = self.data.value()
        self.tabs.setCurrentIndex(initial_tab)
        (self.data.title if initial_tab == DATA else self.tabs).setFocus()
        watch_changes(self, {MEETINGS, ACTIONS, MEETING_LISTS}, self.reload)

    def _fit_to_screen(self) -> None:
        """1100 × 760 where there is room; within the screen at 1024 × 768 (the tabs scroll)."""
        parent = self.parentWidget()
        screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
        width, height = 1100, 760
        if screen is not None:
            room = screen.availableGeometry()
            width, height = min(width, room.width() - 24), min(height, room.height() - 48)
        self.resize(width, height)
        self.setMinimumSize(640, 420)

    # ---- Loading -----------------------------------------------------------------------------
    def reload(self) -> None:
        if self.meeting_id is None:
            self.detail = None
            self._apply_state()
            return
        mid = self.meeting_id
        Op(self, lambda: follow_up.meeting_for_editing(self.app, self.actor, mid)) \
            .success(self._show).run()

    def _show(self, loaded: tuple[MeetingDetail, list]) -> None:  # type: ignore[type-arg]
        d, carried = loaded
        self.detail = d
        self.setWindowTitle(f"Rapat Koordinasi — {d.title}")
        self.data.show_meeting(d)
        self.agenda.show_meeting(d)
        self.attendance.show_meeting(d)
        self.problems.show_meeting(d)
        self.agreements.show_meeting(d)
        self.follow_ups.show_meeting(d, carried)
        self.addenda.show_meeting(d)
        self._saved_input = self.data.value()
        self._apply_state()

    def _apply_state(self) -> None:
        d = self.detail
        saved, final = d is not None, bool(d and d.is_final)
        editable = saved and not final and self.can_edit
        if d is None:
            self.status_label.setText("Rapat baru: isi data rapat lalu simpan (Ctrl+S).")
        elif final:
            self.status_label.setText(
                f"<b>Notulen FINAL</b> — difinalisasi {format_datetime(d.finalized_at)} oleh "
                f"{d.finalized_by_name}. Perubahan hanya melalui addendum.")
        else:
            self.status_label.setText(f"Draf · {format_date_long(d.held_on)}")
        for i in range(1, self.tabs.count()):
            self.tabs.setTabEnabled(i, saved)
        self.data.set_state(editable=self.can_edit and not final, saved=saved)
        self.agenda.setEnabled(editable)
        self.agreements.setEnabled(editable)
        self.attendance.set_state(editable=editable)
        self.problems.set_state(editable=editable)
        self.follow_ups.set_state(editable=editable)
        self.addenda.set_state(final=final, can_edit=self.can_edit)
        for b in (self.invitation_button, self.attendance_button, self.notulen_button):
            b.setEnabled(saved)
        self.finalize_button.setEnabled(saved and not final
                                        and self.actor.can(Permission.MEETING_FINALIZE))

    # ---- Saving ------------------------------------------------------------------------------
    def save_data(self) -> None:
        """The meeting's data and its addressees, in one transaction."""
        self.data.errors.clear()
        mid, data, invitees = self.meeting_id, self.data.value(), self.data.invitee_inputs()
        version = self.detail.version if self.detail is not None else None

        def refused(exc: AppError) -> None:
            if isinstance(exc, RecordChangedError):
                self.conflict.show_conflict(exc)  # what was typed stays until «Muat ulang»
            elif isinstance(exc, ValidationError):
                self.tabs.setCurrentIndex(DATA)
                self.data.errors.show(exc.field_errors, exc.message)
            else:
                messages.show_error(self, exc)

        def saved(new_id: int) -> None:
            if self.meeting_id is None:
                self.meeting_id = new_id
                self.reload()  # not yet watched as this meeting

        Op(self, lambda: minutes.save_meeting(self.app, self.actor, mid, data, invitees,
                                              version=version),
           changes={MEETINGS}).failure(refused).success(saved).run()

    def save_current_tab(self) -> None:
        """Ctrl+S: save what the current tab edits."""
        tab = self.tabs.currentIndex()
        if tab == DATA and self.data.save_button.isEnabled():
            self.save_data()
        elif tab == AGENDA and self.agenda.isEnabled():
            self.agenda.save()
        elif tab == AGREEMENTS and self.agreements.isEnabled():
            self.agreements.save()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.matches(QKeySequence.StandardKey.Save):
            self.save_current_tab()
            return
        super().keyPressEvent(event)

    def unsaved(self) -> bool:
        if not self.data.save_button.isEnabled():
            return False
        return (self.data.value() != self._saved_input or self.agenda.unsaved()
                or self.agreements.unsaved())

    def reject(self) -> None:
        """Escape / Tutup: typed changes are not thrown away without asking."""
        if self.unsaved() and not messages.confirm(
                self, "Ada perubahan yang belum disimpan. Tutup tanpa menyimpan?"):
            return
        super().reject()

    # ---- Finalise, print ---------------------------------------------------------------------
    def finalize(self) -> None:
        mid = self.meeting_id
        if mid is None or not messages.confirm(
                self, "Finalisasi notulen? Setelah final, notulen terkunci dan perubahan hanya "
                      "dapat dicatat sebagai addendum."):
            return
        Op(self, lambda: minutes.finalize(self.app, self.actor, mid), changes={MEETINGS}) \
            .success(lambda _r: messages.info(self, "Notulen sudah final dan terkunci.")).run()

    def print_invitation(self, per_addressee: bool = False) -> None:
        mid = self.meeting_id
        if mid is not None:
            print_preview(self, self.app, f"undangan-rapat-{mid}",
                          lambda target, progress: printing.print_invitation(
                              self.app, self.actor, mid, target, per_addressee=per_addressee,
                              progress=progress))

    def print_attendance(self) -> None:
        mid = self.meeting_id
        if mid is not None:
            print_preview(self, self.app, f"daftar-hadir-{mid}",
                          lambda target, _p: printing.print_attendance(
                              self.app, self.actor, mid, target))

    def print_notulen(self) -> None:
        mid = self.meeting_id
        if mid is not None:
            print_preview(self, self.app, f"notulen-{mid}",
                          lambda target, _p: printing.print_notulen(
                              self.app, self.actor, mid, target))


def new_meeting_template(app: AppContext, held_on: date | None = None) -> MeetingInput:
    """Defaults for a new meeting: chaired by the office head, at the Ruko Parsel room."""
    profile = office.get_profile(app)
    return MeetingInput(
        kind="rakor", title="", held_on=held_on or clock.today(), start_time=time(9, 0),
        end_time=time(12, 0),
        chair_name=profile.head_name if profile else "",
        chair_position=profile.head_title if profile else "",
        chair_nip=profile.head_nip if profile else "")
