"""Two desks on one office unit (seksi/bidang): the dialog saves over the version it loaded; a
unit changed meanwhile on another desk is refused with who changed what and when, the typed
values stay until «Muat ulang». SQLite and PostgreSQL (make test runs the suite on both)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from desktop_app.core.domain.errors import RecordChangedError
from desktop_app.core.domain.roles import Role
from desktop_app.core.gui import messages
from desktop_app.core.gui.simple_forms import UnitDialog
from desktop_app.core.services import office
from tests.conftest import make_user
from tests.gui_driver import button, click, field


def _unit(app, name: str) -> office.UnitInfo:
    return next(u for u in office.list_units(app, include_inactive=True) if u.name == name)


def test_a_stale_unit_save_is_refused_and_nothing_is_lost(app_ctx, second_desk, admin):
    budi = make_user(app_ctx, "budi", Role.ADMIN, "Budi Santoso")
    uid = office.save_unit(app_ctx, admin, None, "Seksi Pemerintahan", "Kepala Lama")
    mine = _unit(app_ctx, "Seksi Pemerintahan")
    theirs = _unit(second_desk, "Seksi Pemerintahan")
    office.save_unit(second_desk, budi, uid, theirs.name, "Hj. Rahmah", theirs.active,
                     version=theirs.version)
    with pytest.raises(RecordChangedError) as refused:
        office.save_unit(app_ctx, admin, uid, "Seksi Tata Pemerintahan", mine.head_name,
                         mine.active, version=mine.version)
    assert refused.value.fields == ("Kepala",)
    assert refused.value.changed_by == "Budi Santoso (budi)"
    stored = office.get_unit(app_ctx, uid)
    assert (stored.name, stored.head_name) == ("Seksi Pemerintahan", "Hj. Rahmah")
    # Deactivating from a list shown before the change is refused the same way.
    with pytest.raises(RecordChangedError):
        office.save_unit(app_ctx, admin, uid, mine.name, mine.head_name, False,
                         version=mine.version)
    office.save_unit(app_ctx, admin, uid, "Seksi Tata Pemerintahan", stored.head_name,
                     stored.active, version=stored.version)
    final = office.get_unit(second_desk, uid)
    assert (final.name, final.head_name) == ("Seksi Tata Pemerintahan", "Hj. Rahmah")


def _shown(widget) -> str:
    return " ".join(label.text() for label in widget.findChildren(QLabel) if label.isVisible())


def test_the_unit_dialog_shows_the_conflict_and_reloads(qtbot, app_ctx, second_desk, admin):
    uid = office.save_unit(app_ctx, admin, None, "Seksi Pemerintahan", "Kepala Lama")
    messages.captured = []
    try:
        dialog = UnitDialog(app_ctx, admin, None, _unit(app_ctx, "Seksi Pemerintahan"))
        qtbot.addWidget(dialog)
        dialog.show()
        theirs = _unit(second_desk, "Seksi Pemerintahan")
        office.save_unit(second_desk, admin, uid, theirs.name, "Hj. Rahmah", True,
                         version=theirs.version)
        name = field(dialog, "Nama seksi")
        name.selectAll()
        qtbot.keyClicks(name, "Seksi Tata Pemerintahan")
        click(qtbot, button(dialog, "Simpan"))
        assert dialog.isVisible() and messages.captured == []
        assert "sudah diubah di meja lain" in _shown(dialog)
        assert "Yang diubah: Kepala." in _shown(dialog)
        assert name.text() == "Seksi Tata Pemerintahan"  # kept until the user chooses
        assert office.get_unit(app_ctx, uid).name == "Seksi Pemerintahan"

        click(qtbot, button(dialog, "Muat ulang"))
        assert name.text() == "Seksi Pemerintahan"
        assert field(dialog, "Kepala").text() == "Hj. Rahmah"
        name.selectAll()
        qtbot.keyClicks(name, "Seksi Tata Pemerintahan")
        click(qtbot, button(dialog, "Simpan"))
        assert not dialog.isVisible() and messages.captured == []
    finally:
        messages.captured = None
    final = office.get_unit(second_desk, uid)
    assert (final.name, final.head_name) == ("Seksi Tata Pemerintahan", "Hj. Rahmah")
