"""Schema 13 (issues #8 and #15): every customer's visits kept as one packed array.

Adds ``visit_history`` and ``visit_history_dirty`` with the triggers on ``visit`` that
keep them current (``store.visit_history``), and marks every customer with visits dirty:
the first reader rebuilds them all (about 4 s for 100,000 customers), later readers only
the customers whose visits changed.
"""

from __future__ import annotations

from peewee import Database

from dealerdesk.store import visit_history


def upgrade(database: Database) -> None:
    visit_history.install(database)
    visit_history.mark_all_dirty(database)
