"""frozen priority lists numbered 1, 2, … apart from the table's ids

Revision ID: 0008_priority_list_number
Revises: 0007_import_mappings
Create Date: 2026-11-26 10:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0008_priority_list_number'
down_revision: str | Sequence[str] | None = '0007_import_mappings'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('priority_lists', schema=None) as batch_op:
        batch_op.add_column(sa.Column('number', sa.Integer(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_priority_lists_number'), ['number'])
    # Lists frozen before: numbered in the order they were made.
    bind = op.get_bind()
    ids = [r[0] for r in bind.execute(sa.text(
        "SELECT id FROM priority_lists WHERE status <> 'draft' ORDER BY id"))]
    for number, list_id in enumerate(ids, start=1):
        bind.execute(sa.text("UPDATE priority_lists SET number = :n WHERE id = :i"),
                     {"n": number, "i": list_id})


def downgrade() -> None:
    with op.batch_alter_table('priority_lists', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_priority_lists_number'), type_='unique')
        batch_op.drop_column('number')
