"""Usulan Musrenbang: every proposal of a year, filtered, sorted and paged in the database,
with the form, the desa workbook import, links from KULA RAKAT and RUKO PARSEL, and the SIPD
exchange."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.formatting import format_rupiah
from desktop_app.core.domain.roles import Permission
from desktop_app.core.gui import messages
from desktop_app.core.gui.conflict import ConflictBanner
from desktop_app.core.gui.operations import PLANNING, Op, watch_changes
from desktop_app.core.gui.table_model import Column, PagedQueryModel, PagedTableView
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.planning.domain.labels import PlanningLevel, PriorityTier, ScreeningVerdict
from desktop_app.planning.gui.widgets import (
    combo,
    desa_combo,
    enum_combo,
    year_combo,
)
from desktop_app.planning.services import frame, proposals
from desktop_app.planning.services.queries import PENDING, ProposalFilter, ProposalPageSource

RETURNED_COLOR = QColor("#FFF1D6")
REJECTED_COLOR = QColor("#FBE4E4")
MAIN_COLOR = QColor("#E3F4E1")

COLUMNS = [
    Column("number", "Nomor", "number", width=150),
    Column("desa_name", "Desa/Kel.", "desa", width=120),
    Column("rt_rw", "RT/RW", None, width=55),
    Column("work", "Usulan kegiatan", "work", width=300),
    Column("volume_text", "Volume", None, align_right=True, width=90),
    Column("cost", "Biaya", "cost", format_rupiah, align_right=True, width=120),
    Column("agency", "SKPD tujuan", "agency", width=150),
    Column("level_label", "Tingkat", "level", width=110),
    Column("verdict_label", "Putusan", "verdict", width=150),
    Column("tier_label", "Prioritas", "tier", width=80),
    Column("rank", "Peringkat", "rank", align_right=True, width=70),
    Column("realisation_label", "Realisasi", "realisation", width=110),
]


def _background(row: object) -> QColor | None:
    if getattr(row, "returned", False):
        return RETURNED_COLOR
    if getattr(row, "verdict", None) in (ScreeningVerdict.REJECTED.value,):
        return REJECTED_COLOR
    if getattr(row, "priority_tier", None) == PriorityTier.MAIN.value:
        return MAIN_COLOR
    return None


class ProposalsPage(QWidget):
    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        title = QLabel("<h2>Usulan Musrenbang (REMBUK REMAS)</h2>")
        current = frame.default_year(app)
        self.year = year_combo([y.year for y in frame.list_years(app, actor)], current)
        self.level = enum_combo(PlanningLevel, "Semua tingkat")
        self.desa = desa_combo(app, None, "Semua desa/kelurahan")
        self.verdict = combo([(PENDING, "Belum dibahas"),
                              *((v.value, v.label) for v in ScreeningVerdict)], "Semua putusan")
        self.tier = enum_combo(PriorityTier, "UTAMA & CADANGAN")
        self.returned = QCheckBox("Dikembalikan")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Cari nomor, usulan, masalah, pengusul, SKPD, alamat…")
        self.search.setClearButtonEnabled(True)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        for w in (self.year, self.level, self.desa, self.verdict, self.tier):
            filters.addWidget(w, 1)
        filters.addWidget(self.returned)
        self.model = PagedQueryModel(ProposalPageSource(app, actor), COLUMNS, page_size=100,
                                     default_sort="number", descending=False,
                                     row_background=_background, parent=self)
        self.view = PagedTableView(self.model, self)
        self.view.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.view.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.new_button = QPushButton("Usulan baru…")
        self.open_button = QPushButton("Buka…")
        self.delete_button = QPushButton("Hapus")
        self.import_desa_button = QPushButton("Impor Excel desa…")
        self.import_sipd_button = QPushButton("Impor berkas SIPD…")
        self.export_button = QPushButton("Ekspor SIPD…")
        self.links_button = QPushButton("Dari KULA RAKAT / rapat…")
        buttons = QHBoxLayout()
        exchange_row = QHBoxLayout()
        for row, b, handler in (
                (buttons, self.new_button, self.new),
                (buttons, self.open_button, self.open_selected),
                (buttons, self.delete_button, self.delete_selected),
                (buttons, self.links_button, self.from_links),
                (exchange_row, self.import_desa_button, self.import_desa),
                (exchange_row, self.import_sipd_button, self.import_sipd),
                (exchange_row, self.export_button, self.export)):
            b.clicked.connect(handler)
            row.addWidget(b)
        buttons.addStretch(1)
        exchange_row.addStretch(1)
        for b in (self.import_desa_button, self.import_sipd_button, self.links_button):
            b.setEnabled(actor.can(Permission.PLANNING_ENTER)
                         and (actor.can(Permission.DATA_IMPORT) if b is not self.links_button
                              else actor.can(Permission.RANKING_RUN)
                              or actor.can(Permission.MEETING_VIEW)))
        self.export_button.setEnabled(actor.can(Permission.DATA_EXPORT))
        can_enter = actor.can(Permission.PLANNING_ENTER)
        self.new_button.setEnabled(can_enter)
        self.delete_button.setEnabled(can_enter)
        self.button_row = buttons
        # Deleting an usulan another desk changed since the list showed it: refused here.
        self.conflict = ConflictBanner(self, keep_text="Tutup pesan")
        self.conflict.reload_requested.connect(lambda: self.model.reload())
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.conflict)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addLayout(exchange_row)
        for box in (self.year, self.level, self.desa, self.verdict, self.tier):
            box.currentIndexChanged.connect(self.apply_filter)
        self.returned.toggled.connect(self.apply_filter)
        self.search.returnPressed.connect(self.apply_filter)
        self.search.textChanged.connect(lambda t: self.apply_filter() if not t else None)
        watch_changes(self, {PLANNING}, lambda: self.model.reload())
        self.apply_filter()

    def current_filter(self) -> ProposalFilter:
        return ProposalFilter(
            year=self.year.currentData(), level=self.level.currentData() or "",
            desa_code=self.desa.currentData() or "", verdict=self.verdict.currentData() or "",
            priority_tier=self.tier.currentData() or "", returned_only=self.returned.isChecked(),
            text=self.search.text().strip())

    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())

    def new(self) -> None:
        from desktop_app.planning.gui.proposal_dialog import ProposalDialog

        dialog = ProposalDialog(self.app, self.actor, self, year=self.year.currentData(),
                                desa_code=self.desa.currentData())
        dialog.exec()

    def open_selected(self) -> None:
        row = self.view.selected_row()
        if row is None:
            messages.info(self, "Pilih satu usulan di tabel terlebih dahulu.")
            return
        from desktop_app.planning.gui.proposal_dialog import ProposalDialog

        ProposalDialog(self.app, self.actor, self, proposal_id=row.id).exec()

    def delete_selected(self) -> None:
        row = self.view.selected_row()
        if row is None:
            messages.info(self, "Pilih satu usulan di tabel terlebih dahulu.")
            return
        if not messages.confirm(self, f"Hapus usulan {row.number} ({row.work})?"):
            return
        Op(self, lambda: proposals.delete_proposal(self.app, self.actor, row.id,
                                                   version=row.version),
           changes={PLANNING}).failure(self.conflict.show_refusal).run()

    def import_desa(self) -> None:
        from desktop_app.planning.gui.exchange_dialogs import DesaImportDialog, choose_open

        path = choose_open(self, "Impor lembar usulan desa")
        if path is None:
            return
        dialog = DesaImportDialog(self.app, self.actor, path, self.year.currentData(),
                                  self.desa.currentData(), self)
        if dialog.ready:
            dialog.exec()

    def import_sipd(self) -> None:
        from desktop_app.planning.gui.exchange_dialogs import import_exported

        import_exported(self, self.app, self.actor)

    def export(self) -> None:
        from desktop_app.planning.gui.exchange_dialogs import export_sipd
        from desktop_app.planning.services.transfer import ExportScope

        year = self.year.currentData()
        export_sipd(self, self.app, self.actor,
                    ExportScope(year, self.level.currentData() or "",
                                self.desa.currentData() or ""), f"usulan-musrenbang-{year}.xlsx")

    def from_links(self) -> None:
        from desktop_app.planning.gui.links_dialog import LinksDialog

        LinksDialog(self.app, self.actor, self.year.currentData(), self).exec()
