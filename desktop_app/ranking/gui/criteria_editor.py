"""Editing a criteria set (saved as a new version) and deriving weights by AHP."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.formatting import format_decimal
from desktop_app.core.domain.parsing import to_decimal_number
from desktop_app.core.domain.roles import Permission
from desktop_app.core.gui import messages, pdf
from desktop_app.core.gui.fields import DecimalSpinBox
from desktop_app.core.gui.operations import CRITERIA, Op, watch_changes
from desktop_app.core.services import settings
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.ranking.domain.criteria import RULES, SourceSpec, sources_for
from desktop_app.ranking.domain.methods import Criterion, Direction
from desktop_app.ranking.gui.ahp_dialog import AhpDialog
from desktop_app.ranking.services import criteria_sets
from desktop_app.ranking.services.criteria_sets import CriteriaSetInfo

COL_NAME, COL_SOURCE, COL_DIRECTION, COL_WEIGHT, COL_SCORES = range(5)


def scores_to_text(scores: dict[str, float] | None) -> str:
    return "; ".join(f"{k} = {format_decimal(v, 4)}" for k, v in (scores or {}).items())


def scores_from_text(text: str) -> dict[str, float] | None:
    """'Layak = 1; Rusak berat = 4' → {'Layak': 1.0, 'Rusak berat': 4.0}; ValueError in
    Indonesian when a part cannot be read."""
    out: dict[str, float] = {}
    for part in text.split(";"):
        if not part.strip():
            continue
        if "=" not in part:
            raise ValueError(f"Skor pilihan '{part.strip()}' harus ditulis 'pilihan = skor'.")
        name, value = part.rsplit("=", 1)
        try:
            out[name.strip()] = to_decimal_number(value.strip())
        except ValueError as exc:
            raise ValueError(f"Skor '{value.strip()}' untuk '{name.strip()}' bukan angka.") \
                from exc
    return out or None


class CriteriaEditor(QWidget):
    """The criteria of one category: a table, eligibility rules, AHP, save as a new version."""

    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        self.category = "rtlh"
        self.sources: dict[str, SourceSpec] = {}
        self.version_label = QLabel()
        self.version_label.setWordWrap(True)
        self.versions = QComboBox()
        self.versions.currentIndexChanged.connect(lambda _i: self._load_version())
        self.name = QLineEdit()
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["Kriteria", "Sumber nilai", "Arah", "Bobot",
                                              "Skor pilihan (pilihan = skor; …)"])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_SCORES, QHeaderView.ResizeMode.Stretch)
        for col, width in ((COL_NAME, 220), (COL_SOURCE, 230), (COL_DIRECTION, 190),
                           (COL_WEIGHT, 90)):
            self.table.setColumnWidth(col, width)
        self.sum_label = QLabel()
        self.add_button = QPushButton("Tambah kr&iteria")
        self.remove_button = QPushButton("Hapus kriteria")
        self.normalise_button = QPushButton("&Normalkan bobot")
        self.ahp_button = QPushButton("Bobot dari perbandingan berpasangan (AHP)…")
        self.save_button = QPushButton("&Simpan sebagai versi baru")
        self.activate_button = QPushButton("Jadikan ba&waan")
        self.import_button = QPushButton("Impor JSON…")
        self.export_button = QPushButton("Ekspor JSON…")
        for button, handler in ((self.add_button, self.add_row),
                                (self.remove_button, self.remove_row),
                                (self.normalise_button, self.normalise),
                                (self.ahp_button, self.open_ahp),
                                (self.save_button, self.save),
                                (self.activate_button, self.activate),
                                (self.import_button, self.import_json),
                                (self.export_button, self.export_json)):
            button.clicked.connect(handler)
        may_edit = actor.can(Permission.CRITERIA_MANAGE)
        for button in (self.add_button, self.remove_button, self.normalise_button,
                       self.ahp_button, self.save_button, self.import_button,
                       self.activate_button):
            button.setEnabled(may_edit)
        self.rule_boxes: dict[str, QCheckBox] = {}
        self.aid_years = QSpinBox(minimum=1, maximum=30, value=10, suffix=" tahun")
        self.umk = DecimalSpinBox(decimals=0, minimum=0, maximum=100_000_000, singleStep=50_000)
        self.umk.setPrefix("Rp ")
        self.umk.setGroupSeparatorShown(True)
        self.rules_box = rules_box = QGroupBox("Syarat (diperiksa sebelum pemeringkatan; yang tidak memenuhi "
                              "dicantumkan terpisah)")
        rules_layout = QVBoxLayout(rules_box)
        for key, spec in RULES.items():
            box = QCheckBox(spec.label.format(param=10) if "{param" in spec.label else spec.label)
            self.rule_boxes[key] = box
            if key in ("aided_recently", "income_above_umk"):
                line = QHBoxLayout()
                line.addWidget(box)
                line.addWidget(QLabel("jangka:" if key == "aided_recently" else "UMK per bulan:"))
                line.addWidget(self.aid_years if key == "aided_recently" else self.umk)
                line.addStretch(1)
                rules_layout.addLayout(line)
            else:
                rules_layout.addWidget(box)
        top = QHBoxLayout()
        top.addWidget(QLabel("Versi:"))
        top.addWidget(self.versions, 1)
        top.addWidget(self.activate_button)
        top.addWidget(QLabel("Nama set:"))
        top.addWidget(self.name, 1)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.normalise_button, self.ahp_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.sum_label)
        bottom.addStretch(1)
        for b in (self.import_button, self.export_button, self.save_button):
            bottom.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.version_label)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(rules_box)
        layout.addLayout(bottom)
        watch_changes(self, {CRITERIA}, self.reload)

    # -- loading -------------------------------------------------------------------------------
    def set_category(self, category: str) -> None:
        self.category = category
        self.sources = sources_for(category)
        # The hard rules read RTLH survey fields (aid, income, land and house ownership).
        self.rules_box.setVisible(category == "rtlh")
        self.reload()

    def reload(self) -> None:
        """The category's saved versions, the default one selected."""
        category = self.category
        Op(self, lambda: (criteria_sets.active_set(self.app, self.actor, category),
                          criteria_sets.list_sets(self.app, self.actor, category))) \
            .success(lambda found: self._show_versions(*found)).run()

    def _show_versions(self, active: CriteriaSetInfo, sets: list[CriteriaSetInfo]) -> None:
        self.versions.blockSignals(True)
        self.versions.clear()
        for info in sets:
            suffix = " — dipakai" if info.active else ""
            self.versions.addItem(f"Versi {info.version}: {info.name}{suffix}", info.id)
        self.versions.setCurrentIndex(max(self.versions.findData(active.id), 0))
        self.versions.blockSignals(False)
        self._load_version()

    def _load_version(self) -> None:
        set_id = self.versions.currentData()
        if set_id is not None:
            Op(self, lambda: criteria_sets.get_set(self.app, self.actor, set_id)) \
                .success(self._show_version).run()

    def _show_version(self, info: CriteriaSetInfo) -> None:
        self.version_label.setText(
            f"<b>{info.label}</b>, dibuat {info.created_by_name or 'aplikasi'}. Mengubah "
            "kriteria selalu menyimpan versi baru; daftar yang sudah dibuat tetap memakai "
            "versinya.")
        self.name.setText(info.name)
        self.table.setRowCount(0)
        for c in info.criteria:
            self.add_row(c)
        active_rules = {r["rule"]: r for r in info.rules}
        for key, box in self.rule_boxes.items():
            box.setChecked(key in active_rules)
        if "aided_recently" in active_rules:
            self.aid_years.setValue(int(active_rules["aided_recently"].get("param", 10)))
        umk_rule = active_rules.get("income_above_umk", {})
        self.umk.setValue(float(umk_rule.get("param") or settings.read_setting(self.app, settings.RANKING_UMK)))
        self._update_sum()

    def add_row(self, criterion: Criterion | None = None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        c = criterion if isinstance(criterion, Criterion) else None
        self.table.setItem(row, COL_NAME, QTableWidgetItem(c.name if c else "Kriteria baru"))
        source = QComboBox()
        for key, spec in self.sources.items():
            source.addItem(spec.label + (f" ({spec.unit})" if spec.unit else ""), key)
        if c:
            source.setCurrentIndex(max(source.findData(c.source), 0))
        source.currentIndexChanged.connect(lambda _i, r=row: self._source_changed(r))
        self.table.setCellWidget(row, COL_SOURCE, source)
        direction = QComboBox()
        direction.addItem("Benefit (besar = prioritas)", Direction.BENEFIT.value)
        direction.addItem("Cost (kecil = prioritas)", Direction.COST.value)
        if c:
            direction.setCurrentIndex(direction.findData(c.direction.value))
        self.table.setCellWidget(row, COL_DIRECTION, direction)
        weight = DecimalSpinBox(decimals=4, minimum=0, maximum=100, singleStep=0.05)
        weight.setValue(c.weight if c else 0.1)
        weight.valueChanged.connect(lambda _v: self._update_sum())
        self.table.setCellWidget(row, COL_WEIGHT, weight)
        self.table.setItem(row, COL_SCORES, QTableWidgetItem(scores_to_text(
            dict(c.choice_scores) if c and c.choice_scores else None)))
        if not c:
            self._source_changed(row)
        self._update_sum()

    def _source_changed(self, row: int) -> None:
        combo = self.table.cellWidget(row, COL_SOURCE)
        spec = self.sources.get(combo.currentData()) if combo else None
        item = self.table.item(row, COL_SCORES)
        if spec and spec.choices and item is not None and not item.text().strip():
            item.setText(scores_to_text({ch: i + 1 for i, ch in enumerate(spec.choices)}))

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self._update_sum()

    def weights(self) -> list[float]:
        return [self.table.cellWidget(r, COL_WEIGHT).value()  # type: ignore[union-attr]
                for r in range(self.table.rowCount())]

    def set_weights(self, weights: list[float]) -> None:
        for r, w in enumerate(weights):
            self.table.cellWidget(r, COL_WEIGHT).setValue(w)  # type: ignore[union-attr]
        self._update_sum()

    def _update_sum(self) -> None:
        total = sum(self.weights())
        text = f"Jumlah bobot: {format_decimal(total, 4)}"
        if abs(total - 1) > 1e-6 and total > 0:
            # Weights typed as percentages (25, 15, …) or points (5, 3, 4, …) are divided by
            # their sum, as the published SAW/TOPSIS examples do with W = 5, 3, 4, 4, 2.
            text += (f" — saat disimpan setiap bobot dibagi {format_decimal(total, 4)} "
                     "sehingga jumlahnya 1")
        self.sum_label.setText(text)

    def normalise(self) -> None:
        total = sum(self.weights())
        if total > 0:
            self.set_weights([w / total for w in self.weights()])

    def criteria(self) -> list[Criterion]:
        out = []
        for r in range(self.table.rowCount()):
            name = self.table.item(r, COL_NAME).text().strip()  # type: ignore[union-attr]
            source = self.table.cellWidget(r, COL_SOURCE).currentData()  # type: ignore[union-attr]
            direction = self.table.cellWidget(r, COL_DIRECTION).currentData()  # type: ignore
            scores_text = self.table.item(r, COL_SCORES)
            try:
                scores = scores_from_text(scores_text.text() if scores_text else "")
            except ValueError as exc:
                raise ValueError(f"Baris {r + 1}: {exc}") from exc
            spec = self.sources.get(source)
            if spec and spec.choices and not scores:
                raise ValueError(f"Baris {r + 1}: kriteria pilihan perlu skor untuk setiap "
                                 "pilihan.")
            key = f"{source}" if source not in {c.key for c in out} else f"{source}_{r + 1}"
            out.append(Criterion(key, name, Direction(direction), self.weights()[r], source,
                                 scores if spec and spec.choices else None))
        return out

    def rules(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        if self.category != "rtlh":
            return out
        for key, box in self.rule_boxes.items():
            if box.isChecked():
                rule: dict[str, Any] = {"rule": key}
                if key == "aided_recently":
                    rule["param"] = self.aid_years.value()
                if key == "income_above_umk":
                    rule["param"] = self.umk.value()
                out.append(rule)
        return out

    # -- actions -------------------------------------------------------------------------------
    def save(self) -> None:
        try:
            criteria = self.criteria()
        except ValueError as exc:
            messages.warn(self, str(exc))
            return
        Op(self, lambda: criteria_sets.save_criteria_set(
            self.app, self.actor, self.category, self.name.text(), criteria, self.rules()),
            changes={CRITERIA}) \
            .success(lambda info: messages.info(
                self, f"Tersimpan sebagai {info.label}. Hitung ulang peringkat untuk "
                      "memakainya.", "Kriteria disimpan")).run()

    def activate(self) -> None:
        set_id = self.versions.currentData()
        if set_id is None:
            return
        Op(self, lambda: criteria_sets.activate_set(self.app, self.actor, set_id),
           changes={CRITERIA}) \
            .success(lambda info: messages.info(
                self, f"{info.label} kini dipakai untuk peringkat berikutnya.")).run()

    def open_ahp(self) -> None:
        try:
            names = [c.name for c in self.criteria()]
        except ValueError as exc:
            messages.warn(self, str(exc))
            return
        if len(names) < 2:
            messages.info(self, "AHP memerlukan minimal dua kriteria.")
            return
        dialog = AhpDialog(names, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_weights:
            self.set_weights(dialog.result_weights)

    def export_json(self) -> None:
        set_id = self.versions.currentData()
        target = pdf.ask_save_path(self, "Simpan kriteria", f"kriteria-{self.category}.json",
                                   "JSON (*.json)")
        if target is None or set_id is None:
            return
        Op(self, lambda: criteria_sets.export_criteria_file(self.app, self.actor, set_id,
                                                            target)) \
            .success(lambda _n: messages.info(self, f"Kriteria disimpan di {target}.")).run()

    def import_json(self) -> None:
        path = pdf.ask_open_path(self, "Pilih berkas kriteria", "JSON (*.json)")
        if path is None:
            return
        Op(self, lambda: criteria_sets.import_criteria_file(self.app, self.actor, path,
                                                            self.category),
            changes={CRITERIA}) \
            .success(lambda info: messages.info(self, f"Diimpor sebagai {info.label}.")).run()
