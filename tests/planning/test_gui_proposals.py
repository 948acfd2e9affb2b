"""The usulan list and form, pressed like a person would: filter, type a proposal with
mistakes, see the errors next to the fields with the input kept, correct, save."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.core.gui import messages
from desktop_app.planning.gui.proposal_dialog import ProposalDialog
from desktop_app.planning.gui.proposals_page import ProposalsPage
from tests.planning.conftest import INAN, YEAR


@pytest.fixture
def quiet():
    messages.captured = []
    yield messages.captured
    messages.captured = None


def _save(qtbot, dialog):
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)


def test_type_a_proposal_fix_errors_and_find_it_in_the_list(qtbot, planned, quiet):
    app, admin, _ids = planned
    page = ProposalsPage(app, admin)
    qtbot.addWidget(page)
    page.show()
    assert page.model.total == 0

    dialog = ProposalDialog(app, admin, page, year=YEAR, desa_code=INAN)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.work, "Rabat beton jalan RT 03 menuju SDN Inan")
    qtbot.keyClicks(dialog.volume, "220")
    _save(qtbot, dialog)
    assert dialog.errors.text("problem")  # what problem it answers is required
    assert dialog.errors.text("proposer_name")
    assert dialog.work.text() == "Rabat beton jalan RT 03 menuju SDN Inan"  # input kept

    qtbot.keyClicks(dialog.problem, "Jalan tanah becek saat hujan")
    dialog.kamus.setCurrentIndex(dialog.kamus.findText("JLN-01", Qt.MatchFlag.MatchStartsWith))
    assert dialog.unit.text() == "m" and dialog.agency.text() == "Dinas PUPRPERKIM"
    assert "Rp275.000.000" in dialog.cost_label.text()
    qtbot.keyClicks(dialog.proposer, "Basuni (Ketua RT 03)")
    _save(qtbot, dialog)
    assert dialog.saved_id is not None and quiet == []

    assert page.model.total == 1  # the list refreshed itself (change bus)
    row = page.model.row_object(0)
    assert row.work.startswith("Rabat beton") and row.cost == 275_000_000
    qtbot.keyClicks(page.search, "drainase")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.model.total == 0
