"""Two desks, one submission, in the real form: the later «Simpan» shows who changed what,
keeps what was typed, and «Muat ulang» brings the stored record so the edit can be re-applied."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton

from desktop_app.core.domain.roles import Role
from desktop_app.core.gui import messages
from desktop_app.core.services.bootstrap import open_app
from desktop_app.core.services.context import AppContext
from desktop_app.intake.gui.form_dialog import SubmissionDialog
from desktop_app.intake.services.details import get_submission
from desktop_app.intake.services.records import create_submission, update_submission
from tests.conftest import make_user
from tests.intake.factories import rtlh_input
from tests.intake.gui.test_hidden_fields import _field


@pytest.fixture
def second_desk(test_db, app_ctx) -> Iterator[AppContext]:
    other = open_app(test_db.paths, test_db.url, daily_backup=False)
    yield other
    other.dispose()


def _button(widget, text: str) -> QPushButton:
    found = [b for b in widget.findChildren(QPushButton) if b.text() == text and b.isVisible()]
    assert len(found) == 1, f"one visible button {text!r}, found {len(found)}"
    return found[0]


def test_the_form_shows_the_conflict_keeps_the_typing_and_reloads(qtbot, app_ctx, second_desk,
                                                                   verifier):
    budi = make_user(app_ctx, "budi", Role.VERIFIER, "Budi Santoso")
    sid = create_submission(app_ctx, verifier, rtlh_input()).id
    messages.captured = []
    try:
        form = SubmissionDialog(app_ctx, verifier, submission_id=sid)
        qtbot.addWidget(form)
        form.show()
        # Meanwhile desk B changes the subject and saves.
        theirs = get_submission(second_desk, budi, sid)
        update_submission(second_desk, budi, sid,
                          dataclasses.replace(theirs.to_input(), subject="Atap bocor (meja B)"),
                          version=theirs.version)

        name = _field(form, "Nama")
        name.selectAll()
        qtbot.keyClicks(name, "Hj. Rahmah")
        simpan = form.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(simpan, Qt.MouseButton.LeftButton)

        assert form.isVisible() and messages.captured == []
        shown = " ".join(label.text() for label in form.findChildren(QLabel)
                         if label.isVisible())
        assert "sudah diubah di meja lain" in shown
        assert "Budi Santoso (budi)" in shown and "Yang diubah: Perihal." in shown
        assert name.text() == "Hj. Rahmah"  # what was typed stays until the user chooses
        assert get_submission(app_ctx, verifier, sid).reporter_name == "Yusuf Hidayat"

        qtbot.mouseClick(_button(form, "Muat ulang"), Qt.MouseButton.LeftButton)
        assert _field(form, "Perihal").text() == "Atap bocor (meja B)"
        assert name.text() == "Yusuf Hidayat"
        assert "sudah diubah di meja lain" not in " ".join(
            label.text() for label in form.findChildren(QLabel) if label.isVisible())

        name.selectAll()
        qtbot.keyClicks(name, "Hj. Rahmah")  # re-applied over the latest version
        qtbot.mouseClick(simpan, Qt.MouseButton.LeftButton)
        assert messages.captured == [] and not form.isVisible()
    finally:
        messages.captured = None
    stored = get_submission(second_desk, budi, sid)
    assert (stored.subject, stored.reporter_name) == ("Atap bocor (meja B)", "Hj. Rahmah")


def test_keeping_the_form_leaves_the_typing_and_the_banner_goes(qtbot, app_ctx, second_desk,
                                                                verifier):
    sid = create_submission(app_ctx, verifier, rtlh_input()).id
    form = SubmissionDialog(app_ctx, verifier, submission_id=sid)
    qtbot.addWidget(form)
    form.show()
    theirs = get_submission(second_desk, verifier, sid)
    update_submission(second_desk, verifier, sid,
                      dataclasses.replace(theirs.to_input(), rt="7"), version=theirs.version)
    subject = _field(form, "Perihal")
    subject.selectAll()
    qtbot.keyClicks(subject, "Perihal yang saya ketik")
    simpan = form.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(simpan, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(_button(form, "Tetap di formulir"), Qt.MouseButton.LeftButton)
    assert subject.text() == "Perihal yang saya ketik" and form.isVisible()
    assert not [b for b in form.findChildren(QPushButton)
                if b.text() == "Muat ulang" and b.isVisible()]
