"""RUKO PARSEL: the follow-up tracker. Every action agreed in a meeting, filtered by owner,
desa, status, overdue and period in SQL; overdue rows stand out."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain import clock
from desktop_app.core.domain.formatting import format_date_short, format_number
from desktop_app.core.domain.roles import Permission
from desktop_app.core.gui import messages, pdf
from desktop_app.core.gui.fields import format_datetime
from desktop_app.core.gui.operations import ACTIONS, MEETINGS, Op, watch_changes
from desktop_app.core.gui.table_model import Column, PagedQueryModel, PagedTableView
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.meetings.domain import ActionStatus
from desktop_app.meetings.gui.common import (
    DONE_COLOR,
    OVERDUE_COLOR,
    ActionUpdateDialog,
    date_edit,
    desa_combo,
    pydate,
)
from desktop_app.meetings.services import actions, dto, export, tracker
from desktop_app.meetings.services.dto import ActionRow
from desktop_app.meetings.services.tracker import ActionFilter

COLUMNS = [
    Column("due_date", "Batas waktu", "due_date", format_date_short, width=90),
    Column("status_label", "Status", "status", width=120),
    Column("what", "Tindak lanjut", "what", width=330),
    Column("owner_name", "Penanggung jawab", "owner", width=200),
    Column("desa_name", "Desa", "desa", width=120),
    Column("meeting_date", "Tgl rapat", "meeting_date", format_date_short, width=85),
    Column("meeting_title", "Rapat asal", None, width=260),
    Column("closing_note", "Catatan penutupan", None, width=200),
]


def _color(row: dto.ActionRow):  # type: ignore[no-untyped-def]
    if row.overdue:
        return OVERDUE_COLOR
    if row.status == ActionStatus.DONE:
        return DONE_COLOR
    return None


class ActionTrackerPage(QWidget):
    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        self._job = None
        title = QLabel("<h2>Tindak Lanjut Rapat</h2>")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Cari uraian tindak lanjut…")
        self.search.setClearButtonEnabled(True)
        self.owner = QComboBox()
        self.owner.setEditable(True)
        self.owner.addItem("")
        self.owner.addItems(tracker.action_owners(app, actor))
        self.owner.lineEdit().setPlaceholderText("Penanggung jawab")
        self.desa = desa_combo(app, first="Semua desa/kelurahan")
        self.status = QComboBox()
        self.status.addItem("Semua status", "")
        self.status.addItem("Belum selesai (semua)", "open_all")
        for s in ActionStatus:
            self.status.addItem(s.label, s.value)
        self.overdue = QCheckBox("Lewat batas waktu")
        self.use_dates = QCheckBox("Rapat dalam periode")
        self.date_from = date_edit(clock.today().replace(month=1, day=1))
        self.date_to = date_edit(clock.today())
        filters = QHBoxLayout()
        for w in (self.owner, self.desa, self.status):  # narrow enough for 1024 px screens
            w.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            w.setMinimumContentsLength(10)
        filters.addWidget(self.search, 3)
        filters.addWidget(self.owner, 2)
        filters.addWidget(self.desa, 1)
        filters.addWidget(self.status, 1)
        dates = QHBoxLayout()
        for w in (self.overdue, self.use_dates, self.date_from, QLabel("s.d."), self.date_to):
            dates.addWidget(w)
        dates.addStretch(1)
        self.summary = QLabel()

        self.source = tracker.ActionPageSource(app, actor)
        self.model = PagedQueryModel(self.source, COLUMNS, page_size=100,
                                     default_sort="due_date", descending=False,
                                     row_background=_color, parent=self)
        self.view = PagedTableView(self.model, self)
        # Oldest due date first: what is overdue comes to the top.
        self.view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.table.activated.connect(lambda _i: self.update_selected())

        self.update_button = QPushButton("Catat perkembangan…")
        self.history_button = QPushButton("Riwayat")
        self.open_button = QPushButton("Buka rapat asal")
        self.export_button = QPushButton("Ekspor Excel…")
        buttons = QHBoxLayout()
        for b, handler in ((self.update_button, self.update_selected),
                           (self.history_button, self.show_history),
                           (self.open_button, self.open_meeting),
                           (self.export_button, self.export)):
            b.clicked.connect(handler)
            buttons.addWidget(b)
        buttons.addStretch(1)
        legend = QLabel("Merah: lewat batas waktu · hijau: selesai")
        legend.setStyleSheet("color: #555;")
        self.update_button.setEnabled(actor.can(Permission.ACTION_UPDATE))
        self.export_button.setEnabled(actor.can(Permission.DATA_EXPORT))

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addLayout(dates)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        footer = QHBoxLayout()
        footer.addWidget(legend)
        footer.addStretch(1)
        footer.addWidget(self.summary)
        layout.addLayout(footer)

        self._debounce = QTimer(self, singleShot=True, interval=300)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.owner.currentTextChanged.connect(lambda _t: self._debounce.start())
        for combo in (self.desa, self.status):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        for check in (self.overdue, self.use_dates):
            check.toggled.connect(lambda _c: self.apply_filter())
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self.use_dates.isChecked() and self.apply_filter())
        self.apply_filter()
        watch_changes(self, {ACTIONS, MEETINGS}, self.refresh)
        for keys, slot in ((QKeySequence.StandardKey.Find, self.search.setFocus),
                           (QKeySequence.StandardKey.Refresh, self.refresh)):
            QShortcut(keys, self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def current_filter(self) -> tracker.ActionFilter:
        dated = self.use_dates.isChecked()
        return tracker.ActionFilter(
            text=self.search.text(), owner=self.owner.currentText(),
            desa_code=self.desa.currentData() or "", status=self.status.currentData(),
            overdue_only=self.overdue.isChecked(),
            date_from=pydate(self.date_from.date()) if dated else None,
            date_to=pydate(self.date_to.date()) if dated else None)

    def apply_filter(self) -> None:
        def load() -> int:
            self.model.set_filter(self.current_filter())
            return self.source.count(ActionFilter(overdue_only=True))

        Op(self, load).success(
            lambda overdue: self.summary.setText(f"Seluruhnya lewat batas: {overdue}")).run()

    def refresh(self) -> None:
        self.apply_filter()

    def selected(self) -> ActionRow | None:
        row = self.view.selected_row()
        if row is None:
            messages.info(self, "Pilih satu tindak lanjut terlebih dahulu.")
        return row

    def update_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        self.dialog = ActionUpdateDialog(self.app, self.actor, row, None, self)
        self.dialog.open()

    def show_history(self) -> None:
        row = self.selected()
        if row is None:
            return

        def show(history: list) -> None:  # type: ignore[type-arg]
            lines = [f"{format_datetime(h.at)} · {h.by_name}: {h.new_status_label}"
                     + (f" — {h.note}" if h.note else "")
                     + (f" (dibahas pada rapat #{h.meeting_id})" if h.meeting_id else "")
                     for h in history] or ["Belum ada perkembangan yang dicatat."]
            messages.info(self, f"{row.what}\n\n" + "\n".join(lines), "Riwayat tindak lanjut")

        Op(self, lambda: actions.action_history(self.app, self.actor, row.id)) \
            .success(show).run()

    def open_meeting(self) -> None:
        row = self.selected()
        if row is None:
            return
        from desktop_app.meetings.gui.editor import MeetingEditorDialog

        dialog = MeetingEditorDialog(self.app, self.actor, row.meeting_id, self, initial_tab=5)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.editor = dialog
        dialog.open()

    def export(self) -> None:
        target = pdf.ask_save_path(self, "Simpan ekspor", "ruko-parsel-tindak-lanjut.xlsx",
                                   "Excel (*.xlsx)")
        if target is None:
            return
        flt = self.current_filter()
        Op(self, lambda _p: export.export_actions(self.app, self.actor, target, flt),
           title="Mengekspor…").success(lambda result: messages.info(
               self, f"{format_number(result[1])} tindak lanjut diekspor ke {result[0]}.")).run_in_background()
