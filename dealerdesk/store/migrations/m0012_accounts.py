"""Schema 12 (issue #14): membership cards, key accounts, added-value offers.

- ``membership_card``: one card per customer with the tier the staff set, its number,
  issue date and benefits, and whether the tier was set by hand against the suggestion.
- ``key_account``: a company's next fleet purchase (stage, expected date, fleet size).
- ``vehicle_driver``: which of a company's contact people drives which vehicle.
- ``added_value_offer``: "A+" suggestions shown, for the shown → made → taken-up count.
- ``followup.contact_person_id`` and ``contact_log.contact_person_id``: a call to or
  from a named person at a company (NULL: the customer as a whole).
"""

from __future__ import annotations

from peewee import Database
from playhouse.migrate import SchemaMigrator, migrate

from dealerdesk.store.models import (
    AddedValueOffer,
    ContactLog,
    Followup,
    KeyAccount,
    MembershipCard,
    VehicleDriver,
)


def upgrade(database: Database) -> None:
    migrator = SchemaMigrator.from_database(getattr(database, "obj", database))
    steps = []
    for table, field in (("followup", Followup.contact_person),
                         ("contact_log", ContactLog.contact_person)):  # fmt: skip
        if "contact_person_id" not in {c.name for c in database.get_columns(table)}:
            steps.append(migrator.add_column(table, "contact_person_id", field))
    if steps:
        migrate(*steps)
    database.create_tables([MembershipCard, KeyAccount, VehicleDriver, AddedValueOffer])
