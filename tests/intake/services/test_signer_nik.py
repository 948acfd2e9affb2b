"""The formulir an operator prints shows the NIK of the pelapor/pengusul who signs it (his own
number, needed on what he signs), while the household head's NIK, the No. KK and the income
stay masked for her role."""

from __future__ import annotations

from desktop_app.core.domain.roles import Role
from desktop_app.intake.services import details, printing
from desktop_app.intake.services.records import create_submission
from tests.conftest import make_user
from tests.intake.factories import rtlh_input
from tests.pdf_text import page_lines

SIGNER = "6311074506850002"


def _operator(app_ctx, admin):
    from desktop_app.app.demo import demo_profile
    from desktop_app.core.services import office

    office.save_profile(app_ctx, admin, demo_profile())  # the admin's own save (no unchecked path)
    return make_user(app_ctx, "rina", Role.OPERATOR, "Rina")


def test_operator_formulir_shows_the_signers_own_nik_only(app_ctx, admin, tmp_path):
    saved = create_submission(app_ctx, admin, rtlh_input(reporter_nik=SIGNER))
    operator = _operator(app_ctx, admin)
    assert details.get_submission(app_ctx, operator, saved.id).reporter_nik != SIGNER  # screen
    text = " ".join(page_lines(printing.print_forms(app_ctx, operator, [saved.id],
                                                    tmp_path / "f.pdf")))
    assert SIGNER in text  # the one who signs reads his own NIK
    assert "6311071203800001" not in text and "631107**********" in text  # household head
    assert "6311070101150003" not in text  # No. KK
    assert "1.200.000" not in text  # income


def test_household_head_signing_for_himself_sees_his_nik(app_ctx, admin, tmp_path):
    saved = create_submission(app_ctx, admin, rtlh_input(
        reporter_name="Abdul Hamid", reporter_nik="6311071203800001"))
    text = " ".join(page_lines(printing.print_forms(app_ctx, _operator(app_ctx, admin), [saved.id],
                                                    tmp_path / "f.pdf")))
    assert text.count("6311071203800001") == 2  # section A and the household head
    assert "6311070101150003" not in text
