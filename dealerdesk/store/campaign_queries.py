"""Campaigns: the facts their audience rules need for every customer (a few set-based
queries), the campaign with its invited members, and the results the desk records."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dealerdesk.errors import NotFoundError, ValidationError
from dealerdesk.store.convert import to_date
from dealerdesk.store.db import database
from dealerdesk.store.models import Campaign, CampaignMember
from dealerdesk.store.validation import validate_choice, validate_date, validate_text
from dealerdesk.vocab.campaigns import CampaignKind


@dataclass(frozen=True, slots=True)
class CustomerFactsRow:
    """One customer's audience facts, as stored (the service builds the domain's shape)."""

    id: int
    name: str
    status: str
    city: str
    phone: bool
    wechat: bool
    email: bool
    tier: str
    segment: str
    lifecycle: str
    vehicles: list[tuple[str, str, str, date | None, int | None]] = field(default_factory=list)
    last_service: date | None = None
    opted_out: set[tuple[str, str]] = field(default_factory=set)
    recent_contacts: int = 0
    planned: int = 0


# fmt: off
_CUSTOMERS = ("SELECT c.id, c.name, c.status, c.city, c.phone, c.wechat, c.email, s.tier,"
              " s.segment, s.lifecycle FROM customer c LEFT JOIN customer_score s"
              " ON s.customer_id = c.id WHERE c.archived = 0 ORDER BY c.id")
_VEHICLES = ("SELECT customer_id, make, model, plate, purchase_date, year FROM vehicle"
             " WHERE archived = 0 ORDER BY id")
_LAST_SERVICE = "SELECT customer_id, max(date) FROM visit WHERE kind = 'service' GROUP BY customer_id"
_OPTED_OUT = "SELECT customer_id, channel, purpose FROM consent WHERE granted = 0"
_RECENT = ("SELECT l.customer_id, count(*) FROM contact_log l LEFT JOIN followup f"
           " ON f.id = l.followup_id WHERE l.at >= ? AND l.direction = 'out'"
           " AND (f.id IS NULL OR f.essential = 0) GROUP BY l.customer_id")
_PLANNED = ("SELECT customer_id, count(*) FROM followup WHERE status = 'pending'"
            " AND essential = 0 AND due < ? GROUP BY customer_id")
# fmt: on


def audience_facts(*, contacts_since: date, planned_before: date) -> list[CustomerFactsRow]:
    """Every customer not deleted, with what the audience and exclusion rules read
    (one query per kind of fact, for everyone at once)."""
    vehicles: dict[int, list[tuple[str, str, str, date | None, int | None]]] = defaultdict(list)
    for cid, make, model, plate, bought, year in database.execute_sql(_VEHICLES):
        vehicles[cid].append((make, model, plate or "", to_date(bought), year))
    last = {r[0]: to_date(r[1]) for r in database.execute_sql(_LAST_SERVICE)}
    opted: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for cid, channel, purpose in database.execute_sql(_OPTED_OUT):
        opted[cid].add((channel, purpose))
    recent = dict(database.execute_sql(_RECENT, [contacts_since.isoformat()]).fetchall())
    planned = dict(database.execute_sql(_PLANNED, [planned_before.isoformat()]).fetchall())
    none: list[tuple[str, str, str, date | None, int | None]] = []
    return [
        CustomerFactsRow(
            cid,
            name,
            status,
            city or "",
            bool(phone),
            bool(wechat),
            bool(email),
            tier or "",
            segment or "",
            lifecycle or "",
            vehicles.get(cid, none),
            last.get(cid),
            opted.get(cid, set()),
            recent.get(cid, 0),
            planned.get(cid, 0),
        )
        for cid, name, status, city, phone, wechat, email, tier, segment, lifecycle in database.execute_sql(
            _CUSTOMERS
        )
    ]


@dataclass(frozen=True, slots=True)
class CampaignRow:
    id: int
    name: str
    kind: str
    starts_on: date
    ends_on: date | None
    invite_days_before: int
    language: str
    template: str
    criteria: str
    invited: int
    reached: int
    accepted: int
    visited: int
    invitations: int  # follow-ups the planner made for it


@dataclass(frozen=True, slots=True)
class MemberRow:
    customer_id: int
    name: str
    phone: str
    message: str
    reached: bool
    accepted: bool
    visited: bool
    followup: str  # the invitation's status/outcome ("pending", "done/reached"…) or ""


_CAMPAIGNS = """
SELECT c.id, c.name, c.kind, c.starts_on, c.ends_on, c.invite_days_before, c.language,
       c.template, c.criteria,
       (SELECT count(*) FROM campaign_member m WHERE m.campaign_id = c.id),
       (SELECT count(*) FROM campaign_member m WHERE m.campaign_id = c.id AND m.reached = 1),
       (SELECT count(*) FROM campaign_member m WHERE m.campaign_id = c.id AND m.accepted = 1),
       (SELECT count(*) FROM campaign_member m WHERE m.campaign_id = c.id AND m.visited = 1),
       (SELECT count(*) FROM followup f WHERE f.campaign_id = c.id)
FROM campaign c WHERE c.archived = 0 ORDER BY c.starts_on DESC, c.id DESC
"""


def campaign_rows() -> list[CampaignRow]:
    return [
        CampaignRow(
            int(r[0]),
            str(r[1]),
            str(r[2]),
            to_date(r[3]),  # type: ignore[arg-type]
            to_date(r[4]),
            int(r[5]),  # type: ignore[arg-type]
            str(r[6] or "zh_CN"),
            str(r[7] or ""),
            str(r[8] or ""),
            *map(int, r[9:14]),
        )
        for r in database.execute_sql(_CAMPAIGNS)
    ]


def members(campaign_id: int) -> list[MemberRow]:
    sql = """
    SELECT m.customer_id, c.name, c.phone, m.message, m.reached, m.accepted, m.visited,
           (SELECT f.status || coalesce('/' || f.outcome, '') FROM followup f
             WHERE f.campaign_id = m.campaign_id AND f.customer_id = m.customer_id
             ORDER BY f.id DESC LIMIT 1)
    FROM campaign_member m JOIN customer c ON c.id = m.customer_id
    WHERE m.campaign_id = ? ORDER BY c.sort_name, c.id"""
    return [
        MemberRow(
            int(r[0]),
            str(r[1]),
            str(r[2] or ""),
            str(r[3] or ""),
            bool(r[4]),
            bool(r[5]),
            bool(r[6]),
            str(r[7] or ""),
        )
        for r in database.execute_sql(sql, [campaign_id])
    ]


def create_campaign(
    *, name: str, kind: str, starts_on: date, ends_on: date | None, invite_days_before: int,
    criteria: dict[str, object], template: str, language: str,
    members: Sequence[tuple[int, str]], today: date,
) -> int:  # fmt: skip
    """The campaign with its invited customers and their messages. Its ``audience`` is
    exactly those customers, so the follow-up planner invites them and no one else."""
    values: dict[str, Any] = {
        "name": validate_text(name, "name", required=True, max_len=120),
        "kind": validate_choice(kind, "kind", tuple(CampaignKind)),
        "starts_on": validate_date(starts_on, "starts_on", required=True),
        "ends_on": validate_date(ends_on, "ends_on"),
        "template": validate_text(template, "template", required=True, max_len=1000),
        "language": validate_choice(language, "language", ("zh_CN", "en")),
    }
    if values["starts_on"] < today:
        raise ValidationError("starts_on", "is in the past")
    if values["ends_on"] is not None and values["ends_on"] < values["starts_on"]:
        raise ValidationError("ends_on", "is before the start")
    if not 0 <= invite_days_before <= 90:
        raise ValidationError("invite_days_before", f"{invite_days_before} is not 0–90 days")
    if not members:
        raise ValidationError("audience", "nobody would be invited")
    ids = sorted({cid for cid, _m in members})
    with database.atomic():
        camp = Campaign.create(
            **values, invite_days_before=invite_days_before,
            audience=json.dumps({"customer_ids": ids}),
            criteria=json.dumps(criteria, ensure_ascii=False, default=str),
        )  # fmt: skip
        rows = [{"campaign": camp.id, "customer": cid, "message": msg} for cid, msg in members]
        for start in range(0, len(rows), 500):
            CampaignMember.insert_many(rows[start : start + 500]).execute()
    return int(camp.id)


def set_result(
    campaign_id: int, customer_id: int, *, reached: bool, accepted: bool, visited: bool
) -> None:
    with database.atomic():
        n = (CampaignMember.update(reached=reached or accepted or visited,
                                   accepted=accepted or visited, visited=visited)
             .where((CampaignMember.campaign == campaign_id)
                    & (CampaignMember.customer == customer_id)).execute())  # fmt: skip
    if not n:
        raise NotFoundError(f"Customer {customer_id} was not invited to campaign {campaign_id}.")
