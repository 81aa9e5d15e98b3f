"""Other desks' work, as a ``Changed`` the screens already understand (issue #9).

The window polls ``poll`` every couple of seconds on its worker. It costs one tiny query
while nothing happens; when another desk has written, it says which customers got new
contacts, complaints, visits, surveys or follow-ups, and names every table a screen may
show, so lists and counts refresh, an open customer reloads, and a form being edited
keeps what is typed (the detail screen never overwrites a dirty form).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dealerdesk.services.changes import Changed
from dealerdesk.store import watch

# What another desk may have changed: every table a screen lists or counts.
ELSEWHERE = frozenset(
    {"customer", "vehicle", "visit", "contact_log", "complaint", "survey", "followup",
     "customer_score", "consent"}
)  # fmt: skip


@dataclass
class Watch:
    """Where the last poll left off (held by the window, used only on its worker)."""

    counter: int | None = None
    marks: dict[str, int] = field(default_factory=dict)


def poll(state: Watch) -> Changed | None:
    """None while nobody else wrote since the last call; else what changed."""
    counter = watch.change_counter()
    if state.counter is None:
        state.counter, state.marks = counter, watch.high_marks()
        return None
    if counter == state.counter:
        return None
    state.counter = counter
    customers, followups, state.marks = watch.rows_since(state.marks)
    return Changed(frozenset(customers), frozenset(followups), ELSEWHERE)
