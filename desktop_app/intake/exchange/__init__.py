"""KULA RAKAT file formats: spreadsheet columns and header variants, row ↔ field conversion,
the export and template sheet layouts. Rows in, rows out: no models, no services, no database."""
