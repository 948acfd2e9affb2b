"""Regenerate the README screenshots on a demo database, at the two screen sizes offices use
(run under Xvfb; the window fills the screen as it does on such a PC):

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/screenshots/take_screenshots.py
    xvfb-run -a -s "-screen 0 1024x768x24" .venv/bin/python docs/screenshots/take_screenshots.py

1366×768 shots go to docs/screenshots/, 1024×768 shots to docs/screenshots/1024x768/.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE  # set in main() from the screen size
PAGES = {
    "home": "beranda_admin.png",
    "intake": "kula_rakat_daftar.png",
    "intake_settings": "kula_rakat_libur.png",
    "office_profile": "profil_kantor.png",
    "regions_units": "wilayah_seksi.png",
    "users": "pengguna.png",
    "audit": "jejak_audit.png",
    "backups": "cadangan.png",
    "meetings": "ruko_parsel_rapat.png",
    "meeting_actions": "ruko_parsel_tindak_lanjut.png",
    "desa_profile": "ruko_parsel_profil_desa.png",
    "meeting_recap": "ruko_parsel_rekap.png",
}


def main() -> int:
    from desktop_app.app.demo import DEMO_PASSWORD, fill_demo
    from desktop_app.app.gui import make_qapplication
    from desktop_app.app.main_window import MainWindow
    from desktop_app.core.gui import messages
    from desktop_app.core.gui.first_run import FirstRunWizard
    from desktop_app.core.gui.login import LoginDialog
    from desktop_app.core.services import auth, backups
    from desktop_app.core.services.bootstrap import open_app
    from desktop_app.paths import DataPaths

    global OUT
    messages.captured = []
    qapp = make_qapplication(sys.argv[:1])
    from desktop_app.app.gui import install_qt_translations

    install_qt_translations(qapp)
    screen = qapp.primaryScreen().geometry()
    OUT = HERE if screen.width() > 1100 else HERE / f"{screen.width()}x{screen.height()}"
    OUT.mkdir(exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="ruko-shots-"))
    try:
        empty = open_app(DataPaths(tmp / "empty"), daily_backup=False)
        wizard = FirstRunWizard(empty)
        wizard.office_page.name.setText("KECAMATAN PARINGIN SELATAN")
        wizard.resize(640, 600)
        wizard.show()
        qapp.processEvents()
        wizard.grab().save(str(OUT / "wizard.png"))
        wizard.close()
        empty.dispose()

        app = open_app(DataPaths(tmp / "demo"), daily_backup=False)
        fill_demo(app)
        actor = auth.login(app, "admin", DEMO_PASSWORD)
        backups.backup_now(app, actor)
        login = LoginDialog(app, "KECAMATAN PARINGIN SELATAN")
        login.form.usernameEdit.setText("admin")
        login.show()
        qapp.processEvents()
        login.grab().save(str(OUT / "login.png"))
        login.close()
        from PySide6.QtCore import QSettings

        QSettings().remove("main_window/geometry")  # as on a first start: fitted to the screen
        window = MainWindow(app, actor, "KECAMATAN PARINGIN SELATAN")
        window.show()  # sized to the screen by the window itself
        for key, name in PAGES.items():
            page = window.show_page(key)
            if key == "audit":
                page.view.table.selectRow(2)
                page.view.table.setCurrentIndex(page.model.index(2, 0))
            if key == "users":
                page.table.selectRow(1)
            for _ in range(5):
                qapp.processEvents()
            window.grab().save(str(OUT / name))
        window.show_page("intake")
        qapp.processEvents()
        window.grab().save(str(OUT / "main_window.png"))
        shoot_intake_dialogs(qapp, app, actor, window)
        shoot_meeting_dialogs(qapp, app, actor, window)
        shoot_ranking(qapp, app, actor, window)
        shoot_preview(qapp, app, actor, window)
        window.close()
        shoot_beranda(qapp, app)
        app.dispose()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"Screenshots written to {OUT}")
    return 0


def shoot_intake_dialogs(qapp, app, actor, window) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.intake.gui.detail_dialog import SubmissionDetailDialog
    from desktop_app.intake.gui.form_dialog import SubmissionDialog

    form = SubmissionDialog(app, actor, window)
    form.reporter_name.setText("Siti Aisyah")
    form.reporter_nik.setText("63110745068")
    form.subject.setText("Usulan bedah rumah")
    form.show()
    qapp.processEvents()
    form.save()  # shows the inline errors (the warning box is captured, not shown)
    qapp.processEvents()
    form.grab().save(str(OUT / "kula_rakat_formulir.png"))
    form.close()
    page = window.show_page("intake")
    row = page.model.row_object(0)
    detail = SubmissionDetailDialog(app, actor, row.id, window)
    detail.show()
    qapp.processEvents()
    detail.grab().save(str(OUT / "kula_rakat_rincian.png"))
    detail.close()


def shoot_meeting_dialogs(qapp, app, actor, window) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.meetings.gui.editor import MeetingEditorDialog

    page = window.show_page("desa_profile")
    page.show_desa("63.11.07.2003")
    qapp.processEvents()
    window.grab().save(str(OUT / "ruko_parsel_profil_desa.png"))
    for tab, name in ((0, "data"), (2, "peserta"), (5, "tindak_lanjut")):
        editor = MeetingEditorDialog(app, actor, 2 if tab != 5 else 8, window, initial_tab=tab)
        editor.show()
        for _ in range(3):
            qapp.processEvents()
        editor.grab().save(str(OUT / f"ruko_parsel_editor_{name}.png"))
        editor.close()


def shoot_ranking(qapp, app, actor, window) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.ranking.gui.ahp_dialog import AhpDialog
    from desktop_app.ranking.services import lists

    draft = lists.run_ranking(app, actor, "rtlh")
    lists.freeze(app, actor, draft.id, "Daftar Prioritas RTLH TA 2027")
    page = window.show_page("ranking")
    page.category_changed()
    page.ranked.view.table.selectRow(0)
    for _ in range(5):
        qapp.processEvents()
    window.grab().save(str(OUT / "peringkat.png"))
    for width, height in ((1024, 768), (1366, 768)):
        window.resize(width, height)
        for _ in range(5):
            qapp.processEvents()
        window.grab().save(str(OUT / f"peringkat_{width}x{height}.png"))
    window.resize(1280, 760)
    page.tabs.setCurrentWidget(page.editor)
    qapp.processEvents()
    window.grab().save(str(OUT / "peringkat_kriteria.png"))
    page.tabs.setCurrentWidget(page.recap)
    qapp.processEvents()
    window.grab().save(str(OUT / "peringkat_rekap.png"))
    names = [c.name for c in page.editor.criteria()][:5]
    dialog = AhpDialog(names, window)
    for (i, j), value in {(0, 1): "3", (0, 2): "5", (1, 2): "3", (0, 3): "2", (2, 4): "1/2",
                          (3, 4): "2", (1, 4): "2"}.items():
        dialog.set_judgement(i, j, value)
    dialog.compute()
    dialog.resize(900, 480)
    dialog.show()
    qapp.processEvents()
    dialog.grab().save(str(OUT / "peringkat_ahp.png"))
    dialog.close()


def shoot_beranda(qapp, app) -> None:  # type: ignore[no-untyped-def]
    """The first page after login as the pimpinan (counts, the frozen list shoot_ranking
    left waiting) and as the verifier."""
    from desktop_app.app.demo import DEMO_PASSWORD
    from desktop_app.app.main_window import MainWindow
    from desktop_app.core.services import auth

    for username, name in (("camat", "beranda_pimpinan.png"),
                           ("verifikator", "beranda_verifikator.png")):
        window = MainWindow(app, auth.login(app, username, DEMO_PASSWORD),
                            "KECAMATAN PARINGIN SELATAN")
        window.show()
        for _ in range(5):
            qapp.processEvents()
        window.grab().save(str(OUT / name))
        window.close()


def shoot_preview(qapp, app, actor, window) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.core.gui.pdf_preview import PdfPreviewDialog
    from desktop_app.intake.services import listing
    from desktop_app.intake.services import printing as intake_print

    target = Path(tempfile.mkdtemp()) / "formulir.pdf"
    intake_print.print_forms(app, actor, listing.filtered_ids(app, actor, None, limit=1), target)
    dialog = PdfPreviewDialog(target, window)
    dialog.show()
    qapp.processEvents()
    dialog.grab().save(str(OUT / "pratinjau_cetak.png"))
    dialog.close()

if __name__ == "__main__":
    sys.exit(main())

