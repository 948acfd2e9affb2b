"""The field path from the list page: *Formulir lapangan…* saves the XLSForm of a category
for KoboToolbox / ODK Central; *Impor hasil lapangan…* reads what they export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from desktop_app.core.gui import messages, pdf
from desktop_app.core.gui.fields import DiscardGuard
from desktop_app.core.gui.operations import Op
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.intake.gui.import_dialog import open_import
from desktop_app.intake.services import categories, fieldwork

STEPS_TEXT = (
    "Formulir ini dipakai enumerator di HP dengan aplikasi ODK Collect atau KoboCollect, "
    "juga tanpa sinyal:\n"
    "1. Simpan formulir (berkas .xlsx).\n"
    "2. Unggah ke KoboToolbox (Proyek baru → Unggah XLSForm → Terbitkan) atau ke ODK Central "
    "(Formulir baru → unggah → Terbitkan).\n"
    "3. Enumerator mengisi di HP dan mengirim saat ada sinyal.\n"
    "4. Unduh hasilnya: KoboToolbox → Data → Unduhan (XLS, beserta zip media untuk foto); "
    "ODK Central → Unduh semua data dan lampiran (zip).\n"
    "5. Di sini: Impor hasil lapangan…")


class FieldFormDialog(DiscardGuard, QDialog):
    """Choose the category; the form is saved where the user says."""

    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        self.setWindowTitle("Formulir lapangan (ODK Collect / KoboCollect)")
        form = QFormLayout(self)
        self.category = QComboBox()
        for code, label, _builtin in categories.list_categories(app):
            self.category.addItem(label, code)
        form.addRow(QLabel(STEPS_TEXT, wordWrap=True))
        form.addRow("Kategori", self.category)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Simpan formulir…")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Tutup")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(560)

    def save(self) -> None:
        code = self.category.currentData()
        target = pdf.ask_save_path(self, "Simpan formulir lapangan",
                                   f"formulir-lapangan-{code}.xlsx", "XLSForm (*.xlsx)")
        if target is None:
            return
        (Op(self, lambda: fieldwork.write_xlsform(self.app, self.actor, code, target))
         .success(lambda path: (messages.info(
             self, f"Formulir disimpan di {path}. Unggah berkas ini ke KoboToolbox atau "
                   "ODK Central.", "Formulir lapangan"), self.accept()))
         .run())


def import_field_results(parent: QWidget, app: AppContext, actor: Actor) -> None:
    path = pdf.ask_open_path(parent, "Pilih hasil dari KoboToolbox / ODK Central",
                             "Hasil formulir (*.zip *.csv *.xlsx *.xls)")
    if path is None:
        return
    media: Path | None = None
    if path.suffix.lower() != ".zip" and messages.confirm(
            parent, "Ada zip foto (media) yang diunduh bersama hasil ini? Pilih Ya untuk "
                    "memilihnya; Tidak untuk mengimpor tanpa foto.", "Foto"):
        media = pdf.ask_open_path(parent, "Pilih zip foto", "Zip (*.zip)")
    open_import(parent, app, actor, path, media, field=True)
