"""KULA RAKAT settings: the holiday list (for working-day deadlines), default deadlines and the
admin-defined categories (common data only, like "Lainnya")."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain import clock
from desktop_app.core.domain.errors import AppError, RecordChangedError
from desktop_app.core.domain.formatting import format_date_long
from desktop_app.core.gui import messages
from desktop_app.core.gui.conflict import ConflictBanner
from desktop_app.core.gui.fields import DecimalSpinBox, OneTabDateEdit
from desktop_app.core.gui.operations import (
    CATEGORIES,
    HOLIDAYS,
    SETTINGS,
    SUBMISSIONS,
    Op,
    watch_changes,
)
from desktop_app.core.services import settings
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.intake.services import calendar, categories
from desktop_app.intake.services.categories import CustomCategory
from desktop_app.intake.services.details import MIN_AREA


class IntakeSettingsPage(QWidget):
    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.actor = app, actor
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Hari Libur, Tenggat &amp; Kategori</h2>"))
        # Every change is saved over the version this page showed: changed meanwhile on
        # another desk, it is refused here; «Muat ulang» shows what is stored now.
        self.conflict = ConflictBanner(self)
        self.conflict.reload_requested.connect(self.refresh)
        layout.addWidget(self.conflict)
        self._loaded: dict[str, object] = {}
        self._versions: dict[str, int] = {}
        self._typed_labels: dict[str, str] = {}  # a refused category name, offered again
        deadlines = QGroupBox("Tenggat tanggapan bawaan (hari kerja)")
        form = QFormLayout(deadlines)
        self.spins: dict[str, QSpinBox] = {}
        for kind, spec in calendar.DEADLINE_KEYS.items():
            spin = QSpinBox()
            spin.setRange(int(spec.minimum or 1), int(spec.maximum or 250))
            self.spins[spec.key] = spin
            form.addRow(kind.label, spin)
        self.min_area = DecimalSpinBox(decimals=1)
        self.min_area.setRange(4, 20)
        self.min_area.setSingleStep(0.1)
        self.min_area.setSuffix(" m²")
        form.addRow("Ambang luas lantai per orang (RTLH)", self.min_area)
        # Alt+letter: S saves the settings, U recomputes, N/K reach the new holiday's date and
        # name, M adds it, H removes the chosen one, O fills the national calendar; D reaches
        # the categories, E adds one, G renames the chosen one, I deactivates or activates it
        # (Alt+B, A and T are the window's menus).
        save = QPushButton("&Simpan pengaturan")
        save.clicked.connect(self.save_settings)
        recompute = QPushButton("Hitung &ulang tenggat data terbuka")
        recompute.clicked.connect(self.recompute)
        row = QHBoxLayout()
        row.addWidget(save)
        row.addWidget(recompute)
        row.addStretch(1)
        form.addRow(row)
        layout.addWidget(deadlines)

        holidays = QGroupBox("Hari libur nasional dan cuti bersama")
        hl = QVBoxLayout(holidays)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["Tanggal", "Keterangan"])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 220)
        # A list to choose from (changes go through the fields below): typing in it must not
        # look like editing; Delete removes the chosen day.
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.remove_holiday,
                  context=Qt.ShortcutContext.WidgetShortcut)
        hl.addWidget(self.table, 1)
        add_row = QHBoxLayout()
        self.day = OneTabDateEdit(QDate(clock.today()))
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.name = QLineEdit()
        self.name.setPlaceholderText("mis. Hari Raya Idulfitri")
        self.name.returnPressed.connect(self.add_holiday)  # Enter adds the day
        day_label, name_label = QLabel("Ta&nggal"), QLabel("&Keterangan")
        day_label.setBuddy(self.day)
        name_label.setBuddy(self.name)
        add = QPushButton("Ta&mbah")
        add.clicked.connect(self.add_holiday)
        remove = QPushButton("&Hapus yang dipilih")
        remove.clicked.connect(self.remove_holiday)
        national = QPushButton("Isi dari kalender nasi&onal")
        national.setToolTip("Hari libur nasional dan cuti bersama tahun ini dan tahun depan "
                            "(paket holidays); hari libur daerah tambahkan sendiri.")
        national.clicked.connect(self.fill_national)
        add_row.addWidget(day_label)
        add_row.addWidget(self.day)
        add_row.addWidget(name_label)
        add_row.addWidget(self.name, 1)
        add_row.addWidget(add)
        add_row.addWidget(remove)
        hl.addLayout(add_row)
        hl.addWidget(national)
        layout.addWidget(holidays, 1)

        categories = QGroupBox("Kategori tambahan")
        cl = QVBoxLayout(categories)
        note = QLabel("Kategori di luar RTLH, jalan dan drainase, mis. \"Penerangan jalan umum\". "
                      "Isinya data umum saja, seperti kategori Lainnya. Kategori yang "
                      "dinonaktifkan tidak dapat dipilih untuk data baru; data lama tetap.")
        note.setWordWrap(True)
        cl.addWidget(note)
        self.categories = QTableWidget(0, 3)
        listed = QLabel("&Daftar kategori tambahan:")
        listed.setBuddy(self.categories)
        cl.addWidget(listed)
        self.categories.setHorizontalHeaderLabels(["Nama kategori", "Kode", "Aktif"])
        self.categories.horizontalHeader().setStretchLastSection(True)
        self.categories.setColumnWidth(0, 320)
        self.categories.setColumnWidth(1, 200)
        self.categories.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.categories.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.categories.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.categories.currentCellChanged.connect(lambda *_: self._update_toggle())
        self.categories.doubleClicked.connect(lambda *_: self.edit_category())
        cl.addWidget(self.categories, 1)
        buttons = QHBoxLayout()
        self.add_category_button = QPushButton("Tambah kat&egori…")
        self.add_category_button.clicked.connect(self.add_category)
        self.edit_category_button = QPushButton("Ubah kate&gori…")
        self.edit_category_button.clicked.connect(self.edit_category)
        self.toggle_category_button = QPushButton("Nonakt&ifkan")
        self.toggle_category_button.clicked.connect(self.toggle_category)
        for button in (self.add_category_button, self.edit_category_button,
                       self.toggle_category_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        cl.addLayout(buttons)
        layout.addWidget(categories, 1)
        self._categories: list[CustomCategory] = []
        watch_changes(self, {HOLIDAYS, CATEGORIES, SETTINGS}, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        values = settings.all_settings(self.app)
        self._versions = settings.setting_versions(self.app)
        for key, spin in self.spins.items():
            spin.setValue(int(values[key]))
        self.min_area.setValue(float(values[MIN_AREA.key]))
        self._loaded = self._setting_values()
        self._days = calendar.holiday_rows(self.app)
        self.table.setRowCount(len(self._days))
        for i, holiday in enumerate(self._days):
            self.table.setItem(i, 0, QTableWidgetItem(format_date_long(holiday.day)))
            self.table.setItem(i, 1, QTableWidgetItem(holiday.name))
        self.refresh_categories()

    # -- admin-defined categories --------------------------------------------------------------
    def refresh_categories(self, select_code: str | None = None) -> None:
        current = self._selected_category()
        select_code = select_code or (current.code if current else None)
        self._categories = categories.list_custom_categories(self.app)
        self.categories.setRowCount(len(self._categories))
        for i, cat in enumerate(self._categories):
            self.categories.setItem(i, 0, QTableWidgetItem(cat.label))
            self.categories.setItem(i, 1, QTableWidgetItem(cat.code))
            self.categories.setItem(i, 2, QTableWidgetItem("Ya" if cat.active else "Tidak"))
            if cat.code == select_code:
                self.categories.selectRow(i)
        self._update_toggle()

    def _selected_category(self) -> CustomCategory | None:
        row = self.categories.currentRow()
        if 0 <= row < len(self._categories):
            return self._categories[row]
        return None

    def _update_toggle(self) -> None:
        cat = self._selected_category()
        self.toggle_category_button.setText("Akt&ifkan" if cat and not cat.active
                                            else "Nonakt&ifkan")
        self.edit_category_button.setEnabled(cat is not None)
        self.toggle_category_button.setEnabled(cat is not None)

    def _save_category(self, code: str | None, label: str, active: bool,
                       version: int | None = None) -> None:
        def refused(exc: AppError) -> None:
            if code is not None and isinstance(exc, RecordChangedError):
                self._typed_labels[code] = label  # offered again at the next «Ubah…»
            self.conflict.show_refusal(exc)

        def saved(saved_code: str) -> None:
            self._typed_labels.pop(saved_code, None)
            self.refresh_categories(saved_code)  # and select the category just saved

        (Op(self, lambda: categories.save_category(self.app, self.actor, code, label, active,
                                                   version=version),
            changes={CATEGORIES})
         .success(saved).failure(refused).run())

    def add_category(self) -> None:
        label = messages.ask_text(self, "Tambah kategori", "Nama kategori:")
        if label is None:
            return
        self._save_category(None, label, True)

    def edit_category(self) -> None:
        cat = self._selected_category()
        if cat is None:
            messages.info(self, "Pilih kategori yang akan diubah.")
            return
        label = messages.ask_text(self, "Ubah kategori", "Nama kategori:",
                                  self._typed_labels.get(cat.code, cat.label))
        if label is None:
            return
        self._save_category(cat.code, label, cat.active, cat.version)

    def toggle_category(self) -> None:
        cat = self._selected_category()
        if cat is None:
            messages.info(self, "Pilih kategori yang akan dinonaktifkan atau diaktifkan.")
            return
        self._save_category(cat.code, cat.label, not cat.active, cat.version)

    def _setting_values(self) -> dict[str, object]:
        values: dict[str, object] = {key: spin.value() for key, spin in self.spins.items()}
        values[MIN_AREA.key] = self.min_area.value()
        return values

    def save_settings(self) -> None:
        """The settings changed on this page, in one transaction, each over the version the
        page showed (another desk's change to a setting left alone here is not undone)."""
        changed = {key: value for key, value in self._setting_values().items()
                   if value != self._loaded.get(key)}
        loaded = {key: self._versions.get(key, 0) for key in changed}
        Op(self, lambda: settings.save_settings(self.app, self.actor, changed, loaded),
           changes={SETTINGS}).success(lambda _r: messages.info(
            self, "Pengaturan tersimpan. Tenggat baru berlaku untuk data berikutnya; "
                  "gunakan \"Hitung ulang\" untuk data yang masih terbuka.")) \
            .failure(self.conflict.show_refusal).run()

    def recompute(self) -> None:
        (Op(self, lambda: calendar.recompute_open_due_dates(self.app, self.actor),
            changes={SUBMISSIONS})
         .success(lambda count: messages.info(self, f"Tenggat {count} data terbuka dihitung "
                                                    "ulang."))
         .run())

    def add_holiday(self) -> None:
        q = self.day.date()
        day = date(q.year(), q.month(), q.day())
        # 0: not listed when the page loaded (added meanwhile on another desk: refused)
        version = next((h.version for h in self._days if h.day == day), 0)
        name = self.name.text()
        (Op(self, lambda: calendar.save_holiday(self.app, self.actor, day, name,
                                                version=version),
            changes={HOLIDAYS})
         .success(lambda _r: self.name.clear())
         .failure(self.conflict.show_refusal).run())

    def fill_national(self) -> None:
        years = [clock.today().year, clock.today().year + 1]
        (Op(self, lambda: calendar.fill_national_holidays(self.app, self.actor, years),
            changes={HOLIDAYS, SUBMISSIONS})
         .success(lambda n: messages.info(self, f"{n} hari libur nasional dan cuti bersama "
                                                f"{years[0]}–{years[1]} ditambahkan."))
         .run())

    def remove_holiday(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            messages.info(self, "Pilih hari libur yang akan dihapus.")
            return
        holiday = self._days[row]
        if not messages.confirm(self, f"Hapus hari libur {format_date_long(holiday.day)} "
                                      f"({holiday.name})?"):
            return
        Op(self, lambda: calendar.delete_holiday(self.app, self.actor, holiday.day,
                                                 version=holiday.version),
           changes={HOLIDAYS}).failure(self.conflict.show_refusal).run()
