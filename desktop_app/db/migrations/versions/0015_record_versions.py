"""record versions: optimistic locking on every record a person edits in a form

Revision ID: 0015_record_versions
Revises: 0014_safety
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0015_record_versions'
down_revision: str | Sequence[str] | None = '0014_safety'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Existing rows start at version 1 (db.base.VersionedMixin).
TABLES = ['users', 'office_profile', 'office_units', 'submissions', 'meetings', 'attendees',
          'problems', 'actions', 'priority_lists']


def upgrade() -> None:
    # A plain ADD COLUMN (no table copy: SQLite keeps the foreign keys that point at users).
    for table in TABLES:
        op.add_column(table, sa.Column('version', sa.Integer(), server_default='1',
                                       nullable=False))


def downgrade() -> None:
    for table in reversed(TABLES):
        op.execute(f'ALTER TABLE {table} DROP COLUMN version')  # SQLite 3.35+ and PostgreSQL
