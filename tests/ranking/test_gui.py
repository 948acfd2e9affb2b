"""Through the Peringkat Prioritas screen: edit weights (typed and by AHP), rank, open a row's
explanation, freeze, print and export the list, approve it as pimpinan and compare lists."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtWidgets import QDialog

from desktop_app.app.demo import DEMO_PASSWORD
from desktop_app.core.gui import messages, pdf
from desktop_app.core.services import auth
from desktop_app.ranking.gui import criteria_editor
from desktop_app.ranking.gui.page import RankingPage
from desktop_app.ranking.services import ranking


@pytest.fixture
def gui_demo(demo_app):
    messages.captured, pdf.opened = [], []
    messages.text_answers.clear()
    yield demo_app
    messages.captured, pdf.opened = None, None
    messages.text_answers.clear()


def _wait_job(qtbot, page):
    qtbot.waitUntil(lambda: page.job is not None and not page.job.is_running(), timeout=20000)


def test_weights_rank_explain_freeze_print_approve(qtbot, gui_demo, monkeypatch, tmp_path):
    app, admin = gui_demo
    page = RankingPage(app, admin)
    qtbot.addWidget(page)
    assert page.current_category() == "rtlh"
    editor = page.editor
    assert editor.table.rowCount() == 10 and editor.sum_label.text().startswith("Jumlah bobot: 1")

    # Weights by AHP for the first two criteria ("income is 3× as important as occupants").
    def fill_ahp(dialog):
        n = len(dialog.names)
        for i in range(n):
            for j in range(i + 1, n):
                dialog.set_judgement(i, j, "3" if (i, j) == (0, 1) else "1")
        assert dialog.compute()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(criteria_editor.AhpDialog, "exec", fill_ahp)
    editor.open_ahp()
    weights = editor.weights()
    assert weights[0] > weights[2] > 0 and sum(weights) == pytest.approx(1.0, abs=1e-3)
    # A typed weight, then save: a new version becomes the default.
    editor.table.cellWidget(1, criteria_editor.COL_WEIGHT).setValue(0.3)
    info = editor.save()
    assert info is not None and info.version == 2
    assert sum(c.weight for c in info.criteria) == pytest.approx(1.0, abs=1e-5)
    assert "versi 2" in messages.captured[-1][1]

    # Rank (on a worker thread with a progress dialog).
    page.run_ranking()
    _wait_job(qtbot, page)
    assert page.list_info is not None and page.list_info.criteria_set_id == info.id
    model = page.model
    assert model.total == page.list_info.ranked_count >= 10
    first = model.row_object(0)
    assert first.rank == 1 and first.score >= model.row_object(1).score
    # Select a row: its explanation adds up to its score.
    page.view.table.selectRow(2)
    third = model.row_object(2)
    assert third.number in page.explain_title.text()
    assert page.explain_table.rowCount() == len(info.criteria) + 1
    total_cell = page.explain_table.item(len(info.criteria), 5).text()
    assert total_cell == f"{third.score:.4f}".replace(".", ",")
    # The ineligible ones are listed apart with their reason.
    page.show_filter.setCurrentIndex(page.show_filter.findText("Tidak memenuhi syarat"))
    assert model.total == page.list_info.ineligible_count > 0
    assert "bantuan" in model.row_object(0).reason or "UMK" in model.row_object(0).reason
    page.show_filter.setCurrentIndex(0)

    # Freeze, then print the list and the score sheet.
    messages.text_answers.append("Daftar Prioritas RTLH TA 2027")
    page.freeze()
    _wait_job(qtbot, page)
    frozen = page.list_info
    assert frozen.status == "frozen" and frozen.title == "Daftar Prioritas RTLH TA 2027"
    assert page.lists_table.rowCount() == 1
    page.print_list()
    _wait_job(qtbot, page)
    text = "\n".join(p.extract_text() for p in PdfReader(str(pdf.opened[-1])).pages)
    assert "Daftar Prioritas RTLH TA 2027" in text and first.number in text
    page.view.table.selectRow(0)
    page.print_score_sheet()
    assert "LEMBAR PENILAIAN PRIORITAS" in PdfReader(str(pdf.opened[-1])).pages[0].extract_text()
    pdf.next_save_path = tmp_path / "daftar.xlsx"
    page.export_list()
    _wait_job(qtbot, page)
    assert load_workbook(tmp_path / "daftar.xlsx", read_only=True).sheetnames[0] == "Peringkat"

    # The camat approves it in the lists tab; a second list is compared with it.
    camat = auth.login(app, "camat", DEMO_PASSWORD)
    boss = RankingPage(app, camat)
    qtbot.addWidget(boss)
    assert not boss.freeze_button.isEnabled() and boss.approve_button.isEnabled()
    boss.lists_table.selectRow(0)
    messages.text_answers.append("Disetujui untuk diusulkan ke Dinas PKP.")
    boss.approve()
    assert ranking.get_list(app, camat, frozen.id).status == "approved"
    page.show_draft()
    messages.text_answers.append("Daftar kedua")
    page.freeze()
    _wait_job(qtbot, page)
    page.load_lists()
    page.lists_table.selectAll()
    page.compare()
    assert page.compare_dialog.table.rowCount() == frozen.ranked_count + frozen.ineligible_count
    assert {page.compare_dialog.table.item(r, 4).text()
            for r in range(page.compare_dialog.table.rowCount())} <= {
        "Tetap", "Tetap tidak memenuhi syarat"} | {
        f"Naik {i}" for i in range(1, 50)} | {f"Turun {i}" for i in range(1, 50)}


def test_bad_choice_scores_keep_the_table_and_say_why(qtbot, gui_demo):
    app, admin = gui_demo
    page = RankingPage(app, admin)
    qtbot.addWidget(page)
    editor = page.editor
    editor.table.item(3, criteria_editor.COL_SCORES).setText("Layak = satu")
    assert editor.save() is None
    assert "bukan angka" in messages.captured[-1][1]
    assert editor.table.item(3, criteria_editor.COL_SCORES).text() == "Layak = satu"
    assert len(ranking.list_sets(app, admin, "rtlh")) == 1


def test_rank_with_an_earlier_criteria_set_and_make_it_the_default(qtbot, gui_demo):
    app, admin = gui_demo
    page = RankingPage(app, admin)
    qtbot.addWidget(page)
    first_id = page.criteria_set.currentData()
    page.editor.table.cellWidget(0, criteria_editor.COL_WEIGHT).setValue(0.5)
    second = page.editor.save()
    assert page.criteria_set.count() == 2 and page.criteria_set.currentData() == second.id
    page.criteria_set.setCurrentIndex(page.criteria_set.findData(first_id))
    page.run_ranking()
    _wait_job(qtbot, page)
    assert page.list_info.criteria_set_id == first_id
    page.editor.versions.setCurrentIndex(page.editor.versions.findData(first_id))
    page.editor.activate()
    assert ranking.active_set(app, admin, "rtlh").id == first_id
    assert page.criteria_set.currentData() == first_id
    assert "bawaan" in page.criteria_set.currentText()


def test_the_umk_shown_in_the_rules_is_the_setting_until_a_set_has_its_own(qtbot, gui_demo):
    app, admin = gui_demo
    page = RankingPage(app, admin)
    qtbot.addWidget(page)
    assert page.editor.umk.value() == 3_600_000
    page.editor.umk.setValue(3_250_000)
    info = page.editor.save()
    rule = next(r for r in info.rules if r["rule"] == "income_above_umk")
    assert rule["param"] == 3_250_000
    assert "Rp3.250.000" in " ".join(info.rule_texts)
