"""Engine and session factory: SQLite (default, one PC) or PostgreSQL (shared office server)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

# Write transactions on SQLite start with BEGIN IMMEDIATE so that two writers wait for each other
# (busy_timeout) instead of failing when a read transaction tries to upgrade to a write.
WRITE_OPTION = "ruko_write"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{Path(path).resolve().as_posix()}"


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """Create the engine once in main() and pass it on; no module-level globals."""
    if url.startswith("sqlite"):
        # LIFO: the connection used last, whose page cache is warm, serves the next unit of
        # work (FIFO would rotate through the pool's connections, each with a cold cache).
        engine = create_engine(url, echo=echo, connect_args={"timeout": 30},
                               pool_use_lifo=True)
        _configure_sqlite(engine)
    else:
        engine = create_engine(url, echo=echo, pool_pre_ping=True, pool_size=5, max_overflow=5)
    event.listen(engine, "before_cursor_execute", _clean_parameters, retval=True)
    return engine


def _clean_text_value(value: Any) -> Any:
    if isinstance(value, str) and not value.isprintable():  # fast path: nearly every value
        from desktop_app.core.domain.parsing import clean_text

        return clean_text(value)
    return value


# Execution option of a statement whose texts cannot hold a control character (e.g. search
# terms, made of letters and digits only): their parameters are not checked again.
TEXTS_CLEAN = "ruko_texts_clean"


def _printable(values: Any) -> bool:
    """True when no text among ``values`` holds a control character: the texts are joined and
    checked once (one C-level pass instead of a Python call per value; an import sends a
    million values)."""
    return "".join([v for v in values if isinstance(v, str)]).isprintable()


def _clean_parameters(_conn: Any, _cursor: Any, statement: str, parameters: Any,
                      _context: Any, executemany: bool) -> tuple[str, Any]:
    """No control character reaches the database in any statement (a NUL in a search box
    breaks PostgreSQL's query; stored ones break searching, printing and exported XML)."""
    if _context is not None and _context.execution_options.get(TEXTS_CLEAN):
        return statement, parameters

    def clean(params: Any) -> Any:
        if isinstance(params, dict):
            if _printable(params.values()):
                return params
            return {k: _clean_text_value(v) for k, v in params.items()}
        if isinstance(params, list | tuple):
            if _printable(params):
                return params
            return type(params)(_clean_text_value(v) for v in params)
        return params

    if executemany and isinstance(parameters, list | tuple):
        return statement, [clean(p) for p in parameters]
    return statement, clean(parameters)


SQLITE_CACHE_KIB = -65536  # negative: kibibytes (64 MiB), not pages


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # Take over transaction control from the sqlite3 module (SQLAlchemy's documented recipe).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA busy_timeout=30000")
        # A page cache of up to 64 MiB (SQLite's default is 2 MiB), filled only as pages are
        # read: a large import or ranking keeps its indexes' pages in memory instead of reading
        # them back from the file (measured: 100,000 records inserted in 10.5 instead of 12.6–16.6
        # CPU seconds, bench/import_rows.py's bare write).
        cur.execute(f"PRAGMA cache_size={SQLITE_CACHE_KIB}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get(WRITE_OPTION):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


# ``session.info`` keys with this prefix belong to the session (set by the unit of work, e.g. the
# audit key) and survive its transactions; every other key is a per-transaction cache.
SESSION_KEY_PREFIX = "app."


def _forget_transaction_cache(session: Session, transaction: Any) -> None:
    # Services keep values read under the transaction's locks in ``session.info`` (the audit
    # chain head, registration counters); they must not outlive that transaction. Flushes run
    # in sub-transactions (with a parent): only the outermost one's end counts.
    if transaction.parent is None:
        for key in [k for k in session.info if not str(k).startswith(SESSION_KEY_PREFIX)]:
            del session.info[key]


def _clean_stored_text(session: Session, _context: Any, _instances: Any) -> None:
    """No control characters reach the database from any form or service (imports clean
    their cells already): they are invisible, break searching, printing and exported XML."""
    from sqlalchemy import inspect

    from desktop_app.core.domain.parsing import clean_text

    for obj in (*session.new, *session.dirty):
        state = inspect(obj)
        keys = state.dict.keys() if obj in session.new else state.committed_state.keys()
        for key in list(keys):
            value = state.dict.get(key)
            if isinstance(value, str):
                cleaned = clean_text(value)
                if cleaned != value:
                    setattr(obj, key, cleaned)


def _field_label(mapper: Any, key: str) -> str:
    """The Indonesian name of a record's field for a message (the audit page's declaration of
    the record kind named like its table, else the words of the field's name); '' unknown."""
    from desktop_app.core.domain.audit_fields import field_of, readable_label, registered

    table = str(mapper.local_table.name)
    kinds = registered()  # only on a refusal: a copy of the register is cheap enough
    for entity in (table, table.removesuffix("s"), table.split("_")[-1].removesuffix("s")):
        if key in kinds.get(entity, {}):
            return kinds[entity][key].label
    spec = field_of("", key)  # the fields every record shares
    label = spec.label if spec is not None else readable_label(key)
    return "" if label == "Isian lain" else label


def _check_text_lengths(session: Session, _context: Any, _instances: Any) -> None:
    """A text longer than its column is refused with a clear message, on both databases:
    PostgreSQL would raise its own error, and SQLite (which does not enforce lengths) would
    keep what PostgreSQL, a backup restored there or a transfer then cannot take."""
    from sqlalchemy import String, inspect

    from desktop_app.core.domain.errors import ValidationError
    from desktop_app.db.lengths import too_long

    errors: dict[str, str] = {}
    for obj in (*session.new, *session.dirty):
        state = inspect(obj)
        columns = state.mapper.columns
        for key, value in state.dict.items():
            column = columns.get(key)
            if column is None or not isinstance(value, str):
                continue
            length = getattr(column.type, "length", None)
            if isinstance(column.type, String) and length and len(value) > length:
                errors[key] = too_long(length, len(value), _field_label(state.mapper, key))
    if errors:
        raise ValidationError(field_errors=errors)


def _check_date_ranges(session: Session, _context: Any, _instances: Any) -> None:
    """A date outside an office record's plausible years (a date box left at its limit,
    14/09/1752 or 31/12/9999) is refused with a clear message naming the date, on every save:
    it would print as nonsense and overflow the deadline arithmetic."""
    from datetime import date

    from sqlalchemy import inspect

    from desktop_app.core.domain.errors import ValidationError
    from desktop_app.core.domain.parsing import date_out_of_range

    errors: dict[str, str] = {}
    for obj in (*session.new, *session.dirty):
        state = inspect(obj)
        keys = state.dict.keys() if obj in session.new else state.committed_state.keys()
        for key in keys:
            value = state.dict.get(key)
            if isinstance(value, date):  # datetime too
                problem = date_out_of_range(value)
                if problem:
                    errors[key] = problem
    if errors:
        raise ValidationError(field_errors=errors)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    from sqlalchemy import event

    factory = sessionmaker(engine, expire_on_commit=False)
    event.listen(factory, "after_transaction_end", _forget_transaction_cache)
    event.listen(factory, "before_flush", _clean_stored_text)
    event.listen(factory, "before_flush", _check_text_lengths)
    event.listen(factory, "before_flush", _check_date_ranges)
    return factory


# Every write transaction on PostgreSQL holds this advisory lock shared; a restore takes it
# exclusively, so it waits for no one and is refused while a write is in progress.
WRITE_LOCK_KEY = 0x52554B4F  # "RUKO"


def read_generation(engine: Engine) -> str | None:
    """The live copy's generation (``database_marker``); None before the marker exists."""
    from sqlalchemy.exc import DBAPIError

    try:
        with engine.connect() as conn:
            value = conn.exec_driver_sql(
                "SELECT generation FROM database_marker WHERE id = 1").scalar()
    except DBAPIError:
        return None
    return None if value is None else str(value)


def guard_write(connection: Any, expected: str | None) -> str | None:
    """First statements of every write transaction: on PostgreSQL take the shared write lock
    (a restore waits for it), then read the generation. Returns the live generation when it is
    not ``expected`` (the database was restored since this process opened it), else None."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock_shared({WRITE_LOCK_KEY})")
    if expected is None:
        return None
    from sqlalchemy.exc import DBAPIError

    try:
        live = connection.exec_driver_sql(
            "SELECT generation FROM database_marker WHERE id = 1").scalar()
    except DBAPIError:  # a restored copy from before the marker existed
        return "(tanpa penanda)"
    return None if live == expected else str(live)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def positional_insert_sql(connection: Any, table: str, columns: Sequence[str]) -> str:
    """A plain INSERT with positional placeholders in the driver's own style, for DBAPI
    ``executemany`` of tuples (the fastest bulk path: no per-row dict or ORM work)."""
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))})"


def bulk_insert(connection: Any, table: Any, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows`` (column name → value; a missing key is NULL, or the column's constant
    default when no row names it) with one DBAPI ``executemany`` of tuples. Values go through
    each column type's own bind conversion, as a Core INSERT would, but once per column
    instead of SQLAlchemy's per-row parameter work: the path for imports of many thousands of
    rows. A column with a computed default must be given by the caller."""
    if not rows:
        return
    dialect = connection.dialect
    names = list(dict.fromkeys(chain.from_iterable(rows)))  # every key, in first-seen order
    constants: dict[str, Any] = {}
    for column in table.columns:
        if column.name in names or column.default is None:
            continue
        if not column.default.is_scalar:
            raise ValueError(f"{table.name}.{column.name}: its default must be given")
        constants[column.name] = column.default.arg
    columns = names + list(constants)
    converters = [table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
                  for name in columns]
    # The values a column at a time: when every row names every column (an import's rows
    # do), picked and turned into columns at C speed.
    width = len(names)
    if width > 1 and all(len(row) == width for row in rows):
        data: list[Sequence[Any]] = list(zip(*map(itemgetter(*names), rows), strict=True))
    else:
        data = [[row.get(name) for row in rows] for name in names]
    data += [[value] * len(rows) for value in constants.values()]
    for i, convert in enumerate(converters):
        if not _column_printable(data[i]):
            data[i] = [_clean_text_value(value) for value in data[i]]
        if convert is not None:
            data[i] = _converted(data[i], convert)
    # Every text was checked above, a column at a time: not again per row.
    connection.exec_driver_sql(positional_insert_sql(connection, table.name, columns),
                               list(zip(*data, strict=True)),
                               execution_options={TEXTS_CLEAN: True})


def _converted(values: Sequence[Any], convert: Callable[[Any], Any]) -> list[Any]:
    """A column's values through its type's bind conversion, each object once: an import
    gives thousands of rows the same moment or date object (``created_at``, ``at``), and
    SQLite's date conversions are Python code. By identity, not equality (two equal
    datetimes in different time zones are written differently); every object stays alive in
    ``values`` meanwhile, so an id is never reused."""
    done: dict[int, Any] = {}
    out: list[Any] = []
    for value in values:
        if value is None:
            out.append(None)
            continue
        key = id(value)
        if key in done:
            out.append(done[key])
        else:
            out.append(done.setdefault(key, convert(value)))
    return out


def _column_printable(values: Sequence[Any]) -> bool:
    """True when no text of one column holds a control character (one C-level pass; a
    column that is not all texts and NULLs is checked value by value)."""
    try:
        return "".join(filter(None, values)).isprintable()
    except TypeError:  # numbers, dates, …: only its texts need the check
        return _printable(values)
