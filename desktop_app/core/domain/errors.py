"""Typed expected errors, each carrying a message in Bahasa Indonesia for the user."""

from __future__ import annotations


class AppError(Exception):
    """An expected error: shown to the user as is, not logged as a bug."""

    title = "Terjadi kesalahan"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(AppError):
    """Input that breaks a rule. ``field_errors`` maps a field key to its message."""

    title = "Data belum benar"

    def __init__(self, message: str = "", field_errors: dict[str, str] | None = None) -> None:
        self.field_errors: dict[str, str] = dict(field_errors or {})
        if not message:
            message = "Periksa kembali isian yang ditandai:\n" + "\n".join(
                f"- {text}" for text in self.field_errors.values()
            )
        super().__init__(message)


class PermissionDenied(AppError):
    title = "Tidak diizinkan"


class AuthenticationError(AppError):
    title = "Gagal masuk"


class AccountLocked(AuthenticationError):
    title = "Akun terkunci"


class NotFound(AppError):
    title = "Data tidak ditemukan"


class ConflictError(AppError):
    """The record changed or a unique value is taken; the user should reload or pick another."""

    title = "Data bentrok"


class StorageError(AppError):
    """Disk full, database locked, read-only media: the environment, not the input."""

    title = "Masalah penyimpanan"


class DiskFullError(StorageError):
    pass


class DatabaseLockedError(StorageError):
    pass


class DatabaseReplacedError(StorageError):
    """The database was restored from a backup since this window opened it: reopen the app."""

    title = "Basis data telah dipulihkan"


class BackupRejected(StorageError):
    """A file offered for a restore is not a sound Ruko Parsel backup; nothing was changed."""

    title = "Cadangan tidak dapat dipulihkan"


class RecordChangedError(ConflictError):
    """A save based on a version of a record that another desk has replaced since: nothing
    was saved. ``fields`` are the labels of what the other desk changed (as far as the audit
    trail tells), ``changed_by`` and ``changed_at`` who and when; the form offers to reload."""

    title = "Data sudah diubah di meja lain"

    def __init__(self, message: str, *, fields: tuple[str, ...] = (), changed_by: str = "",
                 changed_at: str = "") -> None:
        super().__init__(message)
        self.fields = fields
        self.changed_by = changed_by
        self.changed_at = changed_at
