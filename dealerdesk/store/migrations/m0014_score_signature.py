"""Schema 14 (issue #8): each cached score row keeps the signature of what decided it.

A full refresh used to reread the whole cache and compare every column to find what to
rewrite; with ``customer_score.sig`` (``store.scores.signature``) it compares one number
per customer and rewrites only the rows that moved. Existing rows start without one and
are rewritten by the next full refresh.
"""

from __future__ import annotations

from peewee import Database
from playhouse.migrate import SchemaMigrator, migrate

from dealerdesk.store.models import CustomerScore


def upgrade(database: Database) -> None:
    if "sig" not in {c.name for c in database.get_columns("customer_score")}:
        migrator = SchemaMigrator.from_database(getattr(database, "obj", database))
        migrate(migrator.add_column("customer_score", "sig", CustomerScore.sig))
