"""Declarative base with a naming convention so Alembic batch migrations work on SQLite."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Integer, MetaData, func
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from desktop_app.core.domain import clock

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    return clock.utcnow()


class TimestampMixin:
    """Creation and update times, stored as naive UTC."""

    created_at: Mapped[datetime] = mapped_column(
        DateTime, default=utcnow, server_default=func.current_timestamp()
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, default=utcnow, onupdate=utcnow, server_default=func.current_timestamp()
    )


class VersionedMixin:
    """Optimistic locking for a record that a person edits in a form: ``version`` starts at 1
    and SQLAlchemy adds one at every ORM update, whose ``UPDATE … WHERE version = :loaded``
    finds no row when another desk saved first (StaleDataError, shown as a conflict). Forms
    carry the version they loaded and services compare it (core.services.versions)."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 - SQLAlchemy's declared_attr
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]
