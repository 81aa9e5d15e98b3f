"""What the intelligence knows about a customer: plain facts, already aggregated.

The store computes these with one SQL aggregate over the events (see
``dealerdesk.store.facts_query``); the retention package turns them into segments,
risk scores and reasons without ever touching a database, so every rule is unit-tested
on hand-made facts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(slots=True)  # read-only by convention (see below)
class CustomerFacts:
    """One customer's history as of ``today`` (all dates are on or before it).

    Not ``frozen``: a full refresh builds 100,000 of these, and a frozen dataclass's
    ``__init__`` (one ``object.__setattr__`` per field) took three quarters of a second of
    it, four times a plain one. Nothing changes facts once built; ``dataclasses.replace``
    makes a changed copy.

    Visits are purchases and service visits (any kind); "service" counts the kinds
    ``service`` and ``repair``. Spend windows are the 12/24 months ending today.
    ``unanswered_streak`` counts the most recent outbound contacts in a row whose
    outcome was "no_answer" or "left_message" (a reached contact, or any inbound one, ends
    the streak); ``last_contact`` is the day of the last logged contact of any kind.
    """

    customer_id: int
    name: str
    kind: str = "person"  # person | company
    status: str = "active"  # active | lost | moved | deceased
    owner_id: int | None = None
    created_on: date | None = None
    first_visit: date | None = None
    last_visit: date | None = None
    visit_days: int = 0  # distinct days with a visit (BG/NBD counts repeat days)
    first_purchase: date | None = None
    last_purchase: date | None = None
    purchase_count: int = 0
    first_service: date | None = None
    last_service: date | None = None
    service_count: int = 0
    spend_total: float = 0.0
    spend_24m: float = 0.0
    spend_12m: float = 0.0
    spend_prev_12m: float = 0.0
    open_complaints: int = 0
    oldest_open_complaint: date | None = None
    last_nps: int | None = None
    last_nps_on: date | None = None
    unanswered_streak: int = 0
    last_contact: date | None = None
    # After-sales spend (every kind but ``sale``) in the same two 12-month windows. The
    # year-on-year signal uses these because one car sale dwarfs years of servicing: a
    # buyer from last year would otherwise always look like "spend down 99%". None means
    # "not known" and the signal falls back to spend_12m / spend_prev_12m.
    aftersales_12m: float | None = None
    aftersales_prev_12m: float | None = None
    # The visit day before the last one (None with fewer than two): visits thinning out —
    # the last gap longer than the ones before — is the seeds' first warning sign.
    prev_visit: date | None = None
    # The last visit where the customer declined recommended work (brakes, tyres…).
    last_declined: date | None = None
