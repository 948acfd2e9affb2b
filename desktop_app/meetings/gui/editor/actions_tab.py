"""The meeting editor's *Tindak lanjut* tab: the actions agreed here and, below, the open
actions of this meeting's desa from earlier meetings, whose progress is recorded here."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.formatting import format_date
from desktop_app.core.domain.roles import Permission
from desktop_app.core.gui import messages
from desktop_app.core.gui.operations import ACTIONS, MEETINGS, Op
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.meetings.gui.common import (
    DONE_COLOR,
    OVERDUE_COLOR,
    ActionDialog,
    ActionUpdateDialog,
    row_data,
    set_table,
)
from desktop_app.meetings.gui.editor.tables import editor_table, size_columns
from desktop_app.meetings.services import actions
from desktop_app.meetings.services.dto import ActionRow, MeetingDetail

OWN = ["No", "Tindak lanjut", "Penanggung jawab", "Desa", "Batas waktu", "Status"]
CARRIED = ["Rapat asal", "Tindak lanjut", "Penanggung jawab", "Desa", "Batas waktu", "Status"]


class ActionsTab(QWidget):
    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        self.detail: MeetingDetail | None = None
        self.dialog: QDialog | None = None
        own = QGroupBox("Tindak lanjut yang disepakati pada rapat ini")
        self.table = editor_table(OWN)
        self.add_button = QPushButton("Tambah…")
        self.edit_button = QPushButton("Ubah…")
        self.delete_button = QPushButton("Hapus")
        self.add_button.clicked.connect(lambda: self.add())
        self.edit_button.clicked.connect(lambda: self.edit_selected())
        self.delete_button.clicked.connect(lambda: self.delete_selected())
        self.table.activated.connect(lambda _i: self.edit_selected())
        ob = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.delete_button):
            ob.addWidget(b)
        ob.addStretch(1)
        ov = QVBoxLayout(own)
        ov.addWidget(self.table, 1)
        ov.addLayout(ob)
        carried = QGroupBox("Tindak lanjut terbuka dari rapat sebelumnya (desa rapat ini) — "
                            "untuk dibahas")
        self.carried_table = editor_table(CARRIED)
        self.update_button = QPushButton("Catat perkembangan…")
        self.update_button.clicked.connect(lambda: self.update_carried())
        self.carried_table.activated.connect(lambda _i: self.update_carried())
        cb = QHBoxLayout()
        cb.addWidget(self.update_button)
        cb.addStretch(1)
        cv = QVBoxLayout(carried)
        cv.addWidget(self.carried_table, 1)
        cv.addLayout(cb)
        v = QVBoxLayout(self)
        v.addWidget(own, 1)
        v.addWidget(carried, 1)

    def show_meeting(self, d: MeetingDetail, carried: list[ActionRow]) -> None:
        self.detail = d
        set_table(self.table, OWN,
                  [[i, a.what, a.owner_name, a.desa_name, format_date(a.due_date),
                    a.status_label] for i, a in enumerate(d.actions, start=1)],
                  data=list(d.actions),
                  colors=[OVERDUE_COLOR if a.overdue else None for a in d.actions])
        set_table(self.carried_table, CARRIED,
                  [[f"{format_date(a.meeting_date)} · {a.meeting_title}", a.what,
                    a.owner_name, a.desa_name, format_date(a.due_date), a.status_label]
                   for a in carried], data=list(carried),
                  colors=[OVERDUE_COLOR if a.overdue else DONE_COLOR if not a.is_open
                          else None for a in carried])
        size_columns(self.table)
        size_columns(self.carried_table)

    def set_state(self, *, editable: bool) -> None:
        for b in (self.add_button, self.edit_button, self.delete_button):
            b.setEnabled(editable)
        self.update_button.setEnabled(editable and self.actor.can(Permission.ACTION_UPDATE))

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.open()

    def add(self) -> None:
        if self.detail is not None:
            self._open(ActionDialog(self.app, self.actor, self.detail.id, self.detail.desa,
                                    problems=self.detail.problems, parent=self))

    def edit_selected(self) -> None:
        info = row_data(self.table)
        if info is not None and self.detail is not None:
            self._open(ActionDialog(self.app, self.actor, self.detail.id, self.detail.desa,
                                    info, self.detail.problems, self))  # type: ignore[arg-type]

    def delete_selected(self) -> None:
        info = row_data(self.table)
        if info is not None and messages.confirm(self, "Hapus tindak lanjut ini?"):
            aid = info.id  # type: ignore[attr-defined]
            Op(self, lambda: actions.delete_action(self.app, self.actor, aid),
               changes={MEETINGS, ACTIONS}).run()

    def update_carried(self) -> None:
        info = row_data(self.carried_table)
        if info is None:
            messages.info(self, "Pilih satu tindak lanjut terlebih dahulu.")
            return
        if self.detail is not None:
            self._open(ActionUpdateDialog(self.app, self.actor, info,  # type: ignore[arg-type]
                                          self.detail.id, self))
