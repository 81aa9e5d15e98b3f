"""Schema 10 (issue #16): a 4S store's after-sales cadence.

- vehicle: the renewal list's policy kind, last year's insurer, insured here or not;
- contact_pause: contact types paused or closed per vehicle, with the reason;
- cadence_rule: the new rows (first service, lapsed first service, the 2nd and last
  renewal calls), and the changed defaults — the first renewal call at 45 days (was 30)
  and the maintenance reminder at 5 months (was 182 days) — where the manager had not
  changed them.
"""

from __future__ import annotations

from datetime import datetime

from peewee import SQL, BooleanField, CharField, Database
from playhouse.migrate import SqliteMigrator, migrate

from dealerdesk.store.models import ContactPause

# (key, label, offset, limit, purpose, essential): as rules.DEFAULT_RULES on this day.
NEW_RULES = (
    ("insurance_2", "Insurance renewal, 2nd call", -33, None, "service", True),
    ("insurance_3", "Insurance renewal, last call", -30, None, "service", True),
    ("first_service", "First-service reminder", 90, 30, "service", True),
    ("first_lapsed", "Lapsed first service", 365, None, "service", False),
)
CHANGED_DEFAULTS = (("insurance", -30, -45), ("service_due", 182, 152))


def upgrade(database: Database) -> None:
    migrator = SqliteMigrator(database)
    have = {c.name for c in database.get_columns("vehicle")}
    steps = [
        migrator.add_column("vehicle", name, column)
        for name, column in (
            ("insurance_kind", CharField(max_length=12, null=True)),
            ("insurer", CharField(max_length=80, null=True)),
            ("insured_here", BooleanField(default=True, constraints=[SQL("DEFAULT 1")])),
        )
        if name not in have
    ]
    if steps:
        migrate(*steps)
    database.create_tables([ContactPause])
    stored = {r[0] for r in database.execute_sql("SELECT key FROM cadence_rule")}
    if not stored:
        return  # never seeded: the app seeds every default on first use
    ts = datetime.now().replace(microsecond=0).isoformat(" ")
    for key, label, offset, limit, purpose, essential in NEW_RULES:
        if key not in stored:
            database.execute_sql(
                "INSERT INTO cadence_rule (created_at, updated_at, key, label, offset_days,"
                " limit_days, purpose, essential, enabled) VALUES (?,?,?,?,?,?,?,?,?)",
                [ts, ts, key, label, offset, limit, purpose, int(essential), 1],
            )
    for key, old, new in CHANGED_DEFAULTS:
        database.execute_sql(
            "UPDATE cadence_rule SET offset_days = ?, updated_at = ? WHERE key = ? AND offset_days = ?",
            [new, ts, key, old],
        )
