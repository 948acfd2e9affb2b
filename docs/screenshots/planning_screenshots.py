"""REMBUK REMAS screenshots at 1024×768 and 1366×768 on a demo database (run under Xvfb):

    xvfb-run -a -s "-screen 0 1366x800x24" .venv/bin/python docs/screenshots/planning_screenshots.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent
SIZES = {"1024": (1024, 768), "1366": (1366, 768)}


def _settle(qapp) -> None:  # type: ignore[no-untyped-def]
    for _ in range(5):
        qapp.processEvents()


def main() -> int:
    from desktop_app.app.demo import DEMO_PASSWORD, fill_demo
    from desktop_app.app.gui import make_qapplication
    from desktop_app.app.main_window import MainWindow
    from desktop_app.core.gui import messages
    from desktop_app.core.services import auth
    from desktop_app.core.services.bootstrap import open_app
    from desktop_app.paths import DataPaths

    messages.captured = []
    qapp = make_qapplication(sys.argv[:1])
    tmp = Path(tempfile.mkdtemp(prefix="ruko-planning-shots-"))
    try:
        app = open_app(DataPaths(tmp / "demo"), daily_backup=False)
        fill_demo(app)
        actor = auth.login(app, "perencana", DEMO_PASSWORD)
        window = MainWindow(app, actor, "KECAMATAN PARINGIN SELATAN")
        window.show()
        for size, (w, h) in SIZES.items():
            window.resize(w, h)
            shoot(qapp, app, actor, window, size)
        printed(app, actor)
        window.close()
        app.dispose()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"Screenshots written to {OUT}")
    return 0


def shoot(qapp, app, actor, window, size: str) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.planning.gui.proposal_dialog import ProposalDialog

    page = window.show_page("planning_proposals")
    _settle(qapp)
    window.grab().save(str(OUT / f"rembuk_usulan_{size}.png"))
    row = page.model.row_object(0)
    dialog = ProposalDialog(app, actor, window, proposal_id=row.id)
    dialog.resize(min(860, window.width() - 40), min(640, window.height() - 40))
    dialog.show()
    _settle(qapp)
    dialog.grab().save(str(OUT / f"rembuk_formulir_{size}.png"))
    dialog.tabs.setCurrentIndex(dialog.tabs.count() - 1)
    _settle(qapp)
    dialog.grab().save(str(OUT / f"rembuk_riwayat_{size}.png"))
    dialog.close()
    page = window.show_page("planning_rembuk")
    page.rembuk.setCurrentIndex(page.rembuk.count() - 1)  # the kecamatan rembuk
    _settle(qapp)
    page.view.table.selectRow(2)
    _settle(qapp)
    window.grab().save(str(OUT / f"rembuk_penyaringan_{size}.png"))
    page = window.show_page("planning_frame")
    page.tabs.setCurrentIndex(1)
    page.problems.selectRow(0)
    _settle(qapp)
    window.grab().save(str(OUT / f"rembuk_kerangka_{size}.png"))
    page = window.show_page("planning_accountability")
    _settle(qapp)
    window.grab().save(str(OUT / f"rembuk_akuntabilitas_{size}.png"))
    page.tabs.setCurrentIndex(1)
    _settle(qapp)
    window.grab().save(str(OUT / f"rembuk_rekap_{size}.png"))


def printed(app, actor) -> None:  # type: ignore[no-untyped-def]
    """The first page of the berita acara and of the first desa letter, as PNG (pdftoppm)."""
    import subprocess

    from desktop_app.planning.services import printing, rembuk

    info = next(r for r in rembuk.list_rembuks(app, actor) if r.level == "kecamatan")
    tmp = Path(tempfile.mkdtemp())
    for name, fn, page in (("cetak_ba_musrenbang", printing.print_berita_acara, 1),
                           ("cetak_surat_desa", printing.print_desa_letters, 2)):
        pdf = fn(app, actor, info.id, tmp / f"{name}.pdf")
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", str(page), "-l", str(page),
                        "-singlefile", str(pdf), str(OUT / name)], check=True)
    shutil.rmtree(tmp, ignore_errors=True)

if __name__ == "__main__":
    sys.exit(main())
