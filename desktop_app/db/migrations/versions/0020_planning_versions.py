"""planning versions: optimistic locking on the REMBUK REMAS records a person edits

Revision ID: 0020_planning_versions
Revises: 0019_overdue_index
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0020_planning_versions'
down_revision: str | Sequence[str] | None = '0019_overdue_index'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The planning year (theme), priorities, macro problems (with their indicators), ceilings, the
# kamus usulan and the rembuk (its delegates, fixing, reopening, forwarding). Proposals already
# carry a version (0010_planning). Existing rows start at version 1 (db.base.VersionedMixin).
TABLES = ['planning_years', 'planning_priorities', 'planning_macro_problems',
          'planning_ceilings', 'planning_catalogue', 'planning_rembuks']


def upgrade() -> None:
    # A plain ADD COLUMN, as 0015_record_versions (no SQLite table copy).
    for table in TABLES:
        op.add_column(table, sa.Column('version', sa.Integer(), server_default='1',
                                       nullable=False))


def downgrade() -> None:
    for table in reversed(TABLES):
        op.execute(f'ALTER TABLE {table} DROP COLUMN version')  # SQLite 3.35+ and PostgreSQL
