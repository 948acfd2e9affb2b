"""Checks for Indonesian identity numbers: NIK, No. KK, NIP and phone numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from desktop_app.core.domain import clock

# Kabupaten Balangan's Kemendagri code without dots: a NIK registered elsewhere is only a warning.
BALANGAN_PREFIX = "6311"


@dataclass(frozen=True)
class CheckResult:
    """The cleaned value, an error (blocks saving) and warnings (shown, do not block)."""

    value: str
    error: str | None = None
    warnings: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.error is None


def _digits(value: object) -> str:
    text = str(value or "").strip()
    return re.sub(r"[\s.\-']", "", text)


@lru_cache(maxsize=65536)
def _nik_parts(region: str, birth: str) -> date | None:
    """The birth date a NIK's region (digits 1-6) and date part (digits 7-12) give, or None when
    python-stdnum refuses them. Only these parts decide (stdnum reads the province/kabupaten
    code and the date), so an import of 100,000 NIKs asks stdnum once per distinct pair."""
    from stdnum.exceptions import ValidationError as StdnumError
    from stdnum.id import nik

    number = f"{region}{birth}0000"
    try:
        nik.validate(number)
    except StdnumError:
        return None
    return nik.get_birth_date(number)


def check_nik(value: object, home_prefix: str = BALANGAN_PREFIX) -> CheckResult:
    """A NIK must be 16 digits whose date part is a real birth date (day + 40 for women)."""
    raw = _digits(value)
    if not raw:
        return CheckResult("", error="NIK wajib diisi.")
    if not raw.isdigit():
        return CheckResult(raw, error="NIK hanya boleh berisi angka.")
    if len(raw) != 16:
        return CheckResult(raw, error=f"NIK harus 16 digit (tertulis {len(raw)} digit).")
    birth = _nik_parts(raw[:6], raw[6:12])
    if birth is None:
        return CheckResult(raw, error="Tanggal lahir di dalam NIK (digit 7-12) tidak valid.")
    warnings: list[str] = []
    if home_prefix and not raw.startswith(home_prefix):
        warnings.append("NIK terdaftar di luar Kabupaten Balangan; pastikan sudah benar.")
    if birth > clock.today():
        return CheckResult(raw, error="Tanggal lahir di dalam NIK berada di masa depan.")
    return CheckResult(raw, warnings=tuple(warnings))


def check_kk(value: object, home_prefix: str = BALANGAN_PREFIX) -> CheckResult:
    """A No. KK is 16 digits: region code (6), date of issue DDMMYY, serial (4)."""
    raw = _digits(value)
    if not raw:
        return CheckResult("", error="Nomor KK wajib diisi.")
    if not raw.isdigit():
        return CheckResult(raw, error="Nomor KK hanya boleh berisi angka.")
    if len(raw) != 16:
        return CheckResult(raw, error=f"Nomor KK harus 16 digit (tertulis {len(raw)} digit).")
    day, month, year = int(raw[6:8]), int(raw[8:10]), int(raw[10:12])
    try:
        issued = date(2000 + year if year <= clock.today().year % 100 else 1900 + year, month, day)
    except ValueError:
        return CheckResult(raw, error="Tanggal terbit di dalam Nomor KK (digit 7-12) tidak valid.")
    if issued > clock.today():
        return CheckResult(raw, error="Tanggal terbit di dalam Nomor KK berada di masa depan.")
    warnings: tuple[str, ...] = ()
    if home_prefix and not raw.startswith(home_prefix):
        warnings = ("Nomor KK terdaftar di luar Kabupaten Balangan; pastikan sudah benar.",)
    return CheckResult(raw, warnings=warnings)


def check_nip(value: object) -> CheckResult:
    """A NIP is 18 digits: birth date (8), appointment month (6), gender (1), serial (3)."""
    raw = _digits(value)
    if not raw:
        return CheckResult("")  # optional on most forms
    if not raw.isdigit() or len(raw) != 18:
        return CheckResult(raw, error="NIP harus 18 digit angka.")
    try:
        date(int(raw[0:4]), int(raw[4:6]), int(raw[6:8]))
    except ValueError:
        return CheckResult(raw, error="Tanggal lahir di dalam NIP (digit 1-8) tidak valid.")
    if raw[14] not in "12":
        return CheckResult(raw, error="Digit ke-15 NIP (jenis kelamin) harus 1 atau 2.")
    return CheckResult(raw)


def check_phone(value: object) -> CheckResult:
    """Indonesian phone numbers (mobile or landline, checked with Google's libphonenumber data),
    normalised to digits with a leading 0 (``+62 812-...`` -> ``0812...``)."""
    import phonenumbers

    text = str(value or "").strip()
    if not text:
        return CheckResult("")
    raw = re.sub(r"[\s().\-]", "", text)
    if not re.fullmatch(r"\+?\d+", raw):
        return CheckResult(raw, error="Nomor telepon hanya boleh berisi angka (boleh diawali +62).")
    try:
        number = phonenumbers.parse(raw, "ID")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or number.country_code != 62 or not phonenumbers.is_valid_number(number):
        return CheckResult(raw, error="Nomor telepon tidak valid; contoh: 0812 3456 7890.")
    return CheckResult("0" + str(number.national_number))
