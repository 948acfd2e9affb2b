"""The screening form beside a rembuk's table: the four tests, authority and land, the
aligned priority, scores for ranking, this tier's volume and price, and the verdict with its
reasons."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.errors import AppError, ValidationError
from desktop_app.core.domain.formatting import format_number, format_rupiah
from desktop_app.core.gui.conflict import ConflictBanner
from desktop_app.core.gui.fields import FieldErrors
from desktop_app.core.gui.operations import PLANNING, Op
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.planning.domain.criteria import ENTERED_SOURCES, SCALE
from desktop_app.planning.domain.labels import (
    LandStatus,
    RedirectTarget,
    RejectReason,
    ScreeningVerdict,
)
from desktop_app.planning.domain.screening import TESTS, ScreeningInput
from desktop_app.planning.gui.widgets import (
    combo,
    enum_combo,
    money_edit,
    money_value,
    number_value,
    select,
)
from desktop_app.planning.services import screening
from desktop_app.planning.services.screening import ScreeningRow

TRI = [(None, "—"), (True, "Ya"), (False, "Tidak")]
PHYSICAL_SCORES = ("urgency", "damage")
NON_PHYSICAL_SCORES = ("need", "impact", "feasibility")


class ScreeningPanel(QWidget):
    saved = Signal(int)  # proposal id

    def __init__(self, app: AppContext, actor: Actor, priorities: list[tuple[int, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        self.rembuk_id: int | None = None
        self.row: ScreeningRow | None = None
        self.errors = FieldErrors()
        self.heading = QLabel("Pilih satu usulan di tabel.")
        self.heading.setWordWrap(True)
        self.facts = QLabel()
        self.facts.setWordWrap(True)

        tests_box = QGroupBox("Uji penyaringan")
        grid = QGridLayout(tests_box)
        self.tests: dict[str, QComboBox] = {}
        for i, (key, (title, question)) in enumerate(TESTS.items()):
            box = combo(TRI)
            box.setToolTip(question)
            box.setObjectName(f"test_{key}")
            self.tests[key] = box
            label = QLabel(title)
            label.setToolTip(question)
            grid.addWidget(label, i, 0)
            grid.addWidget(box, i, 1)
        self.priority = combo(priorities, "— prioritas yang diselaraskan —")
        # a long priority name is cut in the box (full in the list), so the panel fits 1024 px
        self.priority.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.priority.setMinimumContentsLength(18)
        grid.addWidget(self.errors.wrap("priority_id", self.priority), len(TESTS), 0, 1, 2)
        self.suggest_button = QPushButton("Isi dari data usulan")
        self.suggest_button.setToolTip("Kewenangan, status lahan dan sisa pagu dari data usulan")
        self.suggest_button.clicked.connect(self.fill_suggestion)
        grid.addWidget(self.suggest_button, len(TESTS) + 1, 0, 1, 2)

        # a short title: a long one set the panel's least width and, at 1024 px, a scroll bar
        score_box = QGroupBox("Nilai untuk peringkat (1–5)")
        score_box.setToolTip("— (0) berarti belum dinilai")
        score_form = QFormLayout(score_box)
        self.scores: dict[str, QSpinBox] = {}
        for source in ENTERED_SOURCES:
            spin = QSpinBox()
            spin.setRange(0, SCALE[1])
            spin.setSpecialValueText("—")
            spin.setToolTip(source.help)
            spin.setObjectName(f"score_{source.key}")
            self.scores[source.key] = spin
            score_form.addRow(source.label, spin)

        cost_box = QGroupBox("Volume dan biaya tingkat ini")
        cost_row = QHBoxLayout(cost_box)
        self.volume = QLineEdit()
        self.unit_price = money_edit()
        self.cost_label = QLabel()
        cost_row.addWidget(self.errors.wrap("volume", self.volume))
        cost_row.addWidget(QLabel("×"))
        cost_row.addWidget(self.errors.wrap("unit_price", self.unit_price))
        cost_row.addWidget(self.cost_label)

        verdict_box = QGroupBox("Putusan")
        form = QFormLayout(verdict_box)
        self.verdict = enum_combo(ScreeningVerdict, "— belum diputuskan —")
        self.reasons = QListWidget()
        for reason in RejectReason:
            item = QListWidgetItem(reason.label)
            item.setData(Qt.ItemDataRole.UserRole, reason.value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.reasons.addItem(item)
        self.reasons.setMaximumHeight(120)
        self.redirect = enum_combo(RedirectTarget, "— tujuan pengalihan —")
        self.redirect_detail = QLineEdit()
        self.redirect_detail.setPlaceholderText("SKPD tujuan / keterangan")
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("Penjelasan untuk desa (wajib untuk tidak diakomodir dan "
                                     "perlu perbaikan)")
        self.note.setFixedHeight(60)
        self.recommendation = QLineEdit()
        self.recommendation.setPlaceholderText("Rekomendasi tingkat ini (opsional)")
        self.errors.add_row(form, "Putusan", "verdict", self.verdict)
        self.errors.add_row(form, "Alasan", "reasons", self.reasons)
        self.errors.add_row(form, "Dialihkan ke", "redirect_target", self.redirect)
        self.errors.add_row(form, "", "redirect_detail", self.redirect_detail)
        self.errors.add_row(form, "Catatan", "note", self.note)
        form.addRow("Rekomendasi", self.recommendation)
        self.save_button = QPushButton("Simpan putusan")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.verdict.currentIndexChanged.connect(self._verdict_changed)
        for w in (self.volume, self.unit_price):
            w.textChanged.connect(self._update_cost)

        # Another desk decided on this usulan since it was shown: what was chosen here stays
        # until «Muat ulang» shows the stored decision.
        self.conflict = ConflictBanner(self)
        self.conflict.reload_requested.connect(self.reload_row)
        body = QWidget()
        v = QVBoxLayout(body)
        for w in (self.heading, self.facts, self.conflict, tests_box, score_box, cost_box,
                  verdict_box, self.errors.general, self.save_button):
            v.addWidget(w)
        v.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.setMinimumWidth(330)
        self.set_row(None, None, editable=False)

    # -- showing a row ---------------------------------------------------------------------------
    def set_row(self, rembuk_id: int | None, row: ScreeningRow | None, *, editable: bool) -> None:
        self.rembuk_id, self.row = rembuk_id, row
        self.errors.clear()
        self.conflict.hide()
        enabled = row is not None and editable
        for w in (*self.tests.values(), self.priority, *self.scores.values(), self.volume,
                  self.unit_price, self.verdict, self.reasons, self.redirect,
                  self.redirect_detail, self.note, self.recommendation, self.save_button,
                  self.suggest_button):
            w.setEnabled(enabled)
        if row is None:
            self.heading.setText("Pilih satu usulan di tabel.")
            self.facts.clear()
            return
        self.heading.setText(f"<b>{row.number}</b> · {row.desa_name}<br>{row.work}")
        land = LandStatus.label_of(row.land_status)
        self.facts.setText(
            f"Masalah: {row.problem}<br>SKPD: {row.agency or '-'} · "
            f"{'Fisik' if row.physical else 'Non-fisik'} · Lahan: {land}"
            + ("<br><b>Sedang dikembalikan untuk perbaikan.</b>" if row.returned else ""))
        for key, box in self.tests.items():
            select(box, row.tests.get(key))
        select(self.priority, row.priority_id)
        wanted = PHYSICAL_SCORES if row.physical else NON_PHYSICAL_SCORES
        for key, spin in self.scores.items():
            spin.setValue(int(row.scores.get(key, 0)))
            spin.setEnabled(enabled and key in wanted)
        self.volume.setText(format_number(row.volume, 0 if float(row.volume).is_integer()
                                          else 2))
        self.unit_price.setText(format_number(row.unit_price))
        select(self.verdict, row.verdict)
        chosen = set(row.reasons.split(",")) if row.reasons else set()
        for i in range(self.reasons.count()):
            item = self.reasons.item(i)
            item.setCheckState(Qt.CheckState.Checked
                               if item.data(Qt.ItemDataRole.UserRole) in chosen
                               else Qt.CheckState.Unchecked)
        select(self.redirect, row.redirect_target or None)
        self.redirect_detail.setText(row.redirect_detail)
        self.note.setPlainText(row.note)
        self.recommendation.setText(row.recommendation)
        self._verdict_changed()
        self._update_cost()

    def _verdict_changed(self) -> None:
        v = self.verdict.currentData()
        editable = self.save_button.isEnabled()
        self.reasons.setEnabled(editable and v == ScreeningVerdict.REJECTED.value)
        for w in (self.redirect, self.redirect_detail):
            w.setEnabled(editable and v == ScreeningVerdict.REDIRECTED.value)

    def _update_cost(self) -> None:
        try:
            volume, price = number_value(self.volume), money_value(self.unit_price)
        except ValueError:
            self.cost_label.setText("= —")
            return
        if volume is None or price is None:
            self.cost_label.setText("= —")
            return
        self.cost_label.setText(f"= <b>{format_rupiah(round(volume * price))}</b>")

    def fill_suggestion(self) -> None:
        if self.row is None or self.rembuk_id is None:
            return
        s = screening.suggest(self.app, self.actor, self.rembuk_id, self.row.proposal_id)
        for key, value in s.tests.items():
            if key in self.tests and self.tests[key].currentData() is None:
                select(self.tests[key], value)
        if self.verdict.currentData() is None and s.verdict:
            select(self.verdict, s.verdict)
            for i in range(self.reasons.count()):
                item = self.reasons.item(i)
                if item.data(Qt.ItemDataRole.UserRole) in s.reasons:
                    item.setCheckState(Qt.CheckState.Checked)
            if s.redirect_target:
                select(self.redirect, s.redirect_target)

    # -- saving ----------------------------------------------------------------------------------
    def value(self) -> ScreeningInput:
        errors: dict[str, str] = {}
        try:
            volume = number_value(self.volume)
        except ValueError:
            errors["volume"] = "Bukan angka yang dikenali."
            volume = None
        try:
            price = money_value(self.unit_price)
        except ValueError:
            errors["unit_price"] = "Bukan angka yang dikenali."
            price = None
        if errors:
            raise ValidationError(field_errors=errors)
        reasons = [self.reasons.item(i).data(Qt.ItemDataRole.UserRole)
                   for i in range(self.reasons.count())
                   if self.reasons.item(i).checkState() == Qt.CheckState.Checked]
        tests = {key: box.currentData() for key, box in self.tests.items()}
        scores = {key: float(spin.value()) for key, spin in self.scores.items()
                  if spin.isEnabled() and spin.value() > 0}
        return ScreeningInput(
            verdict=self.verdict.currentData(), priority_id=self.priority.currentData(),
            reasons=reasons, note=self.note.toPlainText(),
            redirect_target=self.redirect.currentData() or "",
            redirect_detail=self.redirect_detail.text(),
            recommendation=self.recommendation.text(), volume=volume,
            unit_price=price, scores=scores, **tests)

    def save(self) -> None:
        if self.row is None or self.rembuk_id is None:
            return
        self.errors.clear()
        try:
            data = self.value()
        except ValidationError as exc:
            self.errors.show(exc.field_errors, exc.message)
            return
        row, rid = self.row, self.rembuk_id
        (Op(self, lambda: screening.save_screening(self.app, self.actor, rid, row.proposal_id,
                                                   data, row.version), changes={PLANNING})
         .success(self._saved)
         .failure(self._failed)
         .run())

    def _saved(self, row: ScreeningRow) -> None:
        self.set_row(self.rembuk_id, row, editable=True)
        self.saved.emit(row.proposal_id)

    def reload_row(self) -> None:
        if self.row is not None and self.rembuk_id is not None:
            self.set_row(self.rembuk_id, screening.get_row(
                self.app, self.actor, self.rembuk_id, self.row.proposal_id), editable=True)

    def _failed(self, exc: AppError) -> None:
        if isinstance(exc, ValidationError) and exc.field_errors:
            self.errors.show(exc.field_errors, exc.message)
        else:
            self.conflict.show_refusal(exc)
