"""the list sorted by status or by category walks an index in its own order (the value, then
the id), checking a broad filter per record and stopping at the page's end; the (received_on,
id) index carries the due date and the number, so a range of dates received is sorted by
either off the index alone

Revision ID: 0022_list_sort_indexes
Revises: 0021_rembuk_acknowledger
Create Date: 2026-12-02 16:00:00
"""
from collections.abc import Sequence

from alembic import op

from desktop_app.db.migration_ops import analyse_if_analysed


revision: str = '0022_list_sort_indexes'
down_revision: str | Sequence[str] | None = '0021_rembuk_acknowledger'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_submissions_status_id', 'submissions', ['status', 'id'], unique=False)
    op.create_index('ix_submissions_category_id', 'submissions', ['category', 'id'], unique=False)
    op.create_index('ix_submissions_received_due_number', 'submissions', ['received_on', 'id', 'due_date', 'number'], unique=False)
    op.drop_index('ix_submissions_received_id', table_name='submissions')
    analyse_if_analysed('ix_submissions_status_id', 'ix_submissions_category_id',
                        'ix_submissions_received_due_number')


def downgrade() -> None:
    op.create_index('ix_submissions_received_id', 'submissions', ['received_on', 'id'], unique=False)
    op.drop_index('ix_submissions_received_due_number', table_name='submissions')
    op.drop_index('ix_submissions_category_id', table_name='submissions')
    op.drop_index('ix_submissions_status_id', table_name='submissions')
    analyse_if_analysed('ix_submissions_received_id')

