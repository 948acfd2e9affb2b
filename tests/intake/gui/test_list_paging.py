"""Paging past a capped count, pressing the real buttons: more matches than the list counts show
as "lebih dari …", Berikutnya stays on until the last page is reached, which then shows the
exact number."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.core.gui.table_model import PagedQueryModel, PagedTableView
from desktop_app.intake.gui.list_page import COLUMNS
from desktop_app.intake.services import records
from desktop_app.intake.services.listing import SubmissionPageSource
from tests.intake.factories import aduan_input


def test_a_capped_count_pages_to_the_exact_end(qtbot, app_ctx, admin):
    for i in range(12):
        records.create_submission(app_ctx, admin, aduan_input(reporter_name=f"Pelapor {i:02d}"))
    source = SubmissionPageSource(app_ctx, admin)
    source.count_limit = 5
    model = PagedQueryModel(source, COLUMNS, page_size=5, default_sort="received_on")
    view = PagedTableView(model)
    qtbot.addWidget(view)
    model.reload()

    assert view.page_label.text() == "Halaman 1 · lebih dari 5 data"
    assert view.next_button.isEnabled() and not view.prev_button.isEnabled()
    seen = [model.row_object(r).id for r in range(model.rowCount())]

    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.page_label.text() == "Halaman 2 · lebih dari 5 data"
    assert view.next_button.isEnabled() and view.prev_button.isEnabled()
    seen += [model.row_object(r).id for r in range(model.rowCount())]

    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.page_label.text() == "Halaman 3 dari 3 · 12 data"
    assert not view.next_button.isEnabled()
    seen += [model.row_object(r).id for r in range(model.rowCount())]
    assert len(seen) == len(set(seen)) == 12

    qtbot.mouseClick(view.prev_button, Qt.MouseButton.LeftButton)
    assert view.page_label.text() == "Halaman 2 dari 3 · 12 data"


def test_a_small_list_shows_its_exact_count(qtbot, app_ctx, admin):
    for i in range(3):
        records.create_submission(app_ctx, admin, aduan_input(reporter_name=f"Pelapor {i}"))
    model = PagedQueryModel(SubmissionPageSource(app_ctx, admin), COLUMNS, page_size=5,
                            default_sort="received_on")
    view = PagedTableView(model)
    qtbot.addWidget(view)
    model.reload()
    assert view.page_label.text() == "Halaman 1 dari 1 · 3 data"
    assert not view.next_button.isEnabled()
