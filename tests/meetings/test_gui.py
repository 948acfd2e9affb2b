"""End to end through the RUKO PARSEL screens, pressing the real widgets: a coordination
meeting with two desa is recorded from the meeting list (attendees, two problems, three
agreements, actions), finalised by the pimpinan, given an addendum, its invitation, attendance
list and minutes printed; then the next meeting with one desa is prepared, that desa's open
action is discussed there, and the other desa's action is closed from the tracker."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.app.demo import demo_profile
from desktop_app.core.domain import clock
from desktop_app.core.gui import messages, pdf
from desktop_app.core.services import office
from desktop_app.meetings.gui import common
from desktop_app.meetings.gui.actions_page import ActionTrackerPage
from desktop_app.meetings.gui.desa_profile_page import DesaProfilePage
from desktop_app.meetings.gui.editor import MeetingEditorDialog
from desktop_app.meetings.gui.list_page import MeetingListPage
from desktop_app.meetings.gui.recap_page import MeetingRecapPage
from desktop_app.meetings.services import attendance, follow_up, minutes, reading
from desktop_app.meetings.services.dto import AttendeeInput, MeetingInput

INAN = "63.11.07.2003"
HALUBAU = "63.11.07.2007"
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def gui_env(app_ctx, admin):
    office.save_profile(app_ctx, admin, demo_profile())
    office.save_unit(app_ctx, admin, None, "Seksi Pemerintahan")
    office.save_unit(app_ctx, admin, None, "Seksi Pemberdayaan Masyarakat dan Desa")
    messages.captured, pdf.opened = [], []
    yield app_ctx, admin
    unexpected = [text for title, text in messages.captured if title == "Kesalahan tak terduga"]
    messages.captured, pdf.opened = None, None
    assert not unexpected, unexpected


def _pdf_text(path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(path)).pages)


def _modal(qtbot) -> QWidget:
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None, timeout=3000)
    return QApplication.activeModalWidget()


def _type(qtbot, widget, text: str) -> None:
    """Replace a field's text the way a person does: select all, type."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        qtbot.keyClicks(widget, text)
    else:
        qtbot.keyClick(widget, Qt.Key.Key_Delete)


def _click_cell(qtbot, table, row: int, column: int) -> None:
    rect = table.visualItemRect(table.item(row, column))
    qtbot.mouseClick(table.viewport(), LEFT, pos=rect.center())


def _next_tab_stop(widget: QWidget) -> QWidget:
    """Where Tab goes from ``widget``: the next widget in the focus chain that takes Tab."""
    nxt = widget.nextInFocusChain()
    while not (nxt.focusPolicy() & Qt.FocusPolicy.TabFocus and nxt.isEnabled()
               and nxt.isVisibleTo(widget.window())):
        nxt = nxt.nextInFocusChain()
    return nxt


def _tick_desa(qtbot, desa_list, codes: list[str]) -> None:
    for i in range(desa_list.count()):
        if desa_list.item(i).data(Qt.ItemDataRole.UserRole) in codes:
            desa_list.setCurrentRow(i)
            qtbot.keyClick(desa_list, Qt.Key.Key_Space)


def test_meeting_recorded_finalised_printed_and_followed_up(qtbot, gui_env, pimpinan):
    app, admin = gui_env
    held = clock.today() - timedelta(days=14)
    page = MeetingListPage(app, admin)
    qtbot.addWidget(page)
    page.show()

    # 1. A new coordination meeting with two desa: errors first, input kept.
    qtbot.mouseClick(page.new_button, LEFT)
    ed = page.editor
    assert isinstance(ed, MeetingEditorDialog) and ed.isVisible()
    assert not ed.tabs.isTabEnabled(2)  # attendance only after the meeting is saved
    ed.data.held_on.setDate(common.qdate(held))
    qtbot.mouseClick(ed.data.save_button, LEFT)
    assert "Judul/acara rapat wajib diisi." == ed.data.errors.text("title")
    _type(qtbot, ed.data.title, "Rapat koordinasi pemerintahan desa Inan dan Halubau")
    assert ed.data.kind.currentData() == "rakor"
    _tick_desa(qtbot, ed.data.desa_list, [INAN, HALUBAU])
    qtbot.mouseClick(ed.data.invitees_from_desa, LEFT)
    # in the order of the desa list, which is alphabetical
    assert ed.data.invitees.toPlainText().splitlines() == ["Kepala Desa Halubau",
                                                           "Kepala Desa Inan"]
    _type(qtbot, ed.data.taker_name, "Muhammad Syahrani, S.T")
    _type(qtbot, ed.data.taker_position, "Kasi Pemerintahan")
    _type(qtbot, ed.data.letter_seq, "117")
    qtbot.mouseClick(ed.data.letter_button, LEFT)
    assert ed.data.letter_number.text() == f"000.1.5/117/Kec-PS/{clock.today().year}"
    qtbot.keyClick(ed.data.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    mid = ed.meeting_id
    assert mid is not None and ed.tabs.isTabEnabled(2)
    assert ed.data.chair_name.text() == "MEGAWATI, S.Pd, M.Pd"  # office head by default
    assert page.model.total == 1  # the list refreshed itself

    # 2. Agenda with discussion per item ("Tambah" pressed with the mouse).
    ed.tabs.setCurrentIndex(1)
    qtbot.mouseClick(ed.agenda.add_button, LEFT)
    qtbot.keyClicks(ed.agenda.title, "Pembukaan")
    qtbot.mouseClick(ed.agenda.add_button, LEFT)
    qtbot.keyClicks(ed.agenda.title, "Paparan permasalahan desa")
    qtbot.keyClicks(ed.agenda.body, "Desa Inan dan Halubau menyampaikan kendala administrasi.")
    qtbot.mouseClick(ed.agenda.save_button, LEFT)
    assert [a.title for a in ed.detail.agenda] == ["Pembukaan", "Paparan permasalahan desa"]

    # 3. Attendance: people added quickly as they arrive; a wrong phone number is refused.
    ed.tabs.setCurrentIndex(2)
    att = ed.attendance
    qtbot.keyClicks(att.quick_name, "Salah Nomor")
    qtbot.keyClicks(att.quick_phone, "12ab")
    qtbot.mouseClick(att.quick_add, LEFT)
    assert "Nomor telepon" in att.quick_error.text()
    assert att.quick_name.text() == "Salah Nomor"  # kept for correction
    people = [("Ahmad Rifani", "Kepala Desa", "Desa Inan", "L"),
              ("Siti Nurhaliza", "Sekretaris Desa", "Desa Inan", "P"),
              ("Rusdiansyah", "Kepala Desa", "Desa Halubau", "L"),
              ("Nor Aida", "Kaur Keuangan", "Desa Halubau", "P")]
    for name, position, institution, gender in people:
        _type(qtbot, att.quick_name, name)
        _type(qtbot, att.quick_position, position)
        _type(qtbot, att.quick_institution, institution)
        _type(qtbot, att.quick_phone, "0812 5000 1234")
        qtbot.wait(QApplication.keyboardInputInterval() + 50)  # a new keyboard search
        qtbot.keyClicks(att.quick_gender, {"L": "Laki", "P": "Perem"}[gender])
        qtbot.keyClick(att.quick_gender, Qt.Key.Key_Return)  # Enter on L/P adds the person
    assert att.table.rowCount() == 4 and att.quick_error.text() == ""
    assert [a.gender for a in ed.detail.attendees] == ["L", "P", "L", "P"]
    # Nor Aida could not come after all: untick her.
    att.table.setCurrentCell(3, 1)
    qtbot.keyClick(att.table, Qt.Key.Key_Space)
    assert ed.detail.attendance.present == 3
    assert "hadir 3 (2 L, 1 P)" in att.summary.text()

    # 4. Two problems, each entered in the dialog that "Tambah…" opens.
    ed.tabs.setCurrentIndex(3)
    for desa, topic, text, answer in (
            ("Inan", "Administrasi", "Laporan realisasi APBDes semester I belum diserahkan.",
             "Kecamatan mendampingi penyusunan laporan."),
            ("Halubau", "Pelayanan", "Jaringan internet kantor desa sering terputus.",
             "Diusulkan ke Diskominfo.")):
        qtbot.mouseClick(ed.problems.add_button, LEFT)
        d = _modal(qtbot)
        qtbot.keyClicks(d.desa, desa)
        qtbot.keyClicks(d.topic, topic)
        qtbot.keyClicks(d.description, text)
        qtbot.keyClicks(d.answer, answer)
        qtbot.keyClicks(d.status, "Sudah")
        qtbot.mouseClick(d.save_button, LEFT)
        assert not d.isVisible()
    assert [p.desa_name for p in ed.detail.problems] == ["Inan", "Halubau"]
    assert [p.status for p in ed.detail.problems] == ["dijawab", "dijawab"]

    # 5. Three agreements ("Tambah" on Kesepakatan, pressed).
    ed.tabs.setCurrentIndex(4)
    for text in ("Desa Inan menyerahkan laporan realisasi APBDes paling lambat tujuh hari.",
                 "Kecamatan mendampingi operator desa menyusun laporan.",
                 "Desa Halubau mengirim surat permohonan jaringan internet ke Diskominfo."):
        qtbot.mouseClick(ed.agreements.add_button, LEFT)
        qtbot.keyClicks(ed.agreements.body, text)
    qtbot.mouseClick(ed.agreements.save_button, LEFT)
    assert [a.number for a in ed.detail.agreements] == [1, 2, 3]

    # 6. Follow-up actions: one from Inan's problem (already overdue), one for Halubau.
    def fill_action(d, what, owner, due, desa=None):
        qtbot.keyClicks(d.what, what)
        qtbot.keyClicks(d.owner_kind, "Desa")
        _type(qtbot, d.owner.lineEdit(), owner)
        if desa:
            qtbot.keyClicks(d.desa, desa)
        d.due.setDate(common.qdate(due))
        qtbot.mouseClick(d.save_button, LEFT)
        assert not d.isVisible()

    ed.tabs.setCurrentIndex(3)
    _click_cell(qtbot, ed.problems.table, 0, 3)
    qtbot.mouseClick(ed.problems.action_button, LEFT)
    fill_action(_modal(qtbot), "Penyerahan laporan realisasi APBDes", "Desa Inan",
                clock.today() - timedelta(days=3))
    ed.tabs.setCurrentIndex(5)
    qtbot.mouseClick(ed.follow_ups.add_button, LEFT)
    fill_action(_modal(qtbot), "Surat permohonan jaringan internet", "Desa Halubau",
                clock.today() + timedelta(days=20), desa="Halubau")
    assert ed.follow_ups.table.rowCount() == 2
    assert ed.detail.actions[0].problem_id == ed.detail.problems[0].id
    assert ed.detail.actions[1].desa_code == HALUBAU
    assert ed.follow_ups.table.item(0, 1).background().color() == common.OVERDUE_COLOR
    qtbot.mouseClick(ed.close_button, LEFT)  # nothing typed and unsaved: closes at once
    assert not ed.isVisible()

    # 7. The pimpinan finalises: the notulen locks; the admin then adds an addendum.
    boss_page = MeetingListPage(app, pimpinan)
    qtbot.addWidget(boss_page)
    boss_page.show()
    boss_page.view.table.selectRow(0)
    qtbot.mouseClick(boss_page.open_button, LEFT)
    boss = boss_page.editor
    assert not boss.data.save_button.isEnabled()  # the pimpinan reads and finalises
    qtbot.mouseClick(boss.finalize_button, LEFT)
    assert boss.detail.is_final and not boss.finalize_button.isEnabled()
    qtbot.mouseClick(boss.close_button, LEFT)
    page.view.table.selectRow(0)
    qtbot.mouseClick(page.open_button, LEFT)
    ed = page.editor
    assert ed.detail.is_final
    assert not ed.attendance.quick_add.isEnabled()
    assert not ed.agreements.isEnabled() and not ed.data.save_button.isEnabled()
    assert ed.addenda.add_button.isEnabled()
    ed.tabs.setCurrentIndex(6)
    qtbot.keyClicks(ed.addenda.text, "Ralat: Nor Aida hadir mewakili Kaur Keuangan.")
    qtbot.mouseClick(ed.addenda.add_button, LEFT)
    assert ed.addenda.list.count() == 1

    # 8. Print invitation, attendance list and minutes (rendered on a worker each).
    ed.invitation_one.trigger()
    qtbot.waitUntil(lambda: len(pdf.opened) == 1, timeout=15000)
    qtbot.mouseClick(ed.attendance_button, LEFT)
    qtbot.waitUntil(lambda: len(pdf.opened) == 2, timeout=15000)
    qtbot.mouseClick(ed.notulen_button, LEFT)
    qtbot.waitUntil(lambda: len(pdf.opened) == 3, timeout=15000)
    invitation, attendance_list, notulen = (_pdf_text(p) for p in pdf.opened)
    assert "Perihal : Undangan" in invitation and "Kepala Desa Halubau" in invitation
    assert f"000.1.5/117/Kec-PS/{clock.today().year}" in invitation
    assert "DAFTAR HADIR" in attendance_list and "Siti Nurhaliza" in attendance_list
    assert "NOTULEN RAPAT" in notulen and "(DRAF)" not in notulen
    for text in ("Desa Inan menyerahkan laporan realisasi APBDes paling lambat tujuh hari.",
                 "Jaringan internet kantor desa sering terputus.",
                 "Penyerahan laporan realisasi APBDes", "ADDENDUM NOTULEN",
                 "3 orang (2 laki-laki, 1 perempuan)"):
        assert text in notulen, text
    qtbot.mouseClick(ed.close_button, LEFT)

    # 9. The list shows the meeting; the tracker shows the overdue action in red.
    assert page.model.total == 1 and page.model.row_object(0).status_label == "Final"
    qtbot.keyClicks(page.search, "Halubau")
    qtbot.waitUntil(lambda: page.model.total == 1, timeout=3000)
    tracker = ActionTrackerPage(app, admin)
    qtbot.addWidget(tracker)
    tracker.show()
    qtbot.mouseClick(tracker.overdue, LEFT)
    assert tracker.overdue.isChecked() and tracker.model.total == 1
    row = tracker.model.row_object(0)
    assert row.what == "Penyerahan laporan realisasi APBDes"
    assert tracker.model.data(tracker.model.index(0, 0), Qt.ItemDataRole.BackgroundRole) \
        .color() == common.OVERDUE_COLOR

    # 10. Prepare the next meeting with Inan only: its open action is there to discuss.
    qtbot.mouseClick(page.next_button, LEFT)
    prep = _modal(qtbot)
    common.choose(prep.desa, INAN)
    prep.held_on.setDate(common.qdate(clock.today()))
    qtbot.mouseClick(prep.ok_button, LEFT)
    nxt = page.editor
    assert messages.captured[-1][1].startswith("Rapat baru disiapkan. 4 peserta disalin")
    assert nxt.meeting_id != mid and nxt.tabs.currentIndex() == 5
    assert nxt.detail.desa_codes == [INAN] and not nxt.detail.is_final
    assert nxt.follow_ups.carried_table.rowCount() == 1
    assert nxt.follow_ups.carried_table.item(0, 1).text() == "Penyerahan laporan realisasi APBDes"

    # Discussing it records the update on the action, in this meeting.
    _click_cell(qtbot, nxt.follow_ups.carried_table, 0, 1)
    qtbot.mouseClick(nxt.follow_ups.update_button, LEFT)
    upd = _modal(qtbot)
    qtbot.keyClicks(upd.status, "Selesai")
    qtbot.keyClicks(upd.note, "Laporan sudah diserahkan ke kecamatan.")
    qtbot.mouseClick(upd.save_button, LEFT)
    assert [(u.action_what, u.new_status) for u in nxt.detail.discussed_updates] == \
        [("Penyerahan laporan realisasi APBDes", "done")]
    assert nxt.follow_ups.carried_table.item(0, 5).text() == "Selesai"
    assert follow_up.open_actions_for_desa(app, admin, [INAN]) == []
    assert tracker.model.total == 0  # the tracker refreshed itself: nothing overdue any more
    qtbot.mouseClick(nxt.close_button, LEFT)

    # Halubau's action is closed from the tracker.
    qtbot.mouseClick(tracker.overdue, LEFT)
    assert tracker.model.total == 2
    halubau = next(r for r in range(2)
                   if tracker.model.row_object(r).what == "Surat permohonan jaringan internet")
    tracker.view.table.selectRow(halubau)
    qtbot.mouseClick(tracker.update_button, LEFT)
    upd = _modal(qtbot)
    qtbot.keyClicks(upd.status, "Selesai")
    qtbot.keyClicks(upd.note, "Surat dikirim ke Diskominfo.")
    qtbot.mouseClick(upd.save_button, LEFT)
    assert {tracker.model.row_object(r).status_label for r in range(2)} == {"Selesai"}

    # 11. The desa page and the recap tell the same story.
    desa_page = DesaProfilePage(app, admin)
    qtbot.addWidget(desa_page)
    desa_page.show()
    common.choose(desa_page.desa, INAN)
    kinds = [desa_page.table.item(r, 1).text() for r in range(desa_page.table.rowCount())]
    assert kinds.count("Rapat") == 2 and "Perkembangan" in kinds and "Masalah" in kinds
    recap = MeetingRecapPage(app, admin)
    qtbot.addWidget(recap)
    recap.show()
    recap.date_from.setDate(common.qdate(held - timedelta(days=1)))
    qtbot.mouseClick(recap.show_button, LEFT)
    assert recap.values["meetings"].text() == "2"
    assert recap.values["problems"].text() == "2"
    assert recap.values["done_late"].text() == "1"  # Inan's report came after its due date
    assert recap.values["done_on_time"].text() == "1"  # Halubau's letter, closed in time


def test_copy_attendees_from_an_earlier_meeting(qtbot, gui_env):
    app, admin = gui_env
    first = minutes.create_meeting(app, admin, MeetingInput(
        kind="rakor", title="Rapat pertama", held_on=clock.today(), desa_codes=[INAN]))
    attendance.add_attendee(app, admin, first, AttendeeInput("Ahmad Rifani", "Kepala Desa",
                                                             "Desa Inan"))
    second = minutes.create_meeting(app, admin, MeetingInput(
        kind="rakor", title="Rapat kedua", held_on=clock.today(), desa_codes=[INAN]))
    ed = MeetingEditorDialog(app, admin, second)
    qtbot.addWidget(ed)
    ed.show()
    ed.tabs.setCurrentIndex(2)
    qtbot.mouseClick(ed.attendance.copy_button, LEFT)  # clicked(False) must not be the source
    pick = _modal(qtbot)
    qtbot.mouseClick(pick.ok_button, LEFT)
    assert ed.attendance.table.rowCount() == 1
    assert ed.attendance.table.item(0, 1).checkState() == Qt.CheckState.Unchecked
    assert messages.captured[-1][1].startswith("1 peserta disalin")


def test_editor_buttons_pressed_fits_small_screen_and_keyboard(qtbot, gui_env):
    """Issue 11: Enter on the L/P box adds the person, Ctrl+S saves, Escape asks before
    discarding, and the editor fits a 1024 × 768 screen (also after Finalisasi)."""
    app, admin = gui_env
    mid = minutes.create_meeting(app, admin, MeetingInput(
        kind="rakor", title="Rapat kecil", held_on=clock.today(), desa_codes=[INAN],
        chair_name="Camat", minute_taker_name="Notulis"))
    ed = MeetingEditorDialog(app, admin, mid)
    qtbot.addWidget(ed)
    ed.show()
    screen = QApplication.primaryScreen().availableGeometry()
    assert ed.width() <= screen.width() and ed.height() <= screen.height()
    # Tab follows the form: after the notulis's NIP come the desa, then the addressees.
    assert _next_tab_stop(ed.data.taker_nip) is ed.data.desa_list
    assert _next_tab_stop(ed.data.desa_list) is ed.data.invitees
    assert _next_tab_stop(ed.data.title) is ed.data.held_on
    ed.tabs.setCurrentIndex(1)
    qtbot.mouseClick(ed.agenda.add_button, LEFT)
    qtbot.keyClicks(ed.agenda.title, "Pembukaan")
    qtbot.keyClick(ed.agenda.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert [a.title for a in reading.get_meeting(app, admin, mid).agenda] == ["Pembukaan"]
    ed.tabs.setCurrentIndex(2)
    qtbot.keyClicks(ed.attendance.quick_name, "Ahmad Rifani")
    qtbot.keyClicks(ed.attendance.quick_gender, "Laki")
    qtbot.keyClick(ed.attendance.quick_gender, Qt.Key.Key_Return)
    people = reading.get_meeting(app, admin, mid).attendees
    assert [(a.name, a.gender) for a in people] == [("Ahmad Rifani", "L")]
    # Escape with a typed, unsaved change asks first; "No" keeps the dialog open.
    ed.tabs.setCurrentIndex(0)
    qtbot.keyClicks(ed.data.title, " tambahan")
    messages.confirm_answers[:] = [False]
    qtbot.keyClick(ed.data.title, Qt.Key.Key_Escape)
    assert ed.isVisible() and messages.captured[-1][1].startswith("Ada perubahan")
    qtbot.keyClick(ed.data.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert reading.get_meeting(app, admin, mid).title == "Rapat kecil tambahan"
    # After Finalisasi the long status line wraps; the dialog stays within the screen.
    qtbot.mouseClick(ed.finalize_button, LEFT)
    assert ed.detail.is_final
    QApplication.processEvents()
    assert ed.width() <= screen.width() and ed.height() <= screen.height()
    assert ed.mapToGlobal(QPoint(0, 0)).y() + ed.height() <= screen.bottom() + 60
    qtbot.keyClick(ed.tabs, Qt.Key.Key_Escape)  # nothing unsaved: closes without asking
    assert not ed.isVisible()


def test_enter_on_a_list_row_opens_the_meeting(qtbot, gui_env):
    app, admin = gui_env
    minutes.create_meeting(app, admin, MeetingInput(kind="rakor", title="Rapat satu",
                                                    held_on=clock.today()))
    page = MeetingListPage(app, admin)
    qtbot.addWidget(page)
    page.show()
    page.view.table.setFocus()
    page.view.table.setCurrentIndex(page.model.index(0, 3))
    qtbot.keyClick(page.view.table, Qt.Key.Key_Return)
    assert page.editor.isVisible() and page.editor.detail.title == "Rapat satu"
