"""The list: filters, sorting, overdue and word search in SQL."""

from __future__ import annotations

from datetime import timedelta

from desktop_app.core.domain import clock
from desktop_app.intake.services import (
    details,
    listing,
    records,
)
from desktop_app.intake.services.listing import SubmissionFilter
from tests.intake.factories import (
    aduan_input,
    rtlh_input,
)


def test_list_filters_sort_and_overdue_in_sql(app_ctx, operator):
    old = aduan_input(received_on=clock.today() - timedelta(days=40), subject="Lama sekali")
    records.create_submission(app_ctx, operator, old)
    records.create_submission(app_ctx, operator, aduan_input(received_on=clock.today()))
    records.create_submission(app_ctx, operator, rtlh_input())
    source = listing.SubmissionPageSource(app_ctx, operator)
    assert source.count(None) == 3
    assert source.count(SubmissionFilter(kind="aduan")) == 2
    assert source.count(SubmissionFilter(overdue_only=True)) == 1
    assert source.count(SubmissionFilter(text="lama sekali")) == 1
    # An operator may not see NIKs, so she cannot find a record by one (issue 10, finding 9).
    assert source.count(SubmissionFilter(text="631107120380")) == 0
    rows = source.fetch(SubmissionFilter(), "received_on", True, 0, 2)
    assert rows[0].received_on >= rows[1].received_on and len(rows) == 2


def test_search_uses_the_word_index_and_follows_edits(app_ctx, verifier):
    a = records.create_submission(app_ctx, verifier, rtlh_input())
    b = records.create_submission(app_ctx, verifier, aduan_input(
        subject="Saluran tersumbat depan SDN 2 Inan", description="Air meluap ke rumah warga"))
    source = listing.SubmissionPageSource(app_ctx, verifier)

    def found(text):
        return {r.id for r in source.fetch(SubmissionFilter(text=text), "number", False, 0, 50)}

    assert found("abdul") == {a.id}  # household head, by word prefix
    assert found("ham ABD") == {a.id}  # every word, any order, any case
    assert found("tersumbat sdn") == {b.id}
    assert found("meluap") == {b.id}  # description words too
    assert found("631107120380") == {a.id}  # NIK prefix
    assert found(a.number) == {a.id} and found("ADU/2026") == {b.id}
    assert found("abdul tersumbat") == set()
    assert source.count(SubmissionFilter(text="inan")) == 1  # subject of b only
    detail = details.get_submission(app_ctx, verifier, a.id)
    changed = detail.to_input()
    changed = changed.__class__(**{**changed.__dict__, "subject": "Bedah rumah", "details": {
        **changed.details, "household_head": "Jumberi", "nik": "6311071203800001"}})
    records.update_submission(app_ctx, verifier, a.id, changed)
    assert found("abdul") == set() and found("jumb") == {a.id}
