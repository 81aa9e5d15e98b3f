"""Schema 4: drop four follow-up indexes that composite indexes already cover.

The first follow-up plan of a large dealership writes hundreds of thousands of rows,
and every index is paid per row; see ``models.Followup``.
"""

from __future__ import annotations

from peewee import Database

REDUNDANT = (
    "followup_customer_id",
    "followup_vehicle_id",
    "followup_campaign_id",
    "followup_assignee_id",
)


def upgrade(database: Database) -> None:
    for name in REDUNDANT:
        database.execute_sql(f"DROP INDEX IF EXISTS {name}")
