"""An operator sees NIK and No. KK masked and the income blank, yet saves a record she opened:
the values she left as they were stay stored; those she typed are checked and saved."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

from desktop_app.core.domain.errors import ValidationError
from desktop_app.core.gui import messages
from desktop_app.intake.domain.validation import HIDDEN_FIELDS
from desktop_app.intake.gui.form_dialog import SubmissionDialog
from desktop_app.intake.services.details import get_submission
from desktop_app.intake.services.records import create_submission, update_submission
from tests.intake.factories import rtlh_input


def _stored(app, verifier, sid):
    d = get_submission(app, verifier, sid)
    return d.reporter_nik, d.details["nik"], d.details["kk_number"], d.details["monthly_income"]


def test_operator_saves_a_masked_rtlh_record_without_losing_hidden_values(
        app_ctx, operator, verifier):
    saved = create_submission(app_ctx, verifier,
                                     rtlh_input(reporter_nik="6311071506900002"))
    before = _stored(app_ctx, verifier, saved.id)
    shown = get_submission(app_ctx, operator, saved.id).to_input()
    assert shown.details["nik"].endswith("*") and shown.details["monthly_income"] is None
    with pytest.raises(ValidationError):  # sent back as shown, without saying it was kept
        update_submission(app_ctx, operator, saved.id, shown)
    kept = dataclasses.replace(shown, subject="Bedah rumah Abdul Hamid (RT 2)",
                               kept=frozenset(HIDDEN_FIELDS))
    update_submission(app_ctx, operator, saved.id, kept)
    assert _stored(app_ctx, verifier, saved.id) == before
    assert get_submission(app_ctx, verifier, saved.id).subject.endswith("(RT 2)")


def test_kept_means_nothing_for_a_new_record(app_ctx, operator):
    data = rtlh_input(details={"nik": ""})
    with pytest.raises(ValidationError) as err:
        create_submission(app_ctx, operator,
                                 dataclasses.replace(data, kept=frozenset({"nik"})))
    assert "nik" in err.value.field_errors


def _field(dialog, label_start):
    """The line edit next to a form label, found the way a person finds it: by its label."""
    from PySide6.QtWidgets import QFormLayout, QLabel

    for layout in dialog.findChildren(QFormLayout):
        for row in range(layout.rowCount()):
            label = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = layout.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label and isinstance(label.widget(), QLabel) and field \
                    and label.widget().text().startswith(label_start):
                edits = field.widget().findChildren(QLineEdit)
                return edits[0]
    raise AssertionError(f"no field {label_start!r}")


def test_operator_opens_and_saves_the_form_by_pressing_simpan(qtbot, app_ctx, operator,
                                                              verifier):
    saved = create_submission(app_ctx, verifier,
                                     rtlh_input(reporter_nik="6311071506900002"))
    before = _stored(app_ctx, verifier, saved.id)
    messages.captured = []
    try:
        form = SubmissionDialog(app_ctx, operator, submission_id=saved.id)
        qtbot.addWidget(form)
        form.show()
        occupants = _field(form, "Jumlah penghuni")
        occupants.selectAll()
        qtbot.keyClicks(occupants, "7")
        simpan = form.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(simpan, Qt.MouseButton.LeftButton)
        assert messages.captured == []
        assert not form.isVisible()
    finally:
        messages.captured = None
    assert _stored(app_ctx, verifier, saved.id) == before
    assert get_submission(app_ctx, verifier, saved.id).details["occupants"] == 7


def test_operator_may_replace_a_masked_nik_with_a_new_one(qtbot, app_ctx, operator, verifier):
    saved = create_submission(app_ctx, verifier, rtlh_input())
    messages.captured = []
    try:
        form = SubmissionDialog(app_ctx, operator, submission_id=saved.id)
        qtbot.addWidget(form)
        form.show()
        nik = _field(form, "NIK kepala keluarga")
        nik.selectAll()
        qtbot.keyClicks(nik, "6311071203800009")
        simpan = form.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(simpan, Qt.MouseButton.LeftButton)
        assert messages.captured == []
    finally:
        messages.captured = None
    assert _stored(app_ctx, verifier, saved.id)[1] == "6311071203800009"
