"""End to end through the RUKO PARSEL screens: a coordination meeting with two desa is
recorded (attendees, two problems, three agreements, actions), finalised, its invitation,
attendance list and minutes printed; then the next meeting with one desa is prepared and that
desa's open actions are found there and discussed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop_app.app.demo import demo_profile
from desktop_app.core.domain import clock
from desktop_app.core.gui import messages, pdf
from desktop_app.core.services import office
from desktop_app.meetings.gui import common
from desktop_app.meetings.gui.actions_page import ActionTrackerPage
from desktop_app.meetings.gui.desa_profile_page import DesaProfilePage
from desktop_app.meetings.gui.editor import MeetingEditorDialog, new_meeting_template
from desktop_app.meetings.gui.list_page import MeetingListPage, PrepareNextDialog
from desktop_app.meetings.gui.recap_page import MeetingRecapPage
from desktop_app.meetings.services import attendance, dto, follow_up, minutes, reading
from desktop_app.meetings.services.dto import MeetingInput

INAN = "63.11.07.2003"
HALUBAU = "63.11.07.2007"


@pytest.fixture
def gui_env(app_ctx, admin):
    office.save_profile(app_ctx, admin, demo_profile())
    office.save_unit(app_ctx, admin, None, "Seksi Pemerintahan")
    office.save_unit(app_ctx, admin, None, "Seksi Pemberdayaan Masyarakat dan Desa")
    messages.captured, pdf.opened = [], []
    yield app_ctx, admin
    messages.captured, pdf.opened = None, None


def _pdf_text(path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(path)).pages)


def _fake_exec(monkeypatch, cls, fill):
    """Replace a dialog's exec: fill the form, press Simpan, report what the dialog did."""
    def fake_exec(self):
        fill(self)
        self.save()
        return self.result()
    monkeypatch.setattr(cls, "exec", fake_exec)


def test_meeting_recorded_finalised_printed_and_followed_up(qtbot, gui_env, monkeypatch):
    app, admin = gui_env
    held = clock.today() - timedelta(days=14)

    # 1. A new coordination meeting with two desa: errors first, input kept.
    ed = MeetingEditorDialog(app, admin, None, template=new_meeting_template(app, held))
    qtbot.addWidget(ed)
    assert not ed.tabs.isTabEnabled(2)  # attendance only after the meeting is saved
    assert ed.save_data() is False
    assert "Judul/acara rapat wajib diisi." == ed.errors.text("title")
    ed.title.setText("Rapat koordinasi pemerintahan desa Inan dan Halubau")
    common.choose(ed.kind, "rakor")
    ed.set_desa([INAN, HALUBAU])
    ed._invitees_from_desa()
    assert ed.invitees.toPlainText().splitlines() == ["Kepala Desa Inan", "Kepala Desa Halubau"]
    ed.taker_name.setText("Muhammad Syahrani, S.T")
    ed.taker_position.setText("Kasi Pemerintahan")
    ed.letter_seq.setValue(117)
    ed._make_letter_number()
    assert ed.letter_number.text() == f"000.1.5/117/Kec-PS/{clock.today().year}"
    assert ed.save_data() is True
    mid = ed.meeting_id
    assert mid is not None and ed.tabs.isTabEnabled(2)
    assert ed.chair_name.text() == "MEGAWATI, S.Pd, M.Pd"  # office head by default

    # 2. Agenda with discussion per item.
    ed.agenda.add("Pembukaan")
    ed.agenda.add("Paparan permasalahan desa")
    ed.agenda.body.setPlainText("Desa Inan dan Halubau menyampaikan kendala administrasi.")
    ed.save_agenda()
    assert [a.title for a in ed.detail.agenda] == ["Pembukaan", "Paparan permasalahan desa"]

    # 3. Attendance: people added quickly as they arrive; a wrong phone number is refused.
    ed.quick_name.setText("Salah Nomor")
    ed.quick_phone.setText("12ab")
    ed.quick_add_attendee()
    assert "Nomor telepon" in ed.quick_error.text()
    assert ed.quick_name.text() == "Salah Nomor"  # kept for correction
    people = [("Ahmad Rifani", "Kepala Desa", "Desa Inan", "L"),
              ("Siti Nurhaliza", "Sekretaris Desa", "Desa Inan", "P"),
              ("Rusdiansyah", "Kepala Desa", "Desa Halubau", "L"),
              ("Nor Aida", "Kaur Keuangan", "Desa Halubau", "P")]
    for name, position, institution, gender in people:
        ed.quick_name.setText(name)
        ed.quick_position.setText(position)
        ed.quick_institution.setText(institution)
        ed.quick_phone.setText("0812 5000 1234")
        common.choose(ed.quick_gender, gender)
        ed.quick_add_attendee()
    assert ed.attendee_table.rowCount() == 4 and ed.quick_error.text() == ""
    # Nor Aida could not come after all: untick her.
    ed.attendee_table.item(3, 1).setCheckState(Qt.CheckState.Unchecked)
    assert ed.detail.attendance.present == 3
    assert "hadir 3 (2 L, 1 P)" in ed.attendance_summary.text()

    # 4. Two problems.
    problems = iter([
        (INAN, "administrasi", "Laporan realisasi APBDes semester I belum diserahkan.",
         "Kecamatan mendampingi penyusunan laporan."),
        (HALUBAU, "pelayanan_it", "Jaringan internet kantor desa sering terputus.",
         "Diusulkan ke Diskominfo."),
    ])

    def fill_problem(d):
        desa, topic, text, answer = next(problems)
        common.choose(d.desa, desa)
        common.choose(d.topic, topic)
        d.description.setPlainText(text)
        d.answer.setPlainText(answer)
        common.choose(d.status, "dijawab")

    _fake_exec(monkeypatch, common.ProblemDialog, fill_problem)
    ed.add_problem()
    ed.add_problem()
    assert [p.desa_name for p in ed.detail.problems] == ["Inan", "Halubau"]

    # 5. Three agreements.
    for text in ("Desa Inan menyerahkan laporan realisasi APBDes paling lambat tujuh hari.",
                 "Kecamatan mendampingi operator desa menyusun laporan.",
                 "Desa Halubau mengirim surat permohonan jaringan internet ke Diskominfo."):
        ed.agreements.add(body=text)
    ed.save_agreements()
    assert [a.number for a in ed.detail.agreements] == [1, 2, 3]

    # 6. Follow-up actions: one for Inan (already overdue), one for Halubau.
    actions = iter([
        ("Penyerahan laporan realisasi APBDes", "desa", "Desa Inan", INAN,
         clock.today() - timedelta(days=3)),
        ("Surat permohonan jaringan internet", "desa", "Desa Halubau", HALUBAU,
         clock.today() + timedelta(days=20)),
    ])

    def fill_action(d):
        what, kind, owner, desa, due = next(actions)
        d.what.setPlainText(what)
        common.choose(d.owner_kind, kind)
        d.owner.setCurrentText(owner)
        common.choose(d.desa, desa)
        d.due.setDate(common.qdate(due))

    _fake_exec(monkeypatch, common.ActionDialog, fill_action)
    ed.tabs.setCurrentIndex(3)
    ed.problem_table.selectRow(0)
    ed.action_from_problem()
    ed.add_action()
    assert ed.action_table.rowCount() == 2
    assert ed.detail.actions[0].problem_id == ed.detail.problems[0].id
    assert ed.action_table.item(0, 1).background().color() == common.OVERDUE_COLOR

    # 7. Finalise: the notulen locks; only the addendum stays open.
    ed.finalize()
    assert ed.detail.is_final
    assert not ed.finalize_button.isEnabled() and not ed.quick_add.isEnabled()
    assert not ed.agreements.isEnabled() and not ed.save_data_button.isEnabled()
    assert ed.addendum_add.isEnabled()
    ed.addendum_text.setPlainText("Ralat: Nor Aida hadir mewakili Kaur Keuangan.")
    ed.add_addendum()
    assert ed.addendum_list.count() == 1

    # 8. Print invitation, attendance list and minutes (on a worker thread each).
    ed.print_invitation()
    qtbot.waitUntil(lambda: len(pdf.opened) == 1, timeout=15000)
    ed.print_attendance()
    qtbot.waitUntil(lambda: len(pdf.opened) == 2, timeout=15000)
    ed.print_notulen()
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

    # 9. The list shows the meeting; the tracker shows the overdue action in red.
    page = MeetingListPage(app, admin)
    qtbot.addWidget(page)
    assert page.model.total == 1 and page.model.row_object(0).status_label == "Final"
    page.search.setText("Halubau")
    page.apply_filter()
    assert page.model.total == 1
    tracker = ActionTrackerPage(app, admin)
    qtbot.addWidget(tracker)
    tracker.overdue.setChecked(True)
    assert tracker.model.total == 1
    row = tracker.model.row_object(0)
    assert row.what == "Penyerahan laporan realisasi APBDes"
    assert tracker.model.data(tracker.model.index(0, 0), Qt.ItemDataRole.BackgroundRole) \
        .color() == common.OVERDUE_COLOR

    # 10. Prepare the next meeting with Inan only: its open action is there to discuss.
    def accept_prepare(d):
        common.choose(d.desa, INAN)
        d.held_on.setDate(common.qdate(clock.today()))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PrepareNextDialog, "exec", accept_prepare)
    monkeypatch.setattr(MeetingEditorDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    prepared = page.prepare_next()
    assert prepared is not None and prepared.copied_attendees == 4
    nxt = page.editor
    qtbot.addWidget(nxt)
    assert nxt.meeting_id == prepared.meeting_id and nxt.tabs.currentIndex() == 5
    assert nxt.detail.desa_codes == [INAN] and not nxt.detail.is_final
    assert nxt.carried_table.rowCount() == 1
    assert nxt.carried_table.item(0, 1).text() == "Penyerahan laporan realisasi APBDes"

    # Discussing it records the update on the action, in this meeting.
    def done(d):
        common.choose(d.status, "done")
        d.note.setPlainText("Laporan sudah diserahkan ke kecamatan.")

    _fake_exec(monkeypatch, common.ActionUpdateDialog, done)
    nxt.carried_table.selectRow(0)
    nxt.update_carried()
    assert [(u.action_what, u.new_status) for u in nxt.detail.discussed_updates] == \
        [("Penyerahan laporan realisasi APBDes", "done")]
    assert nxt.carried_table.item(0, 5).text() == "Selesai"
    assert follow_up.open_actions_for_desa(app, admin, [INAN]) == []
    tracker.refresh()
    assert tracker.model.total == 0  # nothing overdue any more

    # 11. The desa page and the recap tell the same story.
    desa_page = DesaProfilePage(app, admin)
    qtbot.addWidget(desa_page)
    desa_page.show_desa(INAN)
    kinds = [desa_page.table.item(r, 1).text() for r in range(desa_page.table.rowCount())]
    assert kinds.count("Rapat") == 2 and "Perkembangan" in kinds and "Masalah" in kinds
    recap = MeetingRecapPage(app, admin)
    qtbot.addWidget(recap)
    recap.date_from.setDate(common.qdate(held - timedelta(days=1)))
    recap.refresh()
    assert recap.values["meetings"].text() == "2"
    assert recap.values["problems"].text() == "2"
    assert recap.values["done_late"].text() == "1"  # Inan's report came after its due date
    assert recap.values["open"].text() == "1"


def test_copy_attendees_from_an_earlier_meeting(qtbot, gui_env):
    app, admin = gui_env
    first = minutes.create_meeting(app, admin, dto.MeetingInput(
        kind="rakor", title="Rapat pertama", held_on=clock.today(), desa_codes=[INAN]))
    attendance.add_attendee(app, admin, first, dto.AttendeeInput("Ahmad Rifani", "Kepala Desa",
                                                          "Desa Inan"))
    second = minutes.create_meeting(app, admin, dto.MeetingInput(
        kind="rakor", title="Rapat kedua", held_on=clock.today(), desa_codes=[INAN]))
    ed = MeetingEditorDialog(app, admin, second)
    qtbot.addWidget(ed)
    ed.copy_attendees(first)
    assert ed.attendee_table.rowCount() == 1
    assert ed.attendee_table.item(0, 1).checkState() == Qt.CheckState.Unchecked
    assert messages.captured[-1][1].startswith("1 peserta disalin")




def test_editor_buttons_pressed_fits_small_screen_and_keyboard(qtbot, gui_env):
    """The blockers of issue 11: 'Tambah' on Agenda and Kesepakatan pressed with the mouse,
    Enter on the L/P box adds the person, Ctrl+S saves, Escape asks before discarding, and the
    editor fits a 1024 × 768 screen (also after Finalisasi)."""
    from PySide6.QtWidgets import QApplication

    app, admin = gui_env
    mid = minutes.create_meeting(app, admin, MeetingInput(
        kind="rakor", title="Rapat kecil", held_on=clock.today(), desa_codes=[INAN],
        chair_name="Camat", minute_taker_name="Notulis"))
    ed = MeetingEditorDialog(app, admin, mid)
    qtbot.addWidget(ed)
    ed.show()
    ed.activateWindow()
    qtbot.waitExposed(ed)
    screen = QApplication.primaryScreen().availableGeometry()
    assert ed.width() <= screen.width() and ed.height() <= screen.height()
    ed.tabs.setCurrentIndex(1)
    qtbot.mouseClick(ed.agenda.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(ed.agenda.title, "Pembukaan")
    qtbot.keyClick(ed.agenda.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert [a.title for a in reading.get_meeting(app, admin, mid).agenda] == ["Pembukaan"]
    ed.tabs.setCurrentIndex(4)
    qtbot.mouseClick(ed.agreements.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(ed.agreements.body, "Desa menyerahkan laporan.")
    qtbot.mouseClick(ed.agreements.save_button, Qt.MouseButton.LeftButton)
    assert [a.text for a in reading.get_meeting(app, admin, mid).agreements] == [
        "Desa menyerahkan laporan."]
    ed.tabs.setCurrentIndex(2)
    qtbot.keyClicks(ed.quick_name, "Ahmad Rifani")
    ed.quick_gender.setFocus()
    qtbot.keyClicks(ed.quick_gender, "L")
    qtbot.keyClick(ed.quick_gender, Qt.Key.Key_Return)
    people = reading.get_meeting(app, admin, mid).attendees
    assert [(a.name, a.gender) for a in people] == [("Ahmad Rifani", "L")]
    assert not any(t == "Kesalahan tak terduga" for t, _ in messages.captured)
    # Escape with a typed, unsaved change asks first; "No" keeps the dialog open.
    ed.tabs.setCurrentIndex(0)
    qtbot.keyClicks(ed.title, " tambahan")
    messages.confirm_answers[:] = [False]
    qtbot.keyClick(ed.title, Qt.Key.Key_Escape)
    assert ed.isVisible() and messages.captured[-1][1].startswith("Ada perubahan")
    # After Finalisasi the long status line wraps; the dialog stays within the screen.
    qtbot.keyClick(ed.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.mouseClick(ed.finalize_button, Qt.MouseButton.LeftButton)
    assert ed.detail.is_final
    QApplication.processEvents()
    assert ed.width() <= screen.width() and ed.height() <= screen.height()
