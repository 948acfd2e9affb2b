"""Published worked examples of SAW, TOPSIS and AHP, reproduced end to end: the alternatives
are entered as verified submissions, the weights saved as a criteria set through the
services (as percentages, the way an office types them), the list computed by
``lists.run_ranking`` and read back with ``entries.list_entries`` / ``explain``.

Every figure asserted is the one printed in the source, to the precision printed there."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from desktop_app.intake.domain.submissions import FLOOD_FREQUENCY
from desktop_app.intake.domain.validation import SubmissionInput
from desktop_app.intake.services import records, workflow
from desktop_app.ranking.domain.ahp import RANDOM_INDEX, ahp_weights
from desktop_app.ranking.domain.methods import Criterion, Direction, Method
from desktop_app.ranking.services import computation, criteria_sets, entries, lists
from desktop_app.ranking.services.explanation import explain
from tests.intake.factories import INAN

B, C = Direction.BENEFIT, Direction.COST


def _drain(app, actor, name, day, **details):
    """One verified drainase usulan carrying the example's values in its survey fields."""
    base = {"road_name": name, "length_m": "1", "damage_level": "Baik",
            "households_affected": "0"}
    base.update({k: str(v) for k, v in details.items()})
    saved = records.create_submission(app, actor, SubmissionInput(
        kind="usulan", category="drainase", received_on=date(2026, 11, day),
        channel="enumerator", reporter_name="Yusuf Hidayat", subject=name, desa_code=INAN,
        details=base))
    workflow.verify(app, actor, saved.id, "Sesuai kondisi lapangan.")
    return saved.id


def _frequency_choices():
    return tuple(FLOOD_FREQUENCY)


# ---- Hwang & Yoon (1981): TOPSIS, the fighter aircraft --------------------------------------


@pytest.fixture
def fighter_aircraft(app_ctx, admin):
    """Hwang, C.L. & Yoon, K. (1981), *Multiple Attribute Decision Making — Methods and
    Applications*, Springer, Lecture Notes in Economics and Mathematical Systems 186,
    §III.1.2.4 (TOPSIS), the fighter aircraft example (reproduced in Yoon & Hwang 1995,
    *Multiple Attribute Decision Making: An Introduction*, Sage, and in most TOPSIS notes):

    | | X1 max speed (Mach) | X2 ferry range (NM) | X3 max payload (lb) | X4 cost ($10⁶) | X5 reliability | X6 maneuverability |
    | A1 | 2.0 | 1500 | 20000 | 5.5 | average (5) | very high (9) |
    | A2 | 2.5 | 2700 | 18000 | 6.5 | low (3) | average (5) |
    | A3 | 1.8 | 2000 | 21000 | 4.5 | high (7) | high (7) |
    | A4 | 2.2 | 1800 | 20000 | 5.0 | average (5) | average (5) |

    w = (0.2, 0.1, 0.1, 0.1, 0.2, 0.3); X4 is a cost attribute; the qualitative ratings on
    the interval scale low 3, average 5, high 7, very high 9. Printed result:
    S*  = 0.0545, 0.1197, 0.0580, 0.1009; S⁻ = 0.0983, 0.0439, 0.0920, 0.0458;
    C* = 0.643, 0.268, 0.613, 0.312; order A1 > A3 > A4 > A2.

    The book rounds every intermediate table to four decimals; the app does not, so a
    printed figure may differ by one in its last digit (A3: 0.0920 / (0.0580 + 0.0920) =
    0.613 in the book, 0.61354 unrounded; S*₁ 0.05456, S⁻₁ 0.09838). The assertions allow
    exactly that: half a unit of the printed precision plus the book's rounding.

    The two linguistic attributes go through choice fields whose scores are the book's
    scale, so the example also checks choice scoring."""
    scale = {"Baik": 1, "Rusak ringan": 3, "Rusak sedang": 5, "Rusak berat": 7}
    freq = dict(zip(_frequency_choices(), (3, 5, 7, 9), strict=True))
    criteria = [
        Criterion("x1", "Kecepatan maksimum", B, 20, "flood_depth_cm"),
        Criterion("x2", "Jarak jelajah", B, 10, "length_m"),
        Criterion("x3", "Muatan maksimum", B, 10, "households_affected"),
        Criterion("x4", "Biaya perolehan", C, 10, "flood_duration_hours"),
        Criterion("x5", "Keandalan", B, 20, "damage_level", scale),
        Criterion("x6", "Kemampuan manuver", B, 30, "flood_frequency", freq),
    ]
    criteria_sets.save_criteria_set(app_ctx, admin, "drainase", "Hwang & Yoon 1981", criteria,
                                    [])
    f = _frequency_choices()
    a1 = _drain(app_ctx, admin, "A1", 2, flood_depth_cm="2,0", length_m=1500,
                households_affected=20000, flood_duration_hours="5,5",
                damage_level="Rusak sedang", flood_frequency=f[3])
    a2 = _drain(app_ctx, admin, "A2", 3, flood_depth_cm="2,5", length_m=2700,
                households_affected=18000, flood_duration_hours="6,5",
                damage_level="Rusak ringan", flood_frequency=f[1])
    a3 = _drain(app_ctx, admin, "A3", 4, flood_depth_cm="1,8", length_m=2000,
                households_affected=21000, flood_duration_hours="4,5",
                damage_level="Rusak berat", flood_frequency=f[2])
    a4 = _drain(app_ctx, admin, "A4", 5, flood_depth_cm="2,2", length_m=1800,
                households_affected=20000, flood_duration_hours="5,0",
                damage_level="Rusak sedang", flood_frequency=f[1])
    return a1, a2, a3, a4


def test_hwang_yoon_fighter_aircraft_topsis(app_ctx, verifier, fighter_aircraft):
    a1, a2, a3, a4 = fighter_aircraft
    info = lists.run_ranking(app_ctx, verifier, "drainase", Method.TOPSIS)
    rows = entries.list_entries(app_ctx, verifier, info.id)
    assert [r.submission_id for r in rows] == [a1, a3, a4, a2]
    printed = {a1: 0.643, a2: 0.268, a3: 0.613, a4: 0.312}
    for r in rows:
        assert r.score == pytest.approx(printed[r.submission_id], abs=0.0006)
    comp = computation.compute(app_ctx, verifier, "drainase", Method.TOPSIS)
    d_plus, d_minus = comp.result.distances
    at = {int(i): p for p, i in enumerate(comp.result.ids)}
    for sid, s_plus, s_minus in ((a1, 0.0545, 0.0983), (a2, 0.1197, 0.0439),
                                 (a3, 0.0580, 0.0920), (a4, 0.1009, 0.0458)):
        assert d_plus[at[sid]] == pytest.approx(s_plus, abs=0.0001)
        assert d_minus[at[sid]] == pytest.approx(s_minus, abs=0.0001)
    assert rows[0].values == [2.0, 1500.0, 20000.0, 5.5, 5.0, 9.0]
    # the weights typed as 20/10/10/10/20/30 are the book's 0.2/0.1/0.1/0.1/0.2/0.3
    parts = explain(app_ctx, verifier, info.id, a1).contributions
    assert [round(p.weight, 6) for p in parts] == [0.2, 0.1, 0.1, 0.1, 0.2, 0.3]
    # vector normalisation: r11 = 2 / √(2² + 2.5² + 1.8² + 2.2²) = 0.4671 (printed)
    assert parts[0].normalised == pytest.approx(0.4671, abs=5e-5)


# ---- Kusumadewi et al. (2006): SAW, the investment of company XYZ ---------------------------


@pytest.fixture
def xyz_investment(app_ctx, admin):
    """Kusumadewi, S., Hartati, S., Harjoko, A. & Wardoyo, R. (2006), *Fuzzy Multi-Attribute
    Decision Making (Fuzzy MADM)*, Graha Ilmu, Yogyakarta — the SAW example: snack company
    XYZ chooses how to invest its surplus. Criteria C1 harga (cost), C2 nilai investasi 10
    tahun (benefit), C3 daya dukung terhadap produktivitas (benefit), C4 prioritas kebutuhan
    (cost), C5 ketersediaan atau kemudahan (benefit); W = (0,25; 0,15; 0,30; 0,25; 0,05).

    | | C1 | C2 | C3 | C4 | C5 |
    | A1 | 150 | 15 | 2 | 2 | 3 |
    | A2 | 500 | 200 | 2 | 3 | 2 |
    | A3 | 200 | 10 | 3 | 1 | 3 |
    | A4 | 350 | 100 | 3 | 1 | 2 |

    Cost attributes normalised min/x, benefit x/max. Result as the book and the lecture notes
    built on it give it: V1 = 0,6362, V2 = 0,5417, V3 = 0,7950, V4 = 0,7655; A3 is chosen
    (e.g. informasi-anakutm.blogspot.com, 2016, reproduces the example). Only the criteria
    could be checked against that reproduction's opening; the table, the weights and the V
    figures are the book's as commonly quoted — the V figures follow exactly from the table
    (V1 is 509/800 = 0,63625, shown as 0,6362)."""
    criteria = [
        Criterion("c1", "Harga", C, 25, "estimated_cost"),
        Criterion("c2", "Nilai investasi 10 tahun", B, 15, "households_affected"),
        Criterion("c3", "Daya dukung produktivitas", B, 30, "flood_depth_cm"),
        Criterion("c4", "Prioritas kebutuhan", C, 25, "flood_duration_hours"),
        Criterion("c5", "Ketersediaan atau kemudahan", B, 5, "length_m"),
    ]
    criteria_sets.save_criteria_set(app_ctx, admin, "drainase", "Kusumadewi SAW", criteria,
                                    [])
    table = [(150, 15, 2, 2, 3), (500, 200, 2, 3, 2), (200, 10, 3, 1, 3), (350, 100, 3, 1, 2)]
    return [_drain(app_ctx, admin, f"A{i}", 2 + i, estimated_cost=c1, households_affected=c2,
                   flood_depth_cm=c3, flood_duration_hours=c4, length_m=c5)
            for i, (c1, c2, c3, c4, c5) in enumerate(table, start=1)]


def test_kusumadewi_xyz_investment_saw(app_ctx, verifier, xyz_investment):
    a1, a2, a3, a4 = xyz_investment
    info = lists.run_ranking(app_ctx, verifier, "drainase", Method.SAW)
    rows = entries.list_entries(app_ctx, verifier, info.id)
    assert [r.submission_id for r in rows] == [a3, a4, a1, a2]
    scores = {r.submission_id: r.score for r in rows}
    # exact: V1 = .25 + .15·15/200 + .30·2/3 + .25·1/2 + .05 = 509/800
    assert scores[a1] == pytest.approx(float(Fraction(509, 800)), abs=1e-12)
    for sid, printed in ((a1, 0.6362), (a2, 0.5417), (a3, 0.7950), (a4, 0.7655)):
        assert scores[sid] == pytest.approx(printed, abs=0.0001)
    # cost normalisation min/x: C1 of A2 = 150/500, C4 of A2 = 1/3
    parts = {p.key: p for p in explain(app_ctx, verifier, info.id, a2).contributions}
    assert parts["c1"].normalised == pytest.approx(0.3)
    assert parts["c4"].normalised == pytest.approx(1 / 3)


# Saaty's house matrix as printed (row i: how much more important criterion i is than each).
HOUSE = """1 5 3 7 6 6 1/3 1/4
1/5 1 1/3 5 3 3 1/5 1/7
1/3 3 1 6 3 4 6 1/5
1/7 1/5 1/6 1 1/3 1/4 1/7 1/8
1/6 1/3 1/3 3 1 1/2 1/5 1/6
1/6 1/3 1/4 4 2 1 1/5 1/6
3 5 1/6 7 5 5 1 1/2
4 7 5 8 6 6 2 1"""


# ---- Saaty (1990): AHP, choosing a house -----------------------------------------------------


def test_saaty_house_example_eight_criteria():
    """Saaty, T.L. (1990), "How to make a decision: The Analytic Hierarchy Process",
    *European Journal of Operational Research* 48, 9–26, the house example: eight criteria
    (size, transportation, neighbourhood, age, yard, modern facilities, general condition,
    financing). Printed: priorities .173 .054 .188 .018 .031 .036 .167 .333,
    λmax = 9.669, C.I. = 0.238, C.R. = 0.169 (with RI(8) = 1.41) — inconsistent, above 0.1."""
    matrix = [[float(Fraction(t)) for t in line.split()] for line in HOUSE.splitlines()]
    result = ahp_weights(matrix)
    assert [round(w, 3) for w in result.weights] == [.173, .054, .188, .018, .031, .036, .167,
                                                     .333]
    assert round(result.lambda_max, 3) == 9.669
    assert round(result.consistency_index, 3) == 0.238
    assert round(result.consistency_ratio, 3) == 0.169
    assert not result.is_consistent and "melebihi 0,1" in result.warning
    # shown on screen with the figures in the order the paper prints them
    assert result.summary == ("λmaks = 9,669; CI = (λmaks − n) ÷ (n − 1) = 0,238; "
                              "RI (n = 8) = 1,41; CR = CI ÷ RI = 0,169")


def test_saaty_random_index_table():
    """Saaty (1980), *The Analytic Hierarchy Process*, McGraw-Hill, Table of random
    consistency indices for n = 1 … 15 (Saaty's values as printed, including RI(12) = 1.48)."""
    assert [RANDOM_INDEX[n] for n in range(1, 16)] == [
        0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59]


# ---- Degenerate criteria: all values equal, all zero ----------------------------------------


@pytest.fixture
def flat_columns(app_ctx, admin):
    """Four criteria of which three cannot tell the usulan apart: depth all 0 (benefit),
    duration all 0 (cost), households all 25 (benefit); only the cost differs."""
    criteria = [
        Criterion("kedalaman", "Tinggi genangan", B, 25, "flood_depth_cm"),
        Criterion("lama", "Lama genangan", C, 25, "flood_duration_hours"),
        Criterion("kk", "KK terdampak", B, 25, "households_affected"),
        Criterion("biaya", "Perkiraan biaya", C, 25, "estimated_cost"),
    ]
    criteria_sets.save_criteria_set(app_ctx, admin, "drainase", "Kolom seragam", criteria, [])
    return [_drain(app_ctx, admin, f"S{i}", 2 + i, flood_depth_cm=0, flood_duration_hours=0,
                   households_affected=25, estimated_cost=cost)
            for i, cost in enumerate((100_000_000, 50_000_000, 200_000_000), start=1)]


@pytest.mark.parametrize("method", [Method.SAW, Method.TOPSIS])
def test_equal_and_zero_columns_give_numbers_everywhere(app_ctx, admin, verifier, flat_columns,
                                                        tmp_path, method):
    """No division by zero, no NaN: not in the scores, the explanation, the printout or the
    workbook. A column that cannot tell the usulan apart does not change their order."""
    import math

    from openpyxl import load_workbook
    from pypdf import PdfReader

    from desktop_app.app.demo import demo_profile
    from desktop_app.core.services import office
    from desktop_app.ranking.services import printing

    office.save_profile(app_ctx, admin, demo_profile())
    s1, s2, s3 = flat_columns
    info = lists.run_ranking(app_ctx, verifier, "drainase", method)
    rows = entries.list_entries(app_ctx, verifier, info.id)
    assert [r.submission_id for r in rows] == [s2, s1, s3]  # cheapest first
    assert all(math.isfinite(r.score) for r in rows)
    for sid in flat_columns:
        parts = explain(app_ctx, verifier, info.id, sid).contributions
        assert all(math.isfinite(p.normalised) and math.isfinite(p.contribution)
                   for p in parts)
        by_key = {p.key: p.normalised for p in parts}
        if method is Method.SAW:
            # x ÷ max with max 0: 0 (no benefit); a cost of 0 is the best possible: 1;
            # all equal (25): 1 for everyone
            assert (by_key["kedalaman"], by_key["lama"], by_key["kk"]) == (0.0, 1.0, 1.0)
        else:
            assert (by_key["kedalaman"], by_key["lama"]) == (0.0, 0.0)
    pdf = printing.print_priority_list(app_ctx, verifier, info.id, tmp_path / "daftar.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages).lower()
    assert "nan" not in text.split() and "inf" not in text.split()
    book = printing.export_list_xlsx(app_ctx, verifier, info.id, tmp_path / "daftar.xlsx")
    cells = [c for ws in load_workbook(book).worksheets for row in ws.iter_rows(values_only=True)
             for c in row if c is not None]
    assert not any(isinstance(c, float) and not math.isfinite(c) for c in cells)
    assert not any(isinstance(c, str) and c.strip().lower() in ("nan", "inf", "-inf")
                   for c in cells)


def test_printed_method_states_the_conventions_of_the_examples():
    """What the published examples assume and the list must say when it differs or is chosen:
    weights divided by their sum, the cost-of-zero and all-zero rules, the ideal solutions."""
    from desktop_app.ranking.domain.lists import method_text

    saw = " ".join(method_text("saw"))
    assert "nilai terkecil ÷ nilai" in saw and "nilai cost 0 dihitung 1" in saw
    assert "Bobot dibagi jumlahnya (persen/poin boleh diisi langsung)" in saw
    topsis = " ".join(method_text("topsis"))
    assert "ideal positif (benefit terbesar, cost terkecil)" in topsis
    assert "tanpa pembulatan antara" in topsis


def test_topsis_score_sheet_shows_the_distances_not_a_sum(app_ctx, admin, verifier,
                                                          fighter_aircraft, tmp_path):
    """A TOPSIS score is not the sum of the weighted values: the explanation and the printed
    score sheet give S* (D⁺) and S⁻ (D⁻) as Hwang & Yoon print them, and the score from them."""
    from pypdf import PdfReader

    from desktop_app.app.demo import demo_profile
    from desktop_app.core.services import office
    from desktop_app.ranking.services import printing

    office.save_profile(app_ctx, admin, demo_profile())
    a1, a2, a3, a4 = fighter_aircraft
    info = lists.run_ranking(app_ctx, verifier, "drainase", Method.TOPSIS)
    for sid, s_plus, s_minus in ((a1, 0.0545, 0.0983), (a2, 0.1197, 0.0439),
                                 (a3, 0.0580, 0.0920), (a4, 0.1009, 0.0458)):
        e = explain(app_ctx, verifier, info.id, sid)
        assert e.distances == pytest.approx((s_plus, s_minus), abs=0.0001)
        assert e.recomputed == pytest.approx(e.distances[1] / sum(e.distances))
    pdf = printing.print_score_sheet(app_ctx, verifier, info.id, a1, tmp_path / "a1.pdf")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    assert "Jumlah" not in text
    # D+ / D- as Indonesian SPK texts write them (the print font has no superscript signs)
    assert "D+ (jarak ke ideal positif)" in text and "0,0546" in text
    assert "D- (jarak ke ideal negatif)" in text and "0,0984" in text
    assert "Skor = D- ÷ (D+ + D-)" in text and "0,6433" in text
    assert "\x00" not in text
