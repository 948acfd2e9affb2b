"""End to end through the KULA RAKAT screens: a walk-in aduan and an RTLH usulan are entered in
the form, saved, printed (formulir and tanda terima), and the aduan goes through the flow."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QDialog

from desktop_app.app.demo import demo_profile
from desktop_app.core.gui import messages, pdf
from desktop_app.core.services import office
from desktop_app.intake.gui import detail_dialog
from desktop_app.intake.gui.detail_dialog import SubmissionDetailDialog
from desktop_app.intake.gui.form_dialog import SubmissionDialog
from desktop_app.intake.gui.list_page import IntakeListPage
from desktop_app.intake.services import details


@pytest.fixture
def gui_env(app_ctx, admin):
    office.save_profile(app_ctx, admin, demo_profile())
    office.save_unit(app_ctx, admin, None, "Seksi Pemerintahan")
    messages.captured, pdf.opened = [], []
    yield app_ctx, admin
    messages.captured, pdf.opened = None, None


def _choose(combo, value):
    combo.setCurrentIndex(combo.findData(value))
    assert combo.currentData() == value


def _pdf_text(path):
    return "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)


def _accept_with(monkeypatch, cls, fill):
    def fake_exec(self):
        fill(self)
        return QDialog.DialogCode.Accepted
    monkeypatch.setattr(cls, "exec", fake_exec)


def test_walk_in_aduan_and_rtlh_usulan_end_to_end(qtbot, gui_env, monkeypatch):
    app, admin = gui_env
    page = IntakeListPage(app, admin)
    qtbot.addWidget(page)

    # 1. A walk-in aduan: first a mistake (no desa, bad phone) → errors, input kept.
    form = SubmissionDialog(app, admin)
    qtbot.addWidget(form)
    _choose(form.kind, "aduan")
    _choose(form.category, "drainase")
    _choose(form.channel, "datang_langsung")
    form.reporter_name.setText("Siti Aisyah")
    form.reporter_phone.setText("12345")
    form.subject.setText("Saluran tersumbat di depan SDN Inan")
    form.save()
    assert form.result() != QDialog.DialogCode.Accepted
    assert form._errors["desa_code"].isVisibleTo(form)
    assert "tidak valid" in form._errors["reporter_phone"].text()
    assert form.reporter_name.text() == "Siti Aisyah"  # nothing typed is lost
    form.reporter_phone.setText("0812 5111 2233")
    _choose(form.desa, "63.11.07.2003")
    form.rt.setText("2")
    form._detail_widgets["road_name"].setText("Saluran Jl. Inan")
    form._detail_widgets["length_m"].setText("120")
    _choose(form._detail_widgets["damage_level"], "Rusak berat")
    form._detail_widgets["households_affected"].setText("35")
    form.save()
    assert form.result() == QDialog.DialogCode.Accepted
    aduan = form.saved
    assert aduan.number.startswith("ADU/")

    # 2. An RTLH usulan; a second one for the same NIK shows the duplicate panel.
    def rtlh_form():
        f = SubmissionDialog(app, admin)
        qtbot.addWidget(f)
        _choose(f.kind, "usulan")
        _choose(f.category, "rtlh")
        _choose(f.channel, "enumerator")
        f.reporter_name.setText("Yusuf Hidayat")
        f.subject.setText("Usulan bedah rumah Abdul Hamid")
        _choose(f.desa, "63.11.07.2003")
        f.rt.setText("2")
        w = f._detail_widgets
        w["household_head"].setText("Abdul Hamid")
        w["nik"].setText("6311071203800001")
        w["monthly_income"].setText("1.200.000")
        w["occupants"].setText("6")
        w["floor_area"].setText("36")
        _choose(w["roof_condition"], "Rusak berat")
        return f

    first = rtlh_form()
    first.save()
    assert first.result() == QDialog.DialogCode.Accepted
    usulan = first.saved
    second = rtlh_form()
    second.save()
    assert second.duplicates_box.isVisibleTo(second) and second.duplicates.count() == 1
    second._save_as_duplicate()
    assert details.get_submission(app, admin, second.saved.id).duplicate_of == usulan.number

    # 3. The list shows them; print the form and the receipt of the aduan.
    page.refresh()
    assert page.model.total == 3
    page.search.setText(aduan.number)
    page.apply_filter()
    assert page.model.total == 1
    page.view.table.selectRow(0)
    page.print_form()  # rendered on a worker, then previewed
    qtbot.waitUntil(lambda: len(pdf.opened) == 1, timeout=20_000)
    page.print_receipt()
    qtbot.waitUntil(lambda: len(pdf.opened) == 2, timeout=20_000)
    form_pdf, receipt_pdf = pdf.opened[-2:]
    form_text = _pdf_text(form_pdf)
    assert aduan.number in form_text and "KECAMATAN PARINGIN SELATAN" in form_text
    assert "TANDA TERIMA" in _pdf_text(receipt_pdf)

    # 4. The aduan through the status flow in the record view.
    view = SubmissionDetailDialog(app, admin, aduan.id)
    qtbot.addWidget(view)
    view.show()  # as the user sees it: each change refreshes the open view
    _accept_with(monkeypatch, detail_dialog.VerifyDialog,
                 lambda d: d.findings.setPlainText("Saluran tersumbat sampah 40 m"))
    view.verify()
    _accept_with(monkeypatch, detail_dialog.DispositionDialog,
                 lambda d: d.instruction.setPlainText("Koordinasikan kerja bakti dengan desa"))
    view.dispose()
    def to_done(d):
        d.target.setCurrentIndex(d.target.findData("selesai"))
        d.note.setPlainText("Saluran sudah dibersihkan")
    _accept_with(monkeypatch, detail_dialog.StatusDialog, to_done)
    view.change_status()
    detail = details.get_submission(app, admin, aduan.id)
    assert detail.status == "selesai"
    assert [t.text.split(":")[0] for t in detail.timeline] == [
        "Diterima", "Diterima → Diverifikasi", "Diverifikasi → Ditindaklanjuti",
        "Ditindaklanjuti → Selesai"]
    assert detail.dispositions[0].unit == "Seksi Pemerintahan"
    view.print_disposition()
    qtbot.waitUntil(lambda: len(pdf.opened) == 3, timeout=20_000)
    assert "LEMBAR DISPOSISI" in _pdf_text(pdf.opened[-1])
