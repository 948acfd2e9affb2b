"""The planning rules in plain Python: tiers, verdicts, reasons, costing, the UTAMA/CADANGAN
split against the ceiling and the default scoring criteria."""
