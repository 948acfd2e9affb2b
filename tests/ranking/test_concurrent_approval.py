"""Two desks on one frozen priority list: approving it from a screen that still shows the old
version (another pimpinan approved it meanwhile) is refused with who did what and when, on the
lists tab's banner; «Muat ulang» shows the list as stored. SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from desktop_app.core.domain.errors import RecordChangedError
from desktop_app.core.domain.roles import Role
from desktop_app.core.gui import messages
from desktop_app.ranking.gui.lists_tab import FrozenListsTab
from desktop_app.ranking.services import lists
from tests.conftest import make_user
from tests.gui_driver import button, click, click_row
from tests.ranking.test_services import three_houses  # noqa: F401 - fixture


@pytest.fixture
def frozen(app_ctx, verifier, three_houses):  # noqa: F811 - the fixture above
    draft = lists.run_ranking(app_ctx, verifier, "rtlh")
    return lists.freeze(app_ctx, verifier, draft.id, "Daftar Prioritas RTLH 2027")


def test_an_approval_from_an_old_screen_is_refused(app_ctx, second_desk, pimpinan, frozen):
    wakil = make_user(app_ctx, "wakil", Role.PIMPINAN, "Sekcam Wahyudi")
    shown = lists.get_list(app_ctx, pimpinan, frozen.id)  # desk A shows the list
    lists.approve(second_desk, wakil, frozen.id, "Disetujui sekcam.",
                  version=lists.get_list(second_desk, wakil, frozen.id).version)
    with pytest.raises(RecordChangedError) as refused:
        lists.approve(app_ctx, pimpinan, frozen.id, "Disetujui camat.", version=shown.version)
    exc = refused.value
    assert set(exc.fields) == {"Status", "Catatan persetujuan"}
    assert exc.changed_by == "Sekcam Wahyudi (wakil)" and "Muat ulang" in exc.message
    stored = lists.get_list(app_ctx, pimpinan, frozen.id)
    assert (stored.approved_by_name, stored.approval_note) == ("Sekcam Wahyudi",
                                                               "Disetujui sekcam.")


def test_the_lists_tab_shows_the_conflict_and_reloads(qtbot, app_ctx, second_desk, pimpinan,
                                                       frozen):
    wakil = make_user(app_ctx, "wakil", Role.PIMPINAN, "Sekcam Wahyudi")
    messages.captured = []
    messages.text_answers[:] = ["Disetujui camat."]
    try:
        tab = FrozenListsTab(app_ctx, pimpinan)
        qtbot.addWidget(tab)
        tab.show()
        tab.set_category("rtlh")
        qtbot.waitUntil(lambda: tab.table.rowCount() == 1)
        lists.approve(second_desk, wakil, frozen.id, "Disetujui sekcam.",
                      version=lists.get_list(second_desk, wakil, frozen.id).version)
        click_row(qtbot, tab.table, 0)
        click(qtbot, button(tab, "Setujui"))
        shown = " ".join(lab.text() for lab in tab.findChildren(QLabel) if lab.isVisible())
        assert "sudah diubah di meja lain" in shown and "Sekcam Wahyudi (wakil)" in shown
        assert [title for title, _text in messages.captured] == ["Setujui daftar prioritas"]
        assert lists.get_list(app_ctx, pimpinan, frozen.id).approval_note == "Disetujui sekcam."

        click(qtbot, button(tab, "Muat ulang"))
        status = tab.table.item(0, 6).text()
        assert "Sekcam Wahyudi" in status
        assert "sudah diubah di meja lain" not in " ".join(
            lab.text() for lab in tab.findChildren(QLabel) if lab.isVisible())
    finally:
        messages.captured = None
        messages.text_answers.clear()
