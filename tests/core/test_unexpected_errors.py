"""Unexpected errors fail any test: the autouse fixture in tests/conftest.py, checked here by
running small tests through pytester (they must fail) and by provoking the dialog on purpose."""

from __future__ import annotations

import pytest

from desktop_app.core.domain.errors import ValidationError
from desktop_app.core.gui import messages

CONFTEST = "from tests.conftest import fixed_clock, unexpected_errors_fail  # noqa: F401\n"


@pytest.fixture
def inner(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest(CONFTEST)
    return pytester


def test_an_unexpected_error_dialog_fails_the_test(inner):
    inner.makepyfile("""
        from desktop_app.core.gui import messages
        def test_bug():
            messages.captured = []
            try:
                messages.show_error(None, KeyError("x"))
            finally:
                messages.captured = None
    """)
    result = inner.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*unexpected error shown to the user: KeyError*"])


def test_a_traceback_in_the_log_fails_the_test(inner):
    inner.makepyfile("""
        import logging
        def test_logged():
            try:
                1 / 0
            except ZeroDivisionError:
                logging.getLogger("x").exception("went wrong")
    """)
    result = inner.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*traceback in the log (x): went wrong*"])


def test_expected_errors_and_plain_warnings_do_not(inner):
    inner.makepyfile("""
        import logging
        from desktop_app.core.domain.errors import ValidationError
        from desktop_app.core.gui import messages
        def test_fine():
            messages.captured = []
            try:
                messages.show_error(None, ValidationError("Nama wajib diisi."))
            finally:
                messages.captured = None
            logging.getLogger("x").warning("just a warning")
    """)
    inner.runpytest_inprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)


@pytest.mark.expect_unexpected_errors
def test_the_excepthook_reports_through_the_same_dialog(monkeypatch):
    import sys

    messages.captured = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    try:
        messages.install_excepthook()
        try:
            raise RuntimeError("boom")
        except RuntimeError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
        messages.show_error(None, ValidationError("biasa"))
        assert [type(e) for e in messages.unexpected] == [RuntimeError]
        assert messages.captured[0][0] == "Kesalahan tak terduga"
    finally:
        messages.captured = None
        messages.unexpected.clear()
