"""Through the Peringkat Prioritas screen, pressing its real widgets: edit weights (typed and by
AHP), rank, open a row's explanation, freeze, print and export the list, approve it as
pimpinan and compare lists."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QTabWidget, QWidget

from desktop_app.app.demo import DEMO_PASSWORD
from desktop_app.core.gui import messages, pdf
from desktop_app.core.services import auth
from desktop_app.ranking.gui import criteria_editor
from desktop_app.ranking.gui.ahp_dialog import AhpDialog
from desktop_app.ranking.gui.page import RankingPage
from desktop_app.ranking.services import criteria_sets, lists

UNEXPECTED = "Kesalahan tak terduga"


@pytest.fixture
def gui_demo(demo_app):
    messages.captured, pdf.opened = [], []
    messages.text_answers.clear()
    yield demo_app
    unexpected = [text for title, text in messages.captured if title == UNEXPECTED]
    messages.captured, pdf.opened = None, None
    messages.text_answers.clear()
    assert not unexpected, unexpected


def _page(qtbot, app, actor) -> RankingPage:
    page = RankingPage(app, actor)
    qtbot.addWidget(page)
    page.resize(1000, 740)
    with qtbot.waitExposed(page):
        page.show()
    activate(qtbot, page)
    return page


def activate(qtbot, window: QWidget) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=20000)


def click(qtbot, widget: QWidget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def open_tab(qtbot, tabs: QTabWidget, title: str) -> None:
    bar = tabs.tabBar()
    index = next(i for i in range(bar.count()) if bar.tabText(i).replace("&", "") == title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index


def click_row(qtbot, table, row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    rect = table.visualRect(table.model().index(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier,
                     QPoint(rect.center()))


def edit_cell(qtbot, table, row: int, column: int, text: str) -> None:
    """Double-click a cell, replace its text by typing, Enter."""
    rect = table.visualItemRect(table.item(row, column))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editors = [w for w in table.viewport().findChildren(QLineEdit)
               if w.parent() is table.viewport() and w.isVisible()]
    assert len(editors) == 1, editors
    qtbot.keyClick(editors[0], Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editors[0], text)
    qtbot.keyClick(editors[0], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.item(row, column).text() == text, timeout=5000)


def type_number(qtbot, spin, value: str) -> None:
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin.lineEdit(), value.replace(".", spin.locale().decimalPoint()))
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Tab)


def wait_for_list(qtbot, page: RankingPage, condition) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: page.list_info is not None and condition(page.list_info),
                    timeout=30000)


def test_weights_rank_explain_freeze_print_approve(qtbot, gui_demo, tmp_path):
    app, admin = gui_demo
    page = _page(qtbot, app, admin)
    assert page.current_category() == "rtlh"
    open_tab(qtbot, page.tabs, "Kriteria dan bobot")
    editor = page.editor
    assert editor.table.rowCount() == 10 and editor.sum_label.text().startswith("Jumlah bobot: 1")

    # Weights by AHP ("income is 3× as important as occupants"), typed into the dialog.
    errors: list[BaseException] = []

    def fill_ahp() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, AhpDialog):  # not shown yet
            QTimer.singleShot(100, fill_ahp)
            return
        try:
            table = dialog.table
            edit_cell(qtbot, table, 0, 1, "3")
            assert table.item(1, 0).text() == "1/3"
            click(qtbot, dialog.compute_button)
            assert "Rasio konsistensi" in dialog.result_label.text()
            click(qtbot, dialog.ok_button)
        except BaseException as exc:  # noqa: BLE001 - reported after the dialog closed
            errors.append(exc)
            dialog.reject()

    QTimer.singleShot(100, fill_ahp)
    click(qtbot, editor.ahp_button)
    if errors:
        raise errors[0]
    weights = editor.weights()
    assert weights[0] > weights[2] > 0 and sum(weights) == pytest.approx(1.0, abs=1e-3)
    # A typed weight, then save: a new version becomes the default.
    type_number(qtbot, editor.table.cellWidget(1, criteria_editor.COL_WEIGHT), "0.3")
    click(qtbot, editor.save_button)
    info = criteria_sets.active_set(app, admin, "rtlh")
    assert info.version == 2
    assert sum(c.weight for c in info.criteria) == pytest.approx(1.0, abs=1e-5)
    assert "versi 2" in messages.captured[-1][1]
    assert page.criteria_set.currentData() == info.id

    # Rank (on a worker thread with a progress dialog).
    open_tab(qtbot, page.tabs, "Peringkat")
    click(qtbot, page.rank_button)
    wait_for_list(qtbot, page, lambda i: i.criteria_set_id == info.id)
    model = page.ranked.model
    assert model.total == page.list_info.ranked_count >= 10
    first = model.row_object(0)
    assert first.rank == 1 and first.score >= model.row_object(1).score
    # Click a row: its explanation adds up to its score.
    table = page.ranked.view.table
    click_row(qtbot, table, 2)
    third = model.row_object(2)
    panel = page.ranked.explain_panel
    assert third.number in panel.title.text()
    assert panel.table.rowCount() == len(info.criteria) + 1
    total_cell = panel.table.item(len(info.criteria), 5).text()
    assert total_cell == f"{third.score:.4f}".replace(".", ",")
    # Enter on the row opens the explanation in its own window.
    qtbot.keyClick(table, Qt.Key.Key_Return)
    dialog = page.ranked.dialogs[-1]
    assert dialog.isVisible() and third.number in dialog.panel.title.text()
    dialog.close()
    # The ineligible ones are listed apart with their reason.
    qtbot.keyClicks(page.ranked.show_filter, "Tidak")
    assert page.ranked.model.total == page.list_info.ineligible_count > 0
    reason = page.ranked.model.row_object(0).reason
    assert "bantuan" in reason or "UMK" in reason
    qtbot.keyClicks(page.ranked.show_filter, "Diperingkat")

    # Freeze: the list shown becomes the frozen one; the toolbar does not move.
    bar = page.bar
    positions = {b: b.geometry() for b in (bar.print_button, bar.export_button,
                                           bar.freeze_button, bar.draft_button)}
    assert not bar.draft_button.isEnabled()
    messages.text_answers.append("Daftar Prioritas RTLH TA 2027")
    click(qtbot, bar.freeze_button)
    wait_for_list(qtbot, page, lambda i: i.status == "frozen")
    frozen = page.list_info
    assert frozen.status == "frozen" and frozen.title == "Daftar Prioritas RTLH TA 2027"
    assert frozen.number == 1
    assert {b: b.geometry() for b in positions} == positions
    assert bar.draft_button.isEnabled() and not bar.freeze_button.isEnabled()
    assert "Daftar beku no. 1" in bar.text.text()
    open_tab(qtbot, page.tabs, "Daftar prioritas (beku)")
    assert page.lists_tab.table.rowCount() == 1
    open_tab(qtbot, page.tabs, "Peringkat")
    # Print: the frozen list, not the draft.
    click(qtbot, bar.print_button)
    qtbot.waitUntil(lambda: len(pdf.opened) == 1, timeout=30000)
    text = "\n".join(p.extract_text() for p in PdfReader(str(pdf.opened[-1])).pages)
    assert "Daftar Prioritas RTLH TA 2027" in text and first.number in text
    assert "DRAF" not in text and "daftar no. 1" in text
    # Ctrl+P prints the list shown too.
    activate(qtbot, page)
    page.ranked.view.table.setFocus()
    qtbot.keyClick(page.ranked.view.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(pdf.opened) == 2, timeout=30000)
    click_row(qtbot, page.ranked.view.table, 0)
    click(qtbot, page.ranked.explain_panel.sheet_button)
    qtbot.waitUntil(lambda: len(pdf.opened) == 3, timeout=30000)
    assert "LEMBAR PENILAIAN PRIORITAS" in PdfReader(str(pdf.opened[-1])).pages[0].extract_text()
    pdf.next_save_path = tmp_path / "daftar.xlsx"
    click(qtbot, bar.export_button)
    qtbot.waitUntil(lambda: (tmp_path / "daftar.xlsx").exists(), timeout=30000)
    assert load_workbook(tmp_path / "daftar.xlsx", read_only=True).sheetnames[0] == "Peringkat"

    # The camat approves it in the lists tab; a second list is compared with it.
    camat = auth.login(app, "camat", DEMO_PASSWORD)
    boss = _page(qtbot, app, camat)
    assert not boss.bar.freeze_button.isEnabled() and boss.lists_tab.approve_button.isEnabled()
    open_tab(qtbot, boss.tabs, "Daftar prioritas (beku)")
    click_row(qtbot, boss.lists_tab.table, 0)
    messages.text_answers.append("Disetujui untuk diusulkan ke Dinas PKP.")
    click(qtbot, boss.lists_tab.approve_button)
    assert lists.get_list(app, camat, frozen.id).status == "approved"
    # The page showing that list learns of the approval without being reloaded by hand.
    qtbot.waitUntil(lambda: "Disetujui pimpinan" in bar.text.text(), timeout=20000)
    click(qtbot, bar.draft_button)
    assert page.list_info.status == "draft"
    messages.text_answers.append("Daftar kedua")
    click(qtbot, bar.freeze_button)
    wait_for_list(qtbot, page, lambda i: i.status == "frozen" and i.number == 2)
    open_tab(qtbot, page.tabs, "Daftar prioritas (beku)")
    lists_table = page.lists_tab.table
    assert lists_table.rowCount() == 2
    click_row(qtbot, lists_table, 0)
    click_row(qtbot, lists_table, 1, Qt.KeyboardModifier.ControlModifier)
    click(qtbot, page.lists_tab.compare_button)
    compared = page.lists_tab.compare_dialog
    assert compared.table.rowCount() == frozen.ranked_count + frozen.ineligible_count
    assert {compared.table.item(r, 4).text() for r in range(compared.table.rowCount())} <= {
        "Tetap", "Tetap tidak memenuhi syarat"} | {
        f"Naik {i}" for i in range(1, 50)} | {f"Turun {i}" for i in range(1, 50)}


def test_bad_choice_scores_keep_the_table_and_say_why(qtbot, gui_demo):
    app, admin = gui_demo
    page = _page(qtbot, app, admin)
    open_tab(qtbot, page.tabs, "Kriteria dan bobot")
    editor = page.editor
    table = editor.table
    edit_cell(qtbot, table, 3, criteria_editor.COL_SCORES, "Layak = satu")
    click(qtbot, editor.save_button)
    assert "bukan angka" in messages.captured[-1][1]
    assert table.item(3, criteria_editor.COL_SCORES).text() == "Layak = satu"
    assert len(criteria_sets.list_sets(app, admin, "rtlh")) == 1


def test_rank_with_an_earlier_criteria_set_and_make_it_the_default(qtbot, gui_demo):
    app, admin = gui_demo
    page = _page(qtbot, app, admin)
    first_id = page.criteria_set.currentData()
    open_tab(qtbot, page.tabs, "Kriteria dan bobot")
    type_number(qtbot, page.editor.table.cellWidget(0, criteria_editor.COL_WEIGHT), "0.5")
    click(qtbot, page.editor.save_button)
    second = criteria_sets.active_set(app, admin, "rtlh")
    assert page.criteria_set.count() == 2 and page.criteria_set.currentData() == second.id
    page.criteria_set.setFocus()
    qtbot.keyClick(page.criteria_set, Qt.Key.Key_Down)
    assert page.criteria_set.currentData() == first_id
    click(qtbot, page.rank_button)
    wait_for_list(qtbot, page, lambda i: i.criteria_set_id == first_id)
    open_tab(qtbot, page.tabs, "Kriteria dan bobot")
    page.editor.versions.setFocus()
    qtbot.keyClick(page.editor.versions, Qt.Key.Key_Down)
    assert page.editor.versions.currentData() == first_id
    click(qtbot, page.editor.activate_button)
    assert criteria_sets.active_set(app, admin, "rtlh").id == first_id
    assert page.criteria_set.currentData() == first_id
    assert "bawaan" in page.criteria_set.currentText()


def test_the_umk_shown_in_the_rules_is_the_setting_until_a_set_has_its_own(qtbot, gui_demo):
    app, admin = gui_demo
    page = _page(qtbot, app, admin)
    open_tab(qtbot, page.tabs, "Kriteria dan bobot")
    assert page.editor.umk.value() == 3_600_000
    type_number(qtbot, page.editor.umk, "3250000")
    click(qtbot, page.editor.save_button)
    info = criteria_sets.active_set(app, admin, "rtlh")
    rule = next(r for r in info.rules if r["rule"] == "income_above_umk")
    assert rule["param"] == 3_250_000
    assert "Rp3.250.000" in " ".join(info.rule_texts)
