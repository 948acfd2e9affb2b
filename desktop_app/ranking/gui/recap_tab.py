"""Counts per desa/kelurahan, RT/RW or kecamatan for the list shown."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.core.gui.operations import Op
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.ranking.domain.lists import RecapLevel
from desktop_app.ranking.gui.common import fill_table, readonly_table
from desktop_app.ranking.services import recaps
from desktop_app.ranking.services.lists import PriorityListInfo
from desktop_app.ranking.services.recaps import RecapRow


class RecapTab(QWidget):
    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        self.info: PriorityListInfo | None = None
        self.level = QComboBox()
        for value, label in RecapLevel.choices():
            self.level.addItem(label, value)
        self.level.currentIndexChanged.connect(lambda _i: self.load())
        self.table = readonly_table()
        line = QHBoxLayout()
        line.addWidget(QLabel("Rekap dari daftar yang sedang ditampilkan:"))
        line.addWidget(self.level)
        line.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(line)
        layout.addWidget(self.table, 1)

    def set_list(self, info: PriorityListInfo | None) -> None:
        self.info = info
        if self.isVisible():
            self.load()

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.load()

    def load(self) -> None:
        info = self.info
        if info is None:
            fill_table(self.table, ["Belum ada peringkat"], [])
            return
        level = RecapLevel(self.level.currentData())
        Op(self, lambda: recaps.recap(self.app, self.actor, info.id, level)) \
            .success(lambda rows: self._show(level, rows)).run()

    def _show(self, level: RecapLevel, rows: list[RecapRow]) -> None:
        data: list[list[Any]] = [[r.label, r.submitted, r.verified, r.eligible, r.ineligible,
                                  r.best_rank or "-"] for r in rows]
        data.append(["Jumlah", sum(r.submitted for r in rows), sum(r.verified for r in rows),
                     sum(r.eligible for r in rows), sum(r.ineligible for r in rows), ""])
        fill_table(self.table, [level.heading, "Jumlah usulan", "Dinilai (terverifikasi)",
                                "Memenuhi syarat (diperingkat)", "Tidak memenuhi syarat",
                                "Peringkat terbaik"], data)
