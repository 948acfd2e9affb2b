"""A re-import skips the rows it knows before checking them, by the key worked out from the
converted row (``input_key``): it must be the key the checked values give (``import_key``),
else a known row would be checked and saved twice, or a new one skipped."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.core.domain.errors import ValidationError
from desktop_app.intake.domain.validation import SubmissionInput, validate_partial
from desktop_app.intake.exchange.rows import ImportDefaults, RowReader, import_key, input_key
from desktop_app.intake.exchange.values import decisions_from
from desktop_app.intake.services import importing
from tests.intake.services.test_office_sheets import office_sheet


def test_key_before_the_checks_is_the_key_of_the_checked_values_on_an_office_sheet(
        app_ctx, tmp_path):
    path = tmp_path / "rtlh.xlsx"
    office_sheet(path)
    prev = importing.preview(app_ctx, path)
    values = decisions_from(prev.questions(prev.suggestion.mapping))
    reader = RowReader(prev.suggestion.mapping, ImportDefaults(), prev.matcher, values)
    compared = 0
    for _row_no, row in prev.data_rows():
        try:
            data, _checks = reader.convert(row)
            clean, _warnings, _more = validate_partial(data)
        except ValidationError:
            continue  # refused rows have no key
        assert input_key(data) == import_key(clean)
        compared += 1
    assert compared == 7  # the "ok" and "cek" rows, and row 8 (refused later: NIK twice)


def _input(**changes) -> SubmissionInput:
    base = dict(kind="usulan", category="lainnya", received_on=date(2026, 11, 2),
                channel="datang_langsung", reporter_name="Budi", subject="Lampu jalan",
                desa_code="63.11.07.2001")
    return SubmissionInput(**{**base, **changes})


@pytest.mark.parametrize("changes", [
    {},
    {"rt": "abc", "rw": "1"},  # not an RT: validation empties it
    {"rt": "3", "rw": "12"},
    {"rt": "0042"},  # four digits: emptied
    {"reporter_nik": " 6311.0712-0380 0001 ", "reporter_name": "  Budi  "},
    {"reporter_nik": "12"},  # not a NIK: flagged and emptied, the key takes no NIK then
    {"subject": "  Jalan   RUSAK di RT 3 ", "category": "jalan"},
    {"category": "rtlh", "details": {"nik": "6311071203800001", "household_head": " Hamid "}},
    {"category": "rtlh", "details": {"nik": "6311071203800001", "household_head": 1234.0}},
])
def test_key_before_the_checks_on_hostile_values(changes):
    data = _input(**changes)
    try:
        clean, _warnings, _checks = validate_partial(data)
    except ValidationError:
        pytest.skip("refused rows have no key")
    assert input_key(data) == import_key(clean)
