"""Rembuk & Penyaringan: one rembuk (Musrenbang of a tier and region) with its screening
table, the form beside it, ranking and the UTAMA/CADANGAN split against the ceiling,
delegates, fixing the result, forwarding, and the printouts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.formatting import format_rupiah
from desktop_app.core.domain.roles import Permission
from desktop_app.core.gui import messages
from desktop_app.core.gui.conflict import ConflictBanner
from desktop_app.core.gui.operations import PLANNING, Op, watch_changes
from desktop_app.core.gui.printing import print_preview
from desktop_app.core.gui.table_model import Column, PagedQueryModel, PagedTableView
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.planning.domain.labels import PriorityTier, ScreeningVerdict
from desktop_app.planning.gui.rembuk_dialogs import (
    DelegatesDialog,
    FinalizeDialog,
    NewRembukDialog,
)
from desktop_app.planning.gui.screening_panel import ScreeningPanel
from desktop_app.planning.gui.widgets import combo, desa_combo, enum_combo, select, year_combo
from desktop_app.planning.services import frame, printing, rembuk, scoring
from desktop_app.planning.services.screening import (
    PENDING,
    ScreeningFilter,
    ScreeningPageSource,
)
from desktop_app.ranking.domain.methods import Method

COLUMNS = [
    Column("rank", "Prk", "rank", align_right=True, width=40),
    Column("number", "Nomor", "number", width=145),
    Column("desa_name", "Desa", "desa", width=105),
    Column("work", "Usulan", "work", width=240),
    Column("cost", "Biaya", "cost", format_rupiah, align_right=True, width=115),
    Column("t_aligned", "Sel", None, width=34),
    Column("t_within_ceiling", "Pagu", None, width=38),
    Column("t_direct_impact", "Dmp", None, width=38),
    Column("t_core_problem", "MP", None, width=34),
    Column("t_authority_ok", "Kwn", None, width=38),
    Column("t_land_ok", "Lhn", None, width=36),
    Column("verdict_label", "Putusan", "verdict", width=130),
    Column("tier_label", "Prioritas", "tier", width=80),
    Column("reason_text", "Alasan/catatan", None, width=240),
]
COLORS = {PriorityTier.MAIN.value: QColor("#E3F4E1"), PriorityTier.RESERVE.value:
          QColor("#EEF3FB"), ScreeningVerdict.REJECTED.value: QColor("#FBE4E4"),
          ScreeningVerdict.REVISE.value: QColor("#FFF1D6"),
          ScreeningVerdict.REDIRECTED.value: QColor("#F3ECFA")}


def _color(row: object) -> QColor | None:
    return COLORS.get(getattr(row, "priority_tier", None) or "") or \
        COLORS.get(getattr(row, "verdict", None) or "")


class EmptySource:
    def count(self, flt: object) -> int:
        return 0

    def fetch(self, *args: object) -> list[object]:
        return []


class RembukPage(QWidget):
    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        self.info: rembuk.RembukInfo | None = None
        current = frame.default_year(app)
        self.year = year_combo([y.year for y in frame.list_years(app, actor)], current)
        self.rembuk = combo([])
        self.new_button = QPushButton("Rembuk baru…")
        top = QHBoxLayout()
        top.addWidget(QLabel("<b>Rembuk & Penyaringan</b>"))
        top.addWidget(self.year)
        top.addWidget(self.rembuk, 1)
        top.addWidget(self.new_button)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        # Reopening or forwarding a rembuk, or moving an usulan between UTAMA and CADANGAN,
        # that another desk changed since it was shown: refused.
        self.conflict = ConflictBanner(self, keep_text="Tutup pesan")
        self.conflict.reload_requested.connect(self.refresh)
        self.verdict = combo([(PENDING, "Belum dibahas"),
                              *((v.value, v.label) for v in ScreeningVerdict)], "Semua putusan")
        self.desa = desa_combo(app, None, "Semua desa")
        self.tier = enum_combo(PriorityTier, "UTAMA & CADANGAN")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Cari usulan…")
        self.search.setClearButtonEnabled(True)
        filters = QHBoxLayout()
        for w in (self.search, self.verdict, self.desa, self.tier):
            filters.addWidget(w, 2 if w is self.search else 1)

        priorities = [(p.id, p.label) for p in frame.list_priorities(app, actor, current)]
        self.panel = ScreeningPanel(app, actor, priorities, self)
        self.model = PagedQueryModel(EmptySource(), COLUMNS, page_size=100, default_sort="rank",
                                     descending=False, row_background=_color, parent=self)
        self.view = PagedTableView(self.model, self)
        self.view.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.view)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        self.method = combo((m.value, m.name) for m in Method)
        self.method.setToolTip("SAW: jumlah terbobot; TOPSIS: jarak ke solusi ideal")
        self.rank_button = QPushButton("Hitung peringkat && bagi pagu")
        self.main_button = QPushButton("Jadikan UTAMA")
        self.reserve_button = QPushButton("Jadikan CADANGAN")
        self.delegates_button = QPushButton("Delegasi && Mengetahui…")
        self.finalize_button = QPushButton("Tetapkan hasil…")
        self.reopen_button = QPushButton("Buka kembali…")
        self.forward_button = QPushButton("Teruskan ke tingkat berikutnya")
        self.ba_button = QPushButton("Cetak BA")
        self.recap_button = QPushButton("Rekap penyaringan")
        self.letters_button = QPushButton("Surat ke desa")
        row1 = QHBoxLayout()
        for w in (QLabel("Metode"), self.method, self.rank_button, self.main_button,
                  self.reserve_button):
            row1.addWidget(w)
        row1.addStretch(1)
        self.row2 = QHBoxLayout()
        for w in (self.delegates_button, self.finalize_button, self.reopen_button,
                  self.forward_button):
            self.row2.addWidget(w)
        self.row2.addStretch(1)
        row3 = QHBoxLayout()
        for w in (self.ba_button, self.recap_button, self.letters_button):
            row3.addWidget(w)
        row3.addStretch(1)
        self.print_row = row3

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.conflict)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(row1)
        layout.addLayout(self.row2)
        layout.addLayout(row3)

        self.year.currentIndexChanged.connect(self.load_rembuks)
        self.rembuk.currentIndexChanged.connect(self.show_rembuk)
        self.new_button.clicked.connect(self.new_rembuk)
        for box in (self.verdict, self.desa, self.tier):
            box.currentIndexChanged.connect(self.apply_filter)
        self.search.returnPressed.connect(self.apply_filter)
        self.view.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.panel.saved.connect(lambda _pid: self.refresh_info())
        self.rank_button.clicked.connect(self.rank)
        self.main_button.clicked.connect(lambda: self.move(PriorityTier.MAIN))
        self.reserve_button.clicked.connect(lambda: self.move(PriorityTier.RESERVE))
        self.delegates_button.clicked.connect(self.edit_delegates)
        self.finalize_button.clicked.connect(self.finalize)
        self.reopen_button.clicked.connect(self.reopen)
        self.forward_button.clicked.connect(self.forward)
        self.ba_button.clicked.connect(lambda: self.print_document("ba"))
        self.recap_button.clicked.connect(lambda: self.print_document("rekap"))
        self.letters_button.clicked.connect(lambda: self.print_document("surat"))
        watch_changes(self, {PLANNING}, self.refresh)
        self.load_rembuks()

    # -- choosing a rembuk -----------------------------------------------------------------------
    def load_rembuks(self, select_id: int | None = None) -> None:
        keep = select_id or (self.info.id if self.info else None)
        self.rembuk.blockSignals(True)
        self.rembuk.clear()
        for r in rembuk.list_rembuks(self.app, self.actor, self.year.currentData()):
            self.rembuk.addItem(f"{r.title} — {r.status_label}", r.id)
        if keep is not None:
            select(self.rembuk, keep)
        self.rembuk.blockSignals(False)
        self.show_rembuk()

    def open_rembuk(self, rembuk_id: int, *, pending_only: bool = False) -> None:
        """Show one rembuk (the Beranda opens it), its usulan not yet screened first when
        ``pending_only``."""
        info = rembuk.get_rembuk(self.app, self.actor, rembuk_id)
        self.year.blockSignals(True)
        select(self.year, info.year)
        self.year.blockSignals(False)
        if pending_only:
            self.verdict.blockSignals(True)
            select(self.verdict, PENDING)
            self.verdict.blockSignals(False)
        self.load_rembuks(select_id=rembuk_id)

    def show_rembuk(self) -> None:
        rid = self.rembuk.currentData()
        if rid is None:
            self.info = None
            self.model.source = EmptySource()
            self.model.reload()
            self.summary.setText("Belum ada rembuk untuk tahun ini. Tekan <b>Rembuk baru…</b>.")
            self._enable()
            return
        self.model.source = ScreeningPageSource(self.app, self.actor, rid)
        self.refresh_info()
        self.apply_filter()

    def refresh_info(self) -> None:
        rid = self.rembuk.currentData()
        if rid is None:
            return
        self.info = info = rembuk.get_rembuk(self.app, self.actor, rid)
        c = info.counts
        ceiling = (f"Pagu {format_rupiah(info.ceiling)} · UTAMA {c.main_count} "
                   f"({format_rupiah(c.main_cost)}) · CADANGAN {c.reserve_count} "
                   f"({format_rupiah(c.reserve_cost)}) · sisa {format_rupiah(info.remaining)}"
                   if info.ceiling is not None else "<b>Pagu indikatif belum diisi</b>")
        stale = " · <b>peringkat perlu dihitung ulang</b>" \
            if c.passed and (info.ranked_at is None or c.unranked_passed) else ""
        self.summary.setText(
            f"<b>{info.status_label}</b> · {c.total} usulan: {c.pending} belum dibahas, "
            f"{c.passed} lolos, {c.revise} perbaikan, {c.rejected} tidak diakomodir, "
            f"{c.redirected} dialihkan · {ceiling}{stale}"
            + (f" · BA {info.ba_number}" if info.ba_number else ""))
        self._enable()

    def refresh(self) -> None:
        if self.info is not None:
            self.refresh_info()
            self.model.reload()
            self._selected()

    def apply_filter(self) -> None:
        self.model.set_filter(ScreeningFilter(
            verdict=self.verdict.currentData() or "", desa_code=self.desa.currentData() or "",
            priority_tier=self.tier.currentData() or "", text=self.search.text().strip()))
        self._selected()

    def _enable(self) -> None:
        info = self.info
        open_ = info is not None and info.is_open
        screen = self.actor.can(Permission.PLANNING_SCREEN)
        final = self.actor.can(Permission.PLANNING_FINALIZE)
        self.new_button.setEnabled(screen)
        for b in (self.rank_button, self.main_button, self.reserve_button,
                  self.delegates_button):
            b.setEnabled(open_ and screen)
        self.finalize_button.setEnabled(open_ and final)
        self.reopen_button.setEnabled(info is not None and info.status == "final" and final)
        self.forward_button.setEnabled(info is not None and info.status == "final" and final
                                       and info.level != "kabupaten")
        for b in (self.ba_button, self.recap_button, self.letters_button):
            b.setEnabled(info is not None)

    def _selected(self) -> None:
        row = self.view.selected_row()
        editable = bool(self.info and self.info.is_open
                        and self.actor.can(Permission.PLANNING_SCREEN))
        self.panel.set_row(self.info.id if self.info else None, row, editable=editable)

    # -- actions ---------------------------------------------------------------------------------
    def new_rembuk(self) -> None:
        dialog = NewRembukDialog(self.app, self.actor, self.year.currentData(), self)
        if dialog.exec() and dialog.created_id:
            self.load_rembuks(dialog.created_id)

    def rank(self) -> None:
        if self.info is None:
            return
        rid, method = self.info.id, self.method.currentData()
        (Op(self, lambda progress: scoring.rank_rembuk(self.app, self.actor, rid, method,
                                                        progress),
            changes={PLANNING}, title="Menghitung peringkat…")
         .success(lambda summary: messages.info(self, summary.text, "Peringkat dihitung"))
         .run_in_background())

    def move(self, target: PriorityTier) -> None:
        row = self.view.selected_row()
        if self.info is None or row is None:
            messages.info(self, "Pilih satu usulan di tabel terlebih dahulu.")
            return
        note = messages.ask_text(self, f"Jadikan {target.label}",
                                 "Alasan pemindahan (dicatat dalam riwayat):")
        if note is None:
            return
        rid, version = self.info.id, row.version
        # Moved, screened or corrected on another desk since the table showed it: refused on
        # the banner, whose «Muat ulang» shows the row as stored.
        (Op(self, lambda: scoring.move_tier(self.app, self.actor, rid, row.proposal_id, target,
                                            note, version=version), changes={PLANNING})
         .failure(self.conflict.show_refusal).run())

    def edit_delegates(self) -> None:
        if self.info is not None:
            DelegatesDialog(self.app, self.actor, self.info, self).exec()

    def finalize(self) -> None:
        if self.info is None:
            return
        suggested = rembuk.ba_number_suggestion(self.app, self.actor, self.info.id)
        FinalizeDialog(self.app, self.actor, self.info, suggested, self).exec()

    def reopen(self) -> None:
        if self.info is None:
            return
        reason = messages.ask_text(self, "Buka kembali", "Alasan membuka kembali hasil rembuk:")
        if reason is None:
            return
        rid, version = self.info.id, self.info.version
        Op(self, lambda: rembuk.reopen(self.app, self.actor, rid, reason, version=version),
           changes={PLANNING}).failure(self.conflict.show_refusal).run()

    def forward(self) -> None:
        if self.info is None:
            return
        if not messages.confirm(self, "Teruskan semua usulan yang lolos (UTAMA dan CADANGAN) "
                                      "ke tingkat berikutnya? Hasil rembuk ini tidak dapat "
                                      "diubah lagi."):
            return
        rid, version = self.info.id, self.info.version
        (Op(self, lambda: rembuk.forward(self.app, self.actor, rid, version=version),
            changes={PLANNING})
         .success(lambda n: messages.info(self, f"{n} usulan diteruskan."))
         .failure(self.conflict.show_refusal).run())

    def print_document(self, what: str) -> None:
        if self.info is None:
            return
        rid = self.info.id
        render = {"ba": printing.print_berita_acara, "rekap": printing.print_recap,
                  "surat": printing.print_desa_letters}[what]
        stem = f"{what}-musrenbang-{self.info.level}-{self.info.year}"
        print_preview(self, self.app, stem,
                      lambda target, progress: render(self.app, self.actor, rid, target,
                                                      progress))
