"""An admin adds a category on "Hari Libur, Tenggat & Kategori", an aduan is entered in it
through the form (common data only), the list filter and the record view show its label; the
category is renamed and deactivated from the same page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop_app.core.gui import messages, pdf
from desktop_app.intake.gui.detail_dialog import SubmissionDetailDialog
from desktop_app.intake.gui.form_dialog import SubmissionDialog
from desktop_app.intake.gui.list_page import IntakeListPage
from desktop_app.intake.gui.settings_page import IntakeSettingsPage
from desktop_app.intake.services import details

PJU = "Penerangan jalan umum"


@pytest.fixture
def gui_env(app_ctx, admin):
    messages.captured, pdf.opened = [], []
    messages.text_answers = []
    yield app_ctx, admin
    messages.captured, pdf.opened = None, None
    messages.text_answers = []


def _choose(combo, value):
    combo.setCurrentIndex(combo.findData(value))
    assert combo.currentData() == value


def test_add_category_on_settings_page_then_use_it_in_the_form(qtbot, gui_env):
    app, admin = gui_env
    settings_page = IntakeSettingsPage(app, admin)
    qtbot.addWidget(settings_page)
    assert settings_page.categories.rowCount() == 0
    assert not settings_page.edit_category_button.isEnabled()

    messages.text_answers = [PJU]
    settings_page.add_category()
    assert settings_page.categories.rowCount() == 1
    assert [settings_page.categories.item(0, c).text() for c in range(3)] == [
        PJU, "penerangan_jalan", "Ya"]
    # The same label again is refused with the Indonesian message; nothing is added.
    messages.text_answers = ["penerangan jalan umum"]
    settings_page.add_category()
    assert "sudah ada" in messages.captured[-1][1]
    assert settings_page.categories.rowCount() == 1
    # Cancelling adds nothing.
    messages.text_answers = [None]
    settings_page.add_category()
    assert settings_page.categories.rowCount() == 1

    list_page = IntakeListPage(app, admin)
    qtbot.addWidget(list_page)
    form = SubmissionDialog(app, admin)
    qtbot.addWidget(form)
    _choose(form.kind, "aduan")
    _choose(form.category, "penerangan_jalan")
    assert form.category.currentText() == PJU
    assert not form.details_box.isVisibleTo(form)  # common data only, like "Lainnya"
    _choose(form.channel, "datang_langsung")
    form.reporter_name.setText("Siti Aisyah")
    form.reporter_phone.setText("0812 5111 2233")
    form.subject.setText("Lampu jalan padam di depan SDN Inan")
    _choose(form.desa, "63.11.07.2003")
    form.save()
    assert form.result() == QDialog.DialogCode.Accepted, messages.captured
    saved = form.saved
    detail = details.get_submission(app, admin, saved.id)
    assert (detail.category, detail.category_label) == ("penerangan_jalan", PJU)

    # The list: the filter offers it and the column shows the label.
    list_page.refresh()
    _choose(list_page.category, "penerangan_jalan")
    assert list_page.model.total == 1
    assert list_page.model.row_object(0).category_label == PJU
    column = next(i for i in range(list_page.model.columnCount())
                  if list_page.model.headerData(i, Qt.Orientation.Horizontal) == "Kategori")
    assert list_page.model.index(0, column).data() == PJU
    view = SubmissionDetailDialog(app, admin, saved.id)
    qtbot.addWidget(view)
    assert PJU in view._html(detail)

    # Rename, then deactivate: the form offers it no more, except for the record in it.
    settings_page.categories.selectRow(0)
    messages.text_answers = ["Penerangan jalan (PJU)"]
    settings_page.edit_category()
    assert settings_page.categories.item(0, 0).text() == "Penerangan jalan (PJU)"
    assert settings_page.toggle_category_button.text() == "Nonakt&ifkan"
    settings_page.toggle_category()
    assert settings_page.categories.item(0, 2).text() == "Tidak"
    assert settings_page.toggle_category_button.text() == "Akt&ifkan"
    fresh = SubmissionDialog(app, admin)
    qtbot.addWidget(fresh)
    assert fresh.category.findData("penerangan_jalan") < 0
    editing = SubmissionDialog(app, admin, submission_id=saved.id)
    qtbot.addWidget(editing)
    assert editing.category.currentData() == "penerangan_jalan"
    assert editing.category.currentText() == "Penerangan jalan (PJU)"
    editing.subject.setText("Lampu jalan padam (diperbaiki)")
    editing.save()
    assert editing.result() == QDialog.DialogCode.Accepted, messages.captured
    settings_page.toggle_category()
    assert settings_page.categories.item(0, 2).text() == "Ya"
