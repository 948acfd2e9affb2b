"""Where criteria values come from, the default criteria sets, and the eligibility rules.

A criterion's *source* is a submission field or a derived value. Choice fields are scored by a
table (e.g. damage: Baik 1 … Rusak berat 4). The defaults follow the RTLH criteria of
Permen PUPR 29/PRT/M/2018 and the BSPS programme, and common practice of Indonesian agencies
for roads and drainage; ``docs/ranking.md`` explains each one.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from desktop_app.core.domain.formatting import format_decimal, format_rupiah
from desktop_app.intake.domain.submissions import (
    DAMAGE_LEVELS,
    FLOOD_FREQUENCY,
    MATERIAL_CONDITION,
    SURFACE_CHOICES,
    TOILET_CHOICES,
    WATER_CHOICES,
    Category,
    FieldKind,
    fields_for,
)
from desktop_app.ranking.domain.methods import Criterion, Direction, normalise_weights


@dataclass(frozen=True)
class SourceSpec:
    key: str
    label: str
    unit: str = ""
    choices: tuple[str, ...] = ()  # for choice fields: the choices to score
    derived: bool = False
    description: str = ""


# Derived values, computed in SQL by services/ranking.py from the submission's columns.
DERIVED_SOURCES: dict[str, SourceSpec] = {
    "area_per_person": SourceSpec(
        "area_per_person", "Luas lantai per orang", "m²", derived=True,
        description="luas lantai ÷ jumlah penghuni"),
    "failed_criteria": SourceSpec(
        "failed_criteria", "Jumlah kriteria RTLH tidak terpenuhi", "kriteria", derived=True,
        description="struktur, atap, dinding, lantai rusak sedang/berat; ventilasi/pencahayaan "
                    "kurang; tanpa jamban ber-septic tank; air minum tidak aman; luas per orang "
                    "di bawah ambang"),
    "cost_per_household": SourceSpec(
        "cost_per_household", "Biaya per KK terlayani", "Rp", derived=True,
        description="perkiraan biaya ÷ KK terlayani"),
    "cost_per_household_affected": SourceSpec(
        "cost_per_household_affected", "Biaya per KK terdampak", "Rp", derived=True,
        description="perkiraan biaya ÷ KK terdampak"),
}

_NUMERIC = (FieldKind.NUMBER, FieldKind.MONEY, FieldKind.INTEGER, FieldKind.YEAR)


def sources_for(category: Category | str) -> dict[str, SourceSpec]:
    """Every source a criterion of this category may use: numeric, choice and yes/no fields,
    then derived values."""
    out: dict[str, SourceSpec] = {}
    for spec in fields_for(category):
        if spec.kind in _NUMERIC:
            out[spec.key] = SourceSpec(spec.key, spec.label, spec.unit)
        elif spec.kind is FieldKind.CHOICE:
            out[spec.key] = SourceSpec(spec.key, spec.label, choices=spec.choices)
        elif spec.kind is FieldKind.BOOL:
            out[spec.key] = SourceSpec(spec.key, spec.label, choices=("Ya", "Tidak"))
    cat = Category(category)
    wanted = {
        Category.RTLH: ("area_per_person", "failed_criteria"),
        Category.JALAN: ("cost_per_household",),
        Category.DRAINASE: ("cost_per_household_affected",),
    }.get(cat, ())
    for key in wanted:
        out[key] = DERIVED_SOURCES[key]
    return out


def _scores(choices: Sequence[str], values: Sequence[float]) -> dict[str, float]:
    return dict(zip(choices, values, strict=True))


CONDITION_SCORES = _scores(MATERIAL_CONDITION, (1, 2, 3, 4))
DAMAGE_SCORES = _scores(DAMAGE_LEVELS, (1, 2, 3, 4))
TOILET_SCORES = _scores(TOILET_CHOICES, (1, 2, 3, 4))
WATER_SCORES = _scores(WATER_CHOICES, (1, 1, 2, 3, 4))
SURFACE_SCORES = _scores(SURFACE_CHOICES, (4, 3, 2, 1, 2))
FREQUENCY_SCORES = _scores(FLOOD_FREQUENCY, (1, 2, 3, 4))

B, C = Direction.BENEFIT, Direction.COST
DEFAULT_CRITERIA: dict[Category, tuple[Criterion, ...]] = {
    Category.RTLH: (
        Criterion("penghasilan", "Penghasilan per bulan", C, 0.20, "monthly_income"),
        Criterion("penghuni", "Jumlah penghuni", B, 0.10, "occupants"),
        Criterion("luas_per_orang", "Luas lantai per orang", C, 0.10, "area_per_person"),
        Criterion("struktur", "Kondisi struktur", B, 0.15, "structure_condition",
                  CONDITION_SCORES),
        Criterion("atap", "Kondisi atap", B, 0.10, "roof_condition", CONDITION_SCORES),
        Criterion("dinding", "Kondisi dinding", B, 0.10, "wall_condition", CONDITION_SCORES),
        Criterion("lantai", "Kondisi lantai", B, 0.05, "floor_condition", CONDITION_SCORES),
        Criterion("sanitasi", "Jamban/sanitasi", B, 0.10, "toilet", TOILET_SCORES),
        Criterion("air_minum", "Sumber air minum", B, 0.05, "water_source", WATER_SCORES),
        Criterion("kriteria_gagal", "Jumlah kriteria RTLH tidak terpenuhi", B, 0.05,
                  "failed_criteria"),
    ),
    Category.JALAN: (
        Criterion("kerusakan", "Tingkat kerusakan", B, 0.30, "damage_level", DAMAGE_SCORES),
        Criterion("kk_terlayani", "KK terlayani", B, 0.25, "households_served"),
        Criterion("konektivitas", "Fasilitas umum terhubung", B, 0.15, "facilities_count"),
        Criterion("permukaan", "Jenis permukaan", B, 0.10, "surface", SURFACE_SCORES),
        Criterion("biaya_per_kk", "Biaya per KK terlayani", C, 0.20, "cost_per_household"),
    ),
    Category.DRAINASE: (
        Criterion("kerusakan", "Tingkat kerusakan", B, 0.20, "damage_level", DAMAGE_SCORES),
        Criterion("tinggi_genangan", "Tinggi genangan", B, 0.20, "flood_depth_cm"),
        Criterion("lama_genangan", "Lama genangan", B, 0.15, "flood_duration_hours"),
        Criterion("frekuensi", "Frekuensi genangan", B, 0.15, "flood_frequency",
                  FREQUENCY_SCORES),
        Criterion("kk_terdampak", "KK terdampak", B, 0.20, "households_affected"),
        Criterion("biaya", "Perkiraan biaya", C, 0.10, "estimated_cost"),
    ),
}


# ---- Eligibility (hard rules checked before ranking) ------------------------------------------


@dataclass(frozen=True)
class RuleSpec:
    key: str
    label: str  # with {param} where the rule has one
    param_label: str = ""
    default_param: float | None = None


RULES: dict[str, RuleSpec] = {
    "aided_recently": RuleSpec(
        "aided_recently", "Pernah menerima bantuan perumahan dalam {param:g} tahun terakhir",
        "Jangka tahun", 10),
    "income_above_umk": RuleSpec(
        "income_above_umk", "Penghasilan di atas upah minimum kabupaten (UMK)",
        "UMK (Rp/bulan); kosong: nilai di pengaturan ranking.umk_monthly"),
    "land_not_owned": RuleSpec("land_not_owned", "Tidak memiliki tanah sendiri"),
    "house_not_owned": RuleSpec("house_not_owned", "Rumah bukan milik sendiri"),
    "not_only_house": RuleSpec("not_only_house", "Bukan satu-satunya rumah"),
}

DEFAULT_RULES: dict[Category, tuple[dict[str, Any], ...]] = {
    Category.RTLH: (
        {"rule": "aided_recently", "param": 10},
        {"rule": "income_above_umk"},
        {"rule": "land_not_owned"},
    ),
}


def rule_text(rule: Mapping[str, Any]) -> str:
    spec = RULES[rule["rule"]]
    param = rule.get("param", spec.default_param)
    text = spec.label.format(param=param if param is not None else 0)
    if rule["rule"] == "income_above_umk" and param:
        text += f" ({format_rupiah(float(param))}/bulan)"
    return text


# ---- Criteria files (JSON), shared by the GUI and ``ruko-parsel rank --criteria`` -----------


class CriteriaFileError(ValueError):
    pass


def criterion_to_dict(c: Criterion) -> dict[str, Any]:
    out: dict[str, Any] = {"key": c.key, "nama": c.name, "sumber": c.source,
                           "arah": c.direction.value, "bobot": c.weight}
    if c.choice_scores:
        out["skor_pilihan"] = dict(c.choice_scores)
    return out


def criteria_to_json(category: str, name: str, criteria: Sequence[Criterion],
                     rules: Sequence[Mapping[str, Any]]) -> str:
    return json.dumps({
        "format": "ruko-parsel-kriteria", "versi_format": 1, "kategori": category,
        "nama": name, "kriteria": [criterion_to_dict(c) for c in criteria],
        "syarat": [dict(r) for r in rules],
    }, ensure_ascii=False, indent=2)


def criteria_from_json(text: str, category: str | None = None
                       ) -> tuple[str, str, list[Criterion], list[dict[str, Any]]]:
    """(category, name, criteria, rules) from a criteria file; CriteriaFileError in Indonesian."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CriteriaFileError(f"Berkas kriteria bukan JSON yang sah: {exc.msg} "
                                f"(baris {exc.lineno}).") from exc
    if not isinstance(data, dict) or not isinstance(data.get("kriteria"), list):
        raise CriteriaFileError("Berkas kriteria harus berisi daftar 'kriteria'.")
    cat = str(data.get("kategori") or category or "")
    if category and cat != category:
        raise CriteriaFileError(f"Berkas ini untuk kategori '{cat}', bukan '{category}'.")
    try:
        Category(cat)
    except ValueError as exc:
        raise CriteriaFileError(f"Kategori '{cat}' tidak dikenal.") from exc
    sources = sources_for(cat)
    criteria = []
    for i, item in enumerate(data["kriteria"], start=1):
        try:
            source = str(item["sumber"])
            if source not in sources:
                raise CriteriaFileError(f"Kriteria {i}: sumber '{source}' tidak dikenal untuk "
                                        f"kategori {cat}.")
            scores = item.get("skor_pilihan")
            criteria.append(Criterion(
                str(item.get("key") or source), str(item["nama"]), Direction(item["arah"]),
                float(item["bobot"]), source,
                {str(k): float(v) for k, v in scores.items()} if scores else None))
        except CriteriaFileError:
            raise
        except (KeyError, ValueError, TypeError, AttributeError) as exc:
            raise CriteriaFileError(
                f"Kriteria {i} tidak lengkap atau salah (perlu nama, sumber, arah "
                f"benefit/cost, bobot): {exc}") from exc
    check_criteria(criteria)
    rules = [dict(r) for r in data.get("syarat", [])]
    for r in rules:
        if r.get("rule") not in RULES:
            raise CriteriaFileError(f"Syarat '{r.get('rule')}' tidak dikenal.")
    return cat, str(data.get("nama") or f"Kriteria {cat}"), criteria, rules


def check_criteria(criteria: Sequence[Criterion]) -> None:
    if not criteria:
        raise CriteriaFileError("Minimal satu kriteria.")
    keys = [c.key for c in criteria]
    if len(set(keys)) != len(keys):
        raise CriteriaFileError("Kode kriteria tidak boleh kembar.")
    try:
        normalise_weights([c.weight for c in criteria])
    except ValueError as exc:
        raise CriteriaFileError(str(exc)) from exc


# ---- Showing values --------------------------------------------------------------------------

MONEY_SOURCES = {"monthly_income", "estimated_cost", "cost_per_household",
                 "cost_per_household_affected"}


def format_value(criterion: Criterion, value: float | None) -> str:
    """A criterion's value as scored: money in Rupiah, a choice as its score and label."""
    if value is None:
        return "-"
    if criterion.choice_scores:
        labels = [k for k, v in criterion.choice_scores.items() if float(v) == value]
        return format_decimal(value) + (f" ({labels[0]})" if len(labels) == 1 else "")
    if (criterion.source or criterion.key) in MONEY_SOURCES:
        return format_rupiah(value)
    return format_decimal(value)
