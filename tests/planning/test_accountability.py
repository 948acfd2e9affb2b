"""Accountability after the RKPD and APBD: dated steps with their rules, and the recap of
usulan accommodated and realised per desa, kecamatan and year."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop_app.core.domain import clock
from desktop_app.core.domain.errors import ConflictError, ValidationError
from desktop_app.planning.services import accountability, proposals
from desktop_app.planning.services.queries import ProposalFilter, list_proposals
from tests.planning.conftest import YEAR


def test_steps_and_recap_on_the_demo(demo_app):
    app, admin = demo_app
    rows = {r.work: r for r in list_proposals(app, admin, ProposalFilter(year=YEAR))}
    drain = rows["Drainase jalan desa Halubau sepanjang 300 m"]
    assert drain.realisation == "apbd"  # the demo put it in RKPD and APBD
    today = clock.today()
    with pytest.raises(ValidationError) as err:
        accountability.record_step(app, admin, drain.id, "berjalan", today + timedelta(days=1))
    assert "on_date" in err.value.field_errors
    with pytest.raises(ValidationError) as err:  # going back needs a reason
        accountability.record_step(app, admin, drain.id, "rkpd", today)
    assert "note" in err.value.field_errors
    accountability.record_step(app, admin, drain.id, "berjalan", today, progress=40)
    accountability.record_step(app, admin, drain.id, "selesai", today)
    with pytest.raises(ConflictError):
        accountability.record_step(app, admin, drain.id, "selesai", today)
    detail = proposals.get_detail(app, admin, drain.id)
    assert [s.stage for s in detail.realisations] == ["rkpd", "apbd", "berjalan", "selesai"]
    assert detail.realisations[-1].progress == 100
    refused = rows["Rabat beton gang RT 07 Panggung"]
    with pytest.raises(ConflictError):  # not passed: nothing to realise
        accountability.record_step(app, admin, refused.id, "rkpd", date(YEAR - 1, 6, 1))
    with pytest.raises(ValidationError):  # not funded needs the reason
        accountability.record_step(app, admin, rows["Sumur bor dan tandon air bersih RT 05"].id,
                                   "tidak_didanai", today)

    by_desa = {r.label: r for r in accountability.recap(app, admin, "desa", YEAR)}
    halubau = by_desa["Halubau"]
    assert (halubau.proposals, halubau.passed_kecamatan, halubau.in_rkpd, halubau.done) == \
        (3, 3, 2, 1)
    assert halubau.realised_rate == pytest.approx(1 / 3)
    kec = accountability.recap(app, admin, "kecamatan", YEAR)
    assert [(r.label, r.proposals, r.in_rkpd, r.in_apbd, r.done) for r in kec] == \
        [("Paringin Selatan", 18, 4, 3, 1)]
    years = accountability.recap(app, admin, "year")
    assert [r.label for r in years] == [f"RKPD {YEAR}"]
    tracked = accountability.TrackedPageSource(app, admin)
    assert tracked.count(accountability.TrackFilter(year=YEAR)) == 13
    done = tracked.fetch(accountability.TrackFilter(realisation="selesai"), "number", False,
                         0, 10)
    assert [(r.work, r.progress) for r in done] == [(drain.work, 100)]
