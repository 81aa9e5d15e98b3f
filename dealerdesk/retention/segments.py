"""Who is worth what, and where they stand: value tiers, RFM segments, lifecycle stages.

Why three views: DESIGN.md says serve customers by value, not all alike (tiers, the
80/20 cut); RFM tells how a customer behaves (recent? frequent? big?) and so what to say;
the lifecycle stage tells where the relationship is (a prospect to convert, a new buyer to
welcome, a lapsed one to win back). Each comes with a suggested strategy in words.

Everything here is pure: plain numbers in, names out. The population-wide cut points
(tier thresholds, RFM quintile breakpoints) are returned as small frozen records so the
services can store them and score one changed customer later exactly as the whole
population was scored.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import ArrayLike

from dealerdesk.retention.fact_columns import FactColumns
from dealerdesk.retention.facts import CustomerFacts
from dealerdesk.vocab.customer import GONE_STATUSES
from dealerdesk.vocab.retention import LifecycleStage, Segment, ValueTier

__all__ = [
    "DEFAULT_SERVICE_INTERVAL_DAYS", "LIFECYCLE_STAGES", "LOST_STATUSES", "SEGMENTS",
    "STAGE_CODE",
    "STRATEGIES", "TIERS", "RFMBreakpoints", "TierCut", "lifecycle", "lifecycle_stages",
    "rfm_breakpoints", "rfm_scores", "rfm_segment", "service_intervals", "strategy_for",
    "tier_codes", "tier_cut", "tier_for", "usual_service_interval", "value_tiers",
]  # fmt: skip

# The word lists live in dealerdesk.vocab; these names stay for the callers.
TIERS = tuple(ValueTier)
SEGMENTS = tuple(Segment)
LIFECYCLE_STAGES = tuple(LifecycleStage)
LOST_STATUSES = GONE_STATUSES

# The 80/20 cut: VIP + Gold hold up to 80% of spend, VIP the first 50% of it; the caps keep
# them an elite when spend is flat (10 equal customers must not all be VIP).
GOLD_SPEND_SHARE, GOLD_MAX_SHARE = 0.80, 0.20
VIP_SPEND_SHARE, VIP_MAX_SHARE = 0.50, 0.05

DEFAULT_SERVICE_INTERVAL_DAYS = 182.0  # the cadence's "every 6 months" (DESIGN.md)
MIN_INTERVAL_DAYS, MAX_INTERVAL_DAYS = 91.0, 730.0
NEW_CUSTOMER_DAYS = 365
LOST_AFTER_DAYS = 1096  # three years without a visit: gone, whatever the rhythm was


# --- value tiers ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TierCut:
    """The smallest 24-month spend that makes VIP and Gold (``inf``: nobody qualifies)."""

    vip_min: float
    gold_min: float


def _top_group(spend_desc: np.ndarray, share: float, cap: int) -> int:
    """How many of the top spenders form the group: the fewest holding ``share`` of all
    spend, at most ``cap`` people, and never splitting customers tied on spend (a tie at
    the boundary joins if that stays within the cap, otherwise it falls below)."""
    positive = spend_desc[spend_desc > 0]
    if positive.size == 0:
        return 0
    cumulative = np.cumsum(positive)
    k = int(np.searchsorted(cumulative, share * cumulative[-1] * (1 - 1e-12))) + 1
    k = min(k, cap, positive.size)
    boundary = positive[k - 1]
    with_ties = int(np.count_nonzero(positive >= boundary))
    return with_ties if with_ties <= cap else int(np.count_nonzero(positive > boundary))


def tier_cut(spend: ArrayLike) -> TierCut:
    """Tier thresholds for a population's 24-month spend (one value per customer).

    Rule: sort by spend, highest first. VIP + Gold are the fewest top spenders who
    together hold 80% of all spend, capped at 20% of customers; VIP are the fewest who
    hold 50%, capped at 5%. Ties are never split; zero (or negative) spend is never above
    Standard. So on real, skewed data ~20% of customers make ~80% of spend and land in
    VIP/Gold; on flat data the caps (and the tie rule) keep the top tiers small or empty.
    """
    values = np.sort(np.asarray(spend, dtype=float))[::-1]
    n = values.size
    if n == 0:
        return TierCut(math.inf, math.inf)
    k_vip = _top_group(values, VIP_SPEND_SHARE, max(1, math.ceil(VIP_MAX_SHARE * n)))
    k_gold = _top_group(values, GOLD_SPEND_SHARE, max(1, math.ceil(GOLD_MAX_SHARE * n)))
    k_gold = max(k_gold, k_vip)
    return TierCut(
        vip_min=float(values[k_vip - 1]) if k_vip else math.inf,
        gold_min=float(values[k_gold - 1]) if k_gold else math.inf,
    )


def tier_for(spend: float, cut: TierCut) -> ValueTier:
    if spend > 0 and spend >= cut.vip_min:
        return ValueTier.VIP
    if spend > 0 and spend >= cut.gold_min:
        return ValueTier.GOLD
    return ValueTier.STANDARD


def tier_codes(spend: np.ndarray, cut: TierCut) -> np.ndarray:
    """``tier_for`` over an array of 24-month spends, as codes into ``TIERS``."""
    code = {tier: i for i, tier in enumerate(TIERS)}
    return np.select([(spend > 0) & (spend >= cut.vip_min), (spend > 0) & (spend >= cut.gold_min)],
                     [code[ValueTier.VIP], code[ValueTier.GOLD]],
                     code[ValueTier.STANDARD]).astype(np.int8)  # fmt: skip


def value_tiers(spend_by_customer: Mapping[int, float]) -> dict[int, str]:
    """VIP / Gold / Standard per customer id by 24-month spend (see ``tier_cut``)."""
    cut = tier_cut(list(spend_by_customer.values()))
    return {cid: tier_for(float(s), cut) for cid, s in spend_by_customer.items()}


# --- RFM --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RFMBreakpoints:
    """Quintile breakpoints (20/40/60/80%) of -recency days, frequency and monetary."""

    recency: tuple[float, ...]
    frequency: tuple[float, ...]
    monetary: tuple[float, ...]


_QUINTILES = (0.2, 0.4, 0.6, 0.8)


def _breaks(values: np.ndarray) -> tuple[float, ...]:
    if values.size == 0:
        return (0.0, 0.0, 0.0, 0.0)
    return tuple(float(q) for q in np.quantile(values, _QUINTILES))


def rfm_breakpoints(recency_days: ArrayLike, frequency: ArrayLike,
                    monetary: ArrayLike) -> RFMBreakpoints:  # fmt: skip
    """Breakpoints over the customers who have visited (prospects have no RFM)."""
    r = -np.asarray(recency_days, dtype=float)  # fewer days since the last visit is better
    return RFMBreakpoints(
        _breaks(r), _breaks(np.asarray(frequency, float)), _breaks(np.asarray(monetary, float))
    )


def _quintile(values: np.ndarray, breaks: tuple[float, ...]) -> np.ndarray:
    # 1 + how many breakpoints the value is strictly above: equal values always share a
    # score (the lower one), so the result is deterministic however ties are ordered.
    return (1 + (values[:, None] > np.asarray(breaks)[None, :]).sum(axis=1)).astype(np.int8)


def rfm_scores(breaks: RFMBreakpoints, recency_days: ArrayLike, frequency: ArrayLike,
               monetary: ArrayLike) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """R, F, M scores 1–5 (5 best; recency is reversed: 5 = most recent)."""
    r = _quintile(-np.atleast_1d(np.asarray(recency_days, float)), breaks.recency)
    f = _quintile(np.atleast_1d(np.asarray(frequency, float)), breaks.frequency)
    m = _quintile(np.atleast_1d(np.asarray(monetary, float)), breaks.monetary)
    return r, f, m


def rfm_segment(r: int, f: int, m: int) -> Segment:
    """Name the segment; the rules are tried in order and cover every (r, f, m).

    Recent (r >= 3): champions when frequent and big (f, m >= 4), loyal when both >= 3,
    else promising. Not recent (r <= 2): quiet big spenders when they were frequent and
    big (f, m >= 4), fading when either was >= 3, else hibernating (r = 2) or dormant
    (r = 1). (The classic names "At risk", "Can't lose them" and "Lost" are not used:
    they read like a risk band or a status and contradicted them on screen.)
    """
    if r >= 3:
        if r >= 4 and f >= 4 and m >= 4:
            return Segment.CHAMPIONS
        if f >= 3 and m >= 3:
            return Segment.LOYAL
        return Segment.PROMISING
    if f >= 4 and m >= 4:
        return Segment.QUIET_BIG_SPENDERS
    if f >= 3 or m >= 3:
        return Segment.FADING
    return Segment.HIBERNATING if r == 2 else Segment.DORMANT


# --- lifecycle --------------------------------------------------------------------------


def usual_service_interval(facts: CustomerFacts) -> tuple[float, bool]:
    """The customer's own service rhythm in days, and whether it is their own
    (``service_intervals`` for one customer)."""
    days, own = service_intervals(FactColumns.from_facts([facts]))
    return float(days[0]), bool(own[0])


def service_intervals(facts: FactColumns) -> tuple[np.ndarray, np.ndarray]:
    """Each customer's own service rhythm in days, and whether it is their own.

    Mean gap between services, counting the purchase that started the clock when it came
    first; clamped to 3–24 months so one odd pair of visits cannot make it absurd. Without
    at least one gap the dealership norm (6 months) stands in: (182.0, False).
    """
    f = facts
    bought_first = f.first_purchase < f.first_service  # False where either is missing
    start = np.where(bought_first, f.first_purchase, f.first_service)
    gaps = f.service_count - 1 + bought_first
    own = (f.service_count >= 1) & (gaps >= 1) & (f.last_service > start)
    days = (f.last_service - start) / np.maximum(gaps, 1)
    interval = np.where(own, np.clip(np.nan_to_num(days), MIN_INTERVAL_DAYS, MAX_INTERVAL_DAYS),
                        DEFAULT_SERVICE_INTERVAL_DAYS)  # fmt: skip
    return interval, own


def lifecycle_limits(interval_days: float) -> tuple[float, float]:
    """(active until, at risk until) in days since the last visit, for this rhythm.

    Active while the silence is under 1.5 usual intervals (at least 9 months); lapsing
    up to 3 intervals (at least 18 months); lapsed after that; gone after 3 years.
    """
    active = max(1.5 * interval_days, 270.0)
    at_risk = min(max(3.0 * interval_days, 548.0), float(LOST_AFTER_DAYS))
    return active, at_risk


def lifecycle(
    facts: CustomerFacts, today: date, *, interval_days: float | None = None
) -> LifecycleStage:
    """One customer's stage (``lifecycle_stages`` for one customer)."""
    columns = FactColumns.from_facts([facts])
    interval = None if interval_days is None else np.array([float(interval_days)])
    return LIFECYCLE_STAGES[int(lifecycle_stages(columns, today, interval)[0])]


STAGE_CODE = {stage: code for code, stage in enumerate(LIFECYCLE_STAGES)}


def lifecycle_stages(facts: FactColumns, today: date,
                     interval_days: np.ndarray | None = None) -> np.ndarray:  # fmt: skip
    """prospect | new | active | lapsing | lapsed | gone per customer, from status and visit
    rhythm, as codes into ``LIFECYCLE_STAGES``.

    Staff marking a customer lost, moved or deceased wins over any arithmetic. Someone
    never seen is a prospect. Otherwise the silence since the last visit is measured
    against the customer's own rhythm (``lifecycle_limits``); a first visit within a year
    makes an active customer "new". ``interval_days`` saves recomputing the rhythms when
    the caller already has them.
    """
    if interval_days is None:
        interval_days = service_intervals(facts)[0]
    since = facts.since(facts.last_visit, today)
    active_until = np.maximum(1.5 * interval_days, 270.0)
    at_risk_until = np.minimum(np.maximum(3.0 * interval_days, 548.0), float(LOST_AFTER_DAYS))
    first = np.where(np.isnan(facts.first_visit), facts.last_visit, facts.first_visit)
    new = facts.since(first, today) <= NEW_CUSTOMER_DAYS
    return np.select(
        [facts.marked_gone, np.isnan(since), since > LOST_AFTER_DAYS, since > at_risk_until,
         since > active_until, new],
        [STAGE_CODE[LifecycleStage.GONE], STAGE_CODE[LifecycleStage.PROSPECT], STAGE_CODE[LifecycleStage.GONE],
         STAGE_CODE[LifecycleStage.LAPSED], STAGE_CODE[LifecycleStage.LAPSING], STAGE_CODE[LifecycleStage.NEW]],
        STAGE_CODE[LifecycleStage.ACTIVE],
    ).astype(np.int8)  # fmt: skip


# --- strategies -------------------------------------------------------------------------

STRATEGIES: Mapping[str, Mapping[str, str]] = {
    "tier": {
        "VIP": "Serve personally: a named advisor, a manager call each quarter, VIP "
        "benefits (priority booking, courtesy car, events, recognition).",
        "Gold": "Deepen: recommend what fits (tyres, extended warranty, accessories) and "
        "invite to new models and club events.",
        "Standard": "Serve well and build loyalty: reminders on time, a satisfaction call "
        "after each visit, monthly contact.",
    },
    "segment": {
        "champions": "Reward and recognise: VIP events and benefits; ask for referrals and "
        "reviews (one loyal customer moves about eight others).",
        "loyal": "Deepen the relationship: recommend what fits the car's age and mileage, "
        "invite to new models.",
        "promising": "Build loyalty: a service plan, a follow-up after every visit, make the "
        "next visit easy to book.",
        "fading": "Call personally: find out what changed and give a reason to come back "
        "(service check, offer).",
        "quiet_big_spenders": "Manager call now: they were among the best; fix what went wrong "
        "and make a tailored offer.",
        "hibernating": "Reactivate with one relevant offer (seasonal check, campaign); do "
        "not over-contact.",
        "dormant": "Win-back call: ask why they left (at most 4 tries) and record the reason.",
        "prospect": "Convert: invite to a test drive, a first service or an event.",
    },
    "lifecycle": {
        "prospect": "Convert: invite to a test drive, a first service or an event.",
        "new": "Welcome: thank-you message, 7-day check-in, book the first service.",
        "active": "Serve and build loyalty: monthly contact, reminders on time, recommend "
        "what fits.",
        "lapsing": "Call personally: ask how the car is, offer a service slot, fix any open issue.",
        "lapsed": "Win back: ask why they stopped coming and invite them back.",
        "gone": "Ask why they left and record it; contact only with consent, for campaigns "
        "and referrals.",
        "target": "Awareness: events, partner referrals and campaigns.",
    },
}


def strategy_for(kind: str, name: str) -> str:
    """The strategy sentence for a tier, segment or lifecycle stage ('' if unknown)."""
    return STRATEGIES.get(kind, {}).get(name, "")
