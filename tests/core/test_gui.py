"""GUI of the foundation: login, navigation by role, profile, users, audit, backups, wizard."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from desktop_app.core.domain.errors import AuthenticationError
from desktop_app.core.gui import messages
from desktop_app.core.services import audit, auth, backups, office, regions
from tests.conftest import TEST_PASSWORD

FOUNDATION_PAGES = {"office_profile", "regions_units", "users", "audit", "backups"}


@pytest.fixture(autouse=True)
def no_popups() -> Iterator[list[tuple[str, str]]]:
    messages.captured = []
    messages.confirm_answers.clear()
    yield messages.captured
    messages.captured = None
    messages.confirm_answers.clear()


def _window(qtbot, app, actor):  # type: ignore[no-untyped-def]
    from desktop_app.app.main_window import MainWindow

    window = MainWindow(app, actor, "KECAMATAN UJI")
    qtbot.addWidget(window)
    return window


def test_login_wrong_then_right_password(qtbot, app_ctx, admin):
    from desktop_app.core.gui.login import LoginDialog

    dialog = LoginDialog(app_ctx, "KECAMATAN UJI")
    qtbot.addWidget(dialog)
    dialog.form.usernameEdit.setText("admin")
    dialog.form.passwordEdit.setText("salah12345")
    dialog.try_login()
    assert "salah" in dialog.form.errorLabel.text()
    assert dialog.actor is None and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.form.passwordEdit.text() == ""  # password cleared, name kept
    assert dialog.form.usernameEdit.text() == "admin"
    dialog.form.passwordEdit.setText(TEST_PASSWORD)
    dialog.try_login()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor is not None and dialog.actor.user_id == admin.user_id


def test_navigation_shows_foundation_pages_for_admin_only(qtbot, app_ctx, admin, operator):
    admin_window = _window(qtbot, app_ctx, admin)
    assert FOUNDATION_PAGES <= set(admin_window.page_keys())
    for key in FOUNDATION_PAGES:
        page = admin_window.show_page(key)
        assert admin_window.stack.currentWidget() is page
    op_window = _window(qtbot, app_ctx, operator)
    keys = set(op_window.page_keys())
    assert not {"office_profile", "users", "audit", "backups"} & keys
    assert "Cadangkan sekarang" not in [a.text() for a in op_window.menuBar().actions()[0]
                                        .menu().actions()]


def test_operator_sees_regions_read_only(qtbot, app_ctx, admin, operator):
    office.save_unit(app_ctx, admin, None, "Seksi Pemerintahan")
    window = _window(qtbot, app_ctx, operator)
    page = window.show_page("regions_units")
    assert page.tree.topLevelItemCount() == 1
    assert page.units.rowCount() == 1
    assert page.add_region_button.isHidden() and page.add_unit_button.isHidden()


def test_profile_edit_and_save(qtbot, app_ctx, admin, tmp_path: Path, no_popups):
    from desktop_app.core.gui.office_profile_page import OfficeProfilePage

    page = OfficeProfilePage(app_ctx, admin)
    qtbot.addWidget(page)
    page.name.setText("")
    page.head_nip.setText("12345")
    assert not page.save()
    assert page.errors.text("name") and page.errors.text("head_nip")
    assert page.head_nip.text() == "12345"  # input kept
    assert office.get_profile(app_ctx) is None
    page.name.setText("KECAMATAN PARINGIN SELATAN")
    page.short_name.setText("Kec-PS")
    page.head_nip.setText("197503122000032004")
    page.paper_f4.setChecked(True)
    page.pattern.setText("000/{nomor}/{singkatan}/{tahun}")
    assert "/15/Kec-PS/" in page.pattern_example.text()
    page.pattern.setText("{salah}")
    assert "tidak dikenal" in page.pattern_example.text()
    page.pattern.setText("000/{nomor}/{singkatan}/{tahun}")
    from PySide6.QtGui import QColor, QImage

    image = QImage(40, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("darkgreen"))
    logo = tmp_path / "logo.png"
    image.save(str(logo))
    assert page.load_logo_file(logo)
    assert not page.logo_preview.pixmap().isNull()
    not_image = tmp_path / "x.png"
    not_image.write_text("bukan gambar")
    assert not page.load_logo_file(not_image) and page.logo_error.text()
    assert page.save()
    saved = office.get_profile(app_ctx)
    assert saved is not None
    assert (saved.name, saved.paper_size, saved.head_nip) == (
        "KECAMATAN PARINGIN SELATAN", "F4", "197503122000032004")
    assert saved.logo == logo.read_bytes()
    assert ("Informasi", "Profil kantor disimpan.") in no_popups


def test_user_add_and_reset(qtbot, app_ctx, admin, monkeypatch):
    from desktop_app.core.gui.user_dialog import UserDialog
    from desktop_app.core.gui.users_page import UsersPage

    page = UsersPage(app_ctx, admin)
    qtbot.addWidget(page)
    assert page.table.rowCount() == 1
    dialog = UserDialog(app_ctx, admin, page)
    qtbot.addWidget(dialog)
    dialog.username.setText("rina")
    dialog.full_name.setText("Rina Apriani")
    dialog.password.setText("SandiRina2026")
    dialog.repeat.setText("SandiLain2026")
    assert not dialog.submit()
    assert dialog.errors.text("repeat")
    dialog.repeat.setText("SandiRina2026")
    dialog.nip.setText("12")
    assert not dialog.submit() and dialog.errors.text("nip")
    dialog.nip.setText("")
    assert "Kekuatan" in dialog.strength.text()
    assert dialog.submit()
    page.refresh()
    assert page.table.rowCount() == 2
    users = {u.username: u for u in auth.list_users(app_ctx, admin)}
    assert users["rina"].role.value == "operator"
    # lock rina, see it in the list, reset unlocks
    for _ in range(auth.MAX_FAILED_LOGINS):
        with pytest.raises(AuthenticationError):
            auth.login(app_ctx, "rina", "keliru1234")
    page.refresh()
    page.select_username("rina")
    row = page.table.currentRow()
    assert page.table.item(row, 5).text().startswith("Terkunci")
    from desktop_app.core.gui.simple_forms import ResetPasswordDialog

    reset = ResetPasswordDialog(app_ctx, admin, page.selected_user(), page)
    qtbot.addWidget(reset)
    reset.password.setText("SandiBaru2026")
    reset.repeat.setText("SandiBaru2026")
    assert reset.submit()
    page.refresh()
    page.select_username("rina")
    assert page.table.item(page.table.currentRow(), 5).text() == "Aktif"
    assert auth.login(app_ctx, "rina", "SandiBaru2026").username == "rina"


def test_audit_page_lists_filters_and_shows_details(qtbot, app_ctx, admin):
    from desktop_app.core.gui.audit_page import AuditPage

    office.save_unit(app_ctx, admin, None, "Seksi Lama", "Kepala A")
    uid = office.list_units(app_ctx)[0].id
    office.save_unit(app_ctx, admin, uid, "Seksi Baru", "Kepala A")
    page = AuditPage(app_ctx, admin)
    qtbot.addWidget(page)
    total = audit.count_audit(app_ctx, admin, audit.AuditFilter())
    assert page.model.rowCount() == total and total >= 3
    page.entity_filter.setCurrentIndex(page.entity_filter.findData("office_unit"))
    assert page.model.rowCount() == 2
    page.action_filter.setCurrentIndex(page.action_filter.findData("update"))
    assert page.model.rowCount() == 1
    page.view.table.selectRow(0)
    page.view.table.setCurrentIndex(page.model.index(0, 0))
    cells = {(page.details.item(r, 0).text(), page.details.item(r, 1).text(),
              page.details.item(r, 2).text()) for r in range(page.details.rowCount())}
    assert ("Nama seksi/bidang", "Seksi Lama", "Seksi Baru") in cells
    page.action_filter.setCurrentIndex(0)
    page.entity_filter.setCurrentIndex(0)
    page.text_filter.setText("Seksi Baru")
    page.apply_filter()
    assert page.model.rowCount() == 1
    page.use_dates.setChecked(True)  # last 30 days: still there
    assert page.model.rowCount() == 1


def test_audit_page_verify_reports_tampering(qtbot, app_ctx, admin, no_popups):
    from sqlalchemy import text

    from desktop_app.core.gui.audit_page import AuditPage

    office.save_unit(app_ctx, admin, None, "Seksi A")
    page = AuditPage(app_ctx, admin)
    qtbot.addWidget(page)
    page.verify()
    qtbot.waitUntil(lambda: page.job is not None and not page.job.is_running()
                    and page.verify_button.isEnabled(), timeout=10000)
    assert "Utuh" in page.verify_result.text()
    with app_ctx.engine.begin() as conn:  # behind the app's back, its trigger removed first
        if app_ctx.is_sqlite:
            conn.execute(text("DROP TRIGGER audit_log_no_update"))
        else:
            conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
        conn.execute(text("UPDATE audit_log SET summary='palsu' WHERE id=1"))
    page.verify()
    qtbot.waitUntil(lambda: page.verify_button.isEnabled(), timeout=10000)
    assert "masalah" in page.verify_result.text()
    assert any("RUSAK" in t for _title, t in no_popups)


def test_backup_now_creates_file_and_lists_it(qtbot, app_ctx, admin):
    window = _window(qtbot, app_ctx, admin)
    window._backup_now()  # the menu action
    page = window.page("backups")
    assert page is not None and page.job is not None
    qtbot.waitUntil(lambda: page.last_backup is not None, timeout=10000)
    assert page.last_backup.exists()
    assert page.table.rowCount() == 1
    assert [b.path for b in backups.list_backups(app_ctx, admin)] == [page.last_backup]


def test_backup_page_retention_and_restore(qtbot, app_ctx, admin, monkeypatch, no_popups):
    from desktop_app.core.gui.backups_page import BackupsPage

    page = BackupsPage(app_ctx, admin)
    qtbot.addWidget(page)
    page.spins["backup.keep_daily"].setValue(3)
    assert page.save_retention()
    from desktop_app.core.services.settings import read_setting

    assert read_setting(app_ctx, "backup.keep_daily") == 3
    office.save_unit(app_ctx, admin, None, "Sebelum")
    saved = backups.backup_now(app_ctx, admin)
    office.save_unit(app_ctx, admin, None, "Sesudah")
    page.refresh()
    closed: list[bool] = []
    monkeypatch.setattr(page, "close_application", lambda: closed.append(True))
    broken = app_ctx.paths.data_dir / "rusak.sqlite3"
    broken.write_bytes(b"")
    assert not page.restore(broken)  # refused before anything is asked or changed
    assert any("rusak.sqlite3 bukan" in t for _title, t in no_popups) and not closed
    messages.confirm_answers.append(False)
    assert not page.restore(saved)  # said no
    assert len(office.list_units(app_ctx)) == 2
    assert page.restore(saved)
    assert closed == [True]
    assert [u.name for u in office.list_units(app_ctx)] == ["Sebelum"]
    assert any("ditutup" in t for _title, t in no_popups)


def test_region_and_unit_dialogs(qtbot, app_ctx, admin):
    from desktop_app.core.gui.simple_forms import RegionDialog, UnitDialog

    region = RegionDialog(app_ctx, admin, None, "63.11.07")
    qtbot.addWidget(region)
    assert region.code.text() == "63.11.07."
    region.name.setText("Desa Baru")
    region.code.setText("63.11.07.9")
    assert not region.submit() and region.errors.text("code")
    region.code.setText("63.11.01.2001")
    assert region.submit()
    assert [r.name for r in regions.list_desa(app_ctx, "63.11.01")] == ["Desa Baru"]
    unit = UnitDialog(app_ctx, admin)
    qtbot.addWidget(unit)
    assert not unit.submit() and unit.errors.text("name")
    unit.name.setText("Seksi Trantib")
    assert unit.submit() and unit.saved_id


def test_first_run_wizard_saves_profile_and_admin(qtbot, app_ctx):
    from desktop_app.core.gui.first_run import FirstRunWizard

    wizard = FirstRunWizard(app_ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    office_page = wizard.office_page
    assert not office_page.validatePage()
    assert office_page.errors.text("name")
    office_page.name.setText("KECAMATAN PARINGIN SELATAN")
    office_page.head_name.setText("MEGAWATI, S.Pd, M.Pd")
    office_page.head_nip.setText("197503122000032004")
    office_page.paper_f4.setChecked(True)
    assert office_page.validatePage()
    wizard.next()
    admin_page = wizard.admin_page
    admin_page.full_name.setText("Admin Kecamatan")
    admin_page.password.setText("pendek")
    admin_page.repeat.setText("pendek")
    assert not admin_page.validatePage()
    assert admin_page.errors.text("password")
    assert auth.user_count(app_ctx) == 0
    admin_page.password.setText("SandiAdmin2026")
    admin_page.repeat.setText("SandiAdmin2026")
    assert admin_page.validatePage()
    assert auth.user_count(app_ctx) == 1
    profile = office.get_profile(app_ctx)
    assert profile is not None and profile.paper_size == "F4"
    assert auth.login(app_ctx, "admin", "SandiAdmin2026").role.value == "admin"
