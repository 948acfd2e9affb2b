"""The word index of submissions (``submission_terms``): writing a record's terms, and the
typed-words filter of the list (each word must begin a word of the record)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, delete, exists, func, or_, select
from sqlalchemy.orm import Session

from desktop_app.db.engine import TEXTS_CLEAN, positional_insert_sql
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
            positional_insert_sql(conn, "submission_terms", ("term", "submission_id")), rows,
            execution_options={TEXTS_CLEAN: True})  # letters and digits only


def values_for_index(sub: Submission) -> dict[str, Any]:
    return {name: getattr(sub, name) for name in INDEXED_FIELDS}


def _prefix(word: str) -> Any:
    return and_(SubmissionTerm.term >= word, SubmissionTerm.term < prefix_upper_bound(word))


def _word_range(word: str, personal: bool) -> Any:
    """The index entries a typed word matches: words it begins, and with ``personal`` the
    personal numbers (NIK, No. KK) it begins."""
    if personal and word.isdigit():
        return or_(_prefix(word), _prefix(personal_term(word)))
    return _prefix(word)


def count_word(session: Session, text: str, personal: bool, cap: int) -> int | None:
    """How many records one typed word finds, counted up to ``cap`` + 1 off the word index
    alone (distinct records among its entries); ``None`` when ``text`` holds several words.
    A word found in a few percent of a million records is counted this way in milliseconds,
    where walking the records to check each would read hundreds of thousands of them."""
    words = query_words(text)
    if len(words) != 1:
        return None
    matches = (select(SubmissionTerm.submission_id).where(_word_range(words[0], personal))
               .distinct().limit(cap + 1))
    return int(session.scalar(select(func.count()).select_from(matches.subquery())) or 0)


# A word found in more records than this is common: the list then walks the records in the
# order it shows them and checks the word per record (the first page is found within a few
# hundred records), instead of gathering every match first and sorting them.
COMMON_WORD = 5_000


def text_filter(stmt: Any, text: str, session: Session | None, personal: bool = False,
                per_record: bool | None = None) -> Any:
    """Every typed word must begin a word of the record (search index, ``domain/search.py``).
    A rare word drives the query (its few matches are gathered, then sorted); a common one is
    checked per record, in the order the list is read, so the first page of a word found in
    every record is as quick as that of a rare one. ``per_record`` True checks every word per
    record (the list walks its order and the filter as a whole is broad), False lets the
    rarest word drive however common (the filter's matches are gathered). Words of NIK and
    No. KK are searched only with ``personal`` (a role that may see them)."""
    def _term_range(word: str) -> Any:
        return _word_range(word, personal)

    def _matches(word: str) -> int:
        """How many index entries the word matches, counted up to COMMON_WORD + 1."""
        assert session is not None
        capped = select(SubmissionTerm.submission_id).where(_term_range(word)).limit(
            COMMON_WORD + 1)
        return int(session.scalar(select(func.count()).select_from(capped.subquery())) or 0)

    words = query_words(text)[:8]
    if not words:
        return stmt
    counts = {w: _matches(w) for w in words} if session is not None and not per_record else {}
    words.sort(key=lambda w: counts.get(w, 0))
    first, rest = words[0], words[1:]
    if per_record is False or (per_record is None and counts.get(first, 0) <= COMMON_WORD):
        stmt = stmt.where(Submission.id.in_(
            select(SubmissionTerm.submission_id).where(_term_range(first))))
    else:
        rest = words
    for word in rest:
        stmt = stmt.where(exists().where(SubmissionTerm.submission_id == Submission.id,
                                         _term_range(word)))
    return stmt
