"""How the dealership reaches a customer, and how a contact ended.

The store validates against these, services import them, and the dialogs build their
choices (with the shortcut letter) from ``OUTCOME_KEYS``; labels are the i18n codes
``vocab.channel.<code>`` and ``vocab.outcome.<code>``.
"""

from __future__ import annotations

from enum import StrEnum


class Channel(StrEnum):
    PHONE = "phone"
    SMS = "sms"
    WECHAT = "wechat"
    EMAIL = "email"
    VISIT = "visit"


class Outcome(StrEnum):
    """How a contact ended. ``NO_ANSWER`` and ``LEFT_MESSAGE`` count as unanswered."""

    REACHED = "reached"
    NO_ANSWER = "no_answer"
    LEFT_MESSAGE = "left_message"
    CALL_BACK = "call_back"
    WRONG_NUMBER = "wrong_number"
    DECLINED = "declined"
    # issue #16: outcome codes whose reason decides the next step (DealerMine's idea).
    CAR_SOLD = "car_sold"  # 车子转让: the car's reminders close; ask for the new owner
    INSURED_ELSEWHERE = "insured_else"  # 外面投保: renewal calls pause for that car
    SERVICED_ELSEWHERE = "service_else"  # maintenance reminders pause for that car


UNANSWERED = frozenset({Outcome.NO_ANSWER, Outcome.LEFT_MESSAGE})

# The letter that picks each outcome in the completion and log-contact dialogs.
OUTCOME_KEYS: dict[Outcome, str] = {
    Outcome.REACHED: "R",
    Outcome.NO_ANSWER: "N",
    Outcome.LEFT_MESSAGE: "L",
    Outcome.CALL_BACK: "C",
    Outcome.WRONG_NUMBER: "W",
    Outcome.DECLINED: "D",
    Outcome.CAR_SOLD: "S",
    Outcome.INSURED_ELSEWHERE: "I",
    Outcome.SERVICED_ELSEWHERE: "E",
}
