"""Wilayah & Seksi: the Kemendagri regions (with codes) and the office's seksi/bidang."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.errors import AppError
from desktop_app.core.domain.roles import Permission
from desktop_app.core.gui import messages
from desktop_app.core.gui.simple_forms import RegionDialog, UnitDialog
from desktop_app.core.services import office, regions
from desktop_app.core.services.context import Actor, AppContext

LEVEL_LABELS = {"provinsi": "Provinsi", "kabupaten": "Kabupaten", "kecamatan": "Kecamatan",
                "desa": "Desa", "kelurahan": "Kelurahan"}
CODE_ROLE = Qt.ItemDataRole.UserRole + 1


class RegionsUnitsPage(QWidget):
    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        can_edit = actor.can(Permission.MANAGE_OFFICE)

        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Nama", "Kode Kemendagri", "Tingkat"])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setAlternatingRowColors(True)
        self.region_count = QLabel()
        self.add_region_button = QPushButton("Tambah &desa/kelurahan…")
        self.add_region_button.clicked.connect(self.add_region)
        self.add_region_button.setVisible(can_edit)
        regions_box = QGroupBox("Wilayah")
        regions_layout = QVBoxLayout(regions_box)
        regions_layout.addWidget(self.tree, 1)
        row = QHBoxLayout()
        row.addWidget(self.region_count, 1)
        row.addWidget(self.add_region_button)
        regions_layout.addLayout(row)

        self.units = QTableWidget(0, 3)
        self.units.setHorizontalHeaderLabels(["Seksi / bidang", "Kepala", "Status"])
        self.units.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.units.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.units.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.ResizeToContents)
        self.units.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.units.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.units.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.units.verticalHeader().hide()
        self.units.setAlternatingRowColors(True)
        self.add_unit_button = QPushButton("Ta&mbah…")
        self.edit_unit_button = QPushButton("&Ubah…")
        self.toggle_unit_button = QPushButton("N&onaktifkan")
        self.add_unit_button.clicked.connect(self.add_unit)
        self.edit_unit_button.clicked.connect(self.edit_unit)
        self.toggle_unit_button.clicked.connect(self.toggle_unit)
        self.units.doubleClicked.connect(lambda _i: can_edit and self.edit_unit())
        self.units.itemSelectionChanged.connect(self._update_unit_buttons)
        units_box = QGroupBox("Seksi / bidang kantor")
        units_layout = QVBoxLayout(units_box)
        units_layout.addWidget(self.units, 1)
        unit_row = QHBoxLayout()
        unit_row.addStretch(1)
        for b in (self.add_unit_button, self.edit_unit_button, self.toggle_unit_button):
            b.setVisible(can_edit)
            unit_row.addWidget(b)
        units_layout.addLayout(unit_row)

        splitter = QSplitter()
        splitter.addWidget(regions_box)
        splitter.addWidget(units_box)
        splitter.setSizes([520, 480])
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Wilayah &amp; Seksi</h2>"))
        layout.addWidget(splitter, 1)
        self._units: list[office.UnitInfo] = []
        self.refresh()

    def refresh(self) -> None:
        self.load_regions()
        self.load_units()

    # -- regions -------------------------------------------------------------------------------
    def load_regions(self) -> None:
        self.tree.clear()
        items: dict[str, QTreeWidgetItem] = {}
        all_regions = regions.list_regions(self.app)
        for r in all_regions:  # ordered by code: parents come first
            item = QTreeWidgetItem([r.name, r.code, LEVEL_LABELS.get(r.level, r.level)])
            item.setData(0, CODE_ROLE, r.code)
            parent = items.get(r.parent_code or "")
            if parent is None:
                self.tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            items[r.code] = item
        self.tree.expandToDepth(1)
        home = items.get(regions.HOME_KECAMATAN)
        if home is not None:
            home.setExpanded(True)
        desa = sum(1 for r in all_regions if r.level in {"desa", "kelurahan"})
        kec = sum(1 for r in all_regions if r.level == "kecamatan")
        self.region_count.setText(f"{kec} kecamatan, {desa} desa/kelurahan")

    def add_region(self) -> None:
        current = self.tree.currentItem()
        parent_code = None
        if current is not None:
            code = current.data(0, CODE_ROLE)
            parent_code = code if code.count(".") == 2 else None
        dialog = RegionDialog(self.app, self.actor, self, parent_code)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.load_regions()

    # -- units ---------------------------------------------------------------------------------
    def load_units(self) -> None:
        self._units = office.list_units(self.app, include_inactive=True)
        self.units.setRowCount(len(self._units))
        for row, unit in enumerate(self._units):
            cells = [unit.name, unit.head_name, "Aktif" if unit.active else "Nonaktif"]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if not unit.active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.units.setItem(row, col, item)
        self._update_unit_buttons()

    def selected_unit(self) -> office.UnitInfo | None:
        rows = self.units.selectionModel().selectedRows()
        return self._units[rows[0].row()] if rows else None

    def _update_unit_buttons(self) -> None:
        unit = self.selected_unit()
        self.edit_unit_button.setEnabled(unit is not None)
        self.toggle_unit_button.setEnabled(unit is not None)
        self.toggle_unit_button.setText("Akti&fkan" if unit and not unit.active else "N&onaktifkan")

    def add_unit(self) -> None:
        if UnitDialog(self.app, self.actor, self).exec() == QDialog.DialogCode.Accepted:
            self.load_units()

    def edit_unit(self) -> None:
        unit = self.selected_unit()
        if unit is not None and UnitDialog(self.app, self.actor, self, unit).exec() \
                == QDialog.DialogCode.Accepted:
            self.load_units()

    def toggle_unit(self) -> None:
        unit = self.selected_unit()
        if unit is None:
            return
        if unit.active and not messages.confirm(
                self, f"Nonaktifkan {unit.name}? Data lama tetap tersimpan, tetapi seksi ini "
                      "tidak lagi muncul di pilihan."):
            return
        try:
            office.save_unit(self.app, self.actor, unit.id, unit.name, unit.head_name,
                             not unit.active, version=unit.version)
        except AppError as exc:
            messages.show_error(self, exc)
        self.load_units()
