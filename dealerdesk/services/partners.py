"""Partner business use cases: the list (add, edit, archive), the customers exchanged
with a partner in either direction, the spend it reports (typed in or imported from its
CSV, ``partner_import``), and its statement for a period as a PDF.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from dealerdesk.errors import ValidationError
from dealerdesk.i18n.words import label_of
from dealerdesk.reports.data import mask_phone
from dealerdesk.reports.partner_statement import PartnerStatement, write_partner_statement_pdf
from dealerdesk.services import settings
from dealerdesk.services.changes import Changed, changed
from dealerdesk.services.customers import display_phone
from dealerdesk.services.partner_import import PartnerImportError, SpendImport, import_spend
from dealerdesk.services.partner_statement import (
    Exchanged,
    Paid,
    PartnerHead,
    build_statement,
    check_period,
)
from dealerdesk.services.reports import check_pdf_path, write_pdf
from dealerdesk.store import partner_queries as q
from dealerdesk.store.db import write_transaction
from dealerdesk.store.partner_queries import ExchangeRow, PartnerRow
from dealerdesk.store.validation import validate_amount, validate_date, validate_text
from dealerdesk.vocab.referrals import PartnerKind

__all__ = [
    "ExchangeRow", "PartnerImportError", "PartnerRow", "SpendImport", "StatementResult",
    "add_exchange", "add_spend", "archive", "exchanges", "find_partner", "import_spend",
    "list_partners", "make_statement_pdf", "save_partner", "statement",
]  # fmt: skip

Progress = Callable[[int, int], None]


def list_partners(*, include_archived: bool = False) -> list[PartnerRow]:
    """Partners by name (archived ones last), phones as people read them."""
    return [replace(p, phone=display_phone(p.phone) if p.phone else "")
            for p in q.list_partners(include_archived=include_archived)]  # fmt: skip


def find_partner(name: str) -> PartnerRow:
    return q.find_partner(name)


def exchanges(partner_id: int) -> list[ExchangeRow]:
    return [ExchangeRow(x.id, x.partner_id, x.customer_id, x.customer_name,
                        display_phone(x.phone) if x.phone else "", x.direction, x.date, x.spend,
                        x.notes)
            for x in q.exchanges(partner_id)]  # fmt: skip


def save_partner(partner_id: int | None, fields: Mapping[str, Any], *,
                 staff_id: int | None = None) -> Changed:  # fmt: skip
    """Add (``partner_id`` None) or edit a partner."""
    with write_transaction():
        pid = q.save_partner(partner_id, dict(fields), staff_id=staff_id)
    return changed("partner", new_id=pid)


def archive(partner_id: int, *, archived: bool = True, staff_id: int | None = None) -> Changed:
    """Hide a partner from the list (its history and statements stay)."""
    with write_transaction():
        q.set_archived(partner_id, archived, staff_id=staff_id)
    return changed("partner", new_id=partner_id)


def add_exchange(partner_id: int, customer_id: int | None, direction: str, *, on: date,
                 today: date, notes: str = "", staff_id: int | None = None) -> Changed:  # fmt: skip
    """A customer sent to us by the partner (``from_partner``) or by us to it."""
    with write_transaction():
        new_id = q.add_exchange(partner_id, customer_id, direction, on=on, today=today,
                                notes=notes, staff_id=staff_id)  # fmt: skip
    return changed("partner_referral", "customer", customers=(int(customer_id or 0),),
                   new_id=new_id)  # fmt: skip


def add_spend(exchange_id: int, *, on: date | str | None, amount: float | str | None,
              today: date, note: str = "", staff_id: int | None = None) -> Changed:  # fmt: skip
    """Spend the partner reported for a customer we sent it, typed in."""
    day = validate_date(on, "date", required=True, not_after=today)
    if amount in (None, ""):
        raise ValidationError("amount", "an amount is required")
    money = validate_amount(amount, "amount")
    text = validate_text(note, "note", max_len=200)
    assert day is not None
    with write_transaction():
        q.add_spends([(exchange_id, day, money, text)], source="typed", staff_id=staff_id)
    return changed("partner_spend", new_id=exchange_id)


def import_spend_file(path: Path | str, *, partner_id: int,
                      staff_id: int | None = None) -> SpendImport:  # fmt: skip
    return import_spend(path, partner_id=partner_id, staff_id=staff_id)


def statement(partner_id: int, *, start: date, end: date, today: date,
              mask_phones: bool = True) -> PartnerStatement:  # fmt: skip
    """The statement's figures for [start, end] (both days included). It leaves the
    dealership, so phones are masked (139****5678) unless asked (issue #11)."""
    check_period(start, end)
    p = q.get_partner(partner_id)
    head = PartnerHead(p.name, label_of(PartnerKind, p.kind),
                       " ".join(x for x in (p.contact_person, display_phone(p.phone) if p.phone
                                            else "") if x), p.terms)  # fmt: skip

    def phone(e164: str) -> str:
        shown = display_phone(e164) if e164 else ""
        return mask_phone(shown) if mask_phones else shown

    exchanged = [Exchanged(x.id, x.customer_name, phone(x.phone), x.direction, x.date)
                 for x in q.exchanged_by(end, partner_id)]  # fmt: skip
    paid = [Paid(x.exchange_id, x.date, x.amount) for x in q.payments(partner_id, start, end)]
    return build_statement(head, exchanged, paid, start=start, end=end,
                           dealership=settings.dealership_name(), today=today)  # fmt: skip


@dataclass(frozen=True, slots=True)
class StatementResult:
    path: Path
    pages: int
    statement: PartnerStatement


def make_statement_pdf(out: Path, *, partner_id: int, start: date, end: date, today: date,
                       mask_phones: bool = True,
                       progress: Progress | None = None) -> StatementResult:  # fmt: skip
    """Write the statement PDF to *out* (through a temporary file: never half a PDF)."""
    out = check_pdf_path(out)
    data = statement(partner_id, start=start, end=end, today=today, mask_phones=mask_phones)
    pages = write_pdf(write_partner_statement_pdf, data, out, progress)
    return StatementResult(out, pages, data)
