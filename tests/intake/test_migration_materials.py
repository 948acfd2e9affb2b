"""Upgrading a database from before issue 12: the RTLH materials typed as free text become the
PUPR choices when they can be read as one; the others are kept in the description and the
record is flagged to check, so nothing is lost."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import text

from desktop_app.db import migrate
from desktop_app.db.engine import make_engine, sqlite_url


def test_free_text_materials_become_choices_or_are_kept(tmp_path: Path):
    engine = make_engine(sqlite_url(tmp_path / "m.sqlite3"))
    try:
        cfg = migrate.alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0006_search")
            conn.execute(text("INSERT INTO regions (code, name, level, active) VALUES "
                              "('63.11.07.2003', 'Inan', 'desa', 1)"))
            for n, (roof, wall, floor) in enumerate([("Rumbia", "Papan kayu", "Tanah"),
                                                     ("Seng bekas", "Kulit kayu", None)], 1):
                conn.execute(text(
                    "INSERT INTO submissions (number, kind, category, status, received_on, "
                    "channel, reporter_name, subject, description, desa_code, created_at, "
                    "updated_at, roof_material, wall_material, floor_material) VALUES "
                    f"('USL/2026/000{n}', 'usulan', 'rtlh', 'diterima', '2026-11-02', "
                    "'enumerator', 'Abdul', 'Bedah rumah', 'Rumah panggung', '63.11.07.2003', "
                    "'2026-11-02', '2026-11-02', :roof, :wall, :floor)"),
                    {"roof": roof, "wall": wall, "floor": floor})
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "heads")
        with engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT roof_material, wall_material, floor_material, needs_check, "
                "check_reason, description FROM submissions ORDER BY id")).all()
        assert tuple(rows[0][:4]) == ("Rumbia/daun/ijuk", "Kayu/papan", "Tanah", 0)
        assert tuple(rows[1][:4]) == ("Seng/metal", None, None, 1)
        assert "Bahan bangunan" in rows[1][4]
        assert rows[1][5] == "Rumah panggung\nBahan dinding (tertulis sebelumnya): Kulit kayu"
    finally:
        engine.dispose()
