"""Admin-defined categories. They behave like ``lainnya``: common data only, no survey fields.
The built-in ones are ``domain.submissions.Category`` and are never stored."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.domain.errors import ConflictError, NotFound, ValidationError
from desktop_app.core.domain.roles import Permission
from desktop_app.core.services import audit, versions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.intake.domain.submissions import Category, is_builtin_category
from desktop_app.intake.models import SubmissionCategory

CATEGORY_CODE_LENGTH = 20


@dataclass(frozen=True)
class CustomCategory:
    code: str
    label: str
    active: bool
    version: int = 1  # as loaded; a change sends it back (changed since: refused)


CATEGORY_LABELS = {"label": "Nama kategori", "active": "Aktif"}


def custom_labels(session: Session) -> dict[str, str]:
    """Code → label of every admin-defined category, inactive ones included (for display)."""
    return dict(session.execute(select(SubmissionCategory.code, SubmissionCategory.label)).all())


def active_codes(session: Session) -> set[str]:
    codes = set(Category._value2member_map_)
    codes.update(session.scalars(select(SubmissionCategory.code).where(
        SubmissionCategory.active.is_(True))))
    return codes


def custom_categories(session: Session) -> list[CustomCategory]:
    """The admin-defined categories, active and inactive, by label."""
    found = [CustomCategory(r.code, r.label, bool(r.active), r.version)
             for r in session.scalars(select(SubmissionCategory))]
    return sorted(found, key=lambda c: (c.label.casefold(), c.code))


def categories(session: Session, include_inactive: bool = False) -> list[tuple[str, str, bool]]:
    """(code, label, builtin) of every category that may be chosen: the built-in ones first,
    then the admin-defined ones by label (inactive ones too with ``include_inactive``)."""
    out = [(c.value, c.label, True) for c in Category]
    out += [(c.code, c.label, False) for c in custom_categories(session)
            if include_inactive or c.active]
    return out


def list_categories(app: AppContext, include_inactive: bool = False,
                    ) -> list[tuple[str, str, bool]]:
    with unit_of_work(app, write=False) as session:
        return categories(session, include_inactive)


def list_custom_categories(app: AppContext) -> list[CustomCategory]:
    with unit_of_work(app, write=False) as session:
        return custom_categories(session)


def active_category_codes(app: AppContext) -> set[str]:
    with unit_of_work(app, write=False) as session:
        return active_codes(session)


def category_labels(app: AppContext) -> dict[str, str]:
    """Code → label of every category, built-in and admin-defined (inactive ones included)."""
    with unit_of_work(app, write=False) as session:
        extra = custom_labels(session)
    return {**{c.value: c.label for c in Category}, **extra}


def category_code(label: str, taken: Collection[str] = ()) -> str:
    """A code made from a label: lowercase ASCII words joined by ``_``, at most 20 characters,
    never a built-in code nor one in ``taken`` (a number is added)."""
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_") or "kategori"

    def fit(text: str, length: int) -> str:  # cut at a word boundary when one is near
        if len(text) <= length:
            return text
        cut = text[:length + 1].rfind("_")
        return text[:cut] if cut >= length // 2 else text[:length].rstrip("_")

    code, n = fit(base, CATEGORY_CODE_LENGTH), 1
    while is_builtin_category(code) or code in taken:
        n += 1
        suffix = f"_{n}"
        code = fit(base, CATEGORY_CODE_LENGTH - len(suffix)) + suffix
    return code


def _label_key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def save_category(app: AppContext, actor: Actor, code: str | None, label: str,
                  active: bool = True, *, version: int | None = None) -> str:
    """Add (``code`` None: the code is made from the label) or change an admin-defined
    category; returns its code. Deactivating hides it from new submissions only.
    ``version``: the one the page showed; changed since on another desk, refused
    (RecordChangedError)."""
    require(actor, Permission.MANAGE_OFFICE)
    label = " ".join((label or "").split())
    if not label:
        raise ValidationError(field_errors={"label": "Nama kategori wajib diisi."})
    if len(label) > 120:
        raise ValidationError(field_errors={"label": "Nama kategori paling panjang 120 huruf."})
    if code is not None and is_builtin_category(code):
        raise ConflictError("Kategori bawaan tidak dapat diubah.")
    with unit_of_work(app) as session:
        rows = list(session.scalars(select(SubmissionCategory)))
        key = _label_key(label)  # as spreadsheet imports compare them
        builtin = {_label_key(text) for c in Category
                   for text in (c.value, c.label, c.label.split("(")[0])}
        if key in builtin or any(_label_key(r.label) == key and r.code != code for r in rows):
            raise ValidationError(field_errors={
                "label": f"Kategori dengan nama \"{label}\" sudah ada."})
        if code is None:
            row = SubmissionCategory(code=category_code(label, {r.code for r in rows}),
                                     label=label, active=active)
            session.add(row)
            before: dict[str, Any] = {}
        else:
            found = next((r for r in rows if r.code == code), None)
            if found is None:
                raise NotFound("Kategori tidak ditemukan.")
            versions.check(session, found, version, entity="category", key=found.code,
                           what=f"Kategori «{found.label}»", labels=CATEGORY_LABELS)
            row = found
            before = {"label": row.label, "active": bool(row.active)}
            row.label, row.active = label, active
        session.flush()
        after: dict[str, Any] = {"label": row.label, "active": bool(row.active)}
        if before == after:
            return row.code
        after["version"] = row.version
        if not before:
            summary = f"Tambah kategori {label} ({row.code})"
        elif before["active"] != active and before["label"] == label:
            summary = f"{'Aktifkan' if active else 'Nonaktifkan'} kategori {label}"
        else:
            summary = f"Ubah kategori {row.code}: {label}"
        audit.record(session, actor, "update" if before else "create", "category", row.code,
                     before=before, after=after, summary=summary)
        return row.code
