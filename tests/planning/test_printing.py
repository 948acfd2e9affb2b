"""The printouts of the demo's kecamatan rembuk: berita acara with both lampiran, the screening
recap and the desa letters, read back from the PDFs."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from desktop_app.planning.services import printing, rembuk


def _pages(path) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(str(path)).pages]


@pytest.fixture
def kecamatan(demo_app):
    app, admin = demo_app
    info = next(r for r in rembuk.list_rembuks(app, admin) if r.level == "kecamatan")
    return app, admin, info


def test_berita_acara_with_attendance_and_priority_list(kecamatan, tmp_path):
    app, admin, info = kecamatan
    pages = _pages(printing.print_berita_acara(app, admin, info.id, tmp_path / "ba.pdf"))
    text = " ".join(pages)
    assert "BERITA ACARA" in text and "Nomor: 000.7.1/27/Kec-PS/2026" in text
    assert "Pada hari ini Kamis tanggal dua belas bulan Februari tahun dua ribu dua puluh enam" \
        in text
    assert "bertempat di Aula Kantor Kecamatan Paringin Selatan" in text
    assert "MENYEPAKATI" in text and "KESATU" in text and "KEEMPAT" in text
    assert f"{info.counts.main_count} usulan UTAMA" in text
    assert "Musrenbang Kabupaten: 1. Ahmad Rifani" in text  # delegates
    assert "NIP. 19750312 200003 2 004" in text
    lampiran1 = next(p for p in pages if "LAMPIRAN I " in p)
    assert "DAFTAR HADIR" in lampiran1 and "Ir. Syahrial Anwar" in lampiran1
    lampiran2 = " ".join(p for p in pages if "LAMPIRAN II" in p or "Pagu indikatif" in p)
    assert "A. USULAN PRIORITAS UTAMA" in lampiran2 and "B. USULAN CADANGAN" in lampiran2
    assert "Rp1.400.000.000" in lampiran2 and "Sisa pagu indikatif" in lampiran2
    assert "dapat dipindahkan menjadi UTAMA hanya apabila sisa pagu" in lampiran2
    # The closing signature never stands alone: the totals are on its page.
    assert "Pagu indikatif" in pages[-1] and "Pimpinan Sidang" in pages[-1]


def test_recap_and_letters_tell_each_desa_why(kecamatan, tmp_path):
    app, admin, info = kecamatan
    recap = " ".join(_pages(printing.print_recap(app, admin, info.id, tmp_path / "r.pdf")))
    assert "REKAP HASIL PENYARINGAN USULAN" in recap
    assert "Alasan tidak diakomodir: Lahan bukan milik pemerintah" in recap
    pages = _pages(printing.print_desa_letters(app, admin, info.id, tmp_path / "s.pdf"))
    letters = [p for p in pages if "Yth." in p]
    assert len(letters) == 8  # the desa and kelurahan that sent usulan
    inan = next(p for p in letters if "Yth. Kepala Desa Inan" in p)
    assert "Dialihkan ke APBDes" in inan and "Jalan usaha tani kewenangan desa" in inan
    assert "Diteruskan ke Musrenbang Kabupaten" in inan
    panggung = next(p for p in letters if "Panggung" in p)
    assert "Tidak diakomodir" in panggung and "tanah milik pribadi" in panggung
    telaga = next(p for p in letters if "Telaga Purun" in p)
    assert "Perlu perbaikan" in telaga and "surat pernyataan hibah lahan" in telaga


def test_the_acknowledging_signature_never_stands_alone(tmp_path):
    """However long the agreements grow, the office head's "Mengetahui" signature stays on
    the page of the closing sentence and the other signatures (it stood alone on page 2 of
    a BA whose first page was full)."""
    from datetime import date

    from desktop_app.core.reports.base import build_pdf, frame_width
    from desktop_app.planning.reports.berita_acara import ba_story
    from desktop_app.planning.reports.documents import Person, TierDocument

    checked = 0
    for n in range(0, 16):
        doc = TierDocument(
            "kecamatan", "Kecamatan", "Paringin Selatan", "Kecamatan Paringin Selatan",
            "Kabupaten Balangan", 2027, "000.7.1/27/Kec-PS/2026", date(2026, 2, 12), None,
            None, "WITA", "Aula Kantor Kecamatan", Person("Camat", "Camat",
                                                          nip="197503122000032004"),
            Person("Nor Hasanah, S.E", "Kasi PMD"),
            Person("MEGAWATI, S.Pd, M.Pd", "Camat Paringin Selatan", nip="197503122000032004"),
            "Paringin", "Kabupaten", ceiling=400_000_000,
            agreements=[f"Kesepakatan tambahan nomor {i} tentang pemeliharaan jalan usaha tani "
                        "dan saluran drainase lingkungan oleh warga." for i in range(n)])
        target = tmp_path / f"ba{n}.pdf"
        build_pdf(target, ba_story(doc, frame_width("A4")), page_size="A4")
        pages = _pages(target)
        with_head = [p for p in pages if "Mengetahui" in p]
        assert len(with_head) == 1, n
        assert "Demikian Berita Acara ini dibuat" in with_head[0], n
        assert "Pimpinan Sidang" in with_head[0] and "Notulis" in with_head[0], n
        checked += pages.index(with_head[0]) > 0  # the case that went wrong: a second page
    assert checked  # some lengths push the closing onto the second page


SEKDA = ("Drs. H. Sutikno, M.AP", "Sekretaris Daerah Kabupaten Balangan", "196905141994031006")


def _signature_page(pages: list[str]) -> str:
    found = [p for p in pages if "Mengetahui" in p]
    assert len(found) == 1
    return found[0]


def test_the_kabupaten_rembuk_chooses_who_acknowledges_its_berita_acara(demo_app, tmp_path):
    """The office head (the camat) acknowledges by default; a kabupaten rembuk names someone
    else, printed with name, jabatan and NIP on the page of the other signatures."""
    from tests.pdf_text import page_lines

    app, admin = demo_app
    kab = next(r for r in rembuk.list_rembuks(app, admin) if r.level == "kabupaten")
    assert kab.acknowledger == ("", "", "")  # not chosen: the office head
    before = _signature_page(page_lines(printing.print_berita_acara(
        app, admin, kab.id, tmp_path / "ba-before.pdf")))
    assert "MEGAWATI, S.Pd, M.Pd" in before and "Camat Paringin Selatan" in before

    rembuk.save_delegates(app, admin, kab.id, kab.delegates, acknowledger=SEKDA,
                          version=kab.version)
    assert rembuk.get_rembuk(app, admin, kab.id).acknowledger == SEKDA
    pages = page_lines(printing.print_berita_acara(app, admin, kab.id, tmp_path / "ba.pdf"))
    page = _signature_page(pages)
    lines = page.splitlines()
    at = next(i for i, line in enumerate(lines) if "Mengetahui" in line)
    block = "\n".join(lines[at:])
    assert "Sekretaris Daerah Kabupaten Balangan" in block
    assert "Drs. H. Sutikno, M.AP" in block and "NIP. 19690514 199403 1 006" in block
    assert "MEGAWATI" not in page
    # never alone: the closing sentence and the chair's signature are on the same page
    assert "Demikian Berita Acara ini dibuat" in page and "Pimpinan Sidang" in page

    # The audit trail names what changed, in Indonesian.
    from desktop_app.core.domain.audit_fields import label_of
    from tests.core.test_audit_named_values import _registered

    _registered()
    assert label_of("planning_rembuk", "acknowledger_name") == "Mengetahui: nama"
    assert label_of("planning_rembuk", "acknowledger_position") == "Mengetahui: jabatan"
    assert label_of("planning_rembuk", "acknowledger_nip") == "Mengetahui: NIP"

    # Emptied again: back to the office head.
    info = rembuk.get_rembuk(app, admin, kab.id)
    rembuk.save_delegates(app, admin, kab.id, info.delegates, acknowledger=("", "", ""),
                          version=info.version)
    again = _signature_page(page_lines(printing.print_berita_acara(
        app, admin, kab.id, tmp_path / "ba-again.pdf")))
    assert "MEGAWATI, S.Pd, M.Pd" in again


def test_a_wrong_acknowledger_is_refused_with_its_field(demo_app):
    from desktop_app.core.domain.errors import ValidationError

    app, admin = demo_app
    kab = next(r for r in rembuk.list_rembuks(app, admin) if r.level == "kabupaten")
    with pytest.raises(ValidationError) as bad:
        rembuk.save_delegates(app, admin, kab.id, [], acknowledger=(SEKDA[0], SEKDA[1], "1969"),
                              version=kab.version)
    assert bad.value.field_errors == {"acknowledger_nip": "NIP harus 18 digit angka."}
    with pytest.raises(ValidationError) as bad:
        rembuk.save_delegates(app, admin, kab.id, [], acknowledger=("", SEKDA[1], ""),
                              version=kab.version)
    assert "acknowledger_name" in bad.value.field_errors
    assert rembuk.get_rembuk(app, admin, kab.id).delegates == kab.delegates


def test_the_acknowledging_signature_lines_up_with_the_chairs(demo_app, tmp_path):
    import pypdfium2 as pdfium

    app, admin = demo_app
    kab = next(r for r in rembuk.list_rembuks(app, admin) if r.level == "kabupaten")
    path = printing.print_berita_acara(app, admin, kab.id, tmp_path / "ba.pdf")
    document = pdfium.PdfDocument(str(path))
    try:
        lefts = {}
        for page in document:
            text = page.get_textpage()
            if not text.search("Mengetahui,").get_next():
                continue  # the page of the BA's signatures, not Lampiran II's
            for word in ("Pimpinan Sidang", "Mengetahui,"):
                found = text.search(word).get_next()
                lefts[word] = text.get_charbox(found[0])[0]
        assert set(lefts) == {"Pimpinan Sidang", "Mengetahui,"}
        assert abs(lefts["Pimpinan Sidang"] - lefts["Mengetahui,"]) < 1  # points
    finally:
        document.close()
