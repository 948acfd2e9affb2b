"""Priority lists in plain Python: their status, the scope ranked together, how two lists
compare, and the plain-language description of the method printed with every list."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from desktop_app.core.domain.labels import LabeledEnum
from desktop_app.ranking.domain.methods import MISSING_RULE, TIE_RULE, WEIGHT_RULE, Method


class ListStatus(LabeledEnum):
    # A draft is one user's working ranking for one category, replaced by their next run;
    # a frozen list never changes; the pimpinan approves a frozen list.
    DRAFT = "draft", "Draf (belum dibekukan)"
    FROZEN = "frozen", "Dibekukan"
    APPROVED = "approved", "Disetujui pimpinan"


class RecapLevel(LabeledEnum):
    DESA = "desa", "Per desa/kelurahan"
    RT = "rt", "Per RT/RW"
    KECAMATAN = "kecamatan", "Per kecamatan"

    @property
    def heading(self) -> str:
        """The first column's header in a recap table."""
        return {RecapLevel.DESA: "Desa/Kelurahan", RecapLevel.RT: "Desa/Kelurahan, RT/RW",
                RecapLevel.KECAMATAN: "Kecamatan"}[self]


# The heading of a printed or exported list, per submission category.
LIST_TITLES = {
    "rtlh": "DAFTAR PRIORITAS PENANGANAN RUMAH TIDAK LAYAK HUNI (RTLH)",
    "jalan": "DAFTAR PRIORITAS PENANGANAN JALAN LINGKUNGAN",
    "drainase": "DAFTAR PRIORITAS PENANGANAN DRAINASE",
}

# Who is ranked (docs/ranking.md "Who is ranked"): printed with every list.
ELIGIBILITY_TEXT = (
    "Dinilai: usulan yang sudah diverifikasi lapangan, yaitu berstatus diverifikasi atau "
    "ditindaklanjuti (didisposisikan) setelah diverifikasi; yang tidak memenuhi syarat "
    "dicantumkan terpisah beserta alasannya."
)


@dataclass(frozen=True)
class RankScope:
    """Which verified submissions are ranked together."""

    year: int | None = None
    kecamatan_code: str = ""
    desa_code: str = ""

    def describe(self, names: Mapping[str, str] | None = None) -> str:
        names = names or {}
        parts = [f"tahun {self.year}" if self.year else "semua tahun"]
        if self.desa_code:
            parts.append(names.get(self.desa_code, self.desa_code))
        elif self.kecamatan_code:
            parts.append("Kec. " + names.get(self.kecamatan_code, self.kecamatan_code))
        return ", ".join(parts)

    def as_dict(self) -> dict[str, object]:
        return {"year": self.year, "kecamatan_code": self.kecamatan_code,
                "desa_code": self.desa_code}


@dataclass(frozen=True)
class Movement:
    """One submission between list A (earlier) and list B."""

    submission_id: int
    number: str
    name: str
    rank_a: int | None
    rank_b: int | None
    in_a: bool = True
    in_b: bool = True

    @property
    def change(self) -> int | None:
        """Positive: moved up (a smaller rank number in B)."""
        if self.rank_a is None or self.rank_b is None:
            return None
        return self.rank_a - self.rank_b

    @property
    def label(self) -> str:
        if not self.in_a:
            return "Baru masuk"
        if not self.in_b:
            return "Keluar dari daftar"
        if self.rank_a is None and self.rank_b is None:
            return "Tetap tidak memenuhi syarat"
        if self.rank_a is None:
            return "Kini memenuhi syarat"
        if self.rank_b is None:
            return "Kini tidak memenuhi syarat"
        if self.change == 0:
            return "Tetap"
        return f"Naik {self.change}" if (self.change or 0) > 0 else f"Turun {-(self.change or 0)}"


def movements(a: Mapping[int, tuple[int | None, str, str]],
              b: Mapping[int, tuple[int | None, str, str]]) -> list[Movement]:
    """Every submission of either list, by (rank, number, name) per list; B's rank order first."""
    out = []
    for sid in set(a) | set(b):
        ra = a.get(sid, (None, "", ""))
        rb = b.get(sid, (None, "", ""))
        out.append(Movement(sid, rb[1] or ra[1], rb[2] or ra[2], ra[0], rb[0], sid in a,
                            sid in b))
    big = 10 ** 12
    return sorted(out, key=lambda m: (m.rank_b if m.rank_b is not None else big,
                                      m.rank_a if m.rank_a is not None else big))


def method_text(method: str) -> list[str]:
    """Plain-language description of the method printed with every list and workbook."""
    if Method(method) is Method.SAW:
        lines = [
            "Metode: Simple Additive Weighting (SAW).",
            "Normalisasi kriteria benefit: nilai ÷ nilai terbesar; kriteria cost: nilai "
            "terkecil ÷ nilai (nilai cost 0 dihitung 1).",
            "Skor = jumlah (bobot × nilai normal) seluruh kriteria; skor terbesar = prioritas 1.",
        ]
    else:
        lines = [
            "Metode: TOPSIS.",
            "Normalisasi: nilai ÷ akar jumlah kuadrat nilai kriteria; dikali bobot.",
            "Skor = D- ÷ (D+ + D-); D+, D- = jarak ke ideal positif (benefit terbesar, cost "
            "terkecil) dan negatif.",
        ]
    return lines + [WEIGHT_RULE + "; nilai pilihan diganti skornya.",
                    MISSING_RULE, TIE_RULE, ELIGIBILITY_TEXT]
