"""SQL written per database where the portable form is slow: hints to SQLite's query planner
that hold with or without statistics (an office's database is never analysed: nothing runs
ANALYZE, and statistics from an import are soon out of date), and a case-free LIKE."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class unindexed(FunctionElement[Any]):  # noqa: N801 - reads as a SQL function
    """The column's value, which SQLite may not look up through an index of that column
    (written ``+column``: the same value and comparison). A condition like ``due_date < today``
    then only filters the rows another index found, instead of driving the query through the
    due date's own index. Other databases get the plain column (their planners have
    statistics)."""

    name = "unindexed"
    inherit_cache = True

    def __init__(self, column: Any) -> None:
        super().__init__(column)
        self.type = column.type


@compiles(unindexed)
def _plain(element: unindexed, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.clauses, **kw))


@compiles(unindexed, "sqlite")
def _unary_plus(element: unindexed, compiler: Any, **kw: Any) -> str:
    return "+" + str(compiler.process(element.clauses, **kw))


class like_any_case(FunctionElement[bool]):  # noqa: N801 - reads as a SQL function
    """``column`` matches the LIKE ``pattern`` in any case: SQLite's own LIKE (which already
    ignores the case of ASCII letters, and SQLite's ``lower()`` folds no others, so it finds
    exactly what ``lower(column) LIKE lower(pattern)`` finds, without two function calls per
    row), PostgreSQL's ILIKE."""

    name = "like_any_case"
    inherit_cache = True
    type = Boolean()


@compiles(like_any_case)
def _lower_like(element: like_any_case, compiler: Any, **kw: Any) -> str:
    column, pattern = element.clauses
    return (f"lower({compiler.process(column, **kw)}) "
            f"LIKE lower({compiler.process(pattern, **kw)})")


@compiles(like_any_case, "sqlite")
def _sqlite_like(element: like_any_case, compiler: Any, **kw: Any) -> str:
    column, pattern = element.clauses
    return f"{compiler.process(column, **kw)} LIKE {compiler.process(pattern, **kw)}"


@compiles(like_any_case, "postgresql")
def _ilike(element: like_any_case, compiler: Any, **kw: Any) -> str:
    column, pattern = element.clauses
    return f"{compiler.process(column, **kw)} ILIKE {compiler.process(pattern, **kw)}"
