"""A date far outside an office's working life (the limits of a date box: 14 September 1752,
31 December 9999) is refused with a clear message on every save, as the typing robot found a
disposition due on 31 December 9999 and a realisation dated 1752 saved; nothing is written."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from desktop_app.core.domain.errors import ValidationError
from desktop_app.core.models import OfficeUnit
from desktop_app.core.services.context import unit_of_work
from desktop_app.intake.models import Disposition, Submission
from desktop_app.intake.services import workflow
from desktop_app.planning.services import accountability
from desktop_app.planning.services.queries import ProposalFilter, list_proposals
from tests.planning.conftest import YEAR


def _count(app, model) -> int:  # type: ignore[no-untyped-def]
    with unit_of_work(app, write=False) as s:
        return len(s.scalars(select(model.id)).all())


def test_a_disposition_due_in_the_year_9999_is_refused(demo_app):
    app, admin = demo_app
    with unit_of_work(app, write=False) as s:
        sid = s.scalars(select(Submission.id).order_by(Submission.id)).first()
        unit = s.scalars(select(OfficeUnit.id)).first()
    before = _count(app, Disposition)
    with pytest.raises(ValidationError) as refused:
        workflow.dispose(app, admin, sid, unit, "Segera ditindaklanjuti", date(9999, 12, 31))
    assert refused.value.field_errors["due_date"] == (
        "Tanggal 31/12/9999 di luar rentang yang wajar (tahun 1900–2100); periksa tahunnya.")
    assert _count(app, Disposition) == before
    workflow.dispose(app, admin, sid, unit, "Segera ditindaklanjuti", date(2100, 12, 31))


def test_a_realisation_dated_1752_is_refused(demo_app):
    app, admin = demo_app
    rows = {r.work: r for r in list_proposals(app, admin, ProposalFilter(year=YEAR))}
    drain = rows["Drainase jalan desa Halubau sepanjang 300 m"]
    with pytest.raises(ValidationError) as refused:
        accountability.record_step(app, admin, drain.id, "berjalan", date(1752, 9, 14),
                                   progress=10)
    assert "1752" in refused.value.field_errors["on_date"]
