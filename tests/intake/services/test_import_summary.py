"""The import's result as a clerk reads it: counts written as the office writes numbers."""

from __future__ import annotations

from desktop_app.intake.services.importing import ImportResult


def test_counts_have_thousands_separators():
    result = ImportResult(imported=10_000, flagged=6_668, rejected=2, skipped_existing=12_345,
                          defaulted=1_200, default_desa="Inan")
    assert result.summary() == (
        "10.000 baris diimpor (6.668 di antaranya perlu dicek), 2 ditolak, 12.345 dilewati "
        "karena sudah ada. 1.200 baris tanpa desa/kelurahan diberi desa Inan")
    again = ImportResult(skipped_existing=100_000, already="pada Senin, 23 November 2026 "
                                                           "09.30 oleh admin")
    assert "100.000 data dilewati" in again.summary()
