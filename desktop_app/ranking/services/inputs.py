"""Reading the criterion inputs of a million submissions fast: the ``ranking_inputs`` cache.

Each submission's inputs are kept as one fixed-width record (``domain/inputs.py``) in
``ranking_inputs``; a ranking reads the records of every ranked submission as ONE blob
(SQLite ``group_concat``, PostgreSQL ``string_agg`` over the records, the submissions chosen
through their (status, category) index) and decodes it with numpy: one Python object per
query instead of one per value. Measured at 1,000,000 rows (README, "Speed").

The cache is never trusted beyond what the database guarantees: triggers on ``submissions``
delete a submission's record on every insert, update or delete, whoever writes (intake's
services, an import, a migration, a hand-written UPDATE). Before reading, the ranking checks
the triggers exist; where they do not (a fresh database, or a migration that rebuilt the
table), nothing cached is used, and the next refresh empties the cache and creates them.
Records missing (new or changed submissions, another layout) are computed from the
submission's columns during the read, and stored afterwards by ``refresh`` in short write
transactions that read the submissions again under the write lock (SQLite) or a share lock
on the rows (PostgreSQL), so a record never outlives the values it was made from.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from sqlalchemy import LargeBinary, and_, cast, func, literal, select, text
from sqlalchemy.orm import Session

from desktop_app.core.domain.progress import Progress
from desktop_app.core.services.context import AppContext, unit_of_work
from desktop_app.db.engine import positional_insert_sql
from desktop_app.intake.models import Submission
from desktop_app.ranking.domain.inputs import InputLayout, by_id, decode, encode, split
from desktop_app.ranking.models import RankingInput

SQLITE_TRIGGERS = {
    "ranking_inputs_on_insert": "AFTER INSERT ON submissions BEGIN DELETE FROM ranking_inputs "
                                "WHERE submission_id = NEW.id; END",
    "ranking_inputs_on_update": "AFTER UPDATE ON submissions BEGIN DELETE FROM ranking_inputs "
                                "WHERE submission_id IN (OLD.id, NEW.id); END",
    "ranking_inputs_on_delete": "AFTER DELETE ON submissions BEGIN DELETE FROM ranking_inputs "
                                "WHERE submission_id = OLD.id; END",
}
PG_TRIGGER = "ranking_inputs_forget"
PG_FUNCTION = """
CREATE OR REPLACE FUNCTION ranking_inputs_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN DELETE FROM ranking_inputs WHERE submission_id = OLD.id; END IF;
    IF TG_OP <> 'DELETE' THEN DELETE FROM ranking_inputs WHERE submission_id = NEW.id; END IF;
    RETURN NULL;
END $$"""
PG_CREATE = ("CREATE TRIGGER ranking_inputs_forget AFTER INSERT OR UPDATE OR DELETE ON "
             "submissions FOR EACH ROW EXECUTE FUNCTION ranking_inputs_forget()")
FETCH = 20_000  # rows computed per fetch (memory stays small on a first ranking)
REFRESH = 20_000  # records stored per write transaction


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def triggers_present(session: Session) -> bool:
    if _is_sqlite(session):
        found = session.execute(text(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = "
            "'submissions' AND name IN ('ranking_inputs_on_insert', 'ranking_inputs_on_update',"
            " 'ranking_inputs_on_delete')")).scalar()
        return found == len(SQLITE_TRIGGERS)
    found = session.execute(text(
        "SELECT count(*) FROM pg_trigger WHERE tgname = :name AND NOT tgisinternal "
        "AND tgrelid = 'submissions'::regclass AND tgenabled <> 'D'"),
        {"name": PG_TRIGGER}).scalar()
    return found == 1


def ensure_triggers(session: Session) -> None:
    """In a write transaction: when a trigger is missing, forget every record (updates may
    have been missed) and create the triggers."""
    if triggers_present(session):
        return
    session.execute(text("DELETE FROM ranking_inputs"))
    if _is_sqlite(session):
        for name, body in SQLITE_TRIGGERS.items():
            session.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
            session.execute(text(f"CREATE TRIGGER {name} {body}"))
    else:
        session.execute(text(PG_FUNCTION))
        session.execute(text(f"DROP TRIGGER IF EXISTS {PG_TRIGGER} ON submissions"))
        session.execute(text(PG_CREATE))


def received_key(session: Session) -> Any:
    """A number that orders by date received."""
    if _is_sqlite(session):
        return func.julianday(Submission.received_on)
    return func.extract("epoch", Submission.received_on)


def _raw(session: Session, layout: InputLayout) -> list[Any]:
    s = Submission
    return [s.id, received_key(session), *[getattr(s, k) for k in layout.columns]]


def _fetch_records(session: Session, layout: InputLayout, stmt: Any) -> np.ndarray:
    result = session.connection().execute(stmt)
    parts = []
    try:
        cursor = result.cursor  # plain DBAPI rows
        while rows := cursor.fetchmany(FETCH):
            parts.append(encode(layout, rows))
    finally:
        result.close()
    return np.concatenate(parts) if parts else encode(layout, [])


def read_records(session: Session, layout: InputLayout, scoped: Any) -> tuple[np.ndarray,
                                                                             np.ndarray]:
    """The records of every submission ``scoped`` (a function adding the WHERE of the
    ranking to a statement over submissions) selects: (records, ids computed now)."""
    s, r = Submission, RankingInput
    trusted = triggers_present(session)
    cached = decode(layout, b"")
    on = and_(r.submission_id == s.id, r.layout == layout.fingerprint)
    if trusted:
        blob: Any
        if _is_sqlite(session):
            blob = cast(func.group_concat(r.data, ""), LargeBinary)
        else:
            blob = func.string_agg(r.data, literal(b"", LargeBinary))
        # One pass: the records, and how many ranked submissions have none (new, changed,
        # or made with another layout); only then are those looked for.
        result = session.connection().execute(scoped(
            select(blob, func.count() - func.count(r.submission_id))
            .select_from(s).outerjoin(r, on)))
        try:
            row = result.cursor.fetchone()
            data, absent = row if row else (None, 0)
        finally:
            result.close()
        cached = decode(layout, bytes(data) if data is not None else b"")
        if not absent:
            return by_id(cached), np.zeros(0, dtype=np.int64)
        missing = scoped(select(*_raw(session, layout)).select_from(s).outerjoin(r, on)
                         .where(r.submission_id.is_(None)))
    else:
        missing = scoped(select(*_raw(session, layout)))
    computed = _fetch_records(session, layout, missing)
    if not len(computed):
        return by_id(cached), computed["id"]
    if len(cached):  # PostgreSQL read committed: a record changed between the two queries
        cached = cached[~np.isin(cached["id"], computed["id"])]
    return by_id(np.concatenate([cached, computed])), computed["id"]


def refresh(app: AppContext, layout: InputLayout, ids: Sequence[int] | np.ndarray,
            progress: Progress | None = None) -> int:
    """Store the records of these submissions (read again now, in short write transactions);
    returns how many were stored."""
    ids = np.unique(np.asarray(ids, dtype=np.int64))
    fingerprint, stored = layout.fingerprint, 0
    for start in range(0, len(ids), REFRESH):
        chunk = ids[start:start + REFRESH]
        low, high = int(chunk[0]), int(chunk[-1])
        with unit_of_work(app) as session:
            ensure_triggers(session)
            # Dense ids (the usual case) by their range: two bound values instead of thousands.
            dense = high - low < 4 * len(chunk)
            stmt = select(*_raw(session, layout)).where(
                Submission.id.between(low, high) if dense else Submission.id.in_(chunk.tolist()),
                Submission.category == layout.category)
            if not _is_sqlite(session):  # no update of these rows until the records are in
                stmt = stmt.with_for_update(read=True, of=Submission)
            records = _fetch_records(session, layout, stmt)
            if dense:
                records = records[np.isin(records["id"], chunk)]
            conn = session.connection()
            sql = positional_insert_sql(conn, RankingInput.__tablename__,
                                        ["submission_id", "layout", "data"])
            conn.exec_driver_sql(sql + " ON CONFLICT (submission_id) DO UPDATE SET layout = "
                                 "excluded.layout, data = excluded.data", [
                (i, fingerprint, b) for i, b in
                zip(records["id"].tolist(), split(records), strict=True)])
            stored += len(records)
        if progress:
            progress(min(start + REFRESH, len(ids)), len(ids),
                     "Menyimpan nilai kriteria untuk peringkat berikutnya…")
    return stored
