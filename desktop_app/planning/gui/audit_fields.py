"""How the audit page names and shows the fields of REMBUK REMAS's records (registered by the
composition root; see core.domain.audit_fields)."""

from __future__ import annotations

import json
from typing import Any

from desktop_app.core.domain.audit_fields import (
    AuditField,
    FieldMap,
    Kind,
    Lookups,
    choice,
    choices,
    looked_up,
)
from desktop_app.core.domain.formatting import format_decimal, format_percent
from desktop_app.planning.domain.criteria import SOURCES, ProposalKind
from desktop_app.planning.domain.labels import (
    Authority,
    Coverage,
    LandStatus,
    PlanningLevel,
    PriorityKind,
    PriorityTier,
    ProposalSource,
    ProposerLevel,
    Realisation,
    RedirectTarget,
    RejectReason,
    RembukStatus,
    ScreeningVerdict,
)
from desktop_app.planning.services import names
from desktop_app.ranking.domain.methods import Direction, Method

F = AuditField


def _loaded(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _criterion(key: str) -> str:
    source = SOURCES.get(key)
    return source.label if source is not None else key


def scores_text(value: Any) -> str:
    """{"urgency": 5.0, …} → "Kemendesakan: 5" per line."""
    scores = _loaded(value) or {}
    if not scores:
        return "(belum dinilai)"
    return "\n".join(f"{_criterion(k)}: {format_decimal(float(v))}" for k, v in scores.items())


def ranked_with_text(value: Any) -> str:
    """{"fisik": {"id": 1, "version": 2, "name": …}} → "Fisik: <name> (versi 2)" per line."""
    sets = _loaded(value) or {}
    return "\n".join(f"{ProposalKind.label_of(kind)}: {s.get('name', '')} (versi {s.get('version')})"
                     for kind, s in sets.items()) or "—"


def criteria_text(value: Any) -> str:
    """The criteria of a set: "1. Kemendesakan — Benefit (…) — bobot 40,0%"."""
    return "\n".join(
        f"{i}. {c.get('name') or _criterion(c['key'])} — {Direction.label_of(c['direction'])} — "
        f"bobot {format_percent(float(c['weight']) * 100)}"
        for i, c in enumerate(_loaded(value) or [], start=1))

_LEVEL = choice("Tingkat", PlanningLevel)
_PRIORITY = looked_up("Prioritas daerah", "planning_priority")
_CODES = {"affair_code": F("Kode bidang urusan"), "program_code": F("Kode program"),
          "activity_code": F("Kode kegiatan"), "sub_activity_code": F("Kode sub-kegiatan"),
          "sub_activity_name": F("Nama sub-kegiatan"), "physical": F("Fisik", Kind.BOOL),
          "authority": choice("Kewenangan", Authority), "unit": F("Satuan"),
          "unit_price": F("Harga satuan", Kind.RUPIAH), "agency": F("SKPD tujuan")}

FIELDS: FieldMap = {
    "planning_year": {"year": F("Tahun rencana"), "theme": F("Tema pembangunan")},
    "planning_priority": {"kind": choice("Jenis prioritas", PriorityKind),
                          "title": F("Prioritas"), "target": F("Sasaran"),
                          "position": F("Urutan")},
    "planning_macro_problem": {"title": F("Masalah makro"), "position": F("Urutan"),
                               "indicators": F("Jumlah indikator", Kind.NUMBER)},
    "planning_ceiling": {"amount": F("Pagu indikatif", Kind.RUPIAH)},
    "planning_catalogue": {**_CODES, "work": F("Pekerjaan"), "output": F("Keluaran")},
    "planning_criteria_set": {"kind": choice("Jenis usulan", ProposalKind),
                              "version": F("Versi kriteria"),
                              "criteria": F("Kriteria", render=criteria_text)},
    "planning_delegates": {"delegates": F("Delegasi ke tingkat berikutnya", Kind.LIST)},
    "planning_photo": {"proposal": F("Usulan"), "sha256": F("Sidik berkas", Kind.HIDDEN)},
    "planning_proposal": {
        **_CODES,
        "number": F("Nomor usulan"),
        "seq": F("Nomor urut", Kind.HIDDEN),
        "level": _LEVEL,
        "returned": F("Dikembalikan untuk perbaikan", Kind.BOOL),
        "problem": F("Permasalahan"),
        "work": F("Usulan kegiatan"),
        "proposer_name": F("Pengusul"),
        "proposer_level": choice("Kedudukan pengusul", ProposerLevel),
        "proposer_contact": F("Kontak pengusul"),
        "catalogue_id": looked_up("Entri kamus usulan", "planning_catalogue"),
        "volume": F("Volume", Kind.NUMBER),
        "cost": F("Perkiraan biaya", Kind.RUPIAH),
        "first_agency": F("SKPD tujuan semula"),
        "land_status": choice("Status lahan", LandStatus),
        "land_note": F("Keterangan lahan"),
        "coverage": choice("Cakupan penerima manfaat", Coverage),
        "beneficiaries": F("Jumlah penerima manfaat", Kind.NUMBER),
        "priority_id": _PRIORITY,
        "macro_problem_id": looked_up("Masalah makro", "planning_macro_problem"),
        "source": choice("Asal usulan", ProposalSource),
        "meeting_problem_id": F("Masalah rapat (nomor)"),
        "sipd_id": F("Nomor SIPD"),
        "realisation": choice("Realisasi", Realisation),
        "on_date": F("Tanggal", Kind.DATE),
        "progress": F("Kemajuan", Kind.NUMBER, unit="%"),
        "amount": F("Nilai realisasi", Kind.RUPIAH),
        "batch": F("Kode kiriman", Kind.HIDDEN),
    },
    "planning_rembuk": {
        "level": _LEVEL,
        "status": choice("Status rembuk", RembukStatus),
        "ceiling": F("Pagu", Kind.RUPIAH),
        "method": choice("Metode peringkat", Method),
        "ranked_with_json": F("Kriteria yang dipakai", render=ranked_with_text),
        "ranked_at": F("Diperingkat", Kind.DATETIME),
        "ba_number": F("Nomor berita acara"),
        "finalized_at": F("Ditetapkan", Kind.DATETIME),
        "finalized_by_name": F("Ditetapkan oleh"),
        "forwarded_at": F("Diteruskan", Kind.DATETIME),
        "forwarded_by_name": F("Diteruskan oleh"),
        "ranked": F("Usulan diperingkat", Kind.NUMBER),
        "main": F("Usulan UTAMA", Kind.NUMBER),
        "reserve": F("Usulan CADANGAN", Kind.NUMBER),
        "moved": F("Usulan diteruskan", Kind.NUMBER),
        "to": choice("Diteruskan ke tingkat", PlanningLevel),
        "reason": F("Alasan"),
        "acknowledger_name": F("Mengetahui: nama"),
        "acknowledger_position": F("Mengetahui: jabatan"),
        "acknowledger_nip": F("Mengetahui: NIP"),
    },
    "planning_tier_result": {
        "proposal_id": F("Usulan (nomor)"),
        "level": _LEVEL,
        "verdict": choice("Putusan", ScreeningVerdict),
        "aligned": F("Selaras dengan prioritas", Kind.BOOL),
        "priority_id": _PRIORITY,
        "within_ceiling": F("Dalam pagu", Kind.BOOL),
        "direct_impact": F("Berdampak langsung", Kind.BOOL),
        "core_problem": F("Menjawab masalah pokok desa", Kind.BOOL),
        "authority_ok": F("Kewenangan sesuai", Kind.BOOL),
        "land_ok": F("Lahan jelas", Kind.BOOL),
        "reasons": choices("Alasan tidak diakomodir", RejectReason),
        "redirect_target": choice("Dialihkan ke", RedirectTarget),
        "redirect_detail": F("Keterangan pengalihan"),
        "recommendation": F("Rekomendasi"),
        "volume": F("Volume", Kind.NUMBER),
        "unit_price": F("Harga satuan", Kind.RUPIAH),
        "cost": F("Biaya", Kind.RUPIAH),
        "scores_json": F("Nilai per kriteria", render=scores_text),
        "score": F("Skor", Kind.NUMBER),
        "rank": F("Peringkat"),
        "priority_tier": choice("UTAMA/CADANGAN", PriorityTier),
        "tier_manual": F("Dipindah manual", Kind.BOOL),
        "decided_at": F("Diputuskan", Kind.DATETIME),
        "decided_by_name": F("Diputuskan oleh"),
    },
}

LOOKUPS: Lookups = {"planning_priority": names.priority_labels,
                    "planning_macro_problem": names.macro_problem_labels,
                    "planning_catalogue": names.catalogue_labels}
