"""Regions: Kemendagri codes and names of provinsi, kabupaten, kecamatan, desa and kelurahan.

The one place that turns a region code into its name (``names(session)``, cached per
transaction) and lists desa for pick lists.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.domain.errors import ConflictError, ValidationError
from desktop_app.core.domain.roles import Permission
from desktop_app.core.models import Region
from desktop_app.core.services import audit
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.paths import resource_path

HOME_KECAMATAN = "63.11.07"  # Paringin Selatan

@dataclass(frozen=True)
class RegionInfo:
    code: str
    name: str
    level: str
    parent_code: str | None

    @property
    def label(self) -> str:
        """The name first, so that typing it in a pick list jumps there: 'Inan',
        'Batu Piring (kel.)'."""
        return f"{self.name} (kel.)" if self.level == "kelurahan" else self.name


def _parent_of(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


def reference_regions() -> list[RegionInfo]:
    """The Kemendagri codes shipped in resources/reference/wilayah_balangan.csv."""
    path: Path = resource_path("reference", "wilayah_balangan.csv")
    with path.open(encoding="utf-8") as fh:
        return [
            RegionInfo(row["kode"], row["nama"], row["tingkat"], _parent_of(row["kode"]))
            for row in csv.DictReader(fh)
        ]


def seed_regions(session: Session) -> int:
    """Insert the reference regions that are not there yet (idempotent; used by migrations too)."""
    existing = set(session.scalars(select(Region.code)))
    added = 0
    for info in reference_regions():
        if info.code not in existing:
            session.add(Region(code=info.code, name=info.name, level=info.level,
                               parent_code=info.parent_code))
            added += 1
    session.flush()
    session.info.pop("core.region_names", None)
    return added


def list_regions(app: AppContext, level: str | None = None,
                 parent_code: str | None = None) -> list[RegionInfo]:
    with unit_of_work(app, write=False) as session:
        # A pick list of one level is alphabetical, as a clerk looks for a name; the whole tree
        # comes by code, parents first.
        order = (Region.name, Region.code) if level else (Region.code,)
        stmt = select(Region).where(Region.active.is_(True)).order_by(*order)
        if level == "desa":  # desa and kelurahan are picked from one list
            stmt = stmt.where(Region.level.in_(["desa", "kelurahan"]))
        elif level:
            stmt = stmt.where(Region.level == level)
        if parent_code:
            stmt = stmt.where(Region.parent_code == parent_code)
        return [RegionInfo(r.code, r.name, r.level, r.parent_code) for r in session.scalars(stmt)]


def list_desa(app: AppContext, kecamatan_code: str | None = HOME_KECAMATAN) -> list[RegionInfo]:
    return list_regions(app, "desa", kecamatan_code)


def add_region(app: AppContext, actor: Actor, code: str, name: str, level: str) -> None:
    """An admin adds a desa/kelurahan (e.g. of another kecamatan) with its Kemendagri code."""
    require(actor, Permission.MANAGE_OFFICE)
    code = code.strip()
    errors: dict[str, str] = {}
    parts = code.split(".")
    if level not in {"kecamatan", "desa", "kelurahan"}:
        errors["level"] = "Tingkat harus kecamatan, desa atau kelurahan."
    expected = 3 if level == "kecamatan" else 4
    if len(parts) != expected or not all(p.isdigit() for p in parts):
        errors["code"] = (
            "Kode wilayah tidak sesuai format Kemendagri (contoh desa: 63.11.07.2002, "
            "kecamatan: 63.11.07)."
        )
    elif level in {"desa", "kelurahan"} and parts[3][0] != ("1" if level == "kelurahan" else "2"):
        errors["code"] = "Segmen ke-4 kode kelurahan diawali 1, kode desa diawali 2."
    if not name.strip():
        errors["name"] = "Nama wilayah wajib diisi."
    if errors:
        raise ValidationError(field_errors=errors)
    with unit_of_work(app) as session:
        if session.get(Region, code) is not None:
            raise ConflictError(f"Kode wilayah {code} sudah ada.")
        parent = _parent_of(code)
        if parent is None or session.get(Region, parent) is None:
            raise ValidationError(
                field_errors={"code": f"Wilayah induk {parent} belum ada; tambahkan dahulu."}
            )
        region = Region(code=code, name=name.strip(), level=level, parent_code=parent)
        session.add(region)
        session.info.pop("core.region_names", None)
        session.flush()
        audit.record(session, actor, "create", "region", code, after=audit.snapshot(region),
                     summary=f"Wilayah baru {name} ({level})")


def names(session: Session) -> dict[str, str]:
    """Code → name of every region, read once per transaction (the caller's unit of work)."""
    cached = session.info.get("core.region_names")
    if cached is None:
        cached = dict(session.execute(select(Region.code, Region.name)).all())
        session.info["core.region_names"] = cached
    return cached


def codes(session: Session) -> set[str]:
    return set(names(session))


def region_names(app: AppContext) -> dict[str, str]:
    with unit_of_work(app, write=False) as session:
        return dict(names(session))
