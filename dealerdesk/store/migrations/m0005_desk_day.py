"""Schema 5: the desk's day — a capacity per staff member, a follow-up's channel, and
the one-time catch-up list.

- ``staff.calls_per_day``: how many calls that person makes in a day (default 40);
  Today cuts their list there.
- ``followup.channel``: the channel the planner chose (greetings are sent as one list
  per occasion and channel, so the channel must be kept, not worked out again).
- ``followup.catchup``: back-dated on a customer's first plan; reviewed once as the
  catch-up list instead of landing on Today as overdue.
Existing rows get the defaults (40 calls, no channel, not catch-up).
"""

from __future__ import annotations

from peewee import SQL, BooleanField, CharField, Database, IntegerField
from playhouse.migrate import SqliteMigrator, migrate


def upgrade(database: Database) -> None:
    migrator = SqliteMigrator(database)
    staff = {c.name for c in database.get_columns("staff")}
    followup = {c.name for c in database.get_columns("followup")}
    steps = []
    if "calls_per_day" not in staff:
        steps.append(
            migrator.add_column(
                "staff", "calls_per_day", IntegerField(default=40, constraints=[SQL("DEFAULT 40")])
            )
        )
    if "channel" not in followup:
        steps.append(
            migrator.add_column("followup", "channel", CharField(max_length=10, null=True))
        )
    if "catchup" not in followup:
        steps.append(
            migrator.add_column(
                "followup", "catchup", BooleanField(default=False, constraints=[SQL("DEFAULT 0")])
            )
        )
    if steps:
        migrate(*steps)
    # The same partial index as ``models.Followup`` (plain SQL: PostgreSQL runs it too).
    database.execute_sql(
        "CREATE INDEX IF NOT EXISTS followup_pending_day ON followup (catchup, due, assignee_id,"
        " kind, customer_id, channel, status) WHERE status = 'pending'"
    )
