"""Reading values the way offices type them (forms and spreadsheets), with Indonesian reasons."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "pebruari": 2, "maret": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "agustus": 8,
    "agu": 8, "agt": 8, "ags": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10,
    "okt": 10, "oct": 10, "november": 11, "nov": 11, "nopember": 11, "desember": 12, "des": 12,
    "dec": 12, "may": 5,
}

_EXCEL_EPOCH = date(1899, 12, 30)
EARLIEST_YEAR = 1900  # an office record dated before this is a typing or Excel error
LATEST_YEAR = 2100  # nor is one after this (a date box's own limit is 9999)


def date_out_of_range(value: date) -> str | None:
    """Why a stored date is not plausible for an office record (Indonesian), or None."""
    if EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        return None
    return (f"Tanggal {value:%d/%m/%Y} di luar rentang yang wajar (tahun {EARLIEST_YEAR}–"
            f"{LATEST_YEAR}); periksa tahunnya.")
# C0 and C1 control characters except tab and newline: invisible, they break searches,
# printouts and the XML of workbooks.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """Text as it may be stored: line ends as \\n, no control characters."""
    if not text or text.isprintable():  # nearly every text: one C-level check
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def quoted(value: object, limit: int = 40) -> str:
    """A written value as a message quotes it: in quotes, a long one cut with "…" (a pasted
    page of text is not repeated in full)."""
    text = to_text(value).replace("\n", " ")
    return f"'{text[:limit - 1]}…'" if len(text) > limit else f"'{text}'"


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def to_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_text(str(value)).strip()


# What offices write around a number: "± 36", "kurang lebih 5"; a unit after it ("4 org",
# "48 m2", "120 meter", "Rp 750.000/bln"), taken off before the number is read.
_APPROXIMATELY = re.compile(r"^(±|\+/?-|kurang lebih|kurleb|kira-kira|kira kira|sekitar|kl\.)\s*")
_UNIT = re.compile(r"\s*(/\s*|per\s+)?(m2|m²|m\^2|meter persegi|meter|mtr|km|m|jiwa|orang|org|"
                   r"unit|buah|bh|titik|rumah|hari|bulan|bln|tahun|thn|persen|%)\.?$")
# "6 x 8", "6x8 m", "6 m x 8 m": a floor written as its sides.
_SIDES = re.compile(r"^\s*([\d.,]+)\s*(?:m|meter)?\s*[x×*]\s*([\d.,]+)\s*(?:m2|m²|m|meter)?\s*$")


_FACTORS = {"miliar": 1e9, "milyar": 1e9, "m": 1e9, "juta": 1e6, "jt": 1e6, "ribu": 1e3,
            "rb": 1e3}


def to_area(value: object) -> float:
    """An area in m²: a number as ``to_decimal_number`` reads it, or the product of two sides
    written "6 x 8" (48)."""
    sides = _SIDES.match(value.lower()) if isinstance(value, str) else None
    if sides:
        return round(to_decimal_number(sides[1]) * to_decimal_number(sides[2]), 2)
    return to_decimal_number(value)


def to_decimal_number(value: object) -> float:
    """'Rp 1.500.000' → 1500000; '1.500.000,50' → 1500000.5; '7,2' and '7.2' → 7.2;
    '1,500,000' → 1500000; 1.5e6 → 1500000; '4 org', '± 36 m2' → 4, 36."""
    if isinstance(value, bool):
        raise ValueError("bukan angka")
    if isinstance(value, int | float):
        return float(value)
    text = str(value or "").strip().lower()
    if not text:
        raise ValueError("kosong")
    text = _APPROXIMATELY.sub("", text)
    money = re.match(r"^(rp\.?|idr)\s*", text)
    if money:
        text = text[money.end():]
    while True:  # "4 org", "48 m2", "Rp 750.000/bln", "1.500.000,-"
        # after "Rp", a lone "M" is miliar ("Rp 28 M"), not metres
        bare = text if money and re.search(r"\dm\.?$|\sm\.?$", text) else _UNIT.sub("", text)
        bare = bare.rstrip(" ,-.")
        if bare == text or not bare:
            break
        text = bare
    text = text.replace(" ", "")
    factor = 1.0  # "1,5 juta", "750 rb", "2jt", "2,5 miliar", "Rp 28 M": how offices write amounts
    unit = re.search(r"(miliar|milyar|juta|jt|ribu|rb|m)\.?$" if money
                     else r"(miliar|milyar|juta|jt|ribu|rb)\.?$", text)
    if unit and re.fullmatch(r"[\d.,]+", text[:unit.start()] or "x"):
        factor = _FACTORS[unit.group(1)]
        text = text[:unit.start()]
    negative = text.startswith("-")
    text = text.lstrip("-")
    if not text or not re.fullmatch(r"[\d.,]+", text):
        raise ValueError(f"{quoted(value)} bukan angka")
    if "," in text and "." in text:
        # The later separator is the decimal one: 1.500.000,50 (Indonesian) or 1,500,000.50.
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    elif "," in text:
        # One comma is the Indonesian decimal comma (7,2 · 0,125 · 1,500 = 1,5); several are
        # English thousands (1,500,000).
        if text.count(",") == 1:
            text = text.replace(",", ".")
        else:
            text = text.replace(",", "")
    elif "." in text:
        parts = text.split(".")
        if len(parts) > 2 or (len(parts) == 2 and len(parts[1]) == 3):
            text = text.replace(".", "")  # 1.500.000 or 1.500 (thousands)
    number = float(text) * factor
    return -number if negative else number


def to_int(value: object) -> int:
    number = to_decimal_number(value)
    if not float(number).is_integer():
        raise ValueError(f"{quoted(value)} harus bilangan bulat")
    return int(number)


def to_digits_id(value: object, length: int = 16, label: str = "NIK") -> str:
    """NIK / No. KK that Excel may have stored as a number (and rounded)."""
    if isinstance(value, float):
        # Excel keeps 15 significant digits: a 16-digit number typed into a cell comes back
        # with its last digit(s) turned to 0, so such a value cannot be trusted.
        if value >= 2**53 or not value.is_integer() or (
            len(str(int(value))) >= 16 and str(int(value)).endswith("0")
        ):
            raise ValueError(
                f"{label} tersimpan sebagai angka dan kehilangan digit; ketik ulang sebagai teks"
            )
        text = str(int(value))
    elif isinstance(value, int):
        text = str(value)
    else:
        raw = str(value or "").strip().lstrip("'")
        if raw.isdigit():  # as nearly every NIK is written: nothing to clean
            text = raw
        elif re.fullmatch(r"\d(\.\d+)?[eE]\+?\d+", raw):
            raise ValueError(
                f"{label} tertulis dalam notasi ilmiah ({raw}); ketik ulang sebagai teks"
            )
        else:
            text = re.sub(r"[\s.\-]", "", raw)
    if not text:
        raise ValueError(f"{label} kosong")
    if not text.isdigit():
        raise ValueError(f"{label} hanya boleh berisi angka")
    if len(text) != length:
        if len(text) == length - 1 or (len(text) > 12 and text.endswith("000")):
            raise ValueError(
                f"{label} harus {length} digit (tertulis {len(text)}); mungkin Excel "
                "mengubahnya menjadi angka, ketik ulang sebagai teks"
            )
        raise ValueError(f"{label} harus {length} digit (tertulis {len(text)})")
    return text


def to_date(value: object) -> date:
    """Excel serials (also kept as text: '46349'), datetimes, '23/11/2026', '2026-11-23',
    '2026/11/23', '23 November 2026', '23-Nov-26', '20261123', '23 - 11 - 2026', each possibly
    with a time after it ('23/11/2026 10:30:00') or Excel's apostrophe before it."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        if value.year < EARLIEST_YEAR:
            raise ValueError(f"tanggal {value:%d/%m/%Y} sebelum tahun {EARLIEST_YEAR}; periksa "
                             "tahunnya")
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20000 <= value <= 80000:
            return _EXCEL_EPOCH + timedelta(days=int(value))
        raise ValueError(f"{quoted(value)} bukan tanggal")
    text = str(value or "").strip().lstrip("'").strip().lower().replace(",", " ")
    if not text:
        raise ValueError("tanggal kosong")
    if re.fullmatch(r"\d{5}", text) and 20000 <= int(text) <= 80000:  # a serial kept as text
        return _EXCEL_EPOCH + timedelta(days=int(text))
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)  # 20261123
    if m and 1900 <= int(m[1]) <= 2100:
        return _make_date(int(m[1]), int(m[2]), int(m[3]), value)
    text = re.sub(r"^(senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu)\s+", "", text)
    text = re.sub(r"(\d)\s*([/.\-])\s*(?=\d)", r"\1\2", text)  # "23 - 11 - 2026"
    # a time after the date, as exports write it: "12/10/2026 10:30:00", "12 Oktober 2026 10.30"
    text = re.sub(r"\s+(pukul\s+)?\d{1,2}[:.]\d{2}([:.]\d{2})?(\s*(wib|wita|wit))?$", "", text)
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ t].*)?", text)
    if m:
        return _make_date(int(m[1]), int(m[2]), int(m[3]), value)
    m = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})", text)
    if m:
        return _make_date(_year(m[3]), int(m[2]), int(m[1]), value)
    m = re.fullmatch(r"(\d{1,2})[\s\-/]+([a-z]+)\.?[\s\-/]+(\d{2,4})", text)
    if m and m[2] in MONTHS:
        return _make_date(_year(m[3]), MONTHS[m[2]], int(m[1]), value)
    raise ValueError(f"{quoted(value)} bukan tanggal yang dikenali (contoh: 23/11/2026)")


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _make_date(year: int, month: int, day: int, original: object) -> date:
    try:
        made = date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"tanggal {quoted(original)} tidak ada di kalender") from exc
    if made.year < EARLIEST_YEAR:
        raise ValueError(f"tanggal {quoted(original)} sebelum tahun {EARLIEST_YEAR}; periksa tahunnya")
    return made


def to_past_date(value: object) -> date:
    """``to_date`` for things that already happened (a submission received): not in the
    future."""
    from desktop_app.core.domain import clock

    made = to_date(value)
    if made > clock.today():
        raise ValueError(f"tanggal '{to_text(value)}' di masa depan")
    return made


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def to_choice(value: object, choices: Sequence[str],
              aliases: dict[str, str] | None = None) -> str:
    """Match case- and space-insensitively against the allowed choices (or their aliases)."""
    key = _norm(to_text(value))
    if not key:
        raise ValueError("pilihan kosong")
    for choice in choices:
        if _norm(choice) == key:
            return choice
    for alias, choice in (aliases or {}).items():
        if _norm(alias) == key:
            return choice
    raise ValueError(f"{quoted(value)} bukan pilihan yang dikenal ({', '.join(choices)})")


def to_phone(value: object) -> str:
    """'0812-3456-7890', '+62 812 3456 7890', 6281234567890 → '081234567890'."""
    text = to_text(value)
    digits = re.sub(r"[\s().\-]", "", text)
    if digits.startswith("+62"):
        digits = "0" + digits[3:]
    elif digits.startswith("62") and len(digits) >= 11:
        digits = "0" + digits[2:]
    elif digits.startswith("8") and 9 <= len(digits) <= 13:
        digits = "0" + digits  # Excel dropped the leading zero
    if not digits.isdigit() or not digits.startswith("0") or not 10 <= len(digits) <= 14:
        raise ValueError(f"nomor telepon {quoted(text)} tidak valid")
    return digits


def to_bool(value: object) -> bool:
    key = _norm(to_text(value))
    if key in {"ya", "y", "ada", "1", "true", "benar", "milik", "miliksendiri", "layak", "sudah"}:
        return True
    if key in {"tidak", "t", "tdk", "tidakada", "0", "false", "salah", "belum", "bukan"}:
        return False
    raise ValueError(f"{quoted(value)} harus Ya atau Tidak")
