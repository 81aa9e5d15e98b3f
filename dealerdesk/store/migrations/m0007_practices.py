"""Schema 7: what the complaint, win-back and campaign practices record.

- complaint: the visit concerned, when it was closed, and the customer's satisfaction
  with the resolution; ``complaint_event`` keeps each step (opened, responded, resolved,
  closed) with who and a note. The old ``in_progress`` status is now ``responded``.
- customer: the reason a lost customer gave, from a list (``lost_category``), beside the
  free text, and the day a lost customer was won back.
- campaign: the chosen criteria, the message template and its language;
  ``campaign_member`` holds who was invited and the results (reached, accepted, visited).
"""

from __future__ import annotations

from peewee import CharField, Database, DateField, DateTimeField, IntegerField, TextField
from playhouse.migrate import SqliteMigrator, migrate

from dealerdesk.store.models import CampaignMember, Complaint, ComplaintEvent


def upgrade(database: Database) -> None:
    migrator = SqliteMigrator(database)
    have = {t: {c.name for c in database.get_columns(t)} for t in ("complaint", "customer",
                                                                 "campaign")}  # fmt: skip
    steps = []
    if "visit_id" not in have["complaint"]:
        steps.append(migrator.add_column("complaint", "visit_id", Complaint.visit))
    for table, name, column in (
        ("complaint", "closed_at", DateTimeField(null=True)),
        ("complaint", "satisfaction", IntegerField(null=True)),
        ("customer", "lost_category", CharField(max_length=24, null=True)),
        ("customer", "won_back_on", DateField(null=True)),
        ("campaign", "criteria", TextField(null=True)),
        ("campaign", "template", TextField(null=True)),
        ("campaign", "language", CharField(max_length=5, null=True)),
    ):
        if name not in have[table]:
            steps.append(migrator.add_column(table, name, column))
    migrate(*steps)
    database.create_tables([ComplaintEvent, CampaignMember])
    database.execute_sql("UPDATE complaint SET status = 'responded' WHERE status = 'in_progress'")
