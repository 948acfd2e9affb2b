"""lembar disposisi: sifat and the ticked instructions of the checklist

Revision ID: 0013_disposition_nature
Revises: 0012_personal_search_terms
Create Date: 2026-12-02 03:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0013_disposition_nature'
down_revision: str | Sequence[str] | None = '0012_personal_search_terms'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('submission_dispositions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('nature', sa.String(length=20), server_default='biasa',
                                      nullable=False))
        batch_op.add_column(sa.Column('instructions', sa.Text(), server_default='',
                                      nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('submission_dispositions', schema=None) as batch_op:
        batch_op.drop_column('instructions')
        batch_op.drop_column('nature')
