"""RUKO PARSEL settings: the meeting kinds and problem topics offered in the forms."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.gui import messages
from desktop_app.core.gui.conflict import ConflictBanner
from desktop_app.core.gui.operations import MEETING_LISTS, Op, watch_changes
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.meetings.services import reference


class _ListEditor(QGroupBox):
    """One list: pick an item, change its name or whether it is offered, save it with the
    version it showed (changed meanwhile on another desk: the banner says so and the typed
    name stays until «Muat ulang»)."""

    def __init__(self, title: str, load, save, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(title, parent)
        self._load, self._save = load, save
        self.conflict = ConflictBanner(self)
        self.conflict.reload_requested.connect(self.reload_selected)
        self.list = QListWidget()
        self.label = QLineEdit()
        self.active = QCheckBox("Aktif (ditawarkan pada formulir)")
        self.active.setChecked(True)
        self.new_button = QPushButton("Tambah baru")
        self.save_button = QPushButton("Simpan perubahan")
        self.new_button.clicked.connect(self.add)
        self.save_button.clicked.connect(self.save_selected)
        self.list.currentItemChanged.connect(self._show)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.save_button)
        v = QVBoxLayout(self)
        v.addWidget(self.conflict)
        v.addWidget(self.list, 1)
        v.addWidget(QLabel("Nama"))
        v.addWidget(self.label)
        v.addWidget(self.active)
        v.addLayout(row)
        self.reload()
        watch_changes(self, {MEETING_LISTS}, self.reload)

    def reload(self) -> None:
        current = self.list.currentItem()
        code = current.data(Qt.ItemDataRole.UserRole).code if current is not None else None
        self.list.blockSignals(True)  # the typed name stays: only a chosen row shows its own
        self.list.clear()
        for item in self._load():
            w = QListWidgetItem(item.label + ("" if item.active else " (nonaktif)"))
            w.setData(Qt.ItemDataRole.UserRole, item)
            self.list.addItem(w)
            if item.code == code:
                self.list.setCurrentItem(w)
        self.list.blockSignals(False)

    def reload_selected(self) -> None:
        """«Muat ulang»: the list as stored, and the chosen item's stored name and state."""
        self.reload()
        self._show(self.list.currentItem())

    def _show(self, current: QListWidgetItem | None, _prev: object = None) -> None:
        if current is None:
            return
        item = current.data(Qt.ItemDataRole.UserRole)
        self.label.setText(item.label)
        self.active.setChecked(item.active)

    def _run(self, code: str | None, version: int | None = None) -> None:
        label, active = self.label.text(), self.active.isChecked()
        Op(self, lambda: self._save(code, label, active, version), changes={MEETING_LISTS}) \
            .failure(self.conflict.show_refusal).run()

    def add(self) -> None:
        self._run(None)

    def save_selected(self) -> None:
        current = self.list.currentItem()
        if current is None:
            messages.info(self, "Pilih satu baris terlebih dahulu.")
            return
        item = current.data(Qt.ItemDataRole.UserRole)
        self._run(item.code, item.version)


class MeetingListsPage(QWidget):
    def __init__(self, app: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kinds = _ListEditor(
            "Jenis rapat", lambda: reference.list_kinds(app, include_inactive=True),
            lambda code, label, active, version: reference.save_kind(
                app, actor, code, label, active, version=version))
        self.topics = _ListEditor(
            "Topik masalah desa", lambda: reference.list_topics(app, include_inactive=True),
            lambda code, label, active, version: reference.save_topic(
                app, actor, code, label, active, version=version))
        row = QHBoxLayout()
        row.addWidget(self.kinds)
        row.addWidget(self.topics)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Jenis Rapat dan Topik Masalah</h2>"))
        layout.addLayout(row, 1)
