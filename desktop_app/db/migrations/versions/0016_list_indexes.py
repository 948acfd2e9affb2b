"""indexes for the submissions list at a million records: the name sort, the desa and status
filters in the list's order (received, id)

Revision ID: 0016_list_indexes
Revises: 0015_record_versions
Create Date: 2026-12-02 02:30:00
"""
from collections.abc import Sequence

from alembic import op


revision: str = '0016_list_indexes'
down_revision: str | Sequence[str] | None = '0015_record_versions'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index('ix_submissions_status_category', table_name='submissions')
    op.create_index('ix_submissions_status_category_received', 'submissions', ['status', 'category', 'received_on', 'id'], unique=False)
    op.create_index('ix_submissions_status_received', 'submissions', ['status', 'received_on', 'id'], unique=False)
    op.create_index('ix_submissions_desa_received', 'submissions', ['desa_code', 'received_on', 'id'], unique=False)
    op.create_index('ix_submissions_name_id', 'submissions', ['reporter_name', 'id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_submissions_name_id', table_name='submissions')
    op.drop_index('ix_submissions_desa_received', table_name='submissions')
    op.drop_index('ix_submissions_status_received', table_name='submissions')
    op.drop_index('ix_submissions_status_category_received', table_name='submissions')
    op.create_index('ix_submissions_status_category', 'submissions', ['status', 'category'], unique=False)
