"""The error types every layer shares.

Each carries a message written for the person at the desk: the CLI prints it on one
line and the window shows it in a dialog. Anything that is *not* a DealerDeskError is a
bug and is logged with its traceback instead.
"""

from __future__ import annotations


class DealerDeskError(Exception):
    """Base of the errors a user can be shown as they are."""


class ValidationError(DealerDeskError):
    """A value was refused; nothing was written.

    Attributes:
        field: the name of the field at fault (``"vin"``, ``"phone"``…).
        row: the 1-based row of an import or batch, when there is one.
    """

    def __init__(self, field: str, message: str, *, row: int | None = None) -> None:
        self.field = field
        self.row = row
        self.detail = message
        where = f"row {row}, " if row is not None else ""
        super().__init__(f"{where}{field}: {message}")


class NotFoundError(DealerDeskError):
    """A record the user asked for is not there (deleted, or a wrong id)."""


class DatabaseOpenError(DealerDeskError):
    """The database file cannot be opened, created or written."""


class SchemaTooNewError(DatabaseOpenError):
    """The file was written by a newer DealerDesk; opening it could lose data."""


class DamagedDatabaseError(DatabaseOpenError):
    """issue #11: the file is damaged or half-built; ``backup`` is the last good copy, if any."""

    def __init__(self, message: str, *, path: object, backup: object | None = None) -> None:
        self.path = path
        self.backup = backup
        super().__init__(message)


class StorageError(DealerDeskError):
    """issue #11: the disk said no (full, read-only, locked, damaged): one sentence, the cause."""


class DatabaseBusyError(DealerDeskError):
    """Another desk or job held the database longer than a write may wait; nothing was
    written, and trying again in a moment will work."""


class ConflictError(DealerDeskError):
    """Someone else changed the record first (e.g. completed the same follow-up)."""
