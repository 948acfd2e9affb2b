"""Jejak Audit: browse and filter the audit trail (paged in SQL) and verify its hash chain."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain import audit_fields, clock
from desktop_app.core.domain.formatting import format_number
from desktop_app.core.domain.roles import Permission
from desktop_app.core.gui import audit_fields as core_fields
from desktop_app.core.gui import messages
from desktop_app.core.gui.fields import OneTabDateEdit, format_datetime
from desktop_app.core.gui.table_model import Column, PagedQueryModel, PagedTableView
from desktop_app.core.gui.worker import run_job
from desktop_app.core.services import audit
from desktop_app.core.services.context import Actor, AppContext

log = logging.getLogger(__name__)
# Every action and kind of record the features write to the trail, as the page shows them
# (tests/core/test_audit_labels.py fails when a new one is written without a label here).
ACTION_LABELS = {
    "create": "tambah", "update": "ubah", "delete": "hapus", "login": "masuk",
    "login_failed": "gagal masuk", "lock": "akun terkunci", "reset_password": "atur ulang sandi",
    "change_password": "ganti sandi", "backup": "cadangkan", "restore": "pulihkan",
    "export": "ekspor", "import": "impor", "status": "ubah status", "verify": "verifikasi",
    "dispose": "disposisi", "print": "cetak", "freeze": "bekukan", "approve": "setujui",
    "finalize": "finalkan", "addendum": "adendum", "activate": "aktifkan", "rank": "peringkat",
    "forward": "teruskan", "reopen": "buka kembali", "screen": "saring",
    "realisation": "realisasi",
}
ENTITY_LABELS = {
    "user": "pengguna", "office_profile": "profil kantor", "office_unit": "seksi/bidang",
    "region": "wilayah", "setting": "pengaturan", "database": "basis data",
    "submission": "usulan/laporan/aduan", "attachment": "lampiran", "holiday": "hari libur",
    "category": "kategori", "import_mapping": "padanan impor",
    "handover": "BA penyerahan", "criteria_set": "set kriteria", "priority_list": "daftar prioritas",
    "meeting": "rapat", "action_item": "tindak lanjut", "action": "tindak lanjut",
    "agenda": "acara rapat", "agreements": "kesepakatan", "attendee": "peserta rapat",
    "meeting_invitees": "undangan rapat", "meeting_photo": "foto rapat",
    "meeting_recap": "rekap rapat", "meeting_kind": "jenis rapat",
    "problem_topic": "topik masalah", "problem": "masalah rapat",
    "planning_catalogue": "kamus usulan", "planning_ceiling": "pagu kecamatan",
    "planning_criteria_set": "kriteria perencanaan", "planning_delegates": "delegasi",
    "planning_macro_problem": "masalah makro", "planning_photo": "foto usulan",
    "planning_priority": "prioritas daerah", "planning_proposal": "usulan Musrenbang",
    "planning_rembuk": "rembuk", "planning_tier_result": "hasil penyaringan",
    "planning_year": "tahun perencanaan",
}

# Core's own fields; each feature's are registered by the composition root (app/navigation.py).
audit_fields.register(core_fields.FIELDS, core_fields.LOOKUPS)


@dataclass
class AuditPageSource:
    """Adapts services.audit to the PageSource protocol of PagedQueryModel."""

    app: AppContext
    actor: Actor
    count_limit: ClassVar[int] = audit.AUDIT_COUNT_LIMIT  # more shows "lebih dari 10.000"

    def count(self, flt: audit.AuditFilter | None) -> int:
        return audit.count_audit(self.app, self.actor, flt or audit.AuditFilter(),
                                 cap=self.count_limit)

    def fetch(self, flt: audit.AuditFilter | None, sort: str, descending: bool, offset: int,
              limit: int) -> Sequence[audit.AuditRow]:
        return audit.list_audit(self.app, self.actor, flt or audit.AuditFilter(),
                                sort=sort or "id", descending=descending, offset=offset,
                                limit=limit)


@dataclass(frozen=True)
class ChangeRow:
    label: str
    before: str
    after: str
    changed: bool


def diff_rows(entity: str, before_json: str | None, after_json: str | None, *,
              may_see_personal: bool,
              lookup: Callable[[str], Mapping[str, str]] | None = None) -> list[ChangeRow]:
    """The fields of one audit entry in Indonesian, as the features declared them: what changed
    (or was filled in) first, then what stayed or stayed empty, each group by label;
    bookkeeping fields left out."""
    before = json.loads(before_json) if before_json else {}
    after = json.loads(after_json) if after_json else {}

    def text(data: dict[str, Any], present: bool, key: str) -> str:
        if not present:
            return ""
        return audit_fields.show(entity, key, data.get(key), may_see_personal=may_see_personal,
                                 moment=format_datetime, lookup=lookup)

    rows = []
    for key in set(before) | set(after):
        if not audit_fields.is_shown(entity, key):
            continue
        changed = before.get(key) != after.get(key)  # on a new record: every filled field
        rows.append(ChangeRow(audit_fields.label_of(entity, key),
                              text(before, bool(before_json), key),
                              text(after, bool(after_json), key), changed))
    return sorted(rows, key=lambda r: (not r.changed, r.label.casefold()))


class AuditPage(QWidget):
    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        self.job = None
        self._lookups: dict[str, Mapping[str, str]] = {}
        self.source = AuditPageSource(app, actor)
        columns = [
            Column("id", "No.", "id", width=60, align_right=True),
            Column("at", "Waktu", "at", format_datetime, width=160),
            Column("username", "Pengguna", "username", width=120),
            Column("action", "Tindakan", "action",
                   lambda a: ACTION_LABELS.get(a, a), width=120),
            Column("entity", "Data", "entity", lambda e: ENTITY_LABELS.get(e, e), width=120),
            Column("entity_id", "Id", None, width=70),
            Column("summary", "Ringkasan", None),
        ]
        self.model = PagedQueryModel(self.source, columns, page_size=100, default_sort="id",
                                     descending=True, parent=self)
        self.view = PagedTableView(self.model, self)
        self.view.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)

        self.user_filter = QComboBox()
        self.entity_filter = QComboBox()
        self.action_filter = QComboBox()
        self.text_filter = QLineEdit()
        self.text_filter.setPlaceholderText("Cari ringkasan, id, isi…")
        self.text_filter.setClearButtonEnabled(True)
        self.use_dates = QCheckBox("Tanggal")
        today = QDate(clock.today())
        self.date_from = OneTabDateEdit(today.addDays(-30))
        self.date_to = OneTabDateEdit(today)
        for d in (self.date_from, self.date_to):
            d.setEnabled(False)
        self.use_dates.toggled.connect(self.date_from.setEnabled)
        self.use_dates.toggled.connect(self.date_to.setEnabled)
        self.verify_button = QPushButton("Periksa &keutuhan")
        self.verify_button.setToolTip("Periksa rantai hash: apakah ada baris yang diubah atau "
                                      "dihapus di luar aplikasi")
        self.verify_button.clicked.connect(self.verify)
        self.verify_result = QLabel()

        # Two rows, combos that do not grow with their longest entry: the page fits a
        # 1024×768 screen beside the navigation.
        filters = QGridLayout()
        for col, (text, widget) in enumerate((("&Pengguna", self.user_filter),
                                              ("&Data", self.entity_filter),
                                              ("T&indakan", self.action_filter))):
            widget.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            widget.setMinimumContentsLength(12)
            label = QLabel(text)
            label.setBuddy(widget)
            filters.addWidget(label, 0, 2 * col)
            filters.addWidget(widget, 0, 2 * col + 1)
        self.use_dates.setText("Tangga&l")  # Alt+T is the Bantuan menu
        dates = QHBoxLayout()
        dates.addWidget(self.use_dates)
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel("s.d."))
        dates.addWidget(self.date_to)
        dates.addWidget(self.text_filter, 1)
        filters.addLayout(dates, 1, 0, 1, 6)
        filters.setColumnStretch(5, 1)

        self.details = QTableWidget(0, 3)
        self.details.setHorizontalHeaderLabels(["Kolom", "Sebelum", "Sesudah"])
        self.details.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents)
        self.details.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.details.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.details.verticalHeader().hide()
        self.details.setWordWrap(True)
        self.details.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.details_title = QLabel("Pilih satu baris untuk melihat rinciannya.")
        self.details_title.setWordWrap(True)
        details_box = QGroupBox("Rincian perubahan")
        details_layout = QVBoxLayout(details_box)
        details_layout.addWidget(self.details_title)
        details_layout.addWidget(self.details, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(details_box)
        splitter.setSizes([380, 300])  # the changes need room too at 768 px

        top = QHBoxLayout()
        top.addWidget(QLabel("<h2>Jejak Audit</h2>"))
        top.addStretch(1)
        top.addWidget(self.verify_result)
        top.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)
        self._timer.timeout.connect(self.apply_filter)
        self.text_filter.textChanged.connect(lambda _t: self._timer.start())
        for combo in (self.user_filter, self.entity_filter, self.action_filter):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        for d in (self.date_from, self.date_to):
            d.dateChanged.connect(lambda _d: self.apply_filter())
        self.use_dates.toggled.connect(lambda _b: self.apply_filter())
        self.view.table.selectionModel().currentRowChanged.connect(self._show_details)
        self.refresh()

    # -- filters -------------------------------------------------------------------------------
    def _fill_combo(self, combo: QComboBox, column: str, labels: dict[str, str]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("Semua", "")
        for value in audit.distinct_values(self.app, self.actor, column):
            combo.addItem(labels.get(value, value), value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def refresh(self) -> None:
        self._lookups.clear()  # region names, meeting kinds… are read again when next needed
        self._fill_combo(self.user_filter, "username", {})
        self._fill_combo(self.entity_filter, "entity", ENTITY_LABELS)
        self._fill_combo(self.action_filter, "action", ACTION_LABELS)
        self.apply_filter()

    def current_filter(self) -> audit.AuditFilter:
        return audit.AuditFilter(
            text=self.text_filter.text().strip(),
            username=self.user_filter.currentData() or "",
            entity=self.entity_filter.currentData() or "",
            action=self.action_filter.currentData() or "",
            date_from=self.date_from.date().toPython() if self.use_dates.isChecked() else None,
            date_to=self.date_to.date().toPython() if self.use_dates.isChecked() else None,
        )

    def apply_filter(self) -> None:
        try:
            self.model.set_filter(self.current_filter())
        except Exception as exc:  # noqa: BLE001 - shown, the page stays usable
            messages.show_error(self, exc)
        self._show_details()

    # -- details -------------------------------------------------------------------------------
    def _show_details(self, *_args: object) -> None:
        index = self.view.table.currentIndex()
        row = self.model.row_object(index.row()) if index.isValid() else None
        self.details.setRowCount(0)
        if row is None:
            self.details_title.setText("Pilih satu baris untuk melihat rinciannya.")
            return
        self.details_title.setText(
            f"<b>#{row.id}</b> · {format_datetime(row.at)} · {row.username} · "
            f"{ACTION_LABELS.get(row.action, row.action)} "
            f"{ENTITY_LABELS.get(row.entity, row.entity)} {row.entity_id}"
            f"<br>{row.summary}")
        rows = diff_rows(row.entity, row.before_json, row.after_json,
                         may_see_personal=self.actor.can(Permission.VIEW_PERSONAL_DATA),
                         lookup=self._lookup)
        self.details.setRowCount(len(rows))
        bold = QFont(self.details.font())
        bold.setBold(True)
        for r, change in enumerate(rows):
            for c, text in enumerate((change.label, change.before, change.after)):
                item = QTableWidgetItem(text)
                if change.changed:
                    item.setFont(bold)
                    item.setToolTip("Berubah")
                self.details.setItem(r, c, item)
        self.details.resizeRowsToContents()

    def _lookup(self, name: str) -> Mapping[str, str]:
        """A registered code → label list, read once per refresh; empty when it cannot be read
        (the code is shown instead)."""
        if name not in self._lookups:
            read = audit_fields.lookups().get(name)
            try:
                self._lookups[name] = dict(read(self.app)) if read is not None else {}
            except Exception:  # noqa: BLE001 - a label list is a nicety; the code still shows
                log.exception("Audit lookup %s failed", name)
                self._lookups[name] = {}
        return self._lookups[name]

    # -- chain check ---------------------------------------------------------------------------
    def verify(self) -> None:
        app, actor = self.app, self.actor
        self.verify_button.setEnabled(False)
        self.verify_result.setText("Memeriksa…")

        def work(progress: Any) -> audit.ChainReport:
            progress(0, 0, "Memeriksa rantai hash jejak audit…")
            return audit.verify_chain(app, actor)

        def done(report: audit.ChainReport) -> None:
            self.verify_button.setEnabled(True)
            count = format_number(report.rows_checked)
            if report.ok:
                self.verify_result.setText(f"<span style='color:#2e7d32'>Utuh: {count} baris "
                                           "diperiksa</span>")
                messages.info(self, f"Jejak audit utuh. {count} baris diperiksa.",
                              "Periksa keutuhan")
            else:
                self.verify_result.setText(
                    f"<span style='color:#b00020'>{len(report.problems)} masalah</span>")
                shown = "\n".join(report.problems[:20])
                more = len(report.problems) - 20
                if more > 0:
                    shown += f"\n… dan {more} masalah lain"
                messages.warn(self, f"Jejak audit RUSAK: ada baris yang diubah atau dihapus di "
                                    f"luar aplikasi.\n\n{shown}", "Periksa keutuhan")

        def failed(exc: BaseException) -> None:
            self.verify_button.setEnabled(True)
            self.verify_result.clear()
            messages.show_error(self, exc)

        self.job = run_job(self, "Periksa keutuhan jejak audit", work, done, failed)
        self.job.done.connect(lambda: self.verify_button.setEnabled(True))  # also after Batal
