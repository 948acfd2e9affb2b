"""Passwords hashed with argon2id, lock-out after repeated failures, admin reset unlocks."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select, text

from desktop_app.core.domain.errors import (
    AccountLocked,
    AuthenticationError,
    ConflictError,
    ValidationError,
)
from desktop_app.core.domain.roles import Role
from desktop_app.core.models import User
from desktop_app.core.services import auth
from desktop_app.core.services.context import unit_of_work
from tests.conftest import TEST_PASSWORD


def _user(app, username: str) -> User:  # type: ignore[no-untyped-def]
    with unit_of_work(app, write=False) as s:
        user = s.scalar(select(User).where(User.username == username))
        s.expunge(user)  # keep the loaded values after the session closes
        return user


def test_password_is_stored_as_argon2id_hash_only(app_ctx, admin, caplog):
    caplog.set_level(logging.DEBUG)
    auth.login(app_ctx, "admin", TEST_PASSWORD)
    stored = _user(app_ctx, "admin").password_hash
    assert stored.startswith("$argon2id$")
    assert "m=19456,t=2,p=1" in stored
    assert TEST_PASSWORD not in stored
    with app_ctx.engine.connect() as conn:
        dump = " ".join(str(v) for row in conn.execute(text("SELECT * FROM audit_log"))
                        for v in row)
        dump += " ".join(str(v) for row in conn.execute(text("SELECT * FROM users")) for v in row)
    assert TEST_PASSWORD not in dump
    assert TEST_PASSWORD not in caplog.text


def test_login_is_case_insensitive_and_returns_actor(app_ctx, admin):
    actor = auth.login(app_ctx, "ADMIN", TEST_PASSWORD)
    assert actor.role == Role.ADMIN and actor.user_id == admin.user_id


def test_wrong_password_and_unknown_user_give_same_message(app_ctx, admin):
    with pytest.raises(AuthenticationError) as a:
        auth.login(app_ctx, "admin", "salah12345")
    with pytest.raises(AuthenticationError) as b:
        auth.login(app_ctx, "tidakada", "salah12345")
    assert a.value.message == b.value.message


def test_five_wrong_passwords_lock_and_admin_reset_unlocks(app_ctx, admin, operator):
    for _ in range(auth.MAX_FAILED_LOGINS):
        with pytest.raises(AuthenticationError):
            auth.login(app_ctx, "operator", "salah12345")
    assert _user(app_ctx, "operator").locked_until is not None
    with pytest.raises(AccountLocked):  # even the right password is refused while locked
        auth.login(app_ctx, "operator", TEST_PASSWORD)
    auth.reset_password(app_ctx, admin, operator.user_id, "SandiBaru2026")
    user = _user(app_ctx, "operator")
    assert user.locked_until is None and user.must_change_password
    actor = auth.login(app_ctx, "operator", "SandiBaru2026")
    assert actor.user_id == operator.user_id
    assert auth.needs_password_change(app_ctx, actor)
    auth.change_own_password(app_ctx, actor, "SandiBaru2026", "PilihanSendiri1")
    assert not auth.needs_password_change(app_ctx, actor)


def test_four_failures_then_success_resets_counter(app_ctx, operator):
    for _ in range(auth.MAX_FAILED_LOGINS - 1):
        with pytest.raises(AuthenticationError):
            auth.login(app_ctx, "operator", "salah12345")
    auth.login(app_ctx, "operator", TEST_PASSWORD)
    assert _user(app_ctx, "operator").failed_logins == 0


def test_inactive_user_cannot_log_in(app_ctx, admin, operator):
    auth.update_user(app_ctx, admin, operator.user_id,
                     auth.UserInput("operator", "Operator", Role.OPERATOR, active=False))
    with pytest.raises(AuthenticationError):
        auth.login(app_ctx, "operator", TEST_PASSWORD)


@pytest.mark.parametrize("password, field_text", [
    ("pendek1", "minimal"), ("password1", "minimal"),  # finding 9: 'password1' was accepted
    ("password12", "umum"), ("1234567890", "umum"), ("qwertyuiop", "umum"),
    ("rahasia123", "umum"), ("bismillah1", "umum"), ("balangan2026", "umum"),
    ("sitiaisyah1", "umum"),  # the person's own name
])
def test_short_and_common_passwords_rejected(app_ctx, admin, password, field_text):
    with pytest.raises(ValidationError) as err:
        auth.create_user(app_ctx, admin, auth.UserInput("siti.aisyah", "Siti Aisyah",
                                                        Role.OPERATOR, password))
    assert field_text in err.value.field_errors["password"]
    if password != "sitiaisyah1":  # that one is common only for Siti Aisyah
        with pytest.raises(ValidationError):
            auth.reset_password(app_ctx, admin, admin.user_id, password)


@pytest.mark.parametrize("password", ["kopi-sore-di-tebing", "hanyahurufsaja", "SandiBaru2026",
                                      TEST_PASSWORD])
def test_uncommon_passwords_of_ten_or_more_accepted(app_ctx, admin, password):
    auth.create_user(app_ctx, admin, auth.UserInput("baru", "Baru", Role.OPERATOR, password))
    assert auth.login(app_ctx, "baru", password).username == "baru"


def test_demo_password_satisfies_the_rule():
    from desktop_app.app.demo import DEMO_PASSWORD, DEMO_USERS
    from desktop_app.core.domain.passwords import password_problem

    for username, full_name, _role, _position in DEMO_USERS:
        assert password_problem(DEMO_PASSWORD, (username, full_name)) is None


def test_duplicate_username_and_bad_nip(app_ctx, admin):
    with pytest.raises(ConflictError):
        auth.create_user(app_ctx, admin, auth.UserInput("Admin", "X", Role.OPERATOR,
                                                        "SandiBaru2026"))
    with pytest.raises(ValidationError) as err:
        auth.create_user(app_ctx, admin,
                         auth.UserInput("baru", "Baru", Role.OPERATOR, "SandiBaru2026", nip="123"))
    assert "nip" in err.value.field_errors


def test_admin_cannot_demote_self(app_ctx, admin):
    with pytest.raises(ValidationError):
        auth.update_user(app_ctx, admin, admin.user_id,
                         auth.UserInput("admin", "Admin", Role.OPERATOR))


def test_change_own_password(app_ctx, operator):
    with pytest.raises(ValidationError) as err:
        auth.change_own_password(app_ctx, operator, "keliru123", "SandiBaru2026")
    assert "old_password" in err.value.field_errors
    auth.change_own_password(app_ctx, operator, TEST_PASSWORD, "SandiBaru2026")
    assert auth.login(app_ctx, "operator", "SandiBaru2026").username == "operator"


def test_long_passwords_are_judged_not_crashed_on():
    """The strength checker refuses passwords over 72 characters with an English ValueError;
    a long pass phrase (up to 200) is judged by its start, a longer one refused in Indonesian,
    and the meter shown while typing a 600-character paste gives a word, not a crash."""
    from desktop_app.core.domain.passwords import password_problem, strength

    phrase = "kopi-sore-di-tebing-bersama-kawan-lama-" * 3  # 117 characters
    assert password_problem(phrase) is None
    assert strength(phrase) == (4, "sangat kuat")
    assert password_problem("x" * 201) == "Kata sandi paling banyak 200 karakter."
    score, word = strength("Ł😀" * 300)
    assert 0 <= score <= 4 and word
