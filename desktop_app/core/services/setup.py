"""First-run set-up: the office profile and the first admin, on a database without users only.

This is the one way to create an account without being an admin, so it refuses as soon as the
database has any user: the wizard, ``ruko-parsel init`` and ``demo`` use it; nothing else can.
"""

from __future__ import annotations

from sqlalchemy import func, select, text

from desktop_app.core.domain.errors import PermissionDenied, ValidationError
from desktop_app.core.domain.roles import Role
from desktop_app.core.models import User
from desktop_app.core.services import auth, office
from desktop_app.core.services.context import Actor, AppContext, unit_of_work


def needs_setup(app: AppContext) -> bool:
    """True while the database has no user (the first-run wizard is shown)."""
    return auth.user_count(app) == 0


def first_run(app: AppContext, admin: auth.UserInput,
              profile: office.OfficeProfileData | None) -> Actor:
    """Create the first admin (and the office profile when given) in one transaction, and return
    the admin; refused on a database that already has users."""
    if Role(admin.role) != Role.ADMIN:
        raise ValidationError(field_errors={"role": "Pengguna pertama harus admin."})
    auth.validate_new_user(admin)
    if profile is not None:
        office.validate_profile(profile)
    with unit_of_work(app) as session:
        if not app.is_sqlite:  # two wizards at once on an empty server: one waits, then refuses
            session.execute(text("LOCK TABLE users IN EXCLUSIVE MODE"))
        if session.scalar(select(func.count(User.id))):
            raise PermissionDenied(
                "Penyiapan pertama hanya untuk basis data yang belum punya pengguna. Masuk "
                "sebagai admin untuk mengubah profil kantor atau menambah pengguna."
            )
        user_id = auth.insert_user(session, None, admin)
        actor = Actor(user_id, admin.username.strip(), admin.full_name.strip(), Role.ADMIN)
        if profile is not None:
            office.write_profile(session, actor, profile)
    return actor
