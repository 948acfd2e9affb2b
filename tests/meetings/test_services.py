"""RUKO PARSEL meeting log: permissions, audit rows, the finalise lock and addenda, follow-up
carried to the next meeting, tracker filters, recap numbers and search."""

from __future__ import annotations

import json
from datetime import date, time, timedelta

import pytest
from sqlalchemy import select

from desktop_app.core.domain.errors import ConflictError, PermissionDenied, ValidationError
from desktop_app.core.domain.roles import Role
from desktop_app.core.models import AuditLog
from desktop_app.core.services.context import Actor, unit_of_work
from desktop_app.meetings.domain import count_attendance
from desktop_app.meetings.services import (
    actions,
    attendance,
    desa_profile,
    follow_up,
    listing,
    minutes,
    problems,
    reading,
    recap,
    reference,
    tracker,
)
from desktop_app.meetings.services.dto import (
    ActionInput,
    AgendaInput,
    AttendeeInput,
    MeetingInput,
    ProblemInput,
)
from desktop_app.meetings.services.listing import MeetingFilter
from desktop_app.meetings.services.tracker import ActionFilter
from tests.conftest import TEST_NOW

INAN = "63.11.07.2003"
HALUBAU = "63.11.07.2007"
BUNGIN = "63.11.07.2010"
TODAY = TEST_NOW.date()


def meeting_input(**overrides) -> MeetingInput:
    base = dict(kind="rakor", title="Rapat koordinasi desa Inan dan Halubau",
                held_on=TODAY - timedelta(days=30), start_time=time(9, 0),
                end_time=time(12, 0), chair_name="Drs. H. Rahmadi", chair_position="Camat",
                chair_nip="196805121990031007", minute_taker_name="Nurul Hidayah",
                minute_taker_position="Kasi Pemerintahan", desa_codes=[INAN, HALUBAU])
    base.update(overrides)
    return MeetingInput(**base)


def audit_rows(app, entity: str) -> list[AuditLog]:
    with unit_of_work(app, write=False) as session:
        rows = list(session.scalars(select(AuditLog).where(AuditLog.entity == entity)
                                    .order_by(AuditLog.id)))
        session.expunge_all()
        return rows


def full_meeting(app, actor) -> int:
    mid = minutes.create_meeting(app, actor, meeting_input())
    minutes.save_agenda(app, actor, mid, [AgendaInput("Pembukaan"),
                                      AgendaInput("Permasalahan desa", "Desa menyampaikan.")])
    attendance.add_attendee(app, actor, mid, AttendeeInput("Ahmad Fauzi", "Kepala Desa", "Desa Inan",
                                                    INAN, "0812 5000 1111", "L"))
    attendance.add_attendee(app, actor, mid, AttendeeInput("Siti Rahmah", "Sekdes", "Desa Halubau",
                                                    HALUBAU, gender="P"))
    attendance.add_attendee(app, actor, mid, AttendeeInput("Budi", "Staf", "Desa Halubau",
                                                    present=False, gender="L"))
    problems.add_problem(app, actor, mid, ProblemInput("administrasi", "Laporan APBDes terlambat",
                                                  INAN, "Pendampingan oleh Seksi PMD"))
    minutes.save_agreements(app, actor, mid, ["Desa menyerahkan laporan paling lambat 10 hari.",
                                          "Kecamatan mendampingi penyusunan laporan."])
    return mid


def test_create_meeting_records_children_and_audit(app_ctx, operator):
    mid = full_meeting(app_ctx, operator)
    d = reading.get_meeting(app_ctx, operator, mid)
    assert d.kind_label == "Rapat koordinasi kecamatan"
    assert d.place == "Ruko Parsel, Kantor Kecamatan Paringin Selatan"
    assert sorted(d.desa_names) == ["Halubau", "Inan"]
    assert [a.title for a in d.agenda] == ["Pembukaan", "Permasalahan desa"]
    assert [a.number for a in d.agreements] == [1, 2]
    assert d.problems[0].topic_label == "Administrasi dan laporan keuangan"
    assert d.attendees[0].phone == "081250001111"
    count = d.attendance
    assert (count.present, count.male, count.female) == (2, 1, 1)
    assert count.by_group == {"Desa Halubau": 1, "Desa Inan": 1}
    assert "2 orang (1 laki-laki, 1 perempuan)" == count.summary()
    created = audit_rows(app_ctx, "meeting")
    assert created[0].action == "create" and created[0].entity_id == str(mid)
    assert json.loads(created[0].after_json)["desa"] == [INAN, HALUBAU]
    assert len(audit_rows(app_ctx, "attendee")) == 3
    assert audit_rows(app_ctx, "agreements")[-1].summary.endswith("2 butir")


def test_validation_messages_are_indonesian(app_ctx, operator):
    with pytest.raises(ValidationError) as err:
        minutes.create_meeting(app_ctx, operator, meeting_input(
            title=" ", kind="tidak-ada", start_time=time(12), end_time=time(9),
            desa_codes=["99.99"]))
    assert set(err.value.field_errors) == {"title", "kind", "end_time", "desa_codes"}
    assert err.value.field_errors["end_time"] == "Jam selesai harus sesudah jam mulai."
    mid = minutes.create_meeting(app_ctx, operator, meeting_input())
    with pytest.raises(ValidationError) as err:
        attendance.add_attendee(app_ctx, operator, mid, AttendeeInput("", phone="12ab"))
    assert set(err.value.field_errors) == {"name", "phone"}


def test_permissions(app_ctx, operator, pimpinan):
    with pytest.raises(PermissionDenied):
        minutes.create_meeting(app_ctx, pimpinan, meeting_input())  # pimpinan reads and finalises
    mid = full_meeting(app_ctx, operator)
    with pytest.raises(PermissionDenied):
        minutes.finalize(app_ctx, operator, mid)  # operators prepare, they do not finalise
    with pytest.raises(PermissionDenied):
        reference.save_kind(app_ctx, operator, None, "Rapat minggon")
    minutes.finalize(app_ctx, pimpinan, mid)
    assert reading.get_meeting(app_ctx, pimpinan, mid).is_final


def test_finalize_locks_every_edit_and_only_addendum_works(app_ctx, operator, verifier):
    mid = full_meeting(app_ctx, operator)
    d = reading.get_meeting(app_ctx, operator, mid)
    action_id = actions.add_action(app_ctx, operator, mid, ActionInput(
        "Pendampingan laporan APBDes", "Seksi PMD", desa_code=INAN,
        due_date=TODAY + timedelta(days=10)))
    with pytest.raises(ValidationError):
        minutes.add_addendum(app_ctx, operator, mid, "Belum final")  # drafts are edited directly
    minutes.finalize(app_ctx, verifier, mid)
    final = reading.get_meeting(app_ctx, operator, mid)
    assert final.is_final and final.finalized_by_name == "Verifikator"
    assert final.finalized_at is not None and final.closing_time == time(12, 0)
    attendee, problem = d.attendees[0], d.problems[0]
    edits = [
        lambda: minutes.update_meeting(app_ctx, operator, mid, meeting_input(title="Baru")),
        lambda: minutes.save_agenda(app_ctx, operator, mid, [AgendaInput("X")]),
        lambda: minutes.save_agreements(app_ctx, operator, mid, ["Diubah"]),
        lambda: minutes.save_invitees(app_ctx, operator, mid, []),
        lambda: attendance.add_attendee(app_ctx, operator, mid, AttendeeInput("Terlambat")),
        lambda: attendance.update_attendee(app_ctx, operator, attendee.id, attendee.to_input()),
        lambda: attendance.set_present(app_ctx, operator, attendee.id, False),
        lambda: attendance.delete_attendee(app_ctx, operator, attendee.id),
        lambda: problems.add_problem(app_ctx, operator, mid, ProblemInput("bpd", "Baru")),
        lambda: problems.update_problem(app_ctx, operator, problem.id, problem.to_input()),
        lambda: problems.delete_problem(app_ctx, operator, problem.id),
        lambda: actions.add_action(app_ctx, operator, mid, ActionInput("Baru", "Seksi PMD")),
        lambda: actions.update_action(app_ctx, operator, action_id,
                                  ActionInput("Diubah", "Seksi PMD")),
        lambda: actions.delete_action(app_ctx, operator, action_id),
        lambda: minutes.delete_meeting(app_ctx, operator, mid),
        lambda: minutes.finalize(app_ctx, verifier, mid),
    ]
    for edit in edits:
        with pytest.raises(ConflictError) as err:
            edit()
        assert "addendum" in err.value.message
    after = reading.get_meeting(app_ctx, operator, mid)
    assert after.title == d.title and [a.text for a in after.agreements] == \
        [a.text for a in d.agreements]
    assert len(after.attendees) == 3
    minutes.add_addendum(app_ctx, operator, mid, "Ralat: laporan diserahkan paling lambat 14 hari.")
    after = reading.get_meeting(app_ctx, operator, mid)
    assert [a.text for a in after.addenda] == ["Ralat: laporan diserahkan paling lambat 14 hari."]
    rows = audit_rows(app_ctx, "meeting")
    assert [r.action for r in rows][-2:] == ["finalize", "addendum"]
    assert "14 hari" in json.loads(rows[-1].after_json)["text"]
    # Follow-up on the agreed action still works after the minutes are final.
    actions.record_action_update(app_ctx, operator, action_id, "in_progress", "Dijadwalkan")
    assert tracker.list_actions(app_ctx, operator)[0].status == "in_progress"


def test_copy_attendees_skips_people_already_listed(app_ctx, operator):
    first = full_meeting(app_ctx, operator)
    second = minutes.create_meeting(app_ctx, operator, meeting_input(title="Lanjutan"))
    attendance.add_attendee(app_ctx, operator, second, AttendeeInput("Ahmad Fauzi", "Kepala Desa",
                                                              "Desa Inan"))
    assert attendance.copy_attendees(app_ctx, operator, second, first) == 2
    people = reading.get_meeting(app_ctx, operator, second).attendees
    assert [p.name for p in people] == ["Ahmad Fauzi", "Siti Rahmah", "Budi"]
    assert [p.present for p in people] == [True, False, False]


def test_open_actions_are_carried_to_the_next_meeting_and_updated_there(app_ctx, operator):
    mid = full_meeting(app_ctx, operator)
    problem_id = reading.get_meeting(app_ctx, operator, mid).problems[0].id
    inan_open = actions.add_action(app_ctx, operator, mid, ActionInput(
        "Pendampingan laporan APBDes", "Seksi PMD", "unit", INAN, TODAY - timedelta(days=5),
        problem_id=problem_id))
    actions.add_action(app_ctx, operator, mid, ActionInput(
        "Perbaikan jaringan internet kantor desa", "Desa Halubau", "desa", HALUBAU,
        TODAY + timedelta(days=20)))
    actions.add_action(app_ctx, operator, mid, ActionInput(
        "Sudah beres", "Seksi PMD", "unit", INAN, status="done"))
    prepared = follow_up.prepare_next_meeting(app_ctx, operator, INAN, TODAY)
    assert [a.id for a in prepared.open_actions] == [inan_open]
    assert prepared.open_actions[0].overdue
    assert prepared.copied_attendees == 3
    nxt = reading.get_meeting(app_ctx, operator, prepared.meeting_id)
    assert nxt.desa_codes == [INAN] and nxt.chair_name == "Drs. H. Rahmadi"
    assert nxt.prepared_from_id == mid
    assert "Pembahasan tindak lanjut rapat sebelumnya" in [a.title for a in nxt.agenda]
    carried = follow_up.carried_actions(app_ctx, operator, prepared.meeting_id)
    assert [a.id for a in carried] == [inan_open]
    actions.record_action_update(app_ctx, operator, inan_open, "done", "Laporan sudah diserahkan",
                             meeting_id=prepared.meeting_id)
    nxt = reading.get_meeting(app_ctx, operator, prepared.meeting_id)
    assert [(u.action_id, u.new_status) for u in nxt.discussed_updates] == [(inan_open, "done")]
    # Closed now, but still listed in the meeting where it was discussed.
    assert [a.id for a in follow_up.carried_actions(app_ctx, operator, prepared.meeting_id)] == \
        [inan_open]
    assert follow_up.open_actions_for_desa(app_ctx, operator, [INAN]) == []
    done = [a for a in tracker.list_actions(app_ctx, operator) if a.id == inan_open][0]
    assert done.done_on == TODAY and done.closing_note == "Laporan sudah diserahkan"
    history = actions.action_history(app_ctx, operator, inan_open)
    assert [(h.old_status, h.new_status, h.meeting_id) for h in history] == \
        [("open", "done", prepared.meeting_id)]
    with pytest.raises(ValidationError):
        actions.record_action_update(app_ctx, operator, inan_open, "cancelled", "")


def test_tracker_filters_sort_and_page_in_sql(app_ctx, operator):
    old = minutes.create_meeting(app_ctx, operator, meeting_input(held_on=date(2026, 1, 15)))
    new = minutes.create_meeting(app_ctx, operator, meeting_input(held_on=date(2026, 6, 15),
                                                              desa_codes=[BUNGIN]))
    a1 = actions.add_action(app_ctx, operator, old, ActionInput(
        "Susun profil desa", "Seksi Pemerintahan", "unit", INAN, TODAY - timedelta(days=3)))
    a2 = actions.add_action(app_ctx, operator, old, ActionInput(
        "Bentuk tim siaga bencana", "Desa Halubau", "desa", HALUBAU, TODAY + timedelta(days=9)))
    a3 = actions.add_action(app_ctx, operator, new, ActionInput(
        "Data stunting diperbarui", "Puskesmas Paringin Selatan", "agency", BUNGIN,
        TODAY - timedelta(days=1)))
    actions.record_action_update(app_ctx, operator, a3, "done", "Data diserahkan")
    source = tracker.ActionPageSource(app_ctx, operator)

    def ids(**kw) -> list[int]:
        flt = ActionFilter(**kw)
        rows = source.fetch(flt, "due_date", False, 0, 50)
        assert source.count(flt) == len(rows)
        return [r.id for r in rows]

    assert ids() == [a1, a3, a2]
    assert ids(overdue_only=True) == [a1]
    assert ids(status="open_all") == [a1, a2]
    assert ids(status="done") == [a3]
    assert ids(desa_code=HALUBAU) == [a2]
    assert ids(owner="puskesmas") == [a3]
    assert ids(date_from=date(2026, 6, 1), date_to=date(2026, 6, 30)) == [a3]
    assert ids(text="bencana") == [a2]
    assert [r.id for r in source.fetch(None, "owner", True, 0, 2)] == [a1, a3]
    assert [r.id for r in source.fetch(None, "owner", True, 2, 2)] == [a2]
    assert "Puskesmas Paringin Selatan" in tracker.action_owners(app_ctx, operator)


def test_meeting_list_pages_and_filters(app_ctx, operator):
    ids = [minutes.create_meeting(app_ctx, operator, meeting_input(
        title=f"Rapat ke-{i}", held_on=date(2026, 3, i + 1),
        desa_codes=[BUNGIN] if i % 2 else [INAN])) for i in range(7)]
    source = listing.MeetingPageSource(app_ctx, operator)
    assert source.count(None) == 7
    page = source.fetch(None, "held_on", True, 0, 3)
    assert [r.id for r in page] == ids[::-1][:3]
    assert page[0].desa == "Inan" and page[1].desa == "Bungin" and page[0].status_label == "Draf"
    assert source.count(MeetingFilter(desa_code=BUNGIN)) == 3
    assert source.count(MeetingFilter(text="bungin")) == 3  # desa names are searched too
    assert source.count(MeetingFilter(text="ke-4")) == 1
    assert source.count(MeetingFilter(date_from=date(2026, 3, 3), date_to=date(2026, 3, 4))) == 2


def test_recap_counts_for_a_period(app_ctx, operator, pimpinan):
    today = date(2026, 11, 25)
    m1 = minutes.create_meeting(app_ctx, operator, meeting_input(held_on=date(2026, 10, 5)))
    m2 = minutes.create_meeting(app_ctx, operator, meeting_input(
        kind="kunjungan", held_on=date(2026, 10, 20), desa_codes=[INAN]))
    outside = minutes.create_meeting(app_ctx, operator, meeting_input(held_on=date(2026, 8, 1)))
    for mid in (m1, m2, outside):
        attendance.add_attendee(app_ctx, operator, mid, AttendeeInput("Peserta", gender="L"))
    problems.add_problem(app_ctx, operator, m1, ProblemInput("stunting", "Balita gizi kurang", INAN))
    problems.add_problem(app_ctx, operator, m2, ProblemInput("stunting", "Posyandu sepi", INAN))
    problems.add_problem(app_ctx, operator, m2, ProblemInput("bpd", "BPD jarang rapat", INAN))
    problems.add_problem(app_ctx, operator, outside, ProblemInput("bpd", "Di luar periode"))
    on_time = actions.add_action(app_ctx, operator, m1, ActionInput(
        "A", "Seksi PMD", due_date=date(2026, 10, 30)))
    late = actions.add_action(app_ctx, operator, m1, ActionInput(
        "B", "Seksi PMD", due_date=date(2026, 10, 10)))
    actions.add_action(app_ctx, operator, m2, ActionInput("C", "Desa Inan",
                                                      due_date=date(2026, 11, 1)))  # overdue
    actions.add_action(app_ctx, operator, m2, ActionInput("D", "Desa Inan",
                                                      due_date=date(2026, 12, 31)))  # open
    cancelled = actions.add_action(app_ctx, operator, m2, ActionInput("E", "Desa Inan"))
    actions.add_action(app_ctx, operator, outside, ActionInput("F", "Desa Inan"))
    actions.record_action_update(app_ctx, operator, on_time, "done", "ok",
                             done_on=date(2026, 10, 28))
    actions.record_action_update(app_ctx, operator, late, "done", "terlambat",
                             done_on=date(2026, 10, 25))
    actions.record_action_update(app_ctx, operator, cancelled, "cancelled", "tidak relevan")
    minutes.finalize(app_ctx, pimpinan, m1)
    r = recap.recap(app_ctx, pimpinan, date(2026, 10, 1), date(2026, 10, 31), today=today)
    assert (r.meetings, r.final_meetings, r.attendees_present) == (2, 1, 2)
    assert r.meetings_per_desa == [("Inan", 2), ("Halubau", 1)]
    assert r.meetings_per_kind == [("Kunjungan koordinasi desa", 1),
                                   ("Rapat koordinasi kecamatan", 1)]
    assert r.problems == 3
    assert r.problems_per_topic == [("Stunting dan gizi", 2),
                                    ("Badan Permusyawaratan Desa (BPD)", 1)]
    assert (r.actions, r.done_on_time, r.done_late, r.open, r.overdue, r.cancelled) == \
        (5, 1, 1, 2, 1, 1)
    assert r.completion_rate == pytest.approx(50.0)
    with pytest.raises(ValidationError):
        recap.recap(app_ctx, pimpinan, date(2026, 10, 31), date(2026, 10, 1))


def test_search_covers_meetings_problems_agreements_actions(app_ctx, operator):
    mid = full_meeting(app_ctx, operator)
    actions.add_action(app_ctx, operator, mid, ActionInput("Pelatihan SISKEUDES bagi operator",
                                                       "Seksi PMD"))
    other = minutes.create_meeting(app_ctx, operator, meeting_input(title="Sosialisasi posyandu"))
    kinds = {h.kind for h in listing.search(app_ctx, operator, "laporan")}
    assert kinds == {"Masalah", "Kesepakatan"}
    hits = listing.search(app_ctx, operator, "siskeudes operator")
    assert [(h.kind, h.meeting_id) for h in hits] == [("Tindak lanjut", mid)]
    assert [h.meeting_id for h in listing.search(app_ctx, operator, "POSYANDU")] == [other]
    assert listing.search(app_ctx, operator, "   ") == []


def test_desa_timeline(app_ctx, operator):
    mid = full_meeting(app_ctx, operator)
    act = actions.add_action(app_ctx, operator, mid, ActionInput(
        "Pendampingan laporan", "Seksi PMD", desa_code=INAN, due_date=TODAY - timedelta(days=1)))
    profile = desa_profile.desa_timeline(app_ctx, operator, INAN)
    assert (profile.desa_name, profile.meetings, profile.problems) == ("Inan", 1, 1)
    assert (profile.open_actions, profile.overdue_actions) == (1, 1)
    kinds = [e.kind for e in profile.events]
    assert kinds == ["Rapat", "Masalah", "Tindak lanjut"]
    assert profile.events[2].overdue and profile.events[2].action_id == act
    actions.record_action_update(app_ctx, operator, act, "in_progress", "Jadwal pendampingan")
    profile = desa_profile.desa_timeline(app_ctx, operator, INAN)
    assert profile.events[0].kind == "Perkembangan"
    assert profile.events[0].detail == "Jadwal pendampingan"
    assert desa_profile.desa_timeline(app_ctx, operator, BUNGIN).events == []


def test_kinds_and_topics_are_admin_editable(app_ctx, admin):
    assert [k.code for k in reference.list_kinds(app_ctx)] == [
        "kunjungan", "rakor", "rembuk", "pokja", "sosialisasi"]
    assert len(reference.list_topics(app_ctx)) == 10
    code = reference.save_kind(app_ctx, admin, None, "Rapat Minggon")
    assert code == "rapat_minggon" and reference.list_kinds(app_ctx)[-1].label == "Rapat Minggon"
    with pytest.raises(ConflictError):
        reference.save_topic(app_ctx, admin, None, "stunting dan gizi")
    reference.save_topic(app_ctx, admin, "lainnya", "Lain-lain", active=False)
    assert "lainnya" not in [t.code for t in reference.list_topics(app_ctx)]
    assert audit_rows(app_ctx, "meeting_kind")[0].action == "create"
    assert audit_rows(app_ctx, "problem_topic")[0].action == "update"


def test_delete_draft_meeting_removes_its_rows(app_ctx, operator):
    mid = full_meeting(app_ctx, operator)
    actions.add_action(app_ctx, operator, mid, ActionInput("X", "Seksi PMD"))
    minutes.delete_meeting(app_ctx, operator, mid)
    assert listing.MeetingPageSource(app_ctx, operator).count(None) == 0
    assert tracker.list_actions(app_ctx, operator) == []
    assert audit_rows(app_ctx, "meeting")[-1].action == "delete"


def test_count_attendance_helper():
    from desktop_app.meetings.domain import AttendeeLike

    c = count_attendance([AttendeeLike("Desa Inan", "L", True), AttendeeLike("", "P", True),
                          AttendeeLike("Desa Inan", "P", False)])
    assert (c.invited, c.present, c.male, c.female) == (3, 2, 1, 1)
    assert c.by_group == {"Desa Inan": 1, "Lainnya": 1}


def test_meeting_and_invitees_save_in_one_transaction(app_ctx, operator):
    """A refused invitee (unknown desa) leaves the meeting as it was: one unit of work."""
    from desktop_app.meetings.services import minutes as meeting_minutes
    from desktop_app.meetings.services.dto import InviteeInput

    with pytest.raises(ValidationError):
        meeting_minutes.save_meeting(app_ctx, operator, None, meeting_input(),
                                     [InviteeInput("Kepala Desa Entah", "desa", desa_code="99")])
    assert listing.list_meetings(app_ctx, operator) == []
    mid = meeting_minutes.save_meeting(app_ctx, operator, None, meeting_input(),
                                       [InviteeInput("Kepala Desa Inan", "desa", desa_code=INAN)])
    with pytest.raises(ValidationError):
        meeting_minutes.save_meeting(app_ctx, operator, mid, meeting_input(title="Judul baru"),
                                     [InviteeInput("Kepala Desa Entah", "desa", desa_code="99")])
    d = reading.get_meeting(app_ctx, operator, mid)
    assert d.title == "Rapat koordinasi desa Inan dan Halubau"
    assert [i.name for i in d.invitees] == ["Kepala Desa Inan"]


def test_another_feature_records_a_whole_meeting_in_one_call(app_ctx, operator):
    """The API for REMBUK REMAS: a rembuk with agenda (notulen), attendance and agreements in
    one transaction; a refused attendee keeps nothing."""
    from desktop_app.meetings.services import recording
    from desktop_app.meetings.services.dto import InviteeInput

    record = recording.MeetingRecord(
        meeting_input(kind="rembuk", title="Rembuk REMAS 2027"),
        invitees=[InviteeInput("Kepala Bappedalitbang", "agency")],
        agenda=[AgendaInput("Paparan permasalahan makro", "Angka stunting masih tinggi.")],
        attendees=[AttendeeInput("Ahmad Fauzi", "Kepala Desa", "Desa Inan", INAN, gender="L"),
                   AttendeeInput("", phone="12ab")],
        agreements=["Usulan penanganan stunting menjadi prioritas."])
    with pytest.raises(ValidationError):
        recording.record_meeting(app_ctx, operator, record)
    assert listing.list_meetings(app_ctx, operator) == []
    record.attendees = record.attendees[:1]
    mid = recording.record_meeting(app_ctx, operator, record)
    d = reading.get_meeting(app_ctx, operator, mid)
    assert (d.kind, d.kind_label) == ("rembuk", "Rembuk")
    assert [a.discussion for a in d.agenda] == ["Angka stunting masih tinggi."]
    assert [a.name for a in d.attendees] == ["Ahmad Fauzi"] and d.attendance.present == 1
    assert [a.text for a in d.agreements] == ["Usulan penanganan stunting menjadi prioritas."]
    assert [i.name for i in d.invitees] == ["Kepala Bappedalitbang"]
    with pytest.raises(PermissionDenied):
        recording.record_meeting(app_ctx, Actor(None, "x", "X", Role.PIMPINAN), record)


def test_letter_number_continues_the_years_sequence(app_ctx, operator, admin):
    from desktop_app.app.demo import demo_profile
    from desktop_app.core.services import office
    from desktop_app.meetings.services import minutes as meeting_minutes

    office.save_profile(app_ctx, admin, demo_profile())
    assert meeting_minutes.next_letter_sequence(app_ctx, 2026) == 1
    for number, year in ((17, 2026), (116, 2026), (300, 2025)):
        meeting_minutes.create_meeting(app_ctx, operator, meeting_input(
            letter_number=meeting_minutes.suggest_letter_number(app_ctx, number,
                                                                date(year, 5, 1)),
            letter_date=date(year, 5, 1)))
    meeting_minutes.create_meeting(app_ctx, operator, meeting_input(
        letter_number="tulisan tangan", letter_date=date(2026, 6, 1)))
    assert meeting_minutes.next_letter_sequence(app_ctx, 2026) == 117
    assert meeting_minutes.next_letter_sequence(app_ctx, 2025) == 301
