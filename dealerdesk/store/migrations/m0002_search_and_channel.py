"""Schema 2: the search haystack, pinyin name order, and the preferred channel.

Schema 1 searched names with LIKE and could not find a customer by pinyin initials,
plate or VIN, and sorted Chinese names by code point; this step creates
``customer_search``, adds ``customer.sort_name`` with its index, and fills both.
"""

from __future__ import annotations

from peewee import CharField, Database
from playhouse.migrate import SchemaMigrator, migrate

from dealerdesk.store.models import CustomerSearch
from dealerdesk.store.search_index import rebuild_search


def upgrade(database: Database) -> None:
    migrator = SchemaMigrator.from_database(getattr(database, "obj", database))
    columns = {c.name for c in database.get_columns("customer")}
    if "preferred_channel" not in columns:
        migrate(
            migrator.add_column(
                "customer", "preferred_channel", CharField(max_length=10, default="phone")
            )
        )
    if "sort_name" not in columns:
        migrate(
            migrator.add_column("customer", "sort_name", CharField(max_length=240, default="")),
            migrator.add_index("customer", ("archived", "sort_name"), False),
        )
    database.create_tables([CustomerSearch])
    rebuild_search()
