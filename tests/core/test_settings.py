"""Office-wide settings: typed, bounded, audited."""

from __future__ import annotations

import pytest

from desktop_app.core.domain.errors import ValidationError
from desktop_app.core.services import audit, settings


def test_default_then_stored_value(app_ctx, admin):
    assert settings.read_setting(app_ctx, "backup.keep_daily") == 7
    settings.set_setting(app_ctx, admin, "backup.keep_daily", "10")
    assert settings.read_setting(app_ctx, "backup.keep_daily") == 10
    assert settings.all_settings(app_ctx)["backup.keep_daily"] == 10
    rows = audit.list_audit(app_ctx, admin, audit.AuditFilter(entity="setting"))
    assert rows and rows[0].entity_id == "backup.keep_daily"


@pytest.mark.parametrize("value", ["banyak", 0, 61])
def test_invalid_values_rejected(app_ctx, admin, value):
    with pytest.raises(ValidationError) as err:
        settings.set_setting(app_ctx, admin, "backup.keep_daily", value)
    assert "backup.keep_daily" in err.value.field_errors
    assert settings.read_setting(app_ctx, "backup.keep_daily") == 7


def test_unknown_setting(app_ctx, admin):
    with pytest.raises(ValidationError):
        settings.set_setting(app_ctx, admin, "tidak.ada", 1)
