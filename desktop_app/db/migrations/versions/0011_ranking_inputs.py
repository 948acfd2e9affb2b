"""a cache of each submission's criterion inputs as one binary record, for fast rankings

Revision ID: 0011_ranking_inputs
Revises: 0010_planning
Create Date: 2026-12-02 12:00:00

The triggers that keep it true are created by the ranking itself (``ranking/services/
inputs.py``: created, or re-created after a migration rebuilt ``submissions``, together with
emptying the cache); the table starts empty and the first ranking fills it.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0011_ranking_inputs'
down_revision: str | Sequence[str] | None = '0010_planning'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TRIGGERS = ("ranking_inputs_on_insert", "ranking_inputs_on_update", "ranking_inputs_on_delete")


def upgrade() -> None:
    op.create_table('ranking_inputs',
    sa.Column('submission_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('layout', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('submission_id', name=op.f('pk_ranking_inputs'))
    )


def downgrade() -> None:
    # The triggers refer to the table: they go first (else every later write of a submission
    # would fail on the missing table).
    if op.get_bind().dialect.name == "sqlite":
        for name in _TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        op.execute("DROP TRIGGER IF EXISTS ranking_inputs_forget ON submissions")
        op.execute("DROP FUNCTION IF EXISTS ranking_inputs_forget()")
    op.drop_table('ranking_inputs')
