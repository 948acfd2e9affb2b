"""The meeting editor's *Data rapat* tab: kind, title, date and times, place, pimpinan and
notulis, desa, addressees, the invitation's letter fields, opening notes and photos."""

from __future__ import annotations

from datetime import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.gui import messages, pdf
from desktop_app.core.gui.fields import FieldErrors
from desktop_app.core.gui.operations import MEETINGS, Op
from desktop_app.core.services import regions
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.meetings.domain import DEFAULT_PLACE, InviteeKind
from desktop_app.meetings.gui.common import choose, date_edit, pydate, pytime, qdate, qtime
from desktop_app.meetings.services import minutes, photos, reference
from desktop_app.meetings.services.dto import InviteeInput, MeetingDetail, MeetingInput


def _row(*widgets: QWidget) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for w in widgets:
        layout.addWidget(w)
    return box


class MeetingDataTab(QScrollArea):
    """Scrolls, so the whole form is reachable on a 1024 × 768 screen."""

    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        self.detail: MeetingDetail | None = None
        self.broken_photos = 0  # photos on disk that cannot be read (see show_meeting)
        self.errors = FieldErrors()
        self.kind = QComboBox()
        for k in reference.list_kinds(app):
            self.kind.addItem(k.label, k.code)
        self.title = QLineEdit()
        self.held_on = date_edit()
        self.start_time = QTimeEdit(qtime(time(9, 0)))
        self.end_time = QTimeEdit(qtime(time(12, 0)))
        self.closing_set = QCheckBox("Jam penutupan")
        self.closing_time = QTimeEdit(qtime(time(12, 0)))
        for t in (self.start_time, self.end_time, self.closing_time):
            t.setDisplayFormat("HH.mm")
        self.closing_time.setEnabled(False)
        self.closing_set.toggled.connect(self.closing_time.setEnabled)
        self.place = QLineEdit(DEFAULT_PLACE)
        self.chair_name, self.chair_position, self.chair_nip = (QLineEdit(), QLineEdit(),
                                                                 QLineEdit())
        self.taker_name, self.taker_position, self.taker_nip = (QLineEdit(), QLineEdit(),
                                                                 QLineEdit())
        self.letter_number = QLineEdit()
        self.letter_seq = QSpinBox()
        self.letter_seq.setRange(1, 99999)
        self.letter_button = QPushButton("Buat nomor dari pola kantor")
        self.letter_button.clicked.connect(lambda: self.make_letter_number())
        self.letter_date = date_edit()
        self.letter_nature = QLineEdit("Biasa")
        self.letter_attachment = QLineEdit("-")
        self.desa_list = QListWidget()
        self.desa_list.setMaximumHeight(130)
        for d in regions.list_desa(app, None):
            item = QListWidgetItem(d.label)
            item.setData(Qt.ItemDataRole.UserRole, d.code)
            # The addressee of an invitation: "Kepala Desa Inan", "Lurah Batu Piring".
            item.setData(Qt.ItemDataRole.UserRole + 1,
                         f"Lurah {d.name}" if d.level == "kelurahan" else f"Kepala Desa {d.name}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.desa_list.addItem(item)
        self.invitees = QPlainTextEdit()
        self.invitees.setPlaceholderText("Satu tujuan per baris, mis. Kepala Desa Inan")
        self.invitees.setMaximumHeight(110)
        self.invitees.setTabChangesFocus(True)
        self.invitees_from_desa = QPushButton("Isi dari desa terpilih")
        self.invitees_from_desa.clicked.connect(lambda: self.invitees_from_checked_desa())
        self.discussion = QPlainTextEdit()
        self.discussion.setPlaceholderText("Pembukaan dan catatan umum jalannya rapat")
        self.discussion.setMaximumHeight(110)
        self.discussion.setTabChangesFocus(True)
        self.save_button = QPushButton("Simpan data rapat")
        self.save_button.setToolTip("Ctrl+S")

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.errors.add_row(form, "Jenis rapat", "kind", self.kind)
        self.errors.add_row(form, "Judul/acara", "title", self.title)
        self.errors.add_row(form, "Tanggal", "held_on", self.held_on)
        self.errors.add_row(form, "Waktu", "end_time", _row(
            QLabel("Mulai"), self.start_time, QLabel("Selesai"), self.end_time,
            self.closing_set, self.closing_time))
        self.errors.add_row(form, "Tempat", "place", self.place)
        self.errors.add_row(form, "Pimpinan rapat", "chair_name", self.chair_name)
        self.errors.add_row(form, "Jabatan pimpinan", "chair_position", self.chair_position)
        self.errors.add_row(form, "NIP pimpinan", "chair_nip", self.chair_nip)
        self.errors.add_row(form, "Notulis", "minute_taker_name", self.taker_name)
        self.errors.add_row(form, "Jabatan notulis", "minute_taker_position",
                            self.taker_position)
        self.errors.add_row(form, "NIP notulis", "minute_taker_nip", self.taker_nip)
        self.errors.add_row(form, "Desa/Kelurahan", "desa_codes", self.desa_list)
        invitees_box = QWidget()
        inv = QVBoxLayout(invitees_box)
        inv.setContentsMargins(0, 0, 0, 0)
        inv.addWidget(self.invitees)
        inv.addWidget(self.invitees_from_desa, 0, Qt.AlignmentFlag.AlignLeft)
        form.addRow("Undangan (Yth.)", invitees_box)
        self.errors.add_row(form, "Nomor surat undangan", "letter_number", _row(
            self.letter_number, QLabel("No. urut"), self.letter_seq, self.letter_button))
        form.addRow("", _row(QLabel("Tanggal"), self.letter_date, QLabel("Sifat"),
                             self.letter_nature, QLabel("Lampiran"), self.letter_attachment))
        form.addRow("Pembukaan/catatan umum", self.discussion)
        form.addRow(self.errors.general)
        form.addRow("", self.save_button)

        photo_box = QGroupBox("Foto dokumentasi (dicetak di halaman terakhir notulen)")
        self.photo_list = QListWidget()
        self.photo_list.setMaximumHeight(80)
        self.photo_caption = QLineEdit()
        self.photo_caption.setPlaceholderText("Keterangan foto")
        self.photo_add = QPushButton("Tambah foto…")
        self.photo_delete = QPushButton("Hapus foto")
        self.photo_add.clicked.connect(lambda: self.add_photo())
        self.photo_delete.clicked.connect(lambda: self.delete_photo())
        pl = QHBoxLayout(photo_box)
        pl.addWidget(self.photo_list, 2)
        pcol = QVBoxLayout()
        for w in (self.photo_caption, self.photo_add, self.photo_delete):
            pcol.addWidget(w)
        pl.addLayout(pcol, 1)
        inner = QWidget()
        v = QVBoxLayout(inner)
        v.addLayout(form)
        v.addWidget(photo_box)
        self.setWidgetResizable(True)
        self.setWidget(inner)
        # Tab follows the form from top to bottom (not the order the widgets were made in).
        order: list[QWidget] = [
            self.kind, self.title, self.held_on, self.start_time, self.end_time,
            self.closing_set, self.closing_time, self.place, self.chair_name,
            self.chair_position, self.chair_nip, self.taker_name, self.taker_position,
            self.taker_nip, self.desa_list, self.invitees, self.invitees_from_desa,
            self.letter_number, self.letter_seq, self.letter_button, self.letter_date,
            self.letter_nature, self.letter_attachment, self.discussion, self.save_button,
            self.photo_list, self.photo_caption, self.photo_add, self.photo_delete]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # ---- Values ------------------------------------------------------------------------------
    def fill(self, data: MeetingInput) -> None:
        choose(self.kind, data.kind)
        self.title.setText(data.title)
        self.held_on.setDate(qdate(data.held_on))
        self.start_time.setTime(qtime(data.start_time))
        self.end_time.setTime(qtime(data.end_time, time(12, 0)))
        self.closing_set.setChecked(data.closing_time is not None)
        self.closing_time.setTime(qtime(data.closing_time, time(12, 0)))
        self.place.setText(data.place)
        self.chair_name.setText(data.chair_name)
        self.chair_position.setText(data.chair_position)
        self.chair_nip.setText(data.chair_nip)
        self.taker_name.setText(data.minute_taker_name)
        self.taker_position.setText(data.minute_taker_position)
        self.taker_nip.setText(data.minute_taker_nip)
        self.letter_number.setText(data.letter_number)
        self.letter_date.setDate(qdate(data.letter_date))
        self.letter_nature.setText(data.letter_nature)
        self.letter_attachment.setText(data.letter_attachment)
        self.discussion.setPlainText(data.discussion)
        self.set_desa(data.desa_codes)
        if not data.letter_number:  # continue the year's sequence, not 1 again
            year = (data.letter_date or data.held_on).year
            Op(self, lambda: minutes.next_letter_sequence(self.app, year)) \
                .success(self.letter_seq.setValue).run()

    def show_meeting(self, d: MeetingDetail) -> None:
        self.detail = d
        self.fill(d.to_input())
        self.invitees.setPlainText("\n".join(i.name for i in d.invitees))
        self.photo_list.clear()
        self.broken_photos = 0
        for p in d.photos:
            text = f"{p.caption or p.filename} ({p.filename})"
            if photos.is_unreadable(self.app, p.stored_name):
                # Prints as an empty box; may be removed even from a final notulen.
                self.broken_photos += 1
                text += " — berkas rusak, dapat dihapus"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            self.photo_list.addItem(item)

    def set_state(self, *, editable: bool, saved: bool) -> None:
        for w in (self.kind, self.title, self.held_on, self.start_time, self.end_time,
                  self.closing_set, self.place, self.chair_name, self.chair_position,
                  self.chair_nip, self.taker_name, self.taker_position, self.taker_nip,
                  self.letter_number, self.letter_seq, self.letter_button, self.letter_date,
                  self.letter_nature, self.letter_attachment, self.desa_list, self.invitees,
                  self.invitees_from_desa, self.discussion, self.save_button):
            w.setEnabled(editable)
        self.closing_time.setEnabled(self.closing_set.isChecked() and editable)
        for w in (self.photo_add, self.photo_delete, self.photo_caption):
            w.setEnabled(editable and saved)
        if saved and self.broken_photos:
            self.photo_list.setEnabled(True)
            self.photo_delete.setEnabled(True)

    def desa_codes(self) -> list[str]:
        return [self.desa_list.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.desa_list.count())
                if self.desa_list.item(i).checkState() == Qt.CheckState.Checked]

    def set_desa(self, codes: list[str]) -> None:
        for i in range(self.desa_list.count()):
            item = self.desa_list.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole)
                               in codes else Qt.CheckState.Unchecked)

    def value(self) -> MeetingInput:
        return MeetingInput(
            kind=self.kind.currentData(), title=self.title.text(),
            held_on=pydate(self.held_on.date()), start_time=pytime(self.start_time.time()),
            end_time=pytime(self.end_time.time()), place=self.place.text(),
            chair_name=self.chair_name.text(), chair_position=self.chair_position.text(),
            chair_nip=self.chair_nip.text(), minute_taker_name=self.taker_name.text(),
            minute_taker_position=self.taker_position.text(),
            minute_taker_nip=self.taker_nip.text(), letter_number=self.letter_number.text(),
            letter_date=pydate(self.letter_date.date()),
            letter_nature=self.letter_nature.text(),
            letter_attachment=self.letter_attachment.text(),
            discussion=self.discussion.toPlainText(),
            closing_time=pytime(self.closing_time.time()) if self.closing_set.isChecked()
            else None,
            desa_codes=self.desa_codes())

    def invitee_inputs(self) -> list[InviteeInput]:
        out = []
        desa_by_name = {self.desa_list.item(i).text().split(" ", 1)[-1]:
                        self.desa_list.item(i).data(Qt.ItemDataRole.UserRole)
                        for i in range(self.desa_list.count())}
        for line in self.invitees.toPlainText().splitlines():
            name = line.strip()
            if not name:
                continue
            code = next((c for n, c in desa_by_name.items() if name.endswith(f" {n}")), None)
            lower = name.lower()
            kind = InviteeKind.DESA.value if code else (
                InviteeKind.UNIT.value if lower.startswith(("kasi", "seksi", "sekcam"))
                else InviteeKind.AGENCY.value if lower.startswith(("kepala dinas", "dinas",
                                                                   "kepala"))
                else InviteeKind.OTHER.value)
            out.append(InviteeInput(name, kind, desa_code=code))
        return out

    # ---- Actions -----------------------------------------------------------------------------
    def invitees_from_checked_desa(self) -> None:
        lines = [line for line in self.invitees.toPlainText().splitlines() if line.strip()]
        for i in range(self.desa_list.count()):
            item = self.desa_list.item(i)
            if item.checkState() != Qt.CheckState.Checked:
                continue
            text = item.data(Qt.ItemDataRole.UserRole + 1)
            if text not in lines:
                lines.append(text)
        self.invitees.setPlainText("\n".join(lines))

    def make_letter_number(self) -> None:
        Op(self, lambda: minutes.suggest_letter_number(
            self.app, self.letter_seq.value(), pydate(self.letter_date.date()))
           ).success(self.letter_number.setText).run()

    def add_photo(self) -> None:
        if self.detail is None:
            return
        path = pdf.ask_open_path(self, "Pilih foto dokumentasi", "Foto (*.jpg *.jpeg *.png)")
        if path is None:
            return
        mid, caption = self.detail.id, self.photo_caption.text()
        Op(self, lambda: photos.add_photo(self.app, self.actor, mid, Path(path), caption),
           changes={MEETINGS}).success(lambda _id: self.photo_caption.clear()).run()

    def delete_photo(self) -> None:
        item = self.photo_list.currentItem()
        if item is None or not messages.confirm(self, "Hapus foto ini?"):
            return
        photo_id = item.data(Qt.ItemDataRole.UserRole)
        Op(self, lambda: photos.delete_photo(self.app, self.actor, photo_id),
           changes={MEETINGS}).run()
