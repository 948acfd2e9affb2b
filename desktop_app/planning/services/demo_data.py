"""The demo planning year: Kabupaten Balangan's RKPD priorities, its five macro problems with
indicators, pagu indikatif per kecamatan, and the desa proposals of Paringin Selatan.

Figures are realistic for the demo, not official statistics."""

from __future__ import annotations

THEME = ("Penguatan ekonomi kerakyatan dan infrastruktur dasar untuk menurunkan kemiskinan, "
         "pengangguran dan stunting")

PRIORITIES = [
    ("P1", "rpjmd", "Peningkatan infrastruktur jalan, jembatan dan drainase yang mantap",
     "Jalan kabupaten kondisi mantap 78% (2027)"),
    ("P2", "rkpd", "Penurunan kemiskinan dan peningkatan perlindungan sosial",
     "Persentase penduduk miskin 4,9% (2027)"),
    ("P3", "rkpd", "Penurunan stunting dan peningkatan layanan kesehatan dasar",
     "Prevalensi stunting 14% (2027)"),
    ("P4", "rpjmd", "Perluasan kesempatan kerja dan penguatan UMKM",
     "Tingkat pengangguran terbuka 3,2% (2027)"),
    ("P5", "nasional", "Akses air minum layak dan sanitasi aman",
     "Rumah tangga dengan air minum layak 92% (2027)"),
    ("P6", "provinsi", "Ketahanan pangan dan peningkatan produksi pertanian",
     "Produksi padi 95.000 ton GKG (2027)"),
]

# (code, title, description, [(indicator, unit, higher_is_better, [(region, year, value,
# target)])])
MACRO_PROBLEMS = [
    ("M1", "Kemiskinan", "Penduduk miskin terkonsentrasi di desa pertanian dan perkebunan karet.",
     [("Persentase penduduk miskin", "%", False,
       [("63.11", 2024, 5.52, 4.9), ("63.11", 2025, 5.31, 4.9), ("63.11.07", 2025, 6.1, 5.0)])]),
    ("M2", "Pengangguran", "Lulusan SMA/SMK belum terserap; usaha mikro sulit berkembang.",
     [("Tingkat pengangguran terbuka", "%", False,
       [("63.11", 2024, 3.71, 3.2), ("63.11", 2025, 3.58, 3.2)])]),
    ("M3", "Stunting", "Balita stunting masih tinggi di beberapa desa; sanitasi belum aman.",
     [("Prevalensi stunting balita", "%", False,
       [("63.11", 2024, 19.8, 14.0), ("63.11", 2025, 17.2, 14.0),
        ("63.11.07", 2025, 18.5, 14.0)])]),
    ("M4", "Infrastruktur dasar", "Jalan lingkungan dan drainase rusak menghambat akses "
                                  "ekonomi dan layanan.",
     [("Jalan kabupaten kondisi mantap", "%", True,
       [("63.11", 2024, 71.4, 78.0), ("63.11", 2025, 73.9, 78.0)])]),
    ("M5", "Air minum dan sanitasi", "Sebagian rumah tangga belum memiliki akses air minum "
                                     "layak dan jamban sehat.",
     [("Rumah tangga dengan air minum layak", "%", True,
       [("63.11", 2025, 86.3, 92.0), ("63.11.07", 2025, 81.0, 92.0)]),
      ("Rumah tangga dengan sanitasi layak", "%", True,
       [("63.11", 2025, 79.5, 88.0)])]),
]

CEILINGS = {
    "63.11.01": 3_800_000_000, "63.11.02": 4_200_000_000, "63.11.03": 3_600_000_000,
    "63.11.04": 3_900_000_000, "63.11.05": 3_700_000_000, "63.11.06": 4_500_000_000,
    "63.11.07": 1_400_000_000, "63.11.08": 3_100_000_000,
}
KABUPATEN_CEILING = 28_000_000_000

# (desa, kamus code, work, problem, volume, rt, rw, proposer, coverage, land, priority, macro)
PROPOSALS = [
    ("63.11.07.2003", "JLN-01", "Rabat beton jalan lingkungan RT 03 menuju SDN Inan",
     "Jalan tanah becek saat hujan; anak sekolah dan pengangkut karet sulit lewat", 220, "3",
     "1", "Basuni (Ketua RT 03)", "rw", "hibah", "P1", "M4"),
    ("63.11.07.2003", "SAN-01", "Jamban sehat untuk 25 rumah tangga di RT 01 dan RT 02",
     "Warga masih buang air di sungai; dua balita stunting di RT 01", 25, "1", "1",
     "Siti Nurhaliza (Ketua TP PKK)", "dusun", "pribadi", "P5", "M3"),
    ("63.11.07.2003", "LAT-01", "Pelatihan montir sepeda motor bagi pemuda",
     "Pemuda lulusan SMA menganggur; bengkel terdekat di Paringin", 20, "", "",
     "Karang Taruna Inan", "desa", "tidak_perlu", "P4", "M2"),
    ("63.11.07.2003", "DES-01", "Jalan usaha tani menuju kebun karet", "Hasil kebun "
     "diangkut dengan dipikul sejauh 2 km", 800, "4", "2", "Kelompok Tani Inan Jaya",
     "kelompok", "desa", "P6", "M1"),
    ("63.11.07.2007", "DRN-01", "Drainase jalan desa Halubau sepanjang 300 m",
     "Air menggenang di badan jalan dan rumah warga saat hujan deras", 300, "2", "1",
     "Rusdiansyah (Kepala Desa)", "desa", "pemda", "P1", "M4"),
    ("63.11.07.2007", "AIR-01", "Sumur bor dan tandon air bersih RT 05",
     "Air sumur gali keruh dan kering pada kemarau", 2, "5", "2", "Hairul Anwar (Ketua RT 05)",
     "rw", "hibah", "P5", "M5"),
    ("63.11.07.2007", "GIZ-01", "Makanan tambahan bagi balita berisiko stunting",
     "Tujuh balita berisiko stunting menurut posyandu", 30, "", "", "Kader Posyandu Melati",
     "desa", "tidak_perlu", "P3", "M3"),
    ("63.11.07.2008", "JBT-01", "Jembatan beton penghubung Binjai–Murung Abuin",
     "Jembatan kayu lapuk; kendaraan roda empat tidak bisa lewat", 1, "1", "1",
     "Zainuddin (Ketua BPD)", "desa", "pemda", "P1", "M4"),
    ("63.11.07.2008", "UMK-01", "Pendampingan usaha olahan pisang kelompok perempuan",
     "Hasil kebun pisang dijual mentah dengan harga rendah", 25, "", "",
     "KWT Binjai Sejahtera", "kelompok", "tidak_perlu", "P4", "M2"),
    ("63.11.07.2010", "JLN-02", "Rehabilitasi jalan rabat beton RT 02 Bungin",
     "Rabat beton lama retak dan berlubang", 150, "2", "1", "Fahriannor (Ketua RT 02)", "rt",
     "desa", "P1", "M4"),
    ("63.11.07.2010", "RTLH-01", "Perbaikan 8 rumah tidak layak huni",
     "Rumah lansia miskin beratap bocor dan berdinding lapuk", 8, "", "", "Pemerintah Desa Bungin",
     "desa", "pribadi", "P2", "M1"),
    ("63.11.07.2010", "PJU-01", "Lampu jalan tenaga surya di jalan poros desa",
     "Jalan poros gelap malam hari; rawan kecelakaan", 12, "", "", "Pemerintah Desa Bungin",
     "desa", "pemda", "P1", "M4"),
    ("63.11.07.2014", "IRG-01", "Rehabilitasi saluran irigasi sawah Telaga Purun",
     "Saluran dangkal; sawah hanya panen sekali setahun", 400, "", "", "Gapoktan Purun Makmur",
     "desa", "desa", "P6", "M1"),
    ("63.11.07.2014", "KES-01", "Pembangunan posyandu RW 02",
     "Posyandu menumpang di rumah kader", 1, "", "2", "Ketua TP PKK Telaga Purun", "rw",
     "hibah", "P3", "M3"),
    ("63.11.07.2016", "AIR-02", "Sambungan air minum perpipaan 40 rumah",
     "Warga membeli air galon untuk minum", 40, "1", "1", "Aluh Masitah (Ketua RT 01)", "rw",
     "pemda", "P5", "M5"),
    ("63.11.07.2016", "SOS-01", "Bantuan sosial keluarga miskin rentan", "Keluarga miskin "
     "tidak terdaftar DTKS", 30, "", "", "Pemerintah Desa Tarangan", "desa", "tidak_perlu",
     "P2", "M1"),
    ("63.11.07.1001", "DRN-02", "Normalisasi saluran drainase Batu Piring", "Saluran tersumbat "
     "sedimen; banjir di permukiman", 250, "6", "3", "Lurah Batu Piring", "rw", "pemda", "P1",
     "M4"),
    ("63.11.07.2005", "JLN-01", "Rabat beton gang RT 07 Panggung", "Gang tanah licin dan "
     "berlumpur", 120, "7", "3", "Junaidi (Ketua RT 07)", "rt", "pribadi", "P1", "M4"),
]

# The kecamatan rembuk's verdicts by proposal (default: passed with urgency 4, damage 3).
# ("lolos", urgency/need, damage/impact) | ("dialihkan", target, detail, note)
# | ("perbaikan", note) | ("tidak_diakomodir", reasons, note)
VERDICTS: dict[str, tuple[object, ...]] = {
    "Rabat beton jalan lingkungan RT 03 menuju SDN Inan": ("lolos", 5, 5),
    "Jamban sehat untuk 25 rumah tangga di RT 01 dan RT 02": ("lolos", 5, 4),
    "Pelatihan montir sepeda motor bagi pemuda": ("lolos", 4, 4),
    "Jalan usaha tani menuju kebun karet": (
        "dialihkan", "apbdes", "Dana Desa Inan 2027",
        "Jalan usaha tani kewenangan desa; dianggarkan melalui APBDes."),
    "Drainase jalan desa Halubau sepanjang 300 m": ("lolos", 5, 4),
    "Sumur bor dan tandon air bersih RT 05": ("lolos", 4, 4),
    "Makanan tambahan bagi balita berisiko stunting": ("lolos", 5, 5),
    "Jembatan beton penghubung Binjai–Murung Abuin": ("lolos", 4, 5),
    "Pendampingan usaha olahan pisang kelompok perempuan": ("lolos", 3, 3),
    "Rehabilitasi jalan rabat beton RT 02 Bungin": ("lolos", 3, 3),
    "Perbaikan 8 rumah tidak layak huni": ("lolos", 4, 4),
    "Lampu jalan tenaga surya di jalan poros desa": (
        "tidak_diakomodir", ("tidak_berdampak",),
        "Belum berdampak langsung pada kemiskinan/pengangguran; diusulkan kembali tahun depan "
        "bila jalan poros sudah diaspal."),
    "Rehabilitasi saluran irigasi sawah Telaga Purun": ("lolos", 4, 3),
    "Pembangunan posyandu RW 02": (
        "perbaikan", "Lengkapi surat pernyataan hibah lahan dan gambar denah posyandu."),
    "Sambungan air minum perpipaan 40 rumah": ("lolos", 4, 3),
    "Bantuan sosial keluarga miskin rentan": (
        "dialihkan", "skpd_lain", "Dinas Sosial (pemutakhiran DTKS)",
        "Keluarga miskin didaftarkan dahulu ke DTKS melalui Dinas Sosial."),
    "Normalisasi saluran drainase Batu Piring": ("lolos", 3, 4),
    "Rabat beton gang RT 07 Panggung": (
        "tidak_diakomodir", ("lahan",),
        "Gang berada di atas tanah milik pribadi tanpa surat hibah."),
}

# (name, position, institution, gender) present at the kecamatan Musrenbang
ATTENDEES = [
    ("MEGAWATI, S.Pd, M.Pd", "Camat", "Kecamatan Paringin Selatan", "P"),
    ("Nor Hasanah, S.E", "Kasi PMD", "Kecamatan Paringin Selatan", "P"),
    ("Ir. Syahrial Anwar", "Kabid Perencanaan Infrastruktur", "Bappedalitbang", "L"),
    ("Ahmad Rifani", "Kepala Desa", "Desa Inan", "L"),
    ("Rusdiansyah", "Kepala Desa", "Desa Halubau", "L"),
    ("Zainuddin", "Ketua BPD", "Desa Binjai", "L"),
    ("Hj. Jamilah", "Ketua TP PKK", "Desa Bungin", "P"),
    ("M. Arsyad", "Kepala Desa", "Desa Telaga Purun", "L"),
    ("Salmiah", "Sekretaris Desa", "Desa Tarangan", "P"),
    ("Irwansyah", "Lurah", "Kelurahan Batu Piring", "L"),
    ("Junaidi", "Ketua RT 07", "Desa Panggung", "L"),
    ("Fitriani", "Pendamping Desa", "P3MD Kecamatan", "P"),
]

# (name, role, institution, NIP) chosen for the kabupaten Musrenbang
DELEGATES = [
    ("Ahmad Rifani", "Unsur pemerintah desa", "Desa Inan", ""),
    ("Hj. Jamilah", "Unsur perempuan", "TP PKK Desa Bungin", ""),
    ("Nor Hasanah, S.E", "Unsur kecamatan", "Kecamatan Paringin Selatan",
     "198104152009032006"),
]

# What Bappeda's kabupaten rembuk passes of the kecamatan's list, and the accountability
# recorded afterwards: (stage, progress %, amount).
KABUPATEN_PASSES = (
    "Makanan tambahan bagi balita berisiko stunting",
    "Drainase jalan desa Halubau sepanjang 300 m",
    "Jamban sehat untuk 25 rumah tangga di RT 01 dan RT 02",
    "Rabat beton jalan lingkungan RT 03 menuju SDN Inan",
)
ACCOUNTABILITY = {
    "Makanan tambahan bagi balita berisiko stunting": ("apbd", None, 18_000_000),
    "Drainase jalan desa Halubau sepanjang 300 m": ("apbd", None, 280_000_000),
    "Jamban sehat untuk 25 rumah tangga di RT 01 dan RT 02": ("apbd", None, 160_000_000),
}
