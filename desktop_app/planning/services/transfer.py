"""The usulan workbook in SIPD's column order: export (a year, a tier, a region), and import of
such a file or of SIPD's own export. The same file carries a kecamatan's result to Bappeda:
checked (format, checksum), idempotent (matched by UID; importing it again changes nothing)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.domain import clock
from desktop_app.core.domain.errors import ValidationError
from desktop_app.core.domain.formatting import format_number
from desktop_app.core.domain.labels import LabeledEnum
from desktop_app.core.domain.progress import Progress, no_progress
from desktop_app.core.domain.roles import Permission
from desktop_app.core.services import audit, regions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.db.lengths import refusal, text_limits
from desktop_app.planning import exchange
from desktop_app.planning.domain.labels import (
    Authority,
    Coverage,
    LandStatus,
    PlanningLevel,
    PriorityTier,
    ProposalSource,
    ProposerLevel,
    RedirectTarget,
    ScreeningVerdict,
)
from desktop_app.planning.domain.proposals import ProposalInput, check
from desktop_app.planning.domain.screening import TESTS, verdict_text
from desktop_app.planning.models import (
    PlanningPriority,
    PlanningProposal,
    PlanningTransfer,
    TierResult,
)
from desktop_app.planning.services.common import add_event, new_uid
from desktop_app.planning.services.proposals import create_in

YES, NO = "Ya", "Tidak"


# ---- Export ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportScope:
    year: int
    level: str = ""  # only usulan discussed at this tier ('' = all)
    region_code: str = ""  # only usulan of this region (desa, kecamatan, kabupaten prefix)


def _yes(value: bool | None) -> str:
    return "" if value is None else YES if value else NO


def _coords(p: PlanningProposal) -> str:
    if p.latitude is None or p.longitude is None:
        return ""
    return f"{p.latitude:.6f}, {p.longitude:.6f}"


def _proposal_row(p: PlanningProposal, tiers: dict[str, TierResult],
                  names: dict[str, str]) -> dict[str, Any]:
    current = tiers.get(p.level)
    status = "Dikembalikan" if p.returned else ScreeningVerdict.label_of(
        current.verdict if current else None, "Belum dibahas")

    def rec(level: PlanningLevel) -> str:
        t = tiers.get(level.value)
        if t is None or not t.verdict:
            return ""
        return f"{ScreeningVerdict.label_of(t.verdict)}: " + verdict_text(
            t.verdict, t.reasons, t.note, t.redirect_target, t.redirect_detail)

    return {
        "sipd_id": p.sipd_id or p.number, "created_on": p.created_at.date().isoformat(),
        "proposer_name": p.proposer_name, "proposer_profile": ProposerLevel.label_of(
            p.proposer_level), "work": p.work, "problem": p.problem, "address": p.address,
        "coordinates": _coords(p), "kabupaten": names.get(p.desa_code[:5], ""),
        "kecamatan": names.get(p.kecamatan_code, ""), "desa": names.get(p.desa_code, ""),
        "stage": PlanningLevel(p.level).musrenbang, "first_agency": p.first_agency,
        "agency": p.agency, "status": status, "note": p.note, "rec_partner": "",
        "rec_desa": rec(PlanningLevel.DESA), "rec_kecamatan": rec(PlanningLevel.KECAMATAN),
        "rec_agency": "", "rec_tapd": rec(PlanningLevel.KABUPATEN), "volume": p.volume,
        "unit": p.unit, "cost": p.cost,
        "spending": "Belanja Modal" if p.physical else "Belanja Barang dan Jasa",
        "sub_activity": f"{p.sub_activity_code} {p.sub_activity_name}".strip(),
        "year": p.year, "desa_code": p.desa_code, "rt": p.rt, "rw": p.rw,
        "unit_price": p.unit_price, "physical": _yes(p.physical),
        "authority": Authority.label_of(p.authority),
        "land_status": LandStatus.label_of(p.land_status), "land_note": p.land_note,
        "coverage": Coverage.label_of(p.coverage), "beneficiaries": p.beneficiaries,
        "proposer_contact": p.proposer_contact, "level": PlanningLevel.label_of(p.level),
        "number": p.number, "uid": p.uid,
    }


def _tier_row(uid: str, t: TierResult, priority_codes: dict[int, str]) -> dict[str, Any]:
    return {
        "uid": uid, "level": PlanningLevel.label_of(t.level), "region_code": t.region_code,
        "verdict": ScreeningVerdict.label_of(t.verdict, "") if t.verdict else "",
        "priority_code": priority_codes.get(t.priority_id or 0, ""),
        **{k: _yes(getattr(t, k)) for k in TESTS},
        "reasons": t.reasons, "note": t.note,
        "redirect_target": RedirectTarget.label_of(t.redirect_target, "")
        if t.redirect_target else "", "redirect_detail": t.redirect_detail,
        "recommendation": t.recommendation, "volume": t.volume, "unit_price": t.unit_price,
        "cost": t.cost, "scores": t.scores_json if t.scores_json != "{}" else "",
        "score": None if t.score is None else round(t.score, 6), "rank": t.rank,
        "priority_tier": PriorityTier.label_of(t.priority_tier, "") if t.priority_tier else "",
        "tier_manual": _yes(t.tier_manual) if t.tier_manual else "",
        "decided_by": t.decided_by_name,
    }


def build_bundle(session: Session, scope: ExportScope) -> exchange.Bundle:
    stmt = select(PlanningProposal).where(PlanningProposal.year == scope.year)
    if scope.level:
        stmt = stmt.where(PlanningProposal.id.in_(select(TierResult.proposal_id).where(
            TierResult.level == scope.level)))
    if scope.region_code:
        stmt = stmt.where(PlanningProposal.desa_code.startswith(scope.region_code))
    proposals = list(session.scalars(stmt.order_by(PlanningProposal.number)))
    tiers_of: dict[int, dict[str, TierResult]] = {}
    ids = [p.id for p in proposals]
    for i in range(0, len(ids), 900):
        for t in session.scalars(select(TierResult).where(TierResult.proposal_id.in_(
                ids[i:i + 900]))):
            tiers_of.setdefault(t.proposal_id, {})[t.level] = t
    priorities = list(session.scalars(select(PlanningPriority).where(
        PlanningPriority.year == scope.year).order_by(PlanningPriority.position,
                                                      PlanningPriority.code)))
    codes = {p.id: p.code for p in priorities}
    names = regions.names(session)
    order = [lv.value for lv in PlanningLevel]
    bundle = exchange.Bundle()
    for p in proposals:
        tiers = tiers_of.get(p.id, {})
        bundle.proposals.append(_proposal_row(p, tiers, names))
        for level in sorted(tiers, key=order.index):
            bundle.tiers.append(_tier_row(p.uid, tiers[level], codes))
    bundle.priorities = [{"code": p.code, "kind": p.kind, "title": p.title,
                          "target": p.target} for p in priorities]
    bundle.meta = {"year": str(scope.year), "level": scope.level,
                   "region": scope.region_code, "batch": new_uid(),
                   "exported_at": clock.now().isoformat(timespec="seconds")}
    return bundle


def export_sipd(app: AppContext, actor: Actor, target: Path, scope: ExportScope,
                progress: Progress = no_progress) -> tuple[Path, int]:
    require(actor, Permission.DATA_EXPORT)
    with unit_of_work(app, write=False) as session:
        progress(0, 2, "Membaca usulan…")
        bundle = build_bundle(session, scope)
    progress(1, 2, f"Menulis {format_number(len(bundle.proposals))} usulan…")
    path = exchange.write_bundle(target, bundle)
    with unit_of_work(app) as session:
        audit.record(session, actor, "export", "planning_proposal", "",
                     after={"file": path.name, "rows": len(bundle.proposals), "year": scope.year,
                            "level": scope.level, "region": scope.region_code,
                            "batch": bundle.meta["batch"]},
                     summary=f"Ekspor {len(bundle.proposals)} usulan Musrenbang ({path.name})")
    progress(2, 2, "Selesai")
    return path, len(bundle.proposals)


# ---- Import ----------------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    bad_rows: list[tuple[int, dict[str, Any], str]] = field(default_factory=list)
    already_imported: bool = False

    @property
    def text(self) -> str:
        parts = [f"{self.created} usulan baru", f"{self.updated} diperbarui",
                 f"{self.unchanged} tidak berubah"]
        if self.bad_rows:
            parts.append(f"{len(self.bad_rows)} baris ditolak")
        return ", ".join(parts) + "."


def _enum(enum: type[LabeledEnum], value: Any, default: str) -> str:
    text = exchange.canon(value)
    if not text:
        return default
    for m in enum:
        if text.lower() in (m.value.lower(), m.label.lower()):
            return m.value
    raise ValueError(f"'{text}' bukan pilihan yang dikenal")


def _bool(value: Any) -> bool | None:
    text = exchange.canon(value).lower()
    if text in ("", "-"):
        return None
    if text in ("ya", "1", "true", "fisik", "y"):
        return True
    if text in ("tidak", "0", "false", "non fisik", "nonfisik", "non-fisik", "t", "tdk"):
        return False
    raise ValueError(f"'{value}' harus Ya atau Tidak")


def _number(value: Any) -> float | None:
    from desktop_app.core.domain import parsing

    text = exchange.canon(value)
    return None if not text else parsing.to_decimal_number(value)


def _coordinates(value: Any) -> tuple[float | None, float | None]:
    text = exchange.canon(value)
    if not text:
        return None, None
    parts = [x for x in re.split(r"[,;\s]+", text) if x]
    if len(parts) != 2:
        raise ValueError(f"koordinat '{text}' harus 'lintang, bujur'")
    return float(parts[0]), float(parts[1])


def _desa_code(row: dict[str, Any], names: dict[str, str]) -> str:
    code = exchange.canon(row.get("desa_code"))
    if code:
        return code
    wanted = exchange.canon(row.get("desa")).lower()
    kec = exchange.canon(row.get("kecamatan")).lower()
    found = [c for c, n in names.items() if c.count(".") == 3 and n.lower() == wanted
             and (not kec or names.get(c.rsplit(".", 1)[0], "").lower() == kec)]
    if len(found) != 1:
        raise ValueError(f"desa/kelurahan '{row.get('desa')}' tidak dikenal"
                         + (" (lebih dari satu, isi Kode Desa)" if found else ""))
    return found[0]


def _input_of(row: dict[str, Any], names: dict[str, str], year: int) -> ProposalInput:
    volume = _number(row.get("volume"))
    cost = _number(row.get("cost"))
    price = _number(row.get("unit_price"))
    if price is None and cost is not None and volume:
        price = cost / volume
    lat, lon = _coordinates(row.get("coordinates"))
    sub = exchange.canon(row.get("sub_activity"))
    code, _, sub_name = sub.partition(" ") if re.match(r"^\d\.\d\d\.", sub) else ("", "", sub)
    physical = _bool(row.get("physical"))
    if physical is None:
        physical = exchange.canon(row.get("spending")).lower().startswith("belanja modal")
    beneficiaries = _number(row.get("beneficiaries"))
    return ProposalInput(
        year=int(_number(row.get("year")) or year), desa_code=_desa_code(row, names),
        problem=exchange.canon(row.get("problem")), work=exchange.canon(row.get("work")),
        proposer_name=exchange.canon(row.get("proposer_name")),
        unit=exchange.canon(row.get("unit")), volume=volume or 0.0,
        unit_price=int(round(price)) if price is not None else -1,
        proposer_level=_enum(ProposerLevel, row.get("proposer_profile"),
                             ProposerLevel.DESA.value),
        proposer_contact=exchange.canon(row.get("proposer_contact")),
        rt=exchange.canon(row.get("rt")), rw=exchange.canon(row.get("rw")),
        address=exchange.canon(row.get("address")), latitude=lat, longitude=lon,
        agency=exchange.canon(row.get("agency")), sub_activity_code=code,
        sub_activity_name=sub_name.strip(), physical=physical,
        authority=_enum(Authority, row.get("authority"), Authority.KABUPATEN.value),
        land_status=_enum(LandStatus, row.get("land_status"),
                          LandStatus.UNKNOWN.value if physical else LandStatus.NOT_NEEDED.value),
        land_note=exchange.canon(row.get("land_note")),
        coverage=_enum(Coverage, row.get("coverage"), Coverage.DESA.value),
        beneficiaries=int(beneficiaries) if beneficiaries is not None else None,
        note=exchange.canon(row.get("note")))


BASE_FIELDS = ["year", "desa_code", "problem", "work", "proposer_name", "unit", "volume",
               "unit_price", "proposer_level", "proposer_contact", "rt", "rw", "address",
               "latitude", "longitude", "agency", "sub_activity_code", "sub_activity_name",
               "physical", "authority", "land_status", "land_note", "coverage",
               "beneficiaries", "note"]


def _level_of(value: Any, default: str) -> str:
    return _enum(PlanningLevel, value, default)


def verify(bundle: exchange.Bundle) -> None:
    """Refuse a file that is not one of ours any more (changed or cut after export)."""
    meta = bundle.meta
    if not meta:
        return  # SIPD's own export: no checksum to check
    if meta.get("format") != exchange.FORMAT:
        raise ValidationError(f"Format berkas '{meta.get('format')}' tidak dikenal.")
    if meta.get("checksum") != exchange.checksum(bundle):
        raise ValidationError("Isi berkas tidak cocok dengan tanda periksanya: berkas telah "
                              "diubah atau terpotong setelah diekspor. Minta berkas asli dari "
                              "pengirim.")
    if meta.get("rows") and int(meta["rows"]) != len(bundle.proposals):
        raise ValidationError("Jumlah baris berkas tidak sama dengan yang tercatat saat ekspor.")


def _apply_tier(session: Session, p: PlanningProposal, row: dict[str, Any],
                priorities: dict[str, int]) -> bool:
    """Create or update one tier result from the file; True when something changed."""
    level = _level_of(row.get("level"), p.level)
    t = session.scalar(select(TierResult).where(TierResult.proposal_id == p.id,
                                                TierResult.level == level))
    verdict_text_ = exchange.canon(row.get("verdict"))
    values: dict[str, Any] = {
        "region_code": exchange.canon(row.get("region_code")) or p.desa_code,
        "verdict": _enum(ScreeningVerdict, verdict_text_, "") or None,
        "priority_id": priorities.get(exchange.canon(row.get("priority_code"))),
        **{k: _bool(row.get(k)) for k in TESTS},
        "reasons": exchange.canon(row.get("reasons")), "note": exchange.canon(row.get("note")),
        "redirect_target": _enum(RedirectTarget, row.get("redirect_target"), ""),
        "redirect_detail": exchange.canon(row.get("redirect_detail")),
        "recommendation": exchange.canon(row.get("recommendation")),
        "volume": _number(row.get("volume")) or p.volume,
        "unit_price": int(_number(row.get("unit_price")) or p.unit_price),
        "cost": int(_number(row.get("cost")) or 0),
        "scores_json": exchange.canon(row.get("scores")) or "{}",
        "score": _number(row.get("score")), "rank": int(r) if (r := _number(row.get("rank")))
        is not None else None,
        "priority_tier": _enum(PriorityTier, row.get("priority_tier"), "") or None,
        "tier_manual": bool(_bool(row.get("tier_manual"))),
        "decided_by_name": exchange.canon(row.get("decided_by")),
    }
    json.loads(values["scores_json"])  # a broken cell is a bad row, not a broken ranking
    if t is None:
        session.add(TierResult(proposal_id=p.id, level=level, year=p.year, **values))
        return True
    changed = {k: v for k, v in values.items()
               if exchange.canon(getattr(t, k)) != exchange.canon(v)}
    for key, value in changed.items():
        setattr(t, key, value)
    return bool(changed)


def import_sipd(app: AppContext, actor: Actor, path: Path,
                progress: Progress = no_progress) -> ImportResult:
    """Import an exported (or SIPD) usulan workbook; every good row is kept, the bad ones come
    back with their reason; importing the same file again changes nothing."""
    require(actor, Permission.DATA_IMPORT)
    require(actor, Permission.PLANNING_ENTER)
    progress(0, 1, "Membaca berkas…")
    bundle = exchange.read_bundle(path)
    verify(bundle)
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    result = ImportResult()
    tiers_by_uid: dict[str, list[dict[str, Any]]] = {}
    for t in bundle.tiers:
        tiers_by_uid.setdefault(exchange.canon(t.get("uid")), []).append(t)
    with unit_of_work(app) as session:
        batch = bundle.meta.get("batch", "")
        if batch and session.scalar(select(PlanningTransfer.id).where(
                PlanningTransfer.batch_uid == batch)):
            result.already_imported = True
        names = regions.names(session)
        year_default = int(bundle.meta.get("year") or clock.today().year + 1)
        _missing_priorities(session, actor, year_default, bundle.priorities)
        priorities_cache: dict[int, dict[str, int]] = {}
        total = len(bundle.proposals)
        for i, row in enumerate(bundle.proposals, start=1):
            if i % 200 == 0:
                progress(i, total, f"{format_number(i)} dari {format_number(total)} baris")
            try:
                with session.begin_nested():
                    changed = _import_row(session, actor, row, tiers_by_uid, names,
                                          year_default, priorities_cache)
            except (ValueError, ValidationError) as exc:
                reason = exc.message if isinstance(exc, ValidationError) else str(exc)
                result.bad_rows.append((int(row.get("_row", 0)), row, reason))
                continue
            if changed == "created":
                result.created += 1
            elif changed == "updated":
                result.updated += 1
            else:
                result.unchanged += 1
        if batch and not result.already_imported:
            session.add(PlanningTransfer(
                batch_uid=batch, file_sha256=digest, year=year_default,
                level=bundle.meta.get("level", ""), region_code=bundle.meta.get("region", ""),
                rows=total, by_name=actor.full_name))
        audit.record(session, actor, "import", "planning_proposal", batch or digest[:16],
                     after={"file": Path(path).name, "created": result.created,
                            "updated": result.updated, "unchanged": result.unchanged,
                            "rejected": len(result.bad_rows)},
                     summary=f"Impor usulan Musrenbang {Path(path).name}: {result.text}")
    progress(1, 1, "Selesai")
    return result


def _missing_priorities(session: Session, actor: Actor, year: int,
                        rows: Sequence[dict[str, Any]]) -> None:
    """Priorities the file refers to that this database lacks (existing ones are kept)."""
    from desktop_app.planning.services.common import ensure_year

    have = set(session.scalars(select(PlanningPriority.code).where(
        PlanningPriority.year == year)))
    for pos, row in enumerate(rows, start=1):
        code = exchange.canon(row.get("code"))
        if not code or code in have or not exchange.canon(row.get("title")):
            continue
        ensure_year(session, year)
        p = PlanningPriority(year=year, code=code, kind=exchange.canon(row.get("kind")) or "rkpd",
                             title=exchange.canon(row.get("title")),
                             target=exchange.canon(row.get("target")), position=pos)
        session.add(p)
        session.flush()
        have.add(code)
        audit.record(session, actor, "create", "planning_priority", p.id,
                     after=audit.snapshot(p), summary=f"Prioritas {code} dari berkas impor")


_LIMITS = text_limits(PlanningProposal)
_LABELS = {key: header for key, header, _width, _aliases in exchange.SIPD_COLUMNS}


def _import_row(session: Session, actor: Actor, row: dict[str, Any],
                tiers_by_uid: dict[str, list[dict[str, Any]]], names: dict[str, str],
                year_default: int, priorities_cache: dict[int, dict[str, int]]) -> str:
    data = _input_of(row, names, year_default)
    clean = check(data)
    refused = refusal(clean, _LIMITS, _LABELS)  # PostgreSQL would refuse it at the flush
    if refused:
        raise ValueError(refused)
    uid = exchange.canon(row.get("uid"))
    sipd_id = exchange.canon(row.get("sipd_id"))
    number = exchange.canon(row.get("number"))
    if sipd_id == number:
        sipd_id = ""
    level = _level_of(row.get("level"), PlanningLevel.KECAMATAN.value)
    if clean["year"] not in priorities_cache:
        priorities_cache[clean["year"]] = dict(session.execute(
            select(PlanningPriority.code, PlanningPriority.id).where(
                PlanningPriority.year == clean["year"])).all())
    priorities = priorities_cache[clean["year"]]
    p = None
    if uid:
        p = session.scalar(select(PlanningProposal).where(PlanningProposal.uid == uid))
    elif sipd_id:
        p = session.scalar(select(PlanningProposal).where(
            PlanningProposal.import_key == f"sipd:{sipd_id}"))
    status = "unchanged"
    if p is None:
        p = create_in(session, actor, clean, level=PlanningLevel(level),
                      source=ProposalSource.SIPD, uid=uid or None,
                      import_key=None if uid else f"sipd:{sipd_id}" if sipd_id else None,
                      sipd_id=sipd_id or None, tier_rows=not tiers_by_uid.get(uid),
                      number=number or None)
        p.first_agency = exchange.canon(row.get("first_agency")) or p.agency
        p.returned = exchange.canon(row.get("status")) == "Dikembalikan"
        status = "created"
    else:
        changed = {k: v for k, v in clean.items() if k in BASE_FIELDS
                   and exchange.canon(getattr(p, k)) != exchange.canon(v)}
        if p.level != level:
            changed["level"] = level
        returned = exchange.canon(row.get("status")) == "Dikembalikan"
        if p.returned != returned:
            changed["returned"] = returned
        if changed:
            before = {k: getattr(p, k) for k in changed}
            for key, value in changed.items():
                setattr(p, key, value)
            p.cost = clean["cost"]
            p.version += 1
            add_event(session, actor, p.id, "import", "Diperbarui dari berkas impor.", p.level)
            audit.record(session, actor, "update", "planning_proposal", p.id, before=before,
                         after=changed, summary=f"Impor memperbarui {p.number}")
            status = "updated"
    session.flush()
    tier_changed = False
    for t in tiers_by_uid.get(uid, []) if uid else []:
        tier_changed |= _apply_tier(session, p, t, priorities)
    if tier_changed and status == "unchanged":
        status = "updated"
    return status


def write_rejected(target: Path, result: ImportResult) -> Path | None:
    """The refused rows with their reason, to correct and import again."""
    if not result.bad_rows:
        return None
    from desktop_app.core.exchange.writer import write_error_workbook

    headers = [h for _k, h, *_ in exchange.SIPD_COLUMNS]
    keys = [k for k, *_ in exchange.SIPD_COLUMNS]
    return write_error_workbook(target, headers, (
        (row_no, [row.get(k) for k in keys], reason) for row_no, row, reason in result.bad_rows))


def rows_of_bundle(bundle: exchange.Bundle) -> Sequence[dict[str, Any]]:
    return bundle.proposals
