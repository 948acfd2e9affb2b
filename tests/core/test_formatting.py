"""Indonesian formatting of dates, money, number words and NIP."""

from datetime import date, datetime, time

import pytest

from desktop_app.core.domain.formatting import (
    format_cell,
    format_date,
    format_date_long,
    format_datetime,
    format_decimal,
    format_input_number,
    format_nip,
    format_number,
    format_percent,
    format_quantity,
    format_rupiah,
    format_time,
    mask_digits,
    nip_line,
    pada_hari_tanggal,
    terbilang,
)


def test_dates_and_times():
    d = date(2026, 11, 23)
    assert format_date_long(d) == "Senin, 23 November 2026"
    assert format_date(date(2026, 2, 1)) == "1 Februari 2026"
    assert format_time(time(9, 5)) == "09.05"
    assert format_datetime(datetime(2026, 11, 23, 14, 5)) == "23 November 2026 14.05"


@pytest.mark.parametrize(("value", "text"), [
    (1_500_000, "Rp1.500.000"), (0, "Rp0"), (-1500, "-Rp1.500"), (999, "Rp999"),
])
def test_rupiah(value, text):
    assert format_rupiah(value) == text


def test_number_with_decimals():
    assert format_number(1234.5, 1) == "1.234,5"
    assert format_number(-0.0001, 2) == "0,00"  # no "-0,00"


@pytest.mark.parametrize(("value", "text"), [
    (7.2, "7,2"), (7.0, "7"), (36, "36"), (1_500_000, "1.500.000"), (0.126, "0,13"),
    (-1234.5, "-1.234,5"), (0.0, "0"),
])
def test_decimal_comma_without_trailing_zeros(value, text):
    assert format_decimal(value) == text


def test_quantities_percent_and_cells():
    assert format_quantity(7.2, "m²") == "7,2 m²"
    assert format_quantity(None, "m²") == ""
    assert format_percent(66.666) == "66,7%"
    assert format_cell(2.5) == "2,5"
    assert format_cell(12345) == "12.345"
    assert format_cell("ADU/2026/0001") == "ADU/2026/0001"
    assert format_cell(None) == ""


@pytest.mark.parametrize("value", [7.2, 0.125, 1.125, 36.0, 1_500_000.0, 1234.56, 2.3412])
def test_a_number_put_into_a_field_reads_back_the_same(value):
    from desktop_app.core.domain.parsing import to_decimal_number

    assert to_decimal_number(format_input_number(value)) == pytest.approx(value)
    assert to_decimal_number(format_input_number(value, money=True)) == pytest.approx(value)


@pytest.mark.parametrize(("n", "words"), [
    (0, "nol"), (11, "sebelas"), (15, "lima belas"), (23, "dua puluh tiga"),
    (100, "seratus"), (1500, "seribu lima ratus"), (2026, "dua ribu dua puluh enam"),
    (1_250_000, "satu juta dua ratus lima puluh ribu"), (111, "seratus sebelas"),
])
def test_terbilang(n, words):
    assert terbilang(n) == words


def test_pada_hari_tanggal():
    assert pada_hari_tanggal(date(2026, 11, 23)) == (
        "Pada hari ini Senin tanggal dua puluh tiga bulan November tahun dua ribu dua puluh enam"
    )


def test_babel_and_num2words_give_the_words_the_hand_written_tables_gave():
    """The names and number words now come from Babel and num2words; every day of two years
    and every number up to 3000 read as the office's own tables had them."""
    from datetime import timedelta

    days = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
    months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
              "September", "Oktober", "November", "Desember"]
    d = date(2026, 1, 1)
    while d.year < 2028:
        assert format_date_long(d) == f"{days[d.weekday()]}, {d.day} {months[d.month - 1]} " \
            f"{d.year}"
        d += timedelta(days=1)
    ones = ["", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan",
            "sembilan"]

    def words(n: int) -> str:
        if n < 10:
            return ones[n]
        if n < 20:
            return {10: "sepuluh", 11: "sebelas"}.get(n, f"{ones[n - 10]} belas")
        if n < 100:
            return f"{ones[n // 10]} puluh {words(n % 10)}".strip()
        if n < 1000:
            head = "seratus" if n < 200 else f"{ones[n // 100]} ratus"
            return f"{head} {words(n % 100)}".strip()
        head = "seribu" if n < 2000 else f"{words(n // 1000)} ribu"
        return f"{head} {words(n % 1000)}".strip()

    assert all(terbilang(n) == words(n) for n in range(1, 3000))
    assert terbilang(-5) == "minus lima"


def test_nip_and_masking():
    assert format_nip("196503181990031005") == "19650318 199003 1 005"
    assert format_nip("123") == "123"
    assert nip_line("196503181990031005") == "NIP. 19650318 199003 1 005"
    assert nip_line(" 19650318 199003 1 005 ") == "NIP. 19650318 199003 1 005"
    assert nip_line("") == ""
    assert mask_digits("6311071203800001") == "631107**********"
    assert mask_digits("") == ""
