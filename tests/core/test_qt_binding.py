"""The Qt binding keeps Python's reference counts right: PySide6 6.12.0 dropped a reference to
None on every null return, and Python 3.11 aborted ("none_dealloc") after a few thousand."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QListView, QPushButton


def test_null_returns_keep_the_reference_count_of_none(qapp):
    view, button = QListView(), QPushButton("x")
    calls = (QApplication.activeModalWidget, QApplication.activePopupWidget, button.menu,
             button.parent, view.selectionModel)
    before = sys.getrefcount(None)
    for _ in range(200):
        for call in calls:
            assert call() is None
    assert sys.getrefcount(None) >= before
