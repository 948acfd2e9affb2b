"""A text longer than its column: PostgreSQL would raise its own error (an unexpected-error
box for the user) and SQLite would keep it (what PostgreSQL, a transfer or a restore there
then cannot take); the program refuses it first on both, with a clear message naming the
field."""

from __future__ import annotations

from datetime import date, time

import pytest

from desktop_app.core.domain.errors import ValidationError
from desktop_app.meetings.services import minutes
from desktop_app.meetings.services.dto import MeetingInput


def test_a_title_longer_than_its_column_is_refused_with_a_message(app_ctx, admin):
    """The message names the field (a message box lists it away from the form)."""
    from tests.core.test_audit_named_values import _registered

    _registered()  # the audit page's field names, as the program registers them at start
    data = MeetingInput(kind="rakor", title=("Rapat koordinasi " * 40).strip(), held_on=date(2026, 11, 23),
                        start_time=time(9, 0), end_time=time(12, 0), place="Aula Kecamatan",
                        desa_codes=["63.11.07.2003"])
    with pytest.raises(ValidationError) as refused:
        minutes.create_meeting(app_ctx, admin, data)
    assert refused.value.field_errors["title"] == (
        "Judul rapat terlalu panjang: paling banyak 300 karakter (tertulis 679).")
    # The same meeting with a title that fits is saved.
    assert minutes.create_meeting(app_ctx, admin, MeetingInput(
        **{**vars(data), "title": "Rapat koordinasi"}))
