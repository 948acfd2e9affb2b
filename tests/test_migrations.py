"""Migrations build exactly the schema the models describe, and the foundation one reverts."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from desktop_app.db import migrate
from desktop_app.db.all_models import Base
from desktop_app.db.engine import make_engine, sqlite_url


def _diff(engine) -> list:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True,
                                                     "render_as_batch": True})
        return compare_metadata(ctx, Base.metadata)


def test_upgrade_heads_matches_models(tmp_path: Path):
    engine = make_engine(sqlite_url(tmp_path / "m.sqlite3"))
    try:
        assert migrate.pending(engine)
        assert migrate.upgrade(engine) is True
        assert not migrate.pending(engine)
        assert migrate.upgrade(engine) is False  # idempotent
        diff = _diff(engine)
        assert diff == [], f"models and migrations differ: {diff}"
    finally:
        engine.dispose()


def test_downgrade_to_base_removes_foundation_tables(tmp_path: Path):
    engine = make_engine(sqlite_url(tmp_path / "m.sqlite3"))
    try:
        migrate.upgrade(engine)
        assert {"users", "audit_log", "regions"} <= set(inspect(engine).get_table_names())
        cfg = migrate.alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "base")
        engine.dispose()
        left = set(inspect(engine).get_table_names()) - {"alembic_version"}
        assert left == set()
        assert migrate.pending(engine)
    finally:
        engine.dispose()


def test_upgrade_backs_up_existing_database_first(tmp_path: Path, monkeypatch):
    """A database that already has a schema is copied to backups/ before a pending migration."""
    db = tmp_path / "m.sqlite3"
    backups = tmp_path / "backups"
    engine = make_engine(sqlite_url(db))
    try:
        migrate.upgrade(engine, sqlite_file=db, backup_folder=backups)
        assert not backups.exists() or not list(backups.iterdir())  # new file: nothing to keep
        monkeypatch.setattr(migrate, "pending", lambda _engine: True)
        assert migrate.upgrade(engine, sqlite_file=db, backup_folder=backups)
        copies = [p.name for p in backups.iterdir()]
        assert len(copies) == 1 and "pra-migrasi" in copies[0]
    finally:
        engine.dispose()


def test_cheap_head_check_agrees_with_alembic(tmp_path: Path):
    """Start-up decides "nothing pending" from file names and text; it must match Alembic."""
    assert migrate.file_heads() == migrate.alembic_heads()
    folder = tmp_path / "versions"
    folder.mkdir()
    (folder / "0001_a.py").write_text("revision: str = '0001_a'\ndown_revision = None\n")
    (folder / "0002_b.py").write_text("revision = \"0002_b\"\ndown_revision: str = '0001_a'\n")
    (folder / "0003_c.py").write_text("revision = '0003_c'\ndown_revision = '0001_a'\n")
    (folder / "0004_m.py").write_text(
        "revision = '0004_m'\ndown_revision = ('0002_b', '0003_c')\n")
    assert migrate.file_heads(folder) == {"0004_m"}
    (folder / "0005_d.py").write_text("revision = '0005_d'\ndown_revision = '0003_c'\n")
    assert migrate.file_heads(folder) == {"0004_m", "0005_d"}


def test_no_alembic_import_when_nothing_pending(tmp_path: Path):
    import subprocess
    import sys

    db = tmp_path / "m.sqlite3"
    engine = make_engine(sqlite_url(db))
    migrate.upgrade(engine)
    engine.dispose()
    code = (
        "import sys\n"
        "from desktop_app.db import migrate\n"
        "from desktop_app.db.engine import make_engine, sqlite_url\n"
        f"e = make_engine(sqlite_url({str(db)!r}))\n"
        "assert migrate.upgrade(e) is False\n"
        "print('ALEMBIC' if 'alembic' in sys.modules else 'CLEAN')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "CLEAN"


def test_search_index_migration_indexes_existing_submissions(tmp_path: Path):
    """A database made before the search index gets its records indexed on upgrade."""
    from sqlalchemy import text

    engine = make_engine(sqlite_url(tmp_path / "m.sqlite3"))
    try:
        cfg = migrate.alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0005_categories")
            conn.execute(text(
                "INSERT INTO regions (code, name, level, active) VALUES "
                "('63.11.07.2003', 'Inan', 'desa', 1)"))
            conn.execute(text(
                "INSERT INTO submissions (number, kind, category, status, received_on, channel, "
                "reporter_name, subject, description, desa_code, created_at, updated_at) VALUES "
                "('ADU/2026/0001', 'aduan', 'jalan', 'diterima', '2026-11-02', 'telepon', "
                "'Siti Aisyah', 'Jalan berlubang', 'Dekat masjid', '63.11.07.2003', "
                "'2026-11-02', '2026-11-02')"))
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "heads")
        with engine.connect() as conn:
            terms = set(conn.execute(text("SELECT term FROM submission_terms")).scalars())
        assert {"adu", "2026", "0001", "siti", "aisyah", "jalan", "berlubang", "masjid"} <= terms
    finally:
        engine.dispose()


def test_personal_numbers_indexed_apart_on_upgrade(tmp_path: Path):
    """A database indexed before NIKs were kept apart gets them re-indexed as '#…' terms, so
    that an operator's search no longer finds them (issue 10, finding 9)."""
    from sqlalchemy import text

    engine = make_engine(sqlite_url(tmp_path / "m.sqlite3"))
    try:
        cfg = migrate.alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0009_working_rankings")
            conn.execute(text(
                "INSERT INTO regions (code, name, level, active) VALUES "
                "('63.11.07.2003', 'Inan', 'desa', 1)"))
            conn.execute(text(
                "INSERT INTO submissions (number, kind, category, status, received_on, channel, "
                "reporter_name, subject, description, desa_code, nik, created_at, updated_at) "
                "VALUES ('USL/2026/0001', 'usulan', 'rtlh', 'diterima', '2026-11-02', "
                "'telepon', 'Siti Aisyah', 'Bedah rumah', '', '63.11.07.2003', "
                "'6311071203800001', "
                "'2026-11-02', '2026-11-02')"))
            # As the older program indexed it: the NIK among the plain words.
            conn.execute(text(
                "INSERT INTO submission_terms (term, submission_id) VALUES "
                "('6311071203800001', 1), ('siti', 1), ('bedah', 1)"))
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "heads")
        with engine.connect() as conn:
            terms = set(conn.execute(text("SELECT term FROM submission_terms")).scalars())
        assert "#6311071203800001" in terms and "6311071203800001" not in terms
        assert {"siti", "aisyah", "bedah", "rumah", "usl", "2026", "0001"} <= terms
    finally:
        engine.dispose()


def test_list_sort_indexes_come_and_go_with_their_migration(test_db):
    """0022 adds the (status, id) and (category, id) indexes the list walks when sorting by
    status or category and puts the due date and number beside (received_on, id), on SQLite
    and PostgreSQL, with the records kept; its downgrade gives back the indexes before."""
    from sqlalchemy import insert, select

    from desktop_app.intake.models import Submission

    engine = make_engine(test_db.url or sqlite_url(test_db.paths.database))
    new = {"ix_submissions_status_id": ["status", "id"],
           "ix_submissions_category_id": ["category", "id"],
           "ix_submissions_received_due_number": ["received_on", "id", "due_date", "number"]}

    def indexes() -> dict[str, list[str]]:
        return {ix["name"]: ix["column_names"]
                for ix in inspect(engine).get_indexes("submissions")}

    try:
        assert new.items() <= indexes().items()
        cfg = migrate.alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0021_rembuk_acknowledger")
        assert not set(new) & set(indexes())
        assert indexes()["ix_submissions_received_id"] == ["received_on", "id"]
        with engine.begin() as conn:
            conn.execute(insert(Submission.__table__), [{
                "id": 1, "number": "ADU/2026/00001", "kind": "aduan", "category": "jalan",
                "status": "diterima", "received_on": date(2026, 11, 2),
                "due_date": date(2026, 11, 16), "channel": "telepon", "reporter_name": "Siti",
                "subject": "Jalan berlubang", "description": "", "desa_code": "63.11.07.2003",
                "needs_check": False, "version": 1, "created_at": datetime(2026, 11, 2),
                "updated_at": datetime(2026, 11, 2)}])
        assert migrate.pending(engine)
        assert migrate.upgrade(engine) is True
        assert new.items() <= indexes().items()
        assert "ix_submissions_received_id" not in indexes()
        with engine.connect() as conn:
            assert conn.execute(select(Submission.number).where(
                Submission.received_on >= date(2026, 11, 1)).order_by(
                Submission.due_date)).scalars().all() == ["ADU/2026/00001"]
        assert _diff(engine) == []
    finally:
        engine.dispose()


def test_desa_index_takes_the_category_with_its_migration(test_db):
    """0023 puts the category beside the (desa_code, received_on, id, status, due_date)
    index on SQLite and PostgreSQL; its downgrade gives back the index before."""
    engine = make_engine(test_db.url or sqlite_url(test_db.paths.database))

    def indexes() -> dict[str, list[str]]:
        return {ix["name"]: ix["column_names"]
                for ix in inspect(engine).get_indexes("submissions")}

    before = ["desa_code", "received_on", "id", "status", "due_date"]
    try:
        assert indexes()["ix_submissions_desa_received_due_category"] == [*before, "category"]
        assert "ix_submissions_desa_received_due" not in indexes()
        cfg = migrate.alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0022_list_sort_indexes")
        assert indexes()["ix_submissions_desa_received_due"] == before
        assert "ix_submissions_desa_received_due_category" not in indexes()
        assert migrate.upgrade(engine) is True
        assert indexes()["ix_submissions_desa_received_due_category"] == [*before, "category"]
        assert _diff(engine) == []
    finally:
        engine.dispose()


@pytest.mark.parametrize(("index", "columns", "before"), [
    ("ix_audit_log_username_id", ["username", "id"], "0023_desa_index_category"),
    ("ix_audit_log_record", ["entity_id", "entity"], "0024_audit_username_index"),
])
def test_audit_trail_gets_its_index_with_its_migration(test_db, index, columns, before):
    """0024 adds the audit trail's (username, id) index, 0025 its (entity_id, entity) one, on
    SQLite and PostgreSQL; each downgrade takes its index away again."""
    engine = make_engine(test_db.url or sqlite_url(test_db.paths.database))

    def indexes() -> dict[str, list[str]]:
        return {ix["name"]: ix["column_names"]
                for ix in inspect(engine).get_indexes("audit_log")}

    try:
        assert indexes()[index] == columns
        cfg = migrate.alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, before)
        assert index not in indexes()
        assert migrate.upgrade(engine) is True
        assert indexes()[index] == columns
        assert _diff(engine) == []
    finally:
        engine.dispose()

def test_an_analysed_database_gets_the_new_indexes_analysed(app_ctx, admin):
    """An office database that was analysed (it has planner statistics) gets statistics for
    the indexes a migration adds, so the planner does not weigh them with guesses beside
    measured ones; one never analysed stays without."""
    from desktop_app.core.services import office

    if not app_ctx.is_sqlite:
        pytest.skip("SQLite's planner statistics")
    office.save_unit(app_ctx, admin, None, "Seksi Umum", "Kepala A")  # audit rows to measure
    engine = app_ctx.engine

    def analysed(index: str) -> bool:
        with engine.connect() as conn:
            return conn.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first() is not None \
                and conn.exec_driver_sql("SELECT 1 FROM sqlite_stat1 WHERE idx = ?",
                                         (index,)).first() is not None

    def downgrade_and_upgrade() -> None:
        cfg = migrate.alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0023_desa_index_category")
        assert migrate.upgrade(engine) is True

    downgrade_and_upgrade()
    assert not analysed("ix_audit_log_username_id")
    with engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    downgrade_and_upgrade()
    assert analysed("ix_audit_log_username_id")

