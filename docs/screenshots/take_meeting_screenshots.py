"""Screenshots of every RUKO PARSEL screen at the screen size Xvfb gives (run it twice):

    xvfb-run -a -s "-screen 0 1024x768x24" .venv/bin/python docs/screenshots/take_meeting_screenshots.py
    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/screenshots/take_meeting_screenshots.py

Pages fill the available screen as the main window would; dialogs open at their own size, so a
dialog that does not fit the screen shows it. Output: docs/screenshots/ruko_parsel/WxH/*.png.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent / "ruko_parsel"


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from desktop_app.app.demo import DEMO_PASSWORD, fill_demo
    from desktop_app.app.gui import make_qapplication
    from desktop_app.app.main_window import MainWindow
    from desktop_app.core.gui import messages
    from desktop_app.core.services import auth
    from desktop_app.core.services.bootstrap import open_app
    from desktop_app.meetings.gui.common import ActionDialog, ActionUpdateDialog, ProblemDialog
    from desktop_app.meetings.gui.editor import MeetingEditorDialog
    from desktop_app.meetings.gui.list_page import PrepareNextDialog, SearchDialog
    from desktop_app.meetings.services import listing, tracker
    from desktop_app.paths import DataPaths

    messages.captured = []
    qapp = make_qapplication(sys.argv[:1])
    room = QApplication.primaryScreen().availableGeometry()
    out = OUT / f"{room.width()}x{room.height()}"
    out.mkdir(parents=True, exist_ok=True)

    def settle() -> None:
        for _ in range(5):
            qapp.processEvents()

    def shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
        widget.show()
        settle()
        widget.grab().save(str(out / f"{name}.png"))
        print(f"{name}: {widget.width()}x{widget.height()} (layar {room.width()}x"
              f"{room.height()})")

    app = open_app(DataPaths(Path(tempfile.mkdtemp(prefix="ruko-meet-")) / "demo"),
                   daily_backup=False)
    fill_demo(app)
    actor = auth.login(app, "admin", DEMO_PASSWORD)
    window = MainWindow(app, actor, "KECAMATAN PARINGIN SELATAN")
    window.setGeometry(room)
    window.show()
    for key in ("meetings", "meeting_actions", "desa_profile", "meeting_recap",
                "meeting_lists"):
        page = window.show_page(key)
        if key == "desa_profile":
            page.show_desa("63.11.07.2003")  # type: ignore[attr-defined]
        shot(window, f"halaman_{key}")
    rows = listing.list_meetings(app, actor)
    draft = next(r for r in rows if r.status_label == "Draf" and r.present)
    final = next(r for r in rows if r.status_label == "Final")
    names = ["data", "agenda", "peserta", "masalah", "kesepakatan", "tindak_lanjut",
             "addendum"]
    for tab, name in enumerate(names):
        editor = MeetingEditorDialog(app, actor, draft.id, window, initial_tab=tab)
        shot(editor, f"editor_{tab + 1}_{name}")
        editor.close()
    editor = MeetingEditorDialog(app, actor, final.id, window, initial_tab=6)
    shot(editor, "editor_final_addendum")
    editor.close()
    editor = MeetingEditorDialog(app, actor, draft.id, window)
    detail = editor.detail
    assert detail is not None
    shot(ProblemDialog(app, actor, detail.id, detail.desa, parent=editor), "dialog_masalah")
    shot(ActionDialog(app, actor, detail.id, detail.desa, problems=detail.problems,
                      parent=editor), "dialog_tindak_lanjut")
    action = tracker.list_actions(app, actor)[0]
    shot(ActionUpdateDialog(app, actor, action, None, window), "dialog_perkembangan")
    shot(PrepareNextDialog(app, window), "dialog_rapat_berikutnya")
    shot(SearchDialog(app, actor, "laporan", window), "dialog_cari")
    editor.close()
    unexpected = [t for t, _ in messages.captured if t == "Kesalahan tak terduga"]
    app.dispose()
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
