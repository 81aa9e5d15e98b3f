"""Schema 15 (issue #8): every customer's contacts kept as one packed array.

Adds ``contact_history`` and ``contact_history_dirty`` with the triggers on
``contact_log`` that keep them current (``store.contact_history``), and marks every
customer with contacts dirty: the first reader rebuilds them all, later readers only the
customers whose contacts changed.

On PostgreSQL the visit histories' marks change shape too (one mark row per change, keyed
by a random UUID, see ``store.packed_history.PackedHistory.settle``: two desks saving
visits no longer wait for each other's settling): their mark table is made anew and every
customer rebuilt once.
"""

from __future__ import annotations

from peewee import Database

from dealerdesk.store import contact_history, dialect, visit_history


def upgrade(database: Database) -> None:
    if dialect.is_postgres(database):
        columns = {c.name for c in database.get_columns("visit_history_dirty")}
        if "mark" not in columns:
            database.execute_sql("DROP TABLE visit_history_dirty")
            visit_history.install(database)
            visit_history.mark_all_dirty(database)
    contact_history.install(database)
    contact_history.mark_all_dirty(database)
