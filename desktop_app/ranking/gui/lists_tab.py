"""Frozen priority lists: show one, approve it (pimpinan), compare two."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.formatting import format_datetime
from desktop_app.core.domain.roles import Permission
from desktop_app.core.gui import messages
from desktop_app.core.gui.conflict import ConflictBanner
from desktop_app.core.gui.operations import PRIORITY_LISTS, Op, watch_changes
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.ranking.domain.lists import Movement
from desktop_app.ranking.gui.common import fill_table, readonly_table
from desktop_app.ranking.services import comparison, lists
from desktop_app.ranking.services.lists import PriorityListInfo


class FrozenListsTab(QWidget):
    open_requested = Signal(object)  # the PriorityListInfo to show

    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        self.category = ""
        self.lists: list[PriorityListInfo] = []
        self.compare_dialog: CompareDialog | None = None
        self.table = readonly_table()
        self.table.setSelectionMode(QTableWidget.SelectionMode.ExtendedSelection)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.open_button = QPushButton("Tampilka&n")
        self.approve_button = QPushButton("&Setujui (pimpinan)…")
        self.compare_button = QPushButton("Bandin&gkan dua daftar…")
        for button, handler in ((self.open_button, self.open_selected),
                                (self.approve_button, self.approve),
                                (self.compare_button, self.compare)):
            button.clicked.connect(handler)
        self.approve_button.setEnabled(actor.can(Permission.RANKING_APPROVE))
        line = QHBoxLayout()
        for b in (self.open_button, self.approve_button, self.compare_button):
            line.addWidget(b)
        line.addStretch(1)
        hint = QLabel("Daftar beku tidak pernah berubah walaupun data atau bobot berubah. "
                      "Pilih dua daftar (Ctrl+klik) untuk membandingkan.")
        hint.setWordWrap(True)
        # Approving a list another desk changed meanwhile (approved it first): refused, said
        # here; «Muat ulang» shows the lists as stored.
        self.conflict = ConflictBanner(self, keep_text="Tutup pesan")
        self.conflict.reload_requested.connect(self.reload)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.conflict)
        layout.addWidget(self.table, 1)
        layout.addLayout(line)
        watch_changes(self, {PRIORITY_LISTS}, self.reload)

    def set_category(self, category: str) -> None:
        self.category = category
        self.reload()

    def reload(self) -> None:
        Op(self, lambda: lists.frozen_lists(self.app, self.actor, self.category)) \
            .success(self._show).run()

    def _show(self, found: list[PriorityListInfo]) -> None:
        self.lists = found
        fill_table(self.table, ["No", "Judul", "Metode", "Kriteria", "Dibekukan", "Oleh",
                                "Status", "Diperingkat"],
                   [[i.number, i.title, i.method_label, i.criteria_label,
                     format_datetime(i.frozen_at), i.created_by_name, i.status_label
                     + (f" ({i.approved_by_name})" if i.approved_by_name else ""),
                     i.ranked_count] for i in found])
        self.table.setColumnWidth(1, 260)

    def selected(self) -> list[PriorityListInfo]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.lists[r] for r in rows if r < len(self.lists)]

    def select_list(self, list_id: int) -> None:
        for row, info in enumerate(self.lists):
            if info.id == list_id:
                self.table.selectRow(row)
                self.table.setFocus()
                return

    def open_selected(self) -> None:
        chosen = self.selected()
        if not chosen:
            messages.info(self, "Pilih satu daftar terlebih dahulu.")
            return
        self.open_requested.emit(chosen[0])

    def approve(self) -> None:
        chosen = self.selected()
        if not chosen:
            messages.info(self, "Pilih satu daftar terlebih dahulu.")
            return
        target = chosen[0]
        note = messages.ask_text(self, "Setujui daftar prioritas",
                                 f"Catatan persetujuan untuk daftar no. {target.number} "
                                 f"“{target.title}”:", "")
        if note is None:
            return
        Op(self, lambda: lists.approve(self.app, self.actor, target.id, note,
                                       version=target.version),
           changes={PRIORITY_LISTS}) \
            .success(lambda info: messages.info(self, f"Daftar “{info.title}” disetujui.")) \
            .failure(self.conflict.show_refusal).run()

    def compare(self) -> None:
        chosen = self.selected()
        if len(chosen) != 2:
            messages.info(self, "Pilih tepat dua daftar (Ctrl+klik) untuk dibandingkan.")
            return
        older, newer = sorted(chosen, key=lambda i: i.id)

        def show(moves: list[Movement]) -> None:
            self.compare_dialog = CompareDialog(older, newer, moves, self)
            self.compare_dialog.show()

        Op(self, lambda: comparison.compare(self.app, self.actor, older.id, newer.id)) \
            .success(show).run()


class CompareDialog(QDialog):
    def __init__(self, older: PriorityListInfo, newer: PriorityListInfo,
                 moves: list[Movement], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Perbandingan daftar prioritas")
        self.resize(820, 560)
        self.moves = moves
        self.table = readonly_table()
        fill_table(self.table, ["Nomor", "Nama", f"Peringkat di A (no. {older.number})",
                                f"Peringkat di B (no. {newer.number})", "Perubahan"],
                   [[m.number, m.name, m.rank_a or "-", m.rank_b or "-", m.label]
                    for m in moves])
        for r, m in enumerate(moves):
            color = QColor("#E3F4E1") if (m.change or 0) > 0 else QColor("#FDE2E1") \
                if (m.change or 0) < 0 else None
            if color is not None:
                for c in range(self.table.columnCount()):
                    self.table.item(r, c).setBackground(color)  # type: ignore[union-attr]
        up = sum(1 for m in moves if (m.change or 0) > 0)
        down = sum(1 for m in moves if (m.change or 0) < 0)
        label = QLabel(f"A: {older.title} · B: {newer.title}<br>{up} naik, {down} turun, "
                       f"{sum(1 for m in moves if m.rank_a is None)} baru masuk, "
                       f"{sum(1 for m in moves if m.rank_b is None)} keluar.")
        label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("&Tutup")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
