"""In-app preview of a printout: pages rendered with PDFium, then Cetak (to any printer, A4 or
F4 as the PDF says), Simpan (a copy where the user chooses) or open in another application."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.gui import messages
from desktop_app.core.gui.windows import fit_to_screen

POINTS_PER_INCH = 72.0


def _render(page: Any, dpi: float) -> QImage:
    bitmap = page.render(scale=dpi / POINTS_PER_INCH, rev_byteorder=True)
    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                   QImage.Format.Format_RGB888)
    return image.copy()  # own the pixels before PDFium frees its buffer


class PdfPreviewDialog(QDialog):
    """Shows every page of one PDF; non-modal, so the office can keep working."""

    PREVIEW_DPI = 96

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        import pypdfium2 as pdfium

        super().__init__(parent)
        self.path = Path(path)
        self.document = pdfium.PdfDocument(str(self.path))
        self.setWindowTitle(f"Pratinjau cetak — {self.path.name}")
        fit_to_screen(self, 900, 1000)
        self.zoom = 1.0
        self.pages_box = QWidget()
        self.pages_layout = QVBoxLayout(self.pages_box)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.pages_layout.setSpacing(12)
        self.scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.pages_box)
        scroll.setStyleSheet("QScrollArea { background: #6b6b6b; }")
        scroll.verticalScrollBar().valueChanged.connect(lambda _v: self.render_visible())
        self.info = QLabel()
        self.print_button = QPushButton("Cetak…")
        self.save_button = QPushButton("Simpan PDF…")
        self.external_button = QPushButton("Buka di aplikasi lain")
        self.zoom_out = QPushButton("−")
        self.zoom_in = QPushButton("+")
        for button in (self.zoom_out, self.zoom_in):
            button.setMaximumWidth(40)
        close = QPushButton("Tutup")
        for button, handler in ((self.print_button, self.print_dialog),
                                (self.save_button, self.save_copy),
                                (self.external_button, self.open_external),
                                (self.zoom_out, lambda: self.set_zoom(self.zoom / 1.25)),
                                (self.zoom_in, lambda: self.set_zoom(self.zoom * 1.25)),
                                (close, self.close)):
            button.clicked.connect(handler)
        bar = QHBoxLayout()
        for widget in (self.print_button, self.save_button, self.external_button,
                       self.zoom_out, self.zoom_in):
            bar.addWidget(widget)
        bar.addWidget(self.info, 1)
        bar.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(scroll, 1)
        self.page_labels: list[QLabel] = []
        self._show_pages()

    @property
    def page_count(self) -> int:
        return len(self.document)

    def page_image(self, index: int, dpi: float) -> QImage:
        return _render(self.document[index], dpi)

    def _show_pages(self) -> None:
        """One placeholder per page at its final size; only the pages in view are rendered
        (a batch of a thousand forms would not fit in memory as images)."""
        for label in self.page_labels:
            label.deleteLater()
        self.page_labels = []
        self._rendered: set[int] = set()
        scale = self.PREVIEW_DPI * self.zoom / POINTS_PER_INCH
        for i in range(self.page_count):
            width, height = self.document[i].get_size()
            label = QLabel()
            label.setFixedSize(round(width * scale), round(height * scale))
            label.setStyleSheet("background: white;")
            self.pages_layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(label)
        width, height = self.document[0].get_size()
        size = "A4" if abs(height - 841.9) < 3 or abs(width - 841.9) < 3 else \
            "F4" if abs(height - 935.4) < 3 or abs(width - 935.4) < 3 else "kertas khusus"
        self.info.setText(f"  {self.page_count} halaman · {size} · {round(self.zoom * 100)}%")
        self.render_visible()

    def render_visible(self) -> None:
        """Render the pages in (or next to) the viewport; forget the ones far away."""
        if not self.page_labels:
            return
        bar = self.scroll.verticalScrollBar()
        top, bottom = bar.value(), bar.value() + max(self.scroll.viewport().height(), 800)
        visible = [i for i, label in enumerate(self.page_labels)
                   if label.y() + label.height() >= top - 400 and label.y() <= bottom + 400]
        if not visible:  # not laid out yet: the first pages
            visible = list(range(min(2, self.page_count)))
        keep = set(range(max(visible[0] - 3, 0), visible[-1] + 4))
        for i in self._rendered - keep:
            self.page_labels[i].clear()
        self._rendered &= keep
        for i in visible:
            if i not in self._rendered:
                image = self.page_image(i, self.PREVIEW_DPI * self.zoom)
                self.page_labels[i].setPixmap(QPixmap.fromImage(image))
                self._rendered.add(i)

    def set_zoom(self, zoom: float) -> None:
        self.zoom = min(max(zoom, 0.4), 3.0)
        self._show_pages()

    # -- actions -------------------------------------------------------------------------------
    def print_dialog(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self._match_paper(printer)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Cetak")
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def _match_paper(self, printer: Any) -> None:
        width, height = self.document[0].get_size()
        landscape = width > height
        short, long = sorted((width, height))
        page_size = QPageSize(QSizeF(short, long), QPageSize.Unit.Point, "",
                              QPageSize.SizeMatchPolicy.FuzzyMatch)
        printer.setPageSize(page_size)
        printer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape
                                   else QPageLayout.Orientation.Portrait)
        printer.setFullPage(True)

    def print_to(self, printer: Any) -> int:
        """Draw every page onto ``printer`` (at up to 300 dpi); returns the pages printed."""
        self._match_paper(printer)
        painter = QPainter()
        if not painter.begin(printer):
            messages.warn(self, "Printer tidak dapat dipakai. Periksa sambungan printer lalu "
                                "coba lagi, atau simpan PDF-nya.")
            return 0
        try:
            dpi = min(printer.resolution(), 300)
            target = printer.pageLayout().fullRectPixels(printer.resolution())
            for i in range(self.page_count):
                if i:
                    printer.newPage()
                image = self.page_image(i, dpi)
                painter.drawImage(target, image)
        finally:
            painter.end()
        return self.page_count

    def save_copy(self) -> Path | None:
        from desktop_app.core.gui import pdf

        target = pdf.ask_save_path(self, "Simpan PDF", self.path.name)
        if target is None:
            return None
        try:
            shutil.copyfile(self.path, target)
        except OSError as exc:
            messages.warn(self, f"PDF tidak dapat disimpan di {target}: {exc.strerror}.")
            return None
        return target

    def open_external(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.render_visible()

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        self.document.close()
        super().closeEvent(event)
