"""Importing a desa's usulan workbook (the spreadsheets desa actually keep): header rows below
titles, column names in many spellings, numbers typed as text; every good row is imported,
the bad ones come back with their reason, and importing the same file twice adds nothing."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop_app.core.domain import parsing
from desktop_app.core.domain.errors import ValidationError
from desktop_app.core.domain.formatting import format_number
from desktop_app.core.domain.places import PlaceFinder
from desktop_app.core.domain.progress import Progress, no_progress
from desktop_app.core.domain.roles import Permission
from desktop_app.core.exchange.formats.grid import CellError, uncached_text
from desktop_app.core.exchange.mapping import suggest_mapping
from desktop_app.core.exchange.reader import (
    SkippedRow,
    fill_down,
    iter_data_rows,
    read_data_sheet,
    skipped_text,
)
from desktop_app.core.services import audit, regions
from desktop_app.core.services.context import Actor, AppContext, require, unit_of_work
from desktop_app.db.lengths import refusal, text_limits
from desktop_app.planning.domain.labels import LandStatus, PlanningLevel, ProposalSource
from desktop_app.planning.domain.proposals import ProposalInput, check, normalise_rt
from desktop_app.planning.exchange import DESA_SPECS
from desktop_app.planning.models import CatalogueEntry, PlanningProposal
from desktop_app.planning.services.proposals import create_in

LAND_WORDS = {
    "pemda": LandStatus.GOVERNMENT, "pemerintah": LandStatus.GOVERNMENT,
    "milikpemda": LandStatus.GOVERNMENT, "asetdesa": LandStatus.DESA, "desa": LandStatus.DESA,
    "tanahdesa": LandStatus.DESA, "hibah": LandStatus.GRANT, "pribadi": LandStatus.PRIVATE,
    "milikwarga": LandStatus.PRIVATE, "warga": LandStatus.PRIVATE,
    "sengketa": LandStatus.DISPUTED, "belumjelas": LandStatus.UNKNOWN,
}


@dataclass
class WorkbookPreview:
    path: Path
    headers: list[str]
    mapping: dict[int, str | None]
    rows: int
    missing: list[str]
    sheet: str = ""
    sheets: list[str] = field(default_factory=list)  # every sheet holding proposals


@dataclass
class WorkbookResult:
    created: int = 0
    duplicates: int = 0
    bad_rows: list[tuple[int, list[Any], str]] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    other_sheets: list[str] = field(default_factory=list)  # holding proposals, not imported
    uncached: list[str] = field(default_factory=list)  # formula cells saved without a value

    @property
    def text(self) -> str:
        parts = [f"{self.created} usulan baru"]
        if self.duplicates:
            parts.append(f"{self.duplicates} sudah ada sebelumnya")
        if self.bad_rows:
            parts.append(f"{len(self.bad_rows)} baris ditolak (lihat alasannya)")
        text = ", ".join(parts) + "."
        if self.skipped:
            text += f" Bukan data, dilewati: {skipped_text(self.skipped)}."
        if self.uncached:
            text += f" {uncached_text(self.uncached)}."
        if self.other_sheets:
            text += (" Lembar lain di berkas ini juga berisi usulan dan diimpor tersendiri: "
                     + ", ".join(self.other_sheets) + ".")
        return text


def preview(path: Path | str, sheet: str | None = None) -> WorkbookPreview:
    """``sheet``, or the first sheet holding proposals (a cover or the instructions may come
    first; a desa may keep one tab per RT/RW or per year)."""
    found = read_data_sheet(path, DESA_SPECS, sheet)
    header = found.header
    suggestion = suggest_mapping(header.headers, DESA_SPECS)
    count = sum(1 for _ in iter_data_rows(found.raw.rows, header, None, _group_heading))
    return WorkbookPreview(Path(path), header.headers, suggestion.mapping, count,
                           [s.label for s in suggestion.missing_required(DESA_SPECS)],
                           found.raw.name, found.sheets)


def _norm(text: object) -> str:
    return re.sub(r"[^a-z0-9]", "", str(text or "").lower())


def _number(value: Any) -> float | None:
    return None if parsing.is_blank(value) else parsing.to_decimal_number(value)


def _land(value: Any, physical: bool) -> str:
    if parsing.is_blank(value):
        return LandStatus.UNKNOWN.value if physical else LandStatus.NOT_NEEDED.value
    key = _norm(value)
    for word, status in LAND_WORDS.items():
        if word in key:
            return status.value
    raise ValueError(f"status lahan '{value}' tidak dikenal (milik pemda, aset desa, hibah, "
                     "pribadi, sengketa)")


# The headings a desa's plan groups its rows under (the DU-RKP Desa's "2 | BIDANG PELAKSANAAN
# PEMBANGUNAN DESA", "a. | Sub Bidang Pekerjaan Umum"): set aside, never read as an usulan.
DESA_FUZZY = 88  # no one confirms a match here: only a close misspelling is taken
_HEADING = re.compile(r"^((sub\s*)?bidang|urusan|program|kelompok)\b", re.IGNORECASE)


def _group_heading(cells: list[str]) -> str | None:
    texts = [c for c in cells if len(c) > 4]
    if len(texts) == 1 and _HEADING.match(texts[0]):
        return texts[0]
    return None


def _row_input(values: dict[str, Any], *, year: int, desa_default: str | None,
               places: PlaceFinder, kamus: dict[str, CatalogueEntry],
               desa_labels: dict[str, str]) -> ProposalInput:
    text = {k: parsing.to_text(v) for k, v in values.items()}
    desa = desa_default
    if text.get("desa"):
        desa = places.find(text["desa"], fuzzy=DESA_FUZZY)  # "Ds. Inan", "INAN ", "Galumbng"
        if desa is None:
            raise ValueError(f"desa/kelurahan {parsing.quoted(text['desa'])} tidak dikenal di kecamatan ini")
    if not desa:
        raise ValueError("desa/kelurahan tidak diisi (pilih desa pada dialog impor)")
    entry = kamus.get(_norm(text.get("kamus")))
    if text.get("kamus") and entry is None:
        raise ValueError(f"kode kamus {parsing.quoted(text['kamus'])} tidak ada di kamus usulan")
    rt, rw = text.get("rt", ""), text.get("rw", "")
    if "/" in rt and not rw:
        rt, _, rw = rt.partition("/")
    volume = _number(values.get("volume"))
    price = _number(values.get("unit_price"))
    cost = _number(values.get("cost"))
    if entry is not None and price is None:
        price = float(entry.unit_price)
    if price is None and cost is not None:
        volume = volume or 1.0
        price = cost / volume
    if volume is None and price and cost:
        volume = cost / price
    # 'Non fisik' written in the remarks counts when there is no column for it.
    kind = _norm(text.get("physical")) or ("nonfisik" if "nonfisik" in _norm(text.get("note"))
                                           else "")
    physical = (not kind.startswith("non")) if kind else (entry.physical if entry else True)
    lat, lon = _number(values.get("latitude")), _number(values.get("longitude"))
    if lat is None and text.get("coordinates"):
        parts = [p for p in re.split(r"[;,\s]+", text["coordinates"]) if p]
        if len(parts) != 2:
            raise ValueError(f"koordinat {parsing.quoted(text['coordinates'])} harus 'lintang, bujur'")
        lat, lon = float(parts[0]), float(parts[1])
    beneficiaries = _number(values.get("beneficiaries"))
    work = text.get("work", "")
    return ProposalInput(
        year=year, desa_code=desa, problem=text.get("problem") or "", work=work,
        proposer_name=text.get("proposer_name") or f"Pemerintah {desa_labels.get(desa, '')}",
        proposer_level="desa" if not text.get("proposer_name") else "warga",
        unit=text.get("unit")
        or (entry.unit if entry else ""), volume=volume if volume is not None else 0.0,
        unit_price=int(round(price)) if price is not None else -1, rt=normalise_rt(rt),
        rw=normalise_rt(rw), address=text.get("address", ""), latitude=lat, longitude=lon,
        catalogue_id=entry.id if entry else None,
        agency=text.get("agency") or (entry.agency if entry else ""),
        sub_activity_code=text.get("sub_activity_code")
        or (entry.sub_activity_code if entry else ""),
        sub_activity_name=entry.sub_activity_name if entry else "", physical=physical,
        authority=entry.authority if entry else "kabupaten",
        land_status=_land(values.get("land_status"), physical),
        beneficiaries=int(beneficiaries) if beneficiaries is not None else None,
        note=text.get("note", ""))


_LABELS = {spec.key: spec.label for spec in DESA_SPECS}
_LIMITS = text_limits(PlanningProposal)


def _fits(clean: dict[str, Any]) -> None:
    """A text longer than its column refuses the row (PostgreSQL would refuse the whole
    import; SQLite would keep it), naming the column and its limit."""
    refused = refusal(clean, _LIMITS, _LABELS)
    if refused:
        raise ValueError(refused)


def _key(data: ProposalInput) -> str:
    parts = [str(data.year), data.desa_code, _norm(data.work), _norm(data.rt), _norm(data.rw),
             f"{data.volume:g}", data.unit.lower(), str(data.unit_price)]
    return "desa:" + hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()[:40]


def import_workbook(app: AppContext, actor: Actor, path: Path | str, *, year: int,
                    desa_code: str | None = None, kecamatan: str = regions.HOME_KECAMATAN,
                    level: PlanningLevel | str = PlanningLevel.KECAMATAN,
                    mapping: dict[int, str | None] | None = None,
                    progress: Progress = no_progress,
                    sheet: str | None = None) -> WorkbookResult:
    """Import a desa workbook. At ``level`` kecamatan the rows are the desa's result (passed
    by its Musrenbang Desa); at ``level`` desa they are RT/RW proposals for the desa's own."""
    require(actor, Permission.PLANNING_ENTER)
    require(actor, Permission.DATA_IMPORT)
    level = PlanningLevel(level)
    found = read_data_sheet(path, DESA_SPECS, sheet)
    raw, header = found.raw, found.header
    mapping = mapping or suggest_mapping(header.headers, DESA_SPECS).mapping
    if "work" not in mapping.values():
        raise ValidationError("Kolom usulan kegiatan tidak ditemukan; pilih kolomnya pada "
                              "pemetaan kolom.")
    if "problem" not in mapping.values():  # every row would be refused for it
        raise ValidationError(
            "Kolom Permasalahan tidak ditemukan: setiap usulan wajib menyebut masalah yang "
            "dijawabnya, dan lembar ini tidak memuatnya (mis. format DU-RKP Desa). Tambahkan "
            "kolom Permasalahan di berkas lalu impor lagi, atau pilih kolomnya pada pasangan "
            "kolom.")
    fill_down(raw.rows, raw.merged, header.data_start)  # merged cells, 'sda' under a value
    result = WorkbookResult(headers=header.headers, other_sheets=found.other_sheets,
                            uncached=raw.uncached)
    rows = list(iter_data_rows(raw.rows, header, result.skipped, _group_heading))
    desa_list = regions.list_desa(app, kecamatan)
    places = PlaceFinder((d.code, d.name) for d in desa_list)
    names = {d.code: d.label for d in desa_list}
    with unit_of_work(app) as session:
        kamus = {_norm(c.code): c for c in session.scalars(select(CatalogueEntry))}
        keys_taken = set(session.scalars(select(PlanningProposal.import_key).where(
            PlanningProposal.import_key.like("desa:%"), PlanningProposal.year == year)))
        audit_rows = []
        for i, (row_no, row) in enumerate(rows, start=1):
            if i % 200 == 0:
                progress(i, len(rows), f"{format_number(i)} dari {format_number(len(rows))} baris")
            values = {key: row[j] for j, key in mapping.items() if key and j < len(row)}
            errors = [f"{_LABELS.get(key, key)}: {value.reason}" for key, value in values.items()
                      if value.__class__ is CellError]
            if errors:  # a formula's error, or a formula saved without its value
                result.bad_rows.append((row_no, list(row), "; ".join(errors)))
                continue
            try:
                data = _row_input(values, year=year, desa_default=desa_code,
                                  places=places, kamus=kamus,
                                  desa_labels=names)
                clean = check(data)
                _fits(clean)
            except ValueError as exc:
                result.bad_rows.append((row_no, list(row), str(exc)))
                continue
            except ValidationError as exc:
                result.bad_rows.append((row_no, list(row), "; ".join(exc.field_errors.values())
                                        or exc.message))
                continue
            key = _key(data)
            if key in keys_taken:
                result.duplicates += 1
                continue
            keys_taken.add(key)
            p = create_in(session, actor, clean, level=level, source=ProposalSource.WORKBOOK,
                          passed_below=f"Musrenbang {names.get(clean['desa_code'], '')}"
                          if level is PlanningLevel.KECAMATAN else "",
                          import_key=key, audit_now=False)
            audit_rows.append(("create", "planning_proposal", p.id,
                               {"number": p.number, "work": p.work, "cost": p.cost},
                               f"Impor usulan {p.number}: {p.work[:60]}"))
            result.created += 1
        audit.record_many(session, actor, audit_rows)
        audit.record(session, actor, "import", "planning_proposal", Path(path).name,
                     after={"created": result.created, "duplicates": result.duplicates,
                            "rejected": len(result.bad_rows)},
                     summary=f"Impor Excel desa {Path(path).name}: {result.text}")
    progress(len(rows), len(rows), "Selesai")
    return result


def write_rejected(target: Path, result: WorkbookResult) -> Path | None:
    if not result.bad_rows:
        return None
    from desktop_app.core.exchange.writer import write_error_workbook

    return write_error_workbook(target, result.headers, result.bad_rows)


def column_choices() -> Sequence[tuple[str, str]]:
    """(key, label) of the columns a desa workbook may have, for the mapping dialog."""
    return [(s.key, s.label) for s in DESA_SPECS]
