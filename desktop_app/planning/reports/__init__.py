"""REMBUK REMAS printouts (rows in, PDF stories out): the berita acara of a tier's
Musrenbang with Lampiran I (daftar hadir) and II (daftar usulan prioritas), the screening
recap, and the letters that tell each desa the fate of its usulan."""
