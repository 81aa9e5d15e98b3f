"""Likely duplicates with their reason, and a merge that loses nothing."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
import rawdb
from rawdb import query

from dealerdesk.errors import NotFoundError, ValidationError
from dealerdesk.services import customers, duplicates
from dealerdesk.store.validation import vin_check_digit

TODAY = date(2026, 12, 1)
NOW = datetime(2026, 12, 1, 9, 30)


def vin(n: int) -> str:
    body = f"LFVAB21X0NA{n:06d}"
    return body[:8] + vin_check_digit(body) + body[9:]


def new(fields: dict[str, object]) -> int:
    cid = customers.create_customer(fields, today=TODAY).new_id
    assert cid is not None
    return cid


def rows(db: Path, sql: str, *args: object) -> list[tuple[object, ...]]:
    return query(db, sql, *args)


def test_finds_each_kind_of_duplicate_with_its_reason(db_path: Path) -> None:
    # the window refuses a phone that is another's main phone, but not one that is another's
    # second phone: c first, then a with c's second number as main phone
    c = new({"name": "李娜", "phone": "13800000001", "phone2": "13912345678"})
    a = new({"name": "张伟", "phone": "13912345678", "address": "深圳市 福田区 1号"})
    b = new({"name": "张 伟", "phone": "13912345679"})  # one digit apart
    d = new({"name": "王芳", "phone": "13700000001"})
    e = new({"name": "王芳", "phone": "13655555551", "address": "x"})  # name alone is not enough
    f = new({"name": "李娜"})  # same name, no phone at all
    g = new({"name": "张伟", "phone": "13055554444", "address": "深圳市福田区1号"})  # address
    customers.add_vehicle(
        d, {"vin": vin(1), "plate": "粤B12345", "make": "大众", "model": "朗逸"}, today=TODAY
    )
    customers.add_vehicle(
        e, {"vin": vin(2), "plate": "粤B12345", "make": "大众", "model": "朗逸"}, today=TODAY
    )
    found = {
        (p.a.id, p.b.id): sorted(r.code for r in p.reasons) for p in duplicates.find_duplicates()
    }
    # b and g share a name, but their phones are far apart and b has no address
    assert found == {
        (a, b): ["dup.name_phone"],
        (c, a): ["dup.phone"],
        (a, g): ["dup.name_address"],
        (d, e): ["dup.plate"],
        (c, f): ["dup.name_no_phone"],
    }
    pair = next(p for p in duplicates.find_duplicates() if p.a.id == c and p.b.id == a)
    from dealerdesk.i18n import render

    assert render(pair.reasons[0]) == "same phone 139 1234 5678"
    assert render(pair.reasons[0], "zh_CN") == "同一电话 139 1234 5678"


def test_merge_keeps_every_row_in_one_audited_transaction(db_path: Path) -> None:
    keep = new({"name": "张伟", "phone": "13912345678"})
    drop = new({"name": "张伟", "phone": "13912345679", "email": "zw@example.com",
                "address": "深圳", "notes": "老客户"})  # fmt: skip
    referred = new({"name": "朋友", "phone": "13700000000"})
    v = customers.add_vehicle(drop, {"vin": vin(1), "make": "大众", "model": "朗逸",
                                     "purchase_date": "2022-01-01"}, today=TODAY).new_id  # fmt: skip
    customers.add_visit(
        drop, {"vehicle_id": v, "date": "2024-01-01", "kind": "service", "amount": 500}, today=TODAY
    )
    customers.log_contact(drop, now=NOW, channel="phone", outcome="reached")
    customers.record_complaint(drop, now=NOW, category="service", severity="high", description="慢")
    customers.record_survey(drop, {"nps": 9, "date": TODAY}, today=TODAY)
    con = rawdb.connect(db_path)
    con.execute("INSERT INTO referral (referrer_id, referred_id, referred_name, date, status,"
                " reward_given, created_at, updated_at) VALUES (?, ?, '朋友', '2026-01-01',"
                " 'converted', 0, '2026-01-01', '2026-01-01')", (drop, referred))  # fmt: skip
    con.execute("UPDATE customer SET referred_by_id = ? WHERE id = ?", (drop, referred))
    con.commit()
    con.close()
    tables = ("vehicle", "visit", "contact_log", "complaint", "survey")
    before = {t: rows(db_path, f"SELECT id FROM {t} WHERE customer_id = ?", drop) for t in tables}
    done_followups = rows(db_path, "SELECT count(*) FROM followup WHERE customer_id = ?"
                                   " AND status <> 'pending'", drop)[0][0]  # fmt: skip
    duplicates.merge_customers(keep=keep, drop=drop, today=TODAY, now=NOW)
    for t in tables:
        assert before[t], t
        assert rows(db_path, f"SELECT id FROM {t} WHERE customer_id = ?", keep) == before[t], t
    assert rows(db_path, "SELECT count(*) FROM customer WHERE id = ?", drop) == [(0,)]
    assert rows(db_path, "SELECT referrer_id FROM referral") == [(keep,)]
    assert rows(db_path, "SELECT referred_by_id FROM customer WHERE id = ?", referred) == [(keep,)]
    assert rows(
        db_path, "SELECT phone, phone2, email, address, notes FROM customer WHERE id = ?", keep
    ) == [("+8613912345678", "+8613912345679", "zw@example.com", "深圳", "老客户")]
    assert rows(db_path, "SELECT count(*) FROM followup WHERE customer_id = ? AND status <> 'pending'",
                keep)[0][0] >= done_followups  # fmt: skip
    assert rows(db_path, "SELECT count(*) FROM followup WHERE customer_id = ?", drop) == [(0,)]
    assert (
        rows(
            db_path,
            "SELECT count(*) FROM followup WHERE customer_id = ? AND status = 'pending'",
            keep,
        )[0][0]
        > 0
    )
    assert rows(db_path, "SELECT count(*) FROM customer_score WHERE customer_id = ?", keep) == [
        (1,)
    ]
    audit = rows(db_path, "SELECT action, entity_id, details FROM audit_log WHERE action = 'merge'")
    assert len(audit) == 1 and audit[0][1] == keep and '"name": "张伟"' in str(audit[0][2])
    # the search finds the kept customer by the dropped one's phone
    assert customers.search_customer_ids(customers.CustomerFilter(text="13912345679")) == [keep]


def test_merge_refuses_nonsense_and_writes_nothing(db_path: Path) -> None:
    a = new({"name": "甲", "phone": "13900000001"})
    with pytest.raises(ValidationError):
        duplicates.merge_customers(keep=a, drop=a, today=TODAY, now=NOW)
    with pytest.raises(NotFoundError):
        duplicates.merge_customers(keep=a, drop=999, today=TODAY, now=NOW)
    assert rows(db_path, "SELECT count(*) FROM audit_log WHERE action = 'merge'") == [(0,)]
