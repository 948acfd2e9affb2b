"""a ranking's desa filter read off one covering index, (category, desa_code, id), in place
of the category index alone

Revision ID: 0017_ranking_desa_index
Revises: 0016_list_indexes
Create Date: 2026-12-02 07:05:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0017_ranking_desa_index'
down_revision: str | Sequence[str] | None = '0016_list_indexes'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_submissions_category_desa', 'submissions', ['category', 'desa_code', 'id'], unique=False)
    op.drop_index('ix_submissions_category', table_name='submissions')
    bind = op.get_bind()
    if bind.dialect.name == 'sqlite' and bind.execute(sa.text(
            "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")).first():
        # a database analysed before: the new index analysed too, or the planner would judge
        # it without statistics beside the others'
        op.execute('ANALYZE ix_submissions_category_desa')


def downgrade() -> None:
    op.create_index('ix_submissions_category', 'submissions', ['category'], unique=False)
    op.drop_index('ix_submissions_category_desa', table_name='submissions')
