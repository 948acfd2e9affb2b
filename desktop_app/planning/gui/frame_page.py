"""Kerangka Perencanaan (Bappeda): the planning year and its theme, RPJMD/RKPD priorities with
targets, macro problems with their indicators, pagu indikatif per region, the kamus usulan
and the scoring criteria."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.errors import ValidationError
from desktop_app.core.domain.formatting import format_number
from desktop_app.core.domain.roles import Permission
from desktop_app.core.gui import messages
from desktop_app.core.gui.conflict import ConflictBanner
from desktop_app.core.gui.operations import PLANNING, Op, watch_changes
from desktop_app.core.services import regions
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.planning.domain.labels import PriorityKind
from desktop_app.planning.gui.widgets import fill_table, selected_data, year_combo
from desktop_app.planning.services import frame


def _cell(table: QTableWidget, r: int, c: int) -> str:
    item = table.item(r, c)
    return item.text().strip() if item else ""


def _number(text: str) -> float | None:
    from desktop_app.core.domain import parsing

    return None if not text.strip() else parsing.to_decimal_number(text)


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def editable(table: QTableWidget, headers: list[str], rows: list[list[object]],
             spare: int = 3) -> None:
    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setRowCount(len(rows) + spare)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
    table.horizontalHeader().setStretchLastSection(True)


class FramePage(QWidget):
    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        self.can_edit = actor.can(Permission.PLANNING_FRAME)
        current = frame.default_year(app)
        self.year = year_combo([y.year for y in frame.list_years(app, actor)], current)
        self.new_year = QPushButton("Tahun rencana baru…")
        self.new_year.clicked.connect(self.add_year)
        self.import_button = QPushButton("Impor Excel…")
        self.import_button.setToolTip("Lembar 'Prioritas' (kode, prioritas, sumber, target) dan "
                                      "'Pagu' (kecamatan, pagu indikatif, keterangan)")
        self.import_button.clicked.connect(self.import_frame)
        top = QHBoxLayout()
        top.addWidget(QLabel("<h2>Kerangka Perencanaan</h2>"))
        top.addStretch(1)
        top.addWidget(self.year)
        top.addWidget(self.new_year)
        top.addWidget(self.import_button)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._priority_tab(), "Tema && prioritas")
        self.tabs.addTab(self._macro_tab(), "Permasalahan makro")
        self.tabs.addTab(self._ceiling_tab(), "Pagu indikatif")
        from desktop_app.planning.gui.catalogue_tab import CatalogueTab
        from desktop_app.planning.gui.criteria_tab import CriteriaTab

        self.catalogue = CatalogueTab(app, actor, self)
        self.criteria = CriteriaTab(app, actor, self)
        self.tabs.addTab(self.catalogue, "Kamus usulan")
        self.tabs.addTab(self.criteria, "Kriteria peringkat")
        # A save refused because another desk changed the same part of the frame: what was
        # typed stays until «Muat ulang» shows the stored frame.
        self.conflict = ConflictBanner(self)
        self.conflict.reload_requested.connect(self.load)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.conflict)
        layout.addWidget(self.tabs, 1)
        for b in (self.new_year, self.import_button, self.save_theme_button, self.save_priorities_button,
                  self.save_macro_button, self.save_ceilings_button):
            b.setEnabled(self.can_edit)
        self.year.currentIndexChanged.connect(self.load)
        watch_changes(self, {PLANNING}, self.load)
        self.load()

    def import_frame(self) -> None:
        from desktop_app.planning.gui.exchange_dialogs import choose_open
        from desktop_app.planning.services.frame_import import import_frame

        path = choose_open(self, "Impor kerangka perencanaan (prioritas dan pagu)")
        if path is None:
            return
        year = self.year.currentData()
        (Op(self, lambda: import_frame(self.app, self.actor, path, year), changes={PLANNING},
            title="Mengimpor kerangka perencanaan…")
         .success(lambda r: messages.info(self, r.text, "Impor selesai")).run())

    # -- priorities ------------------------------------------------------------------------------
    def _priority_tab(self) -> QWidget:
        page = QWidget()
        self.theme = QPlainTextEdit()
        self.theme.setFixedHeight(56)
        self.save_theme_button = QPushButton("Simpan tema")
        self.save_theme_button.clicked.connect(self.save_theme)
        self.priorities = QTableWidget()
        self.save_priorities_button = QPushButton("Simpan prioritas")
        self.save_priorities_button.clicked.connect(self.save_priorities)
        form = QFormLayout()
        form.addRow("Tema RKPD", self.theme)
        v = QVBoxLayout(page)
        v.addLayout(form)
        v.addWidget(self.save_theme_button)
        v.addWidget(_note("Prioritas (kode, sumber: rpjmd/rkpd/provinsi/nasional, uraian, "
                          "sasaran). Baris tanpa uraian diabaikan."))
        v.addWidget(self.priorities, 1)
        v.addWidget(self.save_priorities_button)
        return page

    def save_theme(self) -> None:
        year, theme, version = self.year.currentData(), self.theme.toPlainText(), \
            self.year_version
        Op(self, lambda: frame.save_year(self.app, self.actor, year, theme, version=version),
           changes={PLANNING}).failure(self.conflict.show_refusal).run()

    def save_priorities(self) -> None:
        year = self.year.currentData()
        known = {p.code: p for p in self.loaded_priorities}
        items = []
        for r in range(self.priorities.rowCount()):
            code, kind, title, target = (_cell(self.priorities, r, c) for c in range(4))
            if not title:
                continue
            old = known.get(code)
            item = frame.PriorityInfo(old.id if old else None, year, code, title,
                                      kind or PriorityKind.RKPD.value, target, r + 1,
                                      old.version if old else None)
            if item != old:  # only what was changed here (another desk may change the rest)
                items.append(item)
        (Op(self, lambda: frame.save_priorities(self.app, self.actor, items),
            changes={PLANNING})
         .success(lambda _r: messages.info(self, f"{len(items)} prioritas disimpan."))
         .failure(self.conflict.show_refusal).run())

    # -- macro problems --------------------------------------------------------------------------
    def _macro_tab(self) -> QWidget:
        page = QWidget()
        self.problems = QTableWidget()
        self.problems.itemSelectionChanged.connect(self.show_problem)
        self.problem_code = QLineEdit()
        self.problem_title = QLineEdit()
        self.problem_desc = QLineEdit()
        self.indicators = QTableWidget()
        self.save_macro_button = QPushButton("Simpan permasalahan dan indikatornya")
        self.save_macro_button.clicked.connect(self.save_problem)
        self.new_macro_button = QPushButton("Masalah baru")
        self.new_macro_button.clicked.connect(lambda: self.show_problem(clear=True))
        form = QFormLayout()
        form.addRow("Kode", self.problem_code)
        form.addRow("Permasalahan", self.problem_title)
        form.addRow("Uraian", self.problem_desc)
        v = QVBoxLayout(page)
        v.addWidget(self.problems, 1)
        v.addWidget(self.new_macro_button)
        v.addLayout(form)
        v.addWidget(_note("Indikator: nama, satuan, kode wilayah (kosong = kabupaten), tahun, "
                          "nilai, target, makin tinggi makin baik (Ya/Tidak)."))
        v.addWidget(self.indicators, 2)
        v.addWidget(self.save_macro_button)
        return page

    def show_problem(self, clear: bool = False) -> None:
        index = None if clear else selected_data(self.problems)
        m = self.loaded_problems[int(index)] if index is not None else None
        self.problem_code.setText(m.code if m else "")
        self.problem_title.setText(m.title if m else "")
        self.problem_desc.setText(m.description if m else "")
        self.current_problem = m
        editable(self.indicators, ["Indikator", "Satuan", "Wilayah", "Tahun", "Nilai",
                                   "Target", "Makin tinggi makin baik"],
                 [[i.name, i.unit, i.region_code or "", i.value_year,
                   "" if i.value is None else format_number(i.value, 2),
                   "" if i.target is None else format_number(i.target, 2),
                   "Ya" if i.higher_is_better else "Tidak"]
                  for i in ((m.indicators or []) if m else [])])
        self.indicators.setColumnWidth(0, 280)

    def save_problem(self) -> None:
        year = self.year.currentData()
        try:
            indicators = []
            for r in range(self.indicators.rowCount()):
                name = _cell(self.indicators, r, 0)
                if not name:
                    continue
                indicators.append(frame.IndicatorInfo(
                    None, name, int(_cell(self.indicators, r, 3) or year),
                    _number(_cell(self.indicators, r, 4)), _cell(self.indicators, r, 1),
                    _number(_cell(self.indicators, r, 5)),
                    _cell(self.indicators, r, 2) or None,
                    _cell(self.indicators, r, 6).lower().startswith("y")))
        except ValueError as exc:
            messages.show_error(self, ValidationError(f"Indikator: {exc}"))
            return
        m = self.current_problem
        data = frame.MacroProblemInfo(m.id if m else None, year, self.problem_code.text(),
                                      self.problem_title.text(), self.problem_desc.text(),
                                      m.position if m else len(self.loaded_problems) + 1,
                                      indicators, m.version if m else None)
        Op(self, lambda: frame.save_macro_problem(self.app, self.actor, data),
           changes={PLANNING}).failure(self.conflict.show_refusal).run()

    # -- ceilings --------------------------------------------------------------------------------
    def _ceiling_tab(self) -> QWidget:
        page = QWidget()
        self.ceilings = QTableWidget()
        self.save_ceilings_button = QPushButton("Simpan pagu")
        self.save_ceilings_button.clicked.connect(self.save_ceilings)
        v = QVBoxLayout(page)
        v.addWidget(_note("Pagu indikatif per kecamatan (dan kabupaten) untuk tahun rencana "
                          "ini, dalam Rupiah. Kosongkan untuk menghapus."))
        v.addWidget(self.ceilings, 1)
        v.addWidget(self.save_ceilings_button)
        return page

    def save_ceilings(self) -> None:
        year = self.year.currentData()
        items: list[tuple[str, int | None, int | None]] = []
        try:
            for r, code in enumerate(self.ceiling_codes):
                amount = _number(_cell(self.ceilings, r, 2))
                value = int(amount) if amount is not None else None
                old = self.loaded_ceilings.get(code)
                if value != (old.amount if old else None):  # only the pagu changed here
                    items.append((code, value, old.version if old else 0))
        except ValueError as exc:
            messages.show_error(self, ValidationError(f"Pagu: {exc}"))
            return
        (Op(self, lambda: frame.save_ceilings(self.app, self.actor, year, items),
            changes={PLANNING})
         .success(lambda _r: messages.info(self, "Pagu indikatif disimpan."))
         .failure(self.conflict.show_refusal).run())

    # -- loading ---------------------------------------------------------------------------------
    def add_year(self) -> None:
        text = messages.ask_text(self, "Tahun rencana baru", "Tahun RKPD yang direncanakan:",
                                 str(self.year.currentData() + 1))
        if not text or not text.strip().isdigit():
            return
        year = int(text)
        if self.year.findData(year) >= 0:  # there already: shown, its theme kept
            self._select_year(year)
            return
        (Op(self, lambda: frame.save_year(self.app, self.actor, year, version=0),
            changes={PLANNING})
         .success(lambda _r: self._select_year(year)).run())

    def _select_year(self, year: int) -> None:
        if self.year.findData(year) < 0:
            self.year.addItem(f"Tahun rencana {year}", year)
        self.year.setCurrentIndex(self.year.findData(year))

    def load(self) -> None:
        year = self.year.currentData()
        info = next((y for y in frame.list_years(self.app, self.actor) if y.year == year), None)
        self.theme.setPlainText(info.theme if info else "")
        self.year_version = info.version if info else None
        self.loaded_priorities = frame.list_priorities(self.app, self.actor, year)
        editable(self.priorities, ["Kode", "Sumber", "Uraian prioritas", "Sasaran"],
                 [[p.code, p.kind, p.title, p.target] for p in self.loaded_priorities])
        self.priorities.setColumnWidth(2, 380)
        self.loaded_problems = frame.list_macro_problems(self.app, self.actor, year)
        fill_table(self.problems, ["Kode", "Permasalahan makro", "Indikator"],
                   [[m.code, m.title, len(m.indicators or [])] for m in self.loaded_problems],
                   data=list(range(len(self.loaded_problems))))
        self.problems.setColumnWidth(0, 60)
        self.problems.setColumnWidth(1, 320)
        self.show_problem(clear=True)
        self.loaded_ceilings = {c.region_code: c for c in frame.list_ceilings(
            self.app, self.actor, year)}
        amounts = {code: c.amount for code, c in self.loaded_ceilings.items()}
        rows = [(r.code, f"Kecamatan {r.name}") for r in regions.list_regions(
            self.app, "kecamatan")] + [(r.code, r.name) for r in regions.list_regions(
                self.app, "kabupaten")]
        self.ceiling_codes = [code for code, _ in rows]
        editable(self.ceilings, ["Kode", "Wilayah", "Pagu indikatif (Rp)"],
                 [[code, label, format_number(amounts[code]) if code in amounts else ""]
                  for code, label in rows], spare=0)
        self.ceilings.setColumnWidth(1, 260)
