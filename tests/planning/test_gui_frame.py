"""The Bappeda screens pressed like a planner would: a pagu changed, a kamus entry added with
a wrong code first, criteria weighted by AHP and saved as a new version; an accountability
step recorded."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QTableWidgetItem

from desktop_app.core.gui import messages
from desktop_app.planning.gui import accountability_page, catalogue_tab
from desktop_app.planning.gui.accountability_page import AccountabilityPage
from desktop_app.planning.gui.frame_page import FramePage
from desktop_app.planning.services import frame, scoring
from tests.planning.conftest import KECAMATAN, YEAR

LEFT = Qt.MouseButton.LeftButton
SAVE = QDialogButtonBox.StandardButton.Save


@pytest.fixture
def quiet():
    messages.captured, messages.text_answers = [], []
    yield messages.captured
    messages.captured, messages.text_answers = None, []


def test_frame_ceiling_kamus_and_criteria(qtbot, planned, quiet, monkeypatch):
    app, admin, _ids = planned
    page = FramePage(app, admin)
    qtbot.addWidget(page)
    page.show()
    row = page.ceiling_codes.index(KECAMATAN)
    page.ceilings.setItem(row, 2, QTableWidgetItem("1.500.000.000"))
    qtbot.mouseClick(page.save_ceilings_button, LEFT)
    assert {c.region_code: c.amount for c in frame.list_ceilings(app, admin, YEAR)}[
        KECAMATAN] == 1_500_000_000

    def new_entry(dialog):
        qtbot.keyClicks(dialog.code, "TLD-01")
        qtbot.keyClicks(dialog.work, "Talud penahan tanah")
        qtbot.keyClicks(dialog.unit, "m")
        qtbot.keyClicks(dialog.price, "1.750.000")
        qtbot.keyClicks(dialog.sub_code, "1.3.10")
        qtbot.mouseClick(dialog.buttons.button(SAVE), LEFT)
        assert "format" in dialog.errors.text("sub_activity_code")  # refused, input kept
        dialog.sub_code.clear()
        qtbot.keyClicks(dialog.sub_code, "1.03.10.02.01.0032")
        qtbot.mouseClick(dialog.buttons.button(SAVE), LEFT)
        return 1

    monkeypatch.setattr(catalogue_tab.CatalogueDialog, "exec", new_entry)
    page.tabs.setCurrentIndex(3)
    qtbot.mouseClick(page.catalogue.new_button, LEFT)
    entry = next(c for c in frame.list_catalogue(app, admin) if c.code == "TLD-01")
    assert entry.unit_price == 1_750_000 and entry.sub_activity_code == "1.03.10.2.01.0032"

    page.tabs.setCurrentIndex(4)
    # urgency vs coverage 3, urgency vs damage 5, urgency vs cost 7, coverage vs damage 3, …
    messages.text_answers[:] = ["3", "5", "7", "3", "5", "3"]
    qtbot.mouseClick(page.criteria.ahp_button, LEFT)
    assert any("Rasio konsistensi" in body and "RI (n = 4) = 0,90" in body
               for _t, body in quiet)
    qtbot.mouseClick(page.criteria.save_button, LEFT)
    sets = scoring.list_sets(app, admin, "fisik")
    assert [s.version for s in sets] == [2, 1] and sets[0].active
    weights = [c.weight for c in sets[0].criteria]
    assert weights[0] > 0.5 and weights == sorted(weights, reverse=True)


def test_accountability_step_from_the_screen(qtbot, demo_app, quiet, monkeypatch):
    app, admin = demo_app
    page = AccountabilityPage(app, admin)
    qtbot.addWidget(page)
    page.show()
    assert page.model.total == 13
    page.search.setText("Drainase jalan desa Halubau")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.model.total == 1
    page.view.table.selectRow(0)

    def step(dialog):
        dialog.stage.setCurrentIndex(dialog.stage.findData("berjalan"))
        dialog.progress.lineEdit().selectAll()
        qtbot.keyClicks(dialog.progress, "60")
        qtbot.mouseClick(dialog.buttons.button(SAVE), LEFT)
        return 1

    monkeypatch.setattr(accountability_page.StepDialog, "exec", step)
    qtbot.mouseClick(page.step_button, LEFT)
    row = page.model.row_object(0)
    assert row.realisation == "berjalan" and row.progress == 60


def test_frame_imported_from_a_workbook_on_the_page(qtbot, planned, quiet, monkeypatch,
                                                    tmp_path):
    from PySide6.QtWidgets import QFileDialog

    from tests.planning.test_frame_import import _book

    app, admin, _ids = planned
    book = _book(tmp_path / "kerangka.xlsx")
    page = FramePage(app, admin)
    qtbot.addWidget(page)
    page.show()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(book), ""))
    qtbot.mouseClick(page.import_button, LEFT)
    assert any("2 prioritas dan 2 pagu indikatif disimpan" in body and "baris 6" in body
               for _title, body in quiet)
    shown = [page.priorities.item(r, 2).text() for r in range(page.priorities.rowCount())
             if page.priorities.item(r, 2)]
    assert "Penurunan stunting" in shown  # the page refreshed itself
