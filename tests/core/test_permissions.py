"""Permissions are enforced in the service layer, not only by hiding buttons."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from desktop_app.core.domain.errors import PermissionDenied
from desktop_app.core.domain.roles import Permission, Role, has_permission
from desktop_app.core.models import AuditLog, OfficeProfile, OfficeUnit, User
from desktop_app.core.services import audit, auth, backups, office, regions, settings
from desktop_app.core.services.context import unit_of_work


def _counts(app):  # type: ignore[no-untyped-def]
    with unit_of_work(app, write=False) as s:
        return tuple(
            s.scalar(select(func.count()).select_from(m))
            for m in (User, OfficeProfile, OfficeUnit, AuditLog)
        )


def test_operator_cannot_create_user_and_nothing_is_written(app_ctx, operator):
    before = _counts(app_ctx)
    with pytest.raises(PermissionDenied) as err:
        auth.create_user(app_ctx, operator,
                         auth.UserInput("baru", "Pengguna Baru", Role.ADMIN, "SandiBaru-2026"))
    assert "Operator" in err.value.message
    assert _counts(app_ctx) == before


def test_operator_cannot_save_office_profile(app_ctx, operator):
    before = _counts(app_ctx)
    with pytest.raises(PermissionDenied):
        office.save_profile(app_ctx, operator, office.OfficeProfileData(name="KANTOR PALSU"))
    assert office.get_profile(app_ctx) is None
    assert _counts(app_ctx) == before


@pytest.mark.parametrize("call", [
    lambda app, a: office.save_unit(app, a, None, "Seksi Baru"),
    lambda app, a: regions.add_region(app, a, "63.11.01.2099", "Desa Uji", "desa"),
    lambda app, a: auth.reset_password(app, a, a.user_id, "SandiBaru-2026"),
    lambda app, a: auth.list_users(app, a),
    lambda app, a: audit.verify_chain(app, a),
    lambda app, a: audit.count_audit(app, a, audit.AuditFilter()),
    lambda app, a: backups.backup_now(app, a),
    lambda app, a: backups.list_backups(app, a),
    lambda app, a: settings.set_setting(app, a, "backup.keep_daily", 3),
])
def test_operator_denied_admin_services(app_ctx, operator, call):
    before = _counts(app_ctx)
    with pytest.raises(PermissionDenied):
        call(app_ctx, operator)
    assert _counts(app_ctx) == before
    assert list(app_ctx.paths.backups.iterdir()) == []


def test_pimpinan_reads_audit_but_cannot_manage_users(app_ctx, pimpinan):
    assert audit.count_audit(app_ctx, pimpinan, audit.AuditFilter()) >= 1
    with pytest.raises(PermissionDenied):
        auth.list_users(app_ctx, pimpinan)


def test_admin_has_every_permission():
    assert all(has_permission(Role.ADMIN, p) for p in Permission)
    assert not has_permission(Role.OPERATOR, Permission.MANAGE_OFFICE)


def test_a_refusal_names_the_action_in_indonesian_not_its_code(app_ctx, operator):
    """The refusal ended with the permission's code in English ('(manage_users)',
    '(submission_edit)', seen by the typing robot as Pimpinan); it now says what may not be
    done, and every permission has such a label."""
    with pytest.raises(PermissionDenied) as err:
        auth.create_user(app_ctx, operator,
                         auth.UserInput("baru", "Pengguna Baru", Role.ADMIN, "SandiBaru-2026"))
    assert err.value.message == ("Peran Operator / Enumerator tidak diizinkan mengelola "
                                 "pengguna.")
    for permission in Permission:
        assert "_" not in permission.label and permission.label != permission.value.capitalize()
