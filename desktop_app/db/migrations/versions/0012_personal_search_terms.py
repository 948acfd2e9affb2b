"""NIK and No. KK words in the search index apart from the other words

Revision ID: 0012_personal_search_terms
Revises: 0011_ranking_inputs
Create Date: 2026-12-02 03:20:00

The words of NIK, reporter NIK and No. KK are indexed as '#' + digits
(``intake.domain.search.PERSONAL_MARK``) so that only roles that may see personal data
search them. The records holding any of them are indexed again; no schema change.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0012_personal_search_terms'
down_revision: str | Sequence[str] | None = '0011_ranking_inputs'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    from desktop_app.intake.domain.search import INDEXED_FIELDS, terms_for

    bind = op.get_bind()
    columns = ", ".join(INDEXED_FIELDS)
    last = 0
    while True:
        rows = bind.execute(sa.text(
            f"SELECT id, {columns} FROM submissions WHERE id > :last AND (nik IS NOT NULL "
            "OR reporter_nik IS NOT NULL OR kk_number IS NOT NULL) ORDER BY id LIMIT 5000"),
            {"last": last}).all()
        if not rows:
            break
        ids = [row[0] for row in rows]
        bind.execute(sa.text("DELETE FROM submission_terms WHERE submission_id IN "
                             "(" + ", ".join(str(int(i)) for i in ids) + ")"))
        terms = [{"term": term, "submission_id": row[0]}
                 for row in rows
                 for term in terms_for(dict(zip(INDEXED_FIELDS, row[1:], strict=True)))]
        if terms:
            bind.execute(sa.text("INSERT INTO submission_terms (term, submission_id) "
                                 "VALUES (:term, :submission_id)"), terms)
        last = ids[-1]


def downgrade() -> None:
    # The '#' terms are simply not found by an older program's search; nothing to undo that
    # would not need the old indexing code.
    pass
