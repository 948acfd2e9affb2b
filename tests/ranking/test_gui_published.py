"""Published worked examples entered on the Peringkat Prioritas screen by pressing its real
widgets: the weights typed as percentages (Kusumadewi et al. 2006, SAW) and read back from
the ranking shown; Saaty's house example typed into the AHP dialog (Saaty 1990)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from desktop_app.core.gui import messages, pdf
from desktop_app.ranking.domain.methods import Criterion
from desktop_app.ranking.gui import criteria_editor
from desktop_app.ranking.gui.ahp_dialog import AhpDialog
from desktop_app.ranking.services import criteria_sets
from tests.ranking.test_gui import (
    UNEXPECTED,
    _page,
    click,
    click_row,
    edit_cell,
    open_tab,
    type_number,
    wait_for_list,
)
from tests.ranking.test_published_examples import (  # noqa: F401 - fixtures
    HOUSE,
    B,
    C,
    fighter_aircraft,
    xyz_investment,
)


@pytest.fixture
def gui(app_ctx, admin):
    messages.captured, pdf.opened = [], []
    yield app_ctx, admin
    unexpected = [text for title, text in messages.captured if title == UNEXPECTED]
    messages.captured, pdf.opened = None, None
    assert not unexpected, unexpected


def _choose(qtbot, combo, label: str) -> None:
    index = combo.findText(label)
    assert index >= 0
    combo.setFocus()
    while combo.currentIndex() != index:
        qtbot.keyClick(combo, Qt.Key.Key_Down if combo.currentIndex() < index else Qt.Key.Key_Up)


def _choose_category(qtbot, page, label: str) -> None:
    _choose(qtbot, page.category, label)
    assert page.current_category() == "drainase"


def test_kusumadewi_saw_weights_typed_as_percentages(qtbot, gui, xyz_investment):  # noqa: F811
    """Kusumadewi et al. (2006), the SAW example of company XYZ (see
    test_published_examples.xyz_investment): weights 25 %, 15 %, 30 %, 25 %, 5 % typed on the
    screen; printed V3 = 0,7950 > V4 = 0,7655 > V1 = 0,6362 > V2 = 0,5417."""
    app, admin = gui
    a1, a2, a3, a4 = xyz_investment
    page = _page(qtbot, app, admin)
    _choose_category(qtbot, page, "Drainase")
    open_tab(qtbot, page.tabs, "Kriteria dan bobot")
    editor = page.editor
    assert editor.table.rowCount() == 5
    for row in range(5):  # start from equal weights, as an office would before deciding
        type_number(qtbot, editor.table.cellWidget(row, criteria_editor.COL_WEIGHT), "1")
    for row, percent in enumerate(("25", "15", "30", "25", "5")):
        type_number(qtbot, editor.table.cellWidget(row, criteria_editor.COL_WEIGHT), percent)
    assert editor.sum_label.text() == ("Jumlah bobot: 100 — saat disimpan setiap bobot dibagi "
                                       "100 sehingga jumlahnya 1")
    click(qtbot, editor.save_button)
    saved = criteria_sets.active_set(app, admin, "drainase")
    assert [c.weight for c in saved.criteria] == [0.25, 0.15, 0.3, 0.25, 0.05]

    open_tab(qtbot, page.tabs, "Peringkat")
    click(qtbot, page.rank_button)
    wait_for_list(qtbot, page, lambda i: i.criteria_set_id == saved.id)
    table = page.ranked.view.table
    model = table.model()
    score_col = next(c for c in range(model.columnCount())
                     if model.headerData(c, Qt.Orientation.Horizontal) == "Skor")
    shown = [(page.ranked.model.row_object(r).submission_id,
              model.index(r, score_col).data()) for r in range(model.rowCount())]
    assert shown == [(a3, "0,7950"), (a4, "0,7655"), (a1, "0,6362"), (a2, "0,5417")]


def test_saaty_house_typed_into_the_ahp_dialog(qtbot, gui):
    """Saaty (1990), EJOR 48, the house example: eight criteria judged pairwise; printed
    priorities .173 .054 .188 .018 .031 .036 .167 .333, λmax 9.669, C.I. 0.238, C.R. 0.169."""
    app, admin = gui
    names = ["Luas", "Transportasi", "Lingkungan", "Umur", "Halaman", "Fasilitas modern",
             "Kondisi umum", "Pembiayaan"]
    sources = ["flood_depth_cm", "flood_duration_hours", "households_affected", "length_m",
               "estimated_cost", "cost_per_household_affected", "flood_depth_cm",
               "length_m"]
    criteria_sets.save_criteria_set(app, admin, "drainase", "Rumah Saaty", [
        Criterion(f"k{i}", name, B, 1, source) for i, (name, source)
        in enumerate(zip(names, sources, strict=True))], [])
    page = _page(qtbot, app, admin)
    _choose_category(qtbot, page, "Drainase")
    open_tab(qtbot, page.tabs, "Kriteria dan bobot")
    editor = page.editor
    assert editor.table.rowCount() == 8
    matrix = [line.split() for line in HOUSE.splitlines()]
    errors: list[BaseException] = []
    shown: list[str] = []

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, AhpDialog):
            QTimer.singleShot(100, fill)
            return
        try:
            for i in range(8):
                for j in range(i + 1, 8):
                    edit_cell(qtbot, dialog.table, i, j, matrix[i][j])
            assert dialog.table.item(7, 0).text() == "4"  # the reciprocal of 1/4
            click(qtbot, dialog.compute_button)
            shown.append(dialog.result_label.text())
            click(qtbot, dialog.ok_button)
        except BaseException as exc:  # noqa: BLE001 - reported after the dialog closed
            errors.append(exc)
            dialog.reject()

    QTimer.singleShot(100, fill)
    click(qtbot, editor.ahp_button)
    if errors:
        raise errors[0]
    text = shown[0]
    assert ("K1 0,173, K2 0,054, K3 0,188, K4 0,018, K5 0,031, K6 0,036, K7 0,167, "
            "K8 0,333") in text
    assert "λmaks = 9,669" in text and "= 0,238" in text and "RI (n = 8) = 1,41" in text
    assert "CR = CI ÷ RI = 0,169" in text and "melebihi 0,1" in text
    assert [round(w, 3) for w in editor.weights()] == [.173, .054, .188, .018, .031, .036,
                                                       .167, .333]


def test_hwang_yoon_topsis_on_screen_with_the_distances(qtbot, gui, fighter_aircraft):  # noqa: F811
    """Hwang & Yoon (1981), fighter aircraft (see test_published_examples): ranked with TOPSIS
    on the screen; the first row's explanation gives S* and S⁻ (printed 0.0545 and 0.0983,
    from tables rounded to four decimals; 0,0546 and 0,0984 unrounded) and C* 0,643."""
    app, admin = gui
    a1, a2, a3, a4 = fighter_aircraft
    page = _page(qtbot, app, admin)
    _choose_category(qtbot, page, "Drainase")
    _choose(qtbot, page.method, "TOPSIS")
    click(qtbot, page.rank_button)
    wait_for_list(qtbot, page, lambda i: i.method == "topsis")
    model = page.ranked.model
    assert [model.row_object(r).submission_id for r in range(4)] == [a1, a3, a4, a2]
    click_row(qtbot, page.ranked.view.table, 0)
    panel = page.ranked.explain_panel
    assert "skor 0,6433" in panel.title.text()
    assert "D⁺ = 0,0546; D⁻ = 0,0984; skor = D⁻ ÷ (D⁺ + D⁻)" in panel.note.text()
