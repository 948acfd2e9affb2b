"""Hints to SQLite's query planner that hold with or without statistics (an office's database is
never analysed: nothing runs ANALYZE, and statistics from an import are soon out of date)."""

from __future__ import annotations

from typing import Any

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
