"""Weights from pairwise comparisons (AHP, Saaty's 1–9 scale) with the consistency ratio."""

from __future__ import annotations

from fractions import Fraction

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.formatting import format_number
from desktop_app.ranking.domain.ahp import SAATY_SCALE, ahp_weights, build_matrix


class AhpDialog(QDialog):
    """Pairwise comparisons on Saaty's 1–9 scale → weights and consistency ratio."""

    def __init__(self, names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Bobot dari perbandingan berpasangan (AHP)")
        self.resize(900, 560)
        self.names = names
        self.result_weights: list[float] | None = None
        n = len(names)
        help_text = ", ".join(f"{k} = {v}" for k, v in SAATY_SCALE.items())
        intro = QLabel(
            "Isi seberapa penting kriteria di baris dibanding kriteria di kolom. Skala Saaty: "
            f"{help_text}; 2, 4, 6, 8 nilai antara. Jika kolom lebih penting, tulis kebalikan "
            "(mis. 1/3). Sel di bawah diagonal terisi otomatis.")
        intro.setWordWrap(True)
        self.table = QTableWidget(n, n)
        self.table.setHorizontalHeaderLabels([f"K{j + 1}" for j in range(n)])
        self.table.setVerticalHeaderLabels([f"K{i + 1} {name}" for i, name in enumerate(names)])
        for i in range(n):
            for j in range(n):
                item = QTableWidgetItem("1")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if j <= i:
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(i, j, item)
        self.table.itemChanged.connect(self._mirror)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.compute_button = QPushButton("Hitung &bobot")
        self.compute_button.clicked.connect(self.compute)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Pakai bobot ini")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Batal")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        grid = QGridLayout()
        grid.addWidget(self.compute_button, 0, 0)
        grid.addWidget(self.result_label, 0, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        layout.addWidget(buttons)

    def set_judgement(self, i: int, j: int, text: str) -> None:
        self.table.item(i, j).setText(text)  # type: ignore[union-attr]

    def _mirror(self, item: QTableWidgetItem) -> None:
        i, j = item.row(), item.column()
        if j <= i:
            return
        try:
            value = Fraction(item.text().strip().replace(",", "."))
            text = str(1 / value) if value else "?"
        except (ValueError, ZeroDivisionError):
            text = "?"
        self.table.blockSignals(True)
        self.table.item(j, i).setText(text)  # type: ignore[union-attr]
        self.table.blockSignals(False)

    def compute(self) -> bool:
        n = len(self.names)
        judgements = {}
        try:
            for i in range(n):
                for j in range(i + 1, n):
                    text = self.table.item(i, j).text().strip().replace(",", ".")  # type: ignore
                    judgements[(i, j)] = float(Fraction(text))
            result = ahp_weights(build_matrix(n, judgements))
        except (ValueError, ZeroDivisionError) as exc:
            self.result_label.setText(f"<span style='color:#B00020'>Nilai tidak sah: "
                                      f"{exc}</span>")
            return False
        self.result_weights = result.weights
        parts = ", ".join(f"K{i + 1} {format_number(w, 3)}"
                          for i, w in enumerate(result.weights))
        cr = f"Rasio konsistensi (CR) = {format_number(result.consistency_ratio, 3)}"
        warn = f"<br><span style='color:#B00020'>{result.warning}</span>" \
            if result.warning else " (konsisten, ≤ 0,1)"
        self.result_label.setText(f"Bobot (vektor eigen utama, metode Saaty): {parts}.<br>"
                                  f"{result.summary}.<br>{cr}{warn}")
        return True

    def _accept(self) -> None:
        if self.compute():
            self.accept()
