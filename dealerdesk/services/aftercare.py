"""After a write, bring what is derived from it up to date for the customers it touched.

A logged contact resets the stay-in-touch clock; a complaint opens its follow-up; a new
vehicle brings its thank-you and reminders; an edited birthday moves the greeting. And
each of those moves the customer's risk score. Doing it here, once, means every screen
and the CLI see the same state right after the write.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from dealerdesk.services import followups, scoring
from dealerdesk.services.changes import Changed, changed

# Writes to these tables can change which follow-ups a customer should have.
PLAN_TABLES = frozenset(
    {"customer", "vehicle", "visit", "contact_log", "complaint", "consent", "survey"}
)

REFERRAL_TABLES = frozenset({"visit", "vehicle"})


def complete_followup(**kwargs: Any) -> Changed:
    """Complete a follow-up (``followups.complete_followup`` logs its contact), then
    settle the customer: the contact resets their clocks and moves their score."""
    done = followups.complete_followup(**kwargs)
    return settle(done, today=kwargs["now"].date())


def settle(done: Changed, *, today: date) -> Changed:
    """Re-plan follow-ups and rescore the customers *done* touched; return all changes."""
    if not done.customer_ids:
        return done
    result = done
    if done.tables & PLAN_TABLES:
        plan = followups.generate_followups(today=today, customer_ids=sorted(done.customer_ids))
        if plan.created or plan.moved or plan.cancelled:
            result = result.merge(changed("followup", customers=tuple(done.customer_ids)))
    if done.tables & REFERRAL_TABLES:  # issue #14: a friend's first visit moves the referral
        from dealerdesk.services.referrals import sync_statuses

        if sync_statuses(customer_ids=done.customer_ids):
            result = result.merge(changed("referral", customers=tuple(done.customer_ids)))
    scoring.refresh_for_changes(done, today=today)
    if done.tables & scoring.SCORE_TABLES:
        result = result.merge(changed("customer_score", customers=tuple(done.customer_ids)))
    return result
