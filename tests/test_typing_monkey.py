"""The typing robot: on the demo database, for each role, every page and every dialog the monkey
reaches has its inputs filled with hostile values (600 characters of mixed scripts, quotes, SQL,
a formula, emoji, right-to-left text, a NUL; 20,000 characters on many lines; spin boxes and
dates at their limits; unknown text in editable drop-downs; table cells) before its save/OK-like
buttons are pressed. No unexpected error, no hang, no English message, and the audit chain
still verifies afterwards."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QTreeWidget

from desktop_app.app.demo import DEMO_PASSWORD
from desktop_app.core.gui import messages, pdf
from desktop_app.core.services import audit, auth
from tests.gui_driver import click_nav, wait_idle
from tests.monkey import TypingMonkey

ROLES = ["admin", "operator", "verifikator", "camat"]


@pytest.fixture
def no_popups():
    messages.captured, pdf.opened = [], []
    yield
    messages.captured, pdf.opened = None, None


@pytest.mark.slow
@pytest.mark.parametrize("username", ROLES)
def test_typing_robot_on_every_page(qtbot, demo_app, no_popups, username):
    from desktop_app.app.main_window import MainWindow

    app, _admin = demo_app
    actor = auth.login(app, username, DEMO_PASSWORD)
    window = MainWindow(app, actor, "KECAMATAN PARINGIN SELATAN")
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    nav = window.findChild(QTreeWidget)
    titles = [nav.topLevelItem(i).child(j).text(0)
              for i in range(nav.topLevelItemCount())
              for j in range(nav.topLevelItem(i).childCount())]
    monkey = TypingMonkey(qtbot)
    for title in titles:
        click_nav(qtbot, nav, title)
        wait_idle(qtbot)
        monkey.explore(window.centralWidget(), title)
    print(f"{username}: {len(monkey.pressed)} buttons pressed, {len(monkey.dialogs)} dialogs, "
          f"filled {monkey.filled}")

    assert not monkey.problems, "\n".join(monkey.problems)
    assert not monkey.english(messages.captured), "\n".join(monkey.english(messages.captured))
    assert audit.check_chain(app).ok
    assert len(monkey.pressed) > 3 * len(titles)
    assert {"QLineEdit", "QDateEdit", "QPlainTextEdit"} <= set(monkey.filled), monkey.filled

