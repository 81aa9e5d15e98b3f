"""What a write changed, so each screen refreshes only what it shows (Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Changed:
    """Ids touched by an operation; ``tables`` names the kinds of rows (``"contact_log"``…)."""

    customer_ids: frozenset[int] = field(default_factory=frozenset)
    followup_ids: frozenset[int] = field(default_factory=frozenset)
    tables: frozenset[str] = field(default_factory=frozenset)
    new_id: int | None = None

    def touches(self, table: str) -> bool:
        return table in self.tables

    def merge(self, other: Changed) -> Changed:
        return Changed(
            self.customer_ids | other.customer_ids,
            self.followup_ids | other.followup_ids,
            self.tables | other.tables,
            self.new_id if self.new_id is not None else other.new_id,
        )


def changed(
    *tables: str, customers: tuple[int, ...] = (), followups: tuple[int, ...] = (),
    new_id: int | None = None,
) -> Changed:  # fmt: skip
    return Changed(frozenset(customers), frozenset(followups), frozenset(tables), new_id)
