"""Create the demo dealership: generate, bulk-load in one transaction, then analyse.

Used by ``dealerdesk demo`` and by the window's first run.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from dealerdesk.errors import DealerDeskError
from dealerdesk.paths import as_target
from dealerdesk.services import settings
from dealerdesk.services.demo_data import DemoGenerator, DemoRows, iter_tables
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
    if not isinstance(path, Path):  # a server database: in place, in its transactions
        open_database(path)
        if replace:
            db.drop_everything()
            open_database(path)
        _refuse_if_full(path)
        rows, counts = _build(customers, seed, today, say)
        return _summary(path, customers, rows, counts, started)
    if path.exists() and not replace and _holds_customers(path):
        _refuse_if_full(path)
    # issue #11: built under a temporary name and renamed when complete, so a build that
    # is killed or fails leaves no file at *path*, never half a dealership.
    building = path.with_name(f".{path.name}.building")
    _remove(building)
    db.close()
    try:
        open_database(building)
        rows, counts = _build(customers, seed, today, say)
        db.database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db.database.execute_sql("PRAGMA journal_mode=DELETE")  # one self-contained file
        db.close()
        _remove(path)
        building.replace(path)
        _remove(building)  # the notes beside the temporary name (issue #9's writer note)
    except BaseException:
        db.close()
        _remove(building)
        raise
    open_database(path)
    return _summary(path, customers, rows, counts, started)


def _refuse_if_full(path: object) -> None:
    if customer_count():
        raise DealerDeskError(
            f"{path} already holds {customer_count():,} customers; "
            "use a new file, or --replace to overwrite it."
        )


def _build(
    customers: int, seed: int, today: date, say: Progress
) -> tuple[DemoRows, tuple[tuple[str, int], ...]]:
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
    return rows, tuple(table_counts())


def _summary(
    path: Any, customers: int, rows: DemoRows, counts: tuple[tuple[str, int], ...], started: float
) -> DemoSummary:
    events = sum(rows.count(t) for t in ("visit", "contact_log", "survey", "complaint"))
    return DemoSummary(path=path, customers=customers, events=events,
                       seconds=time.perf_counter() - started, counts=counts)  # fmt: skip


def _holds_customers(path: Path) -> bool:
    if path.stat().st_size == 0:
        return False
    open_database(path)
    return customer_count() > 0


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal", "-writer"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def analyse(today: date) -> None:
    """Score every customer, then plan follow-ups (campaign audiences use the tiers)."""
    from dealerdesk.services import followups, scoring

    scoring.refresh_scores(today=today)
    followups.ensure_cadence_rules()
    followups.generate_followups(today=today, horizon_days=90)
