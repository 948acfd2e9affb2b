"""RUKO PARSEL meeting rules: default meeting kinds and problem topics, the statuses of
problems, follow-up actions and minutes, and attendance counting. Plain Python."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from desktop_app.core.domain import clock
from desktop_app.core.domain.labels import LabeledEnum

DEFAULT_PLACE = "Ruko Parsel, Kantor Kecamatan Paringin Selatan"

# (code, label): admins may add more kinds; these are seeded by the migration-free lazy seeding
# in services.meetings.ensure_defaults.
DEFAULT_MEETING_KINDS: tuple[tuple[str, str], ...] = (
    ("kunjungan", "Kunjungan koordinasi desa"),
    ("rakor", "Rapat koordinasi kecamatan"),
    ("rembuk", "Rembuk"),
    ("pokja", "Rapat Pokja"),
    ("sosialisasi", "Sosialisasi / lokakarya"),
)

# The problems the kecamatan names in the RUKO PARSEL innovation report (seed 001).
DEFAULT_PROBLEM_TOPICS: tuple[tuple[str, str], ...] = (
    ("pelayanan_it", "Pelayanan publik dan kemampuan IT aparatur"),
    ("sarpras", "Sarana prasarana kantor desa"),
    ("bpd", "Badan Permusyawaratan Desa (BPD)"),
    ("lembaga", "Lembaga kemasyarakatan desa"),
    ("administrasi", "Administrasi dan laporan keuangan"),
    ("data_desa", "Data dan informasi desa"),
    ("bencana", "Kesiapsiagaan bencana"),
    ("stunting", "Stunting dan gizi"),
    ("pemberdayaan", "Pemberdayaan masyarakat"),
    ("lainnya", "Lainnya"),
)


class MinutesStatus(LabeledEnum):
    DRAFT = "draft", "Draf"
    FINAL = "final", "Final"


class ProblemStatus(LabeledEnum):
    OPEN = "terbuka", "Terbuka"
    ANSWERED = "dijawab", "Sudah dijawab"
    FOLLOW_UP = "ditindaklanjuti", "Perlu tindak lanjut"
    SOLVED = "selesai", "Selesai"


class ActionStatus(LabeledEnum):
    OPEN = "open", "Belum dikerjakan"
    IN_PROGRESS = "in_progress", "Sedang dikerjakan"
    DONE = "done", "Selesai"
    CANCELLED = "cancelled", "Dibatalkan"

    @property
    def is_open(self) -> bool:
        return self in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
OPEN_ACTION_STATUSES = (ActionStatus.OPEN.value, ActionStatus.IN_PROGRESS.value)


class OwnerKind(LabeledEnum):
    UNIT = "unit", "Seksi kecamatan"
    DESA = "desa", "Desa/Kelurahan"
    AGENCY = "agency", "Dinas/instansi"
    PERSON = "person", "Perorangan"


class InviteeKind(LabeledEnum):
    UNIT = "unit", "Seksi kecamatan"
    AGENCY = "agency", "Dinas/instansi"
    DESA = "desa", "Desa/Kelurahan"
    OTHER = "other", "Lainnya"


class Gender(LabeledEnum):
    MALE = "L", "Laki-laki"
    FEMALE = "P", "Perempuan"


def status_label(value: str) -> str:
    """Label of an action status value, the value itself when unknown."""
    return ActionStatus.label_of(value)


def problem_status_label(value: str) -> str:
    return ProblemStatus.label_of(value)


def is_overdue(due: date | None, status: str, today: date | None = None) -> bool:
    return bool(due and status in OPEN_ACTION_STATUSES and due < (today or clock.today()))


class Timeliness(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    OPEN = "open"
    OVERDUE = "overdue"
    CANCELLED = "cancelled"


def timeliness(status: str, due: date | None, done_on: date | None,
               today: date | None = None) -> Timeliness:
    """How an action ended: done on time (no due date counts as on time), done late, still open
    (and overdue when past its due date) or cancelled."""
    if status == ActionStatus.CANCELLED:
        return Timeliness.CANCELLED
    if status == ActionStatus.DONE:
        if due is None or done_on is None or done_on <= due:
            return Timeliness.ON_TIME
        return Timeliness.LATE
    if is_overdue(due, status, today):
        return Timeliness.OVERDUE
    return Timeliness.OPEN


@dataclass(frozen=True)
class AttendeeLike:
    group: str
    gender: str | None
    present: bool


@dataclass
class AttendanceCount:
    """Who came, counted as the notulen states it: total, per gender, per group."""

    invited: int = 0
    present: int = 0
    male: int = 0
    female: int = 0
    by_group: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        if not self.present:
            return "Belum ada peserta hadir"
        text = f"{self.present} orang"
        parts = []
        if self.male:
            parts.append(f"{self.male} laki-laki")
        if self.female:
            parts.append(f"{self.female} perempuan")
        if parts:
            text += " (" + ", ".join(parts) + ")"
        return text


def count_attendance(rows: Iterable[AttendeeLike]) -> AttendanceCount:
    result = AttendanceCount()
    for row in rows:
        result.invited += 1
        if not row.present:
            continue
        result.present += 1
        if row.gender == Gender.MALE:
            result.male += 1
        elif row.gender == Gender.FEMALE:
            result.female += 1
        group = (row.group or "").strip() or "Lainnya"
        result.by_group[group] = result.by_group.get(group, 0) + 1
    result.by_group = dict(sorted(result.by_group.items(), key=lambda kv: (-kv[1], kv[0])))
    return result


def slug(label: str) -> str:
    """A code for an admin-added kind or topic: lower-case words joined by '_'."""
    out = []
    for ch in label.strip().lower():
        out.append(ch if ch.isalnum() else "_")
    text = "_".join(part for part in "".join(out).split("_") if part)
    return text[:40] or "lainnya"
