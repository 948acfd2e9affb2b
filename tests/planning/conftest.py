"""Planning fixtures: a year with its frame and a few desa proposals."""

from __future__ import annotations

import pytest

from desktop_app.core.services.context import Actor, AppContext
from desktop_app.planning.domain.proposals import ProposalInput
from desktop_app.planning.services import frame

YEAR = 2027
INAN = "63.11.07.2003"
HALUBAU = "63.11.07.2007"
BINJAI = "63.11.07.2008"
KECAMATAN = "63.11.07"


def proposal(desa: str = INAN, work: str = "Rabat beton jalan RT 03", volume: float = 100,
             unit_price: int = 1_250_000, **kw: object) -> ProposalInput:
    values = dict(year=YEAR, desa_code=desa, problem="Jalan becek saat hujan", work=work,
                  proposer_name="Basuni", unit="m", volume=volume, unit_price=unit_price,
                  land_status="hibah", coverage="rw")
    values.update(kw)
    return ProposalInput(**values)  # type: ignore[arg-type]


@pytest.fixture
def planned(app_ctx: AppContext, admin: Actor) -> tuple[AppContext, Actor, dict[str, int]]:
    """Year 2027 with two priorities, one macro problem and the kecamatan's ceiling."""
    ids = {
        "P1": frame.save_priority(app_ctx, admin, frame.PriorityInfo(
            None, YEAR, "P1", "Infrastruktur jalan dan drainase", "rpjmd", "78% mantap")),
        "P2": frame.save_priority(app_ctx, admin, frame.PriorityInfo(
            None, YEAR, "P2", "Penurunan kemiskinan", "rkpd", "4,9%")),
        "M1": frame.save_macro_problem(app_ctx, admin, frame.MacroProblemInfo(
            None, YEAR, "M1", "Kemiskinan", "", 1,
            [frame.IndicatorInfo(None, "Penduduk miskin", 2025, 5.31, "%", 4.9, "63.11")])),
    }
    frame.set_ceiling(app_ctx, admin, YEAR, KECAMATAN, 400_000_000)
    return app_ctx, admin, ids
