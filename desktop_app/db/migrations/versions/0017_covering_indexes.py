"""covering indexes at a million records: "overdue only" counted off (status, due_date, id);
a ranking's desa filter read off (category, desa_code, id), in place of the category index
alone

Revision ID: 0017_covering_indexes
Revises: 0016_list_indexes
Create Date: 2026-12-02 06:30:00
"""
from collections.abc import Sequence

from alembic import op


revision: str = '0017_covering_indexes'
down_revision: str | Sequence[str] | None = '0016_list_indexes'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_submissions_status_due', 'submissions', ['status', 'due_date', 'id'], unique=False)
    op.create_index('ix_submissions_category_desa', 'submissions', ['category', 'desa_code', 'id'], unique=False)
    op.drop_index('ix_submissions_category', table_name='submissions')


def downgrade() -> None:
    op.create_index('ix_submissions_category', 'submissions', ['category'], unique=False)
    op.drop_index('ix_submissions_category_desa', table_name='submissions')
    op.drop_index('ix_submissions_status_due', table_name='submissions')
