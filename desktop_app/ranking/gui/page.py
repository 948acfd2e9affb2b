"""Peringkat Prioritas: rank verified submissions, explain a score, recap, criteria and
weights, frozen priority lists (freeze, print, export, approve, compare)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain import clock
from desktop_app.core.domain.errors import AppError
from desktop_app.core.domain.formatting import format_datetime
from desktop_app.core.domain.roles import Permission
from desktop_app.core.gui import messages, pdf
from desktop_app.core.gui.table_model import Column, PagedQueryModel, PagedTableView
from desktop_app.core.gui.worker import run_job
from desktop_app.core.services import regions
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.intake.domain.submissions import Category
from desktop_app.ranking.domain.criteria import format_value
from desktop_app.ranking.domain.methods import Direction, Method
from desktop_app.ranking.gui.criteria_editor import CriteriaEditor
from desktop_app.ranking.services import printing as ranking_print
from desktop_app.ranking.services import ranking
from desktop_app.ranking.services.ranking import EntryFilter, RankScope

INELIGIBLE_COLOR = QColor("#FDE2E1")
MISSING_COLOR = QColor("#FFF4CE")


def _score(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}".replace(".", ",")


def _fill_table(table: QTableWidget, headers: list[str], rows: list[list[Any]]) -> None:
    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setRowCount(len(rows))
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            if isinstance(value, int | float) and not isinstance(value, bool):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(i, j, item)
    table.resizeColumnsToContents()


def _readonly_table() -> QTableWidget:
    table = QTableWidget()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(24)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class RankingPage(QWidget):
    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        self.job: Any = None
        self.list_info: ranking.PriorityListInfo | None = None
        self.criteria: list[Any] = []
        self.model: PagedQueryModel | None = None
        self.view: PagedTableView | None = None

        self.category = QComboBox()
        for c in (Category.RTLH, Category.JALAN, Category.DRAINASE):
            self.category.addItem(c.label, c.value)
        self.method = QComboBox()
        for m in Method:
            self.method.addItem(m.label, m.value)
        self.year = QComboBox()
        self.year.addItem("Semua tahun", None)
        for y in range(clock.today().year + 1, clock.today().year - 6, -1):
            self.year.addItem(str(y), y)
        self.kecamatan = QComboBox()
        self.kecamatan.addItem("Semua kecamatan", "")
        for k in regions.list_regions(app, "kecamatan"):
            self.kecamatan.addItem(k.name, k.code)
        self.criteria_set = QComboBox()
        self.criteria_set.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.criteria_set.setMinimumContentsLength(24)
        self.rank_button = QPushButton("Hitung peringkat")
        self.rank_button.setDefault(True)
        self.rank_button.clicked.connect(self.run_ranking)
        top = QHBoxLayout()
        for label, widget in (("Kategori", self.category), ("Kriteria", self.criteria_set),
                              ("Metode", self.method)):
            top.addWidget(QLabel(label))
            top.addWidget(widget, 1)
        second = QHBoxLayout()
        for label, widget in (("Tahun diterima", self.year), ("Cakupan", self.kecamatan)):
            second.addWidget(QLabel(label))
            second.addWidget(widget)
        second.addWidget(self.rank_button)
        second.addStretch(1)
        self.status_label = QLabel("Belum ada peringkat. Pilih kategori lalu tekan "
                                   "<b>Hitung peringkat</b>.")
        self.status_label.setWordWrap(True)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_ranked_tab(), "Peringkat")
        self.tabs.addTab(self._build_recap_tab(), "Rekap per wilayah")
        self.editor = CriteriaEditor(app, actor, self)
        self.editor.changed.connect(self.load_sets)
        self.tabs.addTab(self.editor, "Kriteria dan bobot")
        self.tabs.addTab(self._build_lists_tab(), "Daftar prioritas (beku)")
        self.tabs.currentChanged.connect(self._tab_changed)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Peringkat Prioritas KULA RAKAT</h2>"))
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.status_label)
        layout.addWidget(self.tabs, 1)
        self.category.currentIndexChanged.connect(lambda _i: self.category_changed())
        self.category_changed()

    # -- building ------------------------------------------------------------------------------
    def _build_ranked_tab(self) -> QWidget:
        tab = QWidget()
        self.show_filter = QComboBox()
        self.show_filter.addItem("Diperingkat (memenuhi syarat)", True)
        self.show_filter.addItem("Tidak memenuhi syarat", False)
        self.show_filter.addItem("Semua", None)
        self.desa = QComboBox()
        self.desa.addItem("Semua desa/kelurahan", "")
        for d in regions.list_desa(self.app, None):
            self.desa.addItem(d.label, d.code)
        self.rt = QLineEdit()
        self.rt.setPlaceholderText("RT")
        self.rt.setMaximumWidth(60)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Cari nomor atau nama…")
        self.search.setClearButtonEnabled(True)
        filters = QHBoxLayout()
        filters.addWidget(self.show_filter)
        filters.addWidget(self.desa)
        filters.addWidget(self.rt)
        filters.addWidget(self.search, 1)
        self._debounce = QTimer(self, singleShot=True, interval=300)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.rt.textChanged.connect(lambda _t: self._debounce.start())
        self.show_filter.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.desa.currentIndexChanged.connect(lambda _i: self.apply_filter())

        self.table_holder = QVBoxLayout()
        holder = QWidget()
        holder.setLayout(self.table_holder)
        self.table_holder.setContentsMargins(0, 0, 0, 0)
        self.placeholder = QLabel("Tabel peringkat muncul di sini.")
        self.table_holder.addWidget(self.placeholder)

        explain_box = QWidget()
        self.explain_title = QLabel("Pilih satu baris untuk melihat rincian skornya.")
        self.explain_title.setWordWrap(True)
        self.explain_table = _readonly_table()
        self.explain_note = QLabel()
        self.explain_note.setWordWrap(True)
        self.sheet_button = QPushButton("Cetak lembar penilaian")
        self.sheet_button.clicked.connect(self.print_score_sheet)
        side = QVBoxLayout()
        side.addWidget(self.explain_title)
        side.addWidget(self.explain_note, 1)
        side.addWidget(self.sheet_button)
        explain_layout = QHBoxLayout(explain_box)
        explain_layout.setContentsMargins(0, 0, 0, 0)
        explain_layout.addWidget(self.explain_table, 3)
        explain_layout.addLayout(side, 1)
        self.explain_note.setAlignment(Qt.AlignmentFlag.AlignTop)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(holder)
        splitter.addWidget(explain_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([330, 300])

        self.freeze_button = QPushButton("Bekukan sebagai daftar prioritas…")
        self.print_button = QPushButton("Cetak daftar (PDF)")
        self.export_button = QPushButton("Ekspor Excel…")
        self.back_button = QPushButton("Kembali ke peringkat kerja")
        for button, handler in ((self.freeze_button, self.freeze),
                                (self.print_button, self.print_list),
                                (self.export_button, self.export_list),
                                (self.back_button, self.show_draft)):
            button.clicked.connect(handler)
        self.freeze_button.setEnabled(self.actor.can(Permission.RANKING_FREEZE))
        self.export_button.setEnabled(self.actor.can(Permission.DATA_EXPORT))
        actions = QHBoxLayout()
        for b in (self.freeze_button, self.print_button, self.export_button, self.back_button):
            actions.addWidget(b)
        actions.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(actions)
        return tab

    def _build_recap_tab(self) -> QWidget:
        tab = QWidget()
        self.recap_level = QComboBox()
        self.recap_level.addItem("Per desa/kelurahan", "desa")
        self.recap_level.addItem("Per RT/RW", "rt")
        self.recap_level.addItem("Per kecamatan", "kecamatan")
        self.recap_level.currentIndexChanged.connect(lambda _i: self.load_recap())
        self.recap_table = _readonly_table()
        line = QHBoxLayout()
        line.addWidget(QLabel("Rekap dari daftar yang sedang ditampilkan:"))
        line.addWidget(self.recap_level)
        line.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addLayout(line)
        layout.addWidget(self.recap_table, 1)
        return tab

    def _build_lists_tab(self) -> QWidget:
        tab = QWidget()
        self.lists_table = _readonly_table()
        self.lists_table.setSelectionMode(QTableWidget.SelectionMode.ExtendedSelection)
        self.lists_table.doubleClicked.connect(lambda _i: self.open_frozen())
        self.open_list_button = QPushButton("Tampilkan")
        self.approve_button = QPushButton("Setujui (pimpinan)…")
        self.compare_button = QPushButton("Bandingkan dua daftar…")
        for button, handler in ((self.open_list_button, self.open_frozen),
                                (self.approve_button, self.approve),
                                (self.compare_button, self.compare)):
            button.clicked.connect(handler)
        self.approve_button.setEnabled(self.actor.can(Permission.RANKING_APPROVE))
        line = QHBoxLayout()
        for b in (self.open_list_button, self.approve_button, self.compare_button):
            line.addWidget(b)
        line.addStretch(1)
        hint = QLabel("Daftar beku tidak pernah berubah walaupun data atau bobot berubah. "
                      "Pilih dua daftar (Ctrl+klik) untuk membandingkan.")
        hint.setWordWrap(True)
        layout = QVBoxLayout(tab)
        layout.addWidget(hint)
        layout.addWidget(self.lists_table, 1)
        layout.addLayout(line)
        return tab

    # -- state ---------------------------------------------------------------------------------
    def current_category(self) -> str:
        return str(self.category.currentData())

    def load_sets(self) -> None:
        """The criteria sets of the category; the default one is preselected."""
        try:
            sets = ranking.list_sets(self.app, self.actor, self.current_category())
        except AppError as exc:
            messages.show_error(self, exc)
            return
        self.criteria_set.clear()
        for info in sets:
            self.criteria_set.addItem(
                f"{info.name} (v{info.version}){' — bawaan' if info.active else ''}", info.id)
            if info.active:
                self.criteria_set.setCurrentIndex(self.criteria_set.count() - 1)

    def category_changed(self) -> None:
        category = self.current_category()
        self.editor.set_category(category)
        self.load_sets()
        try:
            draft = ranking.current_draft(self.app, self.actor, category)
        except AppError as exc:
            messages.show_error(self, exc)
            return
        self.show_list(draft)
        self.load_lists()

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.recap_table.parentWidget():
            self.load_recap()

    def show_list(self, info: ranking.PriorityListInfo | None) -> None:
        """Show a list (draft or frozen) in the ranked table, paged in SQL."""
        self.list_info = info
        if self.view is not None:
            self.table_holder.removeWidget(self.view)
            self.view.hide()
            self.view.setParent(None)
            self.view.deleteLater()
            self.view, self.model = None, None
        self.back_button.setVisible(info is not None and info.status != "draft")
        self.freeze_button.setVisible(info is None or info.status == "draft")
        for b in (self.print_button, self.export_button, self.freeze_button, self.sheet_button):
            b.setEnabled(info is not None and (b is not self.export_button or
                                               self.actor.can(Permission.DATA_EXPORT))
                         and (b is not self.freeze_button or
                              self.actor.can(Permission.RANKING_FREEZE)))
        self.explain_table.setRowCount(0)
        self.explain_title.setText("Pilih satu baris untuk melihat rincian skornya.")
        self.explain_note.setText("")
        if info is None:
            self.placeholder.show()
            self.status_label.setText("Belum ada peringkat untuk kategori ini. Tekan "
                                      "<b>Hitung peringkat</b>.")
            return
        self.placeholder.hide()
        source = ranking.RankedPageSource(self.app, self.actor, info.id)
        self.criteria = source.criteria
        columns = [Column("rank", "Rank", "rank", width=55, align_right=True),
                   Column("number", "Nomor", "number", width=120),
                   Column("name", "Nama", "name", width=170),
                   Column("desa", "Desa/Kel.", "desa", width=120),
                   Column("rt_rw", "RT/RW", None, width=60),
                   Column("score", "Skor", "score", _score, width=70, align_right=True)]
        for j, c in enumerate(self.criteria):
            columns.append(Column(f"c{j}", c.name, None,
                                  lambda v, c=c: format_value(c, v), width=110,
                                  align_right=True))
        columns.append(Column("reason", "Alasan tidak memenuhi syarat", None, width=260))
        self.model = PagedQueryModel(
            source, columns, page_size=100, default_sort="rank", descending=False,
            row_background=lambda r: INELIGIBLE_COLOR if not r.eligible else
            MISSING_COLOR if r.missing else None, parent=self)
        self.view = PagedTableView(self.model, self)
        self.view.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.view.table.selectionModel().selectionChanged.connect(
            lambda *_a: self.explain_selected())
        self.table_holder.addWidget(self.view)
        kind = "Daftar beku" if info.status != "draft" else "Peringkat kerja"
        title = f" “{info.title}”" if info.title else ""
        names = regions.region_names(self.app)
        self.status_label.setText(
            f"<b>{kind}{title}</b> · {info.status_label} · {info.method_label} · "
            f"{info.criteria_label} · cakupan {info.scope.describe(names)} · dihitung "
            f"{format_datetime(info.created_at)} oleh {info.created_by_name} · "
            f"<b>{info.ranked_count}</b> diperingkat, <b>{info.ineligible_count}</b> tidak "
            "memenuhi syarat. Baris kuning: ada nilai kosong (dihitung paling tidak mendesak).")
        self.apply_filter()

    def current_filter(self) -> EntryFilter:
        return EntryFilter(eligible=self.show_filter.currentData(),
                           desa_code=self.desa.currentData() or "",
                           rt=self.rt.text().strip().zfill(3) if self.rt.text().strip() else "",
                           text=self.search.text())

    def apply_filter(self) -> None:
        if self.model is None:
            return
        try:
            self.model.set_filter(self.current_filter())
        except AppError as exc:
            messages.show_error(self, exc)

    # -- actions -------------------------------------------------------------------------------
    def run_ranking(self) -> None:
        category = self.current_category()
        method = str(self.method.currentData())
        scope = RankScope(year=self.year.currentData(),
                          kecamatan_code=self.kecamatan.currentData() or "")
        set_id = self.criteria_set.currentData()
        self.rank_button.setEnabled(False)

        def done(info: ranking.PriorityListInfo) -> None:
            self.rank_button.setEnabled(True)
            self.show_list(info)
            self.tabs.setCurrentIndex(0)

        def failed(exc: BaseException) -> None:
            self.rank_button.setEnabled(True)
            messages.show_error(self, exc)

        self.job = run_job(self, "Menghitung peringkat…",
                           lambda progress: ranking.run_ranking(self.app, self.actor, category,
                                                                method, set_id, scope, progress),
                           on_success=done, on_error=failed)

    def selected_row(self) -> ranking.RankedRow | None:
        return self.view.selected_row() if self.view is not None else None

    def explain_selected(self) -> None:
        row = self.selected_row()
        if row is None or self.list_info is None:
            return
        try:
            e = ranking.explain(self.app, self.actor, self.list_info.id, row.submission_id)
        except AppError as exc:
            messages.show_error(self, exc)
            return
        by_key = {c.key: c for c in self.criteria}
        rows = [[p.name, "Benefit" if p.direction is Direction.BENEFIT else "Cost",
                 format_value(by_key[p.key], p.value), _score(p.normalised), _score(p.weight),
                 _score(p.contribution)] for p in e.contributions]
        if e.method == Method.SAW.value:
            rows.append(["Jumlah = skor", "", "", "", "",
                         _score(sum(p.contribution for p in e.contributions))])
        _fill_table(self.explain_table, ["Kriteria", "Arah", "Nilai", "Nilai normal", "Bobot",
                                         "Bobot × normal"], rows)
        if e.eligible:
            self.explain_title.setText(f"<b>{e.number} · {e.name}</b><br>Peringkat {e.rank} "
                                       f"dari {e.ranked_count} · skor {_score(e.score)}")
        else:
            self.explain_title.setText(f"<b>{e.number} · {e.name}</b><br>Tidak diperingkat: "
                                       f"{e.reason}")
        notes = []
        if e.method == Method.TOPSIS.value:
            notes.append("TOPSIS: kolom terakhir adalah nilai terbobot; skor = D⁻ ÷ (D⁺ + D⁻).")
        if e.missing:
            notes.append("Nilai kosong: " + ", ".join(e.missing) +
                         " (dihitung sebagai nilai paling tidak mendesak).")
        if e.data_changed:
            notes.append("Data usulan ini berubah setelah peringkat dihitung; hitung ulang "
                         "untuk memakai data terbaru.")
        self.explain_note.setText("\n".join(notes))

    def freeze(self) -> None:
        if self.list_info is None:
            return
        default = f"Daftar Prioritas {Category(self.list_info.category).label} " \
                  f"{clock.today().year}"
        title = messages.ask_text(self, "Bekukan daftar prioritas",
                                  "Judul daftar (mis. Daftar Prioritas RTLH TA 2027):", default)
        if title is None:
            return
        draft_id = self.list_info.id

        def done(info: ranking.PriorityListInfo) -> None:
            messages.info(self, f"Daftar “{info.title}” dibekukan: {info.ranked_count} "
                                "diperingkat. Daftar ini tidak akan berubah lagi.",
                          "Daftar dibekukan")
            self.load_lists()
            self.show_list(info)

        self.job = run_job(self, "Membekukan daftar…",
                           lambda progress: ranking.freeze(self.app, self.actor, draft_id, title,
                                                           progress),
                           on_success=done)

    def print_list(self) -> None:
        if self.list_info is None:
            return
        list_id = self.list_info.id
        target = pdf.temp_pdf_path(self.app.paths.print_temp, f"daftar-prioritas-{self.list_info.category}")
        self.job = run_job(self, "Mencetak daftar prioritas…",
                           lambda progress: ranking_print.print_priority_list(
                               self.app, self.actor, list_id, target, progress),
                           on_success=pdf.open_file)

    def print_score_sheet(self) -> None:
        row = self.selected_row()
        if row is None or self.list_info is None:
            messages.info(self, "Pilih satu baris terlebih dahulu.")
            return
        target = pdf.temp_pdf_path(self.app.paths.print_temp, f"lembar-penilaian-{row.number}")
        try:
            ranking_print.print_score_sheet(self.app, self.actor, self.list_info.id,
                                            row.submission_id, target)
        except AppError as exc:
            messages.show_error(self, exc)
            return
        pdf.open_file(target)

    def export_list(self) -> None:
        if self.list_info is None:
            return
        target = pdf.ask_save_path(self, "Simpan daftar peringkat",
                                   f"peringkat-{self.list_info.category}.xlsx", "Excel (*.xlsx)")
        if target is None:
            return
        list_id = self.list_info.id
        self.job = run_job(self, "Mengekspor…",
                           lambda progress: ranking_print.export_list_xlsx(
                               self.app, self.actor, list_id, target, progress),
                           on_success=lambda path: messages.info(
                               self, f"Daftar peringkat disimpan di {path}."))

    def show_draft(self) -> None:
        self.show_list(ranking.current_draft(self.app, self.actor, self.current_category()))

    def load_recap(self) -> None:
        if self.list_info is None:
            _fill_table(self.recap_table, ["Belum ada peringkat"], [])
            return
        level = str(self.recap_level.currentData())
        try:
            rows = ranking.recap(self.app, self.actor, self.list_info.id, level)
        except AppError as exc:
            messages.show_error(self, exc)
            return
        first = {"desa": "Desa/Kelurahan", "rt": "Desa/Kelurahan, RT/RW",
                 "kecamatan": "Kecamatan"}[level]
        data: list[list[Any]] = [[r.label, r.submitted, r.verified, r.eligible, r.ineligible,
                                  r.best_rank or "-"] for r in rows]
        data.append(["Jumlah", sum(r.submitted for r in rows), sum(r.verified for r in rows),
                     sum(r.eligible for r in rows), sum(r.ineligible for r in rows), ""])
        _fill_table(self.recap_table, [first, "Jumlah usulan", "Diverifikasi (dinilai)",
                                       "Memenuhi syarat (diperingkat)", "Tidak memenuhi syarat",
                                       "Peringkat terbaik"], data)

    def load_lists(self) -> None:
        try:
            self._lists = ranking.frozen_lists(self.app, self.actor, self.current_category())
        except AppError as exc:
            messages.show_error(self, exc)
            return
        _fill_table(self.lists_table, ["No", "Judul", "Metode", "Kriteria", "Dibekukan",
                                       "Oleh", "Status", "Diperingkat"],
                    [[i.id, i.title, i.method_label, i.criteria_label,
                      format_datetime(i.frozen_at), i.created_by_name, i.status_label
                      + (f" ({i.approved_by_name})" if i.approved_by_name else ""),
                      i.ranked_count] for i in self._lists])
        self.lists_table.setColumnWidth(1, 300)

    def _selected_lists(self) -> list[ranking.PriorityListInfo]:
        rows = sorted({i.row() for i in self.lists_table.selectionModel().selectedRows()})
        return [self._lists[r] for r in rows if r < len(self._lists)]

    def open_frozen(self) -> None:
        chosen = self._selected_lists()
        if not chosen:
            messages.info(self, "Pilih satu daftar terlebih dahulu.")
            return
        self.show_list(chosen[0])
        self.tabs.setCurrentIndex(0)

    def approve(self) -> None:
        chosen = self._selected_lists()
        if not chosen:
            messages.info(self, "Pilih satu daftar terlebih dahulu.")
            return
        note = messages.ask_text(self, "Setujui daftar prioritas",
                                 f"Catatan persetujuan untuk “{chosen[0].title}”:", "")
        if note is None:
            return
        try:
            info = ranking.approve(self.app, self.actor, chosen[0].id, note)
        except AppError as exc:
            messages.show_error(self, exc)
            return
        messages.info(self, f"Daftar “{info.title}” disetujui.")
        self.load_lists()

    def compare(self) -> None:
        chosen = self._selected_lists()
        if len(chosen) != 2:
            messages.info(self, "Pilih tepat dua daftar (Ctrl+klik) untuk dibandingkan.")
            return
        older, newer = sorted(chosen, key=lambda i: i.id)
        try:
            moves = ranking.compare(self.app, self.actor, older.id, newer.id)
        except AppError as exc:
            messages.show_error(self, exc)
            return
        self.compare_dialog = CompareDialog(older, newer, moves, self)
        self.compare_dialog.show()


class CompareDialog(QDialog):
    def __init__(self, older: ranking.PriorityListInfo, newer: ranking.PriorityListInfo,
                 moves: list[ranking.Movement], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Perbandingan daftar prioritas")
        self.resize(820, 560)
        self.moves = moves
        self.table = _readonly_table()
        _fill_table(self.table, ["Nomor", "Nama", f"Peringkat di A (no. {older.id})",
                                 f"Peringkat di B (no. {newer.id})", "Perubahan"],
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
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Tutup")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
