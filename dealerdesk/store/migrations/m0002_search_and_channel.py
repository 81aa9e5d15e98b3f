"""Schema 2: the search haystack per customer, and the customer's preferred channel.

Schema 1 searched names with LIKE and could not find a customer by pinyin initials,
plate or VIN; this step creates ``customer_search`` and fills it for every customer.
"""

from __future__ import annotations

from peewee import CharField, Database
from playhouse.migrate import SqliteMigrator, migrate

from dealerdesk.store.models import CustomerSearch
from dealerdesk.store.search_index import rebuild_search


def upgrade(database: Database) -> None:
    migrator = SqliteMigrator(database)
    columns = {c.name for c in database.get_columns("customer")}
    if "preferred_channel" not in columns:
        migrate(
            migrator.add_column(
                "customer", "preferred_channel", CharField(max_length=10, default="phone")
            )
        )
    database.create_tables([CustomerSearch])
    rebuild_search()
