"""The record view of one submission: its data, timeline and the actions on it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain import clock
from desktop_app.core.domain.formatting import (
    format_date,
    format_date_long,
    format_datetime,
    format_quantity,
    format_rupiah,
)
from desktop_app.core.domain.roles import Permission
from desktop_app.core.gui import messages, pdf
from desktop_app.core.gui.fields import DiscardGuard, OneTabDateEdit
from desktop_app.core.gui.operations import CATEGORIES, SUBMISSIONS, UNITS, Op, watch_changes
from desktop_app.core.gui.printing import print_preview
from desktop_app.core.gui.windows import fit_to_screen
from desktop_app.core.services import office
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.intake.domain.disposition import INSTRUCTIONS, DispositionNature
from desktop_app.intake.domain.submissions import (
    NOTE_REQUIRED,
    NUMERIC_KINDS,
    TRANSITIONS,
    Category,
    Channel,
    FieldKind,
    Status,
    SubmissionKind,
    fields_for,
)
from desktop_app.intake.gui.form_dialog import SubmissionDialog
from desktop_app.intake.services import details, printing, workflow
from desktop_app.intake.services.details import SubmissionDetail


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def _esc(text: object) -> str:
    return str(text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _FormDialog(DiscardGuard, QDialog):
    """Small dialog with a form and Simpan/Batal; subclasses add rows."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout(self)
        self.error = QLabel(styleSheet="color: #b00020;", wordWrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Simpan")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Batal")
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.form.addRow(self.error)
        self.form.addRow(self.buttons)


class StatusDialog(_FormDialog):
    def __init__(self, current: Status, parent: QWidget | None = None) -> None:
        super().__init__("Ubah status", parent)
        self.target = QComboBox()
        for status in sorted(TRANSITIONS[current], key=lambda s: list(Status).index(s)):
            if status is not Status.DIVERIFIKASI:  # verification has its own dialog
                self.target.addItem(status.label, status.value)
        self.note = QPlainTextEdit()
        self.note.setFixedHeight(90)
        self.form.addRow("Status baru", self.target)
        self.form.addRow("Catatan / alasan", self.note)
        self.finish_layout()
        self.buttons.accepted.connect(self._check)

    def _check(self) -> None:
        status = Status(self.target.currentData())
        if status in NOTE_REQUIRED and not self.note.toPlainText().strip():
            self.error.setText(f"Alasan wajib diisi untuk status {status.label.lower()}.")
            return
        self.accept()


class VerifyDialog(_FormDialog):
    def __init__(self, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__("Verifikasi lapangan", parent)
        self.when = OneTabDateEdit(QDate(clock.today()))
        self.when.setDisplayFormat("dd/MM/yyyy")
        self.verifier = QLineEdit(actor.full_name)
        self.findings = QPlainTextEdit()
        self.findings.setPlaceholderText("Hasil pemeriksaan lapangan: kondisi, ukuran, "
                                         "kesesuaian data…")
        self.form.addRow("Tanggal", self.when)
        self.form.addRow("Verifikator", self.verifier)
        self.form.addRow("Temuan", self.findings)
        self.finish_layout()
        self.buttons.accepted.connect(self._check)

    def _check(self) -> None:
        if not self.findings.toPlainText().strip():
            self.error.setText("Hasil verifikasi lapangan wajib diisi.")
            return
        self.accept()


class DispositionDialog(_FormDialog):
    """Lembar disposisi: sifat, where to, the usual instructions to tick, a note, deadline."""

    def __init__(self, app: AppContext, due: date | None, parent: QWidget | None = None) -> None:
        super().__init__("Disposisi", parent)
        self.unit = QComboBox()
        for unit in office.list_units(app):
            self.unit.addItem(unit.name, unit.id)
        self.nature = QComboBox()
        for value, label in DispositionNature.choices():
            self.nature.addItem(label, value)
        self.checks = [QCheckBox(text) for text in INSTRUCTIONS]
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        for i, check in enumerate(self.checks):
            grid.addWidget(check, i // 2, i % 2)
        self.instruction = QPlainTextEdit()
        self.instruction.setTabChangesFocus(True)
        self.instruction.setFixedHeight(80)
        self.due = OneTabDateEdit(due or clock.today())
        self.due.setDisplayFormat("dd/MM/yyyy")
        self.form.addRow("Diteruskan &kepada", self.unit)
        self.form.addRow("&Sifat", self.nature)
        self.form.addRow("Dengan hormat harap", grid)
        self.form.addRow("&Catatan", self.instruction)
        self.form.addRow("&Batas waktu", self.due)
        self.finish_layout()
        self.buttons.accepted.connect(self._check)

    def ticked(self) -> list[str]:
        return [c.text() for c in self.checks if c.isChecked()]

    def _check(self) -> None:
        if self.unit.currentData() is None:
            self.error.setText("Belum ada seksi/bidang; tambahkan di Pengaturan.")
            return
        if not self.instruction.toPlainText().strip() and not self.ticked():
            self.error.setText("Centang instruksi atau isi catatan disposisi.")
            return
        self.accept()


class SubmissionDetailDialog(QDialog):
    def __init__(self, app: AppContext, actor: Actor, submission_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor, self.submission_id = app, actor, submission_id
        fit_to_screen(self, 900, 720)
        self.view = QTextBrowser()
        self.view.setOpenExternalLinks(False)
        buttons = QHBoxLayout()
        self.edit_button = QPushButton("Ubah data")
        self.verify_button = QPushButton("Verifikasi")
        self.status_button = QPushButton("Ubah status")
        self.dispose_button = QPushButton("Disposisi")
        self.attach_button = QPushButton("Tambah lampiran")
        self.form_button = QPushButton("Cetak formulir")
        self.receipt_button = QPushButton("Tanda terima")
        self.disposition_print_button = QPushButton("Lembar disposisi")
        for button, handler in (
            (self.edit_button, self.edit), (self.verify_button, self.verify),
            (self.status_button, self.change_status), (self.dispose_button, self.dispose),
            (self.attach_button, self.attach), (self.form_button, self.print_form),
            (self.receipt_button, self.print_receipt),
            (self.disposition_print_button, self.print_disposition),
        ):
            button.clicked.connect(handler)
            buttons.addWidget(button)
        close = QPushButton("Tutup")
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        watch_changes(self, {SUBMISSIONS, CATEGORIES, UNITS}, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.detail = d = details.get_submission(self.app, self.actor, self.submission_id)
        self.setWindowTitle(f"{d.number} — {d.subject}")
        status = Status(d.status)
        can = self.actor.can
        self.edit_button.setEnabled(status.is_open and can(Permission.SUBMISSION_EDIT))
        self.verify_button.setEnabled(Status.DIVERIFIKASI in TRANSITIONS[status]
                                      and can(Permission.SUBMISSION_VERIFY))
        self.status_button.setEnabled(bool(TRANSITIONS[status]))
        self.dispose_button.setEnabled(status.is_open and can(Permission.SUBMISSION_DISPOSE))
        self.attach_button.setEnabled(can(Permission.SUBMISSION_EDIT))
        self.disposition_print_button.setEnabled(bool(d.dispositions))
        self.view.setHtml(self._html(d))

    def _html(self, d: SubmissionDetail) -> str:
        overdue = " <span style='color:#b00020'><b>(lewat tenggat)</b></span>" \
            if d.is_overdue else ""
        rows = [
            ("Jenis / kategori", f"{SubmissionKind(d.kind).label} / {_esc(d.category_label)}"),
            ("Status", f"<b>{Status(d.status).label}</b>{overdue}"),
            ("Diterima", f"{format_date_long(d.received_on)} via {Channel(d.channel).label}"),
            ("Tenggat tanggapan", format_date_long(d.due_date)),
            ("Pelapor", f"{_esc(d.reporter_name)} · NIK {_esc(d.reporter_nik or '-')} · "
                        f"HP {_esc(d.reporter_phone or '-')}"),
            ("Lokasi", f"{_esc(d.desa_name)} RT {_esc(d.rt or '-')}/RW {_esc(d.rw or '-')}, "
                       f"{_esc(d.address)}"),
            ("Dientri oleh", _esc(d.entered_by) + (
                f" · dari formulir lapangan: {_esc(d.field_enumerator)}"
                if d.field_enumerator else "")),
            ("Seksi/bidang", _esc(d.unit_name or "-")),
        ]
        if d.duplicate_of:
            rows.append(("Duplikat dari", _esc(d.duplicate_of)))
        html = [f"<h2>{_esc(d.number)} — {_esc(d.subject)}</h2>"]
        if d.needs_check:
            html.append("<p style='background:#FFF4CE; padding:6px'><b>Perlu dicek:</b> "
                        f"{_esc(d.check_reason)}. Lengkapi dengan <i>Ubah data</i>, lalu "
                        "<i>Verifikasi</i>.</p>")
        html.append("<table cellpadding=3>")
        html += [f"<tr><td width=170><b>{k}</b></td><td>{v}</td></tr>" for k, v in rows]
        html.append("</table>")
        if d.description:
            html.append(f"<p>{_esc(d.description)}</p>")
        specs = fields_for(d.category)
        if specs:
            html.append(f"<h3>Data {_esc(d.category_label)}</h3><table cellpadding=2>")
            for spec in specs:
                value = d.details.get(spec.key)
                if value is None or value == "":
                    text = "-" if not (d.masked and spec.key == "monthly_income") else "(disamarkan)"
                elif spec.kind is FieldKind.BOOL:
                    text = "Ya" if value else "Tidak"
                elif spec.kind is FieldKind.MONEY:
                    text = format_rupiah(value)
                elif spec.kind in NUMERIC_KINDS:
                    text = format_quantity(value, spec.unit)
                else:
                    text = str(value)
                html.append(f"<tr><td width=300>{_esc(spec.label)}</td><td>{_esc(text)}</td></tr>")
            html.append("</table>")
            if d.category == Category.RTLH.value:
                per = format_quantity(d.area_per_person, "m²") or "-"
                html.append(f"<p>Luas lantai per orang: <b>{per}</b></p>")
                if d.failed_criteria:
                    html.append("<p>Kriteria RTLH yang tidak terpenuhi:</p><ul>")
                    html += [f"<li>{_esc(f)}</li>" for f in d.failed_criteria]
                    html.append("</ul>")
        if d.dispositions:
            html.append("<h3>Disposisi</h3><ul>")
            html += [f"<li>{format_date(x.at.date())} {_esc(x.by_name)} → <b>{_esc(x.unit)}</b>"
                     f" ({_esc(x.nature_label)}): "
                     f"{_esc('; '.join([*x.instructions, x.instruction] if x.instruction else x.instructions))}"
                     f" (batas {format_date(x.due_date)})</li>"
                     for x in d.dispositions]
            html.append("</ul>")
        if d.attachments:
            html.append("<h3>Lampiran</h3><ul>")
            html += [f"<li>{_esc(a.filename)}{' (foto)' if a.is_photo else ''}</li>"
                     for a in d.attachments]
            html.append("</ul>")
        html.append("<h3>Riwayat</h3><ul>")
        html += [f"<li>{format_datetime(t.at)} — {_esc(t.who)}: {_esc(t.text)}</li>"
                 for t in d.timeline]
        html.append("</ul>")
        return "".join(html)

    def _run(self, fn) -> None:  # type: ignore[no-untyped-def]
        """Every change here goes through one operation; the change bus refreshes this view
        and the list behind it."""
        Op(self, fn, changes={SUBMISSIONS}).run()

    def edit(self) -> None:
        SubmissionDialog(self.app, self.actor, self, self.submission_id).exec()

    def verify(self) -> None:
        dialog = VerifyDialog(self.actor, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._run(lambda: workflow.verify(
                self.app, self.actor, self.submission_id, dialog.findings.toPlainText(),
                _pydate(dialog.when.date()), dialog.verifier.text()))

    def change_status(self) -> None:
        dialog = StatusDialog(Status(self.detail.status), self)
        if dialog.target.count() == 0:
            messages.info(self, "Tidak ada perubahan status yang tersedia; gunakan Verifikasi.")
            return
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._run(lambda: workflow.change_status(
                self.app, self.actor, self.submission_id, dialog.target.currentData(),
                dialog.note.toPlainText()))

    def dispose(self) -> None:
        dialog = DispositionDialog(self.app, self.detail.due_date, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._run(lambda: workflow.dispose(
                self.app, self.actor, self.submission_id, dialog.unit.currentData(),
                dialog.instruction.toPlainText(), _pydate(dialog.due.date()),
                nature=dialog.nature.currentData(), instructions=dialog.ticked()))

    def attach(self) -> None:
        path = pdf.ask_open_path(self, "Pilih foto atau dokumen",
                                 "Foto dan dokumen (*.jpg *.jpeg *.png *.pdf);;Semua (*)")
        if path is not None:
            self._run(lambda: workflow.add_attachment(self.app, self.actor, self.submission_id,
                                                      path))

    def print_form(self) -> None:
        sid = self.submission_id
        print_preview(self, self.app, f"formulir-{self.detail.number}",
                      lambda t, p: printing.print_forms(self.app, self.actor, [sid], t, p))

    def print_receipt(self) -> None:
        sid = self.submission_id
        print_preview(self, self.app, f"tanda-terima-{self.detail.number}",
                      lambda t, p: printing.print_receipt(self.app, self.actor, sid, t, p))

    def print_disposition(self) -> None:
        sid = self.submission_id
        print_preview(self, self.app, f"disposisi-{self.detail.number}",
                      lambda t, p: printing.print_disposition(self.app, self.actor, sid, t,
                                                              progress=p))
