"""KULA RAKAT intake rules: kinds, categories and their fields, status flow, RTLH criteria,
working-day deadlines. The one place that defines each category's survey fields."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from desktop_app.core.domain.formatting import format_decimal, format_quantity
from desktop_app.core.domain.labels import LabeledEnum
from desktop_app.core.domain.parsing import (
    to_area,
    to_bool,
    to_choice,
    to_decimal_number,
    to_digits_id,
)


class SubmissionKind(LabeledEnum):
    USULAN = "usulan", "Usulan"
    LAPORAN = "laporan", "Laporan"
    ADUAN = "aduan", "Aduan"

    @property
    def prefix(self) -> str:
        return {"usulan": "USL", "laporan": "LAP", "aduan": "ADU"}[self.value]


class Category(LabeledEnum):
    RTLH = "rtlh", "Rumah Tidak Layak Huni (RTLH)"
    JALAN = "jalan", "Jalan lingkungan"
    DRAINASE = "drainase", "Drainase"
    LAINNYA = "lainnya", "Lainnya"


class Channel(LabeledEnum):
    DATANG = "datang_langsung", "Datang langsung"
    TELEPON = "telepon", "Telepon"
    WHATSAPP = "whatsapp", "WhatsApp"
    SURAT = "surat", "Surat"
    ENUMERATOR = "enumerator", "Enumerator desa"


class Status(LabeledEnum):
    DITERIMA = "diterima", "Diterima"
    DIVERIFIKASI = "diverifikasi", "Diverifikasi"
    DIKEMBALIKAN = "dikembalikan", "Dikembalikan"
    DITINDAKLANJUTI = "ditindaklanjuti", "Ditindaklanjuti"
    DITOLAK = "ditolak", "Ditolak"
    SELESAI = "selesai", "Selesai"

    @property
    def is_open(self) -> bool:
        return self not in (Status.DITOLAK, Status.SELESAI)


TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.DITERIMA: frozenset({Status.DIVERIFIKASI, Status.DIKEMBALIKAN, Status.DITOLAK,
                                Status.DITINDAKLANJUTI}),
    Status.DIKEMBALIKAN: frozenset({Status.DITERIMA, Status.DITOLAK}),
    Status.DIVERIFIKASI: frozenset({Status.DITINDAKLANJUTI, Status.DITOLAK,
                                    Status.DIKEMBALIKAN}),
    Status.DITINDAKLANJUTI: frozenset({Status.SELESAI, Status.DITOLAK}),
    Status.DITOLAK: frozenset(),
    Status.SELESAI: frozenset(),
}
NOTE_REQUIRED = frozenset({Status.DITOLAK, Status.DIKEMBALIKAN})
OPEN_STATUSES = tuple(s.value for s in Status if s.is_open)


def can_transition(current: Status, target: Status) -> bool:
    return target in TRANSITIONS[current]


DAMAGE_LEVELS = ("Baik", "Rusak ringan", "Rusak sedang", "Rusak berat")
MATERIAL_CONDITION = ("Layak", "Rusak ringan", "Rusak sedang", "Rusak berat")
TOILET_CHOICES = ("Jamban sendiri dengan septic tank", "Jamban sendiri tanpa septic tank",
                  "Jamban bersama/umum", "Tidak ada jamban")
WATER_CHOICES = ("PDAM/perpipaan", "Sumur bor/pompa", "Sumur gali terlindungi",
                 "Sumur gali tidak terlindungi", "Air sungai/hujan")
ELECTRICITY_CHOICES = ("PLN meteran sendiri", "PLN menumpang", "Bukan PLN", "Tidak ada")
SURFACE_CHOICES = ("Tanah", "Kerikil", "Aspal", "Beton", "Paving")
DRAIN_TYPES = ("Saluran tanah", "Pasangan batu", "Beton precast (U-ditch)", "Tertutup/box")
# Materials as the PUPR RTLH survey and BPS housing data ask them (Permen PUPR 29/PRT/M/2018):
# earth floors, bamboo/board walls and thatch roofs mark a house unfit to live in.
ROOF_MATERIALS = ("Beton", "Genteng", "Seng/metal", "Asbes", "Sirap/kayu", "Bambu",
                  "Rumbia/daun/ijuk", "Lainnya")
WALL_MATERIALS = ("Tembok diplester", "Tembok tanpa plester", "Kayu/papan", "Anyaman bambu",
                  "Bambu", "Lainnya")
FLOOR_MATERIALS = ("Keramik/ubin/tegel", "Semen/bata", "Kayu/papan", "Bambu", "Tanah", "Lainnya")
FLOOD_FREQUENCY = ("Jarang (< 2 kali/tahun)", "Kadang (2-5 kali/tahun)",
                   "Sering (6-12 kali/tahun)", "Sangat sering (> 12 kali/tahun)")


class FieldKind(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    INTEGER = "integer"
    MONEY = "money"
    CHOICE = "choice"
    BOOL = "bool"
    YEAR = "year"
    DIGITS16 = "digits16"


# Measured or counted values, shown with format_quantity (7,2 m² · 1.200 KK); a year is not.
NUMERIC_KINDS = frozenset({FieldKind.NUMBER, FieldKind.INTEGER})


@dataclass(frozen=True)
class FieldSpec:
    key: str  # column name on the submissions table
    label: str
    kind: FieldKind
    unit: str = ""
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    required: bool = False
    aliases: tuple[str, ...] = field(default_factory=tuple)  # spreadsheet header variants


F = FieldSpec
K = FieldKind
CATEGORY_FIELDS: dict[Category, tuple[FieldSpec, ...]] = {
    Category.RTLH: (
        F("household_head", "Nama kepala keluarga", K.TEXT, required=True,
          aliases=("Nama KK", "Nama Kepala Keluarga", "Nama Pemilik", "Nama Pemilik Rumah",
                   "Nama Calon Penerima", "Nama Penerima", "Nama")),
        F("nik", "NIK kepala keluarga", K.DIGITS16, required=True, aliases=("NIK", "No NIK", "NIK KK", "NIK Kepala Keluarga", "No. KTP", "KTP")),
        F("kk_number", "Nomor KK", K.DIGITS16, aliases=("No KK", "Nomor KK", "No. Kartu Keluarga", "KK")),
        F("monthly_income", "Penghasilan per bulan", K.MONEY, "Rp", minimum=0,
          maximum=1_000_000_000, required=True, aliases=("Penghasilan", "Pendapatan", "Penghasilan/Bulan", "Penghasilan Per Bulan",
                   "Pendapatan/Bulan", "Penghasilan (Rp)")),
        F("occupants", "Jumlah penghuni", K.INTEGER, "jiwa", minimum=1, maximum=40, required=True,
          aliases=("Jml Jiwa", "Jumlah Jiwa", "Jumlah Penghuni", "Jml Penghuni",
                   "Jumlah Anggota Keluarga", "Jml Anggota Keluarga", "Jml ART")),
        F("floor_area", "Luas lantai rumah", K.NUMBER, "m²", minimum=1, maximum=1000,
          required=True, aliases=("Luas Lantai", "Luas Bangunan", "Luas Rumah", "Luas Lantai Rumah",
                   "Ukuran Rumah")),
        F("land_owned", "Tanah milik sendiri", K.BOOL, aliases=("Status Tanah", "Milik Tanah", "Kepemilikan Tanah",
                   "Status Kepemilikan Tanah")),
        F("house_owned", "Rumah milik sendiri", K.BOOL, aliases=("Status Rumah", "Kepemilikan Rumah",
                                                                  "Status Kepemilikan Rumah")),
        F("only_house", "Satu-satunya rumah", K.BOOL, aliases=("Rumah Satu-satunya",)),
        F("last_aid_year", "Tahun terakhir menerima bantuan rumah", K.YEAR, minimum=1980,
          maximum=2100, aliases=("Tahun Bantuan", "Pernah Dibantu Tahun", "Tahun Terima Bantuan",
                   "Bantuan Terakhir")),
        F("structure_condition", "Kondisi struktur (pondasi, sloof, kolom, balok)", K.CHOICE,
          choices=MATERIAL_CONDITION, aliases=("Kondisi Struktur", "Struktur")),
        F("roof_condition", "Kondisi atap (rangka dan penutup)", K.CHOICE,
          choices=MATERIAL_CONDITION, aliases=("Kondisi Atap", "Atap", "Kondisi Penutup Atap")),
        F("wall_condition", "Kondisi dinding", K.CHOICE, choices=MATERIAL_CONDITION,
          aliases=("Kondisi Dinding", "Dinding")),
        F("floor_condition", "Kondisi lantai", K.CHOICE, choices=MATERIAL_CONDITION,
          aliases=("Kondisi Lantai", "Lantai")),
        F("roof_material", "Bahan atap", K.CHOICE, choices=ROOF_MATERIALS,
          aliases=("Material Atap", "Jenis Atap", "Penutup Atap", "Bahan Penutup Atap")),
        F("wall_material", "Bahan dinding", K.CHOICE, choices=WALL_MATERIALS,
          aliases=("Material Dinding", "Jenis Dinding")),
        F("floor_material", "Bahan lantai", K.CHOICE, choices=FLOOR_MATERIALS,
          aliases=("Material Lantai", "Jenis Lantai")),
        F("toilet", "Jamban", K.CHOICE, choices=TOILET_CHOICES, aliases=("Jamban", "WC", "WC/Jamban", "MCK", "Jamban/WC",
                                                    "Fasilitas BAB", "Sanitasi")),
        F("septic_tank", "Ada septic tank", K.BOOL, aliases=("Septic Tank", "Tangki Septik")),
        F("water_source", "Sumber air minum", K.CHOICE, choices=WATER_CHOICES,
          aliases=("Sumber Air", "Air Minum", "Sumber Air Minum", "Air Bersih")),
        F("electricity", "Listrik", K.CHOICE, choices=ELECTRICITY_CHOICES,
          aliases=("Sumber Listrik", "Penerangan", "Sumber Penerangan")),
        F("ventilation_ok", "Ventilasi ≥ 5% luas lantai", K.BOOL, aliases=("Ventilasi",)),
        F("lighting_ok", "Pencahayaan ≥ 10% luas lantai", K.BOOL, aliases=("Pencahayaan",)),
    ),
    Category.JALAN: (
        F("road_name", "Nama jalan/ruas", K.TEXT, required=True, aliases=("Nama Jalan", "Ruas")),
        F("length_m", "Panjang", K.NUMBER, "m", minimum=1, maximum=100_000, required=True,
          aliases=("Panjang", "Panjang (m)")),
        F("width_m", "Lebar", K.NUMBER, "m", minimum=0.5, maximum=50, aliases=("Lebar",)),
        F("surface", "Jenis permukaan", K.CHOICE, choices=SURFACE_CHOICES,
          aliases=("Permukaan", "Perkerasan")),
        F("damage_level", "Tingkat kerusakan", K.CHOICE, choices=DAMAGE_LEVELS, required=True,
          aliases=("Kerusakan", "Kondisi")),
        F("households_served", "KK terlayani", K.INTEGER, "KK", minimum=0, maximum=100_000,
          required=True, aliases=("Jumlah KK", "KK Terlayani")),
        F("facilities_count", "Jumlah fasilitas umum terhubung", K.INTEGER, minimum=0,
          maximum=100, aliases=("Fasilitas Umum",)),
        F("facilities", "Fasilitas umum yang terhubung", K.TEXT,
          aliases=("Keterangan Fasilitas",)),
        F("estimated_cost", "Perkiraan biaya", K.MONEY, "Rp", minimum=0,
          maximum=1_000_000_000_000, aliases=("Biaya", "Perkiraan Biaya", "Anggaran")),
    ),
    Category.DRAINASE: (
        F("road_name", "Nama saluran/lokasi", K.TEXT, required=True, aliases=("Nama Saluran",)),
        F("length_m", "Panjang", K.NUMBER, "m", minimum=1, maximum=100_000, required=True,
          aliases=("Panjang",)),
        F("cross_section", "Dimensi penampang (lebar × tinggi)", K.TEXT,
          aliases=("Dimensi", "Penampang")),
        F("drain_type", "Jenis saluran", K.CHOICE, choices=DRAIN_TYPES,
          aliases=("Jenis Saluran", "Tipe")),
        F("damage_level", "Tingkat kerusakan", K.CHOICE, choices=DAMAGE_LEVELS, required=True,
          aliases=("Kerusakan", "Kondisi")),
        F("flood_depth_cm", "Tinggi genangan", K.NUMBER, "cm", minimum=0, maximum=500,
          aliases=("Tinggi Genangan", "Kedalaman Banjir")),
        F("flood_duration_hours", "Lama genangan", K.NUMBER, "jam", minimum=0, maximum=2000,
          aliases=("Lama Genangan",)),
        F("flood_frequency", "Frekuensi genangan", K.CHOICE, choices=FLOOD_FREQUENCY,
          aliases=("Frekuensi",)),
        F("households_affected", "KK terdampak", K.INTEGER, "KK", minimum=0, maximum=100_000,
          required=True, aliases=("KK Terdampak",)),
        F("estimated_cost", "Perkiraan biaya", K.MONEY, "Rp", minimum=0,
          maximum=1_000_000_000_000, aliases=("Biaya", "Perkiraan Biaya")),
    ),
    Category.LAINNYA: (),
}


def fields_for(category: Category | str) -> tuple[FieldSpec, ...]:
    """The survey fields of a category; () for ``lainnya`` and for admin-defined categories."""
    if category not in Category._value2member_map_:
        return ()
    return CATEGORY_FIELDS.get(Category(category), ())


def is_builtin_category(code: str) -> bool:
    return code in Category._value2member_map_


def category_label(code: str, extra: Mapping[str, str] | None = None) -> str:
    """The label of a built-in category, else of an admin-defined one (``extra``: code →
    label), else the code itself."""
    if code in Category._value2member_map_:
        return Category(code).label
    if extra and code in extra:
        return extra[code]
    return code


def all_detail_fields() -> dict[str, FieldSpec]:
    out: dict[str, FieldSpec] = {}
    for specs in CATEGORY_FIELDS.values():
        for spec in specs:
            out.setdefault(spec.key, spec)
    return out


def coerce_field(spec: FieldSpec, value: Any) -> Any:
    """A typed value from what a form or spreadsheet gave; ValueError with an Indonesian reason."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if spec.kind in (K.NUMBER, K.MONEY, K.INTEGER, K.YEAR):
        number = to_area(value) if spec.unit == "m²" else to_decimal_number(value)
        if spec.kind in (K.INTEGER, K.YEAR):
            if not float(number).is_integer():
                raise ValueError(f"{spec.label} harus bilangan bulat")
            number = int(number)
        if spec.minimum is not None and number < spec.minimum:
            raise ValueError(f"{spec.label} minimal {format_decimal(spec.minimum)}")
        if spec.maximum is not None and number > spec.maximum:
            raise ValueError(f"{spec.label} maksimal {format_decimal(spec.maximum)}")
        return number
    if spec.kind is K.BOOL:
        if isinstance(value, bool):
            return value
        return to_bool(value)
    if spec.kind is K.CHOICE:
        return to_choice(value, spec.choices)
    if spec.kind is K.DIGITS16:
        return to_digits_id(value, 16, spec.label)
    return str(value).strip()


# ---- RTLH derived values ---------------------------------------------------------------------


def area_per_person(floor_area: float | None, occupants: int | None) -> float | None:
    if not floor_area or not occupants:
        return None
    return round(float(floor_area) / int(occupants), 2)


BAD_CONDITION = {"Rusak sedang", "Rusak berat"}


def failed_rtlh_criteria(values: Mapping[str, Any], min_area_per_person: float = 9.0) -> list[str]:
    """Which RTLH criteria (Permen PUPR 29/PRT/M/2018, BSPS) the house fails."""
    failed: list[str] = []
    if values.get("structure_condition") in BAD_CONDITION:
        failed.append("Keselamatan bangunan: struktur (pondasi, sloof, kolom, balok) rusak")
    if values.get("roof_condition") in BAD_CONDITION:
        failed.append("Keselamatan bangunan: atap rusak")
    if values.get("wall_condition") in BAD_CONDITION:
        failed.append("Keselamatan bangunan: dinding rusak")
    if values.get("floor_condition") in BAD_CONDITION:
        failed.append("Keselamatan bangunan: lantai rusak")
    if values.get("ventilation_ok") is False or values.get("lighting_ok") is False:
        failed.append("Kesehatan: ventilasi/pencahayaan kurang")
    toilet = values.get("toilet")
    if toilet in ("Tidak ada jamban", "Jamban bersama/umum") or values.get("septic_tank") is False:
        failed.append("Kesehatan: tidak ada jamban dengan septic tank")
    if values.get("water_source") in ("Sumur gali tidak terlindungi", "Air sungai/hujan"):
        failed.append("Kesehatan: sumber air minum tidak aman")
    per_person = area_per_person(values.get("floor_area"), values.get("occupants"))
    if per_person is not None and per_person < min_area_per_person:
        failed.append(
            f"Kecukupan luas: {format_quantity(per_person, 'm²')} per orang, di bawah "
            f"{format_quantity(min_area_per_person, 'm²')}"
        )
    return failed


def sanitation_conflicts(values: Mapping[str, Any]) -> list[str]:
    """Toilet and septic tank answers that contradict each other: each needs a second look in
    the field (the record is flagged "perlu dicek"), and the ranking should not rest on it."""
    toilet, septic = values.get("toilet"), values.get("septic_tank")
    if toilet is None or septic is None:
        return []
    if toilet == "Jamban sendiri dengan septic tank" and septic is False:
        return ["Jamban tercatat \"dengan septic tank\", tetapi \"Ada septic tank\" diisi "
                "Tidak; periksa kembali jamban dan septic tank"]
    if toilet == "Jamban sendiri tanpa septic tank" and septic is True:
        return ["Jamban tercatat \"tanpa septic tank\", tetapi \"Ada septic tank\" diisi "
                "Ya; periksa kembali jamban dan septic tank"]
    if toilet == "Tidak ada jamban" and septic is True:
        return ["Tercatat tidak ada jamban, tetapi ada septic tank; periksa kembali jamban "
                "dan septic tank"]
    return []


# ---- Working days ----------------------------------------------------------------------------


def add_working_days(start: date, days: int, holidays: Iterable[date] = ()) -> date:
    """The date ``days`` working days after ``start`` (weekends and holidays not counted)."""
    off = set(holidays)
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < 5 and current not in off:
            remaining -= 1
    return current


def working_days_between(start: date, end: date, holidays: Iterable[date] = ()) -> int:
    off = set(holidays)
    count, current = 0, start
    while current < end:
        current += timedelta(days=1)
        if current.weekday() < 5 and current not in off:
            count += 1
    return count


def registration_number(kind: SubmissionKind, year: int, sequence: int) -> str:
    """ADU/2026/0007: prefix per kind, year, sequence per kind and year."""
    return f"{kind.prefix}/{year}/{sequence:04d}"
