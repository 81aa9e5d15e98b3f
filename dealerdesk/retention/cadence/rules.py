"""The follow-up cadence: one rule per row of DESIGN.md's table, and the global knobs.

Why plain data: the defaults below are seeded into the ``cadence_rule`` table once and
the manager edits them in Settings; the planner only ever sees ``RuleSpec`` values (the
defaults overlaid with the stored rows), so every rule is unit-tested without a database.

Each rule has two figures. ``offset_days`` is always "days after (negative: before) the
trigger". ``limit_days`` is the rule's second figure and its meaning depends on the rule
(``limit_help`` says it in words for the Settings screen): the stay-in-touch overdue
limit, the service interval in km, the last year of the trade-in window, the days
between complaint follow-ups, the maximum number of win-back tries.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from dealerdesk.vocab.contact import Channel

SERVICE = "service"
MARKETING = "marketing"
PURPOSES = (SERVICE, MARKETING)

# Channel preference orders. The customer's own preferred channel goes first when the
# rule allows it; calls want a voice channel, greetings are fine as a message.
_P, _W, _S, _E = Channel.PHONE, Channel.WECHAT, Channel.SMS, Channel.EMAIL  # dealerdesk.vocab's
CALL = (_P, _W, _S, _E)
MESSAGE = (_W, _S, _P, _E)
REMINDER = (_P, _S, _W, _E)


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """One cadence rule as the planner uses it.

    Attributes:
        key: stable identifier, also the follow-up ``kind`` (at most 20 characters).
        label: what the task is called on screen ("Thank-you message").
        trigger: what starts it, in words (for Settings).
        offset_days / limit_days: see the module docstring.
        purpose: ``service`` or ``marketing`` — decides which consent applies and whether
            lost/moved customers get it (they get no marketing).
        essential: exempt from the contact-fatigue cap (DESIGN: holidays and service
            reminders are excepted; so are complaints and the insurance/inspection/
            warranty calls).
        priority: when the fatigue cap must choose, lower numbers win.
        channels: channel preference order.
    """

    key: str
    label: str
    trigger: str
    offset_days: int
    limit_days: int | None
    purpose: str
    essential: bool
    priority: int
    channels: tuple[str, ...]
    offset_help: str
    limit_help: str = ""
    enabled: bool = True
    kind: str = ""  # the follow-up kind when it is not the key (the three renewal calls)


# fmt: off
DEFAULT_RULES: tuple[RuleSpec, ...] = (
    RuleSpec("thanks", "Thank-you message", "vehicle sale", 2, None, SERVICE, False, 10, MESSAGE,
             "days after the sale"),
    RuleSpec("checkin", "Usage check-in", "vehicle sale", 7, None, SERVICE, False, 20, CALL,
             "days after the sale"),
    RuleSpec("touch", "Stay-in-touch call", "any customer", 30, 60, MARKETING, False, 75, CALL,
             "days after the last contact", "days after the last contact it counts as overdue"),
    RuleSpec("satisfaction", "Satisfaction call", "service visit", 3, None, SERVICE, False, 30,
             CALL, "days after the visit"),
    RuleSpec("declined_work", "Declined-work follow-up", "work declined at a visit", 14, None,
             SERVICE, False, 60, CALL, "days after the visit"),
    RuleSpec("birthday", "Birthday greeting", "birthday (solar or lunar)", -1, None, MARKETING,
             False, 40, MESSAGE, "days from the birthday (−1: the day before)"),
    RuleSpec("holiday", "Holiday greeting", "public holiday", -1, None, MARKETING, True, 0,
             MESSAGE, "days from the holiday, then back to a working day"),
    RuleSpec("anniversary", "Purchase anniversary greeting", "purchase anniversary", -1, None,
             MARKETING, False, 50, MESSAGE, "days from the anniversary"),
    RuleSpec("personal_date", "Personal date greeting", "wedding anniversary, other dates", -1,
             None, MARKETING, False, 45, MESSAGE, "days from the date"),
    # issue #16: three renewal calls (续保) at 45, 33 and 30 days before the policy ends.
    RuleSpec("insurance", "Insurance renewal call", "insurance policy end", -45, None, SERVICE,
             True, 0, REMINDER, "days from the policy end (first call)"),
    RuleSpec("insurance_2", "Insurance renewal, 2nd call", "insurance policy end", -33, None,
             SERVICE, True, 0, REMINDER, "days from the policy end (second call)",
             kind="insurance"),
    RuleSpec("insurance_3", "Insurance renewal, last call", "insurance policy end", -30, None,
             SERVICE, True, 0, REMINDER, "days from the policy end (last call)",
             kind="insurance"),
    RuleSpec("inspection", "Inspection reminder", "statutory inspection due", -30, None, SERVICE,
             True, 0, REMINDER, "days from the inspection date"),
    # issue #16: the reminder comes at 5 months, a month ahead of the 6-month interval.
    RuleSpec("service_due", "Maintenance reminder", "service interval", 152, 5000, SERVICE, True,
             0, REMINDER, "days after the last service", "km after the last service"),
    RuleSpec("first_service", "First-service reminder", "vehicle sale, no service yet (首保)", 90,
             30, SERVICE, True, 0, REMINDER, "days after the sale (first reminder)",
             "days between reminders"),
    RuleSpec("first_lapsed", "Lapsed first service", "no first service (首保) by then", 365, None,
             SERVICE, False, 65, CALL, "days after the sale: reminders stop, the car is lapsed"),
    RuleSpec("warranty", "Warranty extension call", "warranty end", -60, None, SERVICE, True, 0,
             REMINDER, "days from the warranty end"),
    RuleSpec("trade_in", "Trade-in invitation", "vehicle 4–6 years old", 14, 6, MARKETING, False,
             85, CALL, "days after each purchase anniversary in the window",
             "last vehicle age (years) that gets an invitation"),
    RuleSpec("complaint", "Complaint follow-up", "complaint opened", 1, 3, SERVICE, True, 0, CALL,
             "working days after opening", "days between follow-ups until resolved"),
    RuleSpec("winback", "Win-back call", "customer lost or lapsed", 30, 4, SERVICE, False, 65,
             CALL, "days between tries", "tries at most"),
    RuleSpec("campaign", "Campaign invitation", "campaign", 0, None, MARKETING, False, 80, CALL,
             "days added to the campaign's own invitation date"),
)
# fmt: on

RULE_KEYS: tuple[str, ...] = tuple(r.key for r in DEFAULT_RULES)
OTHER_KIND_LABELS = {
    "manual": "Follow-up",
    "callback": "Call back",
    "added_value": "Added-value offer",  # issue #14
}


OTHER_KIND_LABELS["new_owner"] = "Record the new owner"  # issue #16: a sold car
KIND_LABELS: dict[str, str] = {
    r.key: r.label for r in DEFAULT_RULES if not r.kind
} | OTHER_KIND_LABELS


def kind_label(kind: str) -> str:
    """Human words for a follow-up kind, also for kinds no rule knows."""
    return KIND_LABELS.get(kind) or kind.replace("_", " ").capitalize()


@dataclass(frozen=True, slots=True)
class StoredRule:
    """The editable part of a rule as the settings table holds it."""

    key: str
    label: str
    offset_days: int
    limit_days: int | None
    purpose: str
    essential: bool
    enabled: bool


def effective_rules(stored: Iterable[StoredRule]) -> dict[str, RuleSpec]:
    """The defaults overlaid with the stored rows; unknown stored keys are ignored.

    A rule missing from the table keeps its default, so a database seeded by an older
    version still gets the rules added since.
    """
    rows = {s.key: s for s in stored}
    out: dict[str, RuleSpec] = {}
    for rule in DEFAULT_RULES:
        s = rows.get(rule.key)
        if s is None:
            out[rule.key] = rule
            continue
        out[rule.key] = replace(
            rule,
            label=s.label or rule.label,
            offset_days=s.offset_days,
            limit_days=s.limit_days if s.limit_days is not None else rule.limit_days,
            purpose=s.purpose if s.purpose in PURPOSES else rule.purpose,
            essential=s.essential,
            enabled=s.enabled,
        )
    return out


# Holidays greeted by default, per country: (code used in the source key, a fragment of
# the English name in the ``holidays`` library). Qingming (tomb-sweeping) is a day of
# remembrance and Labour Day a plain day off: no greeting. A country not listed here
# greets every public holiday (first day of each, "observed" days skipped).
DEFAULT_HOLIDAY_PICKS: Mapping[str, tuple[tuple[str, str], ...]] = {
    "CN": (
        ("newyear", "New Year's Day"),
        ("spring", "Spring Festival"),
        ("dragonboat", "Dragon Boat"),
        ("midautumn", "Mid-Autumn"),
        ("national", "National Day"),
    ),
}


@dataclass(frozen=True, slots=True)
class CadenceConfig:
    """Dealership-wide knobs the rules share (stored as settings, defaults here).

    Attributes:
        country: ISO code for the holiday calendar and working days.
        fatigue_cap: non-essential contacts allowed per ``fatigue_days`` (None: no cap).
        late_days: how long after its due date a one-off follow-up (thanks, satisfaction
            call…) is still worth doing; after that it is dropped as stale.
        service_late_days: the same for maintenance reminders (a customer that far past
            the interval is the win-back's and stay-in-touch's business).
        lapsed_after_days: no visit for this long makes an active customer "lapsed".
        lost_after_days: no visit for this long makes them "lost": win-back calls, no
            maintenance or first-service reminders (issue #16).
        trade_in_from_years: first vehicle age with a trade-in invitation.
        max_no_answer: unanswered attempts before a follow-up is closed as "no answer".
        holiday_picks: per country, which holidays are greeted (see above).
        catchup_days: on a customer's first plan (a new or imported file), what fell due
            more than this many days before goes to the one-time catch-up list instead
            of Today's overdue calls.
    """

    country: str = "CN"
    fatigue_cap: int | None = 2
    fatigue_days: int = 30
    late_days: int = 14
    service_late_days: int = 60
    lapsed_after_days: int = 365  # issue #16: lapsed 12–24 months, lost after 24
    lost_after_days: int = 730
    trade_in_from_years: int = 4
    max_no_answer: int = 3
    catchup_days: int = 14
    holiday_picks: Mapping[str, tuple[tuple[str, str], ...]] = field(
        default_factory=lambda: dict(DEFAULT_HOLIDAY_PICKS)
    )
