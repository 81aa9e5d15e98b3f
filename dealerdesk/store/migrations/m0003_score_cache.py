"""Schema 3: the analytics cache (risk score, tier, RFM, lifecycle per customer).

The table starts empty; the services fill it the first time risk is asked for.
"""

from __future__ import annotations

from peewee import Database

from dealerdesk.store.models import CustomerScore


def upgrade(database: Database) -> None:
    database.create_tables([CustomerScore])
