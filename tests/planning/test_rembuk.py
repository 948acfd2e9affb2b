"""A kecamatan rembuk from start to forward: the meeting in the log with the data presented,
screening with the seed's four tests and reasons, returned for revision and back, ranking
with the ranking engine, UTAMA until the ceiling and CADANGAN after, fixed, forwarded."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.core.domain.errors import ConflictError, ValidationError
from desktop_app.meetings.services import reading as meeting_log
from desktop_app.planning.domain.labels import PlanningLevel, PriorityTier
from desktop_app.planning.domain.screening import ScreeningInput
from desktop_app.planning.services import proposals, rembuk, scoring, screening
from tests.planning.conftest import BINJAI, HALUBAU, INAN, KECAMATAN, YEAR, proposal

ALL_PASS = dict(aligned=True, within_ceiling=True, direct_impact=True, core_problem=True,
                authority_ok=True, land_ok=True)


def passed(priority_id: int, **scores: float) -> ScreeningInput:
    return ScreeningInput(verdict="lolos", priority_id=priority_id, scores=scores, **ALL_PASS)


def _kecamatan(app, admin):
    return rembuk.create_rembuk(app, admin, rembuk.RembukInput(
        YEAR, "kecamatan", KECAMATAN, date(2026, 2, 10), "Aula Kantor Kecamatan Paringin Selatan",
        chair=("MEGAWATI, S.Pd, M.Pd", "Camat Paringin Selatan", "197503122000032004"),
        minute_taker=("Nor Hasanah, S.E", "Kasi PMD", "")))


def _version(app, admin, pid):
    return proposals.get_detail(app, admin, pid).version


def _screen(app, admin, rid, pid, data):
    return screening.save_screening(app, admin, rid, pid, data, _version(app, admin, pid))


@pytest.fixture
def kec(planned):
    app, admin, ids = planned
    costs = [(INAN, "Rabat beton RT 03", 200, 1_000_000),      # 200 jt
             (HALUBAU, "Drainase Halubau", 150, 1_000_000),    # 150 jt
             (BINJAI, "Jembatan Binjai", 1, 120_000_000),     # 120 jt
             (INAN, "Sumur bor RT 05", 1, 30_000_000),         # 30 jt
             (HALUBAU, "Balai pertemuan", 1, 90_000_000)]      # 90 jt
    pids = [proposals.create_proposal(app, admin, proposal(d, w, v, p),
                                      level=PlanningLevel.KECAMATAN).id
            for d, w, v, p in costs]
    rid = _kecamatan(app, admin)
    return app, admin, ids, rid, pids


def test_rembuk_is_a_meeting_with_the_data_presented(kec):
    app, admin, _ids, rid, _pids = kec
    info = rembuk.get_rembuk(app, admin, rid)
    assert info.level == "kecamatan" and info.ceiling == 400_000_000
    assert info.counts.total == 5 and info.counts.pending == 5
    meeting = meeting_log.get_meeting(app, admin, info.meeting_id)
    assert meeting.kind == "rembuk" and "Musrenbang Kecamatan" in meeting.title
    paparan = meeting.agenda[1].discussion
    assert "Kemiskinan" in paparan and "Penduduk miskin" in paparan
    assert "Rp400.000.000" in paparan
    with pytest.raises(ConflictError):
        _kecamatan(app, admin)  # one Musrenbang per tier, region and year


def test_verdict_rules(kec):
    app, admin, ids, rid, pids = kec
    with pytest.raises(ValidationError) as err:
        _screen(app, admin, rid, pids[0], ScreeningInput(verdict="tidak_diakomodir"))
    assert {"reasons", "note"} <= set(err.value.field_errors)
    with pytest.raises(ValidationError) as err:
        _screen(app, admin, rid, pids[0], ScreeningInput(
            verdict="lolos", priority_id=ids["P1"], **{**ALL_PASS, "land_ok": False}))
    assert "Lahan" in err.value.field_errors["verdict"]
    with pytest.raises(ValidationError) as err:
        _screen(app, admin, rid, pids[0], ScreeningInput(verdict="dialihkan",
                                                         redirect_target="skpd_lain"))
    assert "redirect_detail" in err.value.field_errors
    row = _screen(app, admin, rid, pids[4], ScreeningInput(
        verdict="tidak_diakomodir", reasons=["bukan_masalah_pokok", "tidak_berdampak"],
        note="Balai pertemuan tidak menjawab masalah pokok desa (akses jalan).",
        core_problem=False, direct_impact=False))
    assert "Tidak menjawab masalah pokok desa" in row.reason_text


def test_returned_for_revision_goes_back_and_history_is_kept(kec):
    app, admin, _ids, rid, pids = kec
    _screen(app, admin, rid, pids[1], ScreeningInput(
        verdict="perbaikan", note="Lengkapi surat hibah lahan dan gambar rencana."))
    detail = proposals.get_detail(app, admin, pids[1])
    assert detail.returned
    with pytest.raises(ConflictError):  # no verdict while it is with the desa
        _screen(app, admin, rid, pids[1], ScreeningInput(verdict="tidak_diakomodir",
                                                         reasons=["lainnya"], note="x"))
    proposals.update_proposal(app, admin, pids[1], proposal(HALUBAU, "Drainase Halubau", 120,
                                                            1_000_000,
                                                            land_note="Surat hibah 3/2026"),
                              detail.version)
    detail = proposals.get_detail(app, admin, pids[1])
    assert not detail.returned
    kec_tier = detail.tier("kecamatan")
    assert kec_tier.verdict is None and kec_tier.cost == 120_000_000
    texts = [e.text for e in detail.events]
    assert any("Dikembalikan ke Desa/Kelurahan untuk perbaikan: Lengkapi surat hibah" in t
               for t in texts)
    assert "Diperbaiki dan diajukan kembali." in texts


def test_rank_split_move_finalize_forward(kec):
    app, admin, ids, rid, pids = kec
    # Scores: urgency, damage on 1–5; the desa's core problem first.
    scores = [dict(urgency=5, damage=5), dict(urgency=4, damage=4), dict(urgency=4, damage=5),
              dict(urgency=3, damage=2)]
    for pid, sc in zip(pids[:4], scores, strict=True):
        _screen(app, admin, rid, pid, passed(ids["P1"], **sc))
    _screen(app, admin, rid, pids[4], ScreeningInput(
        verdict="dialihkan", redirect_target="apbdes", authority_ok=False,
        note="Dapat dibiayai Dana Desa."))
    with pytest.raises(ValidationError):  # ranking first
        rembuk.finalize(app, admin, rid)
    summary = scoring.rank_rembuk(app, admin, rid)
    assert summary.ranked == 4 and summary.ceiling == 400_000_000
    rows = screening.ScreeningPageSource(app, admin, rid).fetch(None, "rank", False, 0, 10)
    ranked = [(r.work, r.rank, r.priority_tier) for r in rows if r.rank]
    # rank order: rabat (200) + jembatan (120) = 320 ≤ 400; drainase (150) exceeds → CADANGAN,
    # and so does everything after it, even the small sumur bor (strict split).
    assert ranked == [("Rabat beton RT 03", 1, "utama"), ("Jembatan Binjai", 2, "utama"),
                      ("Drainase Halubau", 3, "cadangan"), ("Sumur bor RT 05", 4, "cadangan")]
    assert summary.remaining == 80_000_000
    with pytest.raises(ConflictError) as err:  # 150 jt does not fit into 80 jt
        scoring.move_tier(app, admin, rid, pids[1], PriorityTier.MAIN)
    assert "Rp80.000.000" in err.value.message
    scoring.move_tier(app, admin, rid, pids[3], PriorityTier.MAIN, "Sisa pagu mencukupi")
    info = rembuk.get_rembuk(app, admin, rid)
    assert info.counts.main_count == 3 and info.remaining == 50_000_000

    info = rembuk.finalize(app, admin, rid)
    assert info.status == "final" and info.ba_number.startswith("000.7.1/")
    with pytest.raises(ConflictError):  # locked after it is fixed
        _screen(app, admin, rid, pids[0], passed(ids["P1"], urgency=1, damage=1))
    moved = rembuk.forward(app, admin, rid)
    assert moved == 4
    detail = proposals.get_detail(app, admin, pids[0])
    assert detail.level == "kabupaten" and detail.tier("kabupaten").cost == 200_000_000
    redirected = proposals.get_detail(app, admin, pids[4])
    assert redirected.level == "kecamatan"
    kab = rembuk.create_rembuk(app, admin, rembuk.RembukInput(
        YEAR, "kabupaten", "63.11", date(2026, 3, 20), "Aula Bappedalitbang",
        chair=("Kepala Bappedalitbang", "Kepala Badan", "")))
    assert rembuk.get_rembuk(app, admin, kab).counts.total == 4
