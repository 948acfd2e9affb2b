"""Two desks on the same REMBUK REMAS records: every form sends the version it loaded; a save
over a record another desk changed meanwhile is refused with who changed what and when, and
the stored record stays as the other desk left it. SQLite and PostgreSQL (make test runs the
suite on both)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desktop_app.core.domain import clock
from desktop_app.core.domain.errors import ConflictError, RecordChangedError
from desktop_app.core.domain.roles import Role
from desktop_app.planning.domain.labels import PlanningLevel
from desktop_app.planning.domain.screening import ScreeningInput
from desktop_app.planning.services import (
    accountability,
    frame,
    proposals,
    rembuk,
    scoring,
    screening,
)
from desktop_app.ranking.domain.methods import Criterion, Direction
from tests.conftest import make_user
from tests.planning.conftest import INAN, KECAMATAN, YEAR, proposal

BUDI = "Budi Santoso (budi)"


@pytest.fixture
def budi(app_ctx):
    return make_user(app_ctx, "budi", Role.ADMIN, "Budi Santoso")


def _priority(app, admin, code):
    return next(p for p in frame.list_priorities(app, admin, YEAR) if p.code == code)


def test_a_stale_priority_save_is_refused(planned, second_desk, budi):
    app, admin, _ids = planned
    mine = _priority(app, admin, "P1")
    theirs = _priority(second_desk, budi, "P1")
    theirs.target = "80% jalan mantap"
    frame.save_priorities(second_desk, budi, [theirs])
    mine.title = "Infrastruktur jalan, jembatan dan drainase"
    p2 = _priority(app, admin, "P2")
    p2.target = "4,5%"
    with pytest.raises(RecordChangedError) as refused:
        frame.save_priorities(app, admin, [p2, mine])  # all or none
    assert refused.value.fields == ("Sasaran",)
    assert refused.value.changed_by == BUDI
    assert "Prioritas P1" in refused.value.message
    stored = {p.code: p for p in frame.list_priorities(app, admin, YEAR)}
    assert stored["P1"].title == "Infrastruktur jalan dan drainase"
    assert stored["P1"].target == "80% jalan mantap"
    assert stored["P2"].target == "4,9%"  # the other row of the refused save is not written
    # Reloaded, the same change goes through and keeps the other desk's target.
    fresh = stored["P1"]
    fresh.title = "Infrastruktur jalan, jembatan dan drainase"
    frame.save_priorities(app, admin, [fresh])
    final = _priority(second_desk, budi, "P1")
    assert (final.title, final.target) == ("Infrastruktur jalan, jembatan dan drainase",
                                           "80% jalan mantap")


def test_a_stale_theme_and_macro_problem_are_refused(planned, second_desk, budi):
    app, admin, _ids = planned
    frame.save_year(app, admin, YEAR, "Tema lama")
    mine_year = next(y for y in frame.list_years(app, admin) if y.year == YEAR)
    frame.save_year(second_desk, budi, YEAR, "Tema dari meja B", version=mine_year.version)
    with pytest.raises(RecordChangedError) as refused:
        frame.save_year(app, admin, YEAR, "Tema dari meja A", version=mine_year.version)
    assert refused.value.fields == ("Tema RKPD",) and refused.value.changed_by == BUDI
    assert next(y for y in frame.list_years(app, admin) if y.year == YEAR).theme == \
        "Tema dari meja B"

    mine = frame.list_macro_problems(app, admin, YEAR)[0]
    theirs = frame.list_macro_problems(second_desk, budi, YEAR)[0]
    theirs.indicators = [*(theirs.indicators or []), frame.IndicatorInfo(
        None, "Tingkat pengangguran terbuka", 2025, 4.1, "%")]
    frame.save_macro_problem(second_desk, budi, theirs)  # only the indicators changed
    mine.title = "Kemiskinan ekstrem"
    with pytest.raises(RecordChangedError) as refused:
        frame.save_macro_problem(app, admin, mine)
    assert "Indikator" in refused.value.fields
    stored = frame.list_macro_problems(app, admin, YEAR)[0]
    assert stored.title == "Kemiskinan" and len(stored.indicators or []) == 2


def test_a_stale_ceiling_is_refused_also_when_added_or_removed(planned, second_desk, budi):
    app, admin, _ids = planned
    mine = {c.region_code: c for c in frame.list_ceilings(app, admin, YEAR)}
    frame.save_ceilings(second_desk, budi, YEAR,
                        [(KECAMATAN, 450_000_000, mine[KECAMATAN].version)])
    with pytest.raises(RecordChangedError) as refused:
        frame.save_ceilings(app, admin, YEAR, [(KECAMATAN, 380_000_000,
                                                mine[KECAMATAN].version)])
    assert refused.value.fields == ("Pagu indikatif",) and refused.value.changed_by == BUDI
    assert frame.list_ceilings(app, admin, YEAR)[0].amount == 450_000_000
    # A pagu shown as not set (version 0) that another desk set meanwhile.
    other = "63.11.01"
    frame.save_ceilings(second_desk, budi, YEAR, [(other, 100_000_000, 0)])
    with pytest.raises(RecordChangedError):
        frame.save_ceilings(app, admin, YEAR, [(other, 90_000_000, 0)])
    # A pagu removed on the other desk is not set again from the old page.
    now = {c.region_code: c for c in frame.list_ceilings(app, admin, YEAR)}
    frame.save_ceilings(second_desk, budi, YEAR, [(other, None, now[other].version)])
    with pytest.raises(RecordChangedError):
        frame.save_ceilings(app, admin, YEAR, [(other, 95_000_000, now[other].version)])
    assert other not in {c.region_code for c in frame.list_ceilings(app, admin, YEAR)}


def test_a_stale_catalogue_entry_is_refused(app_ctx, second_desk, admin, budi):
    eid = frame.save_catalogue_entry(app_ctx, admin, frame.CatalogueInfo(
        None, "UJI-99", "Rabat beton jalan lingkungan", "m2", 250_000))
    mine = frame.get_catalogue_entry(app_ctx, admin, eid)
    theirs = frame.get_catalogue_entry(second_desk, budi, eid)
    theirs.unit_price = 275_000
    frame.save_catalogue_entry(second_desk, budi, theirs)
    mine.work = "Rabat beton jalan desa"
    with pytest.raises(RecordChangedError) as refused:
        frame.save_catalogue_entry(app_ctx, admin, mine)
    assert refused.value.fields == ("Harga satuan",) and refused.value.changed_by == BUDI
    stored = frame.get_catalogue_entry(app_ctx, admin, eid)
    assert (stored.work, stored.unit_price) == ("Rabat beton jalan lingkungan", 275_000)


def test_a_criteria_set_saved_from_an_older_one_is_refused(app_ctx, second_desk, admin, budi):
    shown = next(s for s in scoring.list_sets(app_ctx, admin, "fisik") if s.active)
    theirs = [Criterion("urgency", "Kemendesakan", Direction.BENEFIT, 1.0, "urgency")]
    scoring.save_set(second_desk, budi, "fisik", "Kriteria meja B", theirs,
                     based_on=shown.version)
    with pytest.raises(RecordChangedError) as refused:
        scoring.save_set(app_ctx, admin, "fisik", "Kriteria meja A", shown.criteria,
                         based_on=shown.version)
    assert refused.value.changed_by == BUDI and "Kriteria" in refused.value.fields
    active = next(s for s in scoring.list_sets(app_ctx, admin, "fisik") if s.active)
    assert active.name == "Kriteria meja B"


def new_rembuk(app, admin) -> tuple[int, int]:
    """One usulan at the kecamatan and the kecamatan's rembuk: (rembuk id, proposal id)."""
    pid = proposals.create_proposal(app, admin, proposal(INAN), level=PlanningLevel.KECAMATAN).id
    rid = rembuk.create_rembuk(app, admin, rembuk.RembukInput(
        YEAR, "kecamatan", KECAMATAN, date(2026, 2, 10), "Aula Kantor Kecamatan",
        chair=("MEGAWATI, S.Pd, M.Pd", "Camat Paringin Selatan", "")))
    return rid, pid


@pytest.fixture
def kec(planned):
    app, admin, ids = planned
    return (app, admin, ids, *new_rembuk(app, admin))


def test_stale_delegates_are_refused(kec, second_desk, budi):
    app, admin, _ids, rid, _pid = kec
    mine = rembuk.get_rembuk(app, admin, rid)
    theirs = rembuk.get_rembuk(second_desk, budi, rid)
    rembuk.save_delegates(second_desk, budi, rid, [rembuk.DelegateInfo("Hj. Rahmah")],
                          version=theirs.version)
    with pytest.raises(RecordChangedError) as refused:
        rembuk.save_delegates(app, admin, rid, [rembuk.DelegateInfo("H. Basuni")],
                              version=mine.version)
    assert refused.value.fields == ("Delegasi",) and refused.value.changed_by == BUDI
    assert [d.name for d in rembuk.get_rembuk(app, admin, rid).delegates] == ["Hj. Rahmah"]


def _ready(app, admin, ids, rid, pid) -> None:
    """Every usulan decided and ranked: the result can be fixed."""
    screening.save_screening(app, admin, rid, pid, ScreeningInput(
        verdict="lolos", priority_id=ids["P1"], scores=dict(urgency=5, damage=5),
        aligned=True, within_ceiling=True, direct_impact=True, core_problem=True,
        authority_ok=True, land_ok=True), proposals.get_detail(app, admin, pid).version)
    scoring.rank_rembuk(app, admin, rid)


def test_fixing_reopening_and_forwarding_a_changed_rembuk_are_refused(kec, second_desk, budi):
    app, admin, ids, rid, pid = kec
    _ready(app, admin, ids, rid, pid)
    mine = rembuk.get_rembuk(app, admin, rid)
    rembuk.finalize(second_desk, budi, rid, "000.7.1/12/Kec-PS/2026",
                    version=rembuk.get_rembuk(second_desk, budi, rid).version)
    with pytest.raises(RecordChangedError) as refused:
        rembuk.finalize(app, admin, rid, "000.7.1/99/Kec-PS/2026", version=mine.version)
    assert refused.value.changed_by == BUDI
    assert refused.value.fields == ("Nomor berita acara", "Penetapan", "Status")
    assert "isian lain" not in refused.value.message
    assert rembuk.get_rembuk(app, admin, rid).ba_number == "000.7.1/12/Kec-PS/2026"

    fixed = rembuk.get_rembuk(app, admin, rid)
    rembuk.reopen(second_desk, budi, rid, "Putusan Drainase diperbaiki",
                  version=rembuk.get_rembuk(second_desk, budi, rid).version)
    with pytest.raises(RecordChangedError) as refused:  # forwarding what is no longer fixed
        rembuk.forward(app, admin, rid, version=fixed.version)
    assert "Status" in refused.value.fields
    with pytest.raises(RecordChangedError):
        rembuk.reopen(app, admin, rid, "Alasan lain", version=fixed.version)
    assert proposals.get_detail(app, admin, pid).level == "kecamatan"
    assert rembuk.get_rembuk(app, admin, rid).status == "berjalan"


def test_a_realisation_step_over_a_changed_usulan_is_refused(kec, second_desk, budi):
    app, admin, ids, rid, pid = kec
    _ready(app, admin, ids, rid, pid)  # passed at the kecamatan: its realisation is tracked
    source = accountability.TrackedPageSource(app, admin)
    row = source.row(pid)
    today = clock.today()
    accountability.record_step(second_desk, budi, pid, "rkpd", today,
                               expected_version=source.row(pid).version)
    with pytest.raises(RecordChangedError) as refused:
        accountability.record_step(app, admin, pid, "rkpd", today, expected_version=row.version)
    assert set(refused.value.fields) == {"Tahap realisasi", "Tanggal realisasi"}
    assert refused.value.changed_by == BUDI
    assert [s.stage for s in proposals.get_detail(app, admin, pid).realisations] == ["rkpd"]
    # Reloaded, the next step is recorded after the other desk's.
    accountability.record_step(app, admin, pid, "apbd", today,
                               expected_version=source.row(pid).version)
    with pytest.raises(ConflictError):  # a version from before that step: refused again
        accountability.record_step(app, admin, pid, "berjalan", today,
                                   expected_version=row.version)
    assert [s.stage for s in proposals.get_detail(app, admin, pid).realisations] == \
        ["rkpd", "apbd"]


def test_a_verdict_over_one_given_meanwhile_is_refused(kec, second_desk, budi):
    app, admin, ids, rid, pid = kec
    shown = proposals.get_detail(app, admin, pid).version
    screening.save_screening(second_desk, budi, rid, pid, ScreeningInput(
        verdict="tidak_diakomodir", reasons=["tidak_selaras"],
        note="Kewenangan provinsi."), shown)
    with pytest.raises(RecordChangedError) as refused:
        screening.save_screening(app, admin, rid, pid, ScreeningInput(
            verdict="lolos", priority_id=ids["P1"], aligned=True, within_ceiling=True,
            direct_impact=True, core_problem=True, authority_ok=True, land_ok=True), shown)
    assert refused.value.changed_by == BUDI
    assert {"Putusan", "Alasan", "Catatan"} <= set(refused.value.fields)
    assert screening.get_row(app, admin, rid, pid).verdict == "tidak_diakomodir"


def test_a_stale_proposal_correction_names_who_changed_what(planned, second_desk, budi):
    app, admin, _ids = planned
    pid = proposals.create_proposal(app, admin, proposal(INAN)).id
    mine = proposals.get_detail(app, admin, pid)
    theirs = proposals.get_detail(second_desk, budi, pid)
    proposals.update_proposal(second_desk, budi, pid, replace(theirs.data, volume=150),
                              theirs.version)
    with pytest.raises(RecordChangedError) as refused:
        proposals.update_proposal(app, admin, pid, replace(mine.data, work="Rabat beton RT 04"),
                                  mine.version)
    assert refused.value.changed_by == BUDI
    assert {"Volume", "Perkiraan biaya"} <= set(refused.value.fields)
    stored = proposals.get_detail(app, admin, pid).data
    assert (stored.work, stored.volume) == ("Rabat beton jalan RT 03", 150)
    with pytest.raises(RecordChangedError):  # nor deleted from the list shown before
        proposals.delete_proposal(app, admin, pid, version=mine.version)
    assert proposals.get_detail(app, admin, pid).number


def test_a_verdict_given_elsewhere_does_not_refuse_the_delegates(kec, second_desk, budi):
    app, admin, ids, rid, pid = kec
    _ready(app, admin, ids, rid, pid)  # ranked
    shown = rembuk.get_rembuk(app, admin, rid)
    screening.save_screening(second_desk, budi, rid, pid, ScreeningInput(
        verdict="tidak_diakomodir", reasons=["tidak_selaras"], note="Tidak selaras."),
        proposals.get_detail(second_desk, budi, pid).version)
    rembuk.save_delegates(app, admin, rid, [rembuk.DelegateInfo("H. Basuni")],
                          version=shown.version)
    info = rembuk.get_rembuk(app, admin, rid)
    assert [d.name for d in info.delegates] == ["H. Basuni"] and info.ranked_at is None


def test_a_new_year_made_elsewhere_keeps_its_theme(planned, second_desk, budi):
    app, admin, _ids = planned
    frame.save_year(second_desk, budi, 2028, "Tema 2028 dari meja B", version=0)
    with pytest.raises(ConflictError, match="Tahun rencana 2028 sudah ada"):
        frame.save_year(app, admin, 2028, version=0)  # «Tahun rencana baru…» on desk A
    assert next(y for y in frame.list_years(app, admin) if y.year == 2028).theme == \
        "Tema 2028 dari meja B"


def test_a_move_between_utama_and_cadangan_over_a_changed_usulan_is_refused(kec, second_desk,
                                                                            budi):
    from desktop_app.planning.domain.labels import PriorityTier

    app, admin, ids, rid, pid = kec
    _ready(app, admin, ids, rid, pid)  # ranked: UTAMA within the pagu
    shown = screening.get_row(app, admin, rid, pid)
    assert shown.priority_tier == "utama"
    scoring.move_tier(second_desk, budi, rid, pid, PriorityTier.RESERVE, "Lahan belum jelas",
                      version=screening.get_row(second_desk, budi, rid, pid).version)
    scoring.move_tier(second_desk, budi, rid, pid, PriorityTier.MAIN, "Lahan sudah hibah",
                      version=screening.get_row(second_desk, budi, rid, pid).version)
    with pytest.raises(RecordChangedError) as refused:  # the page still shows the first state
        scoring.move_tier(app, admin, rid, pid, PriorityTier.RESERVE, "Dari meja A",
                          version=shown.version)
    assert refused.value.changed_by == BUDI
    assert refused.value.fields == ("UTAMA/CADANGAN",)
    assert "sudah diubah di meja lain" in refused.value.message
    assert screening.get_row(app, admin, rid, pid).priority_tier == "utama"
    events = [e.text for e in proposals.get_detail(app, admin, pid).events]
    assert not any("Dari meja A" in t for t in events)
    # Reloaded, the same move goes through.
    scoring.move_tier(app, admin, rid, pid, PriorityTier.RESERVE, "Dari meja A",
                      version=screening.get_row(app, admin, rid, pid).version)
    assert screening.get_row(second_desk, budi, rid, pid).priority_tier == "cadangan"


def test_a_stale_acknowledger_is_refused(kec, second_desk, budi):
    app, admin, _ids, rid, _pid = kec
    mine = rembuk.get_rembuk(app, admin, rid)
    theirs = rembuk.get_rembuk(second_desk, budi, rid)
    rembuk.save_delegates(second_desk, budi, rid, [], version=theirs.version, acknowledger=(
        "Drs. H. Sutikno, M.AP", "Sekretaris Daerah Kabupaten Balangan", "196905141994031006"))
    with pytest.raises(RecordChangedError) as refused:
        rembuk.save_delegates(app, admin, rid, [], version=mine.version, acknowledger=(
            "Ir. H. Rahmadi, M.T", "Kepala Bappedalitbang", ""))
    assert refused.value.changed_by == BUDI
    assert set(refused.value.fields) == {"Mengetahui: nama", "Mengetahui: jabatan",
                                         "Mengetahui: NIP"}
    assert rembuk.get_rembuk(app, admin, rid).acknowledger[0] == "Drs. H. Sutikno, M.AP"
