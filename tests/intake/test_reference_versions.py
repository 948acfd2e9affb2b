"""Two desks on KULA RAKAT's reference lists: a category renamed, a holiday added or renamed,
a deadline setting changed on another desk is not overwritten from a page that shows the old
version; the refusal names who changed what; on the settings page (pressed with the mouse) the
banner says so and «Muat ulang» shows what is stored. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QLabel

from desktop_app.core.domain.errors import RecordChangedError
from desktop_app.core.domain.roles import Role
from desktop_app.core.gui import messages
from desktop_app.core.services import settings
from desktop_app.intake.gui.settings_page import IntakeSettingsPage
from desktop_app.intake.services import calendar, categories
from tests.conftest import make_user
from tests.gui_driver import button, click, click_row

DEADLINE = settings.INTAKE_DEADLINE_ADUAN.key


def test_a_category_changed_elsewhere_is_not_overwritten(app_ctx, second_desk, admin):
    budi = make_user(app_ctx, "budi", Role.ADMIN, "Budi Santoso")
    code = categories.save_category(app_ctx, admin, None, "Air bersih")
    mine = categories.list_custom_categories(app_ctx)[0]
    theirs = categories.list_custom_categories(second_desk)[0]
    categories.save_category(second_desk, budi, code, "Air bersih (PAMSIMAS)", True,
                             version=theirs.version)
    with pytest.raises(RecordChangedError) as refused:  # desk A deactivates the old one
        categories.save_category(app_ctx, admin, code, mine.label, False, version=mine.version)
    assert refused.value.fields == ("Nama kategori",)
    assert refused.value.changed_by == "Budi Santoso (budi)"
    stored = categories.list_custom_categories(app_ctx)[0]
    assert (stored.label, stored.active) == ("Air bersih (PAMSIMAS)", True)
    categories.save_category(app_ctx, admin, code, stored.label, False, version=stored.version)
    assert not categories.list_custom_categories(second_desk)[0].active


def test_a_holiday_added_or_renamed_elsewhere_is_not_overwritten(app_ctx, second_desk, admin):
    day = date(2026, 12, 24)
    # Both pages show no holiday on that day; desk B adds it first.
    calendar.save_holiday(second_desk, admin, day, "Libur daerah Balangan", version=0)
    with pytest.raises(RecordChangedError) as refused:
        calendar.save_holiday(app_ctx, admin, day, "Cuti bersama Natal", version=0)
    assert refused.value.fields == ("Keterangan hari libur",)
    listed = calendar.holiday_rows(app_ctx)[0]
    assert (listed.day, listed.name) == (day, "Libur daerah Balangan")
    # Renamed on desk B: desk A's removal from the old list is refused, nothing is lost.
    calendar.save_holiday(second_desk, admin, day, "Hari jadi Kabupaten Balangan",
                          version=listed.version)
    with pytest.raises(RecordChangedError):
        calendar.delete_holiday(app_ctx, admin, day, version=listed.version)
    assert dict(calendar.list_holidays(app_ctx)) == {day: "Hari jadi Kabupaten Balangan"}


def test_a_setting_is_versioned_per_row(app_ctx, second_desk, admin):
    budi = make_user(app_ctx, "budi", Role.ADMIN, "Budi Santoso")
    mine = settings.setting_versions(app_ctx)
    assert mine[DEADLINE] == 0  # not stored yet: the default is shown
    settings.save_settings(second_desk, budi, {DEADLINE: 7}, {DEADLINE: 0})
    with pytest.raises(RecordChangedError) as refused:
        settings.save_settings(app_ctx, admin, {DEADLINE: 10, "backup.keep_daily": 9},
                               {DEADLINE: 0, "backup.keep_daily": 0})
    assert refused.value.fields == ("Tenggat aduan (hari kerja)",)
    assert refused.value.changed_by == "Budi Santoso (budi)"
    # All or nothing: the other setting of the refused save was not stored either.
    assert settings.read_setting(app_ctx, DEADLINE) == 7
    assert settings.read_setting(app_ctx, "backup.keep_daily") == 7
    assert settings.setting_versions(app_ctx)["backup.keep_daily"] == 0
    # A different setting from the same old page is not in conflict (a version per row).
    settings.save_settings(app_ctx, admin, {"backup.keep_daily": 9}, {"backup.keep_daily": 0})
    assert settings.read_setting(second_desk, "backup.keep_daily") == 9


def _shown(widget) -> str:
    return " ".join(label.text() for label in widget.findChildren(QLabel) if label.isVisible())


@pytest.fixture
def page(qtbot, app_ctx, admin):
    messages.captured, messages.text_answers = [], []
    page = IntakeSettingsPage(app_ctx, admin)
    qtbot.addWidget(page)
    page.resize(1000, 900)
    page.show()
    yield page
    messages.captured, messages.text_answers = None, []


def test_the_settings_page_shows_conflicts_and_reloads(qtbot, app_ctx, second_desk, admin,
                                                       page):
    budi = make_user(app_ctx, "budi", Role.ADMIN, "Budi Santoso")
    # Desk B changes the aduan deadline while this page shows the default.
    settings.save_settings(second_desk, budi, {DEADLINE: 8}, {DEADLINE: 0})
    spin = page.spins[DEADLINE]
    spin.selectAll()
    qtbot.keyClicks(spin, "12")
    click(qtbot, button(page, "Simpan pengaturan"))
    assert "sudah diubah di meja lain" in _shown(page) and "Budi Santoso (budi)" in _shown(page)
    assert spin.value() == 12 and settings.read_setting(app_ctx, DEADLINE) == 8
    click(qtbot, button(page, "Muat ulang"))
    assert spin.value() == 8 and "meja lain" not in _shown(page)
    spin.selectAll()
    qtbot.keyClicks(spin, "12")
    click(qtbot, button(page, "Simpan pengaturan"))
    assert settings.read_setting(second_desk, DEADLINE) == 12

    # A category renamed on desk B: the rename from this page is refused, the typed name is
    # offered again after «Muat ulang».
    messages.text_answers[:] = ["Air bersih"]
    click(qtbot, page.add_category_button)
    code = categories.list_custom_categories(app_ctx)[0].code
    theirs = categories.list_custom_categories(second_desk)[0]
    categories.save_category(second_desk, budi, code, "Air minum", version=theirs.version)
    click_row(qtbot, page.categories, 0)
    messages.text_answers[:] = ["Air bersih desa"]
    click(qtbot, page.edit_category_button)
    assert "Kategori «Air minum» ini sudah diubah di meja lain" in _shown(page)
    assert "Yang diubah: Nama kategori." in _shown(page)
    assert categories.list_custom_categories(app_ctx)[0].label == "Air minum"
    click(qtbot, button(page, "Muat ulang"))
    assert page.categories.item(0, 0).text() == "Air minum"
    click_row(qtbot, page.categories, 0)
    click(qtbot, page.edit_category_button)  # no answer typed: the name offered is kept as is
    assert categories.list_custom_categories(second_desk)[0].label == "Air bersih desa"
