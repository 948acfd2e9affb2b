"""The printout base: kop surat, signature block, page numbers, paper sizes, embedded fonts."""

from datetime import date

from pypdf import PdfReader
from reportlab.lib.units import cm
from reportlab.platypus import Spacer

from desktop_app.core.reports.base import (
    Letterhead,
    PageSize,
    Signatory,
    build_many,
    build_pdf,
    data_table,
    frame_width,
    keep_with_signature,
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


def _page_texts(path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(str(path)).pages]


def test_signature_never_alone_on_the_last_page_after_a_table(tmp_path):
    """Whatever the table's length, its last rows go over with the signature block."""
    width = frame_width("A4")
    pages_seen = set()
    for n in range(18, 48):
        rows = [[i, f"Peserta {i}", "Desa Inan"] for i in range(1, n + 1)]
        table = data_table(["No", "Nama", "Desa"], rows, [1.5 * cm, 8 * cm, width - 9.5 * cm])
        block = signature_block("Paringin", date(2026, 11, 23), CAMAT, width)
        path = tmp_path / f"hadir-{n}.pdf"
        build_pdf(path, keep_with_signature([para("Daftar hadir"), table, Spacer(1, 12)],
                                            block), letterhead=KOP)
        pages = _page_texts(path)
        pages_seen.add(len(pages))
        last = pages[-1]
        assert "MEGAWATI" in last and f"Peserta {n}" in last, n
        assert f"Peserta {n - 1}" in last, n  # two rows kept, not just one
        assert all("MEGAWATI" not in page for page in pages[:-1])
        text = " ".join(pages)
        assert all(f"Peserta {i} " in text + " " for i in range(1, n + 1)), n  # no row lost
    assert pages_seen == {1, 2}  # the range crosses the page boundary


def test_signature_kept_with_closing_paragraph(tmp_path):
    width = frame_width("F4")
    for n in range(28, 44):
        story = [para(f"Paragraf isi nomor {i} dari notulen rapat koordinasi.") for i in
                 range(1, n + 1)]
        story.append(para("Rapat ditutup pukul 12.00 WITA."))
        path = tmp_path / f"notulen-{n}.pdf"
        build_pdf(path, keep_with_signature(story, signature_block(
            "Paringin", date(2026, 11, 23), CAMAT, width)), page_size=PageSize.F4,
            letterhead=KOP)
        last = _page_texts(path)[-1]
        assert "MEGAWATI" in last and "Rapat ditutup" in last, n


def test_list_numbers_use_embedded_fonts_and_letters_can_drop_the_printed_by_footer(tmp_path):
    from reportlab.platypus import Paragraph

    from desktop_app.core.reports.base import styles

    path = tmp_path / "undangan.pdf"
    build_pdf(path, [Paragraph("Pembukaan", styles()["body"], bulletText="1."),
                     Paragraph("Isi", styles()["cell"], bulletText="2.")],
              letterhead=KOP, printed_by_footer=False)
    reader, text = _text(path)
    fonts = [ref.get_object()["/BaseFont"] for ref in
             reader.pages[0]["/Resources"]["/Font"].values()]
    assert fonts and not any("Helvetica" in str(f) for f in fonts), fonts
    assert "Dicetak dengan" not in text and "Halaman 1 dari 1" in text
    build_pdf(path, [para("Daftar")])
    assert "Dicetak dengan Ruko Parsel" in _text(path)[1]


def test_a_signatory_without_a_position_prints_no_lone_comma(tmp_path):
    """A minute taker not yet named: the caption stands, no line of a bare ',' below it, and
    the dotted name is left to fill in by hand."""
    width = frame_width("A4")
    nobody = Signatory("", "." * 30, "", "")
    path = tmp_path / "ba.pdf"
    build_pdf(path, [para("Isi berita acara."), signature_block(
        "Paringin", date(2026, 11, 23), CAMAT, width, left=nobody, left_caption="Notulis")],
        letterhead=KOP, title="Uji")
    _reader, text = _text(path)
    lines = [line.strip() for line in text.splitlines()]
    assert "," not in lines and not any(line.endswith("Notulis ,") for line in lines)
    assert any(line.startswith("Notulis") for line in lines) and "." * 30 in text
    assert "Camat Paringin Selatan," in text  # a position still ends with its comma
