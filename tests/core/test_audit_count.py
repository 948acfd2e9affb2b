"""The audit page counts a long trail only up to a limit, as the submissions list does: a
trail of a million rows filtered by a common word was read to its end (0.74 s) just to show
its total. Past the limit the page says "lebih dari …" and pages on; the last page gives the
exact total."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.core.gui.audit_page import AuditPage, AuditPageSource
from desktop_app.core.services import audit
from desktop_app.core.services.context import unit_of_work


def _trail(app_ctx, admin, rows: int) -> int:
    with unit_of_work(app_ctx) as session:
        audit.record_many(session, admin, [
            ("update", "office_unit", n, {"name": f"Seksi {n}"}, f"Seksi nomor {n}")
            for n in range(rows)])
    return audit.count_audit(app_ctx, admin, audit.AuditFilter())


def test_a_capped_count_stops_past_the_cap(app_ctx, admin):
    total = _trail(app_ctx, admin, 30)
    everything = audit.AuditFilter()
    assert audit.count_audit(app_ctx, admin, everything, cap=10) == 11
    assert audit.count_audit(app_ctx, admin, everything, cap=total) == total
    seksi = audit.AuditFilter(text="Seksi nomor 2")  # 2, 20..29
    assert audit.count_audit(app_ctx, admin, seksi, cap=5) == 6
    assert audit.count_audit(app_ctx, admin, seksi, cap=100) == 11


def test_the_audit_page_says_more_than_the_limit_and_the_last_page_the_total(
        qtbot, app_ctx, admin, monkeypatch):
    total = _trail(app_ctx, admin, 150)
    monkeypatch.setattr(AuditPageSource, "count_limit", 120)
    page = AuditPage(app_ctx, admin)
    qtbot.addWidget(page)
    page.resize(1024, 700)
    page.show()
    assert page.view.page_label.text() == "Halaman 1 · lebih dari 120 data"
    qtbot.mouseClick(page.view.next_button, Qt.MouseButton.LeftButton)
    assert page.view.page_label.text() == f"Halaman 2 dari 2 · {total} data"
    assert page.model.rowCount() == total - 100
    qtbot.mouseClick(page.view.prev_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 100
