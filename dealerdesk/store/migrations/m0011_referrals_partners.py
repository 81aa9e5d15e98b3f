"""Schema 11 (issue #14): referrals between customers and partner businesses.

- referral: statuses are now ``vocab.referrals.ReferralStatus`` — ``pending`` becomes
  ``referred`` and ``converted`` becomes ``bought`` (a converted one whose reward was
  already given becomes ``rewarded``: the reward is what that status records). New
  columns: ``status_on`` (the friend's first visit), ``reward_amount``, ``rewarded_on``.
  Customers with a ``referred_by`` but no referral row get one, so the list is complete.
- partner: ``terms``; the kinds the demo wrote (insurance, tyres) become the word
  list's (insurer, tyre_shop); an unknown kind becomes ``other``.
- ``partner_referral`` (a customer sent to us by a partner, or by us to it) and
  ``partner_spend`` (what the partner reports they spent). Customers whose ``partner_id``
  says a partner sent them get their ``from_partner`` row.
"""

from __future__ import annotations

from peewee import Database, DateField, DecimalField, TextField
from playhouse.migrate import SchemaMigrator, migrate

from dealerdesk.store import dialect
from dealerdesk.store.models import PartnerReferral, PartnerSpend
from dealerdesk.vocab.referrals import PartnerKind

OLD_KINDS = {"insurance": "insurer", "tyres": "tyre_shop", "tires": "tyre_shop",
             "carwash": "car_wash", "car wash": "car_wash"}  # fmt: skip


def upgrade(database: Database) -> None:
    migrator = SchemaMigrator.from_database(getattr(database, "obj", None) or database)
    have = {t: {c.name for c in database.get_columns(t)} for t in ("referral", "partner")}
    steps = []
    for table, name, column in (
        ("referral", "status_on", DateField(null=True)),
        ("referral", "reward_amount", DecimalField(max_digits=12, decimal_places=2, null=True)),
        ("referral", "rewarded_on", DateField(null=True)),
        ("partner", "terms", TextField(null=True)),
    ):
        if name not in have[table]:
            steps.append(migrator.add_column(table, name, column))
    if steps:
        migrate(*steps)
    database.create_tables([PartnerReferral, PartnerSpend], safe=True)
    sql = database.execute_sql
    # the day a customer was created: text in SQLite, a timestamp on the server
    day = (
        "CAST(c.created_at AS DATE)"
        if dialect.is_postgres(database)
        else "substr(c.created_at, 1, 10)"
    )
    sql("UPDATE referral SET status = 'rewarded', rewarded_on = date"
        " WHERE status = 'converted' AND reward_given = ?", (True,))  # fmt: skip
    sql("UPDATE referral SET status = 'bought' WHERE status = 'converted'")
    sql("UPDATE referral SET status = 'referred' WHERE status = 'pending'")
    sql("UPDATE referral SET status_on = date WHERE status IN ('bought', 'rewarded')"
        " AND status_on IS NULL")  # fmt: skip
    sql("INSERT INTO referral (referrer_id, referred_id, referred_name, date, status,"
        " reward_given, created_at, updated_at)"
        f" SELECT c.referred_by_id, c.id, c.name, {day}, 'referred', ?,"
        " c.created_at, c.created_at FROM customer c WHERE c.referred_by_id IS NOT NULL"
        " AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.referred_id = c.id)", (False,))  # fmt: skip
    for old, new in OLD_KINDS.items():
        sql("UPDATE partner SET kind = ? WHERE kind = ?", (new, old))
    known = tuple(str(k) for k in PartnerKind)
    sql(f"UPDATE partner SET kind = 'other' WHERE kind NOT IN ({','.join('?' * len(known))})",
        known)  # fmt: skip
    sql("INSERT INTO partner_referral (partner_id, customer_id, direction, date, created_at,"
        f" updated_at) SELECT c.partner_id, c.id, 'from_partner', {day},"
        " c.created_at, c.created_at FROM customer c WHERE c.partner_id IS NOT NULL"
        " AND NOT EXISTS (SELECT 1 FROM partner_referral p WHERE p.customer_id = c.id"
        " AND p.partner_id = c.partner_id AND p.direction = 'from_partner')")  # fmt: skip
