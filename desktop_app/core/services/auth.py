"""Login, password hashing (argon2id), account lock-out, and user management."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.core.domain import passwords
from desktop_app.core.domain.errors import (
    AccountLocked,
    AuthenticationError,
    ConflictError,
    NotFound,
    ValidationError,
)
from desktop_app.core.domain.identity import check_nip
from desktop_app.core.domain.roles import Permission, Role
from desktop_app.core.models import User
from desktop_app.core.services import audit, versions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.db.base import utcnow

if TYPE_CHECKING:
    from argon2 import PasswordHasher

MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 15
MIN_PASSWORD_LENGTH = passwords.MIN_LENGTH


def _hasher() -> PasswordHasher:
    # OWASP's argon2id recommendation: m=19 MiB, t=2, p=1 (argon2-cffi's RFC 9106 low-memory
    # profile is heavier than an old office PC needs for a login).
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


def hash_password(password: str) -> str:
    return str(_hasher().hash(password))


def _verify(password_hash: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    try:
        return bool(_hasher().verify(password_hash, password))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def check_password_strength(password: str, personal: tuple[str, ...] = ()) -> None:
    """At least 10 characters and not a common or guessable password (core.domain.passwords);
    ``personal`` are the user's own names, which a password must not lean on."""
    problem = passwords.password_problem(password, personal)
    if problem:
        raise ValidationError(field_errors={"password": problem})


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    full_name: str
    role: Role
    nip: str
    position: str
    desa_code: str | None
    unit_id: int | None
    active: bool
    locked_until: datetime | None
    last_login_at: datetime | None
    version: int = 1  # what the edit dialog sends back (optimistic locking)


def _info(user: User) -> UserInfo:
    return UserInfo(
        user.id, user.username, user.full_name, Role(user.role), user.nip or "",
        user.position or "", user.desa_code, user.unit_id, user.active, user.locked_until,
        user.last_login_at, user.version,
    )


USER_LABELS = {"full_name": "Nama lengkap", "role": "Peran", "nip": "NIP", "position": "Jabatan",
               "desa_code": "Desa", "unit_id": "Seksi/bidang", "active": "Aktif",
               "password_hash": "Kata sandi"}


def _actor(user: User) -> Actor:
    return Actor(user.id, user.username, user.full_name, Role(user.role))


def login(app: AppContext, username: str, password: str) -> Actor:
    """Return the actor for valid credentials; count failures and lock after too many."""
    generic = "Nama pengguna atau kata sandi salah."
    with unit_of_work(app) as session:
        # The row lock makes parallel attempts on one account (several desks, a script) count
        # one after another: on PostgreSQL each reads the failures the previous one wrote.
        user = session.scalar(select(User).where(func.lower(User.username) == username.lower())
                              .with_for_update())
        if user is None or not user.active:
            _verify(_DUMMY_HASH, password)  # same cost either way: do not reveal which names exist
            raise AuthenticationError(generic)
        now = utcnow()
        if user.locked_until and user.locked_until > now:
            minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
            raise AccountLocked(
                f"Akun dikunci sementara karena terlalu banyak percobaan gagal. "
                f"Coba lagi dalam {minutes} menit atau minta admin membukanya."
            )
        if not _verify(user.password_hash, password):
            user.failed_logins += 1
            actor = _actor(user)
            if user.failed_logins >= MAX_FAILED_LOGINS:
                user.locked_until = now + timedelta(minutes=LOCK_MINUTES)
                user.failed_logins = 0
                audit.record(session, actor, "lock", "user", user.id,
                             summary=f"Akun {user.username} terkunci {LOCK_MINUTES} menit")
            else:
                audit.record(session, actor, "login_failed", "user", user.id,
                             summary=f"Gagal masuk: {user.username}")
            session.commit()  # keep the failure count even though we raise
            raise AuthenticationError(generic)
        user.failed_logins = 0
        user.locked_until = None
        user.last_login_at = now
        actor = _actor(user)
        audit.record(session, actor, "login", "user", user.id, summary=f"Masuk: {user.username}")
        return actor


_DUMMY_HASH = (
    "$argon2id$v=19$m=19456,t=2,p=1$cJ5W+Q43aIfc3YQNKIgT3w$"
    "TkF1lCMONriaFdA95O4vo40PQuQqwj2k/+8DZYe2rzc"
)


@dataclass
class UserInput:
    username: str
    full_name: str
    role: Role
    password: str | None = None
    nip: str = ""
    position: str = ""
    desa_code: str | None = None
    unit_id: int | None = None
    active: bool = True


def _validate_user(data: UserInput, *, new: bool) -> None:
    errors: dict[str, str] = {}
    if not data.username.strip() or not data.username.replace(".", "").replace("_", "").isalnum():
        errors["username"] = "Nama pengguna wajib diisi (huruf, angka, titik atau garis bawah)."
    if not data.full_name.strip():
        errors["full_name"] = "Nama lengkap wajib diisi."
    nip = check_nip(data.nip)
    if not nip.ok:
        errors["nip"] = nip.error or ""
    if errors:
        raise ValidationError(field_errors=errors)
    if new or data.password:
        check_password_strength(data.password or "", (data.username, data.full_name))


def validate_new_user(data: UserInput) -> None:
    """The checks a new account passes before it is written (for the first-run set-up)."""
    _validate_user(data, new=True)


def insert_user(session: Session, actor: Actor | None, data: UserInput) -> int:
    """Write a validated new user in the caller's transaction; ``actor`` None: the user is the
    first admin and is recorded as having created their own account."""
    exists = session.scalar(
        select(User.id).where(func.lower(User.username) == data.username.strip().lower())
    )
    if exists:
        raise ConflictError(f"Nama pengguna '{data.username}' sudah dipakai.")
    user = User(
        username=data.username.strip(),
        full_name=data.full_name.strip(),
        role=Role(data.role).value,
        password_hash=hash_password(data.password or ""),
        nip=check_nip(data.nip).value or None,
        position=data.position.strip() or None,
        desa_code=data.desa_code,
        unit_id=data.unit_id,
        active=data.active,
    )
    session.add(user)
    session.flush()
    actor = actor or _actor(user)
    audit.record(session, actor, "create", "user", user.id, after=audit.snapshot(user),
                 summary=f"Pengguna baru {user.username} ({Role(user.role).label})")
    return user.id


def create_user(app: AppContext, actor: Actor, data: UserInput) -> int:
    require(actor, Permission.MANAGE_USERS)
    _validate_user(data, new=True)
    with unit_of_work(app) as session:
        return insert_user(session, actor, data)


def update_user(app: AppContext, actor: Actor, user_id: int, data: UserInput, *,
                version: int | None = None) -> None:
    """``version``: the one the dialog loaded; changed since (by another admin), refused."""
    require(actor, Permission.MANAGE_USERS)
    _validate_user(data, new=False)
    with unit_of_work(app) as session:
        user = session.get(User, user_id)
        if user is None:
            raise NotFound("Pengguna tidak ditemukan.")
        versions.check(session, user, version, entity="user",
                       what=f"Pengguna {user.username}", labels=USER_LABELS)
        if user.id == actor.user_id and (not data.active or data.role != Role.ADMIN):
            raise ValidationError("Anda tidak dapat menonaktifkan atau menurunkan peran akun sendiri.")
        before = audit.snapshot(user)
        user.full_name = data.full_name.strip()
        user.role = Role(data.role).value
        user.nip = check_nip(data.nip).value or None
        user.position = data.position.strip() or None
        user.desa_code = data.desa_code
        user.unit_id = data.unit_id
        user.active = data.active
        if data.password:
            user.password_hash = hash_password(data.password)
        session.flush()
        audit.record(session, actor, "update", "user", user.id, before=before,
                     after=audit.snapshot(user), summary=f"Ubah pengguna {user.username}")


def reset_password(app: AppContext, actor: Actor, user_id: int, new_password: str) -> None:
    """Admin sets a new password and unlocks the account; the user must change it at login."""
    require(actor, Permission.MANAGE_USERS)
    with unit_of_work(app) as session:
        user = session.get(User, user_id)
        if user is None:
            raise NotFound("Pengguna tidak ditemukan.")
        check_password_strength(new_password, (user.username, user.full_name))
        user.password_hash = hash_password(new_password)
        user.failed_logins = 0
        user.locked_until = None
        user.must_change_password = True
        audit.record(session, actor, "reset_password", "user", user.id,
                     summary=f"Atur ulang kata sandi {user.username} dan buka kunci")


def change_own_password(app: AppContext, actor: Actor, old: str, new: str) -> None:
    check_password_strength(new, (actor.username, actor.full_name))
    with unit_of_work(app) as session:
        user = session.get(User, actor.user_id)
        if user is None or not _verify(user.password_hash, old):
            raise ValidationError(field_errors={"old_password": "Kata sandi lama salah."})
        user.password_hash = hash_password(new)
        user.must_change_password = False
        audit.record(session, actor, "change_password", "user", user.id,
                     summary="Ganti kata sandi sendiri")


def needs_password_change(app: AppContext, actor: Actor) -> bool:
    """True after an admin reset: the user must choose a new password before working."""
    with unit_of_work(app, write=False) as session:
        user = session.get(User, actor.user_id) if actor.user_id is not None else None
        return bool(user is not None and user.must_change_password)


def get_user(app: AppContext, actor: Actor, user_id: int) -> UserInfo:
    require(actor, Permission.MANAGE_USERS)
    with unit_of_work(app, write=False) as session:
        user = session.get(User, user_id)
        if user is None:
            raise NotFound("Pengguna tidak ditemukan.")
        return _info(user)


def list_users(app: AppContext, actor: Actor) -> list[UserInfo]:
    require(actor, Permission.MANAGE_USERS)
    with unit_of_work(app, write=False) as session:
        return [_info(u) for u in session.scalars(select(User).order_by(User.username))]


def user_count(app: AppContext) -> int:
    with unit_of_work(app, write=False) as session:
        return int(session.scalar(select(func.count(User.id))) or 0)


def list_user_names(app: AppContext) -> list[tuple[int, str]]:
    """Id and full name of active users, for pick lists (e.g. minute taker)."""
    with unit_of_work(app, write=False) as session:
        rows = session.execute(
            select(User.id, User.full_name).where(User.active.is_(True)).order_by(User.full_name)
        )
        return [(r[0], r[1]) for r in rows]


def find_user_id(app: AppContext, name: str) -> int | None:
    """The user with this username, or else with this full name."""
    with unit_of_work(app, write=False) as session:
        found = session.scalar(select(User.id).where(User.username == name))
        if found is None:
            found = session.scalar(select(User.id).where(User.full_name == name))
        return int(found) if found is not None else None


def own_desa(app: AppContext, actor: Actor) -> str | None:
    """The desa a desa enumerator is assigned to; None for office staff."""
    if actor.user_id is None:
        return None
    with unit_of_work(app, write=False) as session:
        user = session.get(User, actor.user_id)
        return user.desa_code if user is not None else None
