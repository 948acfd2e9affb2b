"""What a refused stale save of a REMBUK REMAS record calls its fields (core.services.versions
names who changed which of them, from the audit trail). The forms send the version they
loaded; ``None`` (an import, the command line) saves over whatever is stored."""

from __future__ import annotations

from sqlalchemy.orm import Session

from desktop_app.core.services import regions, versions
from desktop_app.planning.models import PlanningCeiling

YEAR_LABELS = {"theme": "Tema RKPD", "note": "Catatan"}
PRIORITY_LABELS = {"code": "Kode prioritas", "kind": "Sumber", "title": "Uraian prioritas",
                   "target": "Sasaran", "position": "Urutan"}
MACRO_LABELS = {"code": "Kode masalah", "title": "Permasalahan", "description": "Uraian",
                "position": "Urutan", "indicators": "Indikator"}
CEILING_LABELS = {"amount": "Pagu indikatif", "note": "Keterangan"}
CATALOGUE_LABELS = {
    "code": "Kode", "work": "Pekerjaan", "unit": "Satuan", "unit_price": "Harga satuan",
    "agency": "SKPD", "physical": "Usulan fisik", "authority": "Kewenangan",
    "sub_activity_code": "Kode sub kegiatan", "sub_activity_name": "Nama sub kegiatan",
    "output": "Keluaran", "active": "Aktif"}
REMBUK_LABELS = {
    "status": "Status", "ba_number": "Nomor berita acara", "delegates": "Delegasi",
    "ranked_at": "Peringkat", "ranked_with_json": "Kriteria peringkat", "method": "Metode",
    "ceiling": "Pagu", "finalized_at": "Penetapan", "finalized_by_name": "Penetapan",
    "forwarded_at": "Penerusan", "forwarded_by_name": "Penerusan", "reason": "Alasan",
    "moved": "Penerusan", "acknowledger_name": "Mengetahui: nama",
    "acknowledger_position": "Mengetahui: jabatan", "acknowledger_nip": "Mengetahui: NIP"}
CRITERIA_LABELS = {"name": "Nama himpunan kriteria", "criteria": "Kriteria", "kind": "Kriteria"}
PROPOSAL_LABELS = {
    "year": "Tahun rencana", "desa_code": "Desa/kelurahan", "rt": "RT", "rw": "RW",
    "address": "Alamat", "latitude": "Titik lokasi", "longitude": "Titik lokasi",
    "problem": "Permasalahan", "work": "Usulan kegiatan", "proposer_name": "Pengusul",
    "proposer_level": "Kedudukan pengusul", "proposer_contact": "Kontak pengusul",
    "catalogue_id": "Entri kamus", "unit": "Satuan", "volume": "Volume",
    "unit_price": "Harga satuan", "cost": "Perkiraan biaya", "agency": "SKPD tujuan",
    "sub_activity_code": "Sub kegiatan", "sub_activity_name": "Sub kegiatan",
    "affair_code": "Sub kegiatan", "program_code": "Sub kegiatan",
    "activity_code": "Sub kegiatan", "physical": "Usulan fisik", "authority": "Kewenangan",
    "land_status": "Status lahan", "land_note": "Keterangan lahan", "coverage": "Cakupan",
    "beneficiaries": "Penerima manfaat", "priority_id": "Prioritas",
    "macro_problem_id": "Permasalahan makro", "note": "Catatan", "returned": "Perbaikan",
    "kecamatan_code": "Desa/kelurahan", "level": "Tingkat", "realisation": "Tahap realisasi",
    "on_date": "Tanggal realisasi", "progress": "Kemajuan", "amount": "Nilai anggaran"}
SCREENING_LABELS = {
    "verdict": "Putusan", "reasons": "Alasan", "note": "Catatan", "priority_id": "Prioritas",
    "aligned": "Uji penyaringan", "within_ceiling": "Uji penyaringan",
    "direct_impact": "Uji penyaringan", "core_problem": "Uji penyaringan",
    "authority_ok": "Uji penyaringan", "land_ok": "Uji penyaringan",
    "redirect_target": "Dialihkan ke", "redirect_detail": "Dialihkan ke",
    "recommendation": "Rekomendasi", "volume": "Volume", "unit_price": "Harga satuan",
    "cost": "Biaya", "scores_json": "Nilai kriteria", "score": "Peringkat", "rank": "Peringkat",
    "priority_tier": "UTAMA/CADANGAN", "tier_manual": "UTAMA/CADANGAN",
    "decided_at": "Putusan", "decided_by_name": "Putusan"}


def check_ceiling(session: Session, row: PlanningCeiling | None, year: int, region_code: str,
                  version: int | None) -> None:
    """As a holiday (intake.services.calendar): ``version`` is the pagu's version the page
    showed, 0 when none was set; one set, changed or removed meanwhile on another desk is
    refused."""
    name = regions.names(session).get(region_code, region_code)
    versions.check_keyed(session, row, version, entity="planning_ceiling",
                         key=f"{year}:{region_code}", what=f"Pagu indikatif {name} tahun {year}",
                         labels=CEILING_LABELS)
