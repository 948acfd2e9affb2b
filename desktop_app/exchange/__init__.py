"""Spreadsheet exchange: reading offices' workbooks (calamine) and writing xlsx (openpyxl)."""
