"""The words offices write for the app's choices ("RB" for rusak berat, "Numpang" for a shared
toilet, "PDAM" for piped water), and which condition columns hold materials ("Tanah" under
*kondisi lantai*). The office extends these by confirming matches at import; those are
remembered in the database and win over the ones here."""

from __future__ import annotations

from typing import Any

from desktop_app.core.domain.places import words_key
from desktop_app.intake.domain.submissions import (
    FLOOR_MATERIALS,
    ROOF_MATERIALS,
    WALL_MATERIALS,
    Channel,
    SubmissionKind,
)

value_key = words_key  # how a written value is compared


_CONDITION = {
    "rb": "Rusak berat", "r b": "Rusak berat", "rusak parah": "Rusak berat",
    "rusak total": "Rusak berat", "hancur": "Rusak berat", "roboh": "Rusak berat",
    "berat": "Rusak berat", "rs": "Rusak sedang", "r s": "Rusak sedang", "sedang": "Rusak sedang",
    "rr": "Rusak ringan", "r r": "Rusak ringan", "ringan": "Rusak ringan",
    "baik": "Layak", "bagus": "Layak", "b": "Layak", "l": "Layak", "tidak rusak": "Layak",
    "masih baik": "Layak", "kokoh": "Layak",
}
_DAMAGE = {k: ("Baik" if v == "Layak" else v) for k, v in _CONDITION.items()} | {
    "layak": "Baik"}
_TOILET = {
    "numpang": "Jamban bersama/umum", "menumpang": "Jamban bersama/umum",
    "numpang tetangga": "Jamban bersama/umum", "wc umum": "Jamban bersama/umum",
    "mck umum": "Jamban bersama/umum", "jamban umum": "Jamban bersama/umum",
    "bersama": "Jamban bersama/umum", "umum": "Jamban bersama/umum",
    "tidak ada": "Tidak ada jamban", "tdk ada": "Tidak ada jamban", "tidak punya": "Tidak ada jamban",
    "belum ada": "Tidak ada jamban", "sungai": "Tidak ada jamban", "ke sungai": "Tidak ada jamban",
    "jamban sungai": "Tidak ada jamban", "jamban apung": "Tidak ada jamban",
    "jamban cemplung": "Jamban sendiri tanpa septic tank", "cubluk": "Jamban sendiri tanpa septic tank",
    "septic tank": "Jamban sendiri dengan septic tank", "septik": "Jamban sendiri dengan septic tank",
    "ada septic tank": "Jamban sendiri dengan septic tank",
    "sendiri": "Jamban sendiri tanpa septic tank",
}
_WATER = {
    "pdam": "PDAM/perpipaan", "pam": "PDAM/perpipaan", "ledeng": "PDAM/perpipaan",
    "pamsimas": "PDAM/perpipaan", "perpipaan": "PDAM/perpipaan", "air pdam": "PDAM/perpipaan",
    "sungai": "Air sungai/hujan", "air sungai": "Air sungai/hujan", "hujan": "Air sungai/hujan",
    "tadah hujan": "Air sungai/hujan", "air hujan": "Air sungai/hujan",
    "sumur bor": "Sumur bor/pompa", "bor": "Sumur bor/pompa", "pompa": "Sumur bor/pompa",
    "sanyo": "Sumur bor/pompa", "sumur gali": "Sumur gali terlindungi",
    "sumur terbuka": "Sumur gali tidak terlindungi",
}
_ELECTRICITY = {
    "numpang": "PLN menumpang", "menumpang": "PLN menumpang", "nyambung": "PLN menumpang",
    "pln": "PLN meteran sendiri", "meteran sendiri": "PLN meteran sendiri",
    "token": "PLN meteran sendiri", "pln sendiri": "PLN meteran sendiri",
    "genset": "Bukan PLN", "diesel": "Bukan PLN", "tenaga surya": "Bukan PLN",
    "solar cell": "Bukan PLN", "tidak ada": "Tidak ada", "tdk ada": "Tidak ada",
    "pelita": "Tidak ada", "lampu minyak": "Tidak ada",
}
_ROOF = {
    "rumbia": "Rumbia/daun/ijuk", "daun": "Rumbia/daun/ijuk", "ijuk": "Rumbia/daun/ijuk",
    "nipah": "Rumbia/daun/ijuk", "daun rumbia": "Rumbia/daun/ijuk", "alang alang": "Rumbia/daun/ijuk",
    "seng": "Seng/metal", "seng bekas": "Seng/metal", "spandek": "Seng/metal",
    "galvalum": "Seng/metal", "genteng": "Genteng", "genting": "Genteng", "asbes": "Asbes",
    "sirap": "Sirap/kayu", "kayu": "Sirap/kayu", "cor": "Beton", "dak": "Beton",
}
_WALL = {
    "papan": "Kayu/papan", "kayu": "Kayu/papan", "papan kayu": "Kayu/papan",
    "papan lapuk": "Kayu/papan", "bambu": "Bambu", "anyaman bambu": "Anyaman bambu",
    "gedek": "Anyaman bambu", "bilik": "Anyaman bambu", "tembok": "Tembok diplester",
    "bata": "Tembok tanpa plester", "batako": "Tembok tanpa plester",
    "bata merah": "Tembok tanpa plester", "semi permanen": "Tembok tanpa plester",
}
_FLOOR = {
    "tanah": "Tanah", "lantai tanah": "Tanah", "papan": "Kayu/papan", "kayu": "Kayu/papan",
    "papan lapuk": "Kayu/papan", "semen": "Semen/bata", "plester": "Semen/bata",
    "cor": "Semen/bata", "bata": "Semen/bata", "keramik": "Keramik/ubin/tegel",
    "ubin": "Keramik/ubin/tegel", "tegel": "Keramik/ubin/tegel", "teraso": "Keramik/ubin/tegel",
    "bambu": "Bambu",
}
_BOOL = {
    "ya": True, "y": True, "ada": True, "iya": True, "sudah": True, "milik sendiri": True,
    "sendiri": True, "shm": True, "sertifikat": True, "punya": True, "v": True,
    "tidak": False, "t": False, "tdk": False, "tidak ada": False, "belum": False,
    "numpang": False, "menumpang": False, "sewa": False, "kontrak": False, "pinjam": False,
    "milik orang lain": False, "tanah desa": False, "bukan": False, "x": False,
}
_KIND = {"usul": "usulan", "lapor": "laporan", "pengaduan": "aduan", "keluhan": "aduan",
         "komplain": "aduan"}
_CHANNEL = {"wa": "whatsapp", "whatsapp": "whatsapp", "langsung": "datang_langsung",
            "datang": "datang_langsung", "telp": "telepon", "telpon": "telepon",
            "enum": "enumerator", "petugas desa": "enumerator", "kader": "enumerator",
            "surat masuk": "surat"}

SYNONYMS: dict[str, dict[str, Any]] = {
    "structure_condition": _CONDITION, "roof_condition": _CONDITION,
    "wall_condition": _CONDITION, "floor_condition": _CONDITION,
    "damage_level": _DAMAGE, "toilet": _TOILET, "water_source": _WATER,
    "electricity": _ELECTRICITY, "roof_material": _ROOF, "wall_material": _WALL,
    "floor_material": _FLOOR, "kind": _KIND, "channel": _CHANNEL,
}
BOOL_SYNONYMS = _BOOL

# A condition column that offices fill with the material ("Tanah" under kondisi lantai).
MATERIAL_OF_CONDITION = {
    "roof_condition": ("roof_material", ROOF_MATERIALS, _ROOF),
    "wall_condition": ("wall_material", WALL_MATERIALS, _WALL),
    "floor_condition": ("floor_material", FLOOR_MATERIALS, _FLOOR),
}

CHOICES_OF_CODES: dict[str, tuple[tuple[str, str], ...]] = {
    "kind": tuple((k.value, k.label) for k in SubmissionKind),
    "channel": tuple((c.value, c.label) for c in Channel),
}
