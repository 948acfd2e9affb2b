"""Why a row stands where it does: each criterion's value, normalised value, weight and
contribution, with the score sheet to print. Shown under the ranked table and, on Enter or a
double click, in its own window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.gui.operations import Op
from desktop_app.core.gui.printing import print_preview
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.ranking.domain.criteria import format_value
from desktop_app.ranking.domain.methods import Criterion, Direction, Method
from desktop_app.ranking.gui.common import fill_table, readonly_table, score_text
from desktop_app.ranking.services import explanation as explaining
from desktop_app.ranking.services import printing
from desktop_app.ranking.services.explanation import Explanation

PROMPT = "Pilih satu baris untuk melihat rincian skornya (Enter: buka di jendela sendiri)."


class ExplainPanel(QWidget):
    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        self.list_id: int | None = None
        self.submission_id: int | None = None
        self.criteria: list[Criterion] = []
        self.title = QLabel(PROMPT)
        self.title.setWordWrap(True)
        self.table = readonly_table()
        self.table.setMinimumHeight(120)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.sheet_button = QPushButton("Cetak &lembar penilaian")
        self.sheet_button.setEnabled(False)
        self.sheet_button.clicked.connect(self.print_sheet)
        side = QVBoxLayout()
        side.addWidget(self.title)
        side.addWidget(self.note, 1)
        side.addWidget(self.sheet_button)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 3)
        layout.addLayout(side, 2)

    def clear(self) -> None:
        self.submission_id = None
        self.table.setRowCount(0)
        self.title.setText(PROMPT)
        self.note.setText("")
        self.sheet_button.setEnabled(False)

    def explain(self, list_id: int, criteria: list[Criterion], submission_id: int) -> None:
        self.list_id, self.criteria = list_id, criteria
        Op(self, lambda: explaining.explain(self.app, self.actor, list_id, submission_id)) \
            .success(self.show_explanation).run()

    def show_explanation(self, e: Explanation) -> None:
        self.submission_id = e.submission_id
        by_key = {c.key: c for c in self.criteria}
        rows = [[p.name, "Benefit" if p.direction is Direction.BENEFIT else "Cost",
                 format_value(by_key[p.key], p.value), score_text(p.normalised),
                 score_text(p.weight), score_text(p.contribution)] for p in e.contributions]
        if e.method == Method.SAW.value:
            rows.append(["Jumlah = skor", "", "", "", "",
                         score_text(sum(p.contribution for p in e.contributions))])
        fill_table(self.table, ["Kriteria", "Arah", "Nilai", "Nilai normal", "Bobot",
                                "Bobot × normal"], rows)
        if e.eligible:
            self.title.setText(f"<b>{e.number} · {e.name}</b><br>Peringkat {e.rank} dari "
                               f"{e.ranked_count} · skor {score_text(e.score)}")
        else:
            self.title.setText(f"<b>{e.number} · {e.name}</b><br>Tidak diperingkat: {e.reason}")
        notes = []
        if e.method == Method.TOPSIS.value:
            distances = ""
            if e.distances is not None:
                distances = (f" D⁺ = {score_text(e.distances[0])}; "
                             f"D⁻ = {score_text(e.distances[1])};")
            notes.append("TOPSIS: kolom terakhir adalah nilai terbobot;"
                         f"{distances} skor = D⁻ ÷ (D⁺ + D⁻).")
        if e.missing:
            notes.append("Nilai kosong: " + ", ".join(e.missing) +
                         " (dihitung sebagai nilai paling tidak mendesak).")
        if e.data_changed:
            notes.append("Data usulan ini berubah setelah peringkat dihitung; hitung ulang "
                         "untuk memakai data terbaru.")
        self.note.setText("\n".join(notes))
        self.sheet_button.setEnabled(True)

    def print_sheet(self) -> None:
        list_id, sid = self.list_id, self.submission_id
        if list_id is None or sid is None:
            return
        print_preview(self, self.app, f"lembar-penilaian-{sid}",
                      lambda target, progress: printing.print_score_sheet(
                          self.app, self.actor, list_id, sid, target, progress))


class ExplainDialog(QDialog):
    """One row's explanation in its own window (Enter or a double click on the row)."""

    def __init__(self, app: AppContext, actor: Actor, list_id: int, criteria: list[Criterion],
                 submission_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Rincian skor")
        self.resize(860, 420)
        self.panel = ExplainPanel(app, actor, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("&Tutup")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)
        QShortcut(QKeySequence.StandardKey.Print, self, self.panel.print_sheet)
        self.panel.explain(list_id, criteria, submission_id)
