"""KULA RAKAT: the list of usulan, laporan and aduan, filtered, sorted and paged in SQL."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QTimer
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain import clock
from desktop_app.core.domain.formatting import format_date, format_date_short, format_number
from desktop_app.core.domain.roles import Permission
from desktop_app.core.gui import messages, pdf
from desktop_app.core.gui.fields import DiscardGuard, OneTabDateEdit
from desktop_app.core.gui.operations import CATEGORIES, SUBMISSIONS, Op, watch_changes
from desktop_app.core.gui.printing import print_preview
from desktop_app.core.gui.table_model import Column, PagedQueryModel, PagedTableView
from desktop_app.core.services import auth, regions
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.intake.domain.submissions import Status, SubmissionKind
from desktop_app.intake.gui.detail_dialog import SubmissionDetailDialog
from desktop_app.intake.gui.form_dialog import SubmissionDialog
from desktop_app.intake.services import categories, exporting, printing
from desktop_app.intake.services.listing import (
    SubmissionFilter,
    SubmissionPageSource,
    SubmissionRow,
)

OVERDUE_COLOR = QColor("#FDE2E1")
CHECK_COLOR = QColor("#FFF4CE")  # an import left values empty: verification completes them

COLUMNS = [
    Column("number", "Nomor", "number", width=120),
    Column("received_on", "Diterima", "received_on", format_date_short, width=90),
    Column("kind_label", "Jenis", "kind", width=70),
    Column("category_label", "Kategori", "category", width=170),
    Column("status_label", "Status", "status", width=110),
    Column("name", "Nama", "name", width=170),
    Column("nik", "NIK", None, width=135),
    Column("desa", "Desa/Kel.", "desa", width=120),
    Column("rt_rw", "RT/RW", None, width=60),
    Column("subject", "Perihal", None, width=240),
    Column("due_date", "Tenggat", "due_date", format_date_short, width=90),
    Column("check_label", "Cek", None, width=90),
]


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class HandoverDialog(DiscardGuard, QDialog):
    """Pick the enumerator and the period for the berita acara penyerahan hasil input."""

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Berita acara penyerahan hasil input")
        form = QFormLayout(self)
        self.user = QComboBox()
        for uid, name in auth.list_user_names(app):
            self.user.addItem(name, uid)
        today = clock.today()
        self.date_from = OneTabDateEdit(today.replace(day=1))
        self.date_to = OneTabDateEdit(today)
        for edit in (self.date_from, self.date_to):
            edit.setDisplayFormat("dd/MM/yyyy")
        self.number = QLineEdit()
        self.number.setPlaceholderText("Nomor berita acara (boleh dikosongkan)")
        form.addRow("Enumerator/petugas", self.user)
        form.addRow("Dari tanggal", self.date_from)
        form.addRow("Sampai tanggal", self.date_to)
        form.addRow("Nomor", self.number)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Cetak")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Batal")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class IntakeListPage(QWidget):
    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        title = QLabel("<h2>Usulan, Laporan dan Aduan</h2>")
        self.search = QLineEdit()
        # NIK and No. KK are searched only for roles that may see them.
        self.search.setPlaceholderText(
            "Cari nomor, nama, NIK, perihal…" if actor.can(Permission.VIEW_PERSONAL_DATA)
            else "Cari nomor, nama, perihal…")
        self.search.setClearButtonEnabled(True)
        self.kind = QComboBox()
        self.kind.addItem("Semua jenis", "")
        for k in SubmissionKind:
            self.kind.addItem(k.label, k.value)
        self.category = QComboBox()
        self._fill_categories()
        self.status = QComboBox()
        self.status.addItem("Semua status", "")
        for s in Status:
            self.status.addItem(s.label, s.value)
        self.desa = QComboBox()
        self.desa.addItem("Semua desa/kelurahan", "")
        for d in regions.list_desa(app, None):
            self.desa.addItem(d.label, d.code)
        self.use_dates = QCheckBox("Periode")
        self.date_from = OneTabDateEdit(clock.today().replace(month=1, day=1))
        self.date_to = OneTabDateEdit(clock.today())
        for edit in (self.date_from, self.date_to):
            edit.setDisplayFormat("dd/MM/yyyy")
        self.overdue = QCheckBox("Lewat tenggat")
        self.mine = QCheckBox("Entri saya")
        self.to_check = QCheckBox("Perlu dicek")

        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        for widget in (self.kind, self.category, self.status, self.desa):
            # A long category or desa name must not widen the page past a small screen.
            widget.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            widget.setMinimumContentsLength(10)
            filters.addWidget(widget, 1)
        dates = QHBoxLayout()
        dates.addWidget(self.use_dates)
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel("s.d."))
        dates.addWidget(self.date_to)
        dates.addWidget(self.overdue)
        dates.addWidget(self.mine)
        dates.addWidget(self.to_check)
        dates.addStretch(1)

        self.source = SubmissionPageSource(app, actor)
        self.model = PagedQueryModel(
            self.source, COLUMNS, page_size=100, default_sort="received_on", descending=True,
            row_background=lambda r: OVERDUE_COLOR if r.overdue else
            CHECK_COLOR if r.needs_check else None, parent=self)
        self.view = PagedTableView(self.model, self)
        self.view.row_opened.connect(self.open_selected)  # double click or Enter

        # Two rows, so the page fits a 1024-pixel screen; "&" marks each button's Alt key.
        records = QHBoxLayout()
        exchange = QHBoxLayout()
        self.new_button = QPushButton("&Baru…")
        self.open_button = QPushButton("B&uka")
        self.form_button = QPushButton("Cetak &formulir")
        self.receipt_button = QPushButton("&Tanda terima")
        self.batch_button = QPushButton("Cetak se&mua (hasil filter)")
        self.handover_button = QPushButton("BA &penyerahan…")
        self.template_button = QPushButton("Templ&at impor…")
        self.import_button = QPushButton("&Impor Excel…")
        self.export_button = QPushButton("&Ekspor Excel…")
        self.field_form_button = QPushButton("Formulir &lapangan…")
        self.field_import_button = QPushButton("Impor &hasil lapangan…")
        for row, button, handler in (
            (records, self.new_button, self.new), (records, self.open_button, self.open_selected),
            (records, self.form_button, self.print_form),
            (records, self.receipt_button, self.print_receipt),
            (records, self.batch_button, self.print_batch),
            (records, self.handover_button, self.print_handover),
            (exchange, self.template_button, self.save_template),
            (exchange, self.import_button, self.import_file),
            (exchange, self.export_button, self.export),
            (exchange, self.field_form_button, self.field_form),
            (exchange, self.field_import_button, self.field_import),
        ):
            button.clicked.connect(handler)
            row.addWidget(button)
        records.addStretch(1)
        exchange.addStretch(1)
        self.new_button.setEnabled(actor.can(Permission.SUBMISSION_CREATE))
        self.export_button.setEnabled(actor.can(Permission.DATA_EXPORT))
        self.import_button.setEnabled(actor.can(Permission.DATA_IMPORT))
        self.field_import_button.setEnabled(actor.can(Permission.DATA_IMPORT))

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addLayout(dates)
        layout.addLayout(records)
        layout.addLayout(exchange)
        layout.addWidget(self.view, 1)

        self._debounce = QTimer(self, singleShot=True, interval=300)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        for combo in (self.kind, self.category, self.status, self.desa):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        for check in (self.use_dates, self.overdue, self.mine, self.to_check):
            check.toggled.connect(lambda _c: self.apply_filter())
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self.use_dates.isChecked() and self.apply_filter())
        watch_changes(self, {SUBMISSIONS, CATEGORIES}, self.refresh)
        for keys, handler in ((QKeySequence.StandardKey.New, self.new),
                              (QKeySequence.StandardKey.Find, self._focus_search),
                              (QKeySequence.StandardKey.Print, self.print_form),
                              (QKeySequence.StandardKey.Refresh, self.refresh)):
            QShortcut(keys, self, activated=handler)  # active while this page is shown
        self.apply_filter()

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def current_filter(self) -> SubmissionFilter:
        dated = self.use_dates.isChecked()
        return SubmissionFilter(
            text=self.search.text(), kind=self.kind.currentData(),
            category=self.category.currentData(), status=self.status.currentData(),
            desa_code=self.desa.currentData(),
            date_from=_pydate(self.date_from.date()) if dated else None,
            date_to=_pydate(self.date_to.date()) if dated else None,
            overdue_only=self.overdue.isChecked(),
            entered_by_id=self.actor.user_id if self.mine.isChecked() else None,
            needs_check=self.to_check.isChecked(),
        )

    def apply_filter(self) -> None:
        self._debounce.stop()  # a search typed just before is part of this filter
        Op(self, lambda: self.model.set_filter(self.current_filter())).run()

    def _fill_categories(self) -> None:
        """Built-in and admin-defined categories (inactive ones too: old records keep them);
        filled again when the page is shown, so a category added meanwhile appears."""
        current = self.category.currentData() or ""
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem("Semua kategori", "")
        for code, label, _builtin in categories.list_categories(self.app, include_inactive=True):
            self.category.addItem(label, code)
        self.category.setCurrentIndex(max(self.category.findData(current), 0))
        self.category.blockSignals(False)

    def refresh(self) -> None:
        self._fill_categories()
        self.model.reload()

    def selected(self) -> SubmissionRow | None:
        row = self.view.selected_row()
        if row is None:
            messages.info(self, "Pilih satu baris terlebih dahulu.")
        return row

    def new(self) -> None:
        dialog = SubmissionDialog(self.app, self.actor, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            saved = dialog.saved
            text = f"Tersimpan dengan nomor {saved.number}. Tenggat tanggapan: " \
                   f"{format_date(saved.due_date)}."
            if saved.warnings:
                text += "\n\nPerhatian:\n" + "\n".join(saved.warnings)
            self.model.reload()
            self.view.select_where(lambda row: row.id == saved.id)
            if messages.confirm(self, f"{text}\n\nCetak tanda terima untuk pelapor sekarang?",
                                "Tersimpan"):
                self._print_receipt_of(saved.id, saved.number)

    def open_selected(self) -> None:
        row = self.selected()
        if row is not None:
            SubmissionDetailDialog(self.app, self.actor, row.id, self).exec()

    def print_form(self) -> None:
        row = self.selected()
        if row is not None:
            print_preview(self, self.app, f"formulir-{row.number}",
                          lambda t, p: printing.print_forms(self.app, self.actor, [row.id], t, p))

    def print_receipt(self) -> None:
        row = self.selected()
        if row is not None:
            self._print_receipt_of(row.id, row.number)

    def _print_receipt_of(self, submission_id: int, number: str) -> None:
        print_preview(self, self.app, f"tanda-terima-{number}",
                      lambda t, p: printing.print_receipt(self.app, self.actor, submission_id,
                                                          t, p))

    def print_batch(self) -> None:
        flt = self.current_filter()
        total = self.model.total
        if total == 0:
            messages.info(self, "Tidak ada data pada hasil filter.")
            return
        if total > 200 and not messages.confirm(
                self, f"Cetak {total} formulir dalam satu PDF?"):
            return
        print_preview(self, self.app, "formulir-kula-rakat",
                      lambda t, p: printing.print_filtered_forms(self.app, self.actor, flt, t, p),
                      title="Mencetak formulir…")

    def print_handover(self) -> None:
        dialog = HandoverDialog(self.app, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        user = dialog.user.currentData()
        period = _pydate(dialog.date_from.date()), _pydate(dialog.date_to.date())
        number = dialog.number.text().strip()

        def told_if_empty(result: tuple[object, int]) -> None:
            if result[1] == 0:
                messages.info(self, "Tidak ada data dari petugas itu pada periode tersebut; "
                                    "berita acara tetap dibuat dengan daftar kosong.")

        print_preview(self, self.app, "ba-penyerahan",
                      lambda t, p: printing.print_handover(self.app, self.actor, user, *period,
                                                           t, number, p),
                      rendered=told_if_empty)

    def export(self) -> None:
        target = pdf.ask_save_path(self, "Simpan ekspor", "kula-rakat.xlsx", "Excel (*.xlsx)")
        if target is None:
            return
        flt = self.current_filter()
        (Op(self, lambda progress: exporting.export_submissions(self.app, self.actor, flt,
                                                                target, progress),
            title="Mengekspor…")
         .success(lambda result: messages.info(self, f"{format_number(result[1])} data diekspor ke {result[0]}."))
         .run_in_background())

    def save_template(self) -> None:
        target = pdf.ask_save_path(self, "Simpan templat", "templat-kula-rakat.xlsx",
                                   "Excel (*.xlsx)")
        if target is None:
            return
        (Op(self, lambda: exporting.write_intake_template(self.app, target))
         .success(lambda _path: messages.info(self, f"Templat disimpan di {target}."))
         .run())

    def import_file(self) -> None:
        path = pdf.ask_open_path(self, "Pilih berkas Excel/ODS",
                                 "Lembar kerja (*.xlsx *.xlsm *.xls *.ods *.csv *.txt *.tsv)")
        if path is not None:
            from desktop_app.intake.gui.import_dialog import open_import

            open_import(self, self.app, self.actor, path)

    def field_form(self) -> None:
        from desktop_app.intake.gui.field_dialogs import FieldFormDialog

        FieldFormDialog(self.app, self.actor, self).open()

    def field_import(self) -> None:
        from desktop_app.intake.gui.field_dialogs import import_field_results

        import_field_results(self, self.app, self.actor)
