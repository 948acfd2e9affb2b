"""Dialogs shared across pages."""
