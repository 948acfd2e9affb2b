"""The lembar disposisi as Indonesian offices fill it in: the *sifat* of the case and the usual
instruction checklist ("Dengan hormat harap: …"), besides a free note."""

from __future__ import annotations

from collections.abc import Iterable

from desktop_app.core.domain.labels import LabeledEnum


class DispositionNature(LabeledEnum):
    BIASA = "biasa", "Biasa"
    SEGERA = "segera", "Segera"
    SANGAT_SEGERA = "sangat_segera", "Sangat Segera"
    RAHASIA = "rahasia", "Rahasia"


# The instructions printed on the form, each with a box that is ticked when chosen.
INSTRUCTIONS = (
    "Untuk diketahui",
    "Untuk ditindaklanjuti",
    "Untuk diproses sesuai ketentuan",
    "Untuk dicek ke lapangan",
    "Untuk dibicarakan/dikoordinasikan",
    "Untuk dijawab",
    "Untuk disiapkan bahan/laporannya",
    "Untuk diarsipkan",
)


def clean_instructions(chosen: Iterable[str]) -> list[str]:
    """The chosen instructions in the form's order; ValueError for one not on the form."""
    picked = {c.strip() for c in chosen if c and c.strip()}
    unknown = picked - set(INSTRUCTIONS)
    if unknown:
        raise ValueError(f"Instruksi tidak dikenal: {', '.join(sorted(unknown))}")
    return [i for i in INSTRUCTIONS if i in picked]


def join_instructions(chosen: Iterable[str]) -> str:
    return "\n".join(chosen)


def split_instructions(stored: str | None) -> list[str]:
    return [line for line in (stored or "").splitlines() if line.strip()]
