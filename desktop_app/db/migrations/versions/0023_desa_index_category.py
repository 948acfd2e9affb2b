"""the category beside the (desa_code, received_on, id, status, due_date) index, so a desa's
records (overdue ones too) sorted by category are gathered and sorted off the index alone

Revision ID: 0023_desa_index_category
Revises: 0022_list_sort_indexes
Create Date: 2026-12-02 16:10:00
"""
from collections.abc import Sequence

from alembic import op

from desktop_app.db.migration_ops import analyse_if_analysed


revision: str = '0023_desa_index_category'
down_revision: str | Sequence[str] | None = '0022_list_sort_indexes'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_submissions_desa_received_due_category', 'submissions', ['desa_code', 'received_on', 'id', 'status', 'due_date', 'category'], unique=False)
    op.drop_index('ix_submissions_desa_received_due', table_name='submissions')
    analyse_if_analysed('ix_submissions_desa_received_due_category')


def downgrade() -> None:
    op.create_index('ix_submissions_desa_received_due', 'submissions', ['desa_code', 'received_on', 'id', 'status', 'due_date'], unique=False)
    op.drop_index('ix_submissions_desa_received_due_category', table_name='submissions')
    analyse_if_analysed('ix_submissions_desa_received_due')

