"""The in-app print preview shows every page, prints them to a printer and saves a copy."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from desktop_app.core.gui import pdf
from desktop_app.core.gui.pdf_preview import PdfPreviewDialog
from desktop_app.core.reports.base import PageSize, build_pdf, para


def _pdf(path, pages, paper="A4", landscape=False):
    from reportlab.platypus import PageBreak

    story = []
    for i in range(pages):
        if i:
            story.append(PageBreak())
        story.append(para(f"Halaman uji {i + 1}"))
    build_pdf(path, story, page_size=PageSize.parse(paper), landscape=landscape)
    return path


def test_preview_prints_and_saves(qtbot, tmp_path):
    source = _pdf(tmp_path / "cetak.pdf", 2)
    dialog = PdfPreviewDialog(source)
    qtbot.addWidget(dialog)
    assert dialog.page_count == 2 and len(dialog.page_labels) == 2
    assert "2 halaman · A4" in dialog.info.text()
    width = dialog.page_labels[0].pixmap().width()
    dialog.set_zoom(2.0)
    assert dialog.page_labels[0].pixmap().width() > 1.8 * width
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printer.pdf"))
    assert dialog.print_to(printer) == 2
    printed = PdfReader(str(tmp_path / "printer.pdf"))
    assert len(printed.pages) == 2
    assert round(float(printed.pages[0].mediabox.width)) in (595, 596)  # A4 kept
    pdf.next_save_path = tmp_path / "disimpan.pdf"
    assert dialog.save_copy() == tmp_path / "disimpan.pdf"
    assert (tmp_path / "disimpan.pdf").read_bytes() == source.read_bytes()


def test_preview_knows_f4_landscape(qtbot, tmp_path):
    dialog = PdfPreviewDialog(_pdf(tmp_path / "f4.pdf", 1, "F4", landscape=True))
    qtbot.addWidget(dialog)
    assert "1 halaman · F4" in dialog.info.text()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "p.pdf"))
    dialog.print_to(printer)
    page = PdfReader(str(tmp_path / "p.pdf")).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)


def test_a_long_batch_renders_only_the_pages_in_view(qtbot, tmp_path):
    dialog = PdfPreviewDialog(_pdf(tmp_path / "batch.pdf", 40))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.page_count == 40
    assert 0 < len(dialog._rendered) < 10 and 0 in dialog._rendered
    bar = dialog.scroll.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert 39 in dialog._rendered and 0 not in dialog._rendered
    assert dialog.page_labels[39].pixmap() is not None
