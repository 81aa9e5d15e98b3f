"""One customer's personal data: all of it read out, or erased keeping the counts (issue #11).

Erasure blanks what identifies the person (names, phones, WeChat, e-mail, address,
birthday, free-text notes, plates, VINs, answers' comments) and deletes what only
describes them (consents, personal dates, contact people, the search row), but keeps the
rows the figures count (visits and their amounts, contacts and outcomes, complaints,
survey scores, follow-ups), now pointing at an anonymous customer.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from dealerdesk.store import audit
from dealerdesk.store.db import database

# Tables holding one customer's rows, and the column that points at the customer.
CUSTOMER_TABLES = (
    ("vehicle", "customer_id"), ("visit", "customer_id"), ("contact_log", "customer_id"),
    ("complaint", "customer_id"), ("survey", "customer_id"), ("consent", "customer_id"),
    ("personal_date", "customer_id"), ("contact_person", "customer_id"),
    ("followup", "customer_id"), ("campaign_member", "customer_id"),
    ("referral", "referrer_id"), ("customer_score", "customer_id"),
)  # fmt: skip


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def _rows(sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = database.execute_sql(sql, params)
    names = [d[0] for d in cursor.description]
    return [{n: _plain(v) for n, v in zip(names, row, strict=True)} for row in cursor.fetchall()]


def customer_data(customer_id: int) -> dict[str, Any] | None:
    """Everything stored about one customer, table by table (None if there is no such)."""
    found = _rows("SELECT * FROM customer WHERE id = ?", [customer_id])
    if not found:
        return None
    data: dict[str, Any] = {"customer": found[0]}
    for table, column in CUSTOMER_TABLES:
        data[table] = _rows(f"SELECT * FROM {table} WHERE {column} = ? ORDER BY 1", [customer_id])
    return data


def erase_customer(customer_id: int, *, staff_id: int | None = None) -> None:
    """Blank the personal data, keep the counted rows; one transaction, audited."""
    p = [customer_id]
    with database.atomic():
        database.execute_sql(
            "UPDATE customer SET name = ?, name_alt = NULL, gender = NULL, phone = NULL,"
            " phone2 = NULL, wechat = NULL, email = NULL, birthday = NULL, address = NULL,"
            " notes = NULL, lost_reason = NULL, referred_by_id = NULL, sort_name = '',"
            " archived = ? WHERE id = ?",
            [f"#{customer_id}", True, customer_id],
        )
        for table in ("consent", "personal_date", "contact_person", "customer_search"):
            database.execute_sql(f"DELETE FROM {table} WHERE customer_id = ?", p)
        database.execute_sql(
            "UPDATE vehicle SET plate = NULL, vin = ? || CAST(id AS TEXT) WHERE customer_id = ?",
            ["ERASED", customer_id],
        )
        database.execute_sql("UPDATE visit SET notes = NULL WHERE customer_id = ?", p)
        database.execute_sql("UPDATE contact_log SET notes = NULL WHERE customer_id = ?", p)
        database.execute_sql("UPDATE survey SET comment = NULL WHERE customer_id = ?", p)
        database.execute_sql("UPDATE followup SET notes = NULL WHERE customer_id = ?", p)
        database.execute_sql("UPDATE complaint SET description = '-' WHERE customer_id = ?", p)
        database.execute_sql("UPDATE referral SET referred_name = '-' WHERE referred_id = ?", p)
        audit.record("erase", "customer", customer_id, {}, staff_id)
