"""When the next realisation step of an accepted usulan is due, by the planning calendar.

The RKPD of year Y is fixed by Perkada at the latest at the end of June of Y-1 (Permendagri
86/2017); the APBD of Y is approved by the kepala daerah and the DPRD at the latest one month
before the budget year begins, 30 November of Y-1 (PP 12/2019); the work is done within the
budget year Y. An usulan still at an earlier step after that date is late."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.planning.domain.labels import Realisation


@dataclass(frozen=True)
class NextStep:
    what: str  # what is still missing, as the Beranda says it
    due: date


def next_step(year: int, stage: Realisation | str) -> NextStep | None:
    """The step an usulan of planning year ``year`` at ``stage`` waits for; None once done or
    not funded."""
    stage = Realisation(stage)
    if stage is Realisation.NONE:
        return NextStep("belum tercatat masuk RKPD", date(year - 1, 6, 30))
    if stage is Realisation.RKPD:
        return NextStep("belum tercatat masuk APBD", date(year - 1, 11, 30))
    if stage in (Realisation.APBD, Realisation.ONGOING):
        return NextStep("belum tercatat selesai", date(year, 12, 31))
    return None
