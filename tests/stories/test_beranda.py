"""The Beranda, the first page after login, pressed as each role uses it: the verifier finds an
overdue record and opens it with a double-click; the pimpinan reads the office counts, finds a
frozen priority list waiting and approves it from there; an operator sees the record sent back
to her. Only the mouse and the keyboard, no private attributes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QTableWidget, QTreeWidget, QTreeWidgetItem

from desktop_app.app.demo import DEMO_PASSWORD
from desktop_app.core.domain import clock
from desktop_app.core.domain.work import WorkGroup, due_group, week_end
from desktop_app.core.gui import messages, pdf
from desktop_app.core.services import auth
from desktop_app.intake.domain.submissions import Status
from desktop_app.intake.services import listing, records, workflow
from desktop_app.ranking.services import lists
from tests.gui_driver import answer, button, click, click_nav, wait_idle
from tests.intake.factories import aduan_input


@pytest.fixture
def login(qtbot, demo_app):
    from desktop_app.app.main_window import MainWindow

    messages.captured, pdf.opened = [], []
    messages.confirm_answers.clear()
    messages.text_answers.clear()
    app, _admin = demo_app

    def open_as(username):
        actor = auth.login(app, username, DEMO_PASSWORD)
        window = MainWindow(app, actor, "KECAMATAN PARINGIN SELATAN")
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window, actor

    yield app, open_as
    messages.captured, pdf.opened = None, None
    messages.confirm_answers.clear()
    messages.text_answers.clear()


def _work_tree(window) -> QTreeWidget:
    nav = window.findChild(QTreeWidget)
    assert nav.currentItem().text(0) == "Pekerjaan Hari Ini"  # the first page after login
    trees = [t for t in window.findChildren(QTreeWidget) if t is not nav and t.isVisible()]
    assert len(trees) == 1
    return trees[0]


def _rows(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    return [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]


def _double_click(qtbot, tree: QTreeWidget, item: QTreeWidgetItem) -> None:
    tree.scrollToItem(item)
    pos = tree.visualItemRect(item).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_week_end_and_groups():
    from datetime import date

    monday, friday = date(2026, 11, 23), date(2026, 11, 27)
    assert week_end(monday) == date(2026, 11, 29)
    assert week_end(friday) == date(2026, 12, 6)  # on Friday next week's days show too
    assert due_group(date(2026, 11, 22), monday) is WorkGroup.OVERDUE
    assert due_group(date(2026, 11, 29), monday) is WorkGroup.DUE_SOON
    assert due_group(date(2026, 11, 30), monday) is None
    assert due_group(None, monday) is None


def test_verifier_opens_an_overdue_record_from_the_beranda(qtbot, login):
    app, open_as = login
    window, verifier = open_as("verifikator")
    tree = _work_tree(window)
    rows = _rows(tree)
    heads = [r.text(0) for r in rows if r.data(0, Qt.ItemDataRole.UserRole + 2) is None]
    assert any(h.startswith("Terlambat (") for h in heads)
    assert any(h.startswith("Jatuh tempo minggu ini (") for h in heads)
    # The counts are the pimpinan's, not the verifier's.
    assert not any(b.isVisible() for b in window.findChildren(QGroupBox)
                   if b.title() == "Ringkasan kantor")
    overdue = listing.list_rows(app, verifier, listing.SubmissionFilter(
        overdue_only=True, status=Status.DITERIMA.value))
    assert overdue
    oldest = min(overdue, key=lambda r: (r.due_date, r.id))
    item = next(r for r in rows if r.text(2).startswith(oldest.number + " "))
    assert item.text(0) == "Perlu diverifikasi"
    assert item.text(1) and item.text(3) == "KULA RAKAT"
    seen = []

    def detail(dialog):
        seen.append(dialog.windowTitle())
        click(qtbot, button(dialog, "Tutup"))

    with answer(qtbot, detail):
        _double_click(qtbot, tree, item)
    assert seen and seen[0].startswith(oldest.number)

    # Verified elsewhere, the record leaves "Perlu diverifikasi" on the next refresh (F5).
    workflow.verify(app, verifier, oldest.id, "Sesuai di lapangan.")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_F5)
    texts = [(r.text(0), r.text(2)) for r in _rows(tree)]
    assert not any(t == "Perlu diverifikasi" and s.startswith(oldest.number + " ")
                   for t, s in texts)


def test_pimpinan_reads_counts_and_approves_a_frozen_list(qtbot, login):
    app, open_as = login
    verifier = auth.login(app, "verifikator", DEMO_PASSWORD)
    draft = lists.run_ranking(app, verifier, "rtlh")
    frozen = lists.freeze(app, verifier, draft.id, "Prioritas RTLH 2027")
    window, _pimpinan = open_as("camat")
    tree = _work_tree(window)
    box = next(b for b in window.findChildren(QGroupBox) if b.title() == "Ringkasan kantor")
    assert box.isVisible()
    summary = " ".join(lab.text() for lab in box.findChildren(QLabel))
    assert "Daftar menunggu persetujuan" in summary and "Melewati tenggat" in summary
    assert "KULA RAKAT" in summary and "RUKO PARSEL" in summary
    item = next(r for r in _rows(tree)
                if r.text(0) == "Daftar prioritas menunggu persetujuan")
    assert item.text(2) == f"Daftar no. {frozen.number} · Prioritas RTLH 2027"
    _double_click(qtbot, tree, item)
    wait_idle(qtbot)
    # The ranking page opened on the frozen lists with this list selected.
    assert window.findChild(QTreeWidget).currentItem().text(0) == "Peringkat Prioritas"
    table = next(t for t in window.findChildren(QTableWidget) if t.isVisible()
                 and t.horizontalHeaderItem(1) is not None
                 and t.horizontalHeaderItem(1).text() == "Judul")
    selected = table.selectionModel().selectedRows()
    assert [table.item(i.row(), 1).text() for i in selected] == ["Prioritas RTLH 2027"]
    messages.text_answers[:] = ["Disetujui dalam rapat pimpinan."]
    click(qtbot, button(window, "Setujui (pimpinan)"))
    assert lists.get_list(app, verifier, frozen.id).status.value == "approved"
    # Back on the Beranda the list no longer waits.
    click_nav(qtbot, window.findChild(QTreeWidget), "Pekerjaan Hari Ini")
    tree = _work_tree(window)
    assert not any(r.text(0) == "Daftar prioritas menunggu persetujuan" for r in _rows(tree))


def test_operator_sees_the_record_sent_back_to_her(qtbot, login):
    app, open_as = login
    operator = auth.login(app, "operator", DEMO_PASSWORD)
    verifier = auth.login(app, "verifikator", DEMO_PASSWORD)
    saved = records.create_submission(app, operator, aduan_input())
    workflow.change_status(app, verifier, saved.id, Status.DIKEMBALIKAN, "Foto belum ada.")
    mine = listing.list_rows(app, operator, listing.SubmissionFilter(ids=(saved.id,)))
    window, _ = open_as("operator")
    tree = _work_tree(window)
    rows = [(r.text(0), r.text(2)) for r in _rows(tree)]
    assert ("Dikembalikan, perlu dilengkapi", f"{mine[0].number} · {mine[0].subject}") in rows
    # An operator neither verifies nor disposes: none of that work is hers.
    assert not any(t in ("Perlu diverifikasi", "Perlu didisposisi") for t, _s in rows)
    assert clock.today().isoformat() == "2026-11-23"


def test_pimpinan_finalises_notulen_from_the_beranda(qtbot, login):
    from desktop_app.meetings.services import listing as meeting_listing

    app, open_as = login
    window, pimpinan = open_as("camat")
    tree = _work_tree(window)
    waiting = [r for r in _rows(tree) if r.text(0) == "Notulen menunggu finalisasi"]
    assert waiting
    outcome = []

    def finalise(dialog):
        messages.confirm_answers[:] = [True]  # "Finalisasi notulen?" → Ya
        click(qtbot, button(dialog, "Finalisasi"))
        outcome.append(messages.captured[-1])
        click(qtbot, button(dialog, "Tutup"))

    for item in waiting:  # the first one complete enough to be finalised
        title = item.text(2).rsplit(" (rapat ", 1)[0]
        with answer(qtbot, finalise):
            _double_click(qtbot, tree, item)
        if outcome[-1][1] == "Notulen sudah final dan terkunci.":
            break
        tree = _work_tree(window)
    else:
        pytest.fail(f"no demo notulen could be finalised: {outcome}")
    rows = meeting_listing.list_meetings(app, pimpinan, meeting_listing.MeetingFilter(
        text=title))
    assert any(r.title == title and r.minutes_status == "final" for r in rows)
    tree = _work_tree(window)  # refreshed by the change: it waits no more
    assert not any(r.text(0) == "Notulen menunggu finalisasi"
                   and r.text(2).startswith(title + " (rapat ") for r in _rows(tree))


def test_planner_finds_rembuk_remas_work_and_opens_it(qtbot, login):
    """The demo perencana's Beranda is not empty: the kabupaten rembuk's usulan still to be
    screened, the usulan sent back for correction, the realisation steps past the planning
    calendar; each opens where the work is done."""
    from PySide6.QtWidgets import QComboBox, QTableView, QTabWidget

    app, open_as = login
    window, planner = open_as("perencana")
    tree = _work_tree(window)
    rows = _rows(tree)
    mine = [(r.text(0), r.text(2)) for r in rows if r.text(3) == "REMBUK REMAS"]
    whats = {w for w, _t in mine}
    assert {"Usulan menunggu penyaringan", "Usulan dikembalikan untuk perbaikan",
            "Realisasi: belum tercatat masuk RKPD"} <= whats, mine

    # The screening waits: the rembuk page opens on that rembuk, its unscreened usulan only.
    item = next(r for r in rows if r.text(0) == "Usulan menunggu penyaringan")
    assert item.text(2).startswith("Musrenbang Kabupaten Balangan (2027): 9 usulan")
    _double_click(qtbot, tree, item)
    wait_idle(qtbot)
    nav = window.findChild(QTreeWidget)
    assert nav.currentItem().text(0) == "Rembuk & Penyaringan"
    page = window.stack.currentWidget()
    combos = [c.currentText() for c in page.findChildren(QComboBox) if c.isVisible()]
    assert any(t.startswith("Musrenbang Kabupaten Balangan (2027)") for t in combos)
    assert "Belum dibahas" in combos
    table = next(t for t in page.findChildren(QTableView) if t.isVisible()
                 and t.model().rowCount() > 0)
    qtbot.waitUntil(lambda: table.model().rowCount() == 9)

    # An usulan sent back opens in its form.
    click_nav(qtbot, nav, "Pekerjaan Hari Ini")
    tree = _work_tree(window)
    item = next(r for r in _rows(tree) if r.text(0) == "Usulan dikembalikan untuk perbaikan")
    number = item.text(2).split(" · ")[0]
    seen = []

    def form(dialog):
        seen.append(dialog.windowTitle())
        dialog.reject()

    with answer(qtbot, form):
        _double_click(qtbot, tree, item)
    assert seen == [f"Usulan {number}"]

    # Late realisation: the accountability list of that year at that stage.
    tree = _work_tree(window)
    item = next(r for r in _rows(tree) if r.text(0) == "Realisasi: belum tercatat masuk RKPD")
    assert item.text(1) == "30 Juni 2026" and item.text(2).endswith("tahun rencana 2027 "
                                                                    "(Belum ditetapkan)")
    count = int(item.text(2).split()[0])
    _double_click(qtbot, tree, item)
    wait_idle(qtbot)
    assert nav.currentItem().text(0) == "Akuntabilitas"
    page = window.stack.currentWidget()
    tabs = page.findChild(QTabWidget)
    assert tabs.currentIndex() == 0
    combos = [c.currentText() for c in tabs.currentWidget().findChildren(QComboBox)]
    assert "RKPD 2027" in combos and "Belum ditetapkan" in combos
    table = next(t for t in tabs.currentWidget().findChildren(QTableView) if t.isVisible())
    assert table.model().rowCount() == count
    assert messages.captured == []


def test_pimpinan_reads_rembuk_remas_counts(qtbot, login):
    _app, open_as = login
    window, _pimpinan = open_as("camat")
    box = next(b for b in window.findChildren(QGroupBox) if b.title() == "Ringkasan kantor")
    summary = " ".join(lab.text() for lab in box.findChildren(QLabel))
    assert "REMBUK REMAS" in summary and "Usulan belum disaring" in summary
    assert "Realisasi terlambat" in summary


def test_planner_sees_usulan_with_no_rembuk_yet_and_goes_to_open_one(qtbot, login):
    """Usulan entered for next year's kecamatan Musrenbang, before any rembuk for it: the
    perencana's Beranda says they wait for a rembuk, and a double-click opens the rembuk page
    where *Rembuk baru…* is."""
    from desktop_app.planning.domain.labels import PlanningLevel
    from desktop_app.planning.services import proposals
    from tests.planning.conftest import INAN, proposal

    app, open_as = login
    admin = auth.login(app, "admin", DEMO_PASSWORD)
    proposals.create_proposal(app, admin, proposal(INAN, "Sumur bor RT 02", year=2028),
                              level=PlanningLevel.KECAMATAN)
    window, _planner = open_as("perencana")
    tree = _work_tree(window)
    item = next(r for r in _rows(tree) if r.text(0) == "Usulan menunggu rembuk")
    assert item.text(2) == ("Musrenbang Kecamatan Paringin Selatan (2028): 1 usulan, belum ada "
                            "rembuk yang dibuka")
    _double_click(qtbot, tree, item)
    wait_idle(qtbot)
    nav = window.findChild(QTreeWidget)
    assert nav.currentItem().text(0) == "Rembuk & Penyaringan"
    assert button(window.stack.currentWidget(), "Rembuk baru").isEnabled()
    assert messages.captured == []
