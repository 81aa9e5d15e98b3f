"""Import a dealership's customers, vehicles, purchases and service visits from a file.

Three steps, each usable alone (the wizard shows them one by one; the CLI runs them):

1. :func:`open_file` reads the sheet and guesses the column mapping (or takes a saved one).
2. :func:`dry_run` checks every row as the window's forms would, matches rows with each
   other and with the database (normalised phone or VIN), and counts what an import would
   create. Nothing is written.
3. :func:`run_import` writes it all in ONE transaction — customers, vehicles, visits,
   their search rows, scores and follow-up plan, and one audit entry — or nothing: a file
   with any row-level error is refused whole, a cancel or a crash rolls everything back.

Re-importing the same file matches every row and creates nothing. :func:`undo_import`
removes what one import created, as a whole.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from dealerdesk.errors import DealerDeskError
from dealerdesk.i18n import Msg, render
from dealerdesk.services import settings
from dealerdesk.services.changes import Changed, changed
from dealerdesk.services.import_mapping import (
    FIELD_KEYS,
    SavedMapping,
    check_mapping,
    guess_mapping,
    save_mapping_json,
    shape_key,
)
from dealerdesk.services.import_plan import (
    Duplicate,
    ImportPlan,
    NewCustomerPreview,
    new_customers_preview,
    plan_rows,
)
from dealerdesk.services.import_read import Table, read_table
from dealerdesk.services.import_rows import CleanRow, RowError, cell_text, validate_row
from dealerdesk.store import import_store as st
from dealerdesk.store.bulk import customer_count as customer_total
from dealerdesk.store.db import database
from dealerdesk.store.settings_store import get_setting, set_setting

MAPPING_KEY = "import_map:"  # + shape key: the mapping last used for a file of that shape
SAMPLE_ROWS = 20


class ImportCancelledError(DealerDeskError):
    """The user cancelled; the transaction was rolled back and nothing was written."""

    def __init__(self) -> None:
        super().__init__(render(Msg("import.cancelled", {})))


class ImportRejectedError(DealerDeskError):
    """The file has row-level errors; nothing was written. ``plan`` holds them."""

    def __init__(self, plan: ImportPlan) -> None:
        self.plan = plan
        super().__init__(render(Msg("import.rejected", {"n": len(plan.errors)})))


class Progress:
    """Shared between the import (any thread) and whoever shows it (a timer, the CLI).

    Plain attributes under a lock; ``cancel()`` asks the import to stop at its next step.
    """

    def __init__(self, report: Callable[[str, int, int], None] | None = None) -> None:
        self._lock = threading.Lock()
        self._cancel = threading.Event()
        self._report = report
        self.stage, self.done, self.total = "", 0, 0

    def set(self, stage: str, done: int, total: int) -> None:
        with self._lock:
            self.stage, self.done, self.total = stage, done, total
        if self._report is not None:
            self._report(stage, done, total)

    def advance(self, n: int) -> None:
        with self._lock:
            self.done += n
            stage, done, total = self.stage, self.done, self.total
        if self._report is not None:
            self._report(stage, done, total)
        self.check()

    def snapshot(self) -> tuple[str, int, int]:
        with self._lock:
            return self.stage, self.done, self.total

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise ImportCancelledError


@dataclass(frozen=True, slots=True)
class OpenedFile:
    """A file read and mapped: what the mapping step shows."""

    path: Path
    table: Table
    mapping: dict[str, str]
    mapping_source: str  # "saved", "file" or "guessed"

    @property
    def headers(self) -> tuple[str, ...]:
        return self.table.headers

    def sample(self, n: int = SAMPLE_ROWS) -> list[tuple[int, list[str]]]:
        return [(num, [cell_text(c) for c in cells]) for num, cells in self.table.rows[:n]]


@dataclass(frozen=True, slots=True)
class ImportResult:
    audit_id: int
    plan: ImportPlan
    seconds: float
    changes: Changed


# -- step 1: open and map ----------------------------------------------------------------
def open_file(
    path: Path | str, *, sheet: str | None = None, mapping: Mapping[str, str] | None = None
) -> OpenedFile:
    """Read the sheet; the mapping is the one given, else the one saved for this shape,
    else a guess from the headers."""
    path = Path(path)
    table = read_table(path, sheet=sheet)
    if mapping is not None:
        known = dict.fromkeys(table.headers, "") | {
            h: f for h, f in mapping.items() if h in table.headers
        }
        return OpenedFile(path, table, known, "file")
    saved = get_setting(MAPPING_KEY + shape_key(table.headers), "")
    if saved:
        columns = SavedMapping.from_json(saved).columns
        return OpenedFile(path, table, {h: columns.get(h, "") for h in table.headers}, "saved")
    return OpenedFile(path, table, guess_mapping(table.headers), "guessed")


def remember_mapping(headers: tuple[str, ...], mapping: Mapping[str, str]) -> None:
    """Save the mapping for the next file of this shape (after a successful import)."""
    with database.atomic():
        set_setting(MAPPING_KEY + shape_key(headers), save_mapping_json(headers, mapping))


# -- step 2: the dry run -----------------------------------------------------------------
def dry_run(
    opened: OpenedFile,
    *,
    mapping: Mapping[str, str] | None = None,
    today: date,
    progress: Progress | None = None,
) -> ImportPlan:
    """Check every row and plan the import; nothing is written."""
    columns = check_mapping(mapping if mapping is not None else opened.mapping, opened.headers)
    progress = progress or Progress()
    region = settings.get("phone_region") or "CN"
    index = {f: i for i, h in enumerate(opened.headers) if (f := columns[h])}
    header_of = {f: h for h, f in columns.items() if f}
    rows = opened.table.rows
    progress.set("check", 0, len(rows))
    clean: list[CleanRow] = []
    errors: list[RowError] = []
    for n, (number, cells) in enumerate(rows, start=1):
        mapped = {f: cells[i] for f, i in index.items()}
        row, errs = validate_row(number, mapped, header_of, today=today, region=region)
        if row is not None:
            clean.append(row)
        errors.extend(errs)
        if n % 2000 == 0:
            progress.advance(2000)
    progress.set("match", len(rows), len(rows))
    return plan_rows(clean, errors, len(rows), header_of)


# -- step 3: the import ------------------------------------------------------------------
def run_import(
    opened: OpenedFile,
    *,
    mapping: Mapping[str, str] | None = None,
    today: date,
    now: datetime,
    staff_id: int | None = None,
    progress: Progress | None = None,
    remember: bool = True,
) -> ImportResult:
    """Dry-run, then write everything in one transaction; ImportRejectedError if any row is bad."""
    started = time.perf_counter()
    progress = progress or Progress()
    columns = check_mapping(mapping if mapping is not None else opened.mapping, opened.headers)
    plan = dry_run(opened, mapping=columns, today=today, progress=progress)
    if not plan.ok:
        raise ImportRejectedError(plan)
    assert plan.batch is not None
    batch = plan.batch
    total = len(batch.customers) + len(batch.vehicles) + len(batch.visits)
    if total == 0:  # everything is already here: a re-import changes nothing, not even the log
        return ImportResult(0, plan, time.perf_counter() - started, Changed())
    details = {"file": opened.path.name, "rows": plan.rows, "sheet": opened.table.sheet}
    with database.atomic():
        progress.set("write", 0, total)
        written = st.write_batch(batch, details=details, today=today, stamp=now,
                                 staff_id=staff_id, step=progress.advance)  # fmt: skip
        ids = [*written.customer_ids, *written.touched]
        progress.set("analyse", 0, 3)
        # A file that is most of the dealership: the demo's whole-database path is faster
        # than filtering by 100,000 ids, and refits the scoring model on the new data.
        full = len(written.customer_ids) > max(1000, customer_total() // 2)
        _analyse(ids, today=today, full=full, progress=progress)
        if remember:
            set_setting(MAPPING_KEY + shape_key(opened.headers),
                        save_mapping_json(opened.headers, columns))  # fmt: skip
        progress.check()  # a cancel during the analysis still rolls everything back
    changes = changed("customer", "vehicle", "visit", "followup", "customer_score",
                      customers=tuple(ids))  # fmt: skip
    return ImportResult(written.audit_id, plan, time.perf_counter() - started, changes)


def _analyse(ids: list[int], *, today: date, full: bool, progress: Progress) -> None:
    """Search rows, scores and follow-ups for the imported customers: the demo's path."""
    from dealerdesk.services import followups, scoring
    from dealerdesk.store.search_index import rebuild_search

    if not ids:
        return
    rebuild_search(None if full else ids)
    progress.advance(1)
    scoring.refresh_scores(today=today, customer_ids=None if full else ids)
    progress.advance(1)
    followups.ensure_cadence_rules()
    followups.generate_followups(today=today, customer_ids=None if full else ids)
    progress.advance(1)


# -- undo --------------------------------------------------------------------------------
def list_imports() -> list[st.ImportEntry]:
    return st.import_entries()


def undo_import(
    audit_id: int, *, today: date, now: datetime, staff_id: int | None = None
) -> Changed:
    """Remove everything one import created, in one transaction, and say so in the log."""
    with database.atomic():
        entry = st.undo_batch(audit_id, stamp=now, staff_id=staff_id)
        if entry.touched:
            from dealerdesk.services import followups, scoring

            scoring.refresh_scores(today=today, customer_ids=list(entry.touched))
            followups.generate_followups(today=today, customer_ids=list(entry.touched))
    return changed("customer", "vehicle", "visit", "followup", "customer_score",
                   customers=entry.touched)  # fmt: skip


def error_lines(
    errors: tuple[RowError, ...] | list[RowError], language: str | None = None
) -> list[tuple[str, str, str, str]]:
    """(row, column, value, reason) rendered, for the CLI, the preview and error files."""
    return [(str(e.row), e.column, e.value, render(e.reason, language)) for e in errors]


__all__ = [
    "FIELD_KEYS",
    "Duplicate",
    "ImportCancelledError",
    "ImportPlan",
    "ImportRejectedError",
    "ImportResult",
    "NewCustomerPreview",
    "OpenedFile",
    "Progress",
    "dry_run",
    "error_lines",
    "list_imports",
    "new_customers_preview",
    "open_file",
    "remember_mapping",
    "run_import",
    "undo_import",
]
