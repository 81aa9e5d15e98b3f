"""Versioned schema upgrades.

A new file gets today's whole schema at once (``create_tables``) and the latest version
number. An older file is copied to a backup, then upgraded step by step inside ONE
transaction, so a failure leaves the file exactly as it was. A file from a newer
DealerDesk is refused: this version cannot know what its extra columns mean.

Each step is a Python module in this package (so a frozen build carries it) with an
``upgrade(database)`` function; add one per schema change and bump LATEST.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path

from peewee import Database

from dealerdesk import __version__
from dealerdesk.errors import DatabaseOpenError, SchemaTooNewError
from dealerdesk.store import dialect
from dealerdesk.store.migrations import (
    m0002_search_and_channel,
    m0003_score_cache,
    m0004_lean_followup_indexes,
    m0005_desk_day,
    m0006_score_codes,
    m0007_practices,
    m0008_followup_plan,
    m0009_audit,
    m0010_aftersales,
    m0011_referrals_partners,
    m0012_accounts,
    m0013_visit_history,
    m0014_score_signature,
    m0015_contact_history,
)
from dealerdesk.store.models import ALL_MODELS, SchemaVersion

log = logging.getLogger(__name__)

STEPS: dict[int, Callable[[Database], None]] = {
    2: m0002_search_and_channel.upgrade,
    3: m0003_score_cache.upgrade,
    4: m0004_lean_followup_indexes.upgrade,
    5: m0005_desk_day.upgrade,
    6: m0006_score_codes.upgrade,
    7: m0007_practices.upgrade,
    8: m0008_followup_plan.upgrade,
    9: m0009_audit.upgrade,
    10: m0010_aftersales.upgrade,
    11: m0011_referrals_partners.upgrade,  # issue #14
    12: m0012_accounts.upgrade,  # issue #14
    13: m0013_visit_history.upgrade,  # issues #8, #15
    14: m0014_score_signature.upgrade,  # issue #8
    15: m0015_contact_history.upgrade,  # issue #8
}
LATEST = max(STEPS)


def schema_version(database: Database) -> int | None:
    """The file's version; None for an empty file; raises for a foreign database."""
    tables = set(database.get_tables())
    if not tables:
        return None
    if "schema_version" not in tables:
        raise DatabaseOpenError(f"{path_of(database)} is a database, but not a DealerDesk one.")
    row = database.execute_sql("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else None


def path_of(database: Database) -> str:
    return str(getattr(database, "obj", database).database)


def migrate(database: Database, path: Path | str) -> tuple[int | None, int]:
    """Bring the database to LATEST; return (version before, version after)."""
    if dialect.is_postgres(database):
        return _migrate_server(database, path)
    before = schema_version(database)
    if before is None:
        with database.atomic():
            database.create_tables(ALL_MODELS)
            m0009_audit.upgrade(database)  # issue #11: triggers are not part of create_tables
            m0013_visit_history.upgrade(database)  # derived tables and their triggers
            m0015_contact_history.upgrade(database)
            SchemaVersion.create(version=LATEST, app_version=__version__)
        return None, LATEST
    if before > LATEST:
        raise SchemaTooNewError(
            f"{path} was written by a newer DealerDesk (schema {before}; this version "
            f"knows up to {LATEST}). Install the newer version to open it."
        )
    if before == LATEST:
        return before, before
    backup = backup_file(database, Path(path), before)
    log.info("upgrading %s from schema %s to %s (backup %s)", path, before, LATEST, backup)
    # SQLite rebuilds a table to change a column; with foreign keys on, dropping the old
    # table would CASCADE-delete every child row (vehicles, visits…). Keys are switched
    # off around the transaction (the pragma is ignored inside one) and checked before
    # commit instead.
    dialect.set_foreign_keys(database, False)
    try:
        with database.atomic():
            _upgrade(database, before)
            broken = dialect.foreign_key_violations(database)
            if broken:
                raise DatabaseOpenError(
                    f"Upgrading {path} would break {broken} links between records; "
                    f"the file was left as it was (backup: {backup})."
                )
    finally:
        dialect.set_foreign_keys(database, True)
    return before, LATEST


def _upgrade(database: Database, before: int) -> None:
    for version in sorted(v for v in STEPS if v > before):  # numbers may skip
        STEPS[version](database)
        SchemaVersion.create(version=version, app_version=__version__)


def _migrate_server(database: Database, path: Path | str) -> tuple[int | None, int]:
    """PostgreSQL: DDL is transactional, so one transaction is the whole safety net (the
    server's own backups replace the file copy); an advisory lock keeps two desks that
    open a new database at the same moment from both creating it."""
    with database.atomic():
        database.execute_sql("SELECT pg_advisory_xact_lock(4242009)")
        dialect.install_compat(database)
        before = schema_version(database)
        if before is None:
            database.create_tables(ALL_MODELS)
            m0009_audit.upgrade(database)  # issue #11: the append-only trigger
            m0013_visit_history.upgrade(database)  # derived tables and their triggers
            m0015_contact_history.upgrade(database)
            SchemaVersion.create(version=LATEST, app_version=__version__)
            return None, LATEST
        if before > LATEST:
            raise SchemaTooNewError(
                f"{path} was written by a newer DealerDesk (schema {before}; this version "
                f"knows up to {LATEST}). Install the newer version to open it."
            )
        if before < LATEST:
            log.info("upgrading %s from schema %s to %s", path, before, LATEST)
            _upgrade(database, before)
    return before, LATEST


def backup_file(database: Database, path: Path, version: int) -> Path:
    """Copy the file before touching its schema, using SQLite's online backup (WAL-safe)."""
    target = path.with_name(f"{path.stem}.schema{version}.bak{path.suffix}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}.schema{version}.bak{n}{path.suffix}")
    # issue #11: written under a temporary name and renamed when complete and checked, so
    # a full disk or a kill leaves no half backup; the failure is one sentence.
    from dealerdesk.errors import StorageError
    from dealerdesk.i18n import t
    from dealerdesk.store.backup import copy_database, verify
    from dealerdesk.store.integrity import describe_failure

    part = target.with_name(f".{target.name}.part")
    try:
        copy_database(path, part)
        verify(part)
        part.replace(target)
    except (sqlite3.Error, OSError) as exc:
        part.unlink(missing_ok=True)
        raise StorageError(describe_failure(exc, target) or
                           t("safety.backup.failed", path=target, error=exc)) from exc  # fmt: skip
    return target
