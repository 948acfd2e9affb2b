"""reference versions: optimistic locking on the reference lists an admin edits

Revision ID: 0018_reference_versions
Revises: 0017_ranking_desa_index
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0018_reference_versions'
down_revision: str | Sequence[str] | None = '0017_ranking_desa_index'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Categories, meeting kinds, problem topics, holidays and settings (a version per setting row:
# two admins changing different settings do not conflict). Existing rows start at version 1.
TABLES = ['submission_categories', 'meeting_kinds', 'problem_topics', 'holidays', 'settings']


def upgrade() -> None:
    # A plain ADD COLUMN, as 0015_record_versions (no SQLite table copy).
    for table in TABLES:
        op.add_column(table, sa.Column('version', sa.Integer(), server_default='1',
                                       nullable=False))


def downgrade() -> None:
    for table in reversed(TABLES):
        op.execute(f'ALTER TABLE {table} DROP COLUMN version')  # SQLite 3.35+ and PostgreSQL
