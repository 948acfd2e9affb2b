"""Akuntabilitas: accepted usulan tracked to realisation (RKPD, APBD, progress, done) with
dated entries, and the recap per desa, kecamatan and year — how many usulan were
accommodated and realised."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.errors import AppError
from desktop_app.core.domain.formatting import format_date_short, format_percent, format_rupiah
from desktop_app.core.domain.roles import Permission
from desktop_app.core.gui import messages
from desktop_app.core.gui.conflict import ConflictBanner
from desktop_app.core.gui.fields import DiscardGuard, FieldErrors
from desktop_app.core.gui.operations import PLANNING, Op, watch_changes
from desktop_app.core.gui.table_model import Column, PagedQueryModel, PagedTableView
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.planning.domain.labels import Realisation
from desktop_app.planning.gui.widgets import (
    combo,
    date_edit,
    date_of,
    desa_combo,
    enum_combo,
    fill_table,
    money_edit,
    money_value,
    save_buttons,
    select,
    year_combo,
)
from desktop_app.planning.services import accountability, frame

COLUMNS = [
    Column("number", "Nomor", "number", width=125),
    Column("year", "Tahun", None, width=50),
    Column("desa_name", "Desa", "desa", width=110),
    Column("work", "Usulan", None, width=300),
    Column("cost", "Biaya", "cost", format_rupiah, align_right=True, width=115),
    Column("realisation_label", "Realisasi", "realisation", width=130),
    Column("last_date", "Tanggal", None, format_date_short, width=85),
    Column("progress", "Kemajuan %", None, align_right=True, width=80),
]


class StepDialog(DiscardGuard, QDialog):
    """One dated step of an usulan's realisation."""

    def __init__(self, app: AppContext, actor: Actor, row: accountability.TrackedRow,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor, self.row = app, actor, row
        self.setWindowTitle(f"Perkembangan {row.number}")
        self.errors = FieldErrors()
        self.stage = enum_combo(Realisation)
        self.stage.removeItem(0)  # 'belum ditetapkan' is where every usulan starts
        self.on_date = date_edit()
        self.progress = QSpinBox()
        self.progress.setRange(-1, 100)
        self.progress.setSpecialValueText("—")
        self.progress.setValue(-1)
        self.amount = money_edit()
        self.note = QPlainTextEdit()
        self.note.setFixedHeight(70)
        form = QFormLayout(self)
        # A step recorded meanwhile on another desk: the typed step stays; «Muat ulang» shows
        # the usulan's stage now, then Simpan records the step after it.
        self.conflict = ConflictBanner(self)
        self.conflict.reload_requested.connect(self.reload_record)
        form.addRow(self.conflict)
        self.header = QLabel()
        self._show_header()
        form.addRow(self.header)
        self.errors.add_row(form, "Tahap", "stage", self.stage)
        self.errors.add_row(form, "Tanggal", "on_date", self.on_date)
        self.errors.add_row(form, "Kemajuan (%)", "progress", self.progress)
        self.errors.add_row(form, "Nilai anggaran (Rp)", "amount", self.amount)
        self.errors.add_row(form, "Catatan", "note", self.note)
        form.addRow(self.errors.general)
        self.buttons = save_buttons(self.save, self.reject)
        form.addRow(self.buttons)

    def _show_header(self) -> None:
        self.header.setText(f"<b>{self.row.work}</b><br>{self.row.desa_name} · sekarang: "
                            f"{self.row.realisation_label}")

    def reload_record(self) -> None:
        self.row = accountability.TrackedPageSource(self.app, self.actor).row(self.row.id)
        self._show_header()

    def _refused(self, exc: AppError) -> None:
        self.conflict.show_refusal(exc, lambda e: self.errors.show(
            getattr(e, "field_errors", {}), e.message))

    def save(self) -> None:
        self.errors.clear()
        try:
            amount = money_value(self.amount)
        except ValueError:
            self.errors.show({"amount": "Bukan angka yang dikenali."})
            return
        progress = self.progress.value() if self.progress.value() >= 0 else None
        stage, on_date, note = self.stage.currentData(), date_of(self.on_date), \
            self.note.toPlainText()
        pid, version = self.row.id, self.row.version
        (Op(self, lambda: accountability.record_step(
            self.app, self.actor, pid, stage, on_date, progress=progress,
            amount=amount, note=note, expected_version=version), changes={PLANNING})
         .success(lambda _r: self.accept())
         .failure(self._refused)
         .run())


class AccountabilityPage(QWidget):
    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        current = frame.default_year(app)
        years = [y.year for y in frame.list_years(app, actor)]
        self.tabs = QTabWidget()
        self.tabs.addTab(self._track_tab(years, current), "Pelacakan realisasi")
        self.tabs.addTab(self._recap_tab(years, current), "Rekap diakomodir && terealisasi")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Akuntabilitas usulan Musrenbang</h2>"))
        layout.addWidget(self.tabs, 1)
        watch_changes(self, {PLANNING}, self.refresh)

    def _track_tab(self, years: list[int], current: int) -> QWidget:
        page = QWidget()
        self.year = year_combo(years, current)
        self.stage = enum_combo(Realisation, "Semua tahap")
        self.desa = desa_combo(self.app, None, "Semua desa")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Cari usulan…")
        filters = QHBoxLayout()
        for w in (self.search, self.year, self.stage, self.desa):
            filters.addWidget(w)
        self.model = PagedQueryModel(accountability.TrackedPageSource(self.app, self.actor),
                                     COLUMNS, default_sort="number", descending=False,
                                     parent=self)
        self.view = PagedTableView(self.model, self)
        self.step_button = QPushButton("Catat perkembangan…")
        self.step_button.setEnabled(self.actor.can(Permission.PLANNING_TRACK))
        self.step_button.clicked.connect(self.record_step)
        self.view.table.doubleClicked.connect(lambda _i: self.record_step())
        v = QVBoxLayout(page)
        v.addLayout(filters)
        v.addWidget(self.view, 1)
        row = QHBoxLayout()
        row.addWidget(self.step_button)
        row.addStretch(1)
        v.addLayout(row)
        for box in (self.year, self.stage, self.desa):
            box.currentIndexChanged.connect(self.apply_filter)
        self.search.returnPressed.connect(self.apply_filter)
        self.apply_filter()
        return page

    def _recap_tab(self, years: list[int], current: int) -> QWidget:
        page = QWidget()
        self.group = combo(accountability.GROUPS.items())
        self.recap_year = combo(((y, str(y)) for y in sorted(set(years) | {current},
                                                              reverse=True)), "Semua tahun")
        self.recap_table = QTableWidget()
        self.group.currentIndexChanged.connect(self.load_recap)
        self.recap_year.currentIndexChanged.connect(self.load_recap)
        top = QHBoxLayout()
        top.addWidget(QLabel("Per"))
        top.addWidget(self.group)
        top.addWidget(self.recap_year)
        top.addStretch(1)
        v = QVBoxLayout(page)
        v.addLayout(top)
        v.addWidget(self.recap_table, 1)
        self.load_recap()
        return page

    def show_stage(self, year: int, stage: str) -> None:
        """The tracking list of one planning year at one stage (the Beranda opens it)."""
        self.tabs.setCurrentIndex(0)
        for box, value in ((self.year, year), (self.stage, stage)):
            box.blockSignals(True)
            select(box, value)
            box.blockSignals(False)
        self.apply_filter()

    def apply_filter(self) -> None:
        self.model.set_filter(accountability.TrackFilter(
            self.year.currentData(), self.stage.currentData() or "",
            self.desa.currentData() or "", self.search.text().strip()))

    def load_recap(self) -> None:
        rows = accountability.recap(self.app, self.actor, self.group.currentData(),
                                    self.recap_year.currentData())

        def pct(x: float) -> str:
            return format_percent(x * 100, 0)

        totals = [sum(getattr(r, k) for r in rows) for k in (
            "proposals", "passed_kecamatan", "passed_kabupaten", "in_rkpd", "in_apbd", "done")]
        table = [[r.label, r.proposals, r.passed_kecamatan, r.passed_kabupaten, r.in_rkpd,
                  r.in_apbd, r.done, pct(r.accommodated_rate), pct(r.realised_rate)]
                 for r in rows]
        if rows:
            n = totals[0] or 1
            table.append(["Jumlah", *totals, pct(totals[3] / n), pct(totals[5] / n)])
        fill_table(self.recap_table, [accountability.GROUPS[self.group.currentData()],
                                      "Usulan", "Lolos kec.", "Lolos kab.", "Masuk RKPD",
                                      "Masuk APBD", "Selesai", "% diakomodir", "% terealisasi"],
                   table, right=tuple(range(1, 9)))

    def refresh(self) -> None:
        self.model.reload()
        self.load_recap()

    def record_step(self) -> None:
        row = self.view.selected_row()
        if row is None:
            messages.info(self, "Pilih satu usulan di tabel terlebih dahulu.")
            return
        StepDialog(self.app, self.actor, row, self).exec()
