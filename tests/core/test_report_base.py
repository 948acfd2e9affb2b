"""The printout base: kop surat, signature block, page numbers, paper sizes, embedded fonts."""

from datetime import date

from pypdf import PdfReader
from reportlab.lib.units import cm

from desktop_app.core.reports.base import (
    Letterhead,
    PageSize,
    Signatory,
    build_many,
    build_pdf,
    data_table,
    frame_width,
    para,
    signature_block,
    title_block,
)
from desktop_app.paths import resource_path

KOP = Letterhead("PEMERINTAH KABUPATEN BALANGAN", "KECAMATAN PARINGIN SELATAN",
                 ["Jl. A. Yani Km. 2,5 Batu Piring"], phone="(0526) 2028 123",
                 logo=resource_path("icons", "logo_balangan.png").read_bytes())
CAMAT = Signatory("Camat Paringin Selatan", "MEGAWATI, S.Pd, M.Pd", "Pembina Tk. I (IV/b)",
                  "197503122000032004")


def _text(path):
    reader = PdfReader(str(path))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_letter_has_kop_number_signature_and_embedded_fonts(tmp_path):
    width = frame_width("A4")
    story = [*title_block("Berita Acara", "000.7.1/15/Kec-PS/2026"), para("Isi surat."),
             signature_block("Paringin", date(2026, 11, 23), CAMAT, width)]
    path = tmp_path / "surat.pdf"
    build_pdf(path, story, letterhead=KOP, title="Uji")
    reader, text = _text(path)
    for expected in ("PEMERINTAH KABUPATEN BALANGAN", "KECAMATAN PARINGIN SELATAN",
                     "Nomor: 000.7.1/15/Kec-PS/2026", "MEGAWATI, S.Pd, M.Pd",
                     "NIP. 19750312 200003 2 004", "Paringin, 23 November 2026",
                     "Halaman 1 dari 1"):
        assert expected in text
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for ref in fonts.values():
        font = ref.get_object()
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font \
            else font
        assert "/FontFile2" in descendant["/FontDescriptor"].get_object()


def test_paper_sizes(tmp_path):
    for size, expected in ((PageSize.A4, (595.3, 841.9)), (PageSize.F4, (609.4, 935.4))):
        path = tmp_path / f"{size.name}.pdf"
        build_pdf(path, [para("x")], page_size=size)
        box = PdfReader(str(path)).pages[0].mediabox
        assert (round(float(box.width), 1), round(float(box.height), 1)) == expected
    path = tmp_path / "landscape.pdf"
    build_pdf(path, [para("x")], page_size=PageSize.F4, landscape=True)
    box = PdfReader(str(path)).pages[0].mediabox
    assert float(box.width) > float(box.height)


def test_long_table_splits_and_numbering_restarts_per_document(tmp_path):
    rows = [[i, f"Nama {i}", "Desa Inan"] for i in range(1, 121)]
    table = data_table(["No", "Nama", "Desa"], rows, [1.5 * cm, 8 * cm, 6 * cm])
    path = tmp_path / "panjang.pdf"
    build_pdf(path, [table], letterhead=KOP)
    reader, text = _text(path)
    assert len(reader.pages) >= 3
    assert f"Halaman 2 dari {len(reader.pages)}" in text
    assert "Nama 120" in text
    batch = tmp_path / "batch.pdf"
    build_many(batch, [[para("Dokumen A")], [para("Dokumen B")], [para("Dokumen C")]],
               letterhead=KOP)
    reader, text = _text(batch)
    assert len(reader.pages) == 3
    assert text.count("Halaman 1 dari 1") == 3
    assert text.count("KECAMATAN PARINGIN SELATAN") == 3
