"""KULA RAKAT dialogs: the submission form, the record view and its actions."""
