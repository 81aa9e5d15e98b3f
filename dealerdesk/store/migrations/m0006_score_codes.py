"""Schema 6: the score cache now holds vocabulary codes and message codes.

Bands, segments and lifecycle stages were renamed (``dealerdesk.vocab.retention``) and
reasons are stored as message codes instead of English sentences, so an old cache would
show words the program no longer knows. The cache is derived data: empty it, and forget
the stored model (it lacks the churn weights), so the next read rescores everyone. The
score index becomes (score, spend_24m), the order every at-risk list uses.
"""

from __future__ import annotations

from peewee import Database


def upgrade(database: Database) -> None:
    database.execute_sql("DELETE FROM customer_score")
    # The at-risk order is score, then spend: one index serves both (see models).
    database.execute_sql("DROP INDEX IF EXISTS customerscore_score")
    database.execute_sql(
        "CREATE INDEX IF NOT EXISTS customerscore_score_spend_24m "
        'ON "customer_score" ("score", "spend_24m")'
    )
    database.execute_sql("DELETE FROM setting WHERE key = 'scoring_model'")
