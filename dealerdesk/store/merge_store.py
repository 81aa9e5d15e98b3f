"""Likely duplicate customers, and merging two into one without losing a row.

The unique indexes already keep one customer per main phone and one vehicle per VIN, so
the duplicates that remain are the ones those cannot see: a number stored as one
customer's main phone and another's second phone, the same plate on two customers, and
the same name typed twice with a phone one digit apart or the same address.

A merge moves every row that points at the dropped customer (vehicles, visits, contacts,
complaints, surveys, referrals, follow-ups, contact people, personal dates, consents) to
the kept one, fills the kept customer's empty fields from the dropped one, deletes the
dropped customer, and writes one audit row holding the dropped record — all inside the
caller's transaction.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from dealerdesk.errors import NotFoundError, ValidationError
from dealerdesk.i18n import t
from dealerdesk.store.db import database
from dealerdesk.store.models import AuditLog

_FIELDS = ("id", "name", "phone", "phone2", "wechat", "email", "gender", "birthday",
           "address", "city", "notes", "name_alt", "referred_by_id", "partner_id", "owner_id")  # fmt: skip
_FILL = ("wechat", "email", "gender", "birthday", "address", "city", "name_alt",
         "referred_by_id", "partner_id", "owner_id")  # fmt: skip
# Tables whose rows simply follow the customer.
_MOVE = ("vehicle", "visit", "complaint", "survey", "contact_log", "contact_person",
         "personal_date")  # fmt: skip


@dataclass(frozen=True, slots=True)
class CustomerBrief:
    id: int
    name: str
    phone: str | None
    phone2: str | None
    address: str | None
    vehicles: int
    visits: int


@dataclass(frozen=True, slots=True)
class Candidate:
    """Two customers and the reason codes (``phone``, ``plate``, ``name_phone``…)."""

    a: int
    b: int
    reasons: tuple[tuple[str, str], ...]  # (code, the shared value)


def _digits(phone: str | None) -> str:
    return re.sub(r"\D", "", phone or "")[-11:]


def _near(p: str, q: str) -> bool:
    """Same length and one digit different, or two neighbours swapped."""
    if not p or not q or len(p) != len(q) or p == q:
        return p == q and bool(p)
    diff = [i for i, (x, y) in enumerate(zip(p, q, strict=True)) if x != y]
    if len(diff) == 1:
        return True
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and p[diff[0]] == q[diff[1]]
        and p[diff[1]] == q[diff[0]]
    )


def _address_key(text: str | None) -> str:
    return re.sub(r"[\s,，.。#号-]", "", (text or "").lower())


def find_candidates(limit: int = 2000) -> list[Candidate]:
    found: dict[tuple[int, int], list[tuple[str, str]]] = {}

    def add(x: int, y: int, code: str, value: str) -> None:
        key = (min(x, y), max(x, y))
        reasons = found.setdefault(key, [])
        if (code, value) not in reasons:
            reasons.append((code, value))

    # One pass over the customers in Python: phone2 has no index, and a self-join on it
    # was a nested scan (minutes at 100,000 customers); dicts make it linear.
    rows = database.execute_sql(
        "SELECT id, name, phone, phone2, address FROM customer WHERE archived = 0 ORDER BY id"
    ).fetchall()
    main_phone = {p1: cid for cid, _n, p1, _p2, _a in rows if p1}
    second: dict[str, int] = {}
    groups: dict[str, list[tuple[int, str, str, str]]] = {}
    for cid, name, p1, p2, address in rows:
        if p2:
            if p2 in main_phone and main_phone[p2] != cid:
                add(main_phone[p2], cid, "phone", p2)
            if p2 in second:
                add(second[p2], cid, "phone", p2)
            second.setdefault(p2, cid)
        # Group by the name without spaces or case ("张 伟" is 张伟).
        key = re.sub(r"\s+", "", name).lower()
        groups.setdefault(key, []).append(
            (cid, name, _digits(p1) or _digits(p2), _address_key(address))
        )
    # Plates: only those on two customers' cars, found through the plate index.
    by_plate: dict[str, set[int]] = {}
    for plate, cid in database.execute_sql(
        "SELECT v.plate, v.customer_id FROM vehicle v JOIN customer c ON c.id = v.customer_id"
        " WHERE v.archived = 0 AND c.archived = 0 AND v.plate IN (SELECT plate FROM vehicle"
        " WHERE archived = 0 AND plate IS NOT NULL AND plate <> '' GROUP BY plate"
        " HAVING count(DISTINCT customer_id) > 1)"
    ):
        by_plate.setdefault(plate, set()).add(cid)
    for plate, owners in by_plate.items():
        ordered = sorted(owners)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                add(a, b, "plate", plate)
    for members in groups.values():
        if len(members) < 2:
            continue
        for i, (a, name, pa, ada) in enumerate(members):
            for b, _n, pb, adb in members[i + 1 :]:
                if pa and pb and _near(pa, pb):
                    add(a, b, "name_phone", name)
                elif ada and ada == adb:
                    add(a, b, "name_address", name)
                elif not pa or not pb:
                    add(a, b, "name_no_phone", name)
    pairs = sorted(found.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:limit]
    return [Candidate(a, b, tuple(r)) for (a, b), r in pairs]


def briefs(ids: list[int]) -> dict[int, CustomerBrief]:
    if not ids:
        return {}
    marks = ",".join(str(int(x)) for x in sorted(set(ids)))  # ints only: safe inline
    return {
        r[0]: CustomerBrief(*r)
        for r in database.execute_sql(
            "SELECT c.id, c.name, c.phone, c.phone2, c.address,"
            " (SELECT count(*) FROM vehicle v WHERE v.customer_id = c.id),"
            " (SELECT count(*) FROM visit s WHERE s.customer_id = c.id)"
            f" FROM customer c WHERE c.id IN ({marks})"
        )
    }


def _record(cid: int) -> dict[str, Any]:
    row = database.execute_sql(
        f"SELECT {', '.join(_FIELDS)} FROM customer WHERE id = ?", (cid,)
    ).fetchone()
    if row is None:
        raise NotFoundError(t("dup.no_customer", id=cid))
    return dict(zip(_FIELDS, row, strict=True))


def merge(keep: int, drop: int, *, stamp: datetime, staff_id: int | None) -> dict[str, int]:
    """Move everything of *drop* to *keep* and delete *drop*; returns rows moved per table.
    The CALLER holds the transaction."""
    if keep == drop:
        raise ValidationError("drop", t("dup.self"))
    kept, dropped = _record(keep), _record(drop)
    moved: dict[str, int] = {}
    for table in _MOVE:
        cursor = database.execute_sql(
            f"UPDATE {table} SET customer_id = ? WHERE customer_id = ?", (keep, drop)
        )
        moved[table] = cursor.rowcount
    # Consent: the kept customer's own word wins where both have one.
    cursor = database.execute_sql(
        "UPDATE consent SET customer_id = ? WHERE customer_id = ? AND NOT EXISTS (SELECT 1"
        " FROM consent k WHERE k.customer_id = ? AND k.channel = consent.channel"
        " AND k.purpose = consent.purpose)",
        (keep, drop, keep),
    )
    moved["consent"] = cursor.rowcount
    database.execute_sql("DELETE FROM consent WHERE customer_id = ?", (drop,))
    # Follow-ups: the plan's open ones are re-planned for the kept customer; done ones and
    # those a person scheduled by hand move over.
    database.execute_sql(
        "DELETE FROM followup WHERE customer_id = ? AND status = 'pending' AND rule <> 'manual'",
        (drop,),
    )
    moved["followup"] = database.execute_sql(
        "UPDATE followup SET customer_id = ? WHERE customer_id = ?", (keep, drop)
    ).rowcount
    refs = 0
    for sql in (
        "UPDATE referral SET referrer_id = ? WHERE referrer_id = ?",
        "UPDATE referral SET referred_id = ? WHERE referred_id = ?",
        "UPDATE customer SET referred_by_id = ? WHERE referred_by_id = ?",
    ):
        refs += database.execute_sql(sql, (keep, drop)).rowcount
    moved["referral"] = refs
    from dealerdesk.store.partner_queries import move_exchanges  # issue #14

    moved["partner_referral"] = move_exchanges(keep, drop)
    changes: dict[str, Any] = {}
    for key in _FILL:
        if kept[key] in (None, "") and dropped[key] not in (None, "") and dropped[key] != keep:
            changes[key] = dropped[key]
    phones = [p for p in (kept["phone"], kept["phone2"]) if p]
    extra = [p for p in (dropped["phone"], dropped["phone2"]) if p and p not in phones]
    if extra and not kept["phone"]:
        changes["phone"] = extra.pop(0)
    if extra and not kept["phone2"]:
        changes["phone2"] = extra.pop(0)
    if dropped["notes"]:
        changes["notes"] = "\n".join(x for x in (kept["notes"], dropped["notes"]) if x)
    database.execute_sql("DELETE FROM customer_score WHERE customer_id = ?", (drop,))
    database.execute_sql("DELETE FROM customer_search WHERE customer_id = ?", (drop,))
    database.execute_sql("DELETE FROM customer WHERE id = ?", (drop,))
    if changes:
        sets = ", ".join(f"{k} = ?" for k in changes)
        database.execute_sql(
            f"UPDATE customer SET {sets}, updated_at = ? WHERE id = ?",
            (*changes.values(), stamp.isoformat(" "), keep),
        )
    AuditLog.insert(
        at=stamp, staff=staff_id, action="merge", entity="customer", entity_id=keep,
        details=json.dumps(
            {"kept": keep, "dropped": dropped, "filled": sorted(changes), "moved": moved},
            ensure_ascii=False, default=str),
    ).execute()  # fmt: skip
    return moved
