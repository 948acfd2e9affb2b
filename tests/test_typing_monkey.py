"""The typing robot: on the demo database, for each role, every page and every dialog the monkey
reaches has its inputs filled with hostile values (600 characters of mixed scripts, quotes, SQL,
a formula, emoji, right-to-left text, a NUL; 20,000 characters on many lines; spin boxes and
dates at their limits; unknown text in editable drop-downs; table cells) before its save/OK-like
buttons are pressed. No unexpected error, no hang, no English message, and the audit chain
still verifies afterwards."""

from __future__ import annotations

import pytest

from desktop_app.core.gui import messages
from desktop_app.core.services import audit
from tests.monkey import ROLES, TypingMonkey, walk_every_page
from tests.test_monkey import no_popups  # noqa: F401 - the fixture, used by name


@pytest.mark.slow
@pytest.mark.usefixtures("no_popups")
@pytest.mark.parametrize("username", ROLES)
def test_typing_robot_on_every_page(qtbot, demo_app, username):
    app, _admin = demo_app
    monkey = TypingMonkey(qtbot)
    titles = walk_every_page(qtbot, app, username, monkey)
    print(f"{username}: {len(monkey.pressed)} buttons pressed, {len(monkey.dialogs)} dialogs, "
          f"filled {monkey.filled}")

    assert not monkey.problems, "\n".join(monkey.problems)
    assert not monkey.english(messages.captured), "\n".join(monkey.english(messages.captured))
    assert audit.check_chain(app).ok
    assert len(monkey.pressed) > 3 * len(titles)
    assert {"QLineEdit", "QDateEdit", "QPlainTextEdit"} <= set(monkey.filled), monkey.filled

