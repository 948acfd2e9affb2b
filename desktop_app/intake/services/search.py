"""The word index of submissions (``submission_terms``): writing a record's terms, and the
typed-words filter of the list (each word must begin a word of the record)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, delete, exists, func, or_, select
from sqlalchemy.orm import Session

from desktop_app.db.engine import positional_insert_sql
from desktop_app.intake.domain.search import (
    INDEXED_FIELDS,
    personal_term,
    prefix_upper_bound,
    query_words,
    terms_for,
)
from desktop_app.intake.models import Submission, SubmissionTerm


def index_terms(session: Session, items: list[tuple[int, dict[str, Any]]],
                replace: bool = True) -> None:
    """(Re)write the search terms of submissions (id, column values)."""
    if not items:
        return
    if replace:
        session.execute(delete(SubmissionTerm).where(
            SubmissionTerm.submission_id.in_([sid for sid, _ in items])))
    rows = [(term, sid) for sid, values in items for term in terms_for(values)]
    if rows:
        # Plain DBAPI executemany: an import writes a hundred thousand terms.
        conn = session.connection()
        conn.exec_driver_sql(
            positional_insert_sql(conn, "submission_terms", ("term", "submission_id")), rows)


def values_for_index(sub: Submission) -> dict[str, Any]:
    return {name: getattr(sub, name) for name in INDEXED_FIELDS}


def _prefix(word: str) -> Any:
    return and_(SubmissionTerm.term >= word, SubmissionTerm.term < prefix_upper_bound(word))


def text_filter(stmt: Any, text: str, session: Session | None, personal: bool = False) -> Any:
    """Every typed word must begin a word of the record (search index, ``domain/search.py``).
    The rarest word drives the query (its matches are few); the others are checked per match.
    Words of NIK and No. KK are searched only with ``personal`` (a role that may see them)."""
    def _term_range(word: str) -> Any:
        if personal and word.isdigit():
            return or_(_prefix(word), _prefix(personal_term(word)))
        return _prefix(word)

    words = query_words(text)[:8]
    if not words:
        return stmt
    if session is not None and len(words) > 1:
        def estimate(word: str) -> int:
            capped = select(SubmissionTerm.submission_id).where(_term_range(word)).limit(20_001)
            return int(session.scalar(select(func.count()).select_from(capped.subquery())) or 0)

        words.sort(key=estimate)
    first, rest = words[0], words[1:]
    stmt = stmt.where(Submission.id.in_(
        select(SubmissionTerm.submission_id).where(_term_range(first))))
    for word in rest:
        stmt = stmt.where(exists().where(SubmissionTerm.submission_id == Submission.id,
                                         _term_range(word)))
    return stmt
