"""RUKO PARSEL recap for a period: meetings per desa, problems per topic, actions done on
time, late and open — the evidence reported for the regional innovation index."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain import clock
from desktop_app.core.domain.formatting import format_number, format_percent
from desktop_app.core.domain.roles import Permission
from desktop_app.core.gui import messages, pdf
from desktop_app.core.gui.operations import ACTIONS, MEETING_LISTS, MEETINGS, Op, watch_changes
from desktop_app.core.gui.printing import print_preview
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.meetings.gui.common import date_edit, pydate, set_table
from desktop_app.meetings.services import export, printing, recap


def _table() -> QTableWidget:
    table = QTableWidget()
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().setVisible(False)
    return table


class MeetingRecapPage(QWidget):
    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        self._job = None
        self.recap: recap.Recap | None = None
        title = QLabel("<h2>Rekap RUKO PARSEL</h2>")
        today = clock.today()
        self.date_from = date_edit(today.replace(month=1, day=1))
        self.date_to = date_edit(today)
        self.show_button = QPushButton("Tampilkan")
        self.export_button = QPushButton("Ekspor Excel…")
        self.print_button = QPushButton("Cetak PDF")
        self.show_button.clicked.connect(self.refresh)
        self.export_button.clicked.connect(self.export)
        self.print_button.clicked.connect(self.print_pdf)
        self.export_button.setEnabled(actor.can(Permission.DATA_EXPORT))
        top = QHBoxLayout()
        for w in (QLabel("Periode"), self.date_from, QLabel("s.d."), self.date_to,
                  self.show_button, self.export_button, self.print_button):
            top.addWidget(w)
        top.addStretch(1)
        box = QGroupBox("Ringkasan")
        grid = QGridLayout(box)
        self.values: dict[str, QLabel] = {}
        for i, (key, label) in enumerate((
                ("meetings", "Rapat/kunjungan"), ("final_meetings", "Notulen final"),
                ("attendees_present", "Peserta hadir"), ("problems", "Masalah dicatat"),
                ("actions", "Tindak lanjut"), ("done_on_time", "Selesai tepat waktu"),
                ("done_late", "Selesai terlambat"), ("open", "Belum selesai"),
                ("overdue", "Lewat batas waktu"), ("cancelled", "Dibatalkan"),
                ("completion_rate", "Persentase selesai"))):
            value = QLabel("-")
            value.setStyleSheet("font-size: 16px; font-weight: bold;")
            self.values[key] = value
            grid.addWidget(QLabel(label), (i // 4) * 2, i % 4)
            grid.addWidget(value, (i // 4) * 2 + 1, i % 4)
        self.per_desa = _table()
        self.per_topic = _table()
        self.per_kind = _table()
        tables = QHBoxLayout()
        for caption, table in (("Rapat per desa/kelurahan", self.per_desa),
                               ("Masalah per topik", self.per_topic),
                               ("Rapat per jenis", self.per_kind)):
            group = QGroupBox(caption)
            QVBoxLayout(group).addWidget(table)
            tables.addWidget(group, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addWidget(box)
        layout.addLayout(tables, 1)
        self.refresh()
        watch_changes(self, {MEETINGS, ACTIONS, MEETING_LISTS}, self.refresh)

    def period(self) -> tuple[date, date]:
        return pydate(self.date_from.date()), pydate(self.date_to.date())

    def refresh(self) -> None:
        start, end = self.period()
        Op(self, lambda: recap.recap(self.app, self.actor, start, end)).success(self._show).run()

    def _show(self, r: recap.Recap) -> None:
        self.recap = r
        for key, label in self.values.items():
            value = getattr(r, key)
            label.setText(format_percent(value) if key == "completion_rate"
                          else format_number(value))
        set_table(self.per_desa, ["Desa/Kelurahan", "Rapat"],
                  [[n, c] for n, c in r.meetings_per_desa])
        set_table(self.per_topic, ["Topik", "Masalah"], [[n, c] for n, c in r.problems_per_topic])
        set_table(self.per_kind, ["Jenis rapat", "Rapat"], [[n, c] for n, c in r.meetings_per_kind])
        for table in (self.per_desa, self.per_topic, self.per_kind):
            header = table.horizontalHeader()
            header.setStretchLastSection(False)
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
            table.resizeRowsToContents()

    def export(self) -> None:
        target = pdf.ask_save_path(self, "Simpan rekap", "rekap-ruko-parsel.xlsx",
                                   "Excel (*.xlsx)")
        if target is None:
            return
        start, end = self.period()
        Op(self, lambda _p: export.export_recap(self.app, self.actor, start, end, target),
           title="Mengekspor rekap…").success(
            lambda path: messages.info(self, f"Rekap diekspor ke {path}.")).run_in_background()

    def print_pdf(self) -> None:
        start, end = self.period()
        print_preview(self, self.app, "rekap-ruko-parsel",
                      lambda target, _p: printing.print_recap(self.app, self.actor, start, end,
                                                              target))
