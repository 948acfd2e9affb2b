"""What an import of an office sheet leaves behind, pinned down whole: the records (every
column), their search terms and what a search finds, the timeline, the audit rows (and that
the chain verifies), the import's own audit row and the report workbook's cells. The import
as it runs is compared, part by part, with the same sheet imported into a second database
through the plain paths its fast ones stand for (Core inserts, one audit row at a time, ids
looked up by number, one chunk): a faster path that changed any of it fails here and names
the part."""

from __future__ import annotations

import json
import random
from contextlib import contextmanager
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from desktop_app.core.domain.roles import Role
from desktop_app.core.models import AuditLog
from desktop_app.core.services import audit
from desktop_app.core.services.bootstrap import open_app
from desktop_app.core.services.context import unit_of_work
from desktop_app.intake.models import StatusChange, Submission, SubmissionTerm
from desktop_app.intake.services import importing, listing, records
from desktop_app.intake.services.listing import SubmissionFilter
from tests.conftest import make_user

ROWS = 260
DESA = ["Inan", "Halubau", "Galumbang", "Batu Piring", "Binjai"]


def office_workbook(path) -> None:
    """An office sheet as bench/import_rows.py makes it (title rows, a column-number row,
    office words for choices, desa with prefixes, in capitals, misspelt), with rows an import
    refuses or flags mixed in."""
    rng = random.Random(11)
    wb = Workbook()
    ws = wb.active
    ws.title = "RTLH"
    ws.append(["DAFTAR USULAN RUMAH TIDAK LAYAK HUNI"])
    ws.append(["TAHUN ANGGARAN 2027"])
    ws.append([])
    ws.append(["No", "Nama KK", "NIK", "DESA/KEL", "RT/RW", "Penghasilan", "Jml Jiwa",
               "Luas Lantai (m2)", "Kondisi Atap", "Kondisi Dinding", "Kondisi Lantai",
               "WC/Jamban", "Sumber Air", "Tanggal", "Keterangan"])
    ws.append(list(range(1, 16)))
    written = [lambda d: d, lambda d: d.upper() + " ", lambda d: f"Desa {d}",
               lambda d: d[:-1] if len(d) > 6 else d]
    for i in range(1, ROWS + 1):
        day = rng.randint(1, 28)
        nik = f"631107{day:02d}0{rng.randint(1, 9)}8{i:05d}"
        name = f"Kepala Keluarga {i} bin Abdul"
        desa = rng.choice(written)(rng.choice(DESA))
        income: object = f"Rp {rng.randint(3, 30) * 100_000:,}".replace(",", ".")
        note: object = rng.choice([None, "janda", "lansia; rumah panggung di tepi sungai",
                                   "=1+2", "ÄÖ ùñï çødé 12 jt"])
        taken = f"{day:02d}/10/2026"
        if i % 37 == 0:
            desa = "Kampung Antah"  # refused: no such desa
        if i % 41 == 0:
            nik = f"631107{day:02d}0{rng.randint(1, 9)}8{i - 1:05d}"  # a NIK seen a row before
        if i % 29 == 0:
            income = "satu juta"  # flagged: left empty
        if i % 31 == 0:
            name = "Nama " * 60  # refused: longer than its column
        if i % 43 == 0:
            name = f"Kepala\tKeluarga {i}\n"  # control characters
        if i % 47 == 0:
            taken = "32/13/2026"  # no such date: the import's default
        ws.append([i, name, nik, desa,
                   f"{rng.randint(1, 12):03d}/{rng.randint(1, 4):03d}", income,
                   rng.choice([rng.randint(1, 9), "4 jiwa", 0]),
                   str(rng.randint(18, 70)), rng.choice(["Layak", "RR", "RB", "Rusak berat"]),
                   rng.choice(["Layak", "Rusak sedang", "papan"]),
                   rng.choice(["Tanah", "Papan", "Layak", "RS"]),
                   rng.choice(["Numpang", "Tidak ada", "Jamban sendiri dengan septic tank"]),
                   rng.choice(["PDAM", "Sungai", "Sumur bor", "sumur"]), taken, note])
    wb.save(path)


def _plain(value: object) -> object:
    """A stored value as both databases give it back (PostgreSQL's Numeric is a Decimal)."""
    from decimal import Decimal

    if isinstance(value, Decimal | float):
        return float(value)
    return value


def import_outcome(app, actor, admin, path, folder) -> dict[str, object]:
    """Every part of what importing ``path`` leaves behind, in a form that does not depend on
    the moment, the database's ids or the folder."""
    result = importing.import_file(app, actor, path, error_dir=folder,
                                   defaults=importing.ImportDefaults(received_on=date(2026, 11, 2)))
    timed = {"id", "created_at", "updated_at"}
    with unit_of_work(app, write=False) as session:
        subs = [dict(r) for r in session.execute(
            select(Submission.__table__).order_by(Submission.number)).mappings()]
        number_of = {r["id"]: r["number"] for r in subs}
        records = [{k: _plain(v) for k, v in r.items() if k not in timed}
                   | {"entered_by_id": r["entered_by_id"] == actor.user_id} for r in subs]
        terms = sorted((t, number_of[sid]) for t, sid in session.execute(
            select(SubmissionTerm.term, SubmissionTerm.submission_id)))
        timeline = sorted((number_of[c.submission_id], c.from_status, c.to_status, c.note,
                           c.user_name, c.user_id == actor.user_id)
                          for c in session.scalars(select(StatusChange)))
        trail = []
        for row in session.scalars(select(AuditLog).where(AuditLog.entity == "submission")
                                   .order_by(AuditLog.id)):
            after = json.loads(row.after_json or "{}")
            for key in ("created_at", "updated_at"):
                assert key not in after or after[key]  # the moment itself is left out
                after.pop(key, None)
            if "file_sha256" in after:  # the workbook's bytes hold the moment it was made
                after["file_sha256"] = after["file_sha256"] == importing.file_sha256(path)
            if "id" in after:
                after["id"] = number_of[after["id"]]
            if row.action == "create":
                entity = number_of[int(row.entity_id)]
            else:
                entity = row.entity_id
            trail.append((row.action, entity, row.username, row.user_id == actor.user_id,
                          row.summary.replace(str(folder), "<folder>"), after, row.before_json))
    assert audit.verify_chain(app, admin).ok
    source = listing.SubmissionPageSource(app, admin)
    hits = {}
    for text in ("kepala 12", "abdul", "ÄÖ", "6311070", "lansia", "Keluarga 2 bin", "zzz"):
        rows = source.fetch(SubmissionFilter(text=text), "number", False, 0, 1000)
        hits[text] = sorted(r.number for r in rows)
    assert result.error_workbook is not None
    book = load_workbook(result.error_workbook)
    report = {ws.title: [[cell for cell in row] for row in ws.iter_rows(values_only=True)]
              for ws in book.worksheets}
    counts = (result.imported, result.flagged, result.rejected, result.skipped_existing,
              len(result.numbers), result.error_workbook.name)
    return {"counts": counts, "records": records, "terms": terms, "timeline": timeline,
            "audit": trail, "search": hits, "report": report}


def _core_insert(connection, table, rows) -> None:
    """What ``bulk_insert`` promises, written the plain way: one Core INSERT of every row
    (a key missing from a row is NULL; a column no row names gets its constant default)."""
    named = list(dict.fromkeys(k for row in rows for k in row))
    defaults = {c.name: c.default.arg for c in table.columns
                if c.name not in named and c.default is not None and c.default.is_scalar}
    if rows:
        connection.execute(table.insert(), [{k: row.get(k) for k in named} | defaults
                                            for row in rows])


def _one_by_one(session, actor, entries) -> int:
    """``audit.record_many`` as the one-row ``audit.record`` writes each entry."""
    for action, entity, entity_id, after, summary in entries:
        audit.record(session, actor, action, entity, entity_id, after=after, summary=summary)
    return len(entries)


@contextmanager
def plain_paths(monkeypatch):
    """The import's fast paths replaced by the plain ones they stand for: Core inserts row by
    row instead of ``bulk_insert``, one audit row at a time, the new ids looked up by their
    numbers, one chunk."""
    with monkeypatch.context() as m:
        m.setattr(records, "bulk_insert", _core_insert)
        m.setattr(audit, "bulk_insert", _core_insert)
        m.setattr(audit, "record_many", _one_by_one)
        m.setattr(records, "_last_id", lambda session: None)
        m.setattr(importing, "CHUNK_ROWS", 100_000)
        yield


@pytest.fixture
def two_offices(make_database, tmp_path):
    """Two fresh databases with the same people."""
    apps = []
    for name in ("fast", "plain"):
        db = make_database(folder=tmp_path / name)
        app = open_app(db.paths, db.url, daily_backup=False)
        apps.append((app, make_user(app, "verifikator", Role.VERIFIER),
                     make_user(app, "admin", Role.ADMIN)))
    yield apps
    for app, _v, _a in apps:
        app.dispose()


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(importing, "CHUNK_ROWS", 60, raising=False)


def test_an_office_sheet_imports_as_the_plain_paths_would(two_offices, tmp_path, small_chunks,
                                                          monkeypatch):
    """The import as it runs (bulk inserts, audit rows in bulk, SQLite's run of new ids,
    chunks of 60) leaves exactly what the plain paths leave, part by part."""
    (fast, fast_user, fast_admin), (plain, plain_user, plain_admin) = two_offices
    path = tmp_path / "usulan.xlsx"
    office_workbook(path)
    (tmp_path / "out-fast").mkdir()
    (tmp_path / "out-plain").mkdir()
    outcome = import_outcome(fast, fast_user, fast_admin, path, tmp_path / "out-fast")
    with plain_paths(monkeypatch):
        expected = import_outcome(plain, plain_user, plain_admin, path, tmp_path / "out-plain")
    counts = outcome["counts"]
    assert counts[0] > 200 and counts[1] > 50 and counts[2] > 10  # every kind of row is there
    assert set(outcome) == set(expected)
    for part in expected:
        assert outcome[part] == expected[part], part


def test_new_ids_from_the_run_after_the_last_id_are_those_found_by_number(
        app_ctx, verifier, admin, tmp_path, small_chunks, monkeypatch):
    """On SQLite the ids of a chunk are read as the run above the last id before it: each
    chunk's are the ids its numbers find, and a wrong start (a row not ours above it) falls
    back to the numbers. The records are the same either way (the digests above)."""
    real = records._new_ids
    checked = []

    def both(session, before, numbers):
        ids = real(session, before, numbers)
        assert ids == real(session, None, numbers)  # as found by number
        if before:
            assert real(session, before - 1, numbers) == ids  # a row not ours: by number
        checked.append(before is not None)
        return ids

    monkeypatch.setattr(records, "_new_ids", both)
    path = tmp_path / "usulan.xlsx"
    office_workbook(path)
    earlier = importing.import_file(app_ctx, verifier, path, error_dir=tmp_path)
    assert earlier.imported > 200 and len(checked) >= 4
    assert all(checked) == app_ctx.is_sqlite
