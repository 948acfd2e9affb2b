"""safety: database marker (identity and restore generation), keyed audit chain, append-only
audit table

Revision ID: 0014_safety
Revises: 0013_disposition_nature
"""
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0014_safety'
down_revision: str | Sequence[str] | None = '0013_disposition_nature'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The app only ever appends to the audit trail; these triggers refuse an UPDATE or DELETE
# made behind its back (a barrier, not a proof: the database owner can drop them, which is
# why the chain is keyed). DELETE of the whole table on PostgreSQL is TRUNCATE: refused too.
_SQLITE_TRIGGERS = [
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN "
    "SELECT RAISE(ABORT, 'jejak audit tidak boleh diubah'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN "
    "SELECT RAISE(ABORT, 'jejak audit tidak boleh dihapus'); END",
]
_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'jejak audit tidak boleh diubah atau dihapus';
END;
$$ LANGUAGE plpgsql
"""
_PG_TRIGGERS = [
    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
    "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()",
]


def upgrade() -> None:
    marker = op.create_table(
        'database_marker',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('database_id', sa.String(length=36), nullable=False),
        sa.Column('generation', sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_database_marker')),
    )
    op.bulk_insert(marker, [{"id": 1, "database_id": str(uuid.uuid4()),
                             "generation": str(uuid.uuid4())}])
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('key_id', sa.String(length=16), nullable=True))
    with op.batch_alter_table('audit_chain_head', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mac', sa.String(length=64), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
        for statement in _PG_TRIGGERS:
            op.execute(statement)
    else:
        for statement in _SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    with op.batch_alter_table('audit_chain_head', schema=None) as batch_op:
        batch_op.drop_column('mac')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_column('key_id')
    op.drop_table('database_marker')
