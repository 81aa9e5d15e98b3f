"""The partner statement's figures, worked out from plain rows (no database: tested alone).

Who is on it: every customer exchanged with the partner by the period's end who was
referred in the period or spent something in it — so a customer sent years ago who came
back this quarter is counted, and one who did nothing is not. Both ends of the period
are included. Spend is summed per customer over the period's payments (visits at the
dealership for customers the partner sent us, the partner's reported spend for customers
we sent it); totals per direction are the sum of the lines.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from dealerdesk.errors import ValidationError
from dealerdesk.i18n import Msg, render
from dealerdesk.reports.partner_statement import PartnerStatement, StatementLine
from dealerdesk.vocab.referrals import PartnerDirection


@dataclass(frozen=True, slots=True)
class Exchanged:
    """A customer exchanged with the partner (what the statement needs of it)."""

    id: int
    customer: str
    phone: str
    direction: str
    referred_on: date


@dataclass(frozen=True, slots=True)
class Paid:
    exchange_id: int
    on: date
    amount: float


@dataclass(frozen=True, slots=True)
class PartnerHead:
    name: str
    kind: str
    contact: str
    terms: str


def check_period(start: date, end: date) -> None:
    if end < start:
        raise ValidationError(
            "end", render(Msg("cli.partner.period", {"start": start, "end": end}))
        )


def build_statement(
    head: PartnerHead, exchanged: Iterable[Exchanged], paid: Iterable[Paid], *, start: date,
    end: date, dealership: str, today: date,
) -> PartnerStatement:  # fmt: skip
    check_period(start, end)
    spend: dict[int, float] = {}
    count: dict[int, int] = {}
    for p in paid:
        if start <= p.on <= end:
            spend[p.exchange_id] = spend.get(p.exchange_id, 0.0) + p.amount
            count[p.exchange_id] = count.get(p.exchange_id, 0) + 1
    lines: dict[str, list[StatementLine]] = {str(d): [] for d in PartnerDirection}
    for x in exchanged:
        if x.referred_on > end:
            continue
        if not (start <= x.referred_on or x.id in count):
            continue
        lines[x.direction].append(StatementLine(x.customer, x.phone, x.referred_on,
                                                round(spend.get(x.id, 0.0), 2), count.get(x.id, 0)))  # fmt: skip
    for rows in lines.values():
        rows.sort(key=lambda line: (line.referred_on, line.customer))
    return PartnerStatement(
        dealership=dealership, partner=head.name, kind=head.kind, contact=head.contact,
        terms=head.terms, start=start, end=end, today=today,
        sent_us=tuple(lines[PartnerDirection.FROM_PARTNER]),
        we_sent=tuple(lines[PartnerDirection.TO_PARTNER]),
    )  # fmt: skip
