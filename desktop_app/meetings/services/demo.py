"""Demo RUKO PARSEL records: coordination meetings with the desa of Paringin Selatan, their
attendance, problems, agreements and follow-up actions (some done, some overdue, some open),
one notulen finalised with an addendum."""

from __future__ import annotations

import random
from datetime import time, timedelta
from typing import Any

from desktop_app.core.domain import clock
from desktop_app.core.services.context import Actor, AppContext
from desktop_app.meetings.services import actions, attendance, minutes, problems
from desktop_app.meetings.services.dto import (
    ActionInput,
    AgendaInput,
    AttendeeInput,
    InviteeInput,
    MeetingInput,
    ProblemInput,
)

DESA = {
    "63.11.07.1001": "Batu Piring", "63.11.07.2002": "Baruh Bahinu Luar",
    "63.11.07.2003": "Inan", "63.11.07.2004": "Baruh Bahinu Dalam",
    "63.11.07.2005": "Panggung", "63.11.07.2006": "Galumbang", "63.11.07.2007": "Halubau",
    "63.11.07.2008": "Binjai", "63.11.07.2009": "Murung Abuin", "63.11.07.2010": "Bungin",
    "63.11.07.2011": "Maradap", "63.11.07.2012": "Halubau Utara",
    "63.11.07.2013": "Murung Jambu", "63.11.07.2014": "Telaga Purun",
    "63.11.07.2015": "Lingsir", "63.11.07.2016": "Tarangan",
}
PEOPLE = ["Ahmad Rifani", "Siti Nurhaliza", "Muhammad Yamani", "Nor Aida", "Rusdiansyah",
          "Hj. Jamilah", "Fahriannor", "Rahmadani", "Zainuddin", "Aluh Masitah", "Basuni",
          "Halimatus Sa'diah", "Irwansyah", "Junaidi", "Rabiatul Adawiyah", "Samsul Bahri",
          "Fitriani", "M. Arsyad", "Salmiah", "Hairul Anwar"]
POSITIONS = ["Kepala Desa", "Sekretaris Desa", "Kaur Keuangan", "Ketua BPD", "Operator Desa",
             "Ketua TP PKK", "Kasi Pemerintahan Desa", "Pendamping Desa"]
CHAIR: dict[str, Any] = dict(chair_name="MEGAWATI, S.Pd, M.Pd", chair_position="Camat Paringin Selatan",
             chair_nip="197503122000032004")
TAKER: dict[str, Any] = dict(minute_taker_name="Muhammad Syahrani, S.T", minute_taker_position="Kasi Pemerintahan")


def _attendees(rng: random.Random, desa_codes: list[str], n_per_desa: int) -> list[AttendeeInput]:
    people = []
    for code in desa_codes:
        for pos in rng.sample(POSITIONS, n_per_desa):
            name = rng.choice(PEOPLE)
            people.append(AttendeeInput(
                name=name, position=pos, institution=f"Desa {DESA[code]}"
                if not code.endswith("1001") else f"Kelurahan {DESA[code]}",
                desa_code=code, phone=f"0813{rng.randint(10_000_000, 99_999_999)}",
                gender="P" if name.startswith(("Siti", "Nor", "Hj.", "Aluh", "Halimatus",
                                               "Rabiatul", "Fitriani", "Salmiah", "Rahmadani"))
                else "L", present=rng.random() > 0.1))
    people.append(AttendeeInput("Nor Hasanah, S.E", "Kasi PMD", "Kecamatan Paringin Selatan",
                                gender="P"))
    return people


MEETINGS: list[tuple[Any, ...]] = [
    # (days ago, kind, title, desa, problems[(topic, desc, answer, status[, desa index])],
    #  agreements,
    #  actions[(what, owner_kind, owner, desa index or None, due offset days, final status)])
    (110, "rakor", "Rapat koordinasi pemerintahan desa se-Kecamatan Paringin Selatan",
     ["63.11.07.2003", "63.11.07.2007", "63.11.07.2010"],
     [("administrasi", "Laporan realisasi APBDes semester I beberapa desa belum diserahkan; "
       "operator desa belum memahami aplikasi SISKEUDES versi terbaru.",
       "Kecamatan memfasilitasi bimbingan teknis SISKEUDES bersama Dinas PMD.", "dijawab"),
      ("pelayanan_it", "Jaringan internet kantor Desa Halubau sering terputus sehingga "
       "pelayanan surat keterangan terhambat.",
       "Diusulkan ke Diskominfo untuk pemasangan titik akses; sementara pelayanan dibantu "
       "dari kantor kecamatan.", "ditindaklanjuti", 1)],
     ["Desa menyerahkan laporan realisasi APBDes semester I paling lambat akhir bulan.",
      "Kecamatan bersama Dinas PMD menyelenggarakan bimtek SISKEUDES bagi operator desa.",
      "Desa Halubau menyampaikan surat permohonan jaringan internet kepada Diskominfo."],
     [("Bimbingan teknis SISKEUDES bagi operator desa", "unit",
       "Seksi Pemberdayaan Masyarakat dan Desa", None, -80, "done_on_time"),
      ("Penyerahan laporan realisasi APBDes semester I", "desa", "Desa Inan", 0, -85,
       "done_late"),
      ("Surat permohonan jaringan internet ke Diskominfo", "desa", "Desa Halubau", 1, -60,
       "open")]),
    (95, "kunjungan", "Kunjungan koordinasi Desa Inan", ["63.11.07.2003"],
     [("stunting", "Angka balita stunting di Desa Inan naik; kunjungan ke posyandu menurun.",
       "Kecamatan berkoordinasi dengan Puskesmas untuk kelas ibu balita.", "ditindaklanjuti")],
     ["Posyandu Desa Inan dijadwalkan ulang setiap minggu kedua.",
      "Desa mengalokasikan dana PMT balita dalam perubahan APBDes."],
     [("Jadwal kelas ibu balita bersama Puskesmas", "agency", "Puskesmas Paringin Selatan", 0,
       -50, "done_on_time"),
      ("Alokasi dana PMT balita pada perubahan APBDes", "desa", "Desa Inan", 0, -20, "open")]),
    (80, "pokja", "Rapat Pokja PKP: verifikasi usulan RTLH dan jalan lingkungan",
     ["63.11.07.2005", "63.11.07.2006"],
     [("data_desa", "Data RTLH Desa Panggung belum dilengkapi foto dan koordinat.",
       "Enumerator desa melengkapi data melalui KULA RAKAT.", "dijawab")],
     ["Usulan RTLH yang belum lengkap dikembalikan ke desa untuk dilengkapi.",
      "Verifikasi lapangan bersama Dinas PUPRPERKIM dilaksanakan bulan depan."],
     [("Melengkapi foto dan koordinat usulan RTLH", "desa", "Desa Panggung", 0, -40, "open"),
      ("Verifikasi lapangan usulan jalan lingkungan", "agency", "Dinas PUPRPERKIM", 1, 30,
       "in_progress")]),
    (60, "rembuk", "Rembuk pra-Musrenbang kecamatan (REMBUK REMAS)",
     ["63.11.07.2008", "63.11.07.2009", "63.11.07.2011"],
     [("pemberdayaan", "Program lembaga desa masih normatif, belum menjawab kebutuhan warga.",
       "Usulan disusun berdasarkan hasil musyawarah dusun dan data KULA RAKAT.", "dijawab"),
      ("lembaga", "LPM Desa Binjai belum aktif sejak pergantian pengurus.",
       "Kecamatan memfasilitasi musyawarah pembentukan pengurus baru.", "terbuka")],
     ["Setiap desa menyampaikan paling banyak lima usulan prioritas.",
      "Usulan dilengkapi data pendukung dari KULA RAKAT."],
     [("Musyawarah pembentukan pengurus LPM Desa Binjai", "desa", "Desa Binjai", 0, -10,
       "open"),
      ("Rekap usulan prioritas desa", "unit", "Seksi Pemerintahan", None, -30,
       "done_on_time")]),
    (40, "sosialisasi", "Sosialisasi kesiapsiagaan bencana banjir dan kebakaran lahan",
     ["63.11.07.2014", "63.11.07.2015", "63.11.07.2016"],
     [("bencana", "Desa belum memiliki pedoman tanggap darurat dan sistem peringatan dini.",
       "BPBD memberikan contoh pedoman dan pelatihan relawan desa.", "ditindaklanjuti")],
     ["Setiap desa membentuk tim relawan siaga bencana.",
      "BPBD melatih relawan desa sebelum musim hujan."],
     [("Pembentukan tim relawan siaga bencana", "desa", "Desa Telaga Purun", 0, 20, "open"),
      ("Pelatihan relawan desa", "agency", "BPBD Kabupaten Balangan", None, 35, "open")]),
    (25, "kunjungan", "Kunjungan koordinasi Desa Halubau", ["63.11.07.2007"],
     [("bpd", "BPD jarang melaksanakan musyawarah desa untuk menyerap aspirasi warga.",
       "Kecamatan memberikan pembinaan tata tertib BPD.", "dijawab"),
      ("sarpras", "Komputer kantor desa rusak; pelayanan administrasi terganggu.",
       "Desa menganggarkan pengadaan pada APBDes perubahan.", "terbuka")],
     ["BPD melaksanakan musyawarah desa sekurang-kurangnya tiga bulan sekali."],
     [("Pembinaan tata tertib BPD Desa Halubau", "unit", "Seksi Pemerintahan", 0, -3,
       "open")]),
    (12, "rakor", "Rapat koordinasi pelayanan publik dan kemampuan IT aparatur desa",
     ["63.11.07.1001", "63.11.07.2002", "63.11.07.2004"],
     [("pelayanan_it", "Aparatur desa belum mampu mengoperasikan aplikasi pelayanan daring.",
       "Pelatihan berkala di Ruko Parsel setiap Kamis.", "dijawab")],
     ["Pelatihan aplikasi pelayanan daring diadakan setiap Kamis di Ruko Parsel."],
     [("Pelatihan aplikasi pelayanan daring gelombang I", "unit", "Seksi Pelayanan Umum", None,
       14, "in_progress")]),
    (-7, "rakor", "Rapat koordinasi evaluasi tindak lanjut RUKO PARSEL triwulan IV",
     ["63.11.07.2003", "63.11.07.2007"], [], [], []),
]


def fill(app: AppContext, admin: Actor) -> None:
    rng = random.Random(20261123)
    today = clock.today()
    ids: list[int] = []
    for days_ago, kind, title, desa, raised, agreements, agreed in MEETINGS:
        held = today - timedelta(days=days_ago)
        mid = minutes.create_meeting(app, admin, MeetingInput(
            kind=kind, title=title, held_on=held, start_time=time(9, 0), end_time=time(12, 0),
            desa_codes=desa,
            letter_number=minutes.suggest_letter_number(app, 100 + len(ids), held),
            letter_date=held - timedelta(days=5),
            discussion="Rapat dibuka oleh Camat Paringin Selatan dengan menyampaikan maksud dan "
                       "tujuan rapat, dilanjutkan paparan permasalahan dari desa.",
            **CHAIR, **TAKER))
        ids.append(mid)
        minutes.save_invitees(app, admin, mid, [
            InviteeInput(("Lurah " if c.endswith("1001") else "Kepala Desa ") + DESA[c],
                         "desa", desa_code=c) for c in desa] + [
            InviteeInput("Kasi Pemberdayaan Masyarakat dan Desa", "unit")])
        minutes.save_agenda(app, admin, mid, [
            AgendaInput("Pembukaan oleh Camat Paringin Selatan"),
            AgendaInput("Paparan permasalahan desa",
                        "Masing-masing desa menyampaikan permasalahan yang dihadapi; kecamatan "
                        "memberikan tanggapan dan arahan." if raised else ""),
            AgendaInput("Diskusi dan kesepakatan tindak lanjut"),
            AgendaInput("Penutup")])
        if days_ago < 0:
            continue  # a meeting being prepared: invitation only
        for person in _attendees(rng, desa, 3 if len(desa) > 1 else 4):
            attendance.add_attendee(app, admin, mid, person)
        for topic, text, answer, status, *where in raised:
            where_code = desa[where[0]] if where else desa[0]
            problems.add_problem(app, admin, mid, ProblemInput(topic, text, where_code, answer,
                                                               status))
        minutes.save_agreements(app, admin, mid, agreements)
        for what, owner_kind, owner, desa_idx, due_offset, outcome in agreed:
            due = held + timedelta(days=days_ago + due_offset) if due_offset else None
            action_id = actions.add_action(app, admin, mid, ActionInput(
                what, owner, owner_kind, desa[desa_idx] if desa_idx is not None else None,
                due))
            if outcome == "done_on_time":
                actions.record_action_update(app, admin, action_id, "done", "Sudah dilaksanakan.",
                                             done_on=(due or held) - timedelta(days=2))
            elif outcome == "done_late":
                actions.record_action_update(app, admin, action_id, "done",
                                             "Diserahkan setelah batas waktu.",
                                             done_on=(due or held) + timedelta(days=6))
            elif outcome == "in_progress":
                actions.record_action_update(app, admin, action_id, "in_progress",
                                             "Sedang berjalan.")
    # The first meeting's notulen is final, with a later correction as an addendum.
    minutes.finalize(app, admin, ids[0])
    minutes.add_addendum(app, admin, ids[0], "Ralat kesepakatan nomor 1: batas penyerahan "
                                             "laporan realisasi APBDes diperpanjang tujuh hari.")
    minutes.finalize(app, admin, ids[1])
