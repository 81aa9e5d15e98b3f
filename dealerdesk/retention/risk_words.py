"""The words of the at-risk score: its reasons and actions, and the numbers they use.

Why apart from ``risk``: the score is arithmetic over everyone at once; the words are
worded one customer at a time, and only for the customers whose cached row changed
(``risk.RiskColumns.results``). Each reason is one sentence of a group of warning signs
(``REASON_GROUPS``) with its numbers — ``Msg("risk.no_visit", {"gap": 14 months,
"usual": 6 months})`` — and ``reason_codes`` gives, for everyone at once, the numbers
each sentence would use, so a full refresh can tell whose words moved without wording
anyone.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache

import numpy as np

from dealerdesk.i18n import Msg
from dealerdesk.retention.churn import last_touch_days
from dealerdesk.retention.fact_columns import FactColumns
from dealerdesk.retention.facts import CustomerFacts
from dealerdesk.retention.segments import service_intervals, usual_service_interval
from dealerdesk.vocab.customer import CustomerStatus
from dealerdesk.vocab.retention import LifecycleStage, RiskBand, ValueTier

__all__ = ["GONE_WORDS", "GROUP_NAMES", "REASON_GROUPS", "action", "reason", "reason_codes",
           "span", "span_codes"]  # fmt: skip

# Columns of FEATURES grouped into the sentences a person reads.
REASON_GROUPS: dict[str, tuple[str, ...]] = {
    # BG/NBD's inputs say the same thing as the silence against the rhythm, in a model's
    # terms; shown as its own "chance still a customer 79%" beside a risk of 100 it read
    # like a contradiction, so it speaks through the rhythm sentence.
    "rhythm": (
        "recency",
        "frequency",
        "age",
        "overdue",
        "one_time",
        "gap",
        "due_in",
        "bgnbd_expected",
        "bgnbd_dropout",
    ),
    "thinning": ("thinning",),
    "no_first_service": ("no_first_service",),
    "service_overdue": ("service_overdue",),
    "spend": ("spend_drop",),
    "declined": ("declined_open",),
    "complaint": ("complaint",),
    "nps": ("detractor",),
    "unanswered": ("unanswered",),
    "contact": ("no_contact",),
}
GROUP_NAMES = tuple(REASON_GROUPS)


def span(days: float) -> Msg:
    """A duration the way people say it: days, weeks, months, then half years."""
    return _span(int(days + 0.5) if days > 0 else 0)  # (builtin round: slow on numpy floats)


@lru_cache(maxsize=4096)
def _span(days: int) -> Msg:  # shared, immutable: 100k reasons use a few hundred spans
    if days < 14:
        return Msg("common.days", {"n": max(0, days)})
    if days < 61:
        return Msg("common.weeks", {"n": round(days / 7)})
    months = round(days / 30.44)
    if months < 24:
        return Msg("common.months", {"n": months})
    years = round(days / 365.25 * 2) / 2
    return Msg("common.years", {"n": int(years) if years == int(years) else years})


def _money(amount: float) -> str:
    return f"¥{amount:,.0f}"


def reason(group: str, f: CustomerFacts, today: date) -> Msg | None:
    if group == "rhythm" and f.last_visit is not None:
        gap = (today - f.last_visit).days
        if f.visit_days <= 1:
            return Msg("risk.seen_once", {"gap": span(gap)})
        usual = (f.last_visit - f.first_visit).days / (f.visit_days - 1) if f.first_visit else 0
        return Msg("risk.no_visit", {"gap": span(gap), "usual": span(usual)})
    if group == "thinning" and f.prev_visit is not None and f.first_visit is not None:
        before = (f.prev_visit - f.first_visit).days / max(f.visit_days - 2, 1)
        last = (f.last_visit - f.prev_visit).days if f.last_visit else 0
        return Msg("risk.thinning", {"last": span(last), "usual": span(before)})
    if group == "no_first_service" and f.last_purchase is not None:
        return Msg("risk.no_first_service", {"gap": span((today - f.last_purchase).days)})
    if group == "service_overdue" and f.last_service is not None:
        interval, own = usual_service_interval(f)
        code = "risk.service_overdue_own" if own else "risk.service_overdue_maker"
        return Msg(code, {"gap": span((today - f.last_service).days), "usual": span(interval)})
    if group == "spend":
        now = f.aftersales_12m if f.aftersales_12m is not None else f.spend_12m
        before = f.aftersales_prev_12m if f.aftersales_prev_12m is not None else f.spend_prev_12m
        if before <= 0:
            return None
        if now <= 0:
            return Msg("risk.no_spend", {"before": _money(before)})
        return Msg("risk.spend_down", {"pct": round(100 * (1 - now / before)),
                                       "now": _money(now), "before": _money(before)})  # fmt: skip
    if group == "declined" and f.last_declined is not None:
        return Msg("risk.declined_open", {"gap": span((today - f.last_declined).days)})
    if group == "complaint" and f.open_complaints > 0:
        age = max(0, (today - f.oldest_open_complaint).days) if f.oldest_open_complaint else 0
        if f.open_complaints == 1:
            return Msg("risk.complaint_open", {"age": span(age)})
        return Msg("risk.complaints_open", {"n": f.open_complaints, "age": span(age)})
    if group == "nps" and f.last_nps is not None:
        return Msg("risk.low_nps", {"nps": f.last_nps, "when": f.last_nps_on})
    if group == "unanswered" and f.unanswered_streak > 0:
        return Msg("risk.unanswered", {"n": f.unanswered_streak})
    if group == "contact":
        touched = f.last_contact
        if touched is None or (f.last_visit is not None and f.last_visit > touched):
            touched = f.last_visit
        if touched is not None:
            return Msg("risk.no_contact", {"gap": span((today - touched).days)})
    return None


# --- actions ----------------------------------------------------------------------------

_ACTION_FOR_GROUP = {
    "complaint": "risk.action.complaint",
    "nps": "risk.action.nps",
    "unanswered": "risk.action.unanswered",
    "thinning": "risk.action.personal_call",
    "no_first_service": "risk.action.first_service",
    "service_overdue": "risk.action.service",
    "spend": "risk.action.spend",
    "declined": "risk.action.declined",
    "rhythm": "risk.action.personal_call",
    "contact": "risk.action.stay_in_touch",
}
_QUIET_ACTIONS = {
    LifecycleStage.NEW: "risk.action.welcome",
    LifecycleStage.ACTIVE: "risk.action.keep_in_touch",
    LifecycleStage.LAPSING: "risk.action.personal_call",
    LifecycleStage.LAPSED: "risk.action.win_back",
}
GONE_WORDS = {
    CustomerStatus.LOST: ("risk.gone.marked_lost", "risk.action.win_back_lost"),
    CustomerStatus.MOVED: ("risk.gone.moved", "risk.action.moved"),
    CustomerStatus.DECEASED: ("risk.gone.deceased", "risk.action.do_not_contact"),
}


def action(groups: Sequence[str], stage: LifecycleStage, band: RiskBand,
            tier: str | None) -> Msg:  # fmt: skip
    """What to do. An open complaint comes first (it is fixable today); otherwise the
    heaviest reason decides, except that lapsed customers are won back."""
    if "complaint" in groups:
        code = _ACTION_FOR_GROUP["complaint"]
    elif groups and (groups[0] in ("nps", "unanswered") or stage != LifecycleStage.LAPSED):
        code = _ACTION_FOR_GROUP[groups[0]]
    else:
        code = _QUIET_ACTIONS.get(stage, "risk.action.keep_in_touch")
    if band == RiskBand.HIGH and tier in (ValueTier.VIP, ValueTier.GOLD):
        return _manager_calls(code, str(tier))
    return _plain_action(code)


@lru_cache(maxsize=64)
def _plain_action(code: str) -> Msg:  # shared: a few dozen actions for 100k customers
    return Msg(code)


@lru_cache(maxsize=64)
def _manager_calls(code: str, tier: str) -> Msg:
    label = Msg(f"vocab.value_tier.{tier}")  # 大客户 in Chinese
    return Msg("risk.action.manager_calls", {"action": _plain_action(code), "tier": label})


# --- scoring ----------------------------------------------------------------------------


def span_codes(days: np.ndarray) -> np.ndarray:
    """``span`` as one number per entry: equal codes are worded as the same duration."""
    d = np.where(days > 0, np.floor(days + 0.5), 0.0)
    return np.select(
        [d < 14, d < 61, np.rint(d / 30.44) < 24],
        [d, 1_000 + np.rint(d / 7), 2_000 + np.rint(d / 30.44)],
        3_000 + np.rint(d / 365.25 * 2),
    ).astype(np.int64)  # fmt: skip


def _present(column: np.ndarray) -> np.ndarray:
    return (~np.isnan(column)).astype(np.int64)


def reason_codes(f: FactColumns, today: date) -> list[list[np.ndarray]]:
    """Per reason group (in ``REASON_GROUPS`` order), the numbers ``reason`` words it with."""

    def since(column: np.ndarray) -> np.ndarray:
        return span_codes(np.nan_to_num(f.since(column, today)))

    once = f.visit_days <= 1
    usual = np.where(np.isnan(f.first_visit), 0.0,
                     (f.last_visit - f.first_visit) / np.maximum(f.visit_days - 1, 1))  # fmt: skip
    before_gap = (f.prev_visit - f.first_visit) / np.maximum(f.visit_days - 2, 1)
    last_gap = np.where(np.isnan(f.last_visit), 0.0, f.last_visit - f.prev_visit)
    interval, own = service_intervals(f)
    now = np.where(np.isnan(f.aftersales_12m), f.spend_12m, f.aftersales_12m)
    before = np.where(np.isnan(f.aftersales_prev_12m), f.spend_prev_12m, f.aftersales_prev_12m)
    spend_kind = np.select([before <= 0, now <= 0], [0, 1], 2)
    pct = np.rint(100 * (1 - now / np.where(before > 0, before, 1.0)))
    thinning = _present(f.prev_visit) & _present(f.first_visit)
    complaint_age = np.maximum(0, np.nan_to_num(f.since(f.oldest_open_complaint, today)))
    codes = {
        "rhythm": [once.astype(np.int64), since(f.last_visit),
                   np.where(once, 0, span_codes(usual))],
        "thinning": [thinning, np.where(thinning > 0, span_codes(np.nan_to_num(last_gap)), 0),
                     np.where(thinning > 0, span_codes(np.nan_to_num(before_gap)), 0)],
        "no_first_service": [_present(f.last_purchase), since(f.last_purchase)],
        "service_overdue": [_present(f.last_service), own.astype(np.int64),
                            since(f.last_service), span_codes(interval)],
        "spend": [spend_kind, np.rint(before).astype(np.int64),
                  np.where(spend_kind == 2, np.rint(now), 0).astype(np.int64),
                  np.where(spend_kind == 2, pct, 0).astype(np.int64)],
        "declined": [_present(f.last_declined), since(f.last_declined)],
        "complaint": [f.open_complaints.astype(np.int64), span_codes(complaint_age)],
        "nps": [_present(f.last_nps), np.nan_to_num(f.last_nps, nan=-1).astype(np.int64),
                np.nan_to_num(f.last_nps_on, nan=-1).astype(np.int64)],
        "unanswered": [f.unanswered_streak.astype(np.int64)],
        "contact": [_present(last_touch_days(f)), since(last_touch_days(f))],
    }  # fmt: skip
    return [codes[name] for name in GROUP_NAMES]


