"""Indonesian formatting for screens and printouts: dates, times, numbers with a decimal comma,
Rupiah, number words, NIP. Every number a person reads goes through ``format_number`` or
``format_decimal`` here (inputs read back with ``parsing.to_decimal_number``, which takes both
"7,2" and "7.2").

Day and month names come from the CLDR data in Babel (``locale="id"``), number words from
num2words (``lang="id"``); no ``locale`` module (the office PCs run Windows with whatever locale
they came with). Both libraries are imported on first use, off the start-up path.
"""

from __future__ import annotations

from datetime import date, datetime, time
from functools import cache
from typing import Any

LOCALE = "id"


@cache
def _babel_dates() -> Any:
    from babel import dates

    return dates


def day_name(d: date) -> str:
    """Senin"""
    return str(_babel_dates().format_date(d, "EEEE", locale=LOCALE))


def month_name(month: int) -> str:
    """November"""
    return str(_babel_dates().get_month_names("wide", locale=LOCALE)[month])


def format_date(d: date | None) -> str:
    """23 November 2026"""
    if d is None:
        return ""
    return str(_babel_dates().format_date(d, "d MMMM y", locale=LOCALE))


def format_date_long(d: date | None) -> str:
    """Senin, 23 November 2026"""
    if d is None:
        return ""
    return str(_babel_dates().format_date(d, "EEEE, d MMMM y", locale=LOCALE))


def format_date_short(d: date | None) -> str:
    """23/11/2026"""
    return "" if d is None else f"{d.day:02d}/{d.month:02d}/{d.year}"


def format_time(t: time | datetime | None) -> str:
    """09.00 (Indonesian uses a dot between hours and minutes)."""
    return "" if t is None else f"{t.hour:02d}.{t.minute:02d}"


def format_datetime(dt: datetime | None) -> str:
    """23 November 2026 14.05"""
    return "" if dt is None else f"{format_date(dt.date())} {format_time(dt)}"


@cache
def _separators() -> tuple[str, str]:
    """Indonesian decimal and group symbols from Babel's CLDR data (',' and '.'), read once:
    Babel's own format_decimal takes ~60 µs a call, too slow for a thousand printed forms."""
    from babel import numbers

    return numbers.get_decimal_symbol(LOCALE), numbers.get_group_symbol(LOCALE)


def format_number(value: float | int | None, decimals: int = 0) -> str:
    """The one number formatter of screens and printouts: 1.234.567 or 1.234,5 (Indonesian
    group dot and decimal comma), exactly ``decimals`` decimals."""
    if value is None:
        return ""
    decimal, group = _separators()
    text = f"{abs(value):,.{decimals}f}".replace(",", "\0").replace(".", decimal)
    text = text.replace("\0", group)
    return ("-" if value < 0 and text.strip("0,.") else "") + text


def format_decimal(value: float | int | None, max_decimals: int = 2) -> str:
    """A measured value as people write it: 7,2 · 7 · 0,25 · 1.500 (at most ``max_decimals``
    decimals, trailing zeros dropped)."""
    if value is None:
        return ""
    text = format_number(value, max_decimals)
    decimal, _group = _separators()
    if decimal in text:
        text = text.rstrip("0").rstrip(decimal)
    return "0" if text in ("-0", "") else text


def format_quantity(value: float | int | None, unit: str = "", max_decimals: int = 2) -> str:
    """7,2 m² · 120 m · 5 jiwa"""
    if value is None:
        return ""
    return f"{format_decimal(value, max_decimals)} {unit}".strip()


def format_percent(value: float | int | None, decimals: int = 1) -> str:
    """12,5% (``value`` in percent, not a fraction)."""
    return "" if value is None else f"{format_number(value, decimals)}%"


def format_input_number(value: float | int | None, money: bool = False) -> str:
    """A stored number put back into an input field so that it reads back the same:
    '7,2', '1.500.000' (parsing.to_decimal_number accepts these, and '7.2' too)."""
    if value is None:
        return ""
    return format_number(value, 0) if money and float(value).is_integer() \
        else format_decimal(value, 6)


def format_cell(value: object) -> str:
    """A table cell: a decimal number with a comma (7,2), a count with group dots (1.234),
    anything else as text. Identifiers and years belong in text, not here."""
    if value is None:
        return ""
    if isinstance(value, float):
        return format_decimal(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return format_number(value)
    return str(value)


def format_rupiah(value: float | int | None, decimals: int = 0) -> str:
    """Rp1.500.000 (no space, as in Bank Indonesia's style); negative: -Rp1.500."""
    if value is None:
        return ""
    sign = "-" if value < 0 else ""
    return f"{sign}Rp{format_number(abs(value), decimals)}"


def terbilang(n: int) -> str:
    """Indonesian number words: 1500 → 'seribu lima ratus'."""
    from num2words import num2words

    n = int(n)
    if n < 0:
        return "minus " + terbilang(-n)
    return str(num2words(n, lang=LOCALE))


def pada_hari_tanggal(d: date) -> str:
    """'Pada hari ini Senin tanggal dua puluh tiga bulan November tahun dua ribu dua puluh enam'"""
    return (
        f"Pada hari ini {day_name(d)} tanggal {terbilang(d.day)} bulan {month_name(d.month)} "
        f"tahun {terbilang(d.year)}"
    )


def format_nip(nip: str | None) -> str:
    """'196503181990031005' → '19650318 199003 1 005' (birth date, appointment year and month,
    sex, serial: the grouping of BKN's NIP); anything else returned stripped."""
    text = "".join((nip or "").split())
    if len(text) != 18 or not text.isdigit():
        return (nip or "").strip()
    return f"{text[:8]} {text[8:14]} {text[14]} {text[15:]}"


def nip_line(nip: str | None) -> str:
    """'NIP. 19650318 199003 1 005', the one way every printout and screen writes a NIP under
    a name (Tata Naskah Dinas); '' without one."""
    text = format_nip(nip)
    return f"NIP. {text}" if text else ""


def mask_digits(value: str | None, keep_start: int = 6, keep_end: int = 0) -> str:
    """Mask personal numbers for roles that may not see them: the region code (first 6 digits
    of a NIK or No. KK) stays, the birth date and serial become '*'."""
    text = (value or "").strip()
    if not text:
        return ""
    if len(text) <= keep_start + keep_end:
        return "*" * len(text)
    end = text[len(text) - keep_end:] if keep_end else ""
    return text[:keep_start] + "*" * (len(text) - keep_start - keep_end) + end
