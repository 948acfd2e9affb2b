"""Showing and saving printouts: a PDF is written to a temp file and shown in the app's own
preview (gui/pdf_preview.py: print, save, zoom), or in the system viewer if that fails."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop_app.core.domain import clock

# Tests set this to a list: opened files are collected instead of launching a viewer.
opened: list[Path] | None = None
# Tests may set the path a save dialog "returns".
next_save_path: Path | None = None


def temp_pdf_path(folder: Path, stem: str) -> Path:
    """A fresh file name in the installation's owner-only print folder (``DataPaths.print_temp``)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in stem)
    return folder / f"{safe}-{clock.now():%Y%m%d-%H%M%S%f}.pdf"


_previews: list[object] = []  # keep non-modal preview windows alive


def open_file(path: Path, parent: QWidget | None = None) -> None:
    if opened is not None:
        opened.append(Path(path))
        return
    try:
        from desktop_app.core.gui.pdf_preview import PdfPreviewDialog

        dialog = PdfPreviewDialog(Path(path), parent)
    except Exception:  # noqa: BLE001 - no PDFium: the system viewer still shows it
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.destroyed.connect(lambda *_: _previews.remove(dialog) if dialog in _previews
                             else None)
    _previews.append(dialog)
    dialog.show()


def ask_save_path(parent: QWidget | None, title: str, default_name: str,
                  pattern: str = "PDF (*.pdf)") -> Path | None:
    global next_save_path
    if next_save_path is not None:
        chosen, next_save_path = next_save_path, None
        return chosen
    name, _ = QFileDialog.getSaveFileName(parent, title, str(Path.home() / default_name), pattern)
    return Path(name) if name else None


def ask_open_path(parent: QWidget | None, title: str, pattern: str) -> Path | None:
    global next_save_path
    if next_save_path is not None:
        chosen, next_save_path = next_save_path, None
        return chosen
    name, _ = QFileDialog.getOpenFileName(parent, title, str(Path.home()), pattern)
    return Path(name) if name else None
