"""The submission form: common data plus a category section built from the field registry.
Errors appear next to their field; what was typed stays until it is saved."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
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
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain import clock
from desktop_app.core.domain.errors import AppError, RecordChangedError, ValidationError
from desktop_app.core.domain.formatting import format_input_number
from desktop_app.core.gui import messages
from desktop_app.core.gui.conflict import ConflictBanner
from desktop_app.core.gui.fields import OneTabDateEdit, confirm_discard
from desktop_app.core.gui.operations import SUBMISSIONS, Op
from desktop_app.core.gui.windows import fit_to_screen
from desktop_app.core.services import regions
from desktop_app.core.services.auth import own_desa as current_user_desa
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.intake.domain.submissions import (
    Channel,
    FieldKind,
    FieldSpec,
    SubmissionKind,
    fields_for,
)
from desktop_app.intake.domain.validation import HIDDEN_FIELDS, SubmissionInput, validate
from desktop_app.intake.services import categories, details, records
from desktop_app.intake.services.records import SavedSubmission

ERROR_STYLE = "color: #b00020;"


def _combo(items: list[tuple[str, str]], parent: QWidget | None = None) -> QComboBox:
    combo = QComboBox(parent)
    for label, value in items:
        combo.addItem(label, value)
    return combo


def _set_combo(combo: QComboBox, value: Any) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))


class SubmissionDialog(QDialog):
    """New or existing submission. ``saved`` holds the result after Simpan."""

    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None,
                 submission_id: int | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor, self.submission_id = app, actor, submission_id
        self.saved: SavedSubmission | None = None
        self.duplicates_confirmed = False
        self._errors: dict[str, QLabel] = {}
        self._detail_widgets: dict[str, QWidget] = {}
        self._detail_values: dict[str, Any] = {}  # kept across category switches
        # Personal values this role sees masked (NIK, No. KK) or blank (income), as loaded:
        # left as they are, they are sent back as "kept" and the stored values stay.
        self._hidden: dict[str, Any] = {}
        self.setWindowTitle("Ubah data" if submission_id else "Usulan / Laporan / Aduan baru")
        fit_to_screen(self, 860, 760)
        desa = regions.list_desa(app)
        self._desa_items = [(d.label, d.code) for d in desa]

        body = QWidget()
        layout = QVBoxLayout(body)
        general = QGroupBox("Data penerimaan")
        form = QFormLayout(general)
        self.kind = _combo([(k.label, k.value) for k in SubmissionKind])
        # Built-in and active admin-defined categories; _load adds an inactive one in use.
        self.category = _combo([(label, code)
                                for code, label, _builtin in categories.list_categories(app)])
        self.received_on = OneTabDateEdit(QDate(clock.today()))
        self.received_on.setMaximumDate(QDate(clock.today()))
        self.channel = _combo([(c.label, c.value) for c in Channel])
        self._row(form, "kind", "Jenis", self.kind)
        self._row(form, "category", "Kategori", self.category)
        self._row(form, "received_on", "Tanggal diterima", self.received_on)
        self._row(form, "channel", "Saluran", self.channel)
        layout.addWidget(general)

        reporter = QGroupBox("Pelapor / pengusul")
        form = QFormLayout(reporter)
        self.reporter_name = QLineEdit()
        self.reporter_nik = QLineEdit()
        self.reporter_nik.setPlaceholderText("16 digit (boleh dikosongkan)")
        self.reporter_phone = QLineEdit()
        self.reporter_phone.setPlaceholderText("mis. 0812 3456 7890")
        self.reporter_address = QLineEdit()
        self._row(form, "reporter_name", "Nama *", self.reporter_name)
        self._row(form, "reporter_nik", "NIK", self.reporter_nik)
        self._row(form, "reporter_phone", "No. HP/WA", self.reporter_phone)
        self._row(form, "reporter_address", "Alamat", self.reporter_address)
        layout.addWidget(reporter)

        case = QGroupBox("Perihal dan lokasi")
        form = QFormLayout(case)
        self.subject = QLineEdit()
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)  # Tab goes on to the next field
        self.description.setFixedHeight(80)
        self.desa = _combo([("— pilih desa/kelurahan —", "")] + self._desa_items)
        rt_row = QHBoxLayout()
        self.rt = QLineEdit()
        self.rt.setMaximumWidth(70)
        self.rw = QLineEdit()
        self.rw.setMaximumWidth(70)
        rt_row.addWidget(QLabel("RT"))
        rt_row.addWidget(self.rt)
        rt_row.addWidget(QLabel("RW"))
        rt_row.addWidget(self.rw)
        rt_row.addStretch(1)
        rt_box = QWidget()
        rt_box.setLayout(rt_row)
        self.address = QLineEdit()
        coords = QHBoxLayout()
        self.latitude = QLineEdit()
        self.latitude.setPlaceholderText("lintang, mis. -2.3412")
        self.longitude = QLineEdit()
        self.longitude.setPlaceholderText("bujur, mis. 115.4678")
        coords.addWidget(self.latitude)
        coords.addWidget(self.longitude)
        coords_box = QWidget()
        coords_box.setLayout(coords)
        self._row(form, "subject", "Perihal *", self.subject)
        self._row(form, "description", "Uraian", self.description)
        self._row(form, "desa_code", "Desa/Kelurahan *", self.desa)
        self._row(form, "rt", "RT / RW", rt_box)
        self._errors["rw"] = self._errors["rt"]
        self._row(form, "address", "Alamat lokasi", self.address)
        self._row(form, "latitude", "Koordinat", coords_box)
        self._errors["longitude"] = self._errors["latitude"]
        layout.addWidget(case)

        self.details_box = QGroupBox()
        self.details_form = QFormLayout(self.details_box)
        layout.addWidget(self.details_box)

        self.warnings = QLabel(wordWrap=True)
        self.warnings.setStyleSheet("color: #8a5a00;")
        self.warnings.hide()
        layout.addWidget(self.warnings)

        self.duplicates_box = QGroupBox("Kemungkinan data ganda")
        dup_layout = QVBoxLayout(self.duplicates_box)
        dup_layout.addWidget(QLabel(
            "Data berikut mirip dengan yang akan disimpan. Pilih satu lalu tandai sebagai "
            "duplikat, atau simpan tetap sebagai data baru.", wordWrap=True))
        self.duplicates = QListWidget()
        self.duplicates.setMaximumHeight(110)
        dup_layout.addWidget(self.duplicates)
        dup_buttons = QHBoxLayout()
        self.mark_duplicate = QPushButton("Tandai sebagai duplikat")
        self.save_anyway = QPushButton("Tetap simpan sebagai data baru")
        self.mark_duplicate.clicked.connect(self._save_as_duplicate)
        self.save_anyway.clicked.connect(self._save_anyway)
        dup_buttons.addWidget(self.mark_duplicate)
        dup_buttons.addWidget(self.save_anyway)
        dup_buttons.addStretch(1)
        dup_layout.addLayout(dup_buttons)
        self.duplicates_box.hide()
        layout.addWidget(self.duplicates_box)
        layout.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Simpan")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Batal")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)  # Ctrl+S
        self.conflict = ConflictBanner(self)
        self.conflict.reload_requested.connect(self._reload_after_conflict)
        self._version: int | None = None  # the stored version this form shows
        outer = QVBoxLayout(self)
        outer.addWidget(self.conflict)
        outer.addWidget(scroll, 1)
        outer.addWidget(buttons)

        self.category.currentIndexChanged.connect(self._rebuild_details)
        if submission_id is not None:
            self._load(submission_id)
            self.kind.setEnabled(False)
        else:
            self._enumerator_defaults()
        self._rebuild_details()
        self._pristine = self.collect()
        (self.category if submission_id is not None else self.kind).setFocus()

    def _enumerator_defaults(self) -> None:
        """A desa enumerator enters what she surveyed: channel Enumerator, her own desa."""
        desa = current_user_desa(self.app, self.actor)
        if desa:
            _set_combo(self.channel, Channel.ENUMERATOR.value)
            _set_combo(self.desa, desa)

    def reject(self) -> None:
        """Escape or Batal: a filled form is only thrown away when the user says so."""
        if self.saved is None and not confirm_discard(self, self.collect() != self._pristine):
            return
        super().reject()

    # -- layout helpers ------------------------------------------------------------------------
    def _row(self, form: QFormLayout, key: str, label: str, widget: QWidget) -> None:
        error = QLabel()
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        box = QWidget()
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(1)
        inner.addWidget(widget)
        inner.addWidget(error)
        form.addRow(label, box)
        self._errors[key] = error

    def _detail_widget(self, spec: FieldSpec) -> QWidget:
        if spec.kind is FieldKind.CHOICE:
            return _combo([("—", "")] + [(c, c) for c in spec.choices])
        if spec.kind is FieldKind.BOOL:
            return _combo([("—", ""), ("Ya", "Ya"), ("Tidak", "Tidak")])
        edit = QLineEdit()
        if spec.kind is FieldKind.MONEY:
            edit.setPlaceholderText("mis. 1.500.000")
        elif spec.unit:
            edit.setPlaceholderText(spec.unit)
        if spec.kind is FieldKind.DIGITS16:
            edit.setMaxLength(20)
            edit.setPlaceholderText("16 digit")
        return edit

    def _remember_details(self) -> None:
        for key, widget in self._detail_widgets.items():
            self._detail_values[key] = self._widget_value(widget)

    @staticmethod
    def _widget_value(widget: QWidget) -> Any:
        if isinstance(widget, QComboBox):
            return widget.currentData() or ""
        if isinstance(widget, QLineEdit):
            return widget.text()
        return ""

    def _rebuild_details(self) -> None:
        self._remember_details()
        while self.details_form.rowCount():
            self.details_form.removeRow(0)
        for key in list(self._detail_widgets):
            self._errors.pop(key, None)
        self._detail_widgets.clear()
        category = self.category.currentData() or ""
        specs = fields_for(category)
        self.details_box.setTitle(f"Data {self.category.currentText()}")
        self.details_box.setVisible(bool(specs))
        for spec in specs:
            widget = self._detail_widget(spec)
            value = self._detail_values.get(spec.key)
            if value not in (None, ""):
                if isinstance(widget, QComboBox):
                    if isinstance(value, bool):
                        value = "Ya" if value else "Tidak"
                    _set_combo(widget, value)
                elif isinstance(widget, QLineEdit):
                    if spec.kind is FieldKind.YEAR:
                        value = int(value)
                    elif isinstance(value, int | float):  # '7,2', '1.500.000': read back alike
                        value = format_input_number(value, spec.kind is FieldKind.MONEY)
                    widget.setText(str(value))
            label = f"{spec.label}{' *' if spec.required else ''}"
            if spec.unit and spec.kind is not FieldKind.MONEY:
                label += f" ({spec.unit})"
            if spec.key in self._hidden and isinstance(widget, QLineEdit):
                widget.setPlaceholderText("tersembunyi; biarkan agar tetap tersimpan")
            self._row(self.details_form, spec.key, label, widget)
            self._detail_widgets[spec.key] = widget
        self._chain_tab_order()

    def _chain_tab_order(self) -> None:
        """The category's fields come before Simpan in the Tab order (they are built later)."""
        chain: list[QWidget] = [self.longitude, *self._detail_widgets.values(),
                                *self.buttons.buttons()]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _load(self, submission_id: int) -> None:
        detail = details.get_submission(self.app, self.actor, submission_id)
        self._version = detail.version
        _set_combo(self.kind, detail.kind)
        if self.category.findData(detail.category) < 0:  # deactivated since: keep it
            self.category.addItem(detail.category_label or detail.category, detail.category)
        _set_combo(self.category, detail.category)
        d = detail.received_on
        self.received_on.setDate(QDate(d.year, d.month, d.day))
        _set_combo(self.channel, detail.channel)
        self.reporter_name.setText(detail.reporter_name)
        self.reporter_nik.setText(detail.reporter_nik)
        self.reporter_phone.setText(detail.reporter_phone)
        self.reporter_address.setText(detail.reporter_address)
        self.subject.setText(detail.subject)
        self.description.setPlainText(detail.description)
        _set_combo(self.desa, detail.desa_code)
        self.rt.setText(detail.rt)
        self.rw.setText(detail.rw)
        self.address.setText(detail.address)
        if detail.latitude is not None:
            self.latitude.setText(str(detail.latitude))
        if detail.longitude is not None:
            self.longitude.setText(str(detail.longitude))
        self._detail_values = dict(detail.details)
        if detail.masked:
            self._hidden = {key: detail.details.get(key)
                            for key in HIDDEN_FIELDS if key in detail.details}
            self._hidden["reporter_nik"] = detail.reporter_nik

    # -- saving --------------------------------------------------------------------------------
    def collect(self) -> SubmissionInput:
        self._remember_details()
        qd = self.received_on.date()
        category = self.category.currentData() or ""

        def coord(edit: QLineEdit) -> float | None:
            text = edit.text().strip().replace(",", ".")
            try:
                return float(text) if text else None
            except ValueError:
                return float("nan")

        return SubmissionInput(
            kind=self.kind.currentData(), category=category,
            received_on=date(qd.year(), qd.month(), qd.day()),
            channel=self.channel.currentData(), reporter_name=self.reporter_name.text(),
            subject=self.subject.text(), desa_code=self.desa.currentData() or "",
            description=self.description.toPlainText(), reporter_nik=self.reporter_nik.text(),
            reporter_phone=self.reporter_phone.text(),
            reporter_address=self.reporter_address.text(), rt=self.rt.text(),
            rw=self.rw.text(), address=self.address.text(), latitude=coord(self.latitude),
            longitude=coord(self.longitude),
            details={s.key: self._detail_values.get(s.key) for s in fields_for(category)},
            kept=self._kept_hidden(),
        )

    def _kept_hidden(self) -> frozenset[str]:
        current = dict(self._detail_values, reporter_nik=self.reporter_nik.text())
        return frozenset(key for key, shown in self._hidden.items()
                         if (current.get(key) or "") == (shown or ""))

    def show_errors(self, errors: dict[str, str]) -> None:
        for label in self._errors.values():
            label.hide()
        for key, text in errors.items():
            label = self._errors.get(key)
            if label is not None:
                label.setText(text)
                label.show()

    def save(self) -> None:
        data = self.collect()
        for key in ("latitude", "longitude"):
            value = getattr(data, key)
            if value is not None and value != value:  # NaN: not a number
                self.show_errors({key: "Koordinat harus angka desimal, mis. -2.3412."})
                return
        try:
            _clean, warnings = validate(data, self._category_codes())
        except ValidationError as exc:
            self.show_errors(exc.field_errors)
            messages.warn(self, "Periksa isian yang ditandai merah.", "Data belum benar")
            return
        self.show_errors({})
        self.warnings.setText("\n".join(f"⚠ {w}" for w in warnings))
        self.warnings.setVisible(bool(warnings))
        if self.submission_id is None and not self.duplicates_confirmed:
            Op(self, lambda: records.find_duplicates(self.app, self.actor, data)).success(
                lambda found: self._show_duplicates(found) if found
                else self._store(data, None)).run()
            return
        self._store(data, None)

    def _show_duplicates(self, found: list[records.DuplicateCandidate]) -> None:
        self.duplicates.clear()
        for cand in found:
            item = QListWidgetItem(
                f"{cand.number} · {cand.name} · {cand.desa} RT {cand.rt or '-'} · "
                f"{cand.status} — {cand.reason}")
            item.setData(Qt.ItemDataRole.UserRole, cand.id)
            self.duplicates.addItem(item)
        self.duplicates.setCurrentRow(0)
        self.duplicates_box.show()

    def _category_codes(self) -> set[str]:
        return {self.category.itemData(i) for i in range(self.category.count())}

    def _save_anyway(self) -> None:
        self.duplicates_confirmed = True
        self._store(self.collect(), None)

    def _save_as_duplicate(self) -> None:
        item = self.duplicates.currentItem()
        if item is None:
            return
        self._store(self.collect(), int(item.data(Qt.ItemDataRole.UserRole)))

    def _store(self, data: SubmissionInput, duplicate_of: int | None) -> None:
        if self.submission_id is None:
            def save() -> SavedSubmission:
                return records.create_submission(self.app, self.actor, data,
                                                 duplicate_of=duplicate_of)
        else:
            sid, version = self.submission_id, self._version

            def save() -> SavedSubmission:
                return records.update_submission(self.app, self.actor, sid, data,
                                                 version=version)
        Op(self, save, changes={SUBMISSIONS}).success(self._saved).failure(self._refused).run()

    def _saved(self, saved: SavedSubmission) -> None:
        self.saved = saved
        self.accept()

    def _refused(self, exc: AppError) -> None:
        """The dialog and everything typed stay; the reasons go next to their fields."""
        if isinstance(exc, RecordChangedError):
            self.conflict.show_conflict(exc)
            return
        if isinstance(exc, ValidationError):
            self.show_errors(exc.field_errors)
        messages.show_error(self, exc)

    def _reload_after_conflict(self) -> None:
        """«Muat ulang»: the stored record and its version replace what was typed."""
        assert self.submission_id is not None
        self._load(self.submission_id)
        for key in list(self._detail_widgets):  # typed survey values are not remembered
            self._errors.pop(key, None)
        self._detail_widgets.clear()
        self._rebuild_details()
        self.show_errors({})
        self._pristine = self.collect()
