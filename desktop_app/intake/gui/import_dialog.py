"""Import dialog in three steps, as a careful clerk works: how the sheet's columns were matched
(office sheets), then the values that are not a choice as written, each with a suggested match
to confirm or change (remembered for the next import), then the defaults and the import itself,
in the background with progress and cancel."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain import clock
from desktop_app.core.domain.formatting import format_number
from desktop_app.core.domain.parsing import to_text
from desktop_app.core.gui import messages, pdf
from desktop_app.core.gui.fields import OneTabDateEdit
from desktop_app.core.gui.operations import SUBMISSIONS, Op
from desktop_app.core.gui.windows import fit_to_screen
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.intake.domain.submissions import Channel, SubmissionKind
from desktop_app.intake.exchange import mapping_file
from desktop_app.intake.exchange.columns import IMPORT_SPECS
from desktop_app.intake.exchange.values import ValueMap, ValueQuestion
from desktop_app.intake.services import categories, fieldwork, importing

LEAVE_EMPTY = "(kosongkan, perlu dicek)"
STEPS = ("1. Kolom", "2. Isian", "3. Impor")


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class ImportDialog(QDialog):
    """``source`` is an office sheet's ``ImportPreview`` or a ``FieldImport`` (ODK/Kobo)."""

    def __init__(self, app: AppContext, actor: Actor,
                 source: importing.ImportPreview | fieldwork.FieldImport,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        self.field = source if isinstance(source, fieldwork.FieldImport) else None
        self.preview = source.preview if self.field else source
        self.result_obj: importing.ImportResult | None = None
        self.questions: list[ValueQuestion] = []
        self._scanned_for: dict[int, str | None] | None = None
        path = self.preview.path
        self.setWindowTitle(f"Impor {path.name}")
        fit_to_screen(self, 940, 640)
        self.step_label = QLabel()
        self.pages = QStackedWidget()
        self.pages.addWidget(self._columns_page())
        self.pages.addWidget(self._values_page())
        self.pages.addWidget(self._defaults_page())
        self.back_button = QPushButton("Kembali")
        self.next_button = QPushButton("Lanjut")
        self.import_button = QPushButton("Impor")
        self.save_mapping_button = QPushButton("Simpan padanan (JSON)…")
        self.close_button = QPushButton("Tutup")
        for button, handler in ((self.back_button, self.back), (self.next_button, self.forward),
                                (self.import_button, self.start),
                                (self.save_mapping_button, self.save_mapping),
                                (self.close_button, self.reject)):
            button.clicked.connect(handler)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_mapping_button)
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.import_button,
                       self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.step_label)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self._show(1 if self.field else 0)

    # -- step 1: columns ---------------------------------------------------------------------
    def _columns_page(self) -> QWidget:
        header = self.preview.header
        page = QWidget()
        layout = QVBoxLayout(page)
        where = (f"lembar \"{self.preview.found.sheet}\", " if self.preview.found else "")
        layout.addWidget(QLabel(
            f"Judul kolom ditemukan di {where}baris {header.row_index + 1}; data mulai baris "
            f"{header.data_start + 1}. Periksa pasangan kolom; kolom yang tidak dipakai "
            "biarkan \"(abaikan)\". Pilihan Anda diingat untuk impor berikutnya.",
            wordWrap=True))
        self.sheet = QComboBox()  # a workbook with one tab per desa or year: one at a time
        found = self.preview.found
        if found is not None and len(found.sheets) > 1 and not self.field:
            self.sheet.addItems(found.sheets)
            self.sheet.setCurrentText(found.sheet)
            self.sheet.activated.connect(self._other_sheet)
            row = QHBoxLayout()
            label = QLabel(f"Berkas ini punya {len(found.sheets)} lembar data; diimpor satu "
                           "lembar setiap kali. &Lembar:")
            label.setBuddy(self.sheet)
            row.addWidget(label)
            row.addWidget(self.sheet)
            row.addStretch(1)
            layout.addLayout(row)
        self.columns = _table(["Kolom di berkas", "Contoh isi", "Dibaca sebagai"])
        self.columns.setRowCount(len(header.headers))
        self.combos: list[QComboBox] = []
        for i, name in enumerate(header.headers):
            self.columns.setItem(i, 0, QTableWidgetItem(name or f"(kolom {i + 1})"))
            sample = ", ".join(to_text(r[i]) for r in self.preview.sample[:3]
                               if i < len(r) and r[i] is not None)
            self.columns.setItem(i, 1, QTableWidgetItem(sample))
            combo = QComboBox()
            combo.addItem("(abaikan)", None)
            for spec in IMPORT_SPECS:
                combo.addItem(spec.label, spec.key)
            chosen = self.preview.suggestion.mapping.get(i)
            combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen else 0)
            self.columns.setCellWidget(i, 2, combo)
            self.combos.append(combo)
        self.columns.setColumnWidth(0, 230)
        self.columns.setColumnWidth(1, 330)
        layout.addWidget(self.columns, 1)
        return page

    def _other_sheet(self) -> None:
        """Read the chosen sheet and open its own import in place of this one."""
        sheet = self.sheet.currentText()
        if self.preview.found is None or sheet == self.preview.found.sheet:
            return
        self.reject()
        open_import(self.parentWidget(), self.app, self.actor, self.preview.path, sheet=sheet)

    def mapping(self) -> dict[int, str | None]:
        if self.field:
            return dict(self.preview.suggestion.mapping)
        return {i: combo.currentData() for i, combo in enumerate(self.combos)}

    # -- step 2: values ----------------------------------------------------------------------
    def _values_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.values_note = QLabel(wordWrap=True)
        layout.addWidget(self.values_note)
        self.values = _table(["Kolom", "Tertulis di berkas", "Baris", "Dibaca sebagai",
                              "Dasar saran"])
        layout.addWidget(self.values, 1)
        return page

    def _fill_values(self, questions: list[ValueQuestion]) -> None:
        self.questions = questions
        self.values.setRowCount(len(questions))
        self.value_combos: list[QComboBox] = []
        matcher = self.preview.matcher
        for i, q in enumerate(questions):
            rows = ", ".join(str(n) for n in q.rows) + (" …" if q.count > len(q.rows) else "")
            for col, text in enumerate((q.field_label, q.raw, f"{q.count}× (baris {rows})")):
                self.values.setItem(i, col, QTableWidgetItem(text))
            combo = QComboBox()
            combo.addItem(LEAVE_EMPTY if q.field != "desa" else "(tolak baris)", None)
            for option in matcher.options(q.field):
                combo.addItem(option.label, option)
            target = q.suggestion.target
            if target is not None:
                combo.setCurrentIndex(max(combo.findText(target.label), 0))
            self.values.setCellWidget(i, 3, combo)
            self.value_combos.append(combo)
            self.values.setItem(i, 4, QTableWidgetItem(q.suggestion.how or "tidak ada saran"))
        self.values.setColumnWidth(0, 210)
        self.values.setColumnWidth(1, 160)
        self.values.setColumnWidth(2, 150)
        self.values.setColumnWidth(3, 250)
        unknown = sum(1 for q in questions if q.suggestion.target is None)
        self.values_note.setText(
            f"{len(questions)} isian di berkas bukan pilihan yang dikenal. Periksa sarannya dan "
            "ubah bila perlu; yang dibiarkan \"(kosongkan, perlu dicek)\" diimpor kosong dan "
            "datanya ditandai perlu dicek. Padanan ini diingat untuk impor berikutnya."
            + (f" {unknown} isian belum punya saran." if unknown else "")
            if questions else "Semua isian pilihan di berkas sudah dikenal.")

    def decisions(self) -> ValueMap:
        return {(q.field, q.key): combo.currentData()
                for q, combo in zip(self.questions, self.value_combos, strict=True)}

    def _scan(self) -> None:
        mapping = self.mapping()
        used = [k for k in mapping.values() if k]
        if len(used) != len(set(used)):
            messages.warn(self, "Satu isian dipasangkan ke lebih dari satu kolom.")
            return
        if mapping == self._scanned_for:
            self._show(1)
            return

        def scan(progress: Any) -> list[ValueQuestion]:
            progress(0, 0, "Memindai isian pilihan…")
            return self.preview.questions(mapping)

        def done(questions: list[ValueQuestion]) -> None:
            self._scanned_for = mapping
            self._fill_values(questions)
            self._show(1)

        Op(self, scan, title="Memindai isian…").success(done).run_in_background()

    # -- step 3: defaults and import ---------------------------------------------------------
    def _defaults_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.kind = QComboBox()
        for k in SubmissionKind:
            self.kind.addItem(k.label, k.value)
        self.category = QComboBox()
        for code, label, _builtin in categories.list_categories(self.app):
            self.category.addItem(label, code)
        self.channel = QComboBox()
        for ch in Channel:
            self.channel.addItem(ch.label, ch.value)
        self.channel.setCurrentIndex(self.channel.findData(Channel.ENUMERATOR.value))
        self.received = OneTabDateEdit(QDate(clock.today()))
        self.received.setCalendarPopup(True)
        self.received.setDisplayFormat("dd/MM/yyyy")
        self.desa = QComboBox()  # for rows without a desa (a desa's own sheet)
        self.desa.addItem("(tidak ada: baris tanpa desa ditolak)", None)
        for code, name in self.preview.matcher.desa:
            self.desa.addItem(name, code)
        if self.preview.title_desa is not None:
            self.desa.setCurrentIndex(self.desa.findData(self.preview.title_desa[0]))
        self.dry_run = QCheckBox("Periksa saja, jangan simpan")
        rows = len(self.preview.data_rows())
        form.addRow(QLabel(f"{format_number(rows)} baris data akan diperiksa. Baris ditolak hanya bila tidak "
                           "dapat dipakai (desa tidak dikenal, NIK RTLH tidak sah, ganda); "
                           "isian lain yang salah dikosongkan dan datanya ditandai perlu "
                           "dicek. Rinciannya disimpan dalam satu berkas Excel.", wordWrap=True))
        if not self.field:
            form.addRow("Jenis (bila tidak ada kolomnya)", self.kind)
            form.addRow("Kategori (bila tidak ada kolomnya)", self.category)
            form.addRow("Saluran (bila tidak ada kolomnya)", self.channel)
            form.addRow("Tanggal diterima (bila kosong)", self.received)
            form.addRow("Desa/Kelurahan (bila tidak ada kolomnya atau kosong)", self.desa)
            if self.preview.title_desa is not None:
                form.addRow("", QLabel(f"Judul lembar menyebut desa {self.preview.title_desa[1]}.",
                                       wordWrap=True))
            grouped = sorted({self.preview.matcher.desa_name(code)
                              for code in self.preview.group_desa.values()})
            if grouped:
                form.addRow("", QLabel("Baris di bawah judul kelompok desa memakai desa judulnya: "
                                       + ", ".join(grouped) + ".", wordWrap=True))
        elif self.field.missing_photos:
            form.addRow(QLabel(f"{self.field.missing_photos} foto tidak ditemukan di zip media; "
                               "data tetap diimpor tanpa foto itu.", wordWrap=True))
        form.addRow(self.dry_run)
        return page

    def defaults(self) -> importing.ImportDefaults:
        q = self.received.date()
        return importing.ImportDefaults(self.kind.currentData(), self.category.currentData(),
                                        self.channel.currentData(),
                                        date(q.year(), q.month(), q.day()),
                                        self.desa.currentData())

    def start(self) -> None:
        mapping, values = self.mapping(), self.decisions()
        if not self.field and "desa" not in mapping.values() and self.desa.currentData() is None \
                and not self.preview.group_desa:
            messages.warn(self, "Berkas ini tidak punya kolom Desa/Kelurahan: pilih desa untuk "
                                "barisnya di atas, atau pasangkan kolomnya pada langkah Kolom.")
            self.desa.setFocus()
            return
        defaults, dry = self.defaults(), self.dry_run.isChecked()
        error_dir = self.app.paths.exports
        if self.field:
            found = self.field

            def run(progress: Any) -> importing.ImportResult:
                return fieldwork.import_field(self.app, self.actor, found, values, dry_run=dry,
                                              error_dir=error_dir, progress=progress)
        else:
            prev = self.preview

            def run(progress: Any) -> importing.ImportResult:
                return importing.import_rows(self.app, self.actor, prev, mapping, defaults,
                                             values, dry_run=dry, error_dir=error_dir,
                                             progress=progress)
        Op(self, run, changes={SUBMISSIONS}, title="Mengimpor…").success(self._done) \
            .run_in_background()

    def reject(self) -> None:
        if self.field is not None:
            self.field.close()  # the unpacked media folder
        super().reject()

    def _done(self, result: importing.ImportResult) -> None:
        self.result_obj = result
        messages.info(self, result.summary() + ".", "Hasil impor")
        if not result.dry_run:
            self.accept()

    def save_mapping(self) -> None:
        target = pdf.ask_save_path(self, "Simpan padanan impor", "padanan-impor.json",
                                   "JSON (*.json)")
        if target is None:
            return
        headers = self.preview.header.headers
        columns = {headers[i]: key for i, key in self.mapping().items() if i < len(headers)}
        Op(self, lambda: mapping_file.dump(columns, self.decisions(), target)).success(
            lambda path: messages.info(self, f"Padanan disimpan di {path}.")).run()

    # -- navigation --------------------------------------------------------------------------
    def _show(self, index: int) -> None:
        if index == 1 and self._scanned_for is None and not self.field:
            index = 0
        if index == 1 and self.field and self._scanned_for is None:
            self._scan()
            return
        self.pages.setCurrentIndex(index)
        self.step_label.setText("  ›  ".join(f"<b>{s}</b>" if i == index else s
                                            for i, s in enumerate(STEPS)))
        first = 1 if self.field else 0
        self.back_button.setEnabled(index > first)
        self.next_button.setVisible(index < 2)
        self.import_button.setVisible(index == 2)

    def forward(self) -> None:
        if self.pages.currentIndex() == 0:
            self._scan()
        else:
            self._show(self.pages.currentIndex() + 1)

    def back(self) -> None:
        self._show(max(self.pages.currentIndex() - 1, 0))


def open_import(parent: QWidget | None, app: AppContext, actor: Actor, path: Path,
                media: Path | None = None, field: bool = False,
                sheet: str | None = None) -> None:
    """Read the file (``sheet``: that sheet) in the background (progress, Batal), then open
    the dialog."""
    def read(progress: Any) -> importing.ImportPreview | fieldwork.FieldImport:
        if field:
            return fieldwork.read_field_export(app, path, media, progress=progress)
        return importing.preview(app, path, progress=progress, sheet=sheet)

    def show(source: importing.ImportPreview | fieldwork.FieldImport) -> None:
        dialog = ImportDialog(app, actor, source, parent)
        dialog.open()

    Op(parent, read, title=f"Membaca {path.name}…").success(show).run_in_background()
