"""Who acknowledges ("Mengetahui") a rembuk's berita acara, chosen where its delegates are
chosen: the office head by default, someone else for a kabupaten rembuk; pressed like a
person does, then the printout read back."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from desktop_app.core.gui import messages
from desktop_app.planning.gui.rembuk_page import RembukPage
from desktop_app.planning.services import printing, rembuk
from tests.gui_driver import answer, button, click, field
from tests.pdf_text import page_lines


def select_all_and_type(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)


@pytest.fixture
def quiet():
    messages.captured = []
    yield messages.captured
    messages.captured = None


def _kabupaten_page(qtbot, app, admin):
    kab = next(r for r in rembuk.list_rembuks(app, admin) if r.level == "kabupaten")
    page = RembukPage(app, admin)
    qtbot.addWidget(page)
    page.resize(1024, 768)
    page.show()
    page.open_rembuk(kab.id)
    assert page.info is not None and page.info.id == kab.id
    return page, kab


def test_the_kabupaten_rembuk_names_its_acknowledger_in_the_delegates_dialog(
        qtbot, demo_app, quiet, tmp_path):
    app, admin = demo_app
    page, kab = _kabupaten_page(qtbot, app, admin)
    seen = {}

    def fill(dialog):
        name = field(dialog, "Mengetahui (nama)")
        seen["default"] = name.text()
        select_all_and_type(qtbot, name, "Drs. H. Sutikno, M.AP")
        select_all_and_type(qtbot, field(dialog, "Jabatan yang mengetahui"),
                            "Sekretaris Daerah Kabupaten Balangan")
        select_all_and_type(qtbot, field(dialog, "NIP yang mengetahui"), "196905141994031006")
        click(qtbot, button(dialog, "Simpan"))

    with answer(qtbot, fill):
        click(qtbot, page.delegates_button, wait=False)
    assert seen["default"] == "MEGAWATI, S.Pd, M.Pd"  # the office head, until changed
    assert quiet == []
    assert rembuk.get_rembuk(app, admin, kab.id).acknowledger == (
        "Drs. H. Sutikno, M.AP", "Sekretaris Daerah Kabupaten Balangan", "196905141994031006")
    pages = page_lines(printing.print_berita_acara(app, admin, kab.id, tmp_path / "ba.pdf"))
    signed = next(p for p in pages if "Mengetahui" in p)
    assert "Drs. H. Sutikno, M.AP" in signed and "NIP. 19690514 199403 1 006" in signed
    assert "Sekretaris Daerah Kabupaten Balangan" in signed and "MEGAWATI" not in signed

    # A NIP that is not one: said under the field, nothing saved, the dialog stays open.
    def wrong(dialog):
        select_all_and_type(qtbot, field(dialog, "NIP yang mengetahui"), "19690514")
        click(qtbot, button(dialog, "Simpan"))
        assert dialog.isVisible()
        shown = " ".join(w.text() for w in dialog.findChildren(QLabel) if w.isVisible())
        assert "NIP harus 18 digit angka." in shown
        click(qtbot, button(dialog, "Batal"))

    messages.text_answers[:] = []
    with answer(qtbot, wrong):
        click(qtbot, page.delegates_button, wait=False)
    assert rembuk.get_rembuk(app, admin, kab.id).acknowledger[2] == "196905141994031006"
    assert [m for m in quiet if "tak terduga" in m[0]] == []
