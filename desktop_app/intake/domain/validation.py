"""What a form, a spreadsheet row or a phone sends for one submission, and the checks that turn
it into clean column values (every field's message at once, in Indonesian)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop_app.core.domain import clock
from desktop_app.core.domain.errors import ValidationError
from desktop_app.core.domain.identity import check_kk, check_nik, check_phone
from desktop_app.intake.domain.submissions import (
    Category,
    Channel,
    FieldKind,
    FieldSpec,
    SubmissionKind,
    coerce_field,
    fields_for,
    sanitation_conflicts,
)


@dataclass
class SubmissionInput:
    kind: str
    category: str
    received_on: date
    channel: str
    reporter_name: str
    subject: str
    desa_code: str
    description: str = ""
    reporter_nik: str = ""
    reporter_phone: str = ""
    reporter_address: str = ""
    reporter_desa_code: str | None = None
    reporter_rt: str = ""
    reporter_rw: str = ""
    rt: str = ""
    rw: str = ""
    address: str = ""
    latitude: float | None = None
    longitude: float | None = None
    details: dict[str, Any] = field(default_factory=dict)  # category fields, by key
    # Personal fields the form showed masked and the user left as they were: on update the
    # stored value stays (an operator never sees a NIK, No. KK or income, yet may save).
    kept: frozenset[str] = frozenset()


PERSONAL_FIELDS = ("nik", "kk_number", "reporter_nik")
HIDDEN_FIELDS = (*PERSONAL_FIELDS, "monthly_income")  # masked or blanked for some roles


def clean_rt(value: str) -> str | None:
    """RT/RW as three digits ("2" → "002"); ValueError for anything else."""
    text = (value or "").strip()
    if not text:
        return None
    if not text.isdigit() or len(text) > 3:
        raise ValueError("harus angka 1-3 digit")
    return f"{int(text):03d}"


# What makes an imported row unusable: it is refused. Any other fault leaves the value empty and
# flags the record "perlu dicek" with the reason, so that verification completes it.
HARD_FIELDS = frozenset({"kind", "category", "channel", "received_on", "reporter_name",
                         "subject", "desa_code"})


def validate(data: SubmissionInput, categories: Collection[str] | None = None,
             ) -> tuple[dict[str, Any], list[str]]:
    """Check everything; return the cleaned column values and warnings, or raise
    ValidationError with every field's message at once (the form keeps what was typed).

    ``categories``: the category codes that may be chosen (the active ones, read by the
    caller's unit of work); None allows the built-in categories only."""
    clean, warnings, errors = _check(data, categories)
    if errors:
        raise ValidationError(field_errors=errors)
    conflicts = sanitation_conflicts(clean)
    if conflicts:  # saved, flagged "perlu dicek" for the field check, and said at once
        clean["needs_check"] = True
        clean["check_reason"] = "; ".join(conflicts)
        warnings.extend(conflicts)
    return clean, warnings


def validate_partial(data: SubmissionInput, categories: Collection[str] | None = None,
                     ) -> tuple[dict[str, Any], list[str], list[str]]:
    """For imports: (clean values, warnings, checks). Faults of ``HARD_FIELDS`` (and a missing
    or invalid NIK of an RTLH record) raise ValidationError; any other faulty value is left
    empty and its reason returned in ``checks``."""
    clean, warnings, errors = _check(data, categories)
    rtlh = clean.get("category") == Category.RTLH.value
    hard = {k: v for k, v in errors.items() if k in HARD_FIELDS or (rtlh and k == "nik")}
    if hard:
        raise ValidationError(field_errors=hard)
    checks = sanitation_conflicts(clean)
    for key, message in errors.items():
        clean[key] = None
        checks.append(message.replace("wajib diisi", "belum diisi").rstrip(".")
                      + ("" if "belum diisi" in message.replace("wajib diisi", "belum diisi")
                         else "; dikosongkan"))
    return clean, warnings, checks


def _check(data: SubmissionInput, categories: Collection[str] | None,
           ) -> tuple[dict[str, Any], list[str], dict[str, str]]:
    errors: dict[str, str] = {}
    warnings: list[str] = []
    clean: dict[str, Any] = {}
    kept = data.kept & set(HIDDEN_FIELDS)
    try:
        clean["kind"] = SubmissionKind(data.kind).value
    except ValueError:
        errors["kind"] = "Pilih jenis: usulan, laporan atau aduan."
    allowed = categories if categories is not None else Category._value2member_map_
    category = str(data.category or "")
    if category in allowed:
        clean["category"] = category
    else:
        errors["category"] = "Pilih kategori."
        category = Category.LAINNYA.value
    try:
        clean["channel"] = Channel(data.channel).value
    except ValueError:
        errors["channel"] = "Pilih saluran penerimaan."
    if not isinstance(data.received_on, date):
        errors["received_on"] = "Tanggal diterima wajib diisi."
    elif data.received_on > clock.today():
        errors["received_on"] = "Tanggal diterima tidak boleh di masa depan."
    elif data.received_on.year < 1900:
        errors["received_on"] = "Tanggal diterima tidak boleh sebelum tahun 1900."
    clean["received_on"] = data.received_on
    for key, label in (("reporter_name", "Nama pelapor/pengusul"), ("subject", "Perihal")):
        value = (getattr(data, key) or "").strip()
        if not value:
            errors[key] = f"{label} wajib diisi."
        clean[key] = value
    if not (data.desa_code or "").strip():
        errors["desa_code"] = "Pilih desa/kelurahan lokasi."
    clean["desa_code"] = data.desa_code
    clean["reporter_desa_code"] = data.reporter_desa_code or None
    clean["description"] = (data.description or "").strip()
    clean["reporter_address"] = (data.reporter_address or "").strip() or None
    clean["address"] = (data.address or "").strip() or None
    if "reporter_nik" in kept:
        pass  # unchanged and hidden: the stored value stays
    elif data.reporter_nik.strip():
        nik = check_nik(data.reporter_nik)
        if nik.error:
            errors["reporter_nik"] = nik.error
        warnings.extend(nik.warnings)
        clean["reporter_nik"] = nik.value
    else:
        clean["reporter_nik"] = None
    phone = check_phone(data.reporter_phone)
    if phone.error:
        errors["reporter_phone"] = phone.error
    clean["reporter_phone"] = phone.value or None
    for key in ("reporter_rt", "reporter_rw", "rt", "rw"):
        try:
            clean[key] = clean_rt(getattr(data, key))
        except ValueError as exc:
            errors[key] = f"{key.replace('reporter_', '').upper()} {exc}."
    for key, lo, hi in (("latitude", -11.5, 6.5), ("longitude", 94.0, 141.5)):
        value = getattr(data, key)
        if value is not None and not lo <= value <= hi:
            errors[key] = "Koordinat di luar wilayah Indonesia."
        clean[key] = value
    _validate_details(category, data.details, clean, errors, warnings, kept)
    return clean, warnings, errors


# Kinds whose coercion depends on the written value alone and whose values repeat (a sheet of
# 100,000 rows holds a few hundred distinct amounts and choices): coerced once per value.
_REPEATING_KINDS = frozenset({FieldKind.NUMBER, FieldKind.MONEY, FieldKind.INTEGER,
                              FieldKind.YEAR, FieldKind.BOOL, FieldKind.CHOICE})
_COERCED: dict[tuple[int, type, Any], tuple[bool, Any]] = {}
_COERCED_MAX = 200_000


def _coerce(spec: FieldSpec, value: Any) -> Any:
    """``coerce_field``, answered from a cache for the kinds whose values repeat."""
    if value is None or spec.kind not in _REPEATING_KINDS:
        return coerce_field(spec, value)
    try:
        # The spec by identity: specs are module constants, and hashing a frozen dataclass
        # hashes every one of its fields (an import asks this a quarter of a million times).
        memo = (id(spec), value.__class__, value)
        hit = _COERCED.get(memo)
    except TypeError:  # an unhashable value: not cached
        return coerce_field(spec, value)
    if hit is None:
        try:
            hit = (True, coerce_field(spec, value))
        except ValueError as exc:
            hit = (False, str(exc))
        if len(_COERCED) >= _COERCED_MAX:
            _COERCED.clear()
        _COERCED[memo] = hit
    if hit[0]:
        return hit[1]
    raise ValueError(hit[1])


_NUMBER_CHECKS = {"nik": check_nik, "kk_number": check_kk}


def _validate_details(category: str, details: dict[str, Any], clean: dict[str, Any],
                      errors: dict[str, str], warnings: list[str],
                      kept: Collection[str] = ()) -> None:
    for spec in fields_for(category):
        if spec.key in kept:
            continue  # unchanged and hidden: the stored value stays
        raw = details.get(spec.key)
        if raw is None:  # most of a category's fields, on most rows: nothing to coerce
            if spec.required:
                errors[spec.key] = f"{spec.label} wajib diisi."
            clean[spec.key] = None
            continue
        try:
            value = _coerce(spec, raw)
        except ValueError as exc:
            text = str(exc)  # "Jumlah penghuni minimal 1" names the field already
            errors[spec.key] = f"{text}." if text.startswith(spec.label) \
                else f"{spec.label}: {text}."
            continue
        if value is None and spec.required:
            errors[spec.key] = f"{spec.label} wajib diisi."
        check = _NUMBER_CHECKS.get(spec.key)
        if check is not None and value:
            result = check(value)
            if result.error:
                errors[spec.key] = result.error
            warnings.extend(w for w in result.warnings if w not in warnings)
        clean[spec.key] = value
    if category == Category.RTLH.value and clean.get("last_aid_year"):
        if clean["last_aid_year"] > clock.today().year:
            errors["last_aid_year"] = "Tahun bantuan tidak boleh di masa depan."

