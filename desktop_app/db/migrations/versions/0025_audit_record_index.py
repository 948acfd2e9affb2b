"""the audit trail's (entity_id, entity) index: one record's rows (the changes a conflict
message names) are found without reading every row of the record kind

Revision ID: 0025_audit_record_index
Revises: 0024_audit_username_index
Create Date: 2026-12-02 17:00:00
"""
from collections.abc import Sequence

from alembic import op

from desktop_app.db.migration_ops import analyse_if_analysed


revision: str = '0025_audit_record_index'
down_revision: str | Sequence[str] | None = '0024_audit_username_index'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_audit_log_record', 'audit_log', ['entity_id', 'entity'], unique=False)
    analyse_if_analysed('ix_audit_log_record')


def downgrade() -> None:
    op.drop_index('ix_audit_log_record', table_name='audit_log')
