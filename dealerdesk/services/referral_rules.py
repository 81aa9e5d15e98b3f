"""The rules of a customer-to-customer referral, without a database (unit-tested alone).

A friend is *referred*; their first purchase makes the referral *bought*, their first
service visit *serviced* (a serviced friend who later buys a car becomes *bought*: the
sale is what the dealership wanted); only then can the referrer be *rewarded* — a reward
for a friend who never came would be paid for nothing. A referral that came to nothing
is *lost*, and can be reopened (*referred* again) if the friend turns up after all.
Rewarded is final.
"""

from __future__ import annotations

from datetime import date

from dealerdesk.errors import ValidationError
from dealerdesk.i18n import Msg, render
from dealerdesk.vocab.referrals import ReferralStatus

S = ReferralStatus

# current status → the statuses it may move to
MOVES: dict[ReferralStatus, frozenset[ReferralStatus]] = {
    S.REFERRED: frozenset({S.BOUGHT, S.SERVICED, S.LOST}),
    S.SERVICED: frozenset({S.BOUGHT, S.REWARDED, S.LOST}),
    S.BOUGHT: frozenset({S.REWARDED}),
    S.REWARDED: frozenset(),
    S.LOST: frozenset({S.REFERRED}),
}
REWARDABLE = frozenset({S.BOUGHT, S.SERVICED})


def _label(status: str) -> Msg:
    return Msg(f"vocab.referral_status.{status}")


def can_move(current: str, target: str) -> bool:
    """Whether a referral that is *current* may become *target*."""
    try:
        return S(target) in MOVES[S(current)]
    except ValueError:
        return False


def check_move(current: str, target: str) -> None:
    """Raise ``ValidationError`` on the ``status`` field unless the move is allowed."""
    if target not in S._value2member_map_:
        raise ValidationError("status", f"“{target}” is not a referral status")
    if current == target:
        raise ValidationError("status", render(Msg("referrals.move.same",
                                                   {"current": _label(current)})))  # fmt: skip
    if not can_move(current, target):
        raise ValidationError("status", render(Msg(
            "referrals.move.refused", {"current": _label(current), "target": _label(target)})))  # fmt: skip


def status_from_visits(
    current: str, *, first_sale: date | None, first_service: date | None
) -> tuple[ReferralStatus, date] | None:
    """The move the friend's visits (on or after the referral) call for, and its day.

    A sale makes *referred* or *serviced* referrals *bought*; a service visit makes a
    *referred* one *serviced*. Lost, bought and rewarded referrals are never moved by
    visits (a lost one is reopened by hand first: somebody decided it was lost).
    """
    if current in (S.REFERRED, S.SERVICED) and first_sale is not None:
        return S.BOUGHT, first_sale
    if current == S.REFERRED and first_service is not None:
        return S.SERVICED, first_service
    return None


def check_reward(
    current: str, *, reward: str, amount: float | None, on: date, came_on: date | None
) -> None:
    """A reward needs a bought/serviced referral, words or an amount, and a day not
    before the friend came."""
    check_move(current, S.REWARDED)
    if not reward.strip() and not amount:
        raise ValidationError("reward", render(Msg("referrals.reward.needed")))
    if came_on is not None and on < came_on:
        raise ValidationError(
            "rewarded_on", render(Msg("referrals.reward.before", {"on": came_on}))
        )
