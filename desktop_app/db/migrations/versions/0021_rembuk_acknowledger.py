"""rembuk acknowledger: who signs "Mengetahui" under a rembuk's berita acara

Revision ID: 0021_rembuk_acknowledger
Revises: 0020_planning_versions
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0021_rembuk_acknowledger'
down_revision: str | Sequence[str] | None = '0020_planning_versions'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Name, jabatan and NIP of the person who acknowledges the berita acara (a kabupaten rembuk's
# is not the office head). Existing rembuk keep '' everywhere: the office head, as before.
COLUMNS = [('acknowledger_name', 200), ('acknowledger_position', 200), ('acknowledger_nip', 18)]


def upgrade() -> None:
    # A plain ADD COLUMN with a default (no SQLite table copy).
    for name, length in COLUMNS:
        op.add_column('planning_rembuks', sa.Column(name, sa.String(length=length),
                                                    server_default='', nullable=False))


def downgrade() -> None:
    for name, _length in reversed(COLUMNS):
        op.execute(f'ALTER TABLE planning_rembuks DROP COLUMN {name}')  # SQLite 3.35+, PostgreSQL
