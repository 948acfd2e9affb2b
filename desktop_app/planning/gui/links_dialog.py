"""Usulan from other features: the entries of a frozen KULA RAKAT priority list, or a problem
raised in a RUKO PARSEL meeting (the form opens pre-filled)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.formatting import format_date_short, format_decimal, format_number
from desktop_app.core.domain.roles import Permission
from desktop_app.core.gui import messages
from desktop_app.core.gui.operations import PLANNING, SUBMISSIONS, Op
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.planning.domain.proposals import ProposalInput
from desktop_app.planning.gui.widgets import combo, fill_table, selected_data
from desktop_app.planning.services import links


class LinksDialog(QDialog):
    def __init__(self, app: AppContext, actor: Actor, year: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor, self.year = app, actor, year
        self.setWindowTitle(f"Usulan dari KULA RAKAT dan rapat (tahun rencana {year})")
        self.resize(900, 560)
        self.tabs = QTabWidget()
        # Each source shows only to those who may read it (an operator enters usulan but does
        # not see KULA RAKAT's ranked lists).
        if actor.can(Permission.RANKING_RUN):
            self.tabs.addTab(self._list_tab(), "Daftar prioritas KULA RAKAT")
        if actor.can(Permission.MEETING_VIEW):
            self.tabs.addTab(self._problem_tab(), "Masalah rapat RUKO PARSEL")
        close = QPushButton("Tutup")
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(close)

    # -- KULA RAKAT ------------------------------------------------------------------------------
    def _list_tab(self) -> QWidget:
        page = QWidget()
        self.lists = combo(((x.id, f"{x.title} ({format_number(x.ranked)} data)")
                            for x in links.frozen_lists(self.app, self.actor)),
                           "— pilih daftar prioritas yang dibekukan —")
        self.entries = QTableWidget()
        self.entries.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.make_button = QPushButton("Buat usulan dari baris terpilih")
        self.lists.currentIndexChanged.connect(self._load_entries)
        self.make_button.clicked.connect(self.make_from_list)
        v = QVBoxLayout(page)
        v.addWidget(self.lists)
        v.addWidget(QLabel("Pilih satu atau beberapa baris (Ctrl/Shift + klik). Biaya dihitung "
                           "dari kamus usulan; lengkapi setelah dibuat."))
        v.addWidget(self.entries, 1)
        v.addWidget(self.make_button)
        return page

    def _load_entries(self) -> None:
        list_id = self.lists.currentData()
        rows = links.list_entries(self.app, self.actor, list_id) if list_id else []
        fill_table(self.entries, ["Peringkat", "Nomor", "Nama", "Desa", "Skor"],
                   [[r.rank, r.number, r.name, r.desa,
                     format_decimal(r.score, 3)] for r in rows],
                   data=[r.submission_id for r in rows], right=(0, 4))
        self.entries.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)

    def make_from_list(self) -> None:
        ids = sorted({int(self.entries.item(i.row(), 0).data(Qt.ItemDataRole.UserRole))
                      for i in self.entries.selectionModel().selectedRows()})
        if not ids:
            messages.info(self, "Pilih baris daftar prioritas terlebih dahulu.")
            return
        (Op(self, lambda: links.from_priority_list(self.app, self.actor, self.year, ids),
            changes={PLANNING, SUBMISSIONS})
         .success(lambda r: messages.info(self, r.text, "Usulan dibuat")).run())

    # -- RUKO PARSEL -----------------------------------------------------------------------------
    def _problem_tab(self) -> QWidget:
        page = QWidget()
        self.problems = links.problems_raised(self.app, self.actor)
        self.problem_table = QTableWidget()
        fill_table(self.problem_table, ["Tanggal", "Rapat", "Desa", "Topik", "Masalah"],
                   [[format_date_short(p.held_on), p.meeting_title, p.desa_name, p.topic,
                     p.description] for p in self.problems],
                   data=list(range(len(self.problems))))
        self.problem_button = QPushButton("Tulis usulan dari masalah ini…")
        self.problem_button.clicked.connect(self.make_from_problem)
        v = QVBoxLayout(page)
        v.addWidget(self.problem_table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.problem_button)
        v.addLayout(row)
        return page

    def make_from_problem(self) -> None:
        index = selected_data(self.problem_table)
        if index is None:
            messages.info(self, "Pilih satu masalah rapat terlebih dahulu.")
            return
        p = self.problems[int(index)]
        from desktop_app.planning.gui.proposal_dialog import ProposalDialog

        prefill = ProposalInput(
            year=self.year, desa_code=p.desa_code or "", problem=p.description, work="",
            proposer_name="", unit="", volume=0, unit_price=-1,
            note=f"Dari rapat '{p.meeting_title}' ({format_date_short(p.held_on)}).")
        ProposalDialog(self.app, self.actor, self, year=self.year, desa_code=p.desa_code,
                       prefill=prefill, meeting_problem=(p.meeting_id, p.id)).exec()
