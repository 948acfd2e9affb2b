"""The audit chain's seals and their check: keyed row hashes, a keyed chain head, and anchors
kept outside the database.

Each row's ``hash`` is HMAC-SHA256, with the installation's audit key (``audit.key`` in the data
folder, never in the database), of the previous row's hash and the row's own fields; its
``key_id`` names the key. The head row (newest id and hash) carries a keyed ``mac`` too. Every
backup writes the chain's count, newest id and newest hash (an *anchor*) into its manifest, and
every backup and restore appends one to ``logs/audit-anchors.jsonl`` and to the log.

``verify`` walks the chain and reports rows changed (content no longer matches its seal), rows
removed in the middle (a broken link), rows removed from the end (the head, or an anchor, names
a row that is gone), a head removed or set by hand, a chain recomputed without the key (seals
fail; with plain SHA-256 rows after keyed ones), a chain recomputed *with* the key but differing
from an anchor, and an empty trail in a database that holds data. What it cannot see is written
in docs/SECURITY.md.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.core.domain.parsing import clean_text
from desktop_app.core.models import AuditChainHead, AuditLog, DatabaseMarker, User
from desktop_app.core.services.audit_key import AuditKeys
from desktop_app.db.base import utcnow
from desktop_app.paths import DataPaths

log = logging.getLogger(__name__)

GENESIS_HASH = "0" * 64
ANCHOR_FILE = "audit-anchors.jsonl"


def row_payload(prev_hash: str, row: AuditLog) -> str:
    return payload(prev_hash, row.at.isoformat(timespec="microseconds"),
                   str(row.user_id if row.user_id is not None else ""), row.username,
                   row.action, row.entity, row.entity_id, row.summary or "",
                   row.before_json or "", row.after_json or "")


def payload(*fields: str) -> str:
    """What a row's seal covers: the previous hash, then the row's moment (ISO, to the
    microsecond), user id, username, action, entity, entity id, summary, before and after
    (an empty text for none)."""
    return "\x1f".join(fields)


def legacy_hash(prev_hash: str, row: AuditLog) -> str:
    """The unkeyed SHA-256 of rows written before the chain was keyed (migration 0007)."""
    return hashlib.sha256(row_payload(prev_hash, row).encode("utf-8")).hexdigest()


def seal_row(keys: AuditKeys, prev_hash: str, row: AuditLog) -> None:
    # Sealed as stored: the database drops control characters on the way in (db.engine), so a
    # pasted NUL in a note would otherwise make the row's own seal look broken.
    for name in ("username", "entity_id", "summary", "before_json", "after_json"):
        value = getattr(row, name)
        if isinstance(value, str):
            setattr(row, name, clean_text(value))
    row.prev_hash = prev_hash
    row.key_id = keys.signing_id
    row.hash = keys.mac(row_payload(prev_hash, row)) or ""


def head_payload(last_id: int, last_hash: str) -> str:
    return f"audit head\x1f{last_id}\x1f{last_hash}"


def seal_head(keys: AuditKeys, head: AuditChainHead) -> None:
    head.mac = keys.mac(head_payload(head.last_id, head.last_hash))


# ---- anchors outside the database ----------------------------------------------------------


@dataclass(frozen=True)
class Anchor:
    """The chain's state at one moment, kept outside the database."""

    at: str  # ISO UTC
    database_id: str
    count: int
    last_id: int
    head_hash: str
    source: str = "log"  # "log" or the backup file's name
    event: str = "anchor"  # "anchor", or "restore": the chain went back to ``count`` rows

    def as_dict(self) -> dict[str, Any]:
        return {"at": self.at, "database_id": self.database_id, "count": self.count,
                "last_id": self.last_id, "head_hash": self.head_hash, "event": self.event}

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str) -> Anchor:
        return cls(str(data["at"]), str(data.get("database_id") or ""), int(data["count"]),
                   int(data["last_id"]), str(data["head_hash"]), source,
                   str(data.get("event") or "anchor"))


def database_id(session: Session) -> str:
    return str(session.scalar(select(DatabaseMarker.database_id).where(DatabaseMarker.id == 1))
               or "")


def current_anchor(session: Session, event: str = "anchor") -> Anchor:
    """The chain as it is now, from its rows (not from the head)."""
    count = int(session.scalar(select(func.count(AuditLog.id))) or 0)
    last = session.execute(
        select(AuditLog.id, AuditLog.hash).order_by(AuditLog.id.desc()).limit(1)).first()
    return Anchor(utcnow().isoformat(timespec="microseconds"), database_id(session), count,
                  int(last[0]) if last else 0, str(last[1]) if last else GENESIS_HASH,
                  event=event)


def write_anchor(paths: DataPaths, anchor: Anchor) -> None:
    """Append the anchor to ``logs/audit-anchors.jsonl`` and to the log."""
    paths.logs.mkdir(parents=True, exist_ok=True)
    with (paths.logs / ANCHOR_FILE).open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(anchor.as_dict(), sort_keys=True) + "\n")
    log.info("Audit anchor (%s): %d rows, newest #%d %s", anchor.event, anchor.count,
             anchor.last_id, anchor.head_hash)


def read_anchors(paths: DataPaths, manifests: Iterable[tuple[str, dict[str, Any]]]) -> list[Anchor]:
    """The anchors of the anchor log and of the backup manifests ``(file name, manifest)``."""
    anchors: list[Anchor] = []
    path = paths.logs / ANCHOR_FILE
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                anchors.append(Anchor.from_dict(json.loads(line), "log"))
            except (ValueError, KeyError, TypeError):
                continue  # a line cut short by a crash
    for name, manifest in manifests:
        data = manifest.get("audit")
        if isinstance(data, dict):
            try:
                anchors.append(Anchor.from_dict({"at": manifest.get("made_at_utc", ""),
                                                 **data}, name))
            except (ValueError, KeyError, TypeError):
                continue
    return anchors


def _anchors_in_force(anchors: list[Anchor], db_id: str) -> tuple[list[Anchor], int]:
    """The anchors the chain must still match: a restore takes the chain back to an earlier
    count, so anchors older than it that lie beyond that count belong to discarded history."""
    # At the same moment a restore comes last: the anchors it names were taken before it.
    mine = sorted((a for a in anchors if a.database_id == db_id),
                  key=lambda a: (a.at, a.event == "restore"))
    kept: list[Anchor] = []
    discarded = 0
    for anchor in mine:
        if anchor.event == "restore":
            before = len(kept)
            kept = [a for a in kept if a.count <= anchor.count]
            discarded += before - len(kept)
        kept.append(anchor)
    return kept, discarded


# ---- verification ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainReport:
    rows_checked: int
    problems: list[str]
    notes: list[str] = field(default_factory=list)  # facts that are not evidence of tampering
    anchors_checked: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def _where(anchor: Anchor) -> str:
    when = anchor.at[:16].replace("T", " ")
    return (f"cadangan {anchor.source}" if anchor.source != "log"
            else "catatan penanda di folder log") + f" ({when} UTC)"


def verify(session: Session, keys: AuditKeys, anchors: list[Anchor]) -> ChainReport:
    problems: list[str] = []
    notes: list[str] = []
    db_id = database_id(session)
    in_force, discarded = _anchors_in_force(anchors, db_id)
    if discarded:
        notes.append(f"{discarded} penanda dari sebelum pemulihan cadangan tidak berlaku lagi.")
    others = {a.database_id for a in anchors} - {db_id}
    if others and not in_force:
        notes.append("Ada penanda untuk basis data lain di folder data ini, tetapi tidak ada "
                     "untuk basis data ini (mis. sesudah memulihkan cadangan kantor lain).")
    by_count: dict[int, list[Anchor]] = {}
    for anchor in in_force:
        by_count.setdefault(anchor.count, []).append(anchor)
    unknown: Counter[str] = Counter()
    prev_hash, prev_id, count, keyed_seen = GENESIS_HASH, 0, 0, False
    last_key: str | None = None
    rows = session.execute(select(AuditLog).order_by(AuditLog.id)).scalars()
    for row in rows.yield_per(5000):
        count += 1
        if row.prev_hash != prev_hash:
            problems.append(f"Baris audit #{row.id}: rantai terputus setelah #{prev_id} "
                            "(ada baris yang dihapus atau diubah).")
        if row.key_id is None:
            expected: str | None = legacy_hash(row.prev_hash, row)
            if keyed_seen:
                problems.append(f"Baris audit #{row.id}: tanpa segel kunci sesudah baris bersegel "
                                "(rantai dihitung ulang di luar aplikasi).")
        else:
            keyed_seen = True
            expected = keys.mac(row_payload(row.prev_hash, row), row.key_id)
            if expected is None:
                unknown[row.key_id] += 1
        if expected is not None and expected != row.hash:
            problems.append(f"Baris audit #{row.id}: isi tidak cocok dengan segelnya (diubah).")
        for anchor in by_count.get(count, ()):
            if anchor.last_id != row.id or anchor.head_hash != row.hash:
                problems.append(
                    f"Baris audit ke-{count} (#{row.id}) tidak sama dengan yang tercatat di "
                    f"{_where(anchor)}: rantai diganti atau dihitung ulang.")
        prev_hash, prev_id, last_key = row.hash, row.id, row.key_id
    for key_id, n in unknown.items():
        problems.append(f"{n} baris audit disegel dengan kunci {key_id} yang tidak ada di komputer "
                        "ini, sehingga tidak dapat diperiksa. Salin berkas audit.key dari komputer "
                        "yang membuatnya ke folder data (lihat README).")
    for anchor in in_force:
        if anchor.count > count:
            problems.append(f"Jejak audit terpotong: {_where(anchor)} mencatat {anchor.count} "
                            f"baris, kini tinggal {count}.")
    head = session.get(AuditChainHead, 1)
    if head is None:
        if count:
            problems.append("Ujung rantai audit hilang (dihapus di luar aplikasi).")
    else:
        if head.last_hash != prev_hash or head.last_id != prev_id:
            problems.append(f"Ujung rantai menunjuk #{head.last_id}, tetapi baris terakhir adalah "
                            f"#{prev_id} (baris terakhir dihapus atau diubah).")
        if last_key is not None:
            seal = keys.mac(head_payload(head.last_id, head.last_hash), last_key)
            if head.mac is None or (seal is not None and seal != head.mac):
                problems.append("Ujung rantai audit diubah di luar aplikasi (segelnya tidak "
                                "cocok).")
    if count == 0 and session.scalar(select(func.count(User.id))):
        problems.append("Jejak audit kosong padahal basis data berisi pengguna dan data: "
                        "jejaknya dihapus di luar aplikasi.")
    return ChainReport(count, problems, notes, len(in_force))

