"""Criteria sets: versioned criteria and hard rules per category. A set never changes once
saved; editing saves a new version, and one version per category is the default."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from desktop_app.core.domain.errors import NotFound, ValidationError
from desktop_app.core.domain.roles import Permission
from desktop_app.core.services import audit
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.intake.domain.submissions import Category
from desktop_app.ranking.domain.criteria import (
    DEFAULT_CRITERIA,
    DEFAULT_RULES,
    RULES,
    CriteriaFileError,
    check_criteria,
    criteria_from_json,
    criteria_to_json,
    rule_text,
    sources_for,
)
from desktop_app.ranking.domain.methods import Criterion, Direction, normalise_weights
from desktop_app.ranking.models import CriteriaSet, CriterionRow

RANKED_CATEGORIES = (Category.RTLH, Category.JALAN, Category.DRAINASE)


@dataclass(frozen=True)
class CriteriaSetInfo:
    id: int
    category: str
    version: int
    name: str
    active: bool
    criteria: list[Criterion]
    rules: list[dict[str, Any]]
    created_at: datetime
    created_by_name: str
    note: str = ""

    @property
    def label(self) -> str:
        return f"{self.name} (versi {self.version})"

    @property
    def rule_texts(self) -> list[str]:
        return [rule_text(r) for r in self.rules]


def check_category(category: str) -> str:
    if category not in {c.value for c in RANKED_CATEGORIES}:
        raise ValidationError(f"Kategori '{category}' tidak diperingkat.")
    return category


def _criteria_of(session: Session, set_id: int) -> list[Criterion]:
    rows = session.scalars(select(CriterionRow).where(CriterionRow.set_id == set_id)
                           .order_by(CriterionRow.position)).all()
    return [Criterion(r.key, r.name, Direction(r.direction), r.weight, r.source,
                      json.loads(r.choice_scores_json) if r.choice_scores_json else None)
            for r in rows]


def _info(session: Session, cs: CriteriaSet) -> CriteriaSetInfo:
    return CriteriaSetInfo(cs.id, cs.category, cs.version, cs.name, cs.active,
                           _criteria_of(session, cs.id), json.loads(cs.eligibility_json or "[]"),
                           cs.created_at, cs.created_by_name, cs.note)


def load_set(session: Session, set_id: int) -> CriteriaSetInfo:
    cs = session.get(CriteriaSet, set_id)
    if cs is None:
        raise NotFound("Set kriteria tidak ditemukan.")
    return _info(session, cs)


def _insert_set(session: Session, actor: Actor, category: str, name: str,
                criteria: Sequence[Criterion], rules: Sequence[Mapping[str, Any]],
                note: str = "", activate: bool = True) -> CriteriaSet:
    last = session.scalar(select(func.max(CriteriaSet.version))
                          .where(CriteriaSet.category == category)) or 0
    if activate:
        session.execute(update(CriteriaSet).where(CriteriaSet.category == category)
                        .values(active=False))
    cs = CriteriaSet(category=category, version=last + 1, name=name, note=note, active=activate,
                     eligibility_json=json.dumps([dict(r) for r in rules]),
                     created_by_id=actor.user_id, created_by_name=actor.full_name)
    session.add(cs)
    session.flush()
    for pos, c in enumerate(criteria):
        session.add(CriterionRow(
            set_id=cs.id, position=pos, key=c.key, name=c.name, source=c.source or c.key,
            direction=c.direction.value, weight=float(c.weight),
            choice_scores_json=json.dumps(dict(c.choice_scores), ensure_ascii=False)
            if c.choice_scores else None))
    session.flush()
    return cs


def default_set(session: Session, actor: Actor, category: str) -> CriteriaSetInfo:
    """The category's default set; the app's defaults are created (audited) on first use."""
    cs = session.scalar(select(CriteriaSet).where(CriteriaSet.category == category,
                                                  CriteriaSet.active.is_(True)))
    if cs is not None:
        return _info(session, cs)
    cs = session.scalar(select(CriteriaSet).where(CriteriaSet.category == category)
                        .order_by(CriteriaSet.version.desc()).limit(1))
    if cs is not None:
        cs.active = True
        return _info(session, cs)
    cat = Category(category)
    cs = _insert_set(session, actor, category, f"Kriteria bawaan {cat.label}",
                     DEFAULT_CRITERIA[cat], DEFAULT_RULES.get(cat, ()),
                     "Bawaan aplikasi; lihat docs/ranking.md.")
    audit.record(session, actor, "create", "criteria_set", cs.id,
                 after={"category": category, "version": cs.version, "name": cs.name},
                 summary=f"Kriteria bawaan {category} dibuat")
    return _info(session, cs)


def chosen_set(session: Session, actor: Actor, category: str,
               set_id: int | None) -> CriteriaSetInfo:
    """The set to rank a category with: the one chosen, else the default."""
    info = load_set(session, set_id) if set_id else default_set(session, actor, category)
    if info.category != category:
        raise ValidationError("Set kriteria bukan untuk kategori ini.")
    return info


def active_set(app: AppContext, actor: Actor, category: str) -> CriteriaSetInfo:
    """The criteria set used by default for a category (defaults created on first use)."""
    require(actor, Permission.RANKING_RUN)
    check_category(category)
    with unit_of_work(app) as session:
        return default_set(session, actor, category)


def get_set(app: AppContext, actor: Actor, set_id: int) -> CriteriaSetInfo:
    require(actor, Permission.RANKING_RUN)
    with unit_of_work(app, write=False) as session:
        return load_set(session, set_id)


def list_sets(app: AppContext, actor: Actor, category: str) -> list[CriteriaSetInfo]:
    require(actor, Permission.RANKING_RUN)
    with unit_of_work(app, write=False) as session:
        rows = session.scalars(select(CriteriaSet).where(CriteriaSet.category == category)
                               .order_by(CriteriaSet.version.desc())).all()
        return [_info(session, cs) for cs in rows]


def set_labels(app: AppContext) -> dict[str, str]:
    """'4' → 'Kriteria jalan (versi 2)': how the audit page names the set a list used."""
    with unit_of_work(app, write=False) as session:
        return {str(i): f"{name} (versi {version})" for i, name, version in
                session.execute(select(CriteriaSet.id, CriteriaSet.name, CriteriaSet.version))}


def validate_criteria(category: str, criteria: Sequence[Criterion]) -> None:
    sources = sources_for(category)
    errors = []
    for i, c in enumerate(criteria, start=1):
        if not c.name.strip():
            errors.append(f"Kriteria {i}: nama wajib diisi.")
        if (c.source or c.key) not in sources:
            errors.append(f"Kriteria {i}: sumber '{c.source}' tidak dikenal.")
        if c.weight < 0:
            errors.append(f"Kriteria {i}: bobot tidak boleh negatif.")
    if errors:
        raise ValidationError("\n".join(errors))
    try:
        check_criteria(criteria)
    except CriteriaFileError as exc:
        raise ValidationError(str(exc)) from exc


def save_criteria_set(app: AppContext, actor: Actor, category: str, name: str,
                      criteria: Sequence[Criterion], rules: Sequence[Mapping[str, Any]],
                      note: str = "", activate: bool = True) -> CriteriaSetInfo:
    """Save edited criteria as a new version (weights stored normalised to sum 1); with
    ``activate`` it becomes the category's default."""
    require(actor, Permission.CRITERIA_MANAGE)
    check_category(category)
    validate_criteria(category, criteria)
    for r in rules:
        if r.get("rule") not in RULES:
            raise ValidationError(f"Syarat '{r.get('rule')}' tidak dikenal.")
    weights = normalise_weights([c.weight for c in criteria])
    normalised = [Criterion(c.key, c.name, c.direction, round(w, 6), c.source or c.key,
                            c.choice_scores) for c, w in zip(criteria, weights, strict=True)]
    with unit_of_work(app) as session:
        cs = _insert_set(session, actor, category, name.strip() or "Kriteria", normalised,
                         rules, note, activate)
        audit.record(session, actor, "create", "criteria_set", cs.id,
                     after={"category": category, "version": cs.version, "name": cs.name,
                            "criteria": [(c.key, c.direction.value, c.weight)
                                         for c in normalised], "rules": list(rules)},
                     summary=f"Kriteria {category} versi {cs.version} disimpan")
        return _info(session, cs)


def activate_set(app: AppContext, actor: Actor, set_id: int) -> CriteriaSetInfo:
    """Make a saved criteria set the category's default (e.g. go back to an earlier version,
    or switch between sets kept for different programmes)."""
    require(actor, Permission.CRITERIA_MANAGE)
    with unit_of_work(app) as session:
        cs = session.get(CriteriaSet, set_id)
        if cs is None:
            raise NotFound("Set kriteria tidak ditemukan.")
        session.execute(update(CriteriaSet).where(CriteriaSet.category == cs.category)
                        .values(active=False))
        cs.active = True
        audit.record(session, actor, "activate", "criteria_set", cs.id,
                     after={"category": cs.category, "version": cs.version, "name": cs.name},
                     summary=f"Kriteria {cs.category} versi {cs.version} dijadikan bawaan")
        return _info(session, cs)


def export_criteria(app: AppContext, actor: Actor, set_id: int) -> str:
    info = get_set(app, actor, set_id)
    return criteria_to_json(info.category, info.name, info.criteria, info.rules)


def import_criteria(app: AppContext, actor: Actor, text: str,
                    category: str | None = None, activate: bool = True) -> CriteriaSetInfo:
    try:
        cat, name, criteria, rules = criteria_from_json(text, category)
    except CriteriaFileError as exc:
        raise ValidationError(str(exc)) from exc
    return save_criteria_set(app, actor, cat, name, criteria, rules, "Diimpor dari berkas",
                             activate)


def export_criteria_file(app: AppContext, actor: Actor, set_id: int, target: Path) -> Path:
    """Write a criteria set to a JSON file (the working group's exchange format)."""
    text = export_criteria(app, actor, set_id)
    try:
        Path(target).write_text(text, "utf-8")
    except OSError as exc:
        raise ValidationError(f"Berkas {Path(target).name} tidak dapat ditulis: "
                              f"{exc.strerror or exc}.") from exc
    return Path(target)


def import_criteria_file(app: AppContext, actor: Actor, path: Path, category: str | None = None,
                         activate: bool = True) -> CriteriaSetInfo:
    try:
        text = Path(path).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError(f"Berkas {Path(path).name} tidak dapat dibaca sebagai teks "
                              "JSON (UTF-8).") from exc
    return import_criteria(app, actor, text, category, activate)
