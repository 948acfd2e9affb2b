"""The status flow: verification, reasons, permissions."""

from __future__ import annotations

import pytest

from desktop_app.core.domain.errors import PermissionDenied, ValidationError
from desktop_app.core.services import audit
from desktop_app.intake.domain.submissions import (
    Status,
)
from desktop_app.intake.services import (
    details,
    records,
    workflow,
)
from tests.intake.factories import (
    aduan_input,
)


def test_status_flow_with_reasons_and_permissions(app_ctx, operator, verifier):
    saved = records.create_submission(app_ctx, operator, aduan_input())
    with pytest.raises(PermissionDenied):
        workflow.verify(app_ctx, operator, saved.id, "Sudah dicek")
    with pytest.raises(ValidationError, match="tidak dapat diubah"):
        workflow.change_status(app_ctx, verifier, saved.id, Status.SELESAI)
    with pytest.raises(ValidationError):
        workflow.change_status(app_ctx, verifier, saved.id, Status.DITOLAK, "")
    workflow.verify(app_ctx, verifier, saved.id, "Saluran tersumbat sampah sepanjang 40 m")
    workflow.change_status(app_ctx, verifier, saved.id, Status.DITINDAKLANJUTI, "Kerja bakti")
    workflow.change_status(app_ctx, verifier, saved.id, Status.SELESAI, "Saluran bersih")
    detail = details.get_submission(app_ctx, verifier, saved.id)
    assert [t.text.split(":")[0] for t in detail.timeline] == [
        "Diterima", "Diterima → Diverifikasi", "Diverifikasi → Ditindaklanjuti",
        "Ditindaklanjuti → Selesai",
    ]
    assert audit.verify_chain(app_ctx, verifier.__class__(None, "x", "x", "admin")).ok
