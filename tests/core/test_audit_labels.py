"""The audit page speaks Indonesian about every kind of change the program records: each
action and each kind of record written to the trail, by any feature, has a label."""

from __future__ import annotations

import ast
from pathlib import Path

from desktop_app.core.gui.audit_page import ACTION_LABELS, ENTITY_LABELS
from desktop_app.core.services import audit

SOURCE = Path(__file__).resolve().parents[2] / "desktop_app"


def _written_in_code() -> tuple[set[str], set[str]]:
    """Action and entity strings passed literally to ``audit.record(session, actor, A, E…)``
    and to the feature wrappers that take the entity first (``_audit_print``, ``_audit``)."""
    actions: set[str] = set()
    entities: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            literal = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str)
                       else None for a in node.args]
            if (isinstance(func, ast.Attribute) and func.attr == "record"
                    and isinstance(func.value, ast.Name) and func.value.id == "audit"
                    and len(literal) >= 4):
                actions.update(x for x in literal[2:3] if x)
                entities.update(x for x in literal[3:4] if x)
            if isinstance(func, ast.Name) and func.id == "_save_list_item" and len(literal) >= 4:
                entities.update(x for x in literal[3:4] if x)
    return actions, entities


def test_every_action_and_record_kind_in_the_code_has_a_label():
    actions, entities = _written_in_code()
    assert {"create", "screen", "forward"} <= actions  # the scan finds the features' calls
    assert {"submission", "meeting", "planning_rembuk", "meeting_kind"} <= entities
    assert sorted(actions - ACTION_LABELS.keys()) == []
    assert sorted(entities - ENTITY_LABELS.keys()) == []


def test_every_row_of_the_demo_trail_is_shown_in_indonesian(demo_app):
    app, admin = demo_app
    rows = audit.list_audit(app, admin, audit.AuditFilter(), limit=100_000)
    assert len(rows) > 50
    assert sorted({r.action for r in rows} - ACTION_LABELS.keys()) == []
    assert sorted({r.entity for r in rows} - ENTITY_LABELS.keys()) == []


# ---- the fields of a change: each declared by its feature, shown in Indonesian ---------------

def _entity_models() -> dict[str, type]:
    """The records whose whole row goes into the trail (``audit.snapshot``): every column of
    the model is a field the audit page may show."""
    from desktop_app.core import models as core
    from desktop_app.intake import models as intake
    from desktop_app.meetings import models as meetings
    from desktop_app.planning import models as planning

    return {
        "user": core.User, "office_profile": core.OfficeProfile, "office_unit": core.OfficeUnit,
        "region": core.Region, "submission": intake.Submission, "action": meetings.ActionItem,
        "meeting": meetings.Meeting, "attendee": meetings.Attendee,
        "problem": meetings.MeetingProblem, "meeting_photo": meetings.MeetingPhoto,
        "meeting_kind": meetings.MeetingKind, "problem_topic": meetings.ProblemTopic,
        "planning_year": planning.PlanningYear, "planning_priority": planning.PlanningPriority,
        "planning_macro_problem": planning.MacroProblem,
        "planning_catalogue": planning.CatalogueEntry, "planning_rembuk": planning.Rembuk,
        "planning_proposal": planning.PlanningProposal,
        "planning_tier_result": planning.TierResult,
    }


def _fields_in_code() -> tuple[set[tuple[str, str]], set[str], set[str]]:
    """(entity, field) of every dict written literally into the trail (``audit.record``'s
    before/after, ``record_many``'s rows), fields written under an entity only known at run
    time, and the entities recorded with a whole-row ``audit.snapshot``."""
    pairs: set[tuple[str, str]] = set()
    loose: set[str] = set()
    snapshots: set[str] = set()

    def keys(node: ast.AST) -> list[str]:
        return [k.value for k in getattr(node, "keys", [])
                if isinstance(k, ast.Constant) and isinstance(k.value, str)]

    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Tuple) and len(node.elts) == 5 \
                    and isinstance(node.elts[1], ast.Constant) \
                    and isinstance(node.elts[3], ast.Dict):  # a record_many row
                pairs.update((str(node.elts[1].value), k) for k in keys(node.elts[3]))
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Name) and func.id == "_audit_print":
                loose.update(kw.arg for kw in node.keywords if kw.arg)
            if not (isinstance(func, ast.Attribute) and func.attr == "record"
                    and isinstance(func.value, ast.Name) and func.value.id == "audit"):
                continue
            entity = node.args[3] if len(node.args) >= 4 else None
            name = entity.value if isinstance(entity, ast.Constant) else None
            for kw in node.keywords:
                if kw.arg not in ("before", "after"):
                    continue
                for inner in ast.walk(kw.value):
                    if isinstance(inner, ast.Dict):
                        if name:
                            pairs.update((name, k) for k in keys(inner))
                        else:
                            loose.update(keys(inner))
                    if isinstance(inner, ast.Attribute) and inner.attr == "snapshot":
                        snapshots.add(name or f"? {path.name}:{node.lineno}")
    return pairs, loose, snapshots


def _undeclared(pairs: set[tuple[str, str]]) -> list[str]:
    from desktop_app.app.navigation import register_audit_fields
    from desktop_app.core.domain import audit_fields
    from desktop_app.core.gui import audit_page  # noqa: F401 - registers core's fields

    register_audit_fields()
    return sorted(f"{e}.{f}" for e, f in pairs if audit_fields.field_of(e, f) is None)


def test_every_field_the_code_writes_to_the_trail_is_declared():
    from sqlalchemy import inspect

    pairs, loose, snapshots = _fields_in_code()
    assert ("planning_rembuk", "moved") in pairs and ("agenda", "agenda") in pairs
    assert ("planning_proposal", "cost") in pairs  # record_many rows are read too
    assert {"final", "letters"} <= loose and ("meeting", "document") in pairs
    models = _entity_models()
    # A new whole-row record needs its model here (a snapshot of an unknown table).
    # (reference.py's two snapshots name their entity by a variable: meeting_kind and
    # problem_topic, both in the models above; matched by file, not by line number.)
    assert sorted(s for s in snapshots - models.keys()
                  if not s.startswith("? reference.py:")) == []
    assert sum(s.startswith("? reference.py:") for s in snapshots) == 2
    for entity, model in models.items():
        pairs.update((entity, c.key) for c in inspect(model).mapper.column_attrs
                     if c.key not in {"password_hash", "logo", "content", "thumbnail"})
    pairs.update(("*", key) for key in loose)
    assert _undeclared(pairs) == []


def test_every_field_of_the_demo_trail_is_declared(demo_app):
    import json

    app, admin = demo_app
    rows = audit.list_audit(app, admin, audit.AuditFilter(), limit=100_000)
    pairs = {(r.entity, key) for r in rows for data in (r.before_json, r.after_json) if data
             for key in json.loads(data)}
    assert len(pairs) > 100
    assert _undeclared(pairs) == []


def test_values_are_shown_as_the_program_shows_them_elsewhere():
    from desktop_app.app.navigation import register_audit_fields
    from desktop_app.core.domain.audit_fields import label_of, readable_label, show

    register_audit_fields()

    def shown(entity, name, value, may_see=True):
        return show(entity, name, value, may_see_personal=may_see,
                    lookup=lambda _n: {"63.11.07.2005": "Panggung"})

    assert label_of("planning_proposal", "amount") == "Nilai realisasi"
    assert shown("planning_proposal", "amount", 160000000) == "Rp160.000.000"
    assert shown("planning_proposal", "on_date", "2026-11-23") == "Senin, 23 November 2026"
    assert shown("planning_proposal", "realisation", "rkpd") == "Masuk RKPD"
    assert shown("planning_proposal", "physical", True) == "Ya"
    assert shown("planning_proposal", "desa_code", "63.11.07.2005") == "Panggung (63.11.07.2005)"
    assert shown("planning_tier_result", "reasons", "lahan,melebihi_pagu") == \
        "Lahan bukan milik pemerintah atau bersengketa; Melebihi kemampuan keuangan daerah (pagu)"
    assert shown("submission", "floor_area", 7.2) == "7,2 m²"
    assert shown("submission", "nik", "6311071203800001", may_see=False) == "631107**********"
    assert shown("submission", "nik", "6311071203800001") == "6311071203800001"
    assert shown("submission", "monthly_income", 1500000, may_see=False) == "(disembunyikan)"
    assert shown("submission", "monthly_income", 1500000) == "Rp1.500.000"
    assert shown("agreements", "agreements", ["Satu", "Dua"]) == "1. Satu\n2. Dua"
    assert shown("meeting", "start_time", "08:30:00") == "08.30"
    assert shown("submission", "reporter_name", None) == "—"
    # A field nobody declared still reads as Indonesian, never as its internal name.
    assert label_of("submission", "due_date_x") == "Isian lain"
    assert readable_label("due_date") == "Tanggal jatuh tempo"
    assert shown("nothing", "whatever", "2026-11-23") == "Senin, 23 November 2026"
    assert shown("nothing", "whatever", False) == "Tidak"


def test_feature_values_only_the_feature_can_read_are_shown_by_it():
    from desktop_app.app.navigation import register_audit_fields
    from desktop_app.core.domain.audit_fields import show

    register_audit_fields()

    def shown(entity, name, value):
        return show(entity, name, value, may_see_personal=True)

    assert shown("planning_tier_result", "scores_json", '{"urgency": 5.0, "damage": 4.5}') == \
        "Kemendesakan: 5\nTingkat kerusakan: 4,5"
    assert shown("planning_rembuk", "ranked_with_json",
                 '{"fisik": {"id": 1, "version": 2, "name": "Bawaan"}}') == "Fisik: Bawaan (versi 2)"
    criteria = shown("criteria_set", "criteria", [["area_per_person", "cost", 0.3]])
    assert criteria == "1. Luas lantai per orang — Cost (makin kecil makin prioritas) — bobot 30,0%"
    assert "aided_recently" not in shown("criteria_set", "rules",
                                         [{"rule": "aided_recently", "param": 10}])
    # An old value the feature cannot read is still shown, not an error.
    assert shown("planning_tier_result", "scores_json", "rusak") == "rusak"
