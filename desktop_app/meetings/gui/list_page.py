"""RUKO PARSEL: the meeting log, filtered, sorted and paged in SQL, with the meeting editor,
printing, full-text search and "prepare the next meeting" for a desa."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain import clock
from desktop_app.core.domain.formatting import format_date_short, format_number, format_time
from desktop_app.core.domain.roles import Permission
from desktop_app.core.gui import messages, pdf
from desktop_app.core.gui.operations import ACTIONS, MEETING_LISTS, MEETINGS, Op, watch_changes
from desktop_app.core.gui.printing import print_preview
from desktop_app.core.gui.table_model import Column, PagedQueryModel, PagedTableView
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.meetings.domain import MinutesStatus
from desktop_app.meetings.gui.common import (
    choose,
    date_edit,
    desa_combo,
    pydate,
    row_data,
    set_table,
)
from desktop_app.meetings.gui.editor import MeetingEditorDialog, new_meeting_template
from desktop_app.meetings.services import export, follow_up, listing, minutes, printing, reference
from desktop_app.meetings.services.listing import MeetingRow

DRAFT_COLOR = QColor("#FFF6DB")

COLUMNS = [
    Column("held_on", "Tanggal", "held_on", format_date_short, width=90),
    Column("start_time", "Jam", None, format_time, width=55),
    Column("kind_label", "Jenis", "kind", width=170),
    Column("title", "Judul/acara", "title", width=330),
    Column("desa", "Desa/Kelurahan", None, width=200),
    Column("chair_name", "Pimpinan", "chair", width=160),
    Column("present", "Hadir", None, align_right=True, width=55),
    Column("open_actions", "TL terbuka", None, align_right=True, width=75),
    Column("status_label", "Notulen", "status", width=70),
]


class PrepareNextDialog(QDialog):
    """Pick the desa and date of the next meeting; its open actions will be listed there."""

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Siapkan rapat berikutnya")
        form = QFormLayout(self)
        self.desa = desa_combo(app, first="— pilih desa/kelurahan —")
        self.held_on = date_edit(clock.today() + timedelta(days=7))
        self.kind = QComboBox()
        for k in reference.list_kinds(app):
            self.kind.addItem(k.label, k.code)
        choose(self.kind, "kunjungan")
        self.copy = QCheckBox("&Salin peserta dari rapat terakhir dengan desa ini")
        self.copy.setChecked(True)
        form.addRow("&Desa/Kelurahan", self.desa)  # Alt+D, N, J reach the fields
        form.addRow("Ta&nggal rapat", self.held_on)
        form.addRow("&Jenis rapat", self.kind)
        form.addRow("", self.copy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Siapkan")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Batal")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class SearchDialog(QDialog):
    """Full-text search over meetings, agenda, problems, agreements, actions and addenda."""

    def __init__(self, app: AppContext, actor: Actor, text: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        self.chosen: int | None = None
        self.setWindowTitle("Cari di seluruh isi rapat")
        self.resize(900, 520)
        self.query = QLineEdit(text)
        self.query.setPlaceholderText("Kata yang dicari (semua kata harus ada)")
        self.go = QPushButton("Cari")
        self.table = QTableWidget()
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.count = QLabel()
        self.open_button = QPushButton("Buka rapat")
        top = QHBoxLayout()
        top.addWidget(self.query, 1)
        top.addWidget(self.go)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.open_button)
        v = QVBoxLayout(self)
        v.addLayout(top)
        v.addWidget(self.table, 1)
        v.addLayout(bottom)
        self.go.clicked.connect(self.run)
        self.query.returnPressed.connect(self.run)
        self.open_button.clicked.connect(self._choose)
        self.table.activated.connect(lambda _i: self._choose())
        if text:
            self.run()

    def run(self) -> None:
        Op(self, lambda: listing.search(self.app, self.actor, self.query.text())) \
            .success(self._show).run()

    def _show(self, hits: list[listing.SearchHit]) -> None:
        self.hits = hits
        set_table(self.table, ["Tanggal", "Ditemukan di", "Rapat", "Isi"],
                  [[format_date_short(h.held_on), h.kind, h.meeting_title, h.text]
                   for h in hits], data=[h.meeting_id for h in hits])
        self.table.setColumnWidth(0, 85)
        self.table.setColumnWidth(1, 110)
        self.table.setColumnWidth(2, 260)
        self.count.setText(f"{len(hits)} hasil")

    def _choose(self) -> None:
        mid = row_data(self.table)
        if mid is not None:
            self.chosen = int(mid)  # type: ignore[arg-type]
            self.accept()


class MeetingListPage(QWidget):
    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        self._job = None
        title = QLabel("<h2>Rapat Koordinasi RUKO PARSEL</h2>")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Cari judul, tempat, pimpinan, desa, agenda…")
        self.search.setClearButtonEnabled(True)
        self.kind = QComboBox()
        self.kind.addItem("Semua jenis", "")
        for k in reference.list_kinds(app, include_inactive=True):
            self.kind.addItem(k.label, k.code)
        self.desa = desa_combo(app, first="Semua desa/kelurahan")
        self.status = QComboBox()
        self.status.addItem("Semua notulen", "")
        for s in MinutesStatus:
            self.status.addItem(s.label, s.value)
        self.use_dates = QCheckBox("&Periode")
        self.date_from = date_edit(clock.today().replace(month=1, day=1))
        self.date_to = date_edit(clock.today() + timedelta(days=60))
        # Two rows of filters and of buttons: the page fits beside the navigation at 1024 px.
        # Alt+letter reaches each filter: R the search, J the kind, L the desa, O the minutes'
        # status, P ticks the period, I and M its first and last day (the buttons below: U, K,
        # S, H, D, F, N, C, E; Alt+B, A and T are the window's menus).
        def labelled(text: str, widget: QWidget) -> QLabel:
            label = QLabel(text)
            label.setBuddy(widget)
            return label

        for w in (self.kind, self.desa, self.status):
            w.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            w.setMinimumContentsLength(10)
        filters = QHBoxLayout()
        filters.addWidget(labelled("Ca&ri", self.search))
        filters.addWidget(self.search, 3)
        filters.addWidget(labelled("&Jenis", self.kind))
        filters.addWidget(self.kind, 2)
        dates = QHBoxLayout()
        dates.addWidget(labelled("Desa/Ke&l.", self.desa))
        dates.addWidget(self.desa, 2)
        dates.addWidget(labelled("N&otulen", self.status))
        dates.addWidget(self.status, 2)
        dates.addSpacing(12)
        for w in (self.use_dates, labelled("dar&i", self.date_from), self.date_from,
                  labelled("sa&mpai", self.date_to), self.date_to):
            dates.addWidget(w)

        self.source = listing.MeetingPageSource(app, actor)
        self.model = PagedQueryModel(
            self.source, COLUMNS, page_size=100, default_sort="held_on", descending=True,
            row_background=lambda r: DRAFT_COLOR if r.minutes_status == "draft" else None,
            parent=self)
        self.view = PagedTableView(self.model, self)
        self.view.table.activated.connect(lambda _i: self.open_selected())

        # Alt+letter presses each button (Alt+B, A and T are the window's menus).
        self.new_button = QPushButton("Rapat bar&u…")
        self.new_button.setToolTip("Ctrl+N")
        self.open_button = QPushButton("Bu&ka")
        self.open_button.setToolTip("Enter pada baris")
        self.next_button = QPushButton("&Siapkan rapat berikutnya…")
        self.delete_button = QPushButton("&Hapus draf")
        self.delete_button.setToolTip("Delete pada baris")
        self.invitation_button = QPushButton("Un&dangan")
        self.attendance_button = QPushButton("Da&ftar Hadir")
        self.notulen_button = QPushButton("&Notulen")
        self.search_button = QPushButton("&Cari di seluruh isi…")
        self.export_button = QPushButton("&Ekspor Excel…")
        buttons, documents = QHBoxLayout(), QHBoxLayout()
        for button, handler in (
            (self.new_button, self.new), (self.open_button, self.open_selected),
            (self.next_button, self.prepare_next), (self.delete_button, self.delete_selected),
            (self.invitation_button, lambda: self.print_selected("invitation")),
            (self.attendance_button, lambda: self.print_selected("attendance")),
            (self.notulen_button, lambda: self.print_selected("notulen")),
            (self.search_button, self.full_search), (self.export_button, self.export),
        ):
            button.clicked.connect(handler)
            (buttons if button in (self.new_button, self.open_button, self.next_button,
                                   self.delete_button) else documents).addWidget(button)
        buttons.addStretch(1)
        documents.addStretch(1)
        can_edit = actor.can(Permission.MEETING_EDIT)
        for b in (self.new_button, self.next_button, self.delete_button):
            b.setEnabled(can_edit)
        self.export_button.setEnabled(actor.can(Permission.DATA_EXPORT))
        hint = QLabel("Baris kuning: notulen masih draf. Enter atau klik dua kali untuk membuka, "
                      "Delete menghapus draf; Ctrl+F mencari (Enter atau ↓ ke daftar), F5 "
                      "memuat ulang.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addLayout(dates)
        layout.addLayout(buttons)
        layout.addLayout(documents)
        layout.addWidget(self.view, 1)
        layout.addWidget(hint)

        self._debounce = QTimer(self, singleShot=True, interval=300)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        for combo in (self.kind, self.desa, self.status):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.use_dates.toggled.connect(lambda _c: self.apply_filter())
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self.use_dates.isChecked() and self.apply_filter())
        self.apply_filter()
        watch_changes(self, {MEETINGS, ACTIONS, MEETING_LISTS}, self.refresh)
        # Enter or a double click on a row opens it (activated); the usual keys besides.
        for keys, slot in ((QKeySequence.StandardKey.New, self.new),
                           (QKeySequence.StandardKey.Find, self.search.setFocus),
                           (QKeySequence.StandardKey.Refresh, self.refresh)):
            QShortcut(keys, self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        if can_edit:
            QShortcut(QKeySequence.StandardKey.Delete, self.view.table, self.delete_selected,
                      context=Qt.ShortcutContext.WidgetShortcut)
        # From the search box to the list: Enter (after the filter is applied) or ↓.
        self.search.returnPressed.connect(self.to_list)
        QShortcut(QKeySequence(Qt.Key.Key_Down), self.search, self.to_list,
                  context=Qt.ShortcutContext.WidgetShortcut)

    def to_list(self) -> None:
        if self._debounce.isActive():
            self._debounce.stop()
            self.apply_filter()
        table = self.view.table
        table.setFocus()
        if not table.selectionModel().hasSelection() and self.model.rowCount() > 0:
            table.selectRow(max(0, table.currentIndex().row()))

    def current_filter(self) -> listing.MeetingFilter:
        dated = self.use_dates.isChecked()
        return listing.MeetingFilter(
            text=self.search.text(), kind=self.kind.currentData(),
            desa_code=self.desa.currentData() or "", status=self.status.currentData(),
            date_from=pydate(self.date_from.date()) if dated else None,
            date_to=pydate(self.date_to.date()) if dated else None)

    def apply_filter(self) -> None:
        Op(self, lambda: self.model.set_filter(self.current_filter())).run()

    def refresh(self) -> None:
        Op(self, lambda: self.model.reload()).run()

    def selected(self) -> MeetingRow | None:
        row = self.view.selected_row()
        if row is None:
            messages.info(self, "Pilih satu rapat terlebih dahulu.")
        return row

    def open_editor(self, meeting_id: int | None, **kw: object) -> MeetingEditorDialog:
        """Opens the editor (window-modal, not blocking); the list refreshes itself when the
        editor saves anything."""
        dialog = MeetingEditorDialog(self.app, self.actor, meeting_id, self, **kw)  # type: ignore
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.editor = dialog
        dialog.open()
        return dialog

    def new(self) -> None:
        self.open_editor(None, template=new_meeting_template(self.app))

    def open_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.open_editor(row.id)

    def delete_selected(self) -> None:
        row = self.selected()
        if row is None or not messages.confirm(
                self, f"Hapus rapat (draf) '{row.title}' beserta peserta, masalah, kesepakatan "
                      "dan tindak lanjutnya?"):
            return
        Op(self, lambda: minutes.delete_meeting(self.app, self.actor, row.id),
           changes={MEETINGS, ACTIONS}).run()

    def prepare_next(self) -> None:
        dialog = PrepareNextDialog(self.app, self)
        self.prepare_dialog = dialog
        dialog.accepted.connect(lambda: self._prepare(dialog))
        dialog.open()

    def _prepare(self, dialog: PrepareNextDialog) -> None:
        code = dialog.desa.currentData()
        if not code:
            messages.warn(self, "Pilih desa/kelurahan untuk rapat berikutnya.")
            return
        held_on, kind = pydate(dialog.held_on.date()), dialog.kind.currentData()
        copy = dialog.copy.isChecked()

        def prepared(result: follow_up.PreparedMeeting) -> None:
            messages.info(self, f"Rapat baru disiapkan. {result.copied_attendees} peserta "
                                f"disalin dari rapat terakhir; {len(result.open_actions)} tindak "
                                "lanjut terbuka desa ini siap dibahas pada tab Tindak lanjut.")
            self.open_editor(result.meeting_id, initial_tab=5)

        Op(self, lambda: follow_up.prepare_next_meeting(
            self.app, self.actor, code, held_on, kind=kind, copy_from_last=copy),
           changes={MEETINGS}).success(prepared).run()

    def print_selected(self, document: str) -> None:
        row = self.selected()
        if row is None:
            return
        fn = {"invitation": printing.print_invitation,
              "attendance": printing.print_attendance,
              "notulen": printing.print_notulen}[document]
        stem = {"invitation": "undangan", "attendance": "daftar-hadir",
                "notulen": "notulen"}[document]
        print_preview(self, self.app, f"{stem}-{row.id}",
                      lambda target, _p: fn(self.app, self.actor, row.id, target))

    def full_search(self) -> None:
        dialog = SearchDialog(self.app, self.actor, self.search.text(), self)
        self.search_dialog = dialog
        dialog.accepted.connect(
            lambda: dialog.chosen is not None and self.open_editor(dialog.chosen))
        dialog.open()

    def export(self) -> None:
        target = pdf.ask_save_path(self, "Simpan ekspor", "ruko-parsel-rapat.xlsx",
                                   "Excel (*.xlsx)")
        if target is None:
            return
        flt = self.current_filter()
        Op(self, lambda _p: export.export_meetings(self.app, self.actor, target, flt),
           title="Mengekspor…").success(lambda result: messages.info(
               self, f"{format_number(result[1])} rapat diekspor ke {result[0]}.")).run_in_background()
