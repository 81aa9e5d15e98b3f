"""The store: peewee models on SQLite or PostgreSQL, opening, migrations and queries.

The only package that knows SQL. Everything it hands upward is a plain dataclass.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from peewee import DatabaseError, OperationalError

from dealerdesk.errors import DatabaseOpenError
from dealerdesk.paths import DbTarget, as_target
from dealerdesk.store import db
from dealerdesk.store.migrations import LATEST, migrate


@dataclass(frozen=True, slots=True)
class OpenedDatabase:
    """What opening did: the file (or server address), its version before, and whether
    it was new."""

    path: DbTarget
    version_before: int | None
    version: int

    @property
    def created(self) -> bool:
        return self.version_before is None

    @property
    def upgraded(self) -> bool:
        return self.version_before is not None and self.version_before < self.version


def open_database(path: Path | str, *, create: bool = True) -> OpenedDatabase:
    """Open (or create) the file, or connect to the server, and migrate the database to
    the latest schema. *path* may be a ``postgresql://`` address."""
    path = as_target(path)
    if isinstance(path, Path):
        # issue #11: look before writing — a newer or damaged file is refused untouched.
        from dealerdesk.store.backup import list_backups
        from dealerdesk.store.integrity import precheck

        db.check_path(path, create=create)
        try:
            backups = list_backups(path)
        except OSError:
            backups = []
        precheck(path, latest=LATEST, last_backup=backups[0].path if backups else None)
    database = db.connect(path, create=create)
    try:
        before, after = migrate(database, path)
    except (OperationalError, DatabaseError) as exc:
        db.close()
        raise DatabaseOpenError(db.explain_error(path, exc)) from exc
    except DatabaseOpenError:
        db.close()
        raise
    return OpenedDatabase(path=path, version_before=before, version=after)


__all__ = ["LATEST", "OpenedDatabase", "open_database"]
