"""Windows open within the screen they are on (offices use 1024×768 and 1366×768 screens)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from desktop_app.core.gui.windows import available
from desktop_app.core.reports.base import build_pdf, para


def _inside(widget):
    """Within the screen, which is at least as small as 1024×768 here (offscreen: 800×800)."""
    area = available(widget)
    size = widget.size()
    return size.width() <= max(area.width(), 1024) and size.height() <= max(area.height(), 768)


def test_main_window_opens_within_the_screen(qtbot, app_ctx, admin):
    from desktop_app.app.main_window import MainWindow

    QSettings().remove("main_window/geometry")
    window = MainWindow(app_ctx, admin, "KECAMATAN UJI")
    qtbot.addWidget(window)
    window.show()
    assert _inside(window), (window.size(), available(window))


def test_print_preview_and_intake_form_fit(qtbot, app_ctx, admin, tmp_path):
    from desktop_app.core.gui.pdf_preview import PdfPreviewDialog
    from desktop_app.intake.gui.form_dialog import SubmissionDialog

    path = tmp_path / "x.pdf"
    build_pdf(path, [para("Uji")])
    preview = PdfPreviewDialog(path)
    qtbot.addWidget(preview)
    assert _inside(preview), (preview.size(), available(preview))
    form = SubmissionDialog(app_ctx, admin)
    qtbot.addWidget(form)
    assert _inside(form), (form.size(), available(form))


def test_settings_pages_and_beranda_fit_beside_the_navigation_at_1024(qtbot, app_ctx, admin):
    """At 1024×768 the page area beside the navigation is about 800 px wide: the audit trail
    (885 px before) and the backups page (898 px) must not ask for more."""
    from desktop_app.app.main_window import MainWindow

    window = MainWindow(app_ctx, admin, "KECAMATAN UJI")
    qtbot.addWidget(window)
    for key in ("home", "office_profile", "regions_units", "users", "audit", "backups"):
        page = window.show_page(key)
        assert page.minimumSizeHint().width() <= 800, (key, page.minimumSizeHint())
