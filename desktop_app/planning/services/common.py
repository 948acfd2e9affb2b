"""Helpers the planning services share inside one unit of work (they take a ``session``)."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.core.domain import clock
from desktop_app.core.domain.errors import NotFound, ValidationError
from desktop_app.core.models import Region
from desktop_app.core.services import regions
from desktop_app.core.services.context import Actor
from desktop_app.planning.domain.labels import PlanningLevel
from desktop_app.planning.models import PlanningProposal, PlanningYear, ProposalEvent


def new_uid() -> str:
    return str(uuid.uuid4())


def kecamatan_of(desa_code: str) -> str:
    return ".".join(desa_code.split(".")[:3])


def kabupaten_of(code: str) -> str:
    return ".".join(code.split(".")[:2])


def region_for(level: PlanningLevel | str, desa_code: str) -> str:
    """The region whose rembuk handles a proposal of ``desa_code`` at ``level``."""
    level = PlanningLevel(level)
    if level in (PlanningLevel.RT_RW, PlanningLevel.DESA):
        return desa_code
    if level is PlanningLevel.KECAMATAN:
        return kecamatan_of(desa_code)
    return kabupaten_of(desa_code)


def level_of_region(code: str) -> PlanningLevel:
    """desa → DESA, kecamatan → KECAMATAN, kabupaten → KABUPATEN (by the code's length)."""
    parts = code.count(".") + 1
    return {4: PlanningLevel.DESA, 3: PlanningLevel.KECAMATAN}.get(parts,
                                                                   PlanningLevel.KABUPATEN)


def region_label(session: Session, code: str) -> str:
    """'Desa Inan', 'Kecamatan Paringin Selatan', 'Kabupaten Balangan'."""
    name = regions.names(session).get(code, code)
    row = session.get(Region, code)
    level = row.level if row else ""
    prefix = {"desa": "Desa", "kelurahan": "Kelurahan", "kecamatan": "Kecamatan",
              "kabupaten": "Kabupaten", "provinsi": "Provinsi"}.get(level, "")
    return f"{prefix} {name}".strip()


def check_region(session: Session, code: str, key: str = "region_code") -> str:
    if session.get(Region, code or "") is None:
        raise ValidationError(field_errors={key: f"Wilayah {code or '(kosong)'} tidak dikenal."})
    return code


def ensure_year(session: Session, year: int) -> PlanningYear:
    row = session.get(PlanningYear, year)
    if row is None:
        if not 2000 <= int(year) <= 2100:
            raise ValidationError(field_errors={"year": "Tahun rencana tidak valid."})
        row = PlanningYear(year=int(year))
        session.add(row)
        session.flush()
    return row


def latest_year(session: Session) -> int:
    """The newest planning year; the coming RKPD year when none exists yet."""
    found = session.scalar(select(func.max(PlanningYear.year)))
    return int(found) if found is not None else clock.today().year + 1


def get_proposal(session: Session, proposal_id: int) -> PlanningProposal:
    row = session.get(PlanningProposal, proposal_id)
    if row is None:
        raise NotFound("Usulan tidak ditemukan.")
    return row


def add_event(session: Session, actor: Actor, proposal_id: int, kind: str, text: str,
              level: str = "") -> None:
    session.add(ProposalEvent(proposal_id=proposal_id, kind=kind, text=text, level=level,
                              by_name=actor.full_name))
