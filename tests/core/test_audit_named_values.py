"""The audit page names what a code stands for: a priority list's scope by its regions, a
region's level, the kind of office; no bare region code on the page (the names REMBUK REMAS
records point to: tests/planning/test_audit_names.py)."""

from __future__ import annotations

import re

from desktop_app.core.domain.audit_fields import lookups, show
from desktop_app.core.services import audit, regions
from desktop_app.ranking.domain.lists import RankScope
from desktop_app.ranking.services import lists


def _registered() -> None:
    from desktop_app.app.navigation import register_audit_fields
    from desktop_app.core.gui import audit_page  # noqa: F401 - registers core's fields

    register_audit_fields()


def _shown(entity, name, value, app=None, names=None):
    found = lookups()

    def lookup(which):
        if names is not None and which == "region":
            return names
        return found[which](app) if app is not None else {}

    return show(entity, name, value, may_see_personal=True, lookup=lookup)


def test_codes_and_levels_read_as_names():
    _registered()
    names = {"63.11.07": "Paringin Selatan", "63.11.07.2003": "Inan"}
    assert _shown("priority_list", "scope", {"year": 2026, "kecamatan_code": "63.11.07",
                                             "desa_code": ""}, names=names) == \
        "Tahun 2026, Kec. Paringin Selatan"
    assert _shown("priority_list", "scope", '{"year": null, "kecamatan_code": "63.11.07", '
                  '"desa_code": "63.11.07.2003"}', names=names) == "Semua tahun, Inan"
    assert _shown("region", "level", "kelurahan") == "Kelurahan"
    assert _shown("region", "level", "kecamatan") == "Kecamatan"
    assert _shown("office_profile", "office_kind", "dinas") == "Dinas / Badan (Perangkat Daerah)"


def test_no_bare_region_code_on_the_demo_trail(demo_app):
    from desktop_app.core.gui.audit_page import diff_rows

    app, admin = demo_app
    _registered()
    # A ranking of one kecamatan's roads and a new kelurahan join the demo's trail.
    lists.run_ranking(app, admin, "jalan", scope=RankScope(year=2026, kecamatan_code="63.11.07"))
    regions.add_region(app, admin, "63.11.07.1099", "Kelurahan Uji", "kelurahan")
    found = lookups()
    cache: dict[str, object] = {}

    def lookup(name):
        return cache.setdefault(name, found[name](app))

    code = re.compile(r"(?<![(\d.])63\.\d\d(\.\d\d)?(\.\d{4})?(?![\d)])")
    bare: list[str] = []
    shown: set[str] = set()
    for r in audit.list_audit(app, admin, audit.AuditFilter(), limit=100_000):
        for row in diff_rows(r.entity, r.before_json, r.after_json, may_see_personal=True,
                             lookup=lookup):
            bare += [f"{r.entity}: {row.label} = {v}" for v in (row.before, row.after)
                     if (code.search(v) and row.label != "Kode")  # a code as itself
                     or v in {"kelurahan", "kecamatan", "desa"}]
            shown.add(f"{r.entity}: {row.label} = {row.after}")
    assert bare == []
    assert "priority_list: Cakupan = Tahun 2026, Kec. Paringin Selatan" in shown
    assert any(s.startswith("priority_list: Set kriteria = ") and "(versi 1)" in s for s in shown)
    assert "region: Tingkat = Kelurahan" in shown
