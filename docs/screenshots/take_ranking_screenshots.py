"""Screenshots of the Peringkat Prioritas screens at the screen size Xvfb gives (run it twice):

    xvfb-run -a -s "-screen 0 1024x768x24" .venv/bin/python docs/screenshots/take_ranking_screenshots.py
    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/screenshots/take_ranking_screenshots.py

The main window fills the available screen; output: docs/screenshots/peringkat/WxH/*.png, and
the printed priority list's pages (A4 and F4) rendered with pdftoppm into
docs/screenshots/peringkat/cetak/.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent / "peringkat"


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from desktop_app.app.demo import DEMO_PASSWORD, fill_demo
    from desktop_app.app.gui import make_qapplication
    from desktop_app.app.main_window import MainWindow
    from desktop_app.core.gui import messages
    from desktop_app.core.services import auth
    from desktop_app.core.services.bootstrap import open_app
    from desktop_app.paths import DataPaths
    from desktop_app.ranking.gui.explain_panel import ExplainDialog
    from desktop_app.ranking.services import lists, printing

    messages.captured = []
    qapp = make_qapplication(sys.argv[:1])
    room = QApplication.primaryScreen().availableGeometry()
    out = OUT / f"{room.width()}x{room.height()}"
    out.mkdir(parents=True, exist_ok=True)

    def shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
        widget.show()
        for _ in range(5):
            qapp.processEvents()
        widget.grab().save(str(out / f"{name}.png"))
        print(f"{name}: {widget.width()}x{widget.height()} (minimum "
              f"{widget.minimumSizeHint().width()} px; layar {room.width()}x{room.height()})")

    tmp = Path(tempfile.mkdtemp(prefix="ruko-rank-"))
    app = open_app(DataPaths(tmp / "demo"), daily_backup=False)
    fill_demo(app)
    actor = auth.login(app, "admin", DEMO_PASSWORD)
    draft = lists.run_ranking(app, actor, "rtlh")
    frozen = lists.freeze(app, actor, draft.id, "Daftar Prioritas RTLH TA 2027")
    lists.run_ranking(app, actor, "rtlh")
    window = MainWindow(app, actor, "KECAMATAN PARINGIN SELATAN")
    window.setGeometry(room)
    window.show()
    page = window.show_page("ranking")
    page.ranked.view.table.selectRow(1)
    shot(window, "1_peringkat_kerja")
    page.open_frozen(lists.get_list(app, actor, frozen.id))
    page.ranked.view.table.selectRow(0)
    shot(window, "2_daftar_beku")
    for i, name in ((1, "3_rekap"), (2, "4_kriteria"), (3, "5_daftar_beku_tab")):
        page.tabs.setCurrentIndex(i)
        shot(window, name)
    row = page.ranked.selected_row()
    dialog = ExplainDialog(app, actor, frozen.id, page.ranked.criteria, row.submission_id,
                           window)
    shot(dialog, "6_rincian_skor")
    dialog.close()
    # The page alone at the width it gets beside the navigation in a window as wide as the
    # screen (the main window may be held wider by another page's minimum).
    from desktop_app.ranking.gui.page import RankingPage

    alone = RankingPage(app, actor)
    alone.resize(room.width() - 215, room.height() - 60)
    alone.open_frozen(lists.get_list(app, actor, frozen.id))
    shot(alone, "7_halaman_saja")
    if room.width() == 1024:
        cetak = OUT / "cetak"
        cetak.mkdir(exist_ok=True)
        from desktop_app.core.services import office

        profile = office.get_profile(app)
        for paper in ("A4", "F4"):
            profile.paper_size = paper
            office.save_profile(app, actor, profile)
            pdf = tmp / f"daftar-{paper}.pdf"
            printing.print_priority_list(app, actor, frozen.id, pdf)
            subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf),
                            str(cetak / f"daftar_prioritas_{paper}")], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
