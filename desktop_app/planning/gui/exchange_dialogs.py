"""Spreadsheet dialogs of REMBUK REMAS: a desa workbook (columns matched, mapping editable,
imported in the background), a SIPD/exported workbook, and the SIPD-layout export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.formatting import format_number
from desktop_app.core.gui import messages
from desktop_app.core.gui.operations import PLANNING, Op
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.planning.domain.labels import PlanningLevel
from desktop_app.planning.gui.widgets import combo, desa_combo, select
from desktop_app.planning.services import transfer, workbook


def choose_open(parent: QWidget | None, title: str) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, "",
                                          "Lembar kerja (*.xlsx *.xlsm *.xls *.ods)")
    return Path(path) if path else None


def choose_save(parent: QWidget | None, title: str, suggested: str) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, "Excel (*.xlsx)")
    if not path:
        return None
    target = Path(path)
    return target if target.suffix.lower() == ".xlsx" else target.with_suffix(".xlsx")


class DesaImportDialog(QDialog):
    """How the desa's columns were read (editable), the desa and what the rows are."""

    def __init__(self, app: AppContext, actor: Actor, path: Path, year: int,
                 desa_code: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor, self.path, self.year = app, actor, Path(path), year
        self.result_obj: workbook.WorkbookResult | None = None
        self.setWindowTitle(f"Impor usulan desa: {self.path.name}")
        self.resize(820, 600)
        self.ready = Op(parent, lambda: workbook.preview(self.path)).success(
            lambda found: setattr(self, "preview", found)).run()
        if not self.ready:
            return
        self.info = QLabel(wordWrap=True)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["Kolom di berkas", "Dibaca sebagai"])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.combos: list[QComboBox] = []
        # A desa may keep one tab per RT/RW or per year: one tab is imported at a time.
        self.sheet = QComboBox()
        self.sheet.addItems(self.preview.sheets)
        self.sheet.setCurrentText(self.preview.sheet)
        self.sheet.activated.connect(self._other_sheet)
        self._fill()
        self.desa = desa_combo(app, None, "— desa dari kolom Desa di berkas —")
        if desa_code:
            select(self.desa, desa_code)
        self.level = combo([(PlanningLevel.KECAMATAN.value,
                             "Hasil Musrenbang Desa (dibahas di Musrenbang Kecamatan)"),
                            (PlanningLevel.DESA.value,
                             "Usulan RT/RW (dibahas di Musrenbang Desa)")])
        form = QFormLayout()
        if len(self.preview.sheets) > 1:
            form.addRow("&Lembar", self.sheet)
        form.addRow("Tahun rencana", QLabel(str(year)))
        form.addRow("Desa/kelurahan", self.desa)
        form.addRow("Isi berkas", self.level)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Impor")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Batal")
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _fill(self) -> None:
        """The columns of the sheet shown, as read."""
        missing = (" Kolom wajib yang belum ditemukan: " + ", ".join(self.preview.missing)
                   + "; pilih kolomnya di bawah, atau tambahkan di berkas."
                   if self.preview.missing else "")
        self.info.setText(f"{self.preview.rows} baris data ditemukan di lembar "
                          f"\"{self.preview.sheet}\". Periksa pasangan kolom; kolom yang tidak "
                          "dipakai biarkan \"(abaikan)\"." + missing)
        self.table.setRowCount(len(self.preview.headers))
        self.combos = []
        for i, name in enumerate(self.preview.headers):
            self.table.setItem(i, 0, QTableWidgetItem(name or f"(kolom {i + 1})"))
            box = combo(workbook.column_choices(), "(abaikan)")
            select(box, self.preview.mapping.get(i))
            self.table.setCellWidget(i, 1, box)
            self.combos.append(box)

    def _other_sheet(self) -> None:
        sheet = self.sheet.currentText()
        if sheet != self.preview.sheet and Op(self, lambda: workbook.preview(
                self.path, sheet)).success(lambda found: setattr(self, "preview", found)).run():
            self._fill()

    def mapping(self) -> dict[int, str | None]:
        return {i: box.currentData() for i, box in enumerate(self.combos)}

    def run_import(self) -> None:
        mapping, desa, level = self.mapping(), self.desa.currentData(), self.level.currentData()
        (Op(self, lambda progress: workbook.import_workbook(
            self.app, self.actor, self.path, year=self.year, desa_code=desa, level=level,
            mapping=mapping, progress=progress, sheet=self.preview.sheet), changes={PLANNING},
            title="Mengimpor usulan desa…")
         .success(self._done).run_in_background())

    def _done(self, result: workbook.WorkbookResult) -> None:
        self.result_obj = result
        text = result.text
        rejected = workbook.write_rejected(
            self.path.with_name(self.path.stem + "-ditolak.xlsx"), result)
        if rejected is not None:
            text += f"\n\nBaris yang ditolak beserta alasannya disimpan di:\n{rejected}"
        messages.info(self, text, "Impor selesai")
        self.accept()


def import_exported(parent: QWidget, app: AppContext, actor: Actor) -> None:
    """A SIPD-layout workbook (ours, a kecamatan's, or SIPD's own export)."""
    path = choose_open(parent, "Impor berkas usulan (SIPD / kecamatan)")
    if path is None:
        return

    def done(result: transfer.ImportResult) -> None:
        text = result.text
        if result.already_imported:
            text = "Berkas ini sudah pernah diimpor. " + text
        rejected = transfer.write_rejected(path.with_name(path.stem + "-ditolak.xlsx"), result)
        if rejected is not None:
            text += f"\n\nBaris yang ditolak beserta alasannya disimpan di:\n{rejected}"
        messages.info(parent, text, "Impor selesai")

    (Op(parent, lambda progress: transfer.import_sipd(app, actor, path, progress),
        changes={PLANNING}, title="Mengimpor usulan…").success(done).run_in_background())


def export_sipd(parent: QWidget, app: AppContext, actor: Actor,
                scope: transfer.ExportScope, suggested: str) -> None:
    target = choose_save(parent, "Ekspor usulan (urutan kolom SIPD)", suggested)
    if target is None:
        return
    (Op(parent, lambda progress: transfer.export_sipd(app, actor, target, scope, progress),
        title="Mengekspor usulan…")
     .success(lambda result: messages.info(parent, f"{format_number(result[1])} usulan diekspor ke\n"
                                                   f"{result[0]}", "Ekspor selesai"))
     .run_in_background())
