"""Issue #16 use cases: outcomes that decide the next step, contact pauses per vehicle,
outcome delays, and the renewal list (续保).

``apply_outcome`` runs inside the caller's transaction (completing a follow-up or logging
a contact), before the customer is re-planned, so the pauses it writes are honoured at
once: the planner cancels that car's pending follow-ups of the paused type, with why.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from dealerdesk.errors import ValidationError
from dealerdesk.i18n import Msg, t
from dealerdesk.retention.cadence import VehicleInput
from dealerdesk.retention.cadence.aftersales import RULE_CONTACT_TYPE, first_service_state
from dealerdesk.retention.cadence.dates import fmt_day
from dealerdesk.retention.cadence.outcomes import (
    MAX_DELAY,
    RETRY_OUTCOMES,
    VEHICLE_OUTCOMES,
    effective_delays,
)
from dealerdesk.services import settings
from dealerdesk.services.changes import Changed, changed
from dealerdesk.store import aftersales_store as st
from dealerdesk.store import followup_queries as fq
from dealerdesk.store.db import write_transaction
from dealerdesk.store.validation import format_phone
from dealerdesk.vocab.aftersales import ContactType, PauseState, PolicyKind
from dealerdesk.vocab.contact import Outcome

__all__ = [
    "OutcomeDelay", "PauseRow", "RenewalRow", "VehiclePauses", "apply_outcome", "clear_pause", "log_outcome",
    "outcome_delay", "outcome_delays", "pause_contact", "renewal_list", "set_outcome_delay",
    "set_policy", "vehicle_pauses",
]  # fmt: skip

PauseRow = st.PauseRecord
RenewalRow = st.RenewalRecord


@dataclass(frozen=True, slots=True)
class OutcomeDelay:
    code: str
    days: int
    help: Msg


@dataclass(frozen=True, slots=True)
class VehiclePauses:
    """One car on the customer detail: what is paused or closed and why, and its
    first-service state (``done``/``waiting``/``due``/``lapsed``, "" if not sold here)."""

    vehicle_id: int
    label: str
    first_service: str
    pauses: tuple[st.PauseRecord, ...]


# -- outcome delays ------------------------------------------------------------------------
def outcome_delays() -> list[OutcomeDelay]:
    delays = effective_delays(st.outcome_delays())
    return [
        OutcomeDelay(code, days, Msg(f"aftersales.delay.{code}")) for code, days in delays.items()
    ]


def outcome_delay(code: str) -> int:
    return effective_delays(st.outcome_delays())[code]


def set_outcome_delay(*, code: str, days: int, staff_id: int | None = None) -> Changed:
    """Edit one outcome's re-contact delay (Settings; managers only, audited)."""
    from dealerdesk.services.auth import require
    from dealerdesk.vocab.staff import Permission

    require(Permission.CHANGE_RULES)
    if code not in tuple(Outcome):
        raise ValidationError(
            "code", t("safety.valid.choice", value=code, choices=", ".join(Outcome))
        )
    if not 0 <= days <= MAX_DELAY:
        raise ValidationError("days", t("aftersales.valid.range", value=days, high=MAX_DELAY))
    with write_transaction():
        st.set_outcome_delay(code, days, staff_id=staff_id)
    return changed("setting")


# -- pauses --------------------------------------------------------------------------------
def _stamp(today: date) -> datetime:
    return datetime.combine(today, datetime.min.time())


def _replan(customer_id: int, today: date) -> None:
    from dealerdesk.services import followups

    followups.replan([customer_id], today=today, now=_stamp(today))


def pause_contact(
    *, customer_id: int, vehicle_id: int, contact_type: str, reason: str, today: date,
    until: date | None = None, closed: bool = False, staff_id: int | None = None,
) -> Changed:  # fmt: skip
    """Do-not-contact for one car and one contact type (``all``: every type), with the
    reason a person gives (required); until a day, or until cleared."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("reason", t("aftersales.valid.why_pause"))
    if len(reason) > 200:
        raise ValidationError("reason", t("safety.valid.too_long", n=len(reason), max=200))
    if contact_type not in tuple(ContactType):
        raise ValidationError(
            "contact_type",
            t("safety.valid.choice", value=contact_type, choices=", ".join(ContactType)),
        )
    if until is not None and until <= today:
        raise ValidationError(
            "until", t("aftersales.valid.not_after_today", value=until.isoformat())
        )
    with write_transaction():
        st.vehicle_of(customer_id, vehicle_id)
        new_id = st.add_pause(
            customer_id=customer_id, vehicle_id=vehicle_id, contact_type=contact_type,
            state=PauseState.CLOSED if closed else PauseState.PAUSED, reason=reason,
            since=today, until=until, outcome=None, staff_id=staff_id, stamp=_stamp(today),
        )  # fmt: skip
        _replan(customer_id, today)
    return changed("followup", "vehicle", customers=(customer_id,), new_id=new_id)


def clear_pause(*, pause_id: int, today: date, staff_id: int | None = None) -> Changed:
    """Contact again: the planner brings back what the rules want for that car."""
    with write_transaction():
        customer_id, _vehicle = st.clear_pause(pause_id, stamp=_stamp(today), staff_id=staff_id)
        _replan(customer_id, today)
    return changed("followup", "vehicle", customers=(customer_id,))


def vehicle_pauses(*, customer_id: int, today: date) -> list[VehiclePauses]:
    """Each car of the customer with its pauses and closes in force (the detail panel)."""
    from dealerdesk.services.followups import cadence_rules

    rules = {r.key: r for r in cadence_rules()}
    pauses = st.active_pauses(customer_id, on=today)
    out = []
    for v in st.vehicles_of(customer_id):
        facts = VehicleInput(id=v.id, label=v.label, purchase_date=v.purchase_date,
                             sold_here=v.sold_here, last_service_on=v.last_service_on)  # fmt: skip
        mine = tuple(p for p in pauses if p.vehicle_id == v.id)
        out.append(VehiclePauses(v.id, v.label, first_service_state(facts, today, rules), mine))
    return out


# -- outcomes ------------------------------------------------------------------------------
def car_choices(customer_id: int) -> list[tuple[int, str]]:
    """The customer's cars as (id, label), for the outcomes that are about one car."""
    return [(v.id, v.label) for v in st.vehicles_of(customer_id)]


def _which_vehicle(customer_id: int, vehicle_id: int | None) -> int:
    if vehicle_id is not None:
        st.vehicle_of(customer_id, vehicle_id)
        return vehicle_id
    cars = st.vehicles_of(customer_id)
    if len(cars) == 1:
        return cars[0].id
    raise ValidationError("vehicle_id", t("aftersales.valid.which_car"))


def apply_outcome(
    *, customer_id: int, outcome: str, today: date, vehicle_id: int | None = None,
    rule: str | None = None, staff_id: int | None = None, assignee_id: int | None = None,
) -> int | None:  # fmt: skip
    """Write what *outcome* decides (the caller holds the transaction and re-plans):
    pauses and closes for the car, the new-owner follow-up of a sold car. Returns the id
    of a follow-up it created, if any. *rule*: the follow-up's rule, for ``declined``."""
    delays = effective_delays(st.outcome_delays())
    days = delays.get(outcome, 0)
    stamp = _stamp(today)
    kind = VEHICLE_OUTCOMES.get(outcome)
    if kind is None:
        ctype = RULE_CONTACT_TYPE.get(rule or "")
        if outcome in RETRY_OUTCOMES or days <= 0 or ctype is None or vehicle_id is None:
            return None
        reason = t("aftersales.reason.declined" if outcome == Outcome.DECLINED else
                   "aftersales.reason.other", day=fmt_day(today),
                   outcome=t(f"vocab.outcome.{outcome}"))  # fmt: skip
        st.add_pause(customer_id=customer_id, vehicle_id=vehicle_id, contact_type=ctype,
                     state=PauseState.PAUSED, reason=reason, since=today,
                     until=today + timedelta(days=days), outcome=outcome, staff_id=staff_id,
                     stamp=stamp)  # fmt: skip
        return None
    car = _which_vehicle(customer_id, vehicle_id)
    reason = t(f"aftersales.reason.{outcome}", day=fmt_day(today))
    sold = outcome == Outcome.CAR_SOLD
    until = None if sold or days <= 0 else today + timedelta(days=days)
    st.add_pause(customer_id=customer_id, vehicle_id=car, contact_type=kind,
                 state=PauseState.CLOSED if sold else PauseState.PAUSED, reason=reason,
                 since=today, until=until, outcome=outcome, staff_id=staff_id, stamp=stamp)  # fmt: skip
    if outcome == Outcome.INSURED_ELSEWHERE:
        st.set_insured_elsewhere(car)
    if not sold:
        return None
    label = st.vehicle_of(customer_id, car).label
    return fq.insert_followup(
        customer_id=customer_id, kind="new_owner", rule="new_owner",
        source_key=f"newowner:{car}", purpose="service", essential=False,
        due=today + timedelta(days=days), reason=t("fu.new_owner", car=label, day=fmt_day(today)),
        assignee_id=staff_id if staff_id is not None else assignee_id, vehicle_id=car,
        complaint_id=None, campaign_id=None, stamp=stamp, outcome="rescheduled",
    )  # fmt: skip


def log_outcome(
    *, customer_id: int, outcome: str, now: datetime, vehicle_id: int | None = None,
    callback_on: date | None = None, staff_id: int | None = None, contact_id: int = 0,
) -> int | None:  # fmt: skip
    """What a contact logged by hand (no follow-up) decides: the vehicle outcomes as in
    ``apply_outcome``; "call back" on an agreed day plans a call on exactly that day."""
    today = now.date()
    if callback_on is not None:
        if outcome != Outcome.CALL_BACK:
            raise ValidationError("callback_on", t("aftersales.valid.callback_only"))
        if callback_on < today:
            raise ValidationError("callback_on", t("aftersales.valid.past"))
        return fq.insert_followup(
            customer_id=customer_id, kind="callback", rule="callback",
            source_key=f"callback:c{contact_id or customer_id}:{callback_on.isoformat()}",
            purpose="service", essential=False, due=callback_on,
            reason=t("fu.callback_on", day=fmt_day(callback_on), reason=t("followups.kind.callback")),
            assignee_id=staff_id, vehicle_id=vehicle_id, complaint_id=None, campaign_id=None,
            stamp=_stamp(today), outcome="call_back",
        )  # fmt: skip
    if outcome in VEHICLE_OUTCOMES:
        return apply_outcome(customer_id=customer_id, outcome=outcome, today=today,
                             vehicle_id=vehicle_id, staff_id=staff_id)  # fmt: skip
    return None


# -- the renewal list ----------------------------------------------------------------------
def renewal_list(*, today: date, days: int = 60, elsewhere_only: bool = False) -> list[RenewalRow]:
    """Policies ending from today to *days* ahead (续保), soonest first; *elsewhere_only*:
    cars serviced here but insured elsewhere (the ones to win the policy of)."""
    if not 0 <= days <= 366:
        raise ValidationError("days", t("aftersales.valid.range", value=days, high=366))
    rows = st.renewal_rows(start=today, end=today + timedelta(days=days),
                           elsewhere_only=elsewhere_only)  # fmt: skip
    region = settings.get("phone_region")  # phones as the desk reads them, as elsewhere
    return [replace(r, phone=format_phone(r.phone, region)) if r.phone else r for r in rows]


def set_policy(
    *, customer_id: int, vehicle_id: int, today: date, insurance_end: date | None,
    insurance_kind: str = "", insurer: str = "", insured_here: bool = True,
) -> Changed:  # fmt: skip
    """Record a car's policy for the renewal list: kind, end date, insurer, sold here or not."""
    if insurance_kind and insurance_kind not in tuple(PolicyKind):
        raise ValidationError(
            "insurance_kind",
            t("safety.valid.choice", value=insurance_kind, choices=", ".join(PolicyKind)),
        )
    insurer = (insurer or "").strip()
    if len(insurer) > 80:
        raise ValidationError("insurer", t("safety.valid.too_long", n=len(insurer), max=80))
    with write_transaction():
        st.vehicle_of(customer_id, vehicle_id)
        st.set_policy(vehicle_id, {"insurance_end": insurance_end.isoformat() if insurance_end else None,
                                   "insurance_kind": insurance_kind or None,
                                   "insurer": insurer or None, "insured_here": int(insured_here)})  # fmt: skip
        _replan(customer_id, today)
    return changed("vehicle", "followup", customers=(customer_id,))
