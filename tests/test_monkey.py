"""The monkey test: on the demo database, for each role, every page of the navigation, every
visible enabled button and every dialog it opens (each tab, each button) is pressed; no
unexpected error box (the autouse fixture fails the test), no dialog left hanging."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QTreeWidget

from desktop_app.app.demo import DEMO_PASSWORD
from desktop_app.core.gui import messages, pdf
from desktop_app.core.services import auth
from tests.gui_driver import click_nav, wait_idle
from tests.monkey import Monkey

ROLES = ["admin", "operator", "verifikator", "camat"]


def known_bug(path: str) -> bool:
    """Buttons with a bug another engineer is fixing now (remove the line when it landed)."""
    return False


@pytest.fixture
def no_popups():
    messages.captured, pdf.opened = [], []
    yield
    messages.captured, pdf.opened = None, None


@pytest.mark.slow
@pytest.mark.parametrize("username", ROLES)
def test_every_button_of_every_page(qtbot, demo_app, no_popups, username):
    from desktop_app.app.main_window import MainWindow

    app, _admin = demo_app
    actor = auth.login(app, username, DEMO_PASSWORD)
    window = MainWindow(app, actor, "KECAMATAN PARINGIN SELATAN")
    qtbot.addWidget(window)
    window.show()
    nav = window.findChild(QTreeWidget)
    titles = [nav.topLevelItem(i).child(j).text(0)
              for i in range(nav.topLevelItemCount())
              for j in range(nav.topLevelItem(i).childCount())]
    monkey = Monkey(qtbot, skip=known_bug)
    for title in titles:
        click_nav(qtbot, nav, title)
        wait_idle(qtbot)
        monkey.explore(window.centralWidget(), title)
    print(f"{username}: {len(monkey.pressed)} buttons pressed, {len(monkey.dialogs)} dialogs")

    assert not monkey.problems, "\n".join(monkey.problems)
    assert len(monkey.pressed) > 3 * len(titles)
