"""Campaign use cases: preview an audience (matches, exclusions and why, a sample
message), create the campaign with its invitation follow-ups, record results.

The invitations are the follow-up planner's ``campaign`` follow-ups: the campaign is
stored with exactly the invited customers as its audience and the planner is run for
them, so the invitations appear on Today on the campaign's invitation day (its start
minus ``invite_days_before``), with the planner's own consent and fatigue checks.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, timedelta

from dealerdesk.errors import ValidationError
from dealerdesk.retention import campaign_audience as ca
from dealerdesk.retention.campaign_audience import AudienceFacts, Criteria, Preview, VehicleFacts
from dealerdesk.services import customers, followups
from dealerdesk.services.changes import Changed, changed
from dealerdesk.store import campaign_queries as q
from dealerdesk.store.campaign_queries import CampaignRow, MemberRow
from dealerdesk.store.db import write_transaction

__all__ = ["AudiencePreview", "CampaignRow", "Criteria", "MemberRow", "create_campaign",
           "list_campaigns", "members", "preview_audience", "record_result", "response_rate"]  # fmt: skip

SAMPLES = 200  # excluded customers listed by name in the preview


@dataclass(frozen=True, slots=True)
class AudiencePreview:
    """What the Campaigns screen shows before anything is written."""

    preview: Preview
    sample_message: str  # the template filled in for the first invited customer
    cap: int | None
    days: int


_REACH = {
    (phone, wechat, email): frozenset(
        (("phone", "sms") if phone else ()) + (("wechat",) if wechat else ())
        + (("email",) if email else ()))
    for phone in (False, True) for wechat in (False, True) for email in (False, True)
}  # fmt: skip


def _facts(today: date, days: int) -> list[AudienceFacts]:
    ages: dict[tuple[date | None, int | None], float | None] = {}

    def age(bought: date | None, year: int | None) -> float | None:
        key = (bought, year)
        if key not in ages:
            ages[key] = ((today - bought).days / 365.25 if bought
                         else (today.year - year if year else None))  # fmt: skip
        return ages[key]

    return [
        AudienceFacts(
            r.id,
            r.name,
            r.status,
            False,
            r.tier,
            r.segment,
            r.lifecycle,
            r.city,
            tuple(
                VehicleFacts(make, model, plate, age(bought, year))
                for make, model, plate, bought, year in r.vehicles
            ),
            r.last_service,
            _REACH[r.phone, r.wechat, r.email],
            frozenset(r.opted_out),
            r.recent_contacts,
            r.planned,
        )
        for r in q.audience_facts(
            contacts_since=today - timedelta(days=days - 1),
            planned_before=today + timedelta(days=days),
        )
    ]


def preview_audience(
    criteria: Criteria, *, today: date, template: str = "", language: str = "zh_CN",
    starts_on: date | None = None,
) -> AudiencePreview:  # fmt: skip
    config = followups.cadence_config()
    result = ca.preview(_facts(today, config.fatigue_days), criteria, cap=config.fatigue_cap,
                        days=config.fatigue_days)  # fmt: skip
    sample = ""
    if template.strip() and result.invited:
        _check(template)
        sample = ca.message(template, result.invited[0], day=starts_on or today, language=language)
    return AudiencePreview(result, sample, config.fatigue_cap, config.fatigue_days)


def _check(template: str) -> None:
    try:
        ca.check_template(template)
    except ValueError as exc:
        raise ValidationError("template", str(exc)) from exc


def create_campaign(
    *, name: str, kind: str, criteria: Criteria, template: str, language: str,
    starts_on: date, ends_on: date | None = None, invite_days_before: int = 7, today: date,
) -> Changed:  # fmt: skip
    """Store the campaign and its invited members (with their messages), then plan the
    invitation follow-ups; returns what changed (``new_id``: the campaign)."""
    if not template.strip():
        raise ValidationError("template", "write the message")
    _check(template)
    found = preview_audience(criteria, today=today)
    members = [(c.id, ca.message(template, c, day=starts_on, language=language))
               for c in found.preview.invited]  # fmt: skip
    ids = tuple(c for c, _m in members)
    with write_transaction():
        new_id = q.create_campaign(
            name=name, kind=kind, starts_on=starts_on, ends_on=ends_on,
            invite_days_before=invite_days_before, criteria=criteria.to_json(),
            template=template, language=language, members=members, today=today,
        )  # fmt: skip
        followups.generate_followups(today=today, customer_ids=ids)
    return changed("campaign", "followup", customers=ids, new_id=new_id)


def list_campaigns() -> list[CampaignRow]:
    return q.campaign_rows()


def criteria_of(row: CampaignRow) -> Criteria:
    return Criteria.from_json(json.loads(row.criteria)) if row.criteria else Criteria()


def members(campaign_id: int) -> list[MemberRow]:
    """The invited customers, phones as people read them."""
    return [replace(m, phone=customers.display_phone(m.phone)) for m in q.members(campaign_id)]


def record_result(
    campaign_id: int, customer_id: int, *, reached: bool, accepted: bool, visited: bool
) -> Changed:
    """Accepted implies reached, visited implies accepted."""
    with write_transaction():
        q.set_result(campaign_id, customer_id, reached=reached, accepted=accepted,
                     visited=visited)  # fmt: skip
    return changed("campaign", customers=(customer_id,), new_id=campaign_id)


def response_rate(row: CampaignRow) -> float | None:
    return ca.response_rate(row.invited, row.accepted)
