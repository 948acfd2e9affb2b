"""Kriteria peringkat: the criteria sets for physical and non-physical usulan (sources,
directions, weights), weights derived by AHP, saved as a new version."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.errors import ValidationError
from desktop_app.core.domain.formatting import format_number
from desktop_app.core.domain.roles import Permission
from desktop_app.core.gui import messages
from desktop_app.core.gui.conflict import ConflictBanner
from desktop_app.core.gui.operations import PLANNING, Op
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.planning.domain.criteria import SOURCES, ProposalKind
from desktop_app.planning.gui.widgets import combo, enum_combo, select
from desktop_app.planning.services import scoring
from desktop_app.ranking.domain.ahp import ahp_weights, build_matrix
from desktop_app.ranking.domain.methods import Criterion, Direction


class CriteriaTab(QWidget):
    HEADERS = ["Nama kriteria", "Sumber nilai", "Arah", "Bobot"]

    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        self.kind = enum_combo(ProposalKind)
        self.kind.currentIndexChanged.connect(self.load)
        self.version = QLabel()
        self.name = QLineEdit()
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setHorizontalHeaderLabels(self.HEADERS)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.add_button = QPushButton("Tambah kriteria")
        self.ahp_button = QPushButton("Bobot dengan AHP…")
        self.save_button = QPushButton("Simpan sebagai versi baru")
        self.add_button.clicked.connect(lambda: self._add_row(None))
        self.ahp_button.clicked.connect(self.ahp)
        self.save_button.clicked.connect(self.save)
        for b in (self.add_button, self.ahp_button, self.save_button):
            b.setEnabled(actor.can(Permission.PLANNING_FRAME))
        top = QHBoxLayout()
        top.addWidget(QLabel("Usulan"))
        top.addWidget(self.kind)
        top.addWidget(self.version, 1)
        row = QHBoxLayout()
        for b in (self.add_button, self.ahp_button, self.save_button):
            row.addWidget(b)
        row.addStretch(1)
        # Another desk saved a newer set since this one was shown: the typed criteria stay
        # until «Muat ulang» shows the set in use.
        self.conflict = ConflictBanner(self)
        self.conflict.reload_requested.connect(self.load)
        v = QVBoxLayout(self)
        v.addWidget(self.conflict)
        v.addLayout(top)
        v.addWidget(self.name)
        v.addWidget(self.table, 1)
        note = QLabel("Nilai 1–5 dinilai saat rembuk; cakupan, skor biaya dan penerima "
                      "manfaat dibaca dari data usulan. SAW: skor = Σ bobot × nilai "
                      "ternormalisasi (benefit: nilai ÷ nilai terbesar; cost: nilai terkecil ÷ "
                      "nilai). Bobot dibagi jumlahnya sehingga berjumlah 1, jadi persen atau "
                      "poin boleh diisi langsung.")
        note.setWordWrap(True)
        v.addWidget(note)
        v.addLayout(row)
        self.load()

    def _add_row(self, c: Criterion | None) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        self.table.setItem(r, 0, QTableWidgetItem(c.name if c else ""))
        source = combo((s.key, s.label) for s in SOURCES.values())
        select(source, c.source if c else "urgency")
        direction = enum_combo(Direction)
        select(direction, c.direction.value if c else Direction.BENEFIT.value)
        self.table.setCellWidget(r, 1, source)
        self.table.setCellWidget(r, 2, direction)
        self.table.setItem(r, 3, QTableWidgetItem(format_number(c.weight, 3) if c else "0"))

    def load(self) -> None:
        sets = scoring.list_sets(self.app, self.actor, self.kind.currentData())
        active = next(s for s in sets if s.active)
        self.shown_version = active.version
        self.version.setText(f"Dipakai sekarang: {active.label}, dibuat "
                             f"{active.created_by_name}")
        self.name.setText(active.name)
        self.table.setRowCount(0)
        for c in active.criteria:
            self._add_row(c)

    def criteria(self) -> list[Criterion]:
        from desktop_app.core.domain import parsing

        out = []
        for r in range(self.table.rowCount()):
            name = (self.table.item(r, 0).text() if self.table.item(r, 0) else "").strip()
            if not name:
                continue
            source = self.table.cellWidget(r, 1)
            direction = self.table.cellWidget(r, 2)
            assert isinstance(source, QComboBox) and isinstance(direction, QComboBox)
            weight_text = self.table.item(r, 3).text() if self.table.item(r, 3) else "0"
            try:
                weight = parsing.to_decimal_number(weight_text)
            except ValueError as exc:
                raise ValidationError(f"Bobot {name}: {exc}") from exc
            key = source.currentData()
            out.append(Criterion(key, name, Direction(direction.currentData()), weight, key))
        return out

    def ahp(self) -> None:
        """Pairwise judgements row by row ('a lebih penting dari b: 3'), then the weights."""
        try:
            items = self.criteria()
        except ValidationError as exc:
            messages.show_error(self, exc)
            return
        judgements = {}
        for i in range(len(items)):
            for j in range(i + 1, len(items)):
                text = messages.ask_text(
                    self, "Perbandingan berpasangan",
                    f"Seberapa penting '{items[i].name}' dibanding '{items[j].name}'? "
                    "(1 sama; 3, 5, 7, 9 lebih penting; 1/3 … 1/9 kurang penting)", "1")
                if text is None:
                    return
                try:
                    a, _, b = text.strip().replace(",", ".").partition("/")
                    judgements[(i, j)] = float(a) / float(b) if b else float(a)
                except ValueError:
                    messages.show_error(self, ValidationError(f"'{text}' bukan nilai Saaty."))
                    return
        try:
            result = ahp_weights(build_matrix(len(items), judgements))
        except ValueError as exc:
            messages.show_error(self, ValidationError(str(exc)))
            return
        for r, w in enumerate(result.weights):
            self.table.setItem(r, 3, QTableWidgetItem(format_number(w, 3)))
        text = (f"Rasio konsistensi {format_number(result.consistency_ratio, 3)}.\n"
                f"{result.summary}.")
        messages.info(self, text + ("\n" + result.warning if result.warning else ""), "AHP")

    def save(self) -> None:
        try:
            items = self.criteria()
        except ValidationError as exc:
            messages.show_error(self, exc)
            return
        kind, name, shown = self.kind.currentData(), self.name.text(), self.shown_version
        (Op(self, lambda: scoring.save_set(self.app, self.actor, kind, name, items,
                                           based_on=shown), changes={PLANNING})
         .success(lambda info: (messages.info(self, f"Disimpan sebagai {info.label}."),
                                self.load()))
         .failure(self.conflict.show_refusal).run())
