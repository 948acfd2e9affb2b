"""Searching by NIK or No. KK only for roles that may see them (issue 10, finding 9): an
operator who sees NIKs masked cannot recover one digit by digit with prefix searches, in the
service or by typing in the list's search box."""

from __future__ import annotations

import pytest

from desktop_app.intake.gui.list_page import IntakeListPage
from desktop_app.intake.services import listing, records
from desktop_app.intake.services.listing import SubmissionFilter
from tests.intake.factories import aduan_input, rtlh_input

NIK = "6311071203800001"
KK = "6311070101150003"
REPORTER_NIK = "6311074501900002"


@pytest.fixture
def saved(app_ctx, admin):
    rtlh = records.create_submission(app_ctx, admin, rtlh_input(reporter_nik=REPORTER_NIK))
    other = records.create_submission(app_ctx, admin, aduan_input(
        subject="Saluran 6311 meluap"))  # a number in free text stays searchable
    return rtlh.id, other.id


def _found(app, actor, text) -> set[int]:
    return set(listing.filtered_ids(app, actor, SubmissionFilter(text=text)))


def test_operator_cannot_find_a_record_by_nik_or_kk(app_ctx, operator, verifier, pimpinan,
                                                     saved):
    rtlh, other = saved
    for actor in (verifier, pimpinan):  # roles that see NIKs find them, by any prefix
        assert _found(app_ctx, actor, NIK) == {rtlh}
        assert _found(app_ctx, actor, "63110712") == {rtlh}
        assert _found(app_ctx, actor, KK[:12]) == {rtlh}
        assert _found(app_ctx, actor, REPORTER_NIK[:10]) == {rtlh}
        assert _found(app_ctx, actor, "6311") == {rtlh, other}
    # Every prefix an operator might try finds nothing by the NIK, the KK or the reporter's
    # NIK; the number in another record's subject is still found.
    for n in range(1, len(NIK) + 1):
        assert rtlh not in _found(app_ctx, operator, NIK[:n]), NIK[:n]
        assert rtlh not in _found(app_ctx, operator, KK[:n])
        assert rtlh not in _found(app_ctx, operator, REPORTER_NIK[:n])
    assert _found(app_ctx, operator, "6311") == {other}
    assert _found(app_ctx, operator, "abdul") == {rtlh}  # the other words as before
    source = listing.SubmissionPageSource(app_ctx, operator)
    assert source.count(SubmissionFilter(text=NIK)) == 0


@pytest.mark.parametrize("role", ["operator", "verifier"])
def test_typing_a_nik_in_the_list_search_box(qtbot, app_ctx, request, saved, role):
    actor = request.getfixturevalue(role)
    page = IntakeListPage(app_ctx, actor)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.total == 2)
    page.search.setFocus()
    qtbot.keyClicks(page.search, NIK[:12])
    expected = 0 if role == "operator" else 1
    qtbot.waitUntil(lambda: page.model.total == expected, timeout=5000)
    qtbot.wait(400)  # past the search box's debounce: the count stays
    assert page.model.total == expected
    assert ("NIK" in page.search.placeholderText()) == (role == "verifier")
