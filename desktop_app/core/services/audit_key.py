"""The installation's audit key: a secret kept outside the database that signs the audit chain.

``audit.key`` in the data folder (owner-only permissions) holds one key per line as hex; the
first line signs new rows, every line verifies. An office on PostgreSQL copies the file from
the first desk to every desk (README), so that each desk signs with the same key and can verify
the others' rows; an old PC's key can be appended as a further line.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)
KEY_FILE = "audit.key"
_KEY_BYTES = 32


def key_id_of(key: bytes) -> str:
    """A short public name of a key (reveals nothing usable about it)."""
    return hashlib.sha256(b"ruko-parsel audit key id\x00" + key).hexdigest()[:16]


@dataclass(frozen=True)
class AuditKeys:
    signing: bytes
    known: dict[str, bytes] = field(default_factory=dict)  # key id -> key, signing one included

    @property
    def signing_id(self) -> str:
        return key_id_of(self.signing)

    def mac(self, payload: str, key_id: str | None = None) -> str | None:
        """HMAC-SHA256 of ``payload`` with the key ``key_id`` (the signing key by default);
        None when this installation does not have that key."""
        key = self.signing if key_id is None else self.known.get(key_id)
        if key is None:
            return None
        return hmac.new(key, payload.encode("utf-8"), hashlib.sha256).hexdigest()


def _parse(text: str) -> list[bytes]:
    keys = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keys.append(bytes.fromhex(line))
    return keys


def load_or_create(data_dir: Path) -> AuditKeys:
    """Read ``audit.key`` from the data folder, creating it (mode 0600) on first use."""
    path = Path(data_dir) / KEY_FILE
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(_KEY_BYTES)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it a moment ago: use theirs
            pass
        else:
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write(key.hex() + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            log.info("Created the audit key %s in %s", key_id_of(key), path)
    try:
        path.chmod(0o600)
    except OSError:  # e.g. a file system without Unix permissions
        pass
    keys = _parse(path.read_text(encoding="ascii"))
    if not keys or any(len(k) != _KEY_BYTES for k in keys):
        raise ValueError(f"{path} is not an audit key file")
    return AuditKeys(keys[0], {key_id_of(k): k for k in keys})
