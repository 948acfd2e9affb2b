"""Inputs and office workbooks shared by the KULA RAKAT tests."""

from __future__ import annotations

from datetime import date

from openpyxl import Workbook

from desktop_app.intake.domain.validation import SubmissionInput

INAN = "63.11.07.2003"
PJU = "Penerangan jalan umum"


def rtlh_input(**overrides) -> SubmissionInput:
    details = {
        "household_head": "Abdul Hamid", "nik": "6311071203800001",
        "kk_number": "6311070101150003", "monthly_income": "Rp 1.200.000", "occupants": "6",
        "floor_area": "36", "land_owned": "Ya", "house_owned": True, "only_house": True,
        "structure_condition": "Rusak berat", "roof_condition": "Rusak sedang",
        "wall_condition": "Rusak ringan", "floor_condition": "Layak",
        "toilet": "Tidak ada jamban", "septic_tank": False,
        "water_source": "Sumur gali tidak terlindungi", "ventilation_ok": False,
        "lighting_ok": True,
    }
    details.update(overrides.pop("details", {}))
    base = dict(kind="usulan", category="rtlh", received_on=date(2026, 11, 2),
                channel="enumerator", reporter_name="Yusuf Hidayat",
                subject="Usulan bedah rumah Abdul Hamid", desa_code=INAN, rt="2", rw="1",
                details=details)
    base.update(overrides)
    return SubmissionInput(**base)


def aduan_input(**overrides) -> SubmissionInput:
    base = dict(kind="aduan", category="drainase", received_on=date(2026, 11, 20),
                channel="datang_langsung", reporter_name="Siti Aisyah",
                subject="Saluran tersumbat di depan sekolah", desa_code=INAN,
                reporter_phone="0812-5111-2233",
                details={"road_name": "Saluran Jl. Inan", "length_m": "120",
                         "damage_level": "Rusak berat", "households_affected": "35"})
    base.update(overrides)
    return SubmissionInput(**base)


def pju_input(category: str, **overrides) -> SubmissionInput:
    base = dict(kind="aduan", category=category, received_on=date(2026, 11, 20),
                channel="datang_langsung", reporter_name="Siti Aisyah",
                subject="Lampu jalan padam di RT 2", desa_code=INAN, rt="2",
                details={"road_name": "ignored: no survey fields"})
    base.update(overrides)
    return SubmissionInput(**base)


def office_workbook(path):
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "DAFTAR USULAN RUMAH TIDAK LAYAK HUNI DESA INAN"
    ws.merge_cells("A1:J1")
    ws["A2"] = "TAHUN ANGGARAN 2027"
    ws.append([])
    ws.append(["No", "Nama KK", "NIK", "Desa", "RT/RW", "Penghasilan", "Jml Jiwa",
               "Luas Lantai (m2)", "Kondisi", None, "Tanggal"])
    ws.merge_cells("I4:J4")
    ws.append([None, None, None, None, None, None, None, None, "Atap", "Dinding"])
    ws.append(list(range(1, 12)))
    good = [
        [1, "Abdul Hamid", "6311071203800001", "Inan", "002/001", "Rp 1.200.000", 6, "36",
         "Rusak berat", "Rusak sedang", "02/11/2026"],
        [2, "Siti Aisyah", "6311074506850002", "Desa Inan", "3", "750.000", "4", 28,
         "Rusak sedang", "Layak", "3 November 2026"],
        [3, "Rusdi", "6311070101700003", "Halubau", "1", "1,5 juta", 3, 30, "Layak", "Layak",
         "04/11/2026"],  # income not a number → rejected
        [4, "Mariani", "63110712", "Inan", "1", "900.000", 3, 30, "Layak", "Layak",
         "04/11/2026"],  # NIK too short → rejected
        [5, "Jumberi", "6311070202650004", "Kampung Antah", "1", "900.000", 3, 30, "Layak",
         "Layak", "04/11/2026"],  # unknown desa → rejected
        [6, "Hasnah", "6311074404600005", "Galumbang", "004/002", "Rp. 600.000,-", 2, 24,
         "Rusak berat", "Rusak berat", "05/11/2026"],
    ]
    for row in good:
        ws.append(row)
    ws.append(["JUMLAH", None, None, None, None, 5_850_000, 18, None, None, None, None])
    wb.save(path)


def custom_workbook(path, label: str) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["No", "Jenis", "Kategori", "Nama Pelapor", "Perihal", "Desa", "RT", "Tanggal"])
    ws.append([1, "Aduan", label, "Siti Aisyah", "Lampu jalan padam", "Inan", "2",
               "20/11/2026"])
    ws.append([2, "Laporan", "air bersih", "Rusdi", "Pipa bocor", "Desa Inan", "1",
               "21/11/2026"])
    ws.append([3, "Aduan", "Taman bermain", "Mariani", "Ayunan rusak", "Inan", "1",
               "21/11/2026"])  # no such category → rejected
    wb.save(path)
