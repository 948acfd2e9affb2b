"""The import mapping as a JSON file an office keeps or shares: which header is which field, and
which written value is which choice."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from desktop_app.core.domain.errors import ValidationError
from desktop_app.core.exchange.mapping import normalise_header
from desktop_app.intake.exchange.values import Target, ValueMap

FORMAT = "ruko-parsel/impor-padanan"


def dump(columns: dict[str, str | None], values: ValueMap, target: Path | str) -> Path:
    data = {
        "format": FORMAT, "version": 1,
        "kolom": dict(sorted((normalise_header(k), v) for k, v in columns.items())),
        "nilai": [{"isian": f, "tertulis": k,
                   "menjadi_isian": t.field if t else None,
                   "menjadi": t.value if t else None, "label": t.label if t else None}
                  for (f, k), t in sorted(values.items())],
    }
    path = Path(target)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def load(path: Path | str) -> tuple[dict[str, str | None], ValueMap]:
    """(header key → field or None, value decisions); ValidationError for a file that is not
    a mapping file."""
    path = Path(path)
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValidationError(f"Berkas padanan {path.name} tidak dapat dibaca: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError(f"Berkas {path.name} bukan berkas padanan impor Ruko Parsel.")
    columns = {str(k): (str(v) if v else None) for k, v in dict(data.get("kolom") or {}).items()}
    values: ValueMap = {}
    for item in data.get("nilai") or []:
        field, key = str(item["isian"]), str(item["tertulis"])
        if item.get("menjadi_isian"):
            values[(field, key)] = Target(str(item["menjadi_isian"]), item.get("menjadi"),
                                          str(item.get("label") or item.get("menjadi")))
        else:
            values[(field, key)] = None
    return columns, values
