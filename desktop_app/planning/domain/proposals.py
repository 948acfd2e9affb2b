"""A community proposal as entered (form, workbook, SIPD file): its fields, costing and rules.

Plain data and checks with Indonesian messages; the services add what needs the database
(the desa exists, the catalogue entry, the priority)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from typing import Any

from desktop_app.core.domain.errors import ValidationError
from desktop_app.planning.domain.labels import (
    Authority,
    Coverage,
    LandStatus,
    ProposerLevel,
)

MAX_VOLUME = 1_000_000_000
MAX_UNIT_PRICE = 1_000_000_000_000  # Rp1 triliun
# Indonesia's bounding box: a coordinate outside it is a typo (swapped or missing sign).
LATITUDE_RANGE = (-11.5, 6.5)
LONGITUDE_RANGE = (94.5, 141.5)
SUB_ACTIVITY_PATTERN = re.compile(r"^\d\.\d{2}\.\d{2}\.\d\.\d{2}\.\d{4}$")


@dataclass
class ProposalInput:
    year: int
    desa_code: str
    problem: str
    work: str
    proposer_name: str
    unit: str
    volume: float
    unit_price: int
    proposer_level: str = ProposerLevel.DESA.value
    proposer_contact: str = ""
    rt: str = ""
    rw: str = ""
    address: str = ""
    latitude: float | None = None
    longitude: float | None = None
    catalogue_id: int | None = None
    agency: str = ""
    affair_code: str = ""
    program_code: str = ""
    activity_code: str = ""
    sub_activity_code: str = ""
    sub_activity_name: str = ""
    physical: bool = True
    authority: str = Authority.KABUPATEN.value
    land_status: str = LandStatus.UNKNOWN.value
    land_note: str = ""
    coverage: str = Coverage.RT.value
    beneficiaries: int | None = None
    priority_id: int | None = None
    macro_problem_id: int | None = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)  # source links, import keys

    @classmethod
    def field_names(cls) -> list[str]:
        return [f.name for f in fields(cls) if f.name != "extra"]


def cost_of(volume: float | None, unit_price: int | float | None) -> int:
    """Estimated cost = volume × unit price, in whole Rupiah (half up)."""
    if volume is None or unit_price is None:
        return 0
    return int(float(volume) * float(unit_price) + 0.5)


def normalise_rt(value: object) -> str:
    """'003' → '3', 'RT 05' → '5'; '' stays ''. Anything else is returned as typed."""
    text = str(value or "").strip().upper().replace("RT", "").replace("RW", "").strip(" .:")
    if not text:
        return ""
    if text.isdigit():
        return str(int(text))
    return text


def normalise_code(value: object) -> str:
    """A Permendagri 90/2019 code as SIPD writes it: '1.03.10.02.01.0032' (two-digit kind of
    activity, as some spreadsheets have it) → '1.03.10.2.01.0032'."""
    text = re.sub(r"\s+", "", str(value or ""))
    parts = text.split(".")
    if len(parts) == 6 and parts[3].isdigit() and len(parts[3]) == 2 and parts[3][0] == "0":
        parts[3] = parts[3][1]
    return ".".join(parts)


def check(data: ProposalInput) -> dict[str, Any]:
    """The entered values, cleaned, with ``cost``; ValidationError with every field's reason."""
    errors: dict[str, str] = {}
    problem = (data.problem or "").strip()
    work = (data.work or "").strip()
    if not problem:
        errors["problem"] = "Permasalahan wajib diisi: masalah apa yang dijawab usulan ini?"
    if not work:
        errors["work"] = "Usulan kegiatan (pekerjaan yang diusulkan) wajib diisi."
    elif len(work) > 500:
        errors["work"] = "Usulan kegiatan terlalu panjang (maksimal 500 huruf); pindahkan " \
                         "rinciannya ke catatan."
    if not (data.proposer_name or "").strip():
        errors["proposer_name"] = "Nama pengusul wajib diisi."
    if not (data.desa_code or "").strip():
        errors["desa_code"] = "Pilih desa/kelurahan lokasi usulan."
    if not (2000 <= int(data.year or 0) <= 2100):
        errors["year"] = "Tahun rencana tidak valid."
    if not (data.unit or "").strip():
        errors["unit"] = "Satuan wajib diisi (mis. m, unit, paket, orang)."
    volume = data.volume
    if volume is None or not volume > 0:
        errors["volume"] = "Volume harus lebih dari 0."
    elif volume > MAX_VOLUME:
        errors["volume"] = "Volume terlalu besar; periksa kembali."
    price = data.unit_price
    if price is None or price < 0:
        errors["unit_price"] = "Harga satuan tidak boleh kosong atau negatif."
    elif price > MAX_UNIT_PRICE:
        errors["unit_price"] = "Harga satuan terlalu besar; periksa kembali."
    for key, enum in (("proposer_level", ProposerLevel), ("authority", Authority),
                      ("land_status", LandStatus), ("coverage", Coverage)):
        try:
            enum(getattr(data, key))
        except ValueError:
            errors[key] = f"Pilihan '{getattr(data, key)}' tidak dikenal."
    if data.physical and data.land_status == LandStatus.NOT_NEEDED.value:
        errors["land_status"] = "Usulan fisik memerlukan lahan: pilih status lahannya."
    lat, lon = data.latitude, data.longitude
    if (lat is None) != (lon is None):
        errors["latitude"] = "Isi lintang dan bujur sekaligus, atau kosongkan keduanya."
    elif lat is not None and lon is not None:
        if not LATITUDE_RANGE[0] <= lat <= LATITUDE_RANGE[1] \
                or not LONGITUDE_RANGE[0] <= lon <= LONGITUDE_RANGE[1]:
            errors["latitude"] = ("Koordinat di luar Indonesia; periksa urutan lintang, bujur "
                                  "dan tanda minus (contoh Balangan: -2,32, 115,62).")
    code = normalise_code(data.sub_activity_code)
    if code and not SUB_ACTIVITY_PATTERN.match(code):
        errors["sub_activity_code"] = ("Kode sub kegiatan tidak sesuai format Permendagri "
                                       "90/2019 (contoh: 1.03.10.2.01.0032).")
    if data.beneficiaries is not None and data.beneficiaries < 0:
        errors["beneficiaries"] = "Jumlah penerima manfaat tidak boleh negatif."
    if errors:
        raise ValidationError(field_errors=errors)
    parts = code.split(".") if code else []
    return {
        "year": int(data.year), "desa_code": data.desa_code.strip(), "problem": problem,
        "work": work, "proposer_name": data.proposer_name.strip(),
        "proposer_level": data.proposer_level,
        "proposer_contact": (data.proposer_contact or "").strip(),
        "rt": normalise_rt(data.rt), "rw": normalise_rt(data.rw),
        "address": (data.address or "").strip(), "latitude": lat, "longitude": lon,
        "catalogue_id": data.catalogue_id, "unit": data.unit.strip(),
        "volume": float(volume), "unit_price": int(round(price)),
        "cost": cost_of(volume, price), "agency": (data.agency or "").strip(),
        "affair_code": (data.affair_code or "").strip() or (".".join(parts[:2]) if parts else ""),
        "program_code": (data.program_code or "").strip() or (".".join(parts[:3]) if parts else ""),
        "activity_code": (data.activity_code or "").strip()
        or (".".join(parts[:5]) if parts else ""),
        "sub_activity_code": code, "sub_activity_name": (data.sub_activity_name or "").strip(),
        "physical": bool(data.physical), "authority": data.authority,
        "land_status": data.land_status, "land_note": (data.land_note or "").strip(),
        "coverage": data.coverage, "beneficiaries": data.beneficiaries,
        "priority_id": data.priority_id, "macro_problem_id": data.macro_problem_id,
        "note": (data.note or "").strip(),
    }
