"""Indonesian formatting for screens and printouts: dates, times, Rupiah, number words, NIP.

No ``locale`` module: the office PCs run Windows with whatever locale they came with.
"""

from __future__ import annotations

from datetime import date, datetime, time

DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember"]
_ONES = ["", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
         "sepuluh", "sebelas"]


def day_name(d: date) -> str:
    return DAYS[d.weekday()]


def month_name(month: int) -> str:
    return MONTHS[month - 1]


def format_date(d: date | None) -> str:
    """23 November 2026"""
    if d is None:
        return ""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def format_date_long(d: date | None) -> str:
    """Senin, 23 November 2026"""
    if d is None:
        return ""
    return f"{day_name(d)}, {format_date(d)}"


def format_date_short(d: date | None) -> str:
    """23/11/2026"""
    return "" if d is None else f"{d.day:02d}/{d.month:02d}/{d.year}"


def format_time(t: time | datetime | None) -> str:
    """09.00 (Indonesian uses a dot between hours and minutes)."""
    return "" if t is None else f"{t.hour:02d}.{t.minute:02d}"


def format_datetime(dt: datetime | None) -> str:
    """23 November 2026 14.05"""
    return "" if dt is None else f"{format_date(dt.date())} {format_time(dt)}"


def format_number(value: float | int | None, decimals: int = 0) -> str:
    """1.234.567 or 1.234,5: dot for thousands, comma for decimals."""
    if value is None:
        return ""
    text = f"{abs(value):,.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return ("-" if value < 0 else "") + text


def format_rupiah(value: float | int | None, decimals: int = 0) -> str:
    """Rp1.500.000 (no space, as in Bank Indonesia's style); negative: -Rp1.500."""
    if value is None:
        return ""
    sign = "-" if value < 0 else ""
    return f"{sign}Rp{format_number(abs(value), decimals)}"


def terbilang(n: int) -> str:
    """Indonesian number words: 1500 → 'seribu lima ratus'."""
    n = int(n)
    if n < 0:
        return "minus " + terbilang(-n)
    if n == 0:
        return "nol"
    return _words(n).strip()


def _words(n: int) -> str:
    if n < 12:
        return _ONES[n]
    if n < 20:
        return f"{_ONES[n - 10]} belas"
    if n < 100:
        return f"{_ONES[n // 10]} puluh {_words(n % 10)}".strip()
    if n < 200:
        return f"seratus {_words(n - 100)}".strip()
    if n < 1000:
        return f"{_ONES[n // 100]} ratus {_words(n % 100)}".strip()
    if n < 2000:
        return f"seribu {_words(n - 1000)}".strip()
    for size, name in ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (1000, "ribu")):
        if n >= size:
            return f"{_words(n // size)} {name} {_words(n % size)}".strip()
    return ""


def pada_hari_tanggal(d: date) -> str:
    """'Pada hari ini Senin tanggal dua puluh tiga bulan November tahun dua ribu dua puluh enam'"""
    return (
        f"Pada hari ini {day_name(d)} tanggal {terbilang(d.day)} bulan {month_name(d.month)} "
        f"tahun {terbilang(d.year)}"
    )


def format_nip(nip: str | None) -> str:
    """'196503181990031005' → '19650318 199003 1 005'; anything else returned stripped."""
    text = "".join((nip or "").split())
    if len(text) != 18 or not text.isdigit():
        return (nip or "").strip()
    return f"{text[:8]} {text[8:14]} {text[14]} {text[15:]}"


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
