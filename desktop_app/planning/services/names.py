"""What the audit page calls the frame records a proposal or a verdict points to (by number):
every priority, macro problem and kamus entry, also of other years and inactive ones."""

from __future__ import annotations

from sqlalchemy import select

from desktop_app.core.services.context import AppContext, unit_of_work
from desktop_app.planning.models import CatalogueEntry, MacroProblem, PlanningPriority


def priority_labels(app: AppContext) -> dict[str, str]:
    """'3' → 'P1. Infrastruktur jalan dan drainase (2027)'"""
    p = PlanningPriority
    with unit_of_work(app, write=False) as session:
        return {str(i): f"{code}. {title} ({year})" for i, code, title, year in
                session.execute(select(p.id, p.code, p.title, p.year))}


def macro_problem_labels(app: AppContext) -> dict[str, str]:
    m = MacroProblem
    with unit_of_work(app, write=False) as session:
        return {str(i): f"{code}. {title} ({year})" for i, code, title, year in
                session.execute(select(m.id, m.code, m.title, m.year))}


def catalogue_labels(app: AppContext) -> dict[str, str]:
    c = CatalogueEntry
    with unit_of_work(app, write=False) as session:
        return {str(i): f"{code} · {work} ({unit})" for i, code, work, unit in
                session.execute(select(c.id, c.code, c.work, c.unit))}
