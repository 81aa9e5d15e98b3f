"""Arranging follow-ups for the Today and Calendar screen tests."""

from __future__ import annotations

import itertools
from datetime import date, datetime

from dealerdesk.ui.context import DeskContext

_keys = itertools.count(1)


def add_followup(
    customer_id: int, due: date, *, kind: str = "satisfaction", staff_id: int | None = None
) -> int:
    """Tests arrange follow-ups directly (the generator's own dates are its tests' job)."""
    from dealerdesk.store import followup_queries as fq

    return fq.insert_followup(
        customer_id=customer_id, kind=kind, rule="manual", source_key=f"test:{next(_keys)}",
        purpose="service", essential=False, due=due, reason=f"Test reason {kind}",
        assignee_id=staff_id, vehicle_id=None, complaint_id=None, campaign_id=None,
        stamp=datetime(2026, 5, 1, 9, 0),
    )  # fmt: skip


def clear_generated_followups() -> None:
    """Writes through the services plan real follow-ups (reminders, greetings); the
    screen tests control exactly which follow-ups exist, so those are removed."""
    from dealerdesk.store.models import Followup

    Followup.delete().execute()


def idle(qtbot: object, ctx: DeskContext) -> None:
    """Wait until the worker has delivered every queued job."""
    qtbot.waitUntil(lambda: ctx.worker.pending == 0, timeout=10_000)  # type: ignore[attr-defined]
