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
