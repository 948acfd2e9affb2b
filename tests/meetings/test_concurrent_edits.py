"""Two desks on one meeting's agenda and agreements (edited as whole lists): the later save
from an old version of the meeting is refused with who changed what and when, nothing is
lost; in the editor the banner shows it, the typed list stays until «Muat ulang». The meeting
kinds and problem topics (reference lists) are versioned the same way. SQLite and PostgreSQL
(make test runs the suite on both)."""

from __future__ import annotations

from datetime import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop_app.core.domain import clock
from desktop_app.core.domain.errors import RecordChangedError
from desktop_app.core.domain.roles import Role
from desktop_app.core.gui import messages
from desktop_app.meetings.gui.editor import MeetingEditorDialog
from desktop_app.meetings.gui.lists_page import MeetingListsPage
from desktop_app.meetings.services import minutes, reading, reference
from desktop_app.meetings.services.dto import AgendaInput, MeetingInput
from tests.conftest import make_user
from tests.gui_driver import button, click, click_tab

INAN = "63.11.07.2003"


def _meeting(app, actor) -> int:
    return minutes.create_meeting(app, actor, MeetingInput(
        kind="rakor", title="Rapat koordinasi Inan", held_on=clock.today(),
        start_time=time(9, 0), end_time=time(12, 0), desa_codes=[INAN]))


def test_a_stale_agenda_save_is_refused_and_says_who_changed_what(app_ctx, second_desk,
                                                                    admin):
    budi = make_user(app_ctx, "budi", Role.ADMIN, "Budi Santoso")
    mid = _meeting(app_ctx, admin)
    mine = reading.get_meeting(app_ctx, admin, mid)  # desk A opens the editor
    theirs = reading.get_meeting(second_desk, budi, mid)  # desk B opens the same meeting
    minutes.save_agenda(second_desk, budi, mid, [AgendaInput("Pembukaan (meja B)")],
                        version=theirs.version)

    with pytest.raises(RecordChangedError) as refused:
        minutes.save_agenda(app_ctx, admin, mid, [AgendaInput("Pembukaan (meja A)")],
                            version=mine.version)
    exc = refused.value
    assert exc.fields == ("Agenda",)
    assert exc.changed_by == "Budi Santoso (budi)" and "23 November 2026" in exc.changed_at
    assert "Muat ulang" in exc.message
    stored = reading.get_meeting(app_ctx, admin, mid)
    assert [a.title for a in stored.agenda] == ["Pembukaan (meja B)"]  # B's list survived

    # The agreements saved from the same old version are refused too (B changed the agenda).
    with pytest.raises(RecordChangedError) as again:
        minutes.save_agreements(app_ctx, admin, mid, ["Kesepakatan meja A"],
                                version=mine.version)
    assert again.value.fields == ("Agenda",)
    assert reading.get_meeting(app_ctx, admin, mid).agreements == []

    # Reloaded, both saves go through over the latest version.
    minutes.save_agenda(app_ctx, admin, mid, [AgendaInput("Pembukaan (meja B)"),
                                              AgendaInput("Paparan (meja A)")],
                        version=stored.version)
    fresh = reading.get_meeting(app_ctx, admin, mid)
    minutes.save_agreements(app_ctx, admin, mid, ["Kesepakatan meja A"], version=fresh.version)
    final = reading.get_meeting(second_desk, budi, mid)
    assert [a.title for a in final.agenda] == ["Pembukaan (meja B)", "Paparan (meja A)"]
    assert [a.text for a in final.agreements] == ["Kesepakatan meja A"]


def test_agreements_changed_elsewhere_refuse_an_old_agenda(app_ctx, second_desk, admin):
    mid = _meeting(app_ctx, admin)
    mine = reading.get_meeting(app_ctx, admin, mid)
    minutes.save_agreements(second_desk, admin, mid, ["Jalan Inan diperbaiki"],
                            version=mine.version)
    with pytest.raises(RecordChangedError) as refused:
        minutes.save_agenda(app_ctx, admin, mid, [AgendaInput("Pembukaan")],
                            version=mine.version)
    assert refused.value.fields == ("Kesepakatan",)
    assert reading.get_meeting(app_ctx, admin, mid).agenda == []


def _shown(widget) -> str:
    return " ".join(label.text() for label in widget.findChildren(QLabel) if label.isVisible())


@pytest.mark.parametrize("tab", ["Agenda", "Kesepakatan"])
def test_the_editor_shows_the_conflict_keeps_the_list_and_reloads(qtbot, app_ctx, second_desk,
                                                                   admin, tab):
    budi = make_user(app_ctx, "budi", Role.ADMIN, "Budi Santoso")
    mid = _meeting(app_ctx, admin)
    messages.captured = []
    try:
        editor = MeetingEditorDialog(app_ctx, admin, mid)
        qtbot.addWidget(editor)
        editor.show()
        # Meanwhile desk B saves the agenda of the same meeting.
        theirs = reading.get_meeting(second_desk, budi, mid)
        minutes.save_agenda(second_desk, budi, mid, [AgendaInput("Acara dari meja B")],
                            version=theirs.version)

        click_tab(qtbot, editor.tabs, tab)
        part = editor.agenda if tab == "Agenda" else editor.agreements
        click(qtbot, button(part, "Tambah"))
        typed = part.title if tab == "Agenda" else part.body
        qtbot.keyClicks(typed, "Diketik di meja A")
        click(qtbot, button(part, "Simpan"))

        assert messages.captured == [] and editor.isVisible()
        shown = _shown(editor)
        assert "sudah diubah di meja lain" in shown and "Budi Santoso (budi)" in shown
        assert "Yang diubah: Agenda." in shown
        assert part.list.count() == 1 and "Diketik di meja A" in part.list.item(0).text()
        stored = reading.get_meeting(app_ctx, admin, mid)
        assert [a.title for a in stored.agenda] == ["Acara dari meja B"]
        assert stored.agreements == []

        click(qtbot, button(editor, "Muat ulang"))
        assert "sudah diubah di meja lain" not in _shown(editor)
        if tab == "Agenda":
            assert [part.list.item(i).text() for i in range(part.list.count())] == [
                "1. Acara dari meja B"]
        else:
            assert part.list.count() == 0
        click(qtbot, button(part, "Tambah"))
        qtbot.keyClicks(typed, "Diketik di meja A")  # re-applied over the latest version
        click(qtbot, button(part, "Simpan"))
        assert messages.captured == [] and "meja lain" not in _shown(editor)
    finally:
        messages.captured = None
    final = reading.get_meeting(second_desk, budi, mid)
    if tab == "Agenda":
        assert [a.title for a in final.agenda] == ["Acara dari meja B", "Diketik di meja A"]
    else:
        assert [a.title for a in final.agenda] == ["Acara dari meja B"]
        assert [a.text for a in final.agreements] == ["Diketik di meja A"]


def test_a_meeting_kind_changed_elsewhere_is_not_overwritten(app_ctx, second_desk, admin):
    budi = make_user(app_ctx, "budi", Role.ADMIN, "Budi Santoso")
    mine = next(k for k in reference.list_kinds(app_ctx) if k.code == "rakor")
    theirs = next(k for k in reference.list_kinds(second_desk) if k.code == "rakor")
    reference.save_kind(second_desk, budi, "rakor", "Rapat koordinasi tingkat kecamatan", True,
                        version=theirs.version)
    with pytest.raises(RecordChangedError) as refused:
        reference.save_kind(app_ctx, admin, "rakor", mine.label, False, version=mine.version)
    assert refused.value.fields == ("Nama",) and "Budi Santoso" in refused.value.changed_by
    stored = next(k for k in reference.list_kinds(app_ctx) if k.code == "rakor")
    assert (stored.label, stored.active) == ("Rapat koordinasi tingkat kecamatan", True)


def test_the_lists_page_shows_the_conflict_keeps_the_name_and_reloads(qtbot, app_ctx,
                                                                      second_desk, admin):
    messages.captured = []
    try:
        page = MeetingListsPage(app_ctx, admin)
        qtbot.addWidget(page)
        page.show()
        topics = page.topics
        row = next(i for i in range(topics.list.count())
                   if topics.list.item(i).text() == "Kesiapsiagaan bencana")
        theirs = next(t for t in reference.list_topics(second_desk, include_inactive=True)
                      if t.label == "Kesiapsiagaan bencana")
        reference.save_topic(second_desk, admin, theirs.code, "Bencana banjir dan kebakaran",
                             version=theirs.version)
        item = topics.list.item(row)
        qtbot.mouseClick(topics.list.viewport(), Qt.MouseButton.LeftButton,
                         pos=topics.list.visualItemRect(item).center())
        topics.label.selectAll()
        qtbot.keyClicks(topics.label, "Siaga bencana desa")
        click(qtbot, button(topics, "Simpan perubahan"))
        assert messages.captured == []
        assert "sudah diubah di meja lain" in _shown(topics)
        assert topics.label.text() == "Siaga bencana desa"  # kept until «Muat ulang»
        click(qtbot, button(topics, "Muat ulang"))
        assert topics.label.text() == "Bencana banjir dan kebakaran"
        topics.label.selectAll()
        qtbot.keyClicks(topics.label, "Siaga bencana desa")
        click(qtbot, button(topics, "Simpan perubahan"))
        assert messages.captured == []
    finally:
        messages.captured = None
    labels = [t.label for t in reference.list_topics(second_desk, include_inactive=True)]
    assert "Siaga bencana desa" in labels and "Bencana banjir dan kebakaran" not in labels
