"""How the audit page names and shows the fields of the priority ranking's records (registered
by the composition root; see core.domain.audit_fields)."""

from __future__ import annotations

import json
from typing import Any

from desktop_app.core.domain import audit_fields as af
from desktop_app.core.domain.formatting import format_percent
from desktop_app.intake.domain.submissions import Category
from desktop_app.intake.services import categories
from desktop_app.ranking.domain.criteria import rule_text, sources_for
from desktop_app.ranking.domain.lists import ListStatus, RankScope
from desktop_app.ranking.domain.methods import Direction, Method
from desktop_app.ranking.services import criteria_sets

F = af.AuditField


def _source_label(key: str) -> str:
    for category in Category:
        source = sources_for(category).get(key)
        if source is not None:
            return source.label
    return key


def criteria_text(value: Any) -> str:
    """[(key, direction, weight), …] → "1. Luas lantai per orang — Cost (…) — bobot 30,0%"."""
    return "\n".join(f"{i}. {_source_label(key)} — {Direction.label_of(direction)} — "
                     f"bobot {format_percent(float(weight) * 100)}"
                     for i, (key, direction, weight) in enumerate(value or [], start=1))


def scope_text(value: Any, names: dict[str, str]) -> str:
    """{"year": 2026, "kecamatan_code": "63.11.07", …} → "Tahun 2026, Kec. Paringin Selatan"."""
    scope = RankScope(**(json.loads(value) if isinstance(value, str) else value))
    text = scope.describe(names)
    return text[:1].upper() + text[1:]


def rules_text(value: Any) -> str:
    return "\n".join(f"{i}. {rule_text(rule)}" for i, rule in enumerate(value or [], start=1)) \
        or "(tanpa syarat)"
_CATEGORY = af.looked_up("Kategori", "ranking_category")

FIELDS: af.FieldMap = {
    "priority_list": {
        "category": _CATEGORY,
        "status": af.choice("Status daftar", ListStatus),
        "number": F("Nomor daftar"),
        "title": F("Judul daftar"),
        "method": af.choice("Metode", Method),
        "criteria_set_id": af.looked_up("Set kriteria", "ranking_criteria_set"),
        "ranked": F("Data diperingkat", af.Kind.NUMBER),
        "ineligible": F("Data tidak memenuhi syarat", af.Kind.NUMBER),
        "scope": F("Cakupan", render=scope_text, lookup=af.REGIONS),
        "note": F("Catatan persetujuan"),
    },
    "criteria_set": {
        "category": _CATEGORY,
        "version": F("Versi kriteria"),
        "name": F("Nama set kriteria"),
        "criteria": F("Kriteria", render=criteria_text),
        "rules": F("Syarat kelayakan", render=rules_text),
    },
}

LOOKUPS: af.Lookups = {"ranking_category": categories.category_labels,
                       "ranking_criteria_set": criteria_sets.set_labels}
