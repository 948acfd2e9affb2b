"""The meeting editor's *Masalah* tab: problems raised, each turned into a follow-up action
when needed."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop_app.core.gui import messages
from desktop_app.core.gui.operations import MEETINGS, Op
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.meetings.gui.common import ActionDialog, ProblemDialog, choose, row_data, set_table
from desktop_app.meetings.gui.editor.tables import editor_table, size_columns
from desktop_app.meetings.services import problems
from desktop_app.meetings.services.dto import MeetingDetail, ProblemInfo

HEADERS = ["No", "Desa", "Topik", "Permasalahan", "Tanggapan", "Status"]


class ProblemsTab(QWidget):
    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        self.detail: MeetingDetail | None = None
        self.dialog: QDialog | None = None
        self.table = editor_table(HEADERS)
        self.add_button = QPushButton("Tambah…")
        self.edit_button = QPushButton("Ubah…")
        self.delete_button = QPushButton("Hapus")
        self.action_button = QPushButton("Buat tindak lanjut…")
        self.add_button.clicked.connect(lambda: self.add())
        self.edit_button.clicked.connect(lambda: self.edit_selected())
        self.delete_button.clicked.connect(lambda: self.delete_selected())
        self.action_button.clicked.connect(lambda: self.action_from_selected())
        self.table.activated.connect(lambda _i: self.edit_selected())
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.delete_button, self.action_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        v = QVBoxLayout(self)
        v.addWidget(self.table, 1)
        v.addLayout(buttons)

    def show_meeting(self, d: MeetingDetail) -> None:
        self.detail = d
        set_table(self.table, HEADERS,
                  [[p.position, p.desa_name, p.topic_label, p.description, p.answer,
                    p.status_label] for p in d.problems], data=list(d.problems))
        size_columns(self.table)

    def set_state(self, *, editable: bool) -> None:
        for b in (self.add_button, self.edit_button, self.delete_button, self.action_button):
            b.setEnabled(editable)

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.open()

    def add(self) -> None:
        if self.detail is not None:
            self._open(ProblemDialog(self.app, self.actor, self.detail.id, self.detail.desa,
                                     parent=self))

    def edit_selected(self) -> None:
        info = row_data(self.table)
        if info is not None and self.detail is not None:
            self._open(ProblemDialog(self.app, self.actor, self.detail.id, self.detail.desa,
                                     info, self))  # type: ignore[arg-type]

    def delete_selected(self) -> None:
        info = row_data(self.table)
        if info is not None and messages.confirm(self, "Hapus masalah ini?"):
            pid = info.id  # type: ignore[attr-defined]
            Op(self, lambda: problems.delete_problem(self.app, self.actor, pid),
               changes={MEETINGS}).run()

    def action_from_selected(self) -> None:
        info: ProblemInfo | None = row_data(self.table)  # type: ignore[assignment]
        if info is None:
            messages.info(self, "Pilih satu masalah terlebih dahulu.")
            return
        if self.detail is None:
            return
        dialog = ActionDialog(self.app, self.actor, self.detail.id, self.detail.desa,
                              problems=self.detail.problems, parent=self)
        choose(dialog.problem, info.id)
        choose(dialog.desa, info.desa_code)
        self._open(dialog)
