"""What every screen needs, built once by the composition root and passed down."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from dealerdesk.ui.hub import ChangeHub
from dealerdesk.ui.worker import Worker


@dataclass
class DeskContext:
    """The shared pieces of one open window.

    Attributes:
        db_path: the open database file (shown in the title and status bar).
        worker: the single background worker for database and PDF jobs.
        hub: broadcasts what each write changed, and requests to open a customer.
        clock: returns "today"; fixed by ``--today``, else the system date.
        staff_id: the signed-in desk user, if any (recorded on contacts).
        dealership: the name printed on reports.
        log_path: where unexpected errors are written.
    """

    db_path: Path
    worker: Worker
    hub: ChangeHub
    clock: Callable[[], date] = field(default=date.today)
    staff_id: int | None = None
    staff_name: str = ""  # issue #11: who is signed in (or the owner, sign-in off)
    signed_in: bool = False
    dealership: str = "DealerDesk"
    log_path: Path | None = None

    def today(self) -> date:
        return self.clock()

    def now(self) -> datetime:
        """Now, on the injected day (so ``--today`` also dates logged contacts)."""
        real = datetime.now().replace(microsecond=0)
        if self.clock is date.today:
            return real  # one reading: date and time cannot straddle midnight
        return datetime.combine(self.clock(), real.time())
