"""Export customers, vehicles, follow-ups and complaints to CSV or .xlsx, safely.

- CSV is written as UTF-8 *with* a BOM: without it Excel on a Chinese Windows reads the
  file as GBK and every name turns to mojibake.
- Formula injection (CWE-1236): a cell that begins with ``= + - @``, a tab or a carriage
  return would be run as a formula by Excel or LibreOffice; such text cells get a leading
  apostrophe, which both show as text. (Numbers and dates are written as values and are
  never at risk.) The importer takes the apostrophe off again, so a round trip is exact.
- Phones are written as people read them (``139 1234 5678``), which is also what keeps
  them from starting with "+".
- The customer file uses the importer's own column names: it can be imported again.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from dealerdesk.errors import ValidationError
from dealerdesk.i18n import render, t
from dealerdesk.services import settings
from dealerdesk.store import export_queries as q
from dealerdesk.store.validation import format_phone

FORMATS = ("csv", "xlsx")
KINDS = ("customers", "vehicles", "followups", "complaints")
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_PHONES = {"phone", "phone2"}


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    rows: int
    format: str


def neutralise(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula, made inert with a leading quote."""
    if isinstance(value, str) and value.startswith(_DANGEROUS):
        return "'" + value
    return value


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, float) and value == int(value):
        return int(value)
    return neutralise(value)


def format_for(path: Path, fmt: str | None) -> str:
    fmt = (fmt or path.suffix.lstrip(".") or "csv").lower()
    if fmt not in FORMATS:
        raise ValidationError("format", t("export.bad_format", format=fmt))
    return fmt


def write_table(
    path: Path | str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    fmt: str | None = None,
) -> ExportResult:
    """Write one sheet; returns how many data rows it holds."""
    path = Path(path)
    fmt = format_for(path, fmt)
    if not path.parent.is_dir():
        raise ValidationError("out", t("export.no_folder", folder=str(path.parent)))
    count = 0
    if fmt == "csv":
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow([neutralise(h) for h in headers])
            for row in rows:
                writer.writerow([_cell(v) for v in row])
                count += 1
        return ExportResult(path, count, fmt)
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("DealerDesk")
    sheet.append([neutralise(h) for h in headers])
    for row in rows:
        sheet.append([_cell(v) for v in row])
        count += 1
    book.save(path)
    return ExportResult(path, count, fmt)


def _headers(fields: Sequence[str]) -> list[str]:
    """The importer's field names (so the file maps itself back), else export's own."""
    from dealerdesk.i18n import CATALOG

    return [t(f"import.field.{f}") if f"import.field.{f}" in CATALOG else t(f"export.field.{f}")
            for f in fields]  # fmt: skip


def display_phone(e164: str | None, region: str | None = None) -> str:
    return format_phone(e164, region or settings.get("phone_region") or "CN")


def _customer_values(row: Sequence[Any], region: str) -> list[Any]:
    out = list(row)
    for i, name in enumerate(q.CUSTOMER_FIELDS):
        if name in _PHONES:
            out[i] = format_phone(out[i], region)
    return out


def export_customers(
    path: Path | str, *, ids: Sequence[int] | None = None, fmt: str | None = None
) -> ExportResult:
    """The customers *ids* (the list as filtered on screen), else every active customer."""
    if ids is None:
        _require_export_all()
    ids = list(ids) if ids is not None else q.all_customer_ids()
    region = settings.get("phone_region") or "CN"
    rows = (_customer_values(r, region) for r in q.customer_rows(ids))
    return write_table(path, _headers(q.CUSTOMER_FIELDS), rows, fmt=fmt)


def export_vehicles(path: Path | str, *, fmt: str | None = None) -> ExportResult:
    region = settings.get("phone_region") or "CN"

    def rows() -> Iterable[list[Any]]:
        for r in q.vehicle_rows():
            values = list(r)
            values[-1] = display_phone(values[-1], region)
            yield values

    return write_table(path, _headers(q.VEHICLE_FIELDS), rows(), fmt=fmt)


def export_followups(
    path: Path | str, *, fmt: str | None = None, status: str | None = "pending"
) -> ExportResult:
    from dealerdesk.services.followups import KIND_LABELS

    region = settings.get("phone_region") or "CN"

    def rows() -> Iterable[list[Any]]:
        for r in q.followup_rows(status=status):
            values = list(r)
            values[2] = KIND_LABELS.get(values[2], values[2])
            values[5] = display_phone(values[5], region)
            yield values

    return write_table(path, _headers(q.FOLLOWUP_FIELDS), rows(), fmt=fmt)


def export_complaints(path: Path | str, *, fmt: str | None = None) -> ExportResult:
    region = settings.get("phone_region") or "CN"

    def rows() -> Iterable[list[Any]]:
        for r in q.complaint_rows():
            values = list(r)
            values[6] = display_phone(values[6], region)
            yield values

    return write_table(path, _headers(q.COMPLAINT_FIELDS), rows(), fmt=fmt)


def _require_export_all() -> None:
    """issue #11: exporting every customer (or every record) is for managers."""
    from dealerdesk.services import auth
    from dealerdesk.vocab.staff import Permission

    auth.require(Permission.EXPORT_ALL)


def export(kind: str, path: Path | str, *, fmt: str | None = None) -> ExportResult:
    if kind not in KINDS:
        raise ValidationError("kind", t("export.bad_kind", kind=kind))
    _require_export_all()
    result = {
        "customers": export_customers,
        "vehicles": export_vehicles,
        "followups": export_followups,
        "complaints": export_complaints,
    }[kind](path, fmt=fmt)
    from dealerdesk.store import audit, db

    with db.database.atomic():  # issue #11: exports are audited (what, how many, where)
        audit.record("export", kind, None, {"rows": result.rows, "file": Path(path).name})
    return result


# -- iCalendar: one staff member's follow-ups for a phone calendar -------------------------
def export_staff_ics(
    path: Path | str, *, staff_id: int, today: date, now: datetime
) -> ExportResult:
    """All-day events, one per pending follow-up from today on; stable UIDs, so
    importing the file again updates the phone's events instead of doubling them."""
    from icalendar import Calendar, Event

    name = q.staff_name(staff_id)
    if name is None:
        raise ValidationError("staff_id", t("export.no_staff", id=staff_id))
    from dealerdesk.services.followups import KIND_LABELS

    cal = Calendar()
    cal.add("prodid", "-//DealerDesk//follow-ups//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", render(t("export.ics_title", name=name)))
    rows = q.staff_followups(staff_id, since=today)
    for fid, due, kind, reason, customer, phone in rows:
        event = Event()
        event.add("uid", f"followup-{fid}@dealerdesk")
        event.add("dtstamp", now)
        day = due if isinstance(due, date) else date.fromisoformat(str(due))
        event.add("dtstart", day)
        event.add("summary", f"{KIND_LABELS.get(kind, kind)}: {customer}")
        event.add("description", "\n".join(x for x in (display_phone(phone), reason or "") if x))
        cal.add_component(event)
    path = Path(path)
    path.write_bytes(cal.to_ical())
    return ExportResult(path, len(rows), "ics")
