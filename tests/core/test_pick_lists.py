"""Desa pick lists: alphabetical, each entry starts with the name, so typing a name jumps."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from desktop_app.core.services import regions


def test_desa_list_is_alphabetical_by_name(app_ctx):
    desa = regions.list_desa(app_ctx)
    labels = [d.label for d in desa]
    assert labels == sorted(labels, key=str.casefold)
    assert "Inan" in labels and "Batu Piring (kel.)" in labels
    assert not any(label.startswith(("Desa ", "Kel. ")) for label in labels)


def test_typing_a_desa_name_jumps_to_it(qtbot, app_ctx):
    combo = QComboBox()
    qtbot.addWidget(combo)
    for d in regions.list_desa(app_ctx):
        combo.addItem(d.label, d.code)
    combo.show()
    qtbot.keyClicks(combo, "Inan")
    assert combo.currentText() == "Inan"
    assert combo.currentData() == "63.11.07.2003"
