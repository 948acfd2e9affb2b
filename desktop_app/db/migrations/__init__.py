"""Alembic migration scripts (run at start-up by desktop_app.db.migrate)."""
