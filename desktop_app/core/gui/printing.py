"""Print and preview, the one way: render the PDF on a worker thread (progress, Batal), then show
it in the preview, parented to the window that asked (so it answers even beside a modal dialog).

    print_preview(self, app, "formulir-USL-2026-0001",
                  lambda target, progress: printing.print_forms(app, actor, ids, target, progress))
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from desktop_app.core.domain.progress import Progress
from desktop_app.core.gui import pdf
from desktop_app.core.gui.operations import Op


def print_preview(parent: QWidget | None, app: Any, stem: str,
                  render: Callable[[Path, Progress], Any], *,
                  title: str = "Membuat PDF…",
                  rendered: Callable[[Any], object] | None = None) -> None:
    """``render(target, progress)`` writes the PDF to ``target``; then the preview opens.
    ``rendered(result)``, if given, runs on the GUI thread first (e.g. to tell that a list
    printed empty)."""
    target = pdf.temp_pdf_path(app.paths.print_temp, stem)

    def _show(result: Any) -> None:
        if rendered is not None:
            rendered(result)
        pdf.open_file(target, parent)

    (Op(parent, lambda progress: render(target, progress), title=title)
     .success(_show)
     .run_in_background())
