"""the audit trail's (username, id) index: the audit page's user filter, its sort by user and
its list of user names read the index instead of the whole trail

Revision ID: 0024_audit_username_index
Revises: 0023_desa_index_category
Create Date: 2026-12-02 16:40:00
"""
from collections.abc import Sequence

from alembic import op

from desktop_app.db.migration_ops import analyse_if_analysed


revision: str = '0024_audit_username_index'
down_revision: str | Sequence[str] | None = '0023_desa_index_category'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_audit_log_username_id', 'audit_log', ['username', 'id'], unique=False)
    analyse_if_analysed('ix_audit_log_username_id')


def downgrade() -> None:
    op.drop_index('ix_audit_log_username_id', table_name='audit_log')
