"""Schema 8: ``followup_plan``, the fingerprint of each customer's settled follow-up
plan, so a generation re-run skips the customers whose facts have not changed.

The table starts empty: the next run plans everyone and fills it.
"""

from __future__ import annotations

from peewee import Database

from dealerdesk.store.models import FollowupPlan


def upgrade(database: Database) -> None:
    database.create_tables([FollowupPlan])
