"""The spend a partner sends as a CSV (or Excel) file: one row per payment of a customer
we sent it, matched to that customer by phone, else by name; imported all or nothing.

The file is read by ``import_read`` (UTF-8 or GBK CSV, .xlsx, .xls). Columns are found
by their header, in Chinese or English: phone (手机号/电话), name (姓名/客户), date (日期),
amount (金额/消费) and an optional note (备注/项目). Every bad row is reported with its
Excel row number and what is wrong with it; if any row is bad nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from dealerdesk.errors import DealerDeskError, ValidationError
from dealerdesk.i18n import Msg, fmt_money, render
from dealerdesk.services.import_read import Cell, Table, read_table
from dealerdesk.store import partner_queries as q
from dealerdesk.store.db import write_transaction
from dealerdesk.store.settings_store import get_setting
from dealerdesk.store.validation import normalize_phone

COLUMNS: dict[str, tuple[str, ...]] = {
    "phone": ("phone", "customer phone", "mobile", "tel", "手机", "手机号", "手机号码", "电话",
              "联系电话", "客户电话"),
    "name": ("name", "customer", "customer name", "姓名", "客户", "客户姓名", "客户名称"),
    "date": ("date", "day", "日期", "消费日期", "交易日期"),
    "amount": ("amount", "spend", "total", "金额", "消费金额", "消费", "合计"),
    "note": ("note", "notes", "item", "service", "备注", "项目", "服务项目"),
}  # fmt: skip
MAX_SHOWN = 30  # rows listed in the error message; all are in ``problems``


class PartnerImportError(DealerDeskError):
    """The file had bad rows; nothing was imported. ``problems``: one sentence per row."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        shown = "\n".join(problems[:MAX_SHOWN]) + ("\n…" if len(problems) > MAX_SHOWN else "")
        super().__init__(
            render(Msg("referrals.import.failed", {"n": len(problems), "rows": shown}))
        )


@dataclass(frozen=True, slots=True)
class SpendRow:
    row: int
    exchange_id: int
    customer: str
    on: date
    amount: float
    note: str


@dataclass(frozen=True, slots=True)
class SpendImport:
    rows: tuple[SpendRow, ...]
    total: float
    message: str


def _norm(header: str) -> str:
    return re.sub(r"\s+", " ", str(header).replace("_", " ")).strip().casefold()


def find_columns(headers: tuple[str, ...]) -> dict[str, int]:
    out: dict[str, int] = {}
    for i, h in enumerate(headers):
        key = _norm(h)
        for name, words in COLUMNS.items():
            if name not in out and key in words:
                out[name] = i
    if "amount" not in out or ("phone" not in out and "name" not in out):
        raise ValidationError("file", render(Msg("referrals.import.no_columns",
                                                 {"found": ", ".join(headers)})))  # fmt: skip
    return out


_DAY = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def parse_day(value: Cell) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = "" if value is None else str(value).strip()
    if not text:
        raise ValueError(render(Msg("referrals.import.no_date")))
    m = _DAY.match(text.split(" ")[0] if " " in text and "年" not in text else text)
    try:
        if m is None:
            raise ValueError
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise ValueError(render(Msg("referrals.import.bad_date", {"value": text}))) from None


def parse_amount(value: Cell) -> float:
    if isinstance(value, bool):
        raise ValueError(render(Msg("referrals.import.bad_amount", {"value": value})))
    if isinstance(value, int | float):
        amount = float(value)
    else:
        text = re.sub(r"[¥￥,，\s元]|RMB|CNY", "", str(value or ""), flags=re.IGNORECASE)
        try:
            amount = float(text)
        except ValueError:
            raise ValueError(render(Msg("referrals.import.bad_amount",
                                        {"value": str(value or "")}))) from None  # fmt: skip
    if amount != amount or amount in (float("inf"), float("-inf")):
        raise ValueError(render(Msg("referrals.import.bad_amount", {"value": value})))
    if amount < 0:
        raise ValueError(render(Msg("referrals.import.negative", {"value": value})))
    return round(amount, 2)


def _text(cells: tuple[Cell, ...], at: int | None) -> str:
    if at is None or at >= len(cells) or cells[at] is None:
        return ""
    value = cells[at]
    if isinstance(value, float) and value.is_integer():  # Excel stores a phone as a number
        value = int(value)
    return str(value).strip()


def check_rows(table: Table, partner_id: int) -> list[SpendRow]:
    """Every row matched and parsed; PartnerImportError listing every bad row."""
    cols = find_columns(table.headers)
    sent = q.sent_to_partner(partner_id)
    by_phone = {k.phone: k for k in sent if k.phone}
    by_name: dict[str, list[q.CustomerKey]] = {}
    for k in sent:
        by_name.setdefault(k.name.strip().casefold(), []).append(k)
    region = get_setting("phone_region", "CN")
    good: list[SpendRow] = []
    problems: list[str] = []
    for number, cells in table.rows:
        try:
            phone, name = _text(cells, cols.get("phone")), _text(cells, cols.get("name"))
            if phone:
                try:
                    e164 = normalize_phone(phone, region)
                except ValidationError:
                    e164 = None
                key = by_phone.get(e164 or "")
                if key is None:
                    raise ValueError(
                        render(Msg("referrals.import.no_match_phone", {"value": phone}))
                    )
            elif name:
                found = by_name.get(name.casefold(), [])
                if not found:
                    raise ValueError(render(Msg("referrals.import.no_match_name", {"value": name})))
                if len(found) > 1:
                    raise ValueError(render(Msg("referrals.import.ambiguous_name",
                                                {"n": len(found), "value": name})))  # fmt: skip
                key = found[0]
            else:
                raise ValueError(render(Msg("referrals.import.no_who")))
            problems_here = []
            day = amount = None
            try:
                day = parse_day(
                    cells[cols["date"]] if "date" in cols and cols["date"] < len(cells) else None
                )
            except ValueError as exc:
                problems_here.append(str(exc))
            try:
                amount = parse_amount(
                    cells[cols["amount"]] if cols["amount"] < len(cells) else None
                )
            except ValueError as exc:
                problems_here.append(str(exc))
            if problems_here:
                raise ValueError("; ".join(problems_here))
            assert day is not None and amount is not None
            good.append(SpendRow(number, key.exchange_id, key.name, day, amount,
                                 _text(cells, cols.get("note"))[:200]))  # fmt: skip
        except ValueError as exc:
            problems.append(
                render(Msg("referrals.import.row", {"row": number, "problem": str(exc)}))
            )
    if problems:
        raise PartnerImportError(problems)
    if not good:
        raise PartnerImportError([render(Msg("referrals.import.no_rows"))])
    return good


def import_spend(path: Path | str, *, partner_id: int, staff_id: int | None = None) -> SpendImport:
    """Read, check every row, then write them all in one transaction (or none)."""
    partner = q.get_partner(partner_id)
    rows = check_rows(read_table(path), partner_id)
    with write_transaction():
        q.add_spends([(r.exchange_id, r.on, r.amount, r.note) for r in rows], source="import",
                     staff_id=staff_id)  # fmt: skip
    total = round(sum(r.amount for r in rows), 2)
    message = render(Msg("referrals.import.done", {"n": len(rows), "partner": partner.name,
                                                   "total": fmt_money(total, decimals=2)}))  # fmt: skip
    return SpendImport(tuple(rows), total, message)
