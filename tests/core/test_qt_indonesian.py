"""Qt's own dialogs and buttons speak Indonesian: the translation we ship (resources/
translations/qtbase_id.qm) is loaded at start-up and covers the standard dialogs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QTreeView,
    QWizard,
)

from desktop_app.app.gui import install_qt_translations
from tests.gui_driver import plain

ENGLISH = {
    "Cancel", "Yes", "No", "Save", "Save All", "Open", "Close", "Apply", "Reset", "Help",
    "Discard", "Abort", "Retry", "Ignore", "Yes to All", "No to All", "Restore Defaults",
    "Show Details", "Hide Details", "Undo", "Redo", "Cut", "Copy", "Paste", "Delete",
    "Select All", "Look in:", "File name:", "Files of type:", "Back", "Next >", "< Back",
    "Finish", "Name", "Size", "Type", "Date Modified", "Directory:", "Choose",
}


@pytest.fixture
def indonesian(qapp):
    translators = install_qt_translations(qapp)
    assert translators, "resources/translations/qtbase_id.qm was not loaded"
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


def _english(texts):
    return sorted({plain(t) for t in texts if plain(t) in ENGLISH})


def _buttons(widget):
    return [b.text() for b in widget.findChildren(QAbstractButton) if b.text()]


def test_standard_buttons_and_message_boxes(qtbot, indonesian):
    box = QDialogButtonBox()
    for flag in QDialogButtonBox.StandardButton:
        if flag not in (QDialogButtonBox.StandardButton.NoButton,
                        QDialogButtonBox.StandardButton.FirstButton,
                        QDialogButtonBox.StandardButton.LastButton):
            box.addButton(flag)
    qtbot.addWidget(box)
    texts = _buttons(box)
    assert "Batal" in [plain(t) for t in texts] and "Ya" in [plain(t) for t in texts]
    message = QMessageBox(QMessageBox.Icon.Question, "Konfirmasi", "Hapus?",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                          | QMessageBox.StandardButton.Cancel)
    message.setDetailedText("rincian")
    qtbot.addWidget(message)
    message.show()
    texts += _buttons(message)
    assert "Tampilkan Rincian" in [plain(t) for t in _buttons(message)]
    assert _english(texts) == []


def test_context_menus_progress_input_and_wizard(qtbot, indonesian):
    texts = []
    for edit in (QLineEdit("abc"), QPlainTextEdit("abc")):
        qtbot.addWidget(edit)
        texts += [a.text() for a in edit.createStandardContextMenu().actions()]
    assert "Salin" in [plain(t) for t in texts]
    progress = QProgressDialog()
    qtbot.addWidget(progress)
    texts += _buttons(progress)
    ask = QInputDialog()
    qtbot.addWidget(ask)
    ask.show()
    texts += _buttons(ask)
    wizard = QWizard()
    qtbot.addWidget(wizard)
    texts += [wizard.buttonText(which) for which in (
        QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
        QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton)]
    assert _english(texts) == []


def test_file_dialog(qtbot, indonesian, tmp_path):
    dialog = QFileDialog(None, "Pilih berkas", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = _buttons(dialog) + [label.text() for label in dialog.findChildren(QLabel)]
    for view in dialog.findChildren(QTreeView):
        model = view.model()
        texts += [str(model.headerData(i, Qt.Orientation.Horizontal)) for i in range(model.columnCount())]
    assert "Nama" in [plain(t) for t in texts]
    assert _english(texts) == []
