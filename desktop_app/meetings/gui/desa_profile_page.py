"""RUKO PARSEL: one desa's page — the timeline of its meetings, problems, actions and their
progress, newest first, with its open and overdue actions counted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.formatting import format_date
from desktop_app.core.gui import messages
from desktop_app.core.gui.operations import ACTIONS, MEETINGS, Op, watch_changes
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.meetings.gui.common import (
    OVERDUE_COLOR,
    choose,
    desa_combo,
    row_data,
    set_table,
)
from desktop_app.meetings.services import desa_profile

HEADERS = ["Tanggal", "Jenis", "Judul", "Keterangan", "Status"]


class DesaProfilePage(QWidget):
    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        self.profile: desa_profile.DesaProfile | None = None
        title = QLabel("<h2>Profil Desa: riwayat koordinasi</h2>")
        self.desa = desa_combo(app, first="— pilih desa/kelurahan —")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget()
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.open_button = QPushButton("Buka rapat")
        self.open_button.clicked.connect(self.open_meeting)
        self.table.activated.connect(lambda _i: self.open_meeting())
        top = QHBoxLayout()
        top.addWidget(QLabel("Desa/Kelurahan"))
        top.addWidget(self.desa, 1)
        top.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.desa.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh()
        watch_changes(self, {MEETINGS, ACTIONS}, self.refresh)

    def show_desa(self, code: str) -> None:
        choose(self.desa, code)
        self.refresh()

    def refresh(self) -> None:
        code = self.desa.currentData()
        if not code:
            self.profile = None
            self.summary.setText("Pilih desa/kelurahan untuk melihat riwayat rapat, masalah dan "
                                 "tindak lanjutnya.")
            set_table(self.table, HEADERS, [])
            return
        Op(self, lambda: desa_profile.desa_timeline(self.app, self.actor, code)) \
            .success(self._show).run()

    def _show(self, p: desa_profile.DesaProfile) -> None:
        self.profile = p
        self.summary.setText(
            f"<b>{p.desa_name}</b>: {p.meetings} rapat · {p.problems} masalah dicatat · "
            f"{p.open_actions} tindak lanjut belum selesai"
            + (f" (<span style='color:#b00020'>{p.overdue_actions} lewat batas waktu</span>)"
               if p.overdue_actions else "") + f" · {p.done_actions} selesai")
        set_table(self.table, HEADERS,
                  [[format_date(e.on), e.kind, e.title, e.detail, e.status] for e in p.events],
                  data=[e.meeting_id for e in p.events],
                  colors=[OVERDUE_COLOR if e.overdue else None for e in p.events])
        for col, width in enumerate((130, 110, 300, 400)):
            self.table.setColumnWidth(col, width)
        self.table.resizeRowsToContents()

    def open_meeting(self) -> None:
        mid = row_data(self.table)
        if mid is None:
            messages.info(self, "Pilih satu baris terlebih dahulu.")
            return
        from desktop_app.meetings.gui.editor import MeetingEditorDialog

        dialog = MeetingEditorDialog(self.app, self.actor, int(mid), self)  # type: ignore[arg-type]
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.editor = dialog
        dialog.open()  # this page refreshes itself when the editor changes something
