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

import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

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
class Duplicate:
    """A row that is the same customer as an earlier row or a stored customer."""

    row: int
    reason: Msg


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """The dry run's verdict. ``ok``: no errors and something to do."""

    rows: int
    errors: tuple[RowError, ...]
    duplicates: tuple[Duplicate, ...]
    customers_new: int
    customers_matched: int
    customers_updated: int
    vehicles_new: int
    visits_new: int
    batch: st.Batch | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def error_rows(self) -> int:
        return len({e.row for e in self.errors})

    def summary(self) -> Msg:
        return Msg("import.summary", {
            "rows": self.rows, "new": self.customers_new, "matched": self.customers_matched,
            "updated": self.customers_updated, "vehicles": self.vehicles_new,
            "visits": self.visits_new, "errors": self.error_rows,
            "duplicates": len(self.duplicates),
        })  # fmt: skip


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
def _norm_name(name: str) -> str:
    return re.sub(r"\s+", "", name or "").lower()


@dataclass(slots=True)
class _Customer:
    """A customer the file speaks of: a stored one (``cid``) or a new one (``index``)."""

    name: str
    first_row: int
    cid: int | None = None
    index: int | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    adds: bool = False

    @property
    def ref(self) -> tuple[str, int]:
        return ("id", self.cid) if self.cid is not None else ("new", self.index or 0)


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
    return _plan(clean, errors, len(rows), header_of)


def _plan(
    clean: list[CleanRow], errors: list[RowError], total: int, header_of: dict[str, str]
) -> ImportPlan:
    existing = st.load_existing()
    by_phone: dict[str, _Customer] = {}
    by_vin: dict[str, tuple[_Customer, int]] = {}  # VIN -> (customer, first row)
    stored: dict[int, _Customer] = {}
    new: list[_Customer] = []
    seen_rows: dict[tuple[tuple[str, str], ...], int] = {}
    duplicates: list[Duplicate] = []
    vehicles: list[tuple[_Customer, dict[str, Any]]] = []
    vehicle_ref: dict[str, tuple[str, int]] = {}  # VIN -> ("id", vehicle id) | ("new", i)
    visits: list[tuple[_Customer, str | None, dict[str, Any]]] = []

    def err(bad: CleanRow, key: str, code: str, **params: Any) -> None:
        value = (bad.vin or "") if key == "vin" else (bad.customer.get(key) or "")
        errors.append(RowError(bad.row, header_of.get(key, key), value, Msg(code, params)))

    for row in clean:
        signature = row.signature
        if signature in seen_rows:
            duplicates.append(
                Duplicate(row.row, Msg("import.dup_row", {"row": seen_rows[signature]}))
            )
            continue
        seen_rows[signature] = row.row
        name = row.customer["name"]
        who: _Customer | None = None
        by = "phone"
        phone, vin = row.phone, row.vin
        if phone and phone in by_phone:
            who = by_phone[phone]
        elif phone and phone in existing.phones:
            cid, stored_name = existing.phones[phone]
            who = stored.setdefault(cid, _Customer(stored_name, row.row, cid=cid))
        if vin and vin in by_vin:
            owner, first = by_vin[vin]
            if who is None:
                who, by = owner, "vin"
            elif who is not owner:
                err(row, "vin", "import.vin_twice", row=first)
                continue
        elif vin and vin in existing.vins:
            _vid, cid, owner_name = existing.vins[vin]
            if who is None:
                who, by = stored.setdefault(cid, _Customer(owner_name, row.row, cid=cid)), "vin"
            elif who.cid != cid:
                err(row, "vin", "import.vin_other_customer", name=owner_name)
                continue
        if who is not None and _norm_name(who.name) != _norm_name(name):
            if by == "vin":
                err(row, "vin", "import.vin_other_customer", name=who.name)
            elif who.cid is None:
                err(row, "phone", "import.phone_other_name", name=who.name, row=who.first_row)
            else:
                err(row, "phone", "import.phone_stored_name", name=who.name)
            continue
        if who is None:
            who = _Customer(name, row.row, index=len(new), fields=dict(row.customer))
            new.append(who)
        elif who.first_row != row.row:
            if who.cid is None:  # a later row of a new customer may know more (a phone…)
                for key, value in row.customer.items():
                    if value and not who.fields.get(key):
                        who.fields[key] = value
            duplicates.append(Duplicate(row.row, Msg(
                "import.dup_customer" if who.cid is None else "import.dup_stored",
                {"row": who.first_row, "name": who.name})))  # fmt: skip
        if phone:
            by_phone.setdefault(phone, who)
        other = row.customer.get("phone2")
        if other and who.cid is None and other in existing.phones:
            err(row, "phone2", "import.phone2_stored", name=existing.phones[other][1])
            continue
        if vin:
            by_vin.setdefault(vin, (who, row.row))
            if vin not in vehicle_ref:
                if vin in existing.vins:
                    vehicle_ref[vin] = ("id", existing.vins[vin][0])
                else:
                    vehicle_ref[vin] = ("new", len(vehicles))
                    vehicles.append((who, row.vehicle or {}))
                    who.adds = True
        visits.extend((who, vin, v) for v in row.visits)
    if errors:
        errors.sort(key=lambda e: (e.row, e.column))
        return ImportPlan(total, tuple(errors), tuple(duplicates), len(new), len(stored), 0, 0, 0)
    known = st.load_visits(stored) if stored else set()
    planned: set[tuple[Any, ...]] = set()
    visit_rows = []
    for who, vin, v in visits:
        vref = vehicle_ref.get(vin) if vin else None
        day, kind, amount = v["date"].isoformat(), v["kind"], round(float(v.get("amount") or 0), 2)
        key = (who.ref, vref, day, kind, amount)
        if key in planned:
            continue  # the same purchase or visit on two rows of the file
        planned.add(key)
        if who.cid is not None:
            if (who.cid, vref[1] if vref and vref[0] == "id" else None, day, kind, amount) in known:
                continue
            who.adds = True
        visit_rows.append((who.ref, vref, v))
    touched = sorted(c.cid for c in stored.values() if c.adds and c.cid is not None)
    batch = st.Batch(
        customers=[c.fields for c in new],
        vehicles=[(who.ref, v) for who, v in vehicles],
        visits=visit_rows,
        touched=touched,
    )
    return ImportPlan(
        total, (), tuple(duplicates), len(new), len(stored), len(touched), len(vehicles),
        len(visit_rows), batch,
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class NewCustomerPreview:
    name: str
    phone: str
    vehicles: int
    visits: int


def new_customers_preview(plan: ImportPlan, *, limit: int = 1000) -> list[NewCustomerPreview]:
    """The first customers the import would create, for the preview."""
    if plan.batch is None:
        return []
    region = settings.get("phone_region") or "CN"
    from dealerdesk.store.validation import format_phone

    vehicles = Counter(ref[1] for ref, _v in plan.batch.vehicles if ref[0] == "new")
    visits = Counter(ref[1] for ref, _vr, _v in plan.batch.visits if ref[0] == "new")
    return [
        NewCustomerPreview(c["name"], format_phone(c.get("phone"), region), vehicles[i], visits[i])
        for i, c in enumerate(plan.batch.customers[:limit])
    ]


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
    "ImportCancelledError",
    "ImportPlan",
    "ImportRejectedError",
    "ImportResult",
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
