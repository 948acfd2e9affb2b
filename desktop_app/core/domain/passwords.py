"""The password rule: at least 10 characters and not guessable from common passwords.

"Common" is what zxcvbn knows (the 30,000 most used passwords, English words and names, keyboard
runs, dates, repeats and l33t spellings) plus the Indonesian words office passwords are built
from (``resources/passwords/kata-umum-id.txt``) and the person's own names. A password that
zxcvbn estimates to fall within a million guesses is refused (its score below 2), as NIST SP
800-63B advises instead of composition rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

MIN_LENGTH = 10
MIN_SCORE = 2  # zxcvbn: 2 = more than 10^6 guesses


@cache
def _common_words() -> tuple[str, ...]:
    from desktop_app.paths import resource_path

    path = resource_path("passwords", "kata-umum-id.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def _personal_words(personal: Iterable[str]) -> list[str]:
    """A person's names as zxcvbn should know them: each word and all of them joined."""
    words: list[str] = []
    for text in personal:
        parts = [p.lower() for p in str(text).replace(".", " ").replace("_", " ").split() if p]
        words.extend(parts)
        if len(parts) > 1:
            words.append("".join(parts))
    return words


# zxcvbn refuses to judge more than 72 characters (its matching grows fast with length); a
# longer pass phrase is judged by its start, which it is at least as strong as.
_JUDGED = 72


def password_problem(password: str, personal: Iterable[str] = ()) -> str | None:
    """Why ``password`` is not acceptable (Indonesian), or None when it is."""
    if len(password) < MIN_LENGTH:
        return f"Kata sandi minimal {MIN_LENGTH} karakter."
    if len(password) > 200:
        return "Kata sandi paling banyak 200 karakter."
    from zxcvbn import zxcvbn

    result = zxcvbn(password[:_JUDGED], user_inputs=[*_personal_words(personal), *_common_words()])
    if result["score"] < MIN_SCORE:
        return ("Kata sandi terlalu umum atau mudah ditebak (mis. kata umum, nama sendiri, "
                "tanggal, angka berurutan). Pakai gabungan beberapa kata yang tidak umum, "
                "misalnya 'kopi-sore-di-tebing'.")
    return None


def strength(password: str, personal: Iterable[str] = ()) -> tuple[int, str]:
    """A 0–4 score and its word, shown while a new password is typed (the same rule: anything
    the rule refuses shows as 'lemah' or 'sangat lemah')."""
    if not password:
        return 0, ""
    if len(password) < MIN_LENGTH:
        score = 0
    else:
        from zxcvbn import zxcvbn

        words = [*_personal_words(personal), *_common_words()]
        score = int(zxcvbn(password[:_JUDGED], user_inputs=words)["score"])
    return score, ["sangat lemah", "lemah", "cukup", "kuat", "sangat kuat"][score]
