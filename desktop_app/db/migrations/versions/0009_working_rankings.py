"""working (draft) rankings kept as one blob of arrays instead of a row per entry

Revision ID: 0009_working_rankings
Revises: 0008_priority_list_number
Create Date: 2026-11-26 12:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0009_working_rankings'
down_revision: str | Sequence[str] | None = '0008_priority_list_number'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('working_rankings',
    sa.Column('list_id', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['list_id'], ['priority_lists.id'], name=op.f('fk_working_rankings_list_id_priority_lists'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('list_id', name=op.f('pk_working_rankings'))
    )
    # Working lists are each user's scratch ranking, remade by "Hitung peringkat"; the ones
    # stored row by row before are dropped rather than converted.
    op.execute("DELETE FROM priority_entries WHERE list_id IN "
               "(SELECT id FROM priority_lists WHERE status = 'draft')")
    op.execute("DELETE FROM priority_lists WHERE status = 'draft'")


def downgrade() -> None:
    op.drop_table('working_rankings')
    op.execute("DELETE FROM priority_lists WHERE status = 'draft'")
