"""Demo KULA RAKAT records: realistic usulan, laporan and aduan across Paringin Selatan,
with verified RTLH, jalan and drainase records so that a ranking shows at once."""

from __future__ import annotations

import random
from datetime import date, timedelta

from desktop_app.core.domain import clock
from desktop_app.core.services import office, regions
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.intake.domain.submissions import Status
from desktop_app.intake.domain.validation import SubmissionInput
from desktop_app.intake.services import categories, records, workflow

FIRST = ["Abdul", "Siti", "Muhammad", "Nor", "Ahmad", "Rusdi", "Hasnah", "Jumberi", "Mariani",
         "Saidah", "Fahrul", "Rahmah", "Zainal", "Aluh", "Udin", "Basri", "Masitah", "Yusran",
         "Halimah", "Irwan", "Junaidi", "Rabiatul", "Samsul", "Fitriani"]
LAST = ["Hamid", "Aisyah", "Arsyad", "Hasanah", "Fauzi", "Effendi", "Rahman", "Salim",
        "Hidayat", "Saputra", "Rizani", "Kamariah", "Husin", "Jannah", "Anshari", "Wati"]
ROADS = ["Jl. Desa", "Gang Mawar", "Jl. Usaha Tani", "Jl. Poros Desa", "Gang Sepakat",
         "Jl. Handil", "Gang Keluarga", "Jl. Masjid"]
MATERIALS = {"roof": ["Rumbia/daun/ijuk", "Seng/metal", "Seng/metal", "Sirap/kayu"],
             "wall": ["Kayu/papan", "Kayu/papan", "Anyaman bambu", "Tembok tanpa plester"],
             "floor": ["Kayu/papan", "Tanah", "Semen/bata", "Kayu/papan"]}
CONDITIONS = ["Layak", "Rusak ringan", "Rusak sedang", "Rusak berat"]
AGREED_PHONE = "0812"


def _nik(rng: random.Random, female: bool) -> str:
    day = rng.randint(1, 28) + (40 if female else 0)
    return f"631107{day:02d}{rng.randint(1, 12):02d}{rng.randint(55, 99):02d}{rng.randint(1, 999):04d}"


def _rtlh(rng: random.Random, desa: str, received: date, enumerator: bool) -> SubmissionInput:
    female = rng.random() < 0.4
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    occupants = rng.randint(2, 8)

    def cond() -> str:
        return str(rng.choices(CONDITIONS, weights=[1, 2, 3, 3])[0])

    toilet = rng.choice(["Jamban sendiri dengan septic tank", "Jamban sendiri tanpa septic tank",
                         "Jamban bersama/umum", "Tidak ada jamban"])
    return SubmissionInput(
        kind="usulan", category="rtlh", received_on=received,
        channel="enumerator" if enumerator else "datang_langsung",
        reporter_name=name, subject=f"Usulan bedah rumah {name}", desa_code=desa,
        description="Rumah panggung kayu; perlu perbaikan menyeluruh menurut survei enumerator.",
        rt=str(rng.randint(1, 8)), rw=str(rng.randint(1, 3)),
        reporter_phone=f"{AGREED_PHONE}{rng.randint(10_000_000, 99_999_999)}",
        details={
            "household_head": name, "nik": _nik(rng, female),
            "kk_number": f"631107{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}"
                         f"{rng.randint(5, 20):02d}{rng.randint(1, 999):04d}",
            "monthly_income": rng.choice([600_000, 800_000, 1_000_000, 1_250_000, 1_500_000,
                                          2_000_000, 2_750_000, 3_800_000]),
            "occupants": occupants, "floor_area": rng.choice([18, 24, 28, 30, 36, 42, 48, 54]),
            "land_owned": rng.random() > 0.1, "house_owned": True, "only_house": True,
            "last_aid_year": rng.choice([None, None, None, None, 2012, 2019]),
            "structure_condition": cond(), "roof_condition": cond(), "wall_condition": cond(),
            "floor_condition": cond(), "roof_material": rng.choice(MATERIALS["roof"]),
            "wall_material": rng.choice(MATERIALS["wall"]),
            "floor_material": rng.choice(MATERIALS["floor"]), "toilet": toilet,
            "septic_tank": toilet == "Jamban sendiri dengan septic tank",
            "water_source": rng.choice(["PDAM/perpipaan", "Sumur bor/pompa",
                                        "Sumur gali tidak terlindungi", "Air sungai/hujan"]),
            "electricity": rng.choice(["PLN meteran sendiri", "PLN menumpang"]),
            "ventilation_ok": rng.random() > 0.5, "lighting_ok": rng.random() > 0.4,
        },
    )


def _jalan(rng: random.Random, desa: str, received: date, kind: str) -> SubmissionInput:
    road = f"{rng.choice(ROADS)} RT {rng.randint(1, 8):02d}"
    length = rng.choice([150, 250, 400, 600, 850, 1200])
    return SubmissionInput(
        kind=kind, category="jalan", received_on=received, channel="surat",
        reporter_name=f"Kepala Desa {office_name(desa)}",
        subject=f"Peningkatan {road}", desa_code=desa,
        description="Jalan becek dan berlubang saat hujan; akses anak sekolah dan hasil kebun.",
        rt=str(rng.randint(1, 8)),
        details={"road_name": road, "length_m": length, "width_m": rng.choice([2, 2.5, 3, 4]),
                 "surface": rng.choice(["Tanah", "Kerikil", "Aspal"]),
                 "damage_level": rng.choice(["Rusak ringan", "Rusak sedang", "Rusak berat"]),
                 "households_served": rng.randint(15, 160),
                 "facilities_count": rng.randint(0, 5),
                 "facilities": "Sekolah dasar, masjid, posyandu",
                 "estimated_cost": length * rng.choice([450_000, 650_000, 900_000])},
    )


def _drainase(rng: random.Random, desa: str, received: date, kind: str) -> SubmissionInput:
    name = f"Saluran {rng.choice(ROADS)}"
    length = rng.choice([80, 120, 200, 350, 500])
    return SubmissionInput(
        kind=kind, category="drainase", received_on=received,
        channel=rng.choice(["whatsapp", "datang_langsung", "telepon"]),
        reporter_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}", subject=f"Genangan di {name}",
        desa_code=desa, description="Air menggenang setelah hujan deras dan masuk ke rumah warga.",
        rt=str(rng.randint(1, 8)),
        reporter_phone=f"{AGREED_PHONE}{rng.randint(10_000_000, 99_999_999)}",
        details={"road_name": name, "length_m": length, "cross_section": "0,6 × 0,8 m",
                 "drain_type": rng.choice(["Saluran tanah", "Pasangan batu"]),
                 "damage_level": rng.choice(["Rusak sedang", "Rusak berat"]),
                 "flood_depth_cm": rng.choice([10, 20, 30, 50, 70]),
                 "flood_duration_hours": rng.choice([2, 6, 12, 24, 48]),
                 "flood_frequency": rng.choice(["Kadang (2-5 kali/tahun)",
                                                "Sering (6-12 kali/tahun)",
                                                "Sangat sering (> 12 kali/tahun)"]),
                 "households_affected": rng.randint(8, 90),
                 "estimated_cost": length * rng.choice([700_000, 1_100_000])},
    )


_NAMES: dict[str, str] = {}


def office_name(code: str) -> str:
    return _NAMES.get(code, "")


def fill(app: AppContext, admin: Actor) -> None:
    rng = random.Random(2026)
    desa = regions.list_desa(app)
    _NAMES.update({d.code: d.name for d in desa})
    codes = sorted(d.code for d in desa)  # by code: the demo stays the same
    today = clock.today()
    made: list[tuple[int, str]] = []
    for i in range(64):
        received = today - timedelta(days=rng.randint(1, 150))
        code = codes[i % len(codes)]
        bucket = i % 4
        if bucket in (0, 1):
            data = _rtlh(rng, code, received, enumerator=bucket == 0)
        elif bucket == 2:
            data = _jalan(rng, code, received, rng.choice(["usulan", "laporan"]))
        else:
            data = _drainase(rng, code, received, rng.choice(["aduan", "laporan"]))
        saved = records.create_submission(app, admin, data)
        made.append((saved.id, data.category))
    units = office.list_units(app)
    per_category: dict[str, int] = {}
    for sid, category in made:
        n = per_category.get(category, 0)
        per_category[category] = n + 1
        if n < (18 if category == "rtlh" else 11):
            workflow.verify(app, admin, sid, "Data sesuai kondisi lapangan; foto terlampir.")
        elif n % 5 == 0:
            workflow.change_status(app, admin, sid, Status.DIKEMBALIKAN,
                                 "Foto rumah belum ada; mohon dilengkapi enumerator.")
        elif n % 7 == 0 and units:
            workflow.dispose(app, admin, sid, units[1].id, "Mohon ditinjau dan dilaporkan.")
        elif n % 11 == 0:
            workflow.change_status(app, admin, sid, Status.DITOLAK,
                                 "Lokasi di luar kewenangan kabupaten.")
    # Admin-defined categories (common data only, like "Lainnya"); one no longer offered.
    for label in ("Penerangan jalan umum", "Air bersih", "Rumah ibadah"):
        code = categories.save_category(app, admin, None, label)
    categories.save_category(app, admin, code, "Rumah ibadah", active=False)
