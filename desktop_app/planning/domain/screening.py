"""Screening one proposal at one tier: the seed's four tests, the authority and land checks,
and the verdict rules (a refusal needs typed reasons and text, a redirection its target)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from desktop_app.core.domain.errors import ValidationError
from desktop_app.planning.domain.labels import (
    Authority,
    LandStatus,
    RedirectTarget,
    RejectReason,
    ScreeningVerdict,
)

# The tests in the order the screening table shows them; key → (column title, question).
TESTS: dict[str, tuple[str, str]] = {
    "aligned": ("Selaras", "Selaras dengan prioritas RPJMD/RKPD (dan provinsi/nasional)?"),
    "within_ceiling": ("Dalam pagu", "Sesuai kemampuan keuangan (dalam pagu indikatif)?"),
    "direct_impact": ("Berdampak", "Berdampak langsung pada kesejahteraan, kemiskinan atau "
                                   "pengangguran?"),
    "core_problem": ("Masalah pokok", "Menjawab masalah pokok desa?"),
    "authority_ok": ("Kewenangan", "Kewenangan pemerintah kabupaten?"),
    "land_ok": ("Lahan", "Status lahan jelas (milik pemerintah/desa/hibah)?"),
}
# A failed test and the refusal reason it stands for.
TEST_REASON = {
    "aligned": RejectReason.NOT_ALIGNED,
    "within_ceiling": RejectReason.OVER_CEILING,
    "direct_impact": RejectReason.NO_IMPACT,
    "core_problem": RejectReason.NOT_CORE,
    "authority_ok": RejectReason.NOT_AUTHORITY,
    "land_ok": RejectReason.LAND,
}


@dataclass
class ScreeningInput:
    verdict: str | None = None  # None: not decided yet
    aligned: bool | None = None
    priority_id: int | None = None  # which priority it is aligned with
    within_ceiling: bool | None = None
    direct_impact: bool | None = None
    core_problem: bool | None = None
    authority_ok: bool | None = None
    land_ok: bool | None = None
    reasons: list[str] = field(default_factory=list)
    note: str = ""
    redirect_target: str = ""
    redirect_detail: str = ""
    recommendation: str = ""
    volume: float | None = None  # this tier's own volume and unit price (None: keep)
    unit_price: int | None = None
    scores: dict[str, float] = field(default_factory=dict)

    def tests(self) -> dict[str, bool | None]:
        return {key: getattr(self, key) for key in TESTS}


def check_screening(data: ScreeningInput, *, physical: bool) -> dict[str, Any]:
    """Clean values of one screening row; ValidationError naming each broken rule."""
    errors: dict[str, str] = {}
    verdict: ScreeningVerdict | None = None
    if data.verdict:
        try:
            verdict = ScreeningVerdict(data.verdict)
        except ValueError:
            errors["verdict"] = "Putusan penyaringan tidak dikenal."
    reasons: list[str] = []
    for code in data.reasons:
        try:
            reasons.append(RejectReason(code).value)
        except ValueError:
            errors["reasons"] = f"Alasan '{code}' tidak dikenal."
    note = (data.note or "").strip()
    target = (data.redirect_target or "").strip()
    detail = (data.redirect_detail or "").strip()
    tests = data.tests()
    if data.aligned and data.priority_id is None:
        errors["priority_id"] = "Pilih prioritas yang diselaraskan."
    if verdict is ScreeningVerdict.PASSED:
        failed = [TESTS[k][0] for k, v in tests.items()
                  if v is False and (physical or k != "land_ok")]
        unknown = [TESTS[k][0] for k, v in tests.items()
                   if v is None and (physical or k != "land_ok")]
        if failed:
            errors["verdict"] = ("Usulan yang tidak lulus uji " + ", ".join(failed)
                                 + " tidak dapat diloloskan; pilih tidak diakomodir atau "
                                   "dialihkan.")
        elif unknown:
            errors["verdict"] = "Nilai dahulu semua uji sebelum meloloskan: " + ", ".join(unknown) + "."
    elif verdict is ScreeningVerdict.REJECTED:
        if not reasons:
            errors["reasons"] = "Pilih sedikitnya satu alasan usulan tidak diakomodir."
        if not note:
            errors["note"] = "Tuliskan penjelasan untuk desa: mengapa usulan tidak diakomodir."
    elif verdict is ScreeningVerdict.REDIRECTED:
        try:
            target = RedirectTarget(target).value
        except ValueError:
            errors["redirect_target"] = "Pilih ke mana usulan dialihkan."
        if target == RedirectTarget.OTHER_AGENCY.value and not detail:
            errors["redirect_detail"] = "Sebutkan SKPD tujuan pengalihan."
    elif verdict is ScreeningVerdict.REVISE and not note:
        errors["note"] = "Tuliskan apa yang harus diperbaiki oleh tingkat di bawahnya."
    if data.volume is not None and not data.volume > 0:
        errors["volume"] = "Volume harus lebih dari 0."
    if data.unit_price is not None and data.unit_price < 0:
        errors["unit_price"] = "Harga satuan tidak boleh negatif."
    scores: dict[str, float] = {}
    for key, value in (data.scores or {}).items():
        if value is None:
            continue
        number = float(value)
        if not 0 <= number <= 1_000_000_000:
            errors[f"score_{key}"] = "Nilai kriteria di luar rentang."
        scores[key] = number
    if errors:
        raise ValidationError(field_errors=errors)
    keep_reasons = verdict is ScreeningVerdict.REJECTED
    return {
        "verdict": verdict.value if verdict else None,
        **tests,
        "priority_id": data.priority_id if data.aligned else None,
        "reasons": ",".join(reasons) if keep_reasons else "",
        "note": note,
        "redirect_target": target if verdict is ScreeningVerdict.REDIRECTED else "",
        "redirect_detail": detail if verdict is ScreeningVerdict.REDIRECTED else "",
        "recommendation": (data.recommendation or "").strip(),
        "scores": scores,
    }


def suggest_tests(*, authority: str, land_status: str, physical: bool,
                  cost: int, remaining_ceiling: int | None) -> dict[str, bool | None]:
    """What the record already tells: authority, land, and whether the cost fits the ceiling.
    Alignment, impact and the core problem are the rembuk's judgement (left None)."""
    return {
        "authority_ok": authority == Authority.KABUPATEN.value,
        "land_ok": LandStatus(land_status).is_clear if physical else None,
        "within_ceiling": None if remaining_ceiling is None else cost <= remaining_ceiling,
    }


def suggest_verdict(tests: dict[str, bool | None], *, authority: str,
                    physical: bool) -> tuple[str | None, list[str], str]:
    """(verdict, reasons, redirect target) the tests point to; the rembuk decides."""
    if tests.get("authority_ok") is False:
        target = {Authority.DESA.value: RedirectTarget.APBDES.value,
                  Authority.PROVINSI.value: RedirectTarget.PROVINSI.value,
                  Authority.PUSAT.value: RedirectTarget.PROVINSI.value}.get(authority, "")
        if target:
            return ScreeningVerdict.REDIRECTED.value, [], target
    failed = [TEST_REASON[k].value for k, v in tests.items()
              if v is False and (physical or k != "land_ok")]
    if failed:
        return ScreeningVerdict.REJECTED.value, failed, ""
    relevant = [v for k, v in tests.items() if physical or k != "land_ok"]
    if relevant and all(v is True for v in relevant):
        return ScreeningVerdict.PASSED.value, [], ""
    return None, [], ""


def reasons_text(codes: str | list[str]) -> str:
    """'tidak_selaras,lahan' → the labels joined by '; '."""
    items = codes.split(",") if isinstance(codes, str) else codes
    return "; ".join(RejectReason.label_of(c) for c in items if c)


def verdict_text(verdict: str | None, reasons: str, note: str, target: str,
                 detail: str) -> str:
    """One sentence for a letter or a recap: why a proposal fared as it did."""
    if not verdict:
        return "Belum dibahas."
    v = ScreeningVerdict(verdict)
    if v is ScreeningVerdict.PASSED:
        return note or "Lolos penyaringan."
    if v is ScreeningVerdict.REDIRECTED:
        where = RedirectTarget.label_of(target, "")
        return f"Dialihkan ke {where}{': ' + detail if detail else ''}." + (
            f" {note}" if note else "")
    if v is ScreeningVerdict.REVISE:
        return f"Dikembalikan untuk perbaikan: {note}"
    text = reasons_text(reasons)
    return f"{text}. {note}".strip() if text else note
