"""Smoke test of the foundation: a migrated database, a user, and an audited login."""

from desktop_app.core.services import audit, auth
from tests.conftest import TEST_PASSWORD


def test_login_writes_audit_and_chain_verifies(app_ctx, admin):
    actor = auth.login(app_ctx, "admin", TEST_PASSWORD)
    assert actor.user_id == admin.user_id
    report = audit.verify_chain(app_ctx, admin)
    assert report.ok, report.problems
    assert report.rows_checked >= 2  # user creation + login
