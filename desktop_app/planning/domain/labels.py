"""The words of Musrenbang as labelled enums: tiers, verdicts, reasons, statuses."""

from __future__ import annotations

from desktop_app.core.domain.labels import LabeledEnum


class PlanningLevel(LabeledEnum):
    """The tier a proposal is discussed at (Musrenbang RT/RW → desa → kecamatan → kabupaten)."""

    RT_RW = "rt_rw", "RT/RW"
    DESA = "desa", "Desa/Kelurahan"
    KECAMATAN = "kecamatan", "Kecamatan"
    KABUPATEN = "kabupaten", "Kabupaten"

    @property
    def next(self) -> PlanningLevel | None:
        order = list(PlanningLevel)
        i = order.index(self)
        return order[i + 1] if i + 1 < len(order) else None

    @property
    def previous(self) -> PlanningLevel | None:
        order = list(PlanningLevel)
        i = order.index(self)
        return order[i - 1] if i > 0 else None

    @property
    def musrenbang(self) -> str:
        """'Musrenbang Kecamatan'"""
        return f"Musrenbang {self.label}"


# Tiers that hold a rembuk with a screening table (RT/RW proposals are screened by the desa).
REMBUK_LEVELS = (PlanningLevel.DESA, PlanningLevel.KECAMATAN, PlanningLevel.KABUPATEN)


class ScreeningVerdict(LabeledEnum):
    PASSED = "lolos", "Lolos"
    REVISE = "perbaikan", "Perlu perbaikan"
    REJECTED = "tidak_diakomodir", "Tidak diakomodir"
    REDIRECTED = "dialihkan", "Dialihkan"


class RejectReason(LabeledEnum):
    """Typed reasons for 'tidak diakomodir': the seed's four causes, then the standard reasons
    written into berita acara for physical proposals."""

    NOT_ALIGNED = "tidak_selaras", "Tidak selaras dengan prioritas RPJMD/RKPD, provinsi, nasional"
    OVER_CEILING = "melebihi_pagu", "Melebihi kemampuan keuangan daerah (pagu)"
    NO_IMPACT = "tidak_berdampak", "Tidak berdampak langsung pada kesejahteraan, kemiskinan, " \
                                   "pengangguran"
    NOT_CORE = "bukan_masalah_pokok", "Tidak menjawab masalah pokok desa"
    NOT_AUTHORITY = "bukan_kewenangan", "Bukan kewenangan pemerintah kabupaten"
    LAND = "lahan", "Lahan bukan milik pemerintah atau bersengketa"
    ASSET_OTHER = "aset_lain", "Aset milik instansi lain / PSU belum diserahkan"
    NO_LEGAL_ENTITY = "bukan_badan_hukum", "Penerima hibah/bansos belum berbadan hukum"
    DUPLICATE = "ganda", "Usulan ganda / sudah diusulkan"
    OTHER = "lainnya", "Lainnya"


class RedirectTarget(LabeledEnum):
    APBDES = "apbdes", "APBDes (Dana Desa/ADD)"
    OTHER_AGENCY = "skpd_lain", "SKPD lain"
    POKIR = "pokir", "Pokir DPRD"
    PROVINSI = "provinsi", "Kewenangan provinsi/pusat"


class PriorityTier(LabeledEnum):
    MAIN = "utama", "UTAMA"
    RESERVE = "cadangan", "CADANGAN"


class Authority(LabeledEnum):
    KABUPATEN = "kabupaten", "Kabupaten"
    DESA = "desa", "Desa"
    PROVINSI = "provinsi", "Provinsi"
    PUSAT = "pusat", "Pusat"


class LandStatus(LabeledEnum):
    GOVERNMENT = "pemda", "Milik pemerintah daerah"
    DESA = "desa", "Aset desa"
    GRANT = "hibah", "Hibah (ada surat pernyataan)"
    PRIVATE = "pribadi", "Milik pribadi"
    DISPUTED = "sengketa", "Bersengketa"
    UNKNOWN = "belum_jelas", "Belum jelas"
    NOT_NEEDED = "tidak_perlu", "Tidak memerlukan lahan"

    @property
    def is_clear(self) -> bool:
        return self in (LandStatus.GOVERNMENT, LandStatus.DESA, LandStatus.GRANT,
                        LandStatus.NOT_NEEDED)


class Coverage(LabeledEnum):
    """Who a proposal serves; scored desa 5, dusun 4, RW 3, RT 2, group 1."""

    GROUP = "kelompok", "Kelompok"
    RT = "rt", "RT"
    RW = "rw", "RW"
    DUSUN = "dusun", "Dusun"
    DESA = "desa", "Desa"

    @property
    def score(self) -> int:
        return list(Coverage).index(self) + 1


class ProposerLevel(LabeledEnum):
    RT = "rt", "Ketua RT"
    RW = "rw", "Ketua RW"
    DUSUN = "dusun", "Kepala Dusun"
    DESA = "desa", "Pemerintah Desa"
    BPD = "bpd", "BPD"
    LEMBAGA = "lembaga", "Lembaga kemasyarakatan (PKK, LPM, Karang Taruna)"
    KELOMPOK = "kelompok", "Kelompok masyarakat"
    WARGA = "warga", "Warga"


class ProposalSource(LabeledEnum):
    FORM = "form", "Formulir"
    WORKBOOK = "excel", "Impor Excel desa"
    SIPD = "sipd", "Impor berkas SIPD"
    KULA_RAKAT = "kula_rakat", "Daftar prioritas KULA RAKAT"
    MEETING = "rapat", "Masalah rapat RUKO PARSEL"


class RembukStatus(LabeledEnum):
    OPEN = "berjalan", "Penyaringan berjalan"
    FINAL = "final", "Hasil ditetapkan"
    FORWARDED = "diteruskan", "Diteruskan"


class Realisation(LabeledEnum):
    """Accountability after the RKPD and APBD, in order; NOT_FUNDED ends it too."""

    NONE = "belum", "Belum ditetapkan"
    RKPD = "rkpd", "Masuk RKPD"
    APBD = "apbd", "Masuk APBD"
    ONGOING = "berjalan", "Sedang dikerjakan"
    DONE = "selesai", "Selesai"
    NOT_FUNDED = "tidak_didanai", "Tidak didanai"

    @property
    def accommodated(self) -> bool:
        return self in (Realisation.RKPD, Realisation.APBD, Realisation.ONGOING,
                        Realisation.DONE)


class PriorityKind(LabeledEnum):
    """Where a development priority comes from."""

    RPJMD = "rpjmd", "RPJMD"
    RKPD = "rkpd", "RKPD"
    PROVINSI = "provinsi", "Prioritas provinsi"
    NASIONAL = "nasional", "Prioritas nasional"


class VerdictLabels:
    """The Putusan and Prioritas texts of a row that has ``verdict``, ``returned`` and
    ``priority_tier`` (the usulan list and the screening table show them alike)."""

    verdict: str | None
    returned: bool
    priority_tier: str | None

    @property
    def verdict_label(self) -> str:
        if self.returned:
            return "Dikembalikan (perbaikan)"
        return ScreeningVerdict.label_of(self.verdict, "Belum dibahas")

    @property
    def tier_label(self) -> str:
        return PriorityTier.label_of(self.priority_tier, "") if self.priority_tier else ""
