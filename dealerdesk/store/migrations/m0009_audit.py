"""Schema 9 (issue #11): the audit trail is append-only, enforced by the database.

Triggers refuse UPDATE and DELETE on ``audit_log`` (SQLite ``RAISE(ABORT)``; PostgreSQL a
trigger function that raises), so no code path, old or new, can rewrite history.
"""

from __future__ import annotations

from peewee import Database

from dealerdesk.store.audit import install_append_only


def upgrade(database: Database) -> None:
    install_append_only(database)
