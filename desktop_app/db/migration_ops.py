"""Steps that several migrations take, kept outside ``migrations/versions`` so that each is
written once (the frozen build collects this module with the program; the versions are data
files Alembic reads)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


def analyse_if_analysed(*indexes: str) -> None:
    """On a SQLite database analysed before (it has planner statistics), the new indexes are
    analysed too: the planner would otherwise weigh them with guesses beside measured ones."""
    bind = op.get_bind()
    if bind.dialect.name == "sqlite" and bind.execute(sa.text(
            "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")).first():
        for index in indexes:
            op.execute(f"ANALYZE {index}")
