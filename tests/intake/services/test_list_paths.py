"""The list's fast paths give the same rows as the plain ones: a capped count, a deep page
read through the index, a common word checked per record instead of gathered."""

from __future__ import annotations

from desktop_app.intake.services import listing, records, search
from desktop_app.intake.services.listing import SubmissionFilter, SubmissionPageSource
from tests.intake.factories import aduan_input, rtlh_input


def _fill(app, admin, n: int = 12) -> None:  # type: ignore[no-untyped-def]
    for i in range(n):
        data = rtlh_input(reporter_name=f"Warga Inan {i:02d}", subject=f"Perihal rumah {i}",
                          details={"nik": f"63110712038000{i:02d}"}) if i % 2 else \
            aduan_input(reporter_name=f"Pelapor {i:02d}", subject=f"Perihal saluran {i}")
        records.create_submission(app, admin, data)


def test_count_stops_at_the_limit_and_says_so(app_ctx, admin):
    _fill(app_ctx, admin)
    source = SubmissionPageSource(app_ctx, admin)
    assert source.count(None) == 12
    source.count_limit = 5
    assert source.count(None) == 6  # "more than 5"
    assert source.count(SubmissionFilter(category="rtlh")) == 6
    assert source.count(SubmissionFilter(text="saluran")) == 6


def test_every_page_equals_the_slice_of_the_whole_order(app_ctx, admin):
    _fill(app_ctx, admin)
    source = SubmissionPageSource(app_ctx, admin)
    for sort, descending in (("received_on", True), ("name", False), ("due_date", False)):
        everything = [r.id for r in listing.list_rows(app_ctx, admin, None, sort, descending)]
        paged = [r.id for offset in range(0, 12, 5)
                 for r in source.fetch(None, sort, descending, offset, 5)]
        assert paged == everything, sort


def test_a_common_word_finds_the_same_rows_as_a_rare_one(app_ctx, admin, monkeypatch):
    _fill(app_ctx, admin)
    source = SubmissionPageSource(app_ctx, admin)
    for text in ("perihal", "warga inan", "perihal saluran 4"):
        flt = SubmissionFilter(text=text)
        gathered = [r.id for r in source.fetch(flt, "received_on", True, 0, 100)]
        monkeypatch.setattr(search, "COMMON_WORD", 0)  # every word counts as common
        checked = [r.id for r in source.fetch(flt, "received_on", True, 0, 100)]
        monkeypatch.undo()
        assert gathered == checked and gathered, text
