"""Storage: SQLAlchemy 2 models, engine set-up, Alembic migrations, backups. Never imports Qt."""
