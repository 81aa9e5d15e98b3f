"""Create the demo dealership: generate, bulk-load in one transaction, then analyse.

Used by ``dealerdesk demo`` and by the window's first run.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dealerdesk.errors import DealerDeskError
from dealerdesk.paths import as_target
from dealerdesk.services import settings
from dealerdesk.services.demo_data import DemoGenerator, iter_tables
from dealerdesk.store import db, open_database
from dealerdesk.store.bulk import bulk_insert, customer_count, table_counts
from dealerdesk.store.search_index import rebuild_search

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class DemoSummary:
    path: Path
    customers: int
    events: int
    seconds: float
    counts: tuple[tuple[str, int], ...]


def create_demo(
    path: Path | str,
    *,
    customers: int = 2000,
    seed: int = 7,
    today: date,
    replace: bool = False,
    progress: Progress | None = None,
) -> DemoSummary:
    """Build a demo dealership in *path* (a new file, an empty one, or ``replace``)."""
    say = progress or (lambda _msg: None)
    if customers < 1 or customers > 1_000_000:
        raise DealerDeskError(f"--customers must be between 1 and 1,000,000, not {customers}.")
    path = as_target(path)
    started = time.perf_counter()
    if replace and isinstance(path, Path) and path.exists():
        db.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    open_database(path)
    if replace and not isinstance(path, Path):  # a server database: drop and recreate
        db.drop_everything()
        open_database(path)
    if customer_count():
        raise DealerDeskError(
            f"{path} already holds {customer_count():,} customers; "
            "use a new file, or --replace to overwrite it."
        )
    say("generating")
    rows = DemoGenerator(customers=customers, seed=seed, today=today).generate()
    say("loading")
    with db.database.atomic():
        for table, columns, data in iter_tables(rows):
            bulk_insert(table, columns, data)
        settings.save_defaults(dealership="星河汽车 Galaxy Motors (Demo)")
    say("indexing")
    rebuild_search()
    say("analysing")
    analyse(today)
    events = sum(rows.count(t) for t in ("visit", "contact_log", "survey", "complaint"))
    return DemoSummary(
        path=path,
        customers=customers,
        events=events,
        seconds=time.perf_counter() - started,
        counts=tuple(table_counts()),
    )


def analyse(today: date) -> None:
    """Score every customer, then plan follow-ups (campaign audiences use the tiers)."""
    from dealerdesk.services import followups, scoring

    scoring.refresh_scores(today=today)
    followups.ensure_cadence_rules()
    followups.generate_followups(today=today, horizon_days=90)
